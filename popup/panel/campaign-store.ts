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
import { encodeIds, encodeState, readStored, type StoredCampaign } from '../../src/campaign/compact';
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
      const now = (change.newValue as { id?: unknown } | undefined)?.id;
      if (now !== idsStored.get(structureId)) idsStored.delete(structureId);
    }
  });
}

/**
 * One storage write per save, and a small one: the ids (tens of KB for a large school) are written
 * only when they are not known to be stored already (see the header).
 */
export async function saveCampaign(c: Campaign): Promise<void> {
  watchIds();
  const items: Record<string, unknown> = { [campaignKey(c.structureId)]: encodeState(c) };
  if (idsStored.get(c.structureId) !== c.id) items[campaignIdsKey(c.structureId)] = encodeIds(c);
  await ext().storage.local.set(items);
  idsStored.set(c.structureId, c.id);
}

export async function dropCampaign(structureId: string): Promise<void> {
  idsStored.delete(structureId);
  await ext().storage.local.remove([campaignKey(structureId), campaignIdsKey(structureId)]);
}

/**
 * Calls `onChange` with the stored record each time another page (or this one) writes it: the live
 * progress of a campaign running elsewhere. Returns the unsubscribe function.
 */
export function watchCampaign(structureId: string, onChange: (s: StoredCampaign) => void): () => void {
  const keys = [campaignKey(structureId), campaignIdsKey(structureId)];
  let ids: unknown;
  let state: unknown;
  let live = true;
  // The ids key changes only when a campaign starts: keep the last one seen for the next states.
  ext().storage.local.get(keys).then((got) => {
    ids ??= got[keys[1]!];
    state ??= got[keys[0]!];
  });
  const listener = (changes: Record<string, chrome.storage.StorageChange>, area: string) => {
    if (area !== 'local' || !live) return;
    const s = changes[keys[0]!];
    const i = changes[keys[1]!];
    if (!s && !i) return;
    if (i) ids = i.newValue;
    if (s) state = s.newValue;
    onChange(state === undefined && ids === undefined ? { kind: 'none' } : readStored(ids, state));
  };
  ext().storage.onChanged.addListener(listener);
  return () => {
    live = false;
    ext().storage.onChanged.removeListener(listener);
  };
}

