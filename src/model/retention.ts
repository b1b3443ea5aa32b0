/**
 * How long the extension keeps what it records (distribution log entries, mail campaigns): one
 * school year. Older records describe a hand-over of last year's accounts and are dropped.
 */
import { decode, storedState } from '../campaign/compact';
import type { DistributionLog } from './distribution';

export const RETENTION_MS = 365 * 24 * 3600 * 1000;

/** The log without the entries whose latest event is older than one school year. */
export function pruneLog(log: DistributionLog, now: number): DistributionLog {
  const entries: DistributionLog['entries'] = {};
  for (const [id, e] of Object.entries(log.entries)) {
    const last = Math.max(e.handed ?? 0, e.printed ?? 0, e.mailed ?? 0);
    if (now - last <= RETENTION_MS) entries[id] = e;
  }
  return { ...log, entries };
}

/**
 * Whether a stored campaign (its compact state) was last touched more than one school year ago. An
 * unreadable record is judged by the time it still carries; without one it is kept (the panel shows
 * it and the director decides): being unreadable is never a reason to drop it silently.
 */
export function campaignExpired(ids: unknown, state: unknown, now: number): boolean {
  try {
    const c = decode(ids, state);
    return now - Math.max(c.updatedAt, c.createdAt) > RETENTION_MS;
  } catch {
    const st = storedState(state) as { updatedAt?: unknown; createdAt?: unknown } | null | undefined;
    const times = [st?.updatedAt, st?.createdAt].filter((t): t is number => typeof t === 'number' && Number.isFinite(t));
    return times.length > 0 && now - Math.max(...times) > RETENTION_MS;
  }
}
