import { test, expect } from '@playwright/test';
import { deName, format, frenchSpaces, plural, startsWithVowelSound, NBSP } from '../../src/i18n/french';

test('elision of « de » on hard first names and surnames', () => {
  const cases: [string, string][] = [
    ['Éloïse', 'd’Éloïse'],
    ['Hugo', 'd’Hugo'],
    ['Hélène', 'd’Hélène'],
    ['Harry', 'de Harry'], // aspirated h (documented list)
    ['Hamza Benali', 'de Hamza Benali'],
    ['Yanis', 'de Yanis'], // consonant y
    ['Yves', 'd’Yves'], // vowel y
    ['Œuvray', 'd’Œuvray'],
    ['Inès', 'd’Inès'],
    ['Ugo', 'd’Ugo'],
    ['Arthur Martin', 'd’Arthur Martin'],
    ['Isabelle', 'd’Isabelle'],
    ['Léa', 'de Léa'],
    ["D'Almeida", "de D'Almeida"],
    ['Ådne', 'd’Ådne'], // Å is an a with a ring: a vowel
  ];
  for (const [name, want] of cases) expect(deName(name), name).toBe(want);
  expect(startsWithVowelSound('hr')).toBe(false);
  expect(startsWithVowelSound('')).toBe(false);
  expect(deName('Arthur', 'en')).toBe('Arthur');
});

test('agreement through Intl.PluralRules, French and English', () => {
  expect(format('fr', '{n} {n|page|pages}', { n: 0 })).toBe('0 page');
  expect(format('fr', '{n} {n|page|pages}', { n: 1 })).toBe('1 page');
  expect(format('fr', '{n} {n|page|pages}', { n: 2 })).toBe('2 pages');
  expect(format('en', '{n} {n|page|pages}', { n: 0 })).toBe('0 pages');
  expect(format('en', '{n} {n|page|pages}', { n: 1 })).toBe('1 page');
  expect(plural('fr', 1.5, 'compte', 'comptes')).toBe('compte');
  expect(format('fr', '{n} {n|utilisateur|utilisateurs}', { n: 1 })).toBe('1 utilisateur');
});

test('format: elision and French spaces in one pass; unknown placeholders stay visible', () => {
  expect(format('fr', 'Imprimer la fiche {de name}', { name: 'Isabelle' })).toBe('Imprimer la fiche d’Isabelle');
  expect(format('fr', 'PDF prêt : {p} {p|page|pages}', { p: 1 })).toBe(`PDF prêt${NBSP}: 1 page`);
  expect(format('fr', 'Bonjour {who}')).toBe('Bonjour {who}');
  expect(format('en', 'Print {name}’s sheet', { name: 'Isabelle' })).toBe('Print Isabelle’s sheet');
});

test('French spaces: no-break inside « » and before : ; ! ?, URLs untouched', () => {
  const s = frenchSpaces('Cliquez sur « Connexion » : c’est fait ! Vraiment ? Oui ; https://ent.fr/a?b=c');
  expect(s).toBe(`Cliquez sur «${NBSP}Connexion${NBSP}»${NBSP}: c’est fait${NBSP}! Vraiment${NBSP}? Oui${NBSP}; https://ent.fr/a?b=c`);
  expect(frenchSpaces('«Connexion»')).toBe(`«${NBSP}Connexion${NBSP}»`);
  // no ordinary space is left next to a guillemet or before a high punctuation mark
  expect(s).not.toMatch(/« | »| [:;!?]/);
});

test('our own French texts use the typographic apostrophe: sheets, panel, preview, fit messages, follow-up, summary', async () => {
  const { SHEETS_FR } = await import('../../src/i18n/sheets');
  const { UI } = await import('../../src/i18n/ui');
  const { FIT_FR } = await import('../../src/i18n/fit');
  const { PREVIEW_FR } = await import('../../src/i18n/preview');
  const { FOLLOW_UP_FR, SUMMARY } = await import('../../src/i18n/follow-up');
  const { ruleSentence } = await import('../../src/i18n/password-rule');
  const texts: [string, string][] = [
    ...Object.entries(SHEETS_FR).map(([k, v]) => [`sheets ${k}`, v] as [string, string]),
    ...Object.entries(UI.fr).map(([k, v]) => [`panel ${k}`, v] as [string, string]),
    ...Object.entries(FIT_FR).map(([k, v]) => [`fit ${k}`, v] as [string, string]),
    ...Object.entries(PREVIEW_FR).map(([k, v]) => [`preview ${k}`, v] as [string, string]),
    ...Object.entries(FOLLOW_UP_FR).map(([k, v]) => [`follow-up ${k}`, v] as [string, string]),
    ...Object.entries(SUMMARY.fr).flatMap(([k, v]) => (typeof v === 'string' ? [v] : Object.values(v)).map((x) => [`summary ${k}`, x] as [string, string])),
    ['password rule', ruleSentence({ min: 12, max: 20, digit: true, lower: true, upper: true, letter: false, special: '!?', noSpace: true } as never, 'fr') ?? ''],
  ];
  // enough to be the dictionaries, not an empty import
  expect(texts.length).toBeGreaterThan(400);
  expect(texts.filter(([, v]) => v.includes('’')).length).toBeGreaterThan(20);
  expect(texts.filter(([, v]) => v.includes("'")).map(([k, v]) => `${k}: ${v}`)).toEqual([]);
});
