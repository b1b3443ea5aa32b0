/**
 * Where a mail campaign survives a panel close or a reload: extension storage, ids and states only
 * (the campaign model holds no code, address or name by construction).
 */
import { deserialize, serialize, type Campaign } from '../src/campaign/campaign';
import { ext } from '../src/platform/browser-api';

const key = (structureId: string) => `campaign:${structureId}`;

export async function loadCampaign(structureId: string): Promise<Campaign | null> {
  const got = await ext().storage.local.get(key(structureId));
  const raw = got[key(structureId)];
  if (typeof raw !== 'string') return null;
  try {
    return deserialize(JSON.parse(raw));
  } catch {
    return null;
  }
}

export async function saveCampaign(c: Campaign): Promise<void> {
  await ext().storage.local.set({ [key(c.structureId)]: serialize(c) });
}

export async function dropCampaign(structureId: string): Promise<void> {
  await ext().storage.local.remove(key(structureId));
}
