import { test, expect } from '@playwright/test';
import { SHEETS_FR, SHEETS_EN, fmt } from '../../src/i18n/sheets';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

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
  expect(fmt(SHEETS_FR.code, { code: 'X1' })).toBe("Code d'activation : X1");
  expect(fmt(SHEETS_FR.login, { login: 'a.b' })).toBe('Identifiant : a.b');
  expect(SHEETS_FR['qr.secret']).toBe("Ce QR code est aussi confidentiel que le code d'activation.");
  expect(SHEETS_FR['teacher.academie']).toContain("Votre compte est activé par l'académie : connectez-vous avec votre identifiant académique");
  expect(fmt('{a} {b}', { a: 1 })).toBe('1 {b}');
});
