/**
 * A compact storage form of a campaign. The runner saves before and after every chunk, so the
 * write must stay small: the account ids are written once (they never change within a campaign),
 * and each save carries only the states, one character per account, with attempts, times and reasons.
 * Decoding goes back through `deserialize`, so a stored value is validated exactly like before.
 */
import { type Campaign, type EntryState, CAMPAIGN_FORMAT, CampaignError, deserialize } from './campaign';

const CODE: Record<EntryState, string> = { pending: 'p', inflight: 'i', sent: 's', failed: 'f', skipped: 'k', unknown: 'u' };
const STATE: Record<string, EntryState> = Object.fromEntries(Object.entries(CODE).map(([s, c]) => [c, s as EntryState]));

export interface CompactIds {
  id: string;
  order: string[];
}

export interface CompactState {
  v: 'c1';
  id: string;
  structureId: string;
  createdAt: number;
  updatedAt: number;
  status: string;
  stopReason?: string;
  /** One character per account, in `order`. */
  s: string;
  /** Attempts per account. */
  a: number[];
  /** Last change per account, in seconds after createdAt (-1 = none). */
  t: number[];
  /** Reasons, by index in `order`. */
  r: Record<string, string>;
}

export function encodeIds(c: Campaign): CompactIds {
  return { id: c.id, order: [...c.order] };
}

export function encodeState(c: Campaign): CompactState {
  let s = '';
  const a: number[] = [];
  const t: number[] = [];
  const r: Record<string, string> = {};
  c.order.forEach((id, i) => {
    const e = c.entries[id]!;
    s += CODE[e.state];
    a.push(e.attempts);
    t.push(e.at === undefined ? -1 : Math.max(0, Math.round((e.at - c.createdAt) / 1000)));
    if (e.reason !== undefined) r[i] = e.reason;
  });
  return {
    v: 'c1', id: c.id, structureId: c.structureId, createdAt: c.createdAt, updatedAt: c.updatedAt, status: c.status,
    ...(c.stopReason !== undefined ? { stopReason: c.stopReason } : {}), s, a, t, r,
  };
}

/**
 * The ids or the states as stored: one JSON text each (what the panel writes), or the object that
 * versions before 7 December wrote (a record left mid-run by them is still read). A text that is not JSON gives null
 * (unreadable). The text is what a run writes after every chunk: the browser copies a string whole,
 * where an object's two arrays of a thousand numbers were converted number by number, on the page's
 * thread, at each write and again in each page that watches the storage.
 */
export function storedState(state: unknown): unknown {
  if (typeof state !== 'string') return state;
  try {
    return JSON.parse(state);
  } catch {
    return null;
  }
}

export function decode(ids: unknown, state: unknown): Campaign {
  const i = storedState(ids) as Partial<CompactIds> | null;
  const st = storedState(state) as Partial<CompactState> | null;
  if (!i || !st || st.v !== 'c1' || !Array.isArray(i.order) || typeof st.s !== 'string') throw new CampaignError('campaign: not a stored campaign');
  if (i.id !== st.id) throw new CampaignError('campaign: ids and states belong to different campaigns');
  if (st.s.length !== i.order.length || !Array.isArray(st.a) || !Array.isArray(st.t) || st.a.length !== i.order.length || st.t.length !== i.order.length)
    throw new CampaignError('campaign: ids and states differ in length');
  const entries: Record<string, unknown> = {};
  i.order.forEach((id, k) => {
    const state = STATE[st.s![k]!];
    if (!state) throw new CampaignError(`campaign: unknown state code ${JSON.stringify(st.s![k])}`);
    const secs = st.t![k]!;
    entries[id as string] = {
      state,
      attempts: st.a![k],
      ...(typeof secs === 'number' && secs >= 0 ? { at: (st.createdAt as number) + secs * 1000 } : {}),
      ...(st.r && st.r[k] !== undefined ? { reason: st.r[k] } : {}),
    };
  });
  return deserialize({
    v: CAMPAIGN_FORMAT, id: st.id, structureId: st.structureId, createdAt: st.createdAt, updatedAt: st.updatedAt,
    status: st.status, ...(st.stopReason !== undefined ? { stopReason: st.stopReason } : {}), order: i.order, entries,
  });
}

/**
 * A stored record as the panel finds it. `unreadable`: one key is missing or damaged; what can still
 * be read of it is kept, so the accounts it may have touched can be named (« incertain »), never lost.
 */
export type StoredCampaign =
  | { kind: 'none' }
  | { kind: 'ok'; campaign: Campaign }
  | { kind: 'unreadable'; problem: string; ids: string[] | null; count: number | null; updatedAt: number | null };

const isIdList = (x: unknown): x is string[] => Array.isArray(x) && x.every((id) => typeof id === 'string' && id !== '');

export function readStored(ids: unknown, state: unknown): StoredCampaign {
  try {
    return { kind: 'ok', campaign: decode(ids, state) };
  } catch (e) {
    const i = storedState(ids) as Partial<CompactIds> | null | undefined;
    const st = storedState(state) as Partial<CompactState> | null | undefined;
    const order = i && typeof i === 'object' && isIdList(i.order) ? [...new Set(i.order)] : null;
    const count = order ? order.length : st && typeof st === 'object' && typeof st.s === 'string' ? st.s.length : null;
    const updatedAt = st && typeof st === 'object' && typeof st.updatedAt === 'number' && Number.isFinite(st.updatedAt) ? st.updatedAt : null;
    return { kind: 'unreadable', problem: (e as Error).message, ids: order, count, updatedAt };
  }
}

/**
 * The campaign an unreadable record stands for, as far as it can be known: each of its accounts
 * `unknown` (reason `unreadable`: it may or may not have been mailed), nothing pending, so nothing is
 * sent again without the director asking (« Renvoyer aux comptes incertains »).
 */
export function uncertainCampaign(structureId: string, ids: readonly string[], now: number, id = `unreadable-${now.toString(36)}`): Campaign {
  const entries: Campaign['entries'] = Object.create(null);
  for (const a of ids) entries[a] = { state: 'unknown', reason: 'unreadable', attempts: 0, at: now };
  return { id, structureId, createdAt: now, updatedAt: now, status: 'done', entries, order: [...new Set(ids)] };
}
