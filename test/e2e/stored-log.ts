/** The distribution log as the extension stored it: what a fresh panel will show. */
import type { Ext } from './fixtures';

export type LogEntries = Record<string, { handed?: number; printed?: number; mailed?: number }>;

/** One school's log entries, keyed by account id (or keyed hash in table mode); {} when none yet. */
export async function storedLog(ext: Ext, structureId: string): Promise<LogEntries> {
  const got = await ext.sw.evaluate((k) => chrome.storage.local.get(k), `distribution:${structureId}`);
  // The panel writes one JSON string (popup/panel/distribution-store.ts); it reads an object too (the
  // older form, which some tests seed), until its first write replaces it.
  const raw = got[`distribution:${structureId}`] as string | { entries: LogEntries } | undefined;
  return (typeof raw === 'string' ? (JSON.parse(raw) as { entries: LogEntries }) : raw)?.entries ?? {};
}

/**
 * The accounts of `ids` not (yet) stored as handed over. The panel shows a hand-over at once and
 * stores it just after, under the log's lock: poll this to [] rather than read once.
 */
export async function notStoredHanded(ext: Ext, structureId: string, ids: Iterable<string>): Promise<string[]> {
  const entries = await storedLog(ext, structureId);
  return [...ids].filter((id) => !(Number(entries[id]?.handed) > 0));
}
