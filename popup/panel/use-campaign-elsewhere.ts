/**
 * Whether another page of the extension (a side panel in another window, a panel tab) is running a
 * mail campaign for this school now, with its progress as its last write says: the panel shows it,
 * so a director never starts a second campaign on the same accounts without knowing.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Campaign } from '../../src/campaign/campaign';
import { readCampaign, watchCampaignEvery } from './campaign-store';
import { campaignLockReleased, campaignRunningElsewhere } from './locks';

/** null: none elsewhere; 'starting': one holds the lock but has written nothing yet. */
export type Elsewhere = Campaign | 'starting' | null;

export function useCampaignElsewhere(structureId: string): Elsewhere {
  const [state, setState] = useState<Elsewhere>(null);
  useEffect(() => {
    let live = true;
    let waiting = false;
    const ac = new AbortController();
    const check = async () => {
      if (!live || waiting || !(await campaignRunningElsewhere(structureId).catch(() => false))) return;
      waiting = true;
      const s = await readCampaign(structureId);
      if (live) setState(s.kind === 'ok' ? s.campaign : 'starting');
      // Until its lock is released (the run ended, or its page closed or crashed).
      campaignLockReleased(structureId, ac.signal)
        .then(() => {
          waiting = false;
          if (live) setState(null);
        })
        .catch(() => undefined);
    };
    check();
    // A campaign's first write comes once its page holds the lock: the moment to look again.
    const unwatch = watchCampaignEvery(structureId, 500, (c) => {
      if (!live) return;
      if (waiting) {
        const s = c.read();
        setState(s.kind === 'ok' ? s.campaign : 'starting');
      } else check();
    });
    return () => {
      live = false;
      ac.abort();
      unwatch();
    };
  }, [structureId]);
  return state;
}
