/** The distribution log in extension storage, per structure (ids, events, dates only). */
import { type DistributionLog, sanitizeLog } from '../src/model/distribution';
import { pruneLog } from '../src/model/retention';
import { ext } from '../src/platform/browser-api';

const key = (structureId: string) => `distribution:${structureId}`;

export async function loadLog(structureId: string): Promise<DistributionLog> {
  const got = await ext().storage.local.get(key(structureId));
  // Entries older than one school year are not shown, and go at the next save.
  return pruneLog(sanitizeLog(structureId, got[key(structureId)]), Date.now());
}

export async function saveLog(log: DistributionLog): Promise<void> {
  await ext().storage.local.set({ [key(log.structureId)]: { entries: log.entries } });
}
