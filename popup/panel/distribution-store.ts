/**
 * The distribution log in extension storage, per structure (ids, events, dates only). Several panels
 * may be open on the same school (a side panel, a tab): each change is a delta merged into the stored
 * log under a Web Lock (read, merge, write), never a whole log written over another panel's, and
 * every open panel follows the stored log through `storage.onChanged`.
 */
import { type DistributionEvent, type DistributionLog, logReadable, record, sanitizeLog, unrecord } from '../../src/model/distribution';
import { pruneLog } from '../../src/model/retention';
import { ext } from '../../src/platform/browser-api';
import { withStoreLock } from './locks';

const key = (structureId: string) => `distribution:${structureId}`;

/** The stored log is there but cannot be read: shown as such, never replaced by an empty one. */
export class LogUnreadable extends Error {}

export async function loadLog(structureId: string): Promise<DistributionLog> {
  const got = await ext().storage.local.get(key(structureId));
  if (!logReadable(got[key(structureId)])) throw new LogUnreadable(`distribution:${structureId}`);
  // Entries older than one school year are not shown, and go at the next save.
  return pruneLog(sanitizeLog(structureId, got[key(structureId)]), Date.now());
}

/**
 * One JSON string, not an object: the browser converts a stored object entry by entry on the
 * calling thread (5,000 printed accounts: ~140 ms in the panel), a string in one copy.
 */
async function writeLog(log: DistributionLog): Promise<void> {
  const text = JSON.stringify({ entries: log.entries });
  written.set(key(log.structureId), text);
  await ext().storage.local.set({ [key(log.structureId)]: text });
}

/** The last log text this page wrote, per key: its own write's echo needs no second redraw. */
const written = new Map<string, string>();

/**
 * Records (`on`) or removes one event for these accounts in the stored log, merged with whatever
 * another panel wrote meanwhile; returns the log as stored.
 */
export function updateLog(structureId: string, ids: readonly string[], event: DistributionEvent, on: boolean, at = Date.now()): Promise<DistributionLog> {
  return withStoreLock(key(structureId), async () => {
    const stored = await loadLog(structureId);
    const next = on ? record(stored, ids, event, at) : unrecord(stored, ids, event);
    await writeLog(next);
    return next;
  });
}

/**
 * The director's choice when the stored log cannot be read: it is removed, and the marks start
 * afresh (the accounts' activation still comes from the console).
 */
export async function dropLog(structureId: string): Promise<void> {
  await withStoreLock(key(structureId), () => ext().storage.local.remove(key(structureId)));
}

/**
 * Calls `onChange` with the stored log each time a panel writes it (`onUnreadable` when what was
 * written cannot be read). Returns the unsubscribe function.
 */
export function watchLog(structureId: string, onChange: (log: DistributionLog) => void, onUnreadable?: () => void): () => void {
  const k = key(structureId);
  const listener = (changes: Record<string, chrome.storage.StorageChange>, area: string) => {
    if (area !== 'local' || !(k in changes) || changes[k]!.newValue === written.get(k)) return;
    if (!logReadable(changes[k]!.newValue)) return onUnreadable?.();
    onChange(pruneLog(sanitizeLog(structureId, changes[k]!.newValue), Date.now()));
  };
  ext().storage.onChanged.addListener(listener);
  return () => ext().storage.onChanged.removeListener(listener);
}
