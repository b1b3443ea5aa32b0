import { test, expect } from '@playwright/test';
import { readPasswordRegex } from '../../src/console/password-rule';
import { ruleSentence, textAgrees } from '../../src/i18n/password-rule';
import { parseAuthContext, platformRules } from '../../src/console/auth-context';

const fr = (re: string) => { const r = readPasswordRegex(re); return r && ruleSentence(r, 'fr'); };
const en = (re: string) => { const r = readPasswordRegex(re); return r && ruleSentence(r, 'en'); };
const agrees = (re: string, text: string) => textAgrees(text, readPasswordRegex(re)!);

// entcore 6.15.4: AuthController reads `passwordRegex` with the default `.{8}.*` and checks
// `matcher(password).matches()`; auth/src/main/resources/i18n/fr.json says « au moins 6 caractères ».
const ENTCORE_DEFAULT = '.{8}.*';
const ENTCORE_TEXT_FR = 'Votre mot de passe doit contenir au moins 6 caractères.';
const ENTCORE_TEXT_EN = 'Your password must contain at least 6 characters.';

test('entcore’s default regex is 8 characters, and its own default text (6) does not agree with it', () => {
  expect(fr(ENTCORE_DEFAULT)).toBe('Votre mot de passe doit contenir au moins 8 caractères.');
  expect(en(ENTCORE_DEFAULT)).toBe('Your password must contain at least 8 characters.');
  expect(agrees(ENTCORE_DEFAULT, ENTCORE_TEXT_FR)).toBe(false);
  expect(agrees(ENTCORE_DEFAULT, ENTCORE_TEXT_EN)).toBe(false);
  expect(agrees(ENTCORE_DEFAULT, 'Votre mot de passe doit contenir au moins 8 caractères.')).toBe(true);
  // What the sheets get from /auth/context as entcore serves it by default: the rule, not the text.
  const ctx = parseAuthContext({ passwordRegex: ENTCORE_DEFAULT, passwordRegexI18nActivation: { fr: ENTCORE_TEXT_FR, en: ENTCORE_TEXT_EN } });
  expect(platformRules(ctx).passwordHint).toEqual({
    fr: 'Votre mot de passe doit contenir au moins 8 caractères.',
    en: 'Your password must contain at least 8 characters.',
  });
});

test('length shapes: .{n}.*, .{n,}, .{n,m}, (?=.{n,}), anchors or not', () => {
  for (const re of ['.{12}.*', '.{12,}', '^.{12,}$', '(?=.{12,}).*', '^(?=.{12,})[\\s\\S]*$', '.{6}.{6}.*'])
    expect(fr(re), re).toBe('Votre mot de passe doit contenir au moins 12 caractères.');
  expect(fr('^.{8,20}$')).toBe('Votre mot de passe doit contenir entre 8 et 20 caractères.');
  expect(en('^.{8,20}$')).toBe('Your password must contain between 8 and 20 characters.');
  expect(fr('.{6}.*')).toBe('Votre mot de passe doit contenir au moins 6 caractères.');
});

// Texts of real ENTs (OPEN-ENT-NG/theme-open-ent, overrides/*/i18n/Auth/*.json `password.rules.activation`,
// and the rules printed by overrides/*/template/directory/massmail*.xhtml), each beside a regex that
// enforces what it says; the regexes themselves are configuration and not public.
const ENTS: Array<{ ent: string; re: string; fr: string; en?: string; derivedFr: string }> = [
  {
    ent: 'monlycee / cg77 (12, four kinds)', re: '^(?=.*[a-z])(?=.*[A-Z])(?=.*[0-9])(?=.*[^a-zA-Z0-9]).{12,}$',
    fr: 'Votre mot de passe doit contenir au moins un caractère spécial, une lettre minuscule, une lettre majuscule, un chiffre et avoir une longueur minimale de 12 caractères.',
    en: 'Your password must contain at least one special character, one lowercase letter, one uppercase letter, one digit, and have a minimum length of 12 characters.',
    derivedFr: 'Votre mot de passe doit contenir au moins 12 caractères, dont une majuscule, une minuscule, un chiffre et un caractère spécial.',
  },
  {
    ent: 'hdf (6, special, lower, upper)', re: '^(?=.*[a-z])(?=.*[A-Z])(?=.*\\W).{6,}$',
    fr: 'Votre mot de passe doit contenir au moins un caractère spécial, une lettre minuscule, une lettre majuscule et avoir une longueur minimale de 6 caractères.',
    en: 'Your password must contain at least one special character, one lowercase letter, one uppercase letter, and have a minimum length of 6 characters.',
    derivedFr: 'Votre mot de passe doit contenir au moins 6 caractères, dont une majuscule, une minuscule et un caractère spécial.',
  },
  {
    ent: 'moncollege (8, digit, letter)', re: '^(?=.*\\d)(?=.*[a-zA-Z]).{8,}$',
    fr: 'Votre mot de passe doit contenir au moins un chiffre, une lettre et avoir une longueur minimale de 8 caractères.',
    en: 'Your password must contain at least one digit, one letter, and have a minimum length of 8 characters.',
    derivedFr: 'Votre mot de passe doit contenir au moins 8 caractères, dont une lettre et un chiffre.',
  },
  {
    ent: 'na (8, upper, lower)', re: '(?=.*[A-Z])(?=.*[a-z]).{8,}',
    fr: 'Votre mot de passe doit contenir au moins une lettre majuscule, une lettre minuscule et avoir une longueur minimale de 8 caractères.',
    en: 'Your password must contain at least one uppercase letter, one lowercase letter, and have a minimum length of 8 characters',
    derivedFr: 'Votre mot de passe doit contenir au moins 8 caractères, dont une majuscule et une minuscule.',
  },
  {
    ent: 'martinique (6)', re: '.{6}.*', fr: 'Votre mot de passe doit contenir au moins 6 caractères.', en: 'Your password must contain at least 6 characters.',
    derivedFr: 'Votre mot de passe doit contenir au moins 6 caractères.',
  },
  {
    ent: 'calmecac / cd13 sheets (8, upper, lower, digit)', re: '^(?=.*[0-9])(?=.*[a-z])(?=.*[A-Z]).{8,}$',
    fr: 'Choisissez un nouveau mot de passe, comprenant 8 caractères minimum, dont au moins une majuscule, une minuscule et un chiffre.',
    derivedFr: 'Votre mot de passe doit contenir au moins 8 caractères, dont une majuscule, une minuscule et un chiffre.',
  },
  {
    ent: 'cd16 (8, upper and lower)', re: '^(?=.*[a-z])(?=.*[A-Z]).{8,}$',
    fr: 'Choisissez 8 caractères minimum, en mélangeant les majuscules et les minuscules.',
    derivedFr: 'Votre mot de passe doit contenir au moins 8 caractères, dont une majuscule et une minuscule.',
  },
];

for (const e of ENTS) {
  test(`a real ENT’s text is kept when it states its regex: ${e.ent}`, () => {
    expect(fr(e.re)).toBe(e.derivedFr);
    expect(agrees(e.re, e.fr)).toBe(true);
    if (e.en) expect(agrees(e.re, e.en)).toBe(true);
    // the same text beside entcore's default regex is not the rule enforced
    expect(agrees(ENTCORE_DEFAULT, e.fr)).toBe(false);
    const hint = platformRules(parseAuthContext({ passwordRegex: e.re, passwordRegexI18nActivation: { fr: e.fr, ...(e.en ? { en: e.en } : {}) } })).passwordHint;
    expect(hint.fr).toBe(e.fr);
    expect(hint.en).toBe(e.en ?? en(e.re));
  });
}

test('a text that says less, more, or another number than the regex is replaced by the derived sentence', () => {
  const four = ENTS[0]!.re;
  expect(agrees(four, 'Votre mot de passe doit contenir au moins 12 caractères.')).toBe(false); // misses the kinds
  expect(agrees('.{12}.*', 'Au moins 12 caractères, dont un chiffre.')).toBe(false); // asks a digit the ENT does not
  expect(agrees('.{12}.*', 'Au moins 10 caractères.')).toBe(false);
  // cg77's password.errors adds advice to the rule: advice is not the rule
  expect(agrees('.{12}.*', 'Choisissez 12 caractères minimum. Il est recommandé de mélanger chiffres, lettres, majuscules, minuscules et caractères spéciaux.')).toBe(false);
  expect(agrees(four, 'Choisissez 12 caractères minimum, en mélangeant chiffres, lettres majuscules et minuscules, et caractères spéciaux.')).toBe(true);
});

test('special characters from a list, and no space', () => {
  expect(fr('^(?=.*[0-9])(?=.*[a-z])(?=.*[A-Z])(?=.*[@#$%^&+=])(?=\\S+$).{8,}$')).toBe(
    'Votre mot de passe doit contenir au moins 8 caractères, dont une majuscule, une minuscule, un chiffre et un caractère spécial (parmi @ # $ % ^ & + =), sans espace.',
  );
  expect(en('^(?=.*[!@#$%^&*]).{10,}$')).toBe('Your password must contain at least 10 characters, including one special character (among ! @ # $ % ^ & *).');
  expect(fr('(?=.*?[0-9])(?=.*?[A-Z]).{10,}')).toBe('Votre mot de passe doit contenir au moins 10 caractères, dont une majuscule et un chiffre.');
  expect(fr('(?=.*\\d).*')).toBe('Votre mot de passe doit contenir au moins un chiffre.');
});

test('a regex that asks nothing (a public springboard config has `.*`) gives no sentence: the sheets print the neutral one', () => {
  // CGI-OPEN-ENT-NG/DEVOPS.deploy_springboard_configuration host_vars: `passwordRegex: .*`
  for (const re of ['.*', '.+', '^.*$']) {
    const r = readPasswordRegex(re);
    expect(r, re).not.toBeNull();
    expect(ruleSentence(r!, 'fr')).toBeNull();
  }
  const hint = platformRules(parseAuthContext({ passwordRegex: '.*', passwordRegexI18nActivation: { fr: ENTCORE_TEXT_FR } })).passwordHint;
  expect(hint).toEqual({}); // not « 6 caractères », which the ENT does not enforce
});

test('garbage and shapes we cannot read for sure are unreadable: the neutral sentence, never a guess', () => {
  const unreadable = [
    '', '   ', '(', '[', '.{8', 'abc', '.{20,10}', '.{8}|x', '.*+', '(?i).{8,}', '^(?!.*password).{8,}$',
    '^(?=.*[A-Za-z])(?=.*\\d)[A-Za-z\\d]{8,}$', // forbids every other character
    '(?=.{8,})^(?=.*[a-z]+)(?=.*[A-Z]+)(?=.*\\d+)', // no body: matches() accepts only the empty string
    '^(?=(.*[0-9]))(?=.*[a-z]).{8,}$', '[a-z]{8,}', '\\w{8,}', '.{8}\\d', 'x'.repeat(400), '(?=.*\\p{Lu}).{8,}',
    '^(?=.*[a-d])(.{8,})$',
  ];
  for (const re of unreadable) expect(readPasswordRegex(re), re).toBeNull();
  expect(readPasswordRegex(null)).toBeNull();
  expect(readPasswordRegex(undefined)).toBeNull();
  for (const re of [...unreadable, null]) {
    const hint = platformRules(parseAuthContext({ passwordRegex: re, passwordRegexI18nActivation: { fr: ENTCORE_TEXT_FR, en: ENTCORE_TEXT_EN } })).passwordHint;
    expect(hint, String(re)).toEqual({});
  }
});

test('every reading is confirmed by running the regex: the derived rule accepts and refuses what the regex does', () => {
  for (const e of ENTS) {
    const r = readPasswordRegex(e.re)!;
    const re = new RegExp(`^(?:${e.re})$`);
    const ok = `${r.upper ? 'B' : ''}${r.lower || r.letter ? 'b' : ''}${r.digit ? '4' : ''}${r.special ? '!' : ''}`.padEnd(r.min, 'x');
    expect(re.test(ok), e.re).toBe(true);
    expect(re.test(ok.slice(1).padEnd(r.min - 1, 'x')), e.re).toBe(false);
  }
});
