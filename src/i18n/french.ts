/**
 * French as a director writes it, in one small module used by the printed sheets, the panel and
 * the mail dialog (English goes through the same `format`, where elision and French spaces are
 * no-ops):
 *
 * - elision: « de » becomes « d' » before a vowel sound: « Parent d'Arthur », « d'Éloïse »,
 *   « d'Œuvray », « d'Hugo », but « de Yanis »;
 * - agreement through `Intl.PluralRules`: « 1 page », « 2 pages », « 0 compte »;
 * - typographic spaces: no-break spaces inside « » and before : ; ! ?, so that no punctuation mark
 *   ever starts a line once a sheet or a panel line wraps.
 *
 * Templates: `{name}` substitutes, `{n|page|pages}` picks the form agreeing with the number `n`
 * (one|other), `{de name}` writes « de » or « d' » followed by the value.
 */

export type Lang = 'fr' | 'en';

/** No-break space (U+00A0): DejaVu Sans has it, every PDF viewer copies it as a space. */
export const NBSP = '\u00a0';
/** The apostrophe of elision: the typographic one, as in every French text of ours (sheets and panel). */
export const APOS = '’';

/**
 * First names and surnames whose initial h is aspirated in French usage: they take « de », not « d’ »
 * (« la fiche de Harry »). Every other h is treated as mute (« d'Hugo », « d'Hélène », « d'Henri »),
 * which is the common usage for French first names. The list is short on purpose and compared
 * without accents or case; extend it when a school reports a name that reads wrong.
 */
export const ASPIRATED_H: ReadonlySet<string> = new Set([
  'hans', 'harry', 'heidi', 'helga', 'hilda', 'holly', 'howard', 'hubert', 'huguette', 'hamza', 'hamid', 'hannah', 'hanna',
  'haroun', 'hassan', 'hocine', 'houda', 'hakim', 'halima',
]);

const bare = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/**
 * Whether a word (a first name, a surname) begins with a vowel sound, the condition for elision:
 * a vowel (accents and Œ/Æ included); an h unless listed in {@link ASPIRATED_H}; a y only when a
 * consonant follows it (« d'Yves », but « de Yanis », « de Yasmine »: that y is a consonant).
 */
export function startsWithVowelSound(word: string): boolean {
  const w = word.trim();
  if (!w) return false;
  const first = w[0]!;
  if (/^[œæ]/i.test(first)) return true;
  const b = bare(w);
  const c = b[0]!;
  if ('aeiou'.includes(c)) return true;
  if (c === 'y') return !!b[1] && !'aeiouy'.includes(b[1]);
  if (c === 'h') {
    const token = b.split(/[^a-z]/)[0]!;
    return !ASPIRATED_H.has(token) && !!b[1] && 'aeiouy'.includes(b[1]);
  }
  return false;
}

/** « de Léa », « d'Arthur » (French); the value alone otherwise. */
export function deName(value: string, lang: Lang = 'fr'): string {
  if (lang !== 'fr') return value;
  return startsWithVowelSound(value) ? `d${APOS}${value.trimStart()}` : `de ${value}`;
}

const rulesCache = new Map<Lang, Intl.PluralRules>();

/** The form agreeing with `n`: French says « 0 page », « 1 page », « 2 pages »; English « 0 pages ». */
export function plural(lang: Lang, n: number, one: string, other: string): string {
  // Counts are whole numbers, for which CLDR's rules are these two lines; Intl.PluralRules' first
  // use loads ICU's locale data, 0.3 s of the panel's opening on a loaded machine (issue 23).
  if (Number.isInteger(n)) return (lang === 'fr' ? n === 0 || n === 1 || n === -1 : n === 1 || n === -1) ? one : other;
  let rules = rulesCache.get(lang);
  if (!rules) rulesCache.set(lang, (rules = new Intl.PluralRules(lang)));
  return rules.select(n) === 'one' ? one : other;
}

/**
 * French spacing: a no-break space inside « » and before : ; ! ? (a plain space there becomes a
 * no-break one; a missing one is added). Leaves URLs (« https:// ») and times alone.
 */
export function frenchSpaces(s: string): string {
  // most strings have none of these marks: four regular expressions spared
  if (!/[«»;!?:]/.test(s)) return s;
  return s
    .replace(/«[ \u00a0\u202f]*/g, `«${NBSP}`)
    .replace(/[ \u00a0\u202f]*»/g, `${NBSP}»`)
    .replace(/(\S)[ \u00a0\u202f]*([;!?])(?=\s|$|[»)])/g, `$1${NBSP}$2`)
    .replace(/(\S)[ \u00a0\u202f]+:(?=\s|$)/g, `$1${NBSP}:`);
}

/** Text as typeset in `lang`: French spaces in French, unchanged in English. */
export const typeset = (lang: Lang, s: string): string => (lang === 'fr' ? frenchSpaces(s) : s);

/**
 * Fills a template (see the module comment) and typesets the result. Unknown placeholders are
 * left as is, so a missing value shows in a test instead of vanishing.
 */
export function format(lang: Lang, template: string, vars: Record<string, string | number> = {}): string {
  const out = template
    .replace(/\{(\w+)\|([^|{}]*)\|([^|{}]*)\}/g, (m, k: string, one: string, other: string) =>
      k in vars ? plural(lang, Number(vars[k]), one, other) : m,
    )
    .replace(/\{de (\w+)\}/g, (m, k: string) => (k in vars ? deName(String(vars[k]), lang) : m))
    .replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
  return typeset(lang, out);
}
