/**
 * The follow-up's storage: the daily snapshots (counts only, see src/model/follow-up-history.ts), one
 * series for the school's console page and one for the teacher's page (which reads only its classes
 * and files a parent under the teacher's own class), and the ids a mail campaign has sent to.
 */
import { addSnapshot, sanitizeHistory, type RowCounts, type Snapshot } from '../../src/model/follow-up-history';
import { ext } from '../../src/platform/browser-api';
import { loadCampaign } from './campaign-store';

export type HistoryScope = 'school' | 'classes';

const key = (scope: HistoryScope, structureId: string) => `followup:${scope}:${structureId}`;

/** Adds this read's counts to the history (at most one snapshot a day) and returns the history. */
export async function recordSnapshot(scope: HistoryScope, structureId: string, counts: Record<string, RowCounts>, today: string): Promise<Snapshot[]> {
  const k = key(scope, structureId);
  const got = await ext().storage.local.get(k);
  const next = addSnapshot(sanitizeHistory(got[k]), counts, today);
  await ext().storage.local.set({ [k]: next });
  return next;
}

/** Accounts the saved mail campaign has sent to (its states survive even when the panel closed mid-run). */
export async function loadMailedIds(structureId: string): Promise<Set<string>> {
  const c = await loadCampaign(structureId).catch(() => null);
  return new Set(c ? c.order.filter((id) => c.entries[id]?.state === 'sent') : []);
}
