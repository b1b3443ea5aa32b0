/**
 * « Se souvenir pour cette famille »: a family's letter language kept across sessions. Stored per
 * structure under keyed hashes of its accounts' ids (HMAC-SHA-256 with the install secret, as the
 * table mode's ids: src/model/table-ids.ts), never a name, an id or a login; dropped after one
 * school year like the distribution log. A family is found by any of its members' hashes.
 */
import { isLetterLang, type LetterLang } from '../i18n/letter/types';
import { RETENTION_MS } from './retention';

export interface LetterLangEntry {
  lang: LetterLang;
  /** When it was chosen (ms). */
  at: number;
}
export type LetterLangMemory = Record<string, LetterLangEntry>;

/** A stored value read back: what is not a hash with a known language and a time is dropped. */
export function sanitizeLetterLangs(raw: unknown): LetterLangMemory {
  let v = raw;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return {};
    }
  }
  const out: LetterLangMemory = {};
  if (!v || typeof v !== 'object') return out;
  for (const [k, e] of Object.entries(v as Record<string, unknown>)) {
    const x = e as { lang?: unknown; at?: unknown } | null;
    if (/^h:[A-Za-z0-9_-]{16,}$/.test(k) && x && isLetterLang(x.lang) && typeof x.at === 'number' && Number.isFinite(x.at)) out[k] = { lang: x.lang, at: x.at };
  }
  return out;
}

/** Without the choices older than one school year. */
export function pruneLetterLangs(m: LetterLangMemory, now: number): LetterLangMemory {
  const out: LetterLangMemory = {};
  for (const [k, e] of Object.entries(m)) if (now - e.at <= RETENTION_MS) out[k] = e;
  return out;
}

/** The family's remembered language: the latest chosen for any of its members' hashes. */
export function rememberedLang(m: LetterLangMemory, hashes: readonly string[]): LetterLang | null {
  let best: LetterLangEntry | null = null;
  for (const h of hashes) {
    const e = m[h];
    if (e && (!best || e.at > best.at)) best = e;
  }
  return best?.lang ?? null;
}

/** Remembers (a language) or forgets (null) a family: every member's hash is set or removed. */
export function rememberLang(m: LetterLangMemory, hashes: readonly string[], lang: LetterLang | null, at: number): LetterLangMemory {
  const out = { ...m };
  for (const h of hashes) {
    if (lang) out[h] = { lang, at };
    else delete out[h];
  }
  return out;
}

const b64url = (bytes: Uint8Array): string => {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

/** `h:` + the first 128 bits of HMAC-SHA-256(install secret, « letter-lang » + the account's id). */
export async function accountHash(key: CryptoKey, accountId: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`letter-lang\u0000${accountId}`));
  return `h:${b64url(new Uint8Array(mac).subarray(0, 16))}`;
}
