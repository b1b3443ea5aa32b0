/**
 * The family letter's languages (src/i18n/letter/): every key in every language, no French
 * sentence left untranslated, the ENT's French words kept with their translation in brackets, the
 * password rule said in each language, every character in the embedded DejaVu faces.
 */
import { test, expect } from '@playwright/test';
import { LETTERS } from '../../src/i18n/letter';
import { LETTER_KEYS, SECOND_LANGS, type LetterLang, type LetterTexts } from '../../src/i18n/letter/types';
import { ruleSentenceIn } from '../../src/i18n/letter/rule';
import { ruleSentence } from '../../src/i18n/password-rule';
import { readPasswordRegex, type PasswordRule } from '../../src/console/password-rule';
import { makeDoc } from '../../src/pdf/document';
import { FONT as FONT_NAME } from '../../src/pdf/fonts';
import { FONT } from './fixtures/pdf-tools';

const FR = LETTERS.fr;
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
/** Words only French has among these languages: one of them outside « … » is a sentence left in French. */
const FRENCH_WORDS = /\b(votre|vous|cliquez|compte|puis|avec|conservez|rendez|saisissez|choisissez|adressez|indiquez|école|lettre|besoin|aide|connectez)\b/iu;
const RULES: PasswordRule[] = [
  readPasswordRegex('.{8}.*')!,
  readPasswordRegex('^(?=.*[0-9])(?=.*[a-z])(?=.*[A-Z]).{12,}$')!,
  readPasswordRegex('^(?=.*\\d)(?=.*[!@#$%]).{8,20}$')!,
  readPasswordRegex('^(?=.*[a-zA-Z])(?=\\S+$).{1,}$')!,
];

test('every key exists in every language, with the same placeholders as French', () => {
  expect(Object.keys(LETTERS).sort()).toEqual(['fr', ...SECOND_LANGS].sort());
  for (const [lang, t] of Object.entries(LETTERS) as [LetterLang, LetterTexts][]) {
    expect(t.lang).toBe(lang);
    for (const k of LETTER_KEYS) {
      expect.soft(typeof t[k] === 'string' && t[k].trim().length > 0, `${lang} ${k}`).toBe(true);
      expect.soft(placeholders(t[k]), `${lang} ${k}`).toEqual(placeholders(FR[k]));
    }
  }
});

test('no French sentence left untranslated: every text differs from the French, and no French word stands outside « »', () => {
  // the same words in English and French: the table's « QR code »
  const same = new Set(['en:col.qr']);
  for (const lang of SECOND_LANGS) {
    const t = LETTERS[lang];
    for (const k of LETTER_KEYS) {
      if (!same.has(`${lang}:${k}`)) expect.soft(t[k], `${lang} ${k}`).not.toBe(FR[k]);
      const outside = t[k].replace(/«[^»]*»/g, '').replace(/\{\w+\}/g, '');
      expect.soft(FRENCH_WORDS.exec(outside)?.[0], `${lang} ${k}: ${t[k]}`).toBeUndefined();
    }
  }
});

test('the ENT’s words stay in French, each with its translation in brackets', () => {
  for (const lang of SECOND_LANGS) {
    const t = LETTERS[lang];
    const quoted = (k: keyof LetterTexts, term: string) => {
      const s = String(t[k]);
      const i = s.indexOf(`« ${term} »`);
      expect.soft(i, `${lang} ${String(k)} keeps « ${term} »`).toBeGreaterThanOrEqual(0);
      // its translation follows in brackets
      expect.soft(s.slice(i + term.length + 4).trimStart().startsWith('('), `${lang} ${String(k)}: « ${term} » (…)`).toBe(true);
    };
    quoted('step2', 'Identifiant');
    quoted('step2', 'Code d’activation');
    quoted('step2', 'Connexion');
    quoted('step4', 'Activer');
    quoted('activated.text', lang === 'ar' ? 'Mot de passe oublié' : 'Mot de passe oublié ?');
  }
});

test('the password rule is said in every language, from the ENT’s rule, and French says what the sheets say', () => {
  for (const r of RULES) {
    expect(ruleSentenceIn(r, FR.rule)).toBe(ruleSentence(r, 'fr'));
    expect(ruleSentenceIn(r, LETTERS.en.rule)).toBe(ruleSentence(r, 'en'));
    for (const lang of SECOND_LANGS) {
      const s = ruleSentenceIn(r, LETTERS[lang].rule)!;
      expect.soft(s, lang).toBeTruthy();
      expect.soft(s, lang).not.toBe(ruleSentenceIn(r, FR.rule));
      // every number of the rule is in the sentence
      for (const n of [r.min, r.max].filter((x): x is number => x !== null && x > 1)) expect.soft(s, `${lang}: ${n}`).toContain(String(n));
      if (typeof r.special === 'string') expect.soft(s, lang).toContain('! @ # $ %');
    }
  }
  expect(ruleSentenceIn(RULES[1]!, LETTERS.de.rule)).toBe('Ihr Passwort muss mindestens 12 Zeichen lang sein und einen Großbuchstaben, einen Kleinbuchstaben und eine Ziffer enthalten.');
  expect(ruleSentenceIn(RULES[0]!, LETTERS.pl.rule)).toBe('Hasło musi mieć co najmniej 8 znaków.');
  expect(ruleSentenceIn(readPasswordRegex('.{4}.*')!, LETTERS.pl.rule)).toBe('Hasło musi mieć co najmniej 4 znaki.');
});

test('every character of every language is in the embedded DejaVu faces (no .notdef), Arabic in its joined forms too', () => {
  const { doc } = makeDoc('portrait', FONT, undefined, true);
  const faces = ['normal', 'bold'].map((style) => {
    doc.setFont(FONT_NAME, style);
    return (doc.getFont() as unknown as { metadata: { characterToGlyph(c: number): number } }).metadata;
  });
  const shape = (doc as unknown as { processArabic(s: string): string }).processArabic;
  for (const lang of Object.keys(LETTERS) as LetterLang[]) {
    const t = LETTERS[lang];
    const texts = [...LETTER_KEYS.map((k) => t[k]), t.name, ...RULES.map((r) => ruleSentenceIn(r, t.rule)!)];
    const chars = new Set<string>();
    for (const s of texts) for (const c of [...s, ...(t.rtl ? shape.call(doc, s) : '')]) chars.add(c);
    for (const c of chars) {
      if (c === '\n') continue;
      for (const f of faces) expect.soft(f.characterToGlyph(c.codePointAt(0)!), `${lang}: U+${c.codePointAt(0)!.toString(16)} ${c}`).toBeGreaterThan(0);
    }
  }
});
