/** The distribution log in extension storage, per structure (ids, events, dates only). */
import { type DistributionLog, sanitizeLog } from '../../src/model/distribution';
import { pruneLog } from '../../src/model/retention';
import { ext } from '../../src/platform/browser-api';

const key = (structureId: string) => `distribution:${structureId}`;

export async function loadLog(structureId: string): Promise<DistributionLog> {
  const got = await ext().storage.local.get(key(structureId));
  // Entries older than one school year are not shown, and go at the next save.
  return pruneLog(sanitizeLog(structureId, got[key(structureId)]), Date.now());
}

/**
 * One JSON string, not an object: the browser converts a stored object entry by entry on the
 * calling thread (5,000 printed accounts: ~140 ms in the panel), a string in one copy.
 */
export async function saveLog(log: DistributionLog): Promise<void> {
  await ext().storage.local.set({ [key(log.structureId)]: JSON.stringify({ entries: log.entries }) });
}
