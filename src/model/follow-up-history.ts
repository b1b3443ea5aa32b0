/**
 * Progress over time: each read of the console leaves a dated snapshot of the per-row counts.
 * Counts only — the number of accounts and of activated ones per row, keyed by class name or row
 * kind — never an id, a name or a code, so it may live in extension storage. At most one snapshot a
 * day (the day's first read: the state before that day's handout, which is what « since the
 * handout » compares with); snapshots older than one school year are dropped, the same rule as the
 * distribution logs.
 */
import type { FollowUpRow } from './follow-up';

export interface RowCounts {
  /** Accounts in the row. */
  n: number;
  /** Activated accounts in the row. */
  a: number;
}

export interface Snapshot {
  /** Local calendar day, `yyyy-mm-dd`. */
  day: string;
  rows: Record<string, RowCounts>;
}

/** One school year, as a rolling window: a snapshot older than this is dropped. */
export const SCHOOL_YEAR_DAYS = 365;
/** At most one a day over a school year. */
const MAX_SNAPSHOTS = SCHOOL_YEAR_DAYS + 1;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Row keys: a class name (`c:` + at most 120 characters) or a row kind. */
const KEY = /^(c:.{1,120}|none|teachers|personnel|guests)$/s;

export const countsOf = (rows: readonly FollowUpRow[]): Record<string, RowCounts> =>
  Object.fromEntries(rows.map((r) => [r.key, { n: r.all.total, a: r.all.activated }]));

const dayNumber = (day: string): number => Math.round(Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10)) / 86_400_000);

/** Whole days from `from` to `to` (both `yyyy-mm-dd`). */
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

/** Drops the snapshots older than one school year (and any dated in the future: a wrong clock). */
export function prune(history: readonly Snapshot[], today: string): Snapshot[] {
  return history.filter((s) => {
    const age = daysBetween(s.day, today);
    return age >= 0 && age <= SCHOOL_YEAR_DAYS;
  });
}

/**
 * Records a read. The day's first snapshot stays; a row it lacks is added (the teacher page reads
 * only its classes, a later read may bring more), a row it has is not overwritten.
 */
export function addSnapshot(history: readonly Snapshot[], counts: Record<string, RowCounts>, today: string): Snapshot[] {
  const kept = prune(history, today);
  const i = kept.findIndex((s) => s.day === today);
  if (i < 0) return [...kept, { day: today, rows: { ...counts } }].sort((x, y) => (x.day < y.day ? -1 : x.day > y.day ? 1 : 0));
  const out = [...kept];
  out[i] = { day: today, rows: { ...counts, ...kept[i]!.rows } };
  return out;
}

const count = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1_000_000;

/** Checks a stored history: anything that is not a day, a row key and two counts is dropped. */
export function sanitizeHistory(raw: unknown): Snapshot[] {
  if (!Array.isArray(raw)) return [];
  const out: Snapshot[] = [];
  const seen = new Set<string>();
  for (const s of raw) {
    if (!s || typeof s !== 'object') continue;
    const { day, rows } = s as { day?: unknown; rows?: unknown };
    if (typeof day !== 'string' || !DAY.test(day) || seen.has(day) || !rows || typeof rows !== 'object') continue;
    const clean: Record<string, RowCounts> = {};
    for (const [k, v] of Object.entries(rows as Record<string, unknown>)) {
      const { n, a } = (v ?? {}) as { n?: unknown; a?: unknown };
      if (KEY.test(k) && count(n) && count(a) && a <= n) clean[k] = { n, a };
    }
    seen.add(day);
    out.push({ day, rows: clean });
  }
  out.sort((x, y) => (x.day < y.day ? -1 : 1));
  return out.slice(-MAX_SNAPSHOTS);
}

export interface TrendPoint {
  day: string;
  /** Activated. */
  a: number;
  n: number;
}

export interface Trend {
  /** The snapshot compared with: the last one on or before the handout day, else the first after it. */
  fromDay: string;
  from: number;
  to: number;
  /** From that snapshot to now, one point a day, the current read last. */
  points: TrendPoint[];
}

/**
 * A row's progress since `since` (the day of its last handout; the first snapshot when null) up to
 * the `current` read. Null when no snapshot holds the row yet.
 */
export function trendOf(history: readonly Snapshot[], key: string, since: string | null, current: RowCounts, today: string): Trend | null {
  const points: TrendPoint[] = [];
  for (const s of history) {
    const r = s.rows[key];
    if (r && s.day <= today) points.push({ day: s.day, a: r.a, n: r.n });
  }
  if (!points.length) return null;
  let start = 0;
  if (since !== null) {
    const before = points.map((p) => p.day <= since).lastIndexOf(true);
    start = before >= 0 ? before : points.findIndex((p) => p.day > since);
    if (start < 0) start = points.length - 1;
  }
  const base = points[start]!;
  const series = points.slice(start).filter((p, i) => i === 0 || p.day !== today);
  series.push({ day: today, a: current.a, n: current.n });
  return { fromDay: base.day, from: base.a, to: current.a, points: series };
}
