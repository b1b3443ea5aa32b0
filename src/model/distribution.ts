/**
 * Who got what: per account, when it was handed over, printed or mailed. Ids, states and dates
 * only — never a code, a name or an address — so it can live in extension storage.
 */
import { type Account, type Profile, PROFILES, hasEmail, isActivated } from './account';

export type DistributionEvent = 'handed' | 'printed' | 'mailed';

export interface DistributionEntry {
  handed?: number;
  printed?: number;
  mailed?: number;
}

export interface DistributionLog {
  structureId: string;
  entries: Record<string, DistributionEntry>;
}

export const emptyLog = (structureId: string): DistributionLog => ({ structureId, entries: {} });

export function record(log: DistributionLog, ids: Iterable<string>, event: DistributionEvent, at: number): DistributionLog {
  const entries = { ...log.entries };
  // Plain copies, no computed-key spread: marking 5,000 printed accounts stays a few milliseconds.
  for (const id of ids) {
    const e: DistributionEntry = Object.assign({}, entries[id]);
    e[event] = at;
    entries[id] = e;
  }
  return { ...log, entries };
}

export function unrecord(log: DistributionLog, ids: Iterable<string>, event: DistributionEvent): DistributionLog {
  const entries = { ...log.entries };
  for (const id of ids) {
    const { [event]: _gone, ...rest } = entries[id] ?? {};
    if (Object.keys(rest).length) entries[id] = rest;
    else delete entries[id];
  }
  return { ...log, entries };
}

/** Done = activated in the console (read again) or handed over in person. */
export function isDone(a: Account, log: DistributionLog): boolean {
  return isActivated(a) || log.entries[a.id]?.handed !== undefined;
}

/**
 * "Réimprimer les manquants": not activated and not handed over (the parents absent from the
 * meeting), whatever the profile: a teacher whose account still has a code needs that code too.
 */
export function missing(accounts: readonly Account[], log: DistributionLog): Account[] {
  return accounts.filter((a) => !isDone(a, log));
}

/** A stored log's entries: stored as one JSON string (fast to hand to storage), or as an object by older versions. */
function storedEntries(raw: unknown): Record<string, unknown> | null {
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch {
      return null;
    }
  }
  const entries = (raw as { entries?: unknown } | null)?.entries;
  return entries && typeof entries === 'object' && !Array.isArray(entries) ? (entries as Record<string, unknown>) : null;
}

/**
 * Whether a stored log can be read at all (none stored counts as readable). An unreadable one is
 * neither shown as empty nor written over: the panel says so and lets the director start afresh.
 */
export function logReadable(raw: unknown): boolean {
  return raw === undefined || raw === null || storedEntries(raw) !== null;
}

/** Checks a stored log; anything unexpected (a code, a name…) is dropped, not kept. */
export function sanitizeLog(structureId: string, raw: unknown): DistributionLog {
  const out = emptyLog(structureId);
  const entries = storedEntries(raw);
  if (!entries) return out;
  for (const [id, e] of Object.entries(entries)) {
    // `login:<login>` keys (table mode before keyed hashes) hold a login: dropped, never kept.
    if (!e || typeof e !== 'object' || id.startsWith('login:')) continue;
    const clean: DistributionEntry = {};
    for (const k of ['handed', 'printed', 'mailed'] as const) {
      const v = (e as Record<string, unknown>)[k];
      if (typeof v === 'number' && Number.isFinite(v)) clean[k] = v;
    }
    if (Object.keys(clean).length) out.entries[id] = clean;
  }
  return out;
}

export type Channel = 'paper' | 'mail' | 'academie';

/**
 * The channel plan by profile: teachers already activated use their account (académie or ONE
 * login, no sheet needed); a teacher whose account still has a code gets a sheet like everyone
 * else; parents and guests by e-mail when they have an address (the console mails them their
 * login and code), else on paper; students and staff on paper.
 */
export function channelOf(a: Account): Channel {
  if (a.profile === 'Teacher' && !a.activationCode) return 'academie';
  if ((a.profile === 'Guest' || a.profile === 'Relative') && hasEmail(a)) return 'mail';
  return 'paper';
}

export function planChannels(accounts: readonly Account[]): Record<Channel, Account[]> {
  const plan: Record<Channel, Account[]> = { paper: [], mail: [], academie: [] };
  for (const a of accounts) plan[channelOf(a)].push(a);
  return plan;
}

/** Accounts per profile. */
export type ProfileCounts = Record<Profile, number>;

/** The plan's lines and buttons: per channel, accounts per profile, with and without those already activated. */
export interface PlanCounts {
  all: Record<Channel, ProfileCounts>;
  notActivated: Record<Channel, ProfileCounts>;
  activated: number;
  activatedTeachers: number;
}

const noProfile = (): ProfileCounts => Object.fromEntries(PROFILES.map((p) => [p, 0])) as ProfileCounts;
const noChannel = (): Record<Channel, ProfileCounts> => ({ paper: noProfile(), mail: noProfile(), academie: noProfile() });

/**
 * What planChannels would give, counted in one pass without building its lists: the plan is
 * counted again at every selection change (5,000 accounts), its lists are wanted only on a click.
 */
export function planCounts(accounts: readonly Account[]): PlanCounts {
  const out: PlanCounts = { all: noChannel(), notActivated: noChannel(), activated: 0, activatedTeachers: 0 };
  for (const a of accounts) {
    const c = channelOf(a);
    out.all[c][a.profile]++;
    if (isActivated(a)) {
      out.activated++;
      if (a.profile === 'Teacher') out.activatedTeachers++;
    } else out.notActivated[c][a.profile]++;
  }
  return out;
}

export const countOf = (c: ProfileCounts): number => PROFILES.reduce((n, p) => n + c[p], 0);
