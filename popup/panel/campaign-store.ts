/**
 * Where a mail campaign survives a panel close or a reload: extension storage, ids and states only
 * (the campaign model holds no code, address or name by construction). The ids are written once per
 * campaign; each save during a run writes only the compact states (src/campaign/compact.ts).
 */
import type { Campaign } from '../../src/campaign/campaign';
import { decode, encodeIds, encodeState } from '../../src/campaign/compact';
import { ext } from '../../src/platform/browser-api';
import { campaignExpired } from '../../src/model/retention';

const key = (structureId: string) => `campaign:${structureId}`;
const idsKey = (structureId: string) => `campaign-ids:${structureId}`;
let idsWritten: string | null = null;

export async function loadCampaign(structureId: string): Promise<Campaign | null> {
  const got = await ext().storage.local.get([key(structureId), idsKey(structureId)]);
  if (!got[key(structureId)]) return null;
  if (campaignExpired(got[idsKey(structureId)], got[key(structureId)], Date.now())) {
    await dropCampaign(structureId);
    return null;
  }
  try {
    const c = decode(got[idsKey(structureId)], got[key(structureId)]);
    idsWritten = c.id;
    return c;
  } catch {
    return null;
  }
}

export async function saveCampaign(c: Campaign): Promise<void> {
  const items: Record<string, unknown> = { [key(c.structureId)]: encodeState(c) };
  if (idsWritten !== c.id) items[idsKey(c.structureId)] = encodeIds(c);
  await ext().storage.local.set(items);
  idsWritten = c.id;
}

export async function dropCampaign(structureId: string): Promise<void> {
  await ext().storage.local.remove([key(structureId), idsKey(structureId)]);
}
