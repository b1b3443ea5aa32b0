/**
 * Drops, for every structure, distribution-log entries, mail campaigns and remembered letter languages older than one school
 * year (src/model/retention.ts). Run by the background at install and browser start-up.
 */
import { sanitizeLog } from '../../src/model/distribution';
import { campaignExpired, pruneLog } from '../../src/model/retention';
import { ext } from '../../src/platform/browser-api';
import { pruneLetterLangs, sanitizeLetterLangs } from '../../src/model/letter-langs';

export async function pruneStorage(now = Date.now()): Promise<void> {
  const area = ext().storage.local;
  const all = await area.get(null);
  const set: Record<string, unknown> = {};
  const remove: string[] = [];
  for (const [key, value] of Object.entries(all)) {
    if (key.startsWith('distribution:')) {
      const structureId = key.slice('distribution:'.length);
      const before = sanitizeLog(structureId, value);
      const after = pruneLog(before, now);
      if (!Object.keys(after.entries).length) remove.push(key);
      else if (Object.keys(after.entries).length !== Object.keys(before.entries).length) set[key] = JSON.stringify({ entries: after.entries });
    } else if (key.startsWith('letter-langs:')) {
      // a family's remembered letter language goes with the school year, as the log does
      const before = sanitizeLetterLangs(value);
      const after = pruneLetterLangs(before, now);
      if (!Object.keys(after).length) remove.push(key);
      else if (Object.keys(after).length !== Object.keys(before).length) set[key] = JSON.stringify(after);
    } else if (key.startsWith('campaign:')) {
      const structureId = key.slice('campaign:'.length);
      if (campaignExpired(all[`campaign-ids:${structureId}`], value, now)) remove.push(key, `campaign-ids:${structureId}`);
    }
  }
  if (remove.length) await area.remove(remove);
  if (Object.keys(set).length) await area.set(set);
}
