import { test, expect } from '@playwright/test';
import { keysToResolve, looksLikeI18nKey, parseAuthContext, platformRules } from '../../src/console/auth-context';
import { ConsoleFormatError } from '../../src/console/errors';

// The shape of entcore's AuthController.context() (auth/src/main/java/org/entcore/auth/controllers/AuthController.java).
const ENTCORE = {
  callBack: '/timeline/timeline', cgu: true, passwordRegex: '.{12}.*', mandatory: { mail: true, phone: false },
  passwordRegexI18n: { fr: 'x', en: 'y' },
  passwordRegexI18nActivation: { fr: 'Votre mot de passe doit contenir au moins 12 caractères.', en: 'Your password must contain at least 12 characters.' },
  mfaConfig: [],
};

test('text by language and the mandatory e-mail, as entcore sends them', () => {
  const c = parseAuthContext(ENTCORE);
  expect(keysToResolve(c)).toEqual({});
  expect(platformRules(c)).toEqual({
    passwordHint: { fr: 'Votre mot de passe doit contenir au moins 12 caractères.', en: 'Your password must contain at least 12 characters.' },
    mailRequired: true,
    // the rule itself, for the family letter's other languages
    passwordRule: { min: 12, max: null, digit: false, lower: false, upper: false, letter: false, special: false, noSpace: false },
  });
});

test('an untranslated platform sends the i18n key: resolved from /auth/i18n when it states the regex, else the rule derived from the regex', () => {
  const c = parseAuthContext({ ...ENTCORE, passwordRegexI18nActivation: { fr: 'password.rules.activation', en: 'password.rules.activation' } });
  expect(keysToResolve(c)).toEqual({ fr: 'password.rules.activation', en: 'password.rules.activation' });
  expect(platformRules(c, { fr: { 'password.rules.activation': 'Au moins 12 caractères.' } }).passwordHint.fr).toBe('Au moins 12 caractères.');
  // the resolved text is kept only when it states the regex (12 here): else the rule, derived from the regex
  const derived = { fr: 'Votre mot de passe doit contenir au moins 12 caractères.', en: 'Your password must contain at least 12 characters.' };
  expect(platformRules(c, { fr: { 'password.rules.activation': 'Au moins 6 caractères.' } }).passwordHint).toEqual(derived);
  expect(platformRules(c, {}).passwordHint).toEqual(derived); // never the key printed
  expect(platformRules(c, { fr: { 'password.rules.activation': 'password.rules.activation' } }).passwordHint).toEqual(derived);
  // a single string (older platform): text is French, a key is resolved per language
  expect(platformRules(parseAuthContext({ passwordRegex: '.{8}.*', passwordRegexI18nActivation: 'Au moins 8 caractères.' })).passwordHint.fr).toBe('Au moins 8 caractères.');
  const one = parseAuthContext({ passwordRegex: '.{8}.*', passwordRegexI18nActivation: 'password.rules.activation' });
  expect(platformRules(one, { en: { 'password.rules.activation': 'Eight at least: 8.' } }).passwordHint.en).toBe('Eight at least: 8.');
  // no regex at all: nothing to check a text against, so no rule (the neutral sentence)
  expect(platformRules(parseAuthContext({ passwordRegexI18nActivation: 'Huit caractères au moins.' })).passwordHint).toEqual({});
});

test('missing or odd fields: no rule (the regex is the rule), e-mail requirement unknown; not an object: a format error', () => {
  expect(platformRules(parseAuthContext({}))).toEqual({ passwordHint: {}, mailRequired: null });
  expect(platformRules(parseAuthContext({ passwordRegexI18nActivation: { fr: '  ' }, mandatory: { mail: 'yes' } }))).toEqual({ passwordHint: {}, mailRequired: null });
  expect(() => parseAuthContext('<html>')).toThrow(ConsoleFormatError);
  expect(looksLikeI18nKey('password.rules.activation')).toBe(true);
  expect(looksLikeI18nKey('Au moins 8 caractères.')).toBe(false);
});
