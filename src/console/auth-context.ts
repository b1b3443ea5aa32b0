/**
 * The ENT's own rules for the sheets, from `GET /auth/context` (entcore
 * `auth/src/main/java/org/entcore/auth/controllers/AuthController.java`, `context()`):
 *
 * - `passwordRegex`: the rule the activation page enforces (configuration, default `.{8}.*`): the
 *   rule the sheets state (src/console/password-rule.ts);
 * - `passwordRegexI18nActivation`: a human text, not kept in step with the regex (entcore's default
 *   says 6 characters beside `.{8}.*`: one-console.md §10), printed only when it agrees with it; an object by language
 *   (`{ "fr": "Votre mot de passe doit contenir au moins 6 caractères.", "en": … }`), translated by
 *   the platform from its i18n key `password.rules.activation`. entcore's I18n returns the key
 *   itself when a platform lacks the translation, so a value may be a key, not text;
 * - `mandatory`: what the activation form requires (`{ "mail": true, "phone": false }`).
 *
 * A key is resolved through the auth module's i18n bundle (`GET /auth/i18n`, the bundle entcore's
 * own pages load with `addBundle('/auth/i18n')`). When the regex cannot be read, the sheets print a
 * neutral sentence with no rule. Never a rule the ENT does not enforce.
 */
import { ConsoleFormatError } from './errors';
import { readPasswordRegex, type PasswordRule } from './password-rule';
import { ruleSentence, textAgrees } from '../i18n/password-rule';

export type RuleLang = 'fr' | 'en';

export interface PlatformRules {
  /** The password rule `passwordRegex` enforces, in words, per language; absent = the neutral sentence. */
  passwordHint: Partial<Record<RuleLang, string>>;
  /** Whether the activation form requires an e-mail address; null when the platform does not say. */
  mailRequired: boolean | null;
  /** The rule read from `passwordRegex`, when readable: the family letter says it in each of its languages. */
  passwordRule?: PasswordRule;
}

export const NO_RULES: PlatformRules = Object.freeze({ passwordHint: {}, mailRequired: null });

/** What `/auth/context` says, before any i18n key is resolved. */
export interface AuthContext {
  /** Per language: text, or an i18n key to resolve (see {@link looksLikeI18nKey}). */
  hint: Partial<Record<RuleLang, string>>;
  /** The value when the platform sent one string for every language (older or patched platforms). */
  hintAny?: string;
  passwordRegex: string | null;
  mailRequired: boolean | null;
}

/** `password.rules.activation`-like: dotted words, no spaces, no sentence punctuation. */
export const looksLikeI18nKey = (s: string): boolean => /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$/.test(s.trim());

const clean = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim().replace(/\s+/g, ' ') : undefined);

/** Parses the JSON of `/auth/context`; throws a ConsoleFormatError when it is not an object. */
export function parseAuthContext(data: unknown): AuthContext {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ConsoleFormatError('/auth/context : objet attendu');
  const o = data as Record<string, unknown>;
  const raw = o.passwordRegexI18nActivation;
  const hint: AuthContext['hint'] = {};
  let hintAny: string | undefined;
  if (typeof raw === 'string') hintAny = clean(raw);
  else if (raw && typeof raw === 'object') {
    for (const lang of ['fr', 'en'] as const) {
      const v = clean((raw as Record<string, unknown>)[lang]);
      if (v) hint[lang] = v;
    }
  }
  const mandatory = o.mandatory;
  const mail = mandatory && typeof mandatory === 'object' ? (mandatory as Record<string, unknown>).mail : undefined;
  return {
    hint,
    ...(hintAny ? { hintAny } : {}),
    passwordRegex: typeof o.passwordRegex === 'string' ? o.passwordRegex : null,
    mailRequired: typeof mail === 'boolean' ? mail : null,
  };
}

/** The i18n keys that still need the platform's bundle, per language. */
export function keysToResolve(c: AuthContext): Partial<Record<RuleLang, string>> {
  const out: Partial<Record<RuleLang, string>> = {};
  for (const lang of ['fr', 'en'] as const) {
    const v = c.hint[lang] ?? c.hintAny;
    if (v && looksLikeI18nKey(v)) out[lang] = v;
  }
  return out;
}

/**
 * The rules the sheets may print. The password rule is the one `passwordRegex` enforces
 * (src/console/password-rule.ts): the platform's text, when it is real text (keys replaced from the
 * bundles given, `bundles[lang]` = the `/auth/i18n` JSON for that language) that states that very
 * rule; else a sentence derived from the regex; and no sentence at all (the sheets' neutral one)
 * when the regex is missing, unreadable or asks nothing. A plain string is taken as French text
 * when it is not a key (the platform's default language).
 */
export function platformRules(c: AuthContext, bundles: Partial<Record<RuleLang, unknown>> = {}): PlatformRules {
  const passwordHint: PlatformRules['passwordHint'] = {};
  const rule = readPasswordRegex(c.passwordRegex);
  if (!rule) return { passwordHint, mailRequired: c.mailRequired };
  for (const lang of ['fr', 'en'] as const) {
    let v = c.hint[lang] ?? (lang === 'fr' ? c.hintAny : c.hintAny && looksLikeI18nKey(c.hintAny) ? c.hintAny : undefined);
    if (v && looksLikeI18nKey(v)) {
      const b = bundles[lang];
      v = b && typeof b === 'object' ? clean((b as Record<string, unknown>)[v]) : undefined;
      if (v && looksLikeI18nKey(v)) v = undefined;
    }
    const text = v && textAgrees(v, rule) ? v : ruleSentence(rule, lang);
    if (text) passwordHint[lang] = text;
  }
  return { passwordHint, mailRequired: c.mailRequired, passwordRule: rule };
}
