/** The password rule sentence of the family letter, in any of its languages, from the ENT's rule. */
import { type PasswordRule, ruleNeeds, ruleSaysSomething } from '../../console/password-rule';
import type { RuleWords } from './types';

/**
 * The sentence for `r` in the language of `w`, built as src/i18n/password-rule.ts builds the
 * sheets' one (same parts, same choices), or null when the rule asks nothing.
 */
export function ruleSentenceIn(r: PasswordRule, w: RuleWords): string | null {
  if (!ruleSaysSomething(r)) return null;
  const needs = ruleNeeds(r).map((n) => (n === 'special' && typeof r.special === 'string' ? `${w.special} (${w.among(r.special)})` : w[n]));
  // a length the requirements already imply (1 or 2 characters for a digit and a letter) is not worth saying
  const length = r.max !== null ? (r.max === r.min ? w.exact(r.min) : w.range(r.min, r.max)) : r.min > Math.max(1, needs.length) ? w.min(r.min) : null;
  return w.sentence({ length, needs, noSpace: r.noSpace });
}
