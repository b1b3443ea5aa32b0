/**
 * The families' remembered letter languages in extension storage, per structure (see
 * src/model/letter-langs.ts: keyed hashes, languages and dates only), written under a Web Lock
 * (read, merge, write) like the distribution log.
 */
import { type LetterLangMemory, pruneLetterLangs, rememberLang, sanitizeLetterLangs } from '../../src/model/letter-langs';
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
