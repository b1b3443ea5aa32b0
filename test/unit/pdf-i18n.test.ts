import { test, expect } from '@playwright/test';
import { SHEETS_FR, SHEETS_EN, say } from '../../src/i18n/sheets';

/** `{name}`, `{de name}` and `{n|one|other}` placeholders: the variable names a string uses. */
const placeholders = (s: string) => [...s.matchAll(/\{(?:de )?(\w+)(?:\|[^{}]*)?\}/g)].map((m) => m[1]).sort();

test('sheet dictionaries: same keys, same placeholders, no empty string', () => {
  expect(Object.keys(SHEETS_EN).sort()).toEqual(Object.keys(SHEETS_FR).sort());
  for (const k of Object.keys(SHEETS_FR) as (keyof typeof SHEETS_FR)[]) {
    expect(placeholders(SHEETS_EN[k]), k).toEqual(placeholders(SHEETS_FR[k]));
    expect(SHEETS_FR[k].length, k).toBeGreaterThan(0);
    expect(SHEETS_EN[k].length, k).toBeGreaterThan(0);
  }
});

test('profile labels and key wording', () => {
  expect(['Student', 'Relative', 'Teacher', 'Personnel', 'Guest'].map((p) => SHEETS_FR[`profile.${p}` as keyof typeof SHEETS_FR]))
    .toEqual(['Élève', 'Parent', 'Enseignant', 'Personnel', 'Invité']);
  expect(['Student', 'Relative', 'Teacher', 'Personnel', 'Guest'].map((p) => SHEETS_EN[`profile.${p}` as keyof typeof SHEETS_EN]))
    .toEqual(['Student', 'Parent', 'Teacher', 'Staff', 'Guest']);
  const nb = (s: string) => s.replace(/\u00a0/g, ' ');
  expect(nb(say(SHEETS_FR, 'code.lead'))).toBe('Code d’activation : ');
  expect(nb(say(SHEETS_FR, 'parentOf', { children: 'Arthur' }))).toBe('Parent d’Arthur');
  expect(say(SHEETS_EN, 'parentOf', { children: 'Arthur' })).toBe('Parent of Arthur');
  expect(nb(say(SHEETS_FR, 'cover.count', { n: 1 }))).toBe('1 fiche');
  expect(nb(say(SHEETS_FR, 'cover.notActivated', { n: 2 }))).toBe('2 comptes non activés');
  // the login is printed once, on its own line below this sentence
  expect(nb(say(SHEETS_FR, 'teacher.activated', { ent: 'ONE' })))
    .toBe('Votre compte est activé : connectez-vous avec votre identifiant ONE ci-dessous (ce n’est pas votre adresse courriel).');
  // one word for e-mail and one apostrophe in the French sheets (issue 20)
  for (const [k, v] of Object.entries(SHEETS_FR)) {
    expect(v, k).not.toMatch(/e-mail|\bmail\b/i);
    if (k !== 'password.neutral') expect(v, k).not.toContain("'");
  }
  // no promise the platform does not keep: no reset by the director, no fixed password rule
  for (const dict of [SHEETS_FR, SHEETS_EN]) {
    for (const v of Object.values(dict)) {
      expect(v).not.toMatch(/directeur|director|8 caract|8 characters|majuscule|upper-case/i);
    }
  }
  // French strings: no plain space next to « » or before : ; ! ? once typeset
  for (const k of Object.keys(SHEETS_FR) as (keyof typeof SHEETS_FR)[]) {
    if (k === 'and' || k === 'listSep' || k.endsWith('.lead')) continue;
    expect(say(SHEETS_FR, k), k).not.toMatch(/« | »| [:;!?]/);
  }
});
