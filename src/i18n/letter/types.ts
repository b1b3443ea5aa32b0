/**
 * The family letter's texts, one typed module per language (src/i18n/letter/<code>.ts). French is
 * printed first; another language follows it, section by section, or on the back page. Every
 * module has every key (the type says so, and test/unit/letter-i18n.test.ts checks that no French
 * sentence is left in another language).
 *
 * The ENT's own words (« Identifiant », « Code d’activation », « Connexion », « Activer »,
 * « Mot de passe oublié ? ») stay in French in every language, because the screen shows them in
 * French, with their translation in brackets.
 */

export type LetterLang = 'fr' | 'en' | 'ar' | 'tr' | 'pt' | 'es' | 'ro' | 'it' | 'de' | 'pl' | 'uk' | 'ru';

/** The second languages, in the order the panel offers them. */
export const SECOND_LANGS: readonly Exclude<LetterLang, 'fr'>[] = ['en', 'ar', 'tr', 'pt', 'es', 'ro', 'it', 'de', 'pl', 'uk', 'ru'];

/** A stored or received value that names one of the letter's languages. */
export const isLetterLang = (v: unknown): v is LetterLang => v === 'fr' || (SECOND_LANGS as readonly unknown[]).includes(v);

/** The parts of the password rule sentence, already in the language: the module puts them together. */
export interface RuleParts {
  /** « au moins 8 caractères », « entre 8 et 20 caractères »…, or null when the rule sets no length worth saying. */
  length: string | null;
  /** What it must include: « une majuscule », « un chiffre »… */
  needs: string[];
  noSpace: boolean;
}

/** The password rule's words in one language (see src/i18n/password-rule.ts for French and English). */
export interface RuleWords {
  min(n: number): string;
  /** min > 1: between min and max; min ≤ 1: at most max. */
  range(min: number, max: number): string;
  exact(n: number): string;
  upper: string;
  lower: string;
  letter: string;
  digit: string;
  special: string;
  /** « parmi ! @ # » */
  among(chars: string): string;
  /** The whole sentence from its parts (never called with no part at all). */
  sentence(p: RuleParts): string;
}

export interface LetterTexts {
  lang: LetterLang;
  /** The language's own name (« English », « العربية »), beside its text. */
  name: string;
  /** Its name in French, for the panel's choice (« anglais »). */
  nameFr: string;
  /** Its name in English, for the panel in English. */
  nameEn: string;
  rtl: boolean;

  /** Table headings. */
  'col.name': string;
  'col.login': string;
  'col.code': string;
  'col.qr': string;
  /** In the code column of an account that has no code any more. */
  activated: string;

  /** The instructions' title, then their sections. */
  title: string;
  'activate.title': string;
  /** {url}: the ENT's address. */
  step1: string;
  /** The same, when the letter prints no QR code. */
  'step1.noQr': string;
  step2: string;
  /** {rule}: the password rule sentence. */
  step3: string;
  step4: string;
  /** The ENT's activation form asks an e-mail address. */
  'step4.required': string;
  'activated.title': string;
  'activated.text': string;
  app: string;
  'help.school': string;
  /** {url}: the help page. */
  'help.url': string;
  keep: string;
  'keep.noQr': string;
  /** When the ENT's rule could not be read. */
  'rule.neutral': string;

  /** The relaunch letter's opening, and the date of the first handout when known ({date}). */
  'relaunch.title': string;
  /** The same, for a letter listing several accounts still to activate. */
  'relaunch.titleMany': string;
  'relaunch.since': string;
  /** Over the translated instructions on the back page. */
  back: string;

  rule: RuleWords;
}

/** Keys of the sentences (everything but the language's identity and its rule words). */
export const LETTER_KEYS = [
  'col.name', 'col.login', 'col.code', 'col.qr', 'activated', 'title', 'activate.title', 'step1', 'step1.noQr', 'step2', 'step3', 'step4', 'step4.required',
  'activated.title', 'activated.text', 'app', 'help.school', 'help.url', 'keep', 'keep.noQr', 'rule.neutral', 'relaunch.title', 'relaunch.titleMany', 'relaunch.since', 'back',
] as const satisfies readonly (keyof LetterTexts)[];
export type LetterKey = (typeof LETTER_KEYS)[number];

/** A sentence with its `{placeholders}` filled. */
export const fill = (s: string, vars: Record<string, string> = {}): string => s.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);

/** The rule's parts from a reading of the ENT's regex (see src/console/password-rule.ts). */
export const listWith = (items: string[], and: string, sep = ', '): string =>
  items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(sep)} ${and} ${items[items.length - 1]}`;

/** East Slavic plural of a count: one (1, 21…), few (2–4, 22–24…), many (0, 5–20, 25…). */
export const eastSlavic = (n: number, one: string, few: string, many: string): string =>
  n % 10 === 1 && n % 100 !== 11 ? one : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? few : many;
