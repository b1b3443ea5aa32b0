/**
 * The follow-up's storage: the daily snapshots (counts only, see src/model/follow-up-history.ts), one
 * series for the school's console page and one for the teacher's page (which reads only its classes
 * and files a parent under the teacher's own class), and the ids a mail campaign has sent to.
 */
import { addSnapshot, sanitizeHistory, type RowCounts, type Snapshot } from '../../src/model/follow-up-history';
import { ext } from '../../src/platform/browser-api';
import { loadCampaign, watchCampaign, type CampaignChange } from './campaign-store';
import { withStoreLock } from './locks';
import { afterNextPaint } from './after-paint';

export type HistoryScope = 'school' | 'classes';

const key = (scope: HistoryScope, structureId: string) => `followup:${scope}:${structureId}`;

/**
 * Adds this read's counts to the history (at most one snapshot a day) and returns the history: read,
 * merge, write under a Web Lock, so two panels recording at once both land.
 */
export function recordSnapshot(scope: HistoryScope, structureId: string, counts: Record<string, RowCounts>, today: string): Promise<Snapshot[]> {
  const k = key(scope, structureId);
  return withStoreLock(k, async () => {
    const got = await ext().storage.local.get(k);
    const next = addSnapshot(sanitizeHistory(got[k]), counts, today);
    await ext().storage.local.set({ [k]: next });
    return next;
  });
}

/** Calls `onChange` with the history each time a panel writes it. Returns the unsubscribe function. */
export function watchHistory(scope: HistoryScope, structureId: string, onChange: (h: Snapshot[]) => void): () => void {
  const k = key(scope, structureId);
  const listener = (changes: Record<string, chrome.storage.StorageChange>, area: string) => {
    if (area === 'local' && k in changes) onChange(sanitizeHistory(changes[k]!.newValue));
  };
  ext().storage.onChanged.addListener(listener);
  return () => ext().storage.onChanged.removeListener(listener);
}

/**
 * The ids a campaign has sent to, when a panel (this one or another) writes the campaign: at most
 * every 10 s while it runs (each new set redraws the follow-up over every account), and at its end.
 */
export function watchMailedIds(structureId: string, onChange: (ids: Set<string>) => void): () => void {
  let last = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The latest write, decoded only when the follow-up is redrawn (not at each chunk of a run).
  let latest: CampaignChange | null = null;
  const emit = () => {
    timer = undefined;
    const s = latest?.read();
    if (s?.kind !== 'ok') return;
    const ids = new Set(s.campaign.order.filter((id) => s.campaign.entries[id]?.state === 'sent'));
    if (ids.size !== last) {
      last = ids.size;
      onChange(ids);
    }
  };
  const stop = watchCampaign(structureId, (c) => {
    latest = c;
    if (c.status !== 'running') {
      clearTimeout(timer);
      // After the mail dialog's report has been drawn: this redraw recounts every account.
      timer = undefined;
      afterNextPaint(() => timer === undefined && emit());
    } else timer ??= setTimeout(emit, 10_000);
  });
  return () => {
    clearTimeout(timer);
    stop();
  };
}

/** Accounts the saved mail campaign has sent to (its states survive even when the panel closed mid-run). */
export async function loadMailedIds(structureId: string): Promise<Set<string>> {
  const c = await loadCampaign(structureId).catch(() => null);
  return new Set(c ? c.order.filter((id) => c.entries[id]?.state === 'sent') : []);
}
