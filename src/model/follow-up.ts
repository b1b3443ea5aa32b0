/**
 * Activation follow-up (« Suivi »): where each class stands after the handout. One row per class in
 * school-level order, then « Sans classe », « Enseignants », « Personnels » (and « Invités » when the
 * school has guests). Each account is filed under exactly one row, the same way the class bundles and
 * the sign-off rosters file it (its lowest school level), so the rows add up to the school.
 */
import { type Account, type ClassRef, cannotActivate, hasEmail, isActivated } from './account';
import { compareClassNames } from './class-order';
import type { DistributionLog } from './distribution';

export type RowKind = 'class' | 'none' | 'teachers' | 'personnel' | 'guests';

/**
 * Counts of one group of accounts: `total` = activated + reached + notReached + blocked. `reached`,
 * `notReached` and `blocked` only count accounts not activated.
 */
export interface Tally {
  total: number;
  activated: number;
  /** Not activated, but the sheet was handed over or the e-mail sent. */
  reached: number;
  /** Not activated, neither handed over nor mailed: the ones to chase first. */
  notReached: number;
  /** Not activated and blocked (the account or its profile): they can never activate, so nobody chases them. */
  blocked: number;
}

export interface FollowUpRow {
  /** Stable key, never an id: `c:<class name>` for a class, else the kind. */
  key: string;
  kind: RowKind;
  /** The class name for a class row; empty for the other rows (their label is the UI's). */
  name: string;
  all: Tally;
  /** Split by profile: the class rows and « Sans classe » (students and their parents). */
  students: Tally;
  parents: Tally;
  accounts: Account[];
}

const SPECIAL: readonly RowKind[] = ['none', 'teachers', 'personnel', 'guests'];

export const emptyTally = (): Tally => ({ total: 0, activated: 0, reached: 0, notReached: 0, blocked: 0 });

/** Whether an account that is not activated got its code: handed over, or mailed (log or campaign). */
export function wasReached(a: Account, log: DistributionLog, mailed: ReadonlySet<string>): boolean {
  const e = log.entries[a.id];
  return e?.handed !== undefined || e?.mailed !== undefined || mailed.has(a.id);
}

function add(t: Tally, a: Account, log: DistributionLog, mailed: ReadonlySet<string>): void {
  t.total++;
  if (isActivated(a)) t.activated++;
  else if (cannotActivate(a)) t.blocked++;
  else if (wasReached(a, log, mailed)) t.reached++;
  else t.notReached++;
}

/**
 * The row an account goes in: teachers, personnels and guests by profile; students and parents under
 * their lowest-level class among the `known` ones (the console's classes, or the teacher's own),
 * « Sans classe » otherwise.
 */
export function rowKeyOf(a: Account, known: ReadonlySet<string>): { key: string; kind: RowKind; name: string } {
  if (a.profile === 'Teacher') return { key: 'teachers', kind: 'teachers', name: '' };
  if (a.profile === 'Personnel') return { key: 'personnel', kind: 'personnel', name: '' };
  if (a.profile === 'Guest') return { key: 'guests', kind: 'guests', name: '' };
  let best: string | null = null;
  for (const c of a.classes) if (known.has(c.name) && (best === null || compareClassNames(c.name, best) < 0)) best = c.name;
  return best === null ? { key: 'none', kind: 'none', name: '' } : { key: `c:${best}`, kind: 'class', name: best };
}

/**
 * Rows of the follow-up. `classes` are the classes to show (all the school's, or the teacher's own):
 * every one gets a row, even empty; an account's class missing from them still makes its row.
 * « Enseignants » and « Personnels » always show (a director expects them); « Sans classe » and
 * « Invités » only when someone is in them.
 */
export function followUpRows(
  accounts: readonly Account[],
  classes: readonly ClassRef[],
  log: DistributionLog,
  mailed: ReadonlySet<string> = new Set(),
): FollowUpRow[] {
  const known = new Set(classes.map((c) => c.name));
  for (const a of accounts) for (const c of a.classes) known.add(c.name);
  const rows = new Map<string, FollowUpRow>();
  const row = (key: string, kind: RowKind, name: string): FollowUpRow => {
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { key, kind, name, all: emptyTally(), students: emptyTally(), parents: emptyTally(), accounts: [] }));
    return r;
  };
  for (const c of classes) row(`c:${c.name}`, 'class', c.name);
  row('teachers', 'teachers', '');
  row('personnel', 'personnel', '');
  for (const a of accounts) {
    const { key, kind, name } = rowKeyOf(a, known);
    const r = row(key, kind, name);
    r.accounts.push(a);
    add(r.all, a, log, mailed);
    if (a.profile === 'Student') add(r.students, a, log, mailed);
    if (a.profile === 'Relative') add(r.parents, a, log, mailed);
  }
  return [...rows.values()].sort((x, y) => {
    const rx = SPECIAL.indexOf(x.kind), ry = SPECIAL.indexOf(y.kind);
    return rx - ry || compareClassNames(x.name, y.name);
  });
}

/** The whole school (or the teacher's classes): the rows added up. */
export function totalOf(rows: readonly FollowUpRow[]): Pick<FollowUpRow, 'all' | 'students' | 'parents'> {
  const out = { all: emptyTally(), students: emptyTally(), parents: emptyTally() };
  for (const r of rows)
    for (const k of ['all', 'students', 'parents'] as const)
      for (const f of ['total', 'activated', 'reached', 'notReached', 'blocked'] as const) out[k][f] += r[k][f];
  return out;
}

/** Percentage of activated accounts, rounded down so that 99.6 % never reads « 100 % »; null when empty. */
export function percent(t: Pick<Tally, 'total' | 'activated'>): number | null {
  return t.total ? Math.floor((t.activated * 100) / t.total) : null;
}

export interface ChaseOptions {
  /** Also those already handed over or mailed (a second sheet for a lost one). */
  includeReached: boolean;
}

/**
 * Whom to chase in some rows: not activated, not blocked (they can never activate), and (unless
 * asked) not reached yet. Teachers too: entcore gives them activation codes like anyone, and the
 * sheets print them.
 */
export function chaseTargets(
  rows: readonly FollowUpRow[],
  log: DistributionLog,
  mailed: ReadonlySet<string>,
  opts: ChaseOptions,
): Account[] {
  const out: Account[] = [];
  for (const r of rows)
    for (const a of r.accounts)
      if (!isActivated(a) && !cannotActivate(a) && (opts.includeReached || !wasReached(a, log, mailed))) out.push(a);
  return out;
}

/** In some rows, the accounts not activated that can never activate (blocked): said, never chased. */
export function blockedIn(rows: readonly FollowUpRow[]): Account[] {
  const out: Account[] = [];
  for (const r of rows) for (const a of r.accounts) if (cannotActivate(a)) out.push(a);
  return out;
}

/** Of the chase targets, those the console can e-mail (an address on file). */
export const mailable = (targets: readonly Account[]): Account[] => targets.filter(hasEmail);

/** Day of the latest handout (handed over or mailed) among a row's accounts, as `yyyy-mm-dd`; null if none. */
export function lastHandoutDay(row: Pick<FollowUpRow, 'accounts'>, log: DistributionLog): string | null {
  let last = -Infinity;
  for (const a of row.accounts) {
    const e = log.entries[a.id];
    if (e?.handed !== undefined && e.handed > last) last = e.handed;
    if (e?.mailed !== undefined && e.mailed > last) last = e.mailed;
  }
  return Number.isFinite(last) ? localDay(new Date(last)) : null;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** A date as the local calendar day `yyyy-mm-dd` (the director's day, not UTC's). */
export const localDay = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

export interface MetricsGap {
  /** What the console's own statistics count (`/directory/structure/:id/metrics`). */
  console: { n: number; a: number };
  /** What the list read shows. */
  list: { n: number; a: number };
}

/**
 * The console's statistics against the list read: null when they agree (or are unknown). They can
 * differ: the statistics count the central administrators' accounts, which the list hides from a
 * local administrator, and accounts that changed since the list was read.
 */
export function metricsGap(metrics: readonly { active: number; inactive: number }[] | null | undefined, accounts: readonly Account[]): MetricsGap | null {
  if (!metrics) return null;
  const c = { n: 0, a: 0 };
  for (const m of metrics) {
    c.n += m.active + m.inactive;
    c.a += m.active;
  }
  const l = { n: accounts.length, a: accounts.filter(isActivated).length };
  return c.n === l.n && c.a === l.a ? null : { console: c, list: l };
}
