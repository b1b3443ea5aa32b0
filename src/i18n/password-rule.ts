/**
 * The password rule in words, for the sheets: derived from the rule the ENT enforces
 * (src/console/password-rule.ts), and the test of whether the ENT's own text says the same.
 */
import { type PasswordRule, ruleNeeds, ruleSaysSomething } from '../console/password-rule';
import type { Lang } from './french';

const WORDS = {
  fr: {
    lead: 'Votre mot de passe doit contenir',
    min: (n: number) => `au moins ${n} caractères`,
    range: (a: number, b: number) => (a > 1 ? `entre ${a} et ${b} caractères` : `au plus ${b} caractères`),
    exact: (n: number) => `exactement ${n} caractères`,
    including: 'dont',
    atLeast: 'au moins',
    upper: 'une majuscule',
    lower: 'une minuscule',
    letter: 'une lettre',
    digit: 'un chiffre',
    special: 'un caractère spécial',
    among: (set: string) => `parmi ${set.split('').join(' ')}`,
    and: 'et',
    noSpace: 'sans espace',
  },
  en: {
    lead: 'Your password must contain',
    min: (n: number) => `at least ${n} characters`,
    range: (a: number, b: number) => (a > 1 ? `between ${a} and ${b} characters` : `at most ${b} characters`),
    exact: (n: number) => `exactly ${n} characters`,
    including: 'including',
    atLeast: 'at least',
    upper: 'one upper-case letter',
    lower: 'one lower-case letter',
    letter: 'one letter',
    digit: 'one digit',
    special: 'one special character',
    among: (set: string) => `among ${set.split('').join(' ')}`,
    and: 'and',
    noSpace: 'with no space',
  },
} as const;

const list = (items: string[], and: string): string =>
  items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;

/**
 * « Votre mot de passe doit contenir au moins 12 caractères, dont une majuscule, une minuscule, un
 * chiffre et un caractère spécial. » Null when the rule asks nothing (`.*`): the sheet then prints
 * its neutral sentence.
 */
export function ruleSentence(r: PasswordRule, lang: Lang): string | null {
  if (!ruleSaysSomething(r)) return null;
  const w = WORDS[lang];
  const needs = ruleNeeds(r).map((n) => (n === 'special' && typeof r.special === 'string' ? `${w.special} (${w.among(r.special)})` : w[n]));
  // A length the requirements already imply (1 or 2 characters for a digit and a letter) is not worth saying.
  const length =
    r.max !== null ? (r.max === r.min ? w.exact(r.min) : w.range(r.min, r.max)) : r.min > Math.max(1, needs.length) ? w.min(r.min) : null;
  let s: string = w.lead;
  if (length && needs.length) s += ` ${length}, ${w.including} ${list(needs, w.and)}`;
  else if (length) s += ` ${length}`;
  else if (needs.length) s += ` ${w.atLeast} ${list(needs, w.and)}`;
  else s = s.replace(/ (contenir|contain)$/, '');
  if (r.noSpace) s += length || needs.length ? `, ${w.noSpace}` : lang === 'fr' ? ' être sans espace' : ' have no space';
  return `${s}.`;
}

const bare = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/**
 * Whether the ENT's text states exactly this rule: the same lengths (every number it gives is the
 * minimum or the maximum) and the same kinds of characters. A text that adds advice (« il est
 * recommandé de mélanger… ») or leaves out a part does not agree, and the derived sentence is printed.
 */
export function textAgrees(text: string, r: PasswordRule): boolean {
  let t = bare(text);
  if (/recommand|conseill|recommend|advis|suggest/.test(t)) return false;
  const numbers = (t.match(/\d+/g) ?? []).map(Number);
  const lengths = new Set<number>([r.min, ...(r.max !== null ? [r.max] : [])]);
  if (numbers.some((n) => !lengths.has(n))) return false;
  const impliedLength = r.max === null && r.min <= Math.max(1, ruleNeeds(r).length);
  if (!impliedLength && !numbers.includes(r.min)) return false;
  if (r.max !== null && !numbers.includes(r.max)) return false;
  const has = (re: RegExp) => {
    const found = re.test(t);
    t = t.replace(re, ' ');
    return found;
  };
  const upper = has(/(lettres? )?majuscules?|upper[- ]?case( letters?)?|capital( letters?)?/g);
  const lower = has(/(lettres? )?minuscules?|lower[- ]?case( letters?)?/g);
  const special = has(/caracteres? speciaux|caracteres? special|speciaux|special characters?|symbols?|non[- ]alphanumeri\w*/g);
  const digit = has(/chiffres?|digits?|numbers?|numeri\w*/g);
  const letter = /lettres?|letters?/.test(t);
  const noSpace = /espace|space/.test(t);
  const want = ruleNeeds(r);
  return (
    upper === want.includes('upper') &&
    lower === want.includes('lower') &&
    special === want.includes('special') &&
    digit === want.includes('digit') &&
    letter === want.includes('letter') &&
    noSpace === r.noSpace
  );
}
