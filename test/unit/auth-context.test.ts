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
  });
});

test('an untranslated platform sends the i18n key: resolved from /auth/i18n, else no rule at all', () => {
  const c = parseAuthContext({ ...ENTCORE, passwordRegexI18nActivation: { fr: 'password.rules.activation', en: 'password.rules.activation' } });
  expect(keysToResolve(c)).toEqual({ fr: 'password.rules.activation', en: 'password.rules.activation' });
  expect(platformRules(c, { fr: { 'password.rules.activation': 'Au moins 6 caractères.' } }).passwordHint).toEqual({ fr: 'Au moins 6 caractères.' });
  expect(platformRules(c, {}).passwordHint).toEqual({}); // never the key printed, never a rule of ours
  expect(platformRules(c, { fr: { 'password.rules.activation': 'password.rules.activation' } }).passwordHint).toEqual({});
  // a single string (older platform): text is French, a key is resolved per language
  expect(platformRules(parseAuthContext({ passwordRegexI18nActivation: 'Huit caractères au moins.' })).passwordHint).toEqual({ fr: 'Huit caractères au moins.' });
  const one = parseAuthContext({ passwordRegexI18nActivation: 'password.rules.activation' });
  expect(platformRules(one, { en: { 'password.rules.activation': 'Eight at least.' } }).passwordHint).toEqual({ en: 'Eight at least.' });
});

test('missing or odd fields: no rule, e-mail requirement unknown; not an object: a format error', () => {
  expect(platformRules(parseAuthContext({}))).toEqual({ passwordHint: {}, mailRequired: null });
  expect(platformRules(parseAuthContext({ passwordRegexI18nActivation: { fr: '  ' }, mandatory: { mail: 'yes' } }))).toEqual({ passwordHint: {}, mailRequired: null });
  expect(() => parseAuthContext('<html>')).toThrow(ConsoleFormatError);
  expect(looksLikeI18nKey('password.rules.activation')).toBe(true);
  expect(looksLikeI18nKey('Au moins 8 caractères.')).toBe(false);
});
