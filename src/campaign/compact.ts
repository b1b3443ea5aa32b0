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

export function decode(ids: unknown, state: unknown): Campaign {
  const i = ids as Partial<CompactIds> | null;
  const st = state as Partial<CompactState> | null;
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
