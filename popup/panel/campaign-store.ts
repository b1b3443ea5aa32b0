/**
 * Where a mail campaign survives a panel close or a reload: extension storage, ids and states only
 * (the campaign model holds no code, address or name by construction). Two keys: the ids, and the
 * compact states (src/campaign/compact.ts) that each save of a run writes. The states are never
 * written without their ids being there: the ids go with the first states a page writes for a
 * campaign, and again with the next states whenever this page learns (`storage.onChanged`) that its
 * ids key was removed or replaced. A record that cannot be read is never dropped here: the panel
 * says so. Every write happens under the structure's campaign lock (MailPanel, locks.ts), so no
 * other page writes or removes these keys while a campaign runs.
 */
import type { Campaign } from '../../src/campaign/campaign';
import { encodeIds, encodeState, readStored, storedState, type StoredCampaign } from '../../src/campaign/compact';
import { ext } from '../../src/platform/browser-api';
import { campaignExpired } from '../../src/model/retention';

export const campaignKey = (structureId: string) => `campaign:${structureId}`;
export const campaignIdsKey = (structureId: string) => `campaign-ids:${structureId}`;

/** The stored record as it is: none, a campaign, or unreadable (with what could still be read of it). */
export async function readCampaign(structureId: string): Promise<StoredCampaign> {
  const got = await ext().storage.local.get([campaignKey(structureId), campaignIdsKey(structureId)]);
  const ids = got[campaignIdsKey(structureId)];
  const state = got[campaignKey(structureId)];
  if (state === undefined && ids === undefined) return { kind: 'none' };
  // Older than one school year: gone, as the privacy notice says (never for being unreadable).
  if (campaignExpired(ids, state, Date.now())) {
    await dropCampaign(structureId);
    return { kind: 'none' };
  }
  return readStored(ids, state);
}

/** The campaign, when there is a readable one. */
export async function loadCampaign(structureId: string): Promise<Campaign | null> {
  const s = await readCampaign(structureId);
  return s.kind === 'ok' ? s.campaign : null;
}

/** Per structure, the campaign whose ids this page wrote and still knows to be stored. */
const idsStored = new Map<string, string>();
let watchingIds = false;

function watchIds(): void {
  if (watchingIds) return;
  watchingIds = true;
  ext().storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    for (const [k, change] of Object.entries(changes)) {
      if (!k.startsWith('campaign-ids:')) continue;
      const structureId = k.slice('campaign-ids:'.length);
      const now = (storedState(change.newValue) as { id?: unknown } | null | undefined)?.id;
      if (now !== idsStored.get(structureId)) idsStored.delete(structureId);
    }
  });
}

/**
 * One storage write per save, and a small one: the ids (tens of KB for a large school) are written
 * only when they are not known to be stored already (see the header). Reads `c` before its first
 * `await` only: the mail run hands it its working copy (runner `saveReadsAtOnce`), not a snapshot.
 */
export async function saveCampaign(c: Campaign): Promise<void> {
  watchIds();
  // One text (compact.ts storedState): written at each chunk, and seen by every watcher.
  const items: Record<string, unknown> = { [campaignKey(c.structureId)]: JSON.stringify(encodeState(c)) };
  if (idsStored.get(c.structureId) !== c.id) items[campaignIdsKey(c.structureId)] = JSON.stringify(encodeIds(c));
  await ext().storage.local.set(items);
  idsStored.set(c.structureId, c.id);
}

export async function dropCampaign(structureId: string): Promise<void> {
  idsStored.delete(structureId);
  await ext().storage.local.remove([campaignKey(structureId), campaignIdsKey(structureId)]);
}

/** A change of the stored record: `read()` decodes it (once, shared by every watcher of the page). */
export interface CampaignChange {
  read(): StoredCampaign;
  /** The stored status, without decoding the record (undefined when there is no readable one). */
  status: string | undefined;
}

interface Hub {
  subs: Set<(c: CampaignChange) => void>;
  ids: unknown;
  state: unknown;
  stop(): void;
}
const hubs = new Map<string, Hub>();

/**
 * Calls `onChange` each time another page (or this one) writes the stored record: the live
 * progress of a campaign running elsewhere. One storage listener per school and page, and the
 * record decoded only when a watcher asks for it: a run writes it after every chunk, and this page's
 * own watchers (the dialog, the follow-up, the « elsewhere » banner) mostly need not read it: three
 * decodes of a thousand entries per chunk slowed the run itself. Returns the unsubscribe function.
 */
export function watchCampaign(structureId: string, onChange: (c: CampaignChange) => void): () => void {
  let hub = hubs.get(structureId);
  if (!hub) {
    const keys = [campaignKey(structureId), campaignIdsKey(structureId)] as const;
    const h: Hub = { subs: new Set(), ids: undefined, state: undefined, stop: () => undefined };
    let known = false;
    // The ids key changes only when a campaign starts: keep the last one seen for the next states.
    ext().storage.local.get([...keys]).then((got) => {
      if (known) return;
      h.ids = storedState(got[keys[1]]);
      h.state = got[keys[0]];
    });
    const listener = (changes: Record<string, chrome.storage.StorageChange>, area: string) => {
      if (area !== 'local') return;
      const s = changes[keys[0]];
      const i = changes[keys[1]];
      if (!s && !i) return;
      known = true;
      // parsed once per campaign, not at each of its chunks' writes
      if (i) h.ids = storedState(i.newValue);
      if (s) h.state = s.newValue;
      const ids = h.ids;
      const raw = h.state;
      // Parsed once, and only when a watcher asks (most look at the status, a few at the record).
      let state: { parsed: unknown } | undefined;
      const parsed = () => (state ??= { parsed: storedState(raw) }).parsed;
      let memo: StoredCampaign | undefined;
      const change: CampaignChange = {
        read: () => (memo ??= raw === undefined && ids === undefined ? { kind: 'none' } : readStored(ids, parsed())),
        get status() {
          const s = parsed() as { status?: unknown } | null | undefined;
          return typeof s?.status === 'string' ? s.status : undefined;
        },
      };
      for (const sub of [...h.subs]) {
        try {
          sub(change);
        } catch (e) {
          console.error('campaign watcher', e);
        }
      }
    };
    ext().storage.onChanged.addListener(listener);
    h.stop = () => ext().storage.onChanged.removeListener(listener);
    hubs.set(structureId, (hub = h));
  }
  const h = hub;
  h.subs.add(onChange);
  return () => {
    h.subs.delete(onChange);
    if (!h.subs.size) {
      h.stop();
      hubs.delete(structureId);
    }
  };
}

/**
 * `watchCampaign` for a page that shows another page's run: at most one call every `ms` (the first
 * at once, the latest always delivered last). The pages of the extension share one thread, so a
 * watcher that decoded every chunk's write would slow the run it shows.
 */
export function watchCampaignEvery(structureId: string, ms: number, onChange: (c: CampaignChange) => void): () => void {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: CampaignChange | null = null;
  const fire = () => {
    timer = undefined;
    last = Date.now();
    const c = pending;
    pending = null;
    if (c) onChange(c);
  };
  const stop = watchCampaign(structureId, (c) => {
    pending = c;
    if (timer === undefined) timer = setTimeout(fire, Math.max(0, last + ms - Date.now()));
  });
  return () => {
    clearTimeout(timer);
    stop();
  };
}
