/**
 * The mail campaign: which accounts of one structure get their personal login message by e-mail
 * (console endpoint `POST /directory/class-admin/massmail`, type `mail`; see one-console.md §1.5, §3)
 * and where each one stands.
 *
 * A campaign is persisted to extension storage, so it holds **ids and states only**: never an
 * activation code, an e-mail address or a name. Names for the report come from the caller's
 * in-memory accounts (see report.ts).
 *
 * Every helper here is pure: it returns a new Campaign and never mutates its argument.
 */
import { hasEmail, type Account } from '../model/account';

export {
  CAMPAIGN_STATUSES, ENTRY_STATES, STOP_REASONS,
  type Campaign, type CampaignStatus, type Entry, type EntryReason, type EntryState, type StopReason,
} from './types';
import { CAMPAIGN_STATUSES, ENTRY_STATES, STOP_REASONS, type Campaign, type CampaignStatus, type Entry, type EntryState, type StopReason } from './types';

export class CampaignError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CampaignError';
  }
}

const newEntries = (): Record<string, Entry> => Object.create(null) as Record<string, Entry>;

function newId(now: number): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  return `c-${now.toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

function copyEntry(e: Entry): Entry {
  const out: Entry = { state: e.state, attempts: e.attempts };
  if (e.reason !== undefined) out.reason = e.reason;
  if (e.at !== undefined) out.at = e.at;
  return out;
}

/** Deep copy (entries keep a null prototype). */
export function cloneCampaign(c: Campaign): Campaign {
  const entries = newEntries();
  for (const id of c.order) entries[id] = copyEntry(c.entries[id]!);
  const out: Campaign = {
    id: c.id, structureId: c.structureId, createdAt: c.createdAt, updatedAt: c.updatedAt,
    status: c.status, entries, order: [...c.order],
  };
  if (c.stopReason !== undefined) out.stopReason = c.stopReason;
  return out;
}

/**
 * A new campaign for `accounts`, in their order. Accounts without e-mail (null/blank) are `skipped`
 * with reason `no-email`; the others `pending`. Duplicate ids are kept once (first occurrence).
 */
export function createCampaign(
  structureId: string,
  accounts: readonly Account[],
  now: number = Date.now(),
  id: string = newId(now),
): Campaign {
  if (typeof structureId !== 'string' || structureId === '') throw new CampaignError('structureId is required');
  const entries = newEntries();
  const order: string[] = [];
  for (const a of accounts) {
    if (typeof a.id !== 'string' || a.id === '') throw new CampaignError('account without id');
    if (Object.prototype.hasOwnProperty.call(entries, a.id)) continue;
    order.push(a.id);
    entries[a.id] = hasEmail(a)
      ? { state: 'pending', attempts: 0, at: now }
      : { state: 'skipped', reason: 'no-email', attempts: 0, at: now };
  }
  return { id, structureId, createdAt: now, updatedAt: now, status: 'ready', entries, order };
}

export type Counts = Record<EntryState, number> & { total: number };

export function counts(c: Campaign): Counts {
  const out: Counts = { pending: 0, inflight: 0, sent: 0, failed: 0, skipped: 0, unknown: 0, total: 0 };
  for (const id of c.order) {
    out[c.entries[id]!.state]++;
    out.total++;
  }
  return out;
}

/** Ids with the given state, in campaign order. */
export const idsIn = (c: Campaign, state: EntryState): string[] => c.order.filter((id) => c.entries[id]!.state === state);
export const pendingIds = (c: Campaign): string[] => idsIn(c, 'pending');

/** A campaign that is still running (or was, before a crash) must go through resumeFrom first. */
function finalStatus(c: Campaign): CampaignStatus {
  return c.order.some((id) => c.entries[id]!.state === 'pending') ? (c.status === 'ready' ? 'ready' : 'paused') : 'done';
}

/**
 * What to do with a campaign read back from storage after a crash or a reload. Entries left
 * `inflight` become `unknown` (reason `interrupted`): the request may or may not have reached the
 * server, so they are **never resent automatically**; the UI offers "renvoyer", i.e. `requeue`.
 * A status left `running` becomes `paused` (or `done` if nothing is pending). Other statuses are kept.
 */
export function resumeFrom(saved: Campaign, now: number = Date.now()): Campaign {
  const c = cloneCampaign(saved);
  let changed = false;
  for (const id of c.order) {
    const e = c.entries[id]!;
    if (e.state === 'inflight') {
      c.entries[id] = { state: 'unknown', reason: 'interrupted', attempts: e.attempts, at: now };
      changed = true;
    }
  }
  if (c.status === 'running') {
    c.status = finalStatus(c);
    delete c.stopReason;
    changed = true;
  }
  if (changed) c.updatedAt = now;
  return c;
}

/**
 * Explicit re-send ("renvoyer"): the given accounts that are `sent`, `failed` or `unknown` become
 * `pending` again; their `attempts` history is kept. Other ids (pending, skipped, not in the campaign)
 * are ignored. A `done` campaign with something requeued becomes `paused` (ready to run again).
 * Refuses a `running` campaign: the runner owns it until it returns.
 */
export function requeue(c0: Campaign, ids: Iterable<string>, now: number = Date.now()): Campaign {
  if (c0.status === 'running') throw new CampaignError('cannot requeue a running campaign (pass it through resumeFrom after a crash)');
  const c = cloneCampaign(c0);
  let n = 0;
  for (const id of ids) {
    if (!Object.prototype.hasOwnProperty.call(c.entries, id)) continue;
    const e = c.entries[id]!;
    if (e.state === 'sent' || e.state === 'failed' || e.state === 'unknown') {
      c.entries[id] = { state: 'pending', attempts: e.attempts, at: now };
      n++;
    }
  }
  if (n > 0) {
    c.updatedAt = now;
    if (c.status === 'done') c.status = 'paused';
  }
  return c;
}

// ---- serialisation -------------------------------------------------------------------------------

export const CAMPAIGN_FORMAT = 1;

export function serialize(c: Campaign): string {
  const entries: Record<string, Entry> = {};
  for (const id of c.order) Object.defineProperty(entries, id, { value: copyEntry(c.entries[id]!), enumerable: true });
  return JSON.stringify({
    v: CAMPAIGN_FORMAT, id: c.id, structureId: c.structureId, createdAt: c.createdAt, updatedAt: c.updatedAt,
    status: c.status, ...(c.stopReason !== undefined ? { stopReason: c.stopReason } : {}), order: c.order, entries,
  });
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isTime = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;

/**
 * Parses and validates a stored campaign (string from `serialize`, or the already-parsed object).
 * Throws a CampaignError naming the first problem. Only known fields are kept, so nothing foreign
 * stored alongside survives a round trip.
 */
export function deserialize(input: unknown): Campaign {
  let o: unknown = input;
  if (typeof input === 'string') {
    try {
      o = JSON.parse(input);
    } catch (e) {
      throw new CampaignError(`campaign: not JSON (${(e as Error).message})`);
    }
  }
  const bad = (what: string): never => {
    throw new CampaignError(`campaign: ${what}`);
  };
  if (!isObj(o)) return bad('not an object');
  if (o.v !== CAMPAIGN_FORMAT) bad(`unsupported format version ${JSON.stringify(o.v)}`);
  if (typeof o.id !== 'string' || o.id === '') bad('id must be a non-empty string');
  if (typeof o.structureId !== 'string' || o.structureId === '') bad('structureId must be a non-empty string');
  if (!isTime(o.createdAt)) bad('createdAt must be an epoch ms number');
  if (!isTime(o.updatedAt)) bad('updatedAt must be an epoch ms number');
  if (!CAMPAIGN_STATUSES.includes(o.status as CampaignStatus)) bad(`unknown status ${JSON.stringify(o.status)}`);
  if (o.stopReason !== undefined && !STOP_REASONS.includes(o.stopReason as StopReason)) {
    bad(`unknown stopReason ${JSON.stringify(o.stopReason)}`);
  }
  if (!Array.isArray(o.order)) return bad('order must be an array');
  if (!isObj(o.entries)) return bad('entries must be an object');
  const order: string[] = [];
  const entries = newEntries();
  const seen = new Set<string>();
  for (const id of o.order as unknown[]) {
    if (typeof id !== 'string' || id === '') bad('order holds a non-string or empty id');
    const sid = id as string;
    if (seen.has(sid)) bad(`duplicate id in order: ${JSON.stringify(sid)}`);
    seen.add(sid);
    if (!Object.prototype.hasOwnProperty.call(o.entries, sid)) bad(`no entry for id ${JSON.stringify(sid)}`);
    const e = (o.entries as Record<string, unknown>)[sid];
    const where = `entry ${JSON.stringify(sid)}`;
    if (!isObj(e)) return bad(`${where} is not an object`);
    if (!ENTRY_STATES.includes(e.state as EntryState)) bad(`${where}: unknown state ${JSON.stringify(e.state)}`);
    if (typeof e.attempts !== 'number' || !Number.isInteger(e.attempts) || e.attempts < 0) {
      bad(`${where}: attempts must be a non-negative integer`);
    }
    if (e.reason !== undefined && (typeof e.reason !== 'string' || e.reason.length > 64)) bad(`${where}: bad reason`);
    if (e.at !== undefined && !isTime(e.at)) bad(`${where}: at must be an epoch ms number`);
    const entry: Entry = { state: e.state as EntryState, attempts: e.attempts as number };
    if (e.reason !== undefined) entry.reason = e.reason as string;
    if (e.at !== undefined) entry.at = e.at as number;
    order.push(sid);
    entries[sid] = entry;
  }
  for (const k of Object.keys(o.entries)) if (!seen.has(k)) bad(`entry ${JSON.stringify(k)} is not in order`);
  const c: Campaign = {
    id: o.id as string, structureId: o.structureId as string, createdAt: o.createdAt as number,
    updatedAt: o.updatedAt as number, status: o.status as CampaignStatus, entries, order,
  };
  if (o.stopReason !== undefined) c.stopReason = o.stopReason as StopReason;
  return c;
}

export { toCsv, type ReportNames, type ReportLang } from './report';
