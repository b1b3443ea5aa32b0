/**
 * Web Locks (`navigator.locks`) shared by every page of the extension (side panels, panel tabs, the
 * Firefox sidebar): they share one origin, so one lock name means one holder in the whole browser
 * profile. The browser releases a lock by itself when its page closes or crashes, which is what lets
 * a campaign left by a closed panel be resumed (once) by another.
 */

const campaignLock = (structureId: string) => `publipostage:campaign:${structureId}`;
const storeLock = (key: string) => `publipostage:store:${key}`;

/** The structures whose campaign this page itself is running (a page never shows itself as « elsewhere »). */
const ownRuns = new Set<string>();

function lockManager(): LockManager {
  const lm = (globalThis.navigator as Navigator | undefined)?.locks;
  // Chrome ≥ 69 and Firefox ≥ 96 have it in extension pages; without it two panels could mail twice.
  if (!lm) throw new Error('navigator.locks is not available');
  return lm;
}

/**
 * Runs `fn` holding the structure's campaign lock for all its duration, if no other page holds it.
 * `{ ok: false }` when another page (or this one) already does: nothing was run.
 */
export async function withCampaignLock<T>(structureId: string, fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
  let got = false;
  let value: T | undefined;
  await lockManager().request(campaignLock(structureId), { ifAvailable: true }, async (lock) => {
    if (!lock) return;
    got = true;
    ownRuns.add(structureId);
    try {
      value = await fn();
    } finally {
      ownRuns.delete(structureId);
    }
  });
  return got ? { ok: true, value: value as T } : { ok: false };
}

/** Whether another page holds the structure's campaign lock now (a campaign is running there). */
export async function campaignRunningElsewhere(structureId: string): Promise<boolean> {
  if (ownRuns.has(structureId)) return false;
  const q = await lockManager().query();
  return (q.held ?? []).some((l) => l.name === campaignLock(structureId));
}

/**
 * Resolves when the structure's campaign lock is free (at once when nobody holds it). A shared
 * request: it waits behind the holder without ever taking the lock from a page that wants to run.
 */
export async function campaignLockReleased(structureId: string, signal?: AbortSignal): Promise<void> {
  await lockManager().request(campaignLock(structureId), { mode: 'shared', ...(signal ? { signal } : {}) }, () => undefined);
}

/**
 * Read, merge, write of one storage record under its own lock, so two pages never overwrite each
 * other's changes (each merges into what the other has just written).
 */
export async function withStoreLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  return lockManager().request(storeLock(key), fn) as Promise<T>;
}
