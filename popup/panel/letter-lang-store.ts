/**
 * The families' remembered letter languages in extension storage, per structure (see
 * src/model/letter-langs.ts: keyed hashes, languages and dates only), written under a Web Lock
 * (read, merge, write) like the distribution log.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Account } from '../../src/model/account';
import { type LetterLangMemory, accountHash, pruneLetterLangs, rememberLang, rememberedLang, sanitizeLetterLangs } from '../../src/model/letter-langs';
import { installKey } from './install-secret';
import type { LetterLang } from '../../src/i18n/letter';
import { ext } from '../../src/platform/browser-api';
import { withStoreLock } from './locks';

export const letterLangsKey = (structureId: string) => `letter-langs:${structureId}`;

export async function loadLetterLangs(structureId: string): Promise<LetterLangMemory> {
  const k = letterLangsKey(structureId);
  return pruneLetterLangs(sanitizeLetterLangs((await ext().storage.local.get(k))[k]), Date.now());
}

/** Remembers a family's language (null: forgets it); returns what is stored. */
export function saveLetterLang(structureId: string, hashes: readonly string[], lang: LetterLang | null): Promise<LetterLangMemory> {
  const k = letterLangsKey(structureId);
  return withStoreLock(k, async () => {
    const next = rememberLang(await loadLetterLangs(structureId), hashes, lang, Date.now());
    if (Object.keys(next).length) await ext().storage.local.set({ [k]: JSON.stringify(next) });
    else await ext().storage.local.remove(k);
    return next;
  });
}

const NONE: Record<string, LetterLang> = Object.freeze({}) as Record<string, LetterLang>;

/**
 * The remembered language of each account's family among `accounts` (by account id), for a whole
 * run: a family remembered in meeting mode keeps its language when the school's letters are printed.
 */
export function useRememberedLangs(structureId: string, accounts: readonly Account[], on: boolean): Record<string, LetterLang> {
  const [out, setOut] = useState<Record<string, LetterLang>>(NONE);
  useEffect(() => {
    // the same empty object: a new one at every selection change redrew the publish section twice
    if (!on) return setOut(NONE);
    let live = true;
    (async () => {
      const memory = await loadLetterLangs(structureId);
      if (!Object.keys(memory).length) return {};
      const key = await installKey();
      const langs: Record<string, LetterLang> = {};
      for (const a of accounts) {
        const l = rememberedLang(memory, [await accountHash(key, a.id)]);
        if (l) langs[a.id] = l;
      }
      return langs;
    })().then((v) => live && setOut(v), () => undefined);
    return () => {
      live = false;
    };
  }, [structureId, accounts, on]);
  return out;
}
