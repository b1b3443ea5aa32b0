/**
 * The password rule the ENT enforces, read from its `passwordRegex` (`GET /auth/context`).
 *
 * entcore checks a new password with `Pattern.compile(passwordRegex).matcher(password).matches()`
 * (auth/src/main/java/org/entcore/auth/controllers/AuthController.java; default `.{8}.*`) and its
 * activation page with `ng-pattern` (auth/.../public/template/activation-form.html): both match the
 * whole password. Its human text (`passwordRegexI18nActivation`) is an i18n string that nothing keeps
 * in step with the regex: entcore's own default says « au moins 6 caractères » beside `.{8}.*`
 * (one-console.md §10). So the regex is the rule, and the sheets print a sentence derived from it.
 *
 * Only shapes we recognise are read: a minimum (and maximum) length (`.{n}.*`, `.{n,}`, `.{n,m}`,
 * `(?=.{n,})`), and lookaheads requiring a digit, a lower-case letter, an upper-case letter, a letter,
 * a special character (`\W`, `[^a-zA-Z0-9]`, or a listed set), or no space (`(?=\S+$)`). Anything
 * else (a restricted character class, a negative lookahead, an inline flag…) is unreadable, and the
 * sheets print the neutral sentence. A reading is then checked by running the regex on passwords
 * built from it: one that follows the rule must pass, one that misses any part of it must fail.
 */

export interface PasswordRule {
  /** Minimum length (0 = none). */
  min: number;
  /** Maximum length, or null. */
  max: number | null;
  digit: boolean;
  lower: boolean;
  upper: boolean;
  /** A letter of either case. */
  letter: boolean;
  /** A special character: `true` for any non-alphanumeric one, or the listed characters. */
  special: boolean | string;
  /** No space allowed. */
  noSpace: boolean;
}

const NONE: PasswordRule = { min: 0, max: null, digit: false, lower: false, upper: false, letter: false, special: false, noSpace: false };

type Need = 'digit' | 'lower' | 'upper' | 'letter' | 'special';

const DIGIT = ['\\d', '[0-9]', '[\\d]'];
const LOWER = ['[a-z]'];
const UPPER = ['[A-Z]'];
const LETTER = ['[a-zA-Z]', '[A-Za-z]'];
const NOT_ALNUM = ['\\W', '[\\W]', '[^\\w]', '[^a-zA-Z0-9]', '[^A-Za-z0-9]', '[^a-zA-Z\\d]', '[^A-Za-z\\d]', '[^0-9a-zA-Z]', '[^\\da-zA-Z]', '[^\\w\\s]', '[^a-zA-Z0-9\\s]', '[^A-Za-z0-9\\s]'];

/** A listed set of special characters, `[!@#$%^&*]`: printable ASCII punctuation only, escapes undone. */
function specialSet(cls: string): string | null {
  if (!cls.startsWith('[') || !cls.endsWith(']') || cls.startsWith('[^')) return null;
  const body = cls.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    let c = body[i]!;
    if (c === '\\') {
      c = body[++i] ?? '';
      if (!/^[^A-Za-z0-9]$/.test(c)) return null; // \d, \w, \s… are not a list of characters
    } else if (c === '-' && i > 0 && i < body.length - 1) return null; // a range
    if (!/^[!-/:-@[-`{-~]$/.test(c)) return null;
    if (!out.includes(c)) out += c;
  }
  return out || null;
}

/** What a lookahead body `.*X` / `.*?X+` / `[^X]*X` asks for, or null. */
function needOf(inner: string): { need: Need; set?: string } | null {
  const m = /^(?:\.\*\??|\[\^[^\]]*\]\*)(\\[dW]|\[[^\]]+\])(?:\+|\{1,\})?$/.exec(inner);
  if (!m) return null;
  const x = m[1]!;
  if (DIGIT.includes(x)) return { need: 'digit' };
  if (LOWER.includes(x)) return { need: 'lower' };
  if (UPPER.includes(x)) return { need: 'upper' };
  if (LETTER.includes(x)) return { need: 'letter' };
  if (NOT_ALNUM.includes(x)) return { need: 'special' };
  const set = specialSet(x);
  return set ? { need: 'special', set } : null;
}

/** `{n}`, `{n,}`, `{n,m}` → [min, max]. */
function quantifier(q: string): [number, number | null] | null {
  const m = /^\{(\d{1,3})(,(\d{1,3})?)?\}$/.exec(q);
  if (!m) return null;
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : m[3] === undefined ? null : Number(m[3]);
  return max !== null && max < min ? null : [min, max];
}

/** Splits the top level of a regex into atoms: groups `(...)`, classes `[...]`, escapes, single characters, each with its quantifier. */
function atoms(src: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  while (i < src.length) {
    const start = i;
    const c = src[i]!;
    if (c === '(') {
      let depth = 0;
      for (; i < src.length; i++) {
        const d = src[i]!;
        if (d === '\\') i++;
        else if (d === '[') {
          i++;
          while (i < src.length && src[i] !== ']') i += src[i] === '\\' ? 2 : 1;
        } else if (d === '(') depth++;
        else if (d === ')' && --depth === 0) break;
      }
      if (i >= src.length) return null;
      i++;
    } else if (c === '[') {
      i++;
      if (src[i] === '^') i++;
      if (src[i] === ']') i++;
      while (i < src.length && src[i] !== ']') i += src[i] === '\\' ? 2 : 1;
      if (i >= src.length) return null;
      i++;
    } else if (c === '\\') i += 2;
    else i++;
    const q = /^(?:\{\d+(?:,\d*)?\}|[*+?])\??/.exec(src.slice(i));
    if (q) i += q[0].length;
    out.push(src.slice(start, i));
  }
  return out;
}

/** Reads the regex's shape, before the check by running it; null when a part is not recognised. */
function parse(src: string): PasswordRule | null {
  const parts = atoms(src.trim());
  if (!parts || !parts.length) return null;
  const rule: PasswordRule = { ...NONE };
  let body: [number, number | null] | null = null;
  let ended = false;
  const setBody = (min: number, max: number | null): boolean => {
    if (body) {
      // `.{8}.*`: a fixed run followed by anything
      if (body[1] === null) return false;
      body = [body[0] + min, max === null ? null : body[1] + max];
    } else body = [min, max];
    return true;
  };
  for (const p of parts) {
    if (ended) return null;
    if (p === '^') {
      if (body) return null;
      continue;
    }
    if (p === '$') {
      ended = true;
      continue;
    }
    const look = /^\(\?=(.*)\)$/.exec(p);
    if (look) {
      if (body) return null;
      const inner = look[1]!.replace(/^\^/, '');
      if (/^\\S[+*]\$$/.test(inner)) {
        rule.noSpace = true;
        continue;
      }
      const len = /^\.(\{\d+(?:,\d*)?\})(?:\.\*)?\$?$/.exec(inner);
      if (len) {
        const q = quantifier(len[1]!);
        if (!q) return null;
        // (?=.{8,}) or (?=.{8}): a lower bound; (?=.{8,20}$) also an upper one
        rule.min = Math.max(rule.min, q[0]);
        if (inner.endsWith('$') && !inner.endsWith('.*$')) rule.max = q[1];
        continue;
      }
      const need = needOf(inner);
      if (!need) return null;
      if (need.need === 'special') {
        if (need.set && rule.special !== false) return null;
        rule.special = need.set ?? true;
      } else rule[need.need] = true;
      continue;
    }
    const m = /^(\.|\[\\s\\S\]|\[\\S\\s\]|\\S)(\{\d+(?:,\d*)?\}|[*+])?$/.exec(p);
    if (!m) return null;
    if (m[1] === '\\S') rule.noSpace = true;
    const q = m[2] === undefined ? [1, 1] as [number, number] : m[2] === '*' ? [0, null] as [number, null] : m[2] === '+' ? [1, null] as [number, null] : quantifier(m[2]);
    if (!q || !setBody(q[0], q[1])) return null;
  }
  if (!body) return null;
  const [bmin, bmax] = body as [number, number | null];
  rule.min = Math.max(rule.min, bmin);
  if (bmax !== null) rule.max = rule.max === null ? bmax : Math.min(rule.max, bmax);
  if (rule.max !== null && rule.max < rule.min) return null;
  return rule;
}

const PAD: Record<Need | 'any', string> = { digit: '7', lower: 'k', upper: 'K', letter: 'k', special: '#', any: 'k' };

function needs(r: PasswordRule): Need[] {
  const out: Need[] = [];
  if (r.upper) out.push('upper');
  if (r.lower) out.push('lower');
  if (r.letter && !r.upper && !r.lower) out.push('letter');
  if (r.digit) out.push('digit');
  if (r.special) out.push('special');
  return out;
}

/** A password made of the required characters, padded to `len` with `pad`. */
function sample(r: PasswordRule, len: number, skip: Need | null, pad: string): string {
  let s = '';
  for (const n of needs(r)) if (n !== skip) s += n === 'special' && typeof r.special === 'string' ? r.special[0] : PAD[n];
  while (s.length < len) s += pad;
  return s;
}

/** Characters that cannot stand for a missing kind: a padding that satisfies none of `skip`. */
const PAD_WITHOUT: Record<Need, string> = { digit: 'k', lower: 'K', upper: 'k', letter: '7', special: 'k' };

/**
 * Runs the regex, anchored as entcore matches it, on passwords built from the reading: any doubt
 * (a JavaScript syntax error, a Java-only construct, a reading the regex disagrees with) is unreadable.
 */
function confirms(src: string, r: PasswordRule): boolean {
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${src})$`, 'u');
  } catch {
    try {
      re = new RegExp(`^(?:${src})$`);
    } catch {
      return false;
    }
  }
  const list = needs(r);
  const min = Math.max(r.min, list.length, 1);
  if (r.max !== null && r.max < min) return false;
  if (!re.test(sample(r, min, null, PAD.any))) return false;
  // any other character is allowed: the sentence does not mention forbidden ones
  const varied = sample(r, 0, null, '') + 'zQ5-é';
  if (r.max === null || varied.length <= r.max) if (!re.test(varied.padEnd(min, 'k'))) return false;
  if (!r.noSpace && (r.max === null || min + 1 <= r.max) && !re.test(sample(r, min, null, PAD.any) + ' ')) return false;
  if (r.noSpace && re.test(sample(r, min, null, PAD.any) + ' ')) return false;
  if (r.max === null && !re.test(sample(r, min + 40, null, PAD.any))) return false;
  if (r.max !== null && re.test(sample(r, r.max + 1, null, PAD.any))) return false;
  if (r.min > list.length && r.min > 0 && re.test(sample(r, r.min - 1, null, PAD.any))) return false;
  for (const n of list) if (re.test(sample(r, min, n, PAD_WITHOUT[n]))) return false;
  return true;
}

/** The rule `passwordRegex` enforces, or null when the regex is not one we can read for sure. */
export function readPasswordRegex(src: string | null | undefined): PasswordRule | null {
  if (typeof src !== 'string' || !src.trim() || src.length > 300) return null;
  const r = parse(src);
  return r && confirms(src.trim(), r) ? r : null;
}

/** Whether the rule asks anything a parent must know (`.*`, `.+` ask nothing). */
export const ruleSaysSomething = (r: PasswordRule): boolean =>
  r.min > 1 || r.max !== null || r.noSpace || needs(r).length > 0;

/** The requirements in print order (upper, lower, letter, digit, special), for the wording. */
export const ruleNeeds = needs;
