/** « Se souvenir pour cette famille » (src/model/letter-langs.ts): hashes only, a school year, any member finds the family. */
import { test, expect } from '@playwright/test';
import { accountHash, pruneLetterLangs, rememberLang, rememberedLang, sanitizeLetterLangs } from '../../src/model/letter-langs';
import { RETENTION_MS } from '../../src/model/retention';
import { tableIdKey } from '../../src/model/table-ids';

test('a family is remembered under its members’ keyed hashes, found by any of them, forgotten whole, pruned after a school year', async () => {
  const key = await tableIdKey(crypto.getRandomValues(new Uint8Array(32)));
  const other = await tableIdKey(crypto.getRandomValues(new Uint8Array(32)));
  const ids = ['7a1e0c3e-0000-4000-8000-000000000101', '7a1e0c3e-0000-4000-8000-000000000102'];
  const hs = await Promise.all(ids.map((id) => accountHash(key, id)));
  // keyed: the same id under another install's secret is another hash; never the id itself
  expect(await accountHash(other, ids[0]!)).not.toBe(hs[0]);
  for (const h of hs) expect(h).toMatch(/^h:[A-Za-z0-9_-]{22}$/);
  const now = Date.UTC(2026, 8, 1);
  let m = rememberLang({}, hs, 'tr', now);
  const stored = JSON.stringify(m);
  for (const id of ids) expect(stored).not.toContain(id);
  expect(rememberedLang(sanitizeLetterLangs(stored), [hs[1]!])).toBe('tr');
  expect(rememberedLang(m, ['h:someoneelse000000000000'])).toBeNull();
  m = rememberLang(m, hs, 'ar', now + 1000);
  expect(rememberedLang(m, hs)).toBe('ar');
  expect(pruneLetterLangs(m, now + RETENTION_MS)).toEqual(m);
  expect(pruneLetterLangs(m, now + 1000 + RETENTION_MS + 1)).toEqual({});
  expect(rememberLang(m, hs, null, now)).toEqual({});
  // what is not ours is dropped on reading
  expect(sanitizeLetterLangs({ 'Famille Benali': { lang: 'tr', at: now }, [hs[0]!]: { lang: 'xx', at: now } })).toEqual({});
  expect(sanitizeLetterLangs('not json')).toEqual({});
});
