/**
 * Runs a mail campaign: sends the pending accounts, in chunks, through the injected `send` (the
 * content script's `POST /directory/class-admin/massmail` with `{ids, type:'mail', structureId, theme}`,
 * one-console.md §1.5) and records every step through the injected `save`.
 *
 * Guarantee: **no account is sent twice within a campaign** without an explicit `requeue`.
 *  - Before a chunk is sent, its entries are marked `inflight` and that state is saved (awaited). If
 *    the save fails, the chunk is not sent and the run stops (`stopReason: 'storage'`).
 *  - A crash leaves those entries `inflight`; `resumeFrom` (and the runner itself, at start) turns
 *    them into `unknown`, which is never sent again automatically.
 *  - The one deliberate exception is the retry of a timed-out chunk, see `retryTimeouts`.
 *
 * Pure logic: no DOM, no chrome.* APIs. Time, sleep and randomness are injectable for tests.
 */
import { cloneCampaign, pendingIds, resumeFrom, type Campaign, type StopReason } from './campaign';

export type SendFailureKind = 'server' | 'timeout' | 'network' | 'lost' | 'session' | 'mfa' | 'forbidden' | 'bad-request' | 'refused' | 'wrong-console' | 'tab-closed' | 'not-sent';

export type SendResult =
  | { ok: true }
  | {
      ok: false;
      /**
       * server: 5xx · timeout · network: fetch failed · lost: the request was handed over but its
       * answer can never come (the console tab reloaded or navigated): it may have been made ·
       * session: expired (redirect to /auth/login
       * or 401) · mfa: MFA to validate in the console · forbidden: 403 · bad-request: 400 ·
       * refused: the console's resource filter refused the request as a whole (401 with a live session:
       * one id outside the caller's schools, a repeated id, or no class-admin right) — nothing was mailed ·
       * tab-closed: the console tab is gone, the chunk was never handed over ·
       * not-sent: the sender held the chunk in its queue and gave it back without ever requesting it
       * (after `abandon`, or its queue did not move in time): certainly not mailed
       */
      kind: SendFailureKind;
      status?: number;
      message?: string;
    };

export interface RunDeps {
  /** Sends one chunk. Should honour `signal` (aborted on timeout). May throw: counted as `network`. */
  send(ids: string[], signal: AbortSignal): Promise<SendResult>;
  /** Persists a snapshot. Calls are serialised (never overlapping) and always carry the latest state. */
  save(c: Campaign): Promise<void> | void;
  /**
   * `save` reads the campaign it is given before its first `await` (it encodes it at once), so the
   * runner may hand it its own working copy instead of a snapshot: one copy of every entry less per
   * chunk (a thousand-account run made two hundred of them, a steady load on the page's thread and its
   * garbage collector). Default false: `save` gets a snapshot it may keep.
   */
  saveReadsAtOnce?: boolean;
  /** Called with a snapshot after every change (for the UI). Exceptions are ignored. */
  onUpdate?(c: Campaign): void;
  /**
   * At most one `onUpdate` every this many milliseconds, the latest state always delivered (and at
   * once when the run ends). Default 0: every change. A snapshot copies every entry: two per chunk
   * of a thousand-account run kept the page's thread busy between sends.
   */
  updateEveryMs?: number;
  /** Ids per request. Default 5. */
  chunkSize?: number;
  /** Requests in flight at most. Default 4. */
  concurrency?: number;
  /**
   * Chunks handed to `send` per lane at once. Default 1. With 2, a lane's next chunk is recorded
   * `inflight` and handed over while its current one is at the console, and the sender (which must
   * then keep at most `concurrency` requests at the console and queue the rest) starts it the moment
   * a request ends: the console never waits for the panel's round trip and storage write. The price:
   * a queued chunk counts as handed over, so a run that dies with chunks queued reports them
   * « incertain » unless the sender gave them back (`not-sent`).
   */
  depth?: number;
  /**
   * Called once when the run stops or is cancelled: the sender gives back (answers `not-sent` to)
   * the chunks it holds in its queue, so that nothing more than the requests already at the console
   * goes out.
   */
  abandon?(): void;
  /** Requests per chunk at most, for retryable failures (server/timeout/network). Default 4. */
  maxAttempts?: number;
  /** Delay before retry number `attempt` (1 = first retry). Default 500·2^(attempt−1) ms, ±25 % jitter. */
  backoffMs?(attempt: number): number;
  /** A send is aborted and counted as `timeout` after this. Default 30000. */
  timeoutMs?: number;
  /**
   * Whether a timed-out chunk is retried. Default true (as the product asks).
   *
   * A timed-out request may still have been processed by the server (the console answers 200 only
   * after it has queued the mails), so a retry can mail those accounts twice. The risk is bounded by
   * the chunk size (at most `chunkSize` people get a second copy of the same message, which is
   * harmless in content). With `false`, a timed-out chunk is marked `unknown` (reason `timeout`)
   * instead, and the user decides whether to "renvoyer" (requeue).
   */
  retryTimeouts?: boolean;
  /** Cancel: no new chunk is launched; chunks in flight finish (they are not aborted); status `paused`. */
  signal?: AbortSignal;
  sleep?(ms: number): Promise<void>;
  now?(): number;
}

const RETRYABLE: ReadonlySet<SendFailureKind> = new Set(['server', 'timeout', 'network']);
// wrong-console: the tab left the console the accounts were read from; tab-closed: the tab is gone;
// either way nothing was sent.
const STOPPING: ReadonlySet<SendFailureKind> = new Set(['session', 'mfa', 'forbidden', 'wrong-console', 'tab-closed']);

export function defaultBackoffMs(attempt: number, random: () => number = Math.random): number {
  const base = 500 * 2 ** Math.max(0, attempt - 1);
  return Math.min(30_000, Math.round(base * (0.75 + random() * 0.5)));
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));

function posInt(name: string, v: number | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer (got ${v})`);
  return v;
}

/** One send with a hard timeout: resolves as `timeout` after `ms` even if `send` never settles. */
async function sendWithTimeout(send: RunDeps['send'], ids: string[], ms: number): Promise<SendResult> {
  const ac = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<SendResult>((resolve) => {
    timer = setTimeout(() => {
      ac.abort(new DOMException('campaign send timed out', 'TimeoutError'));
      resolve({ ok: false, kind: 'timeout', message: `no answer after ${ms} ms` });
    }, ms);
  });
  const sent = (async (): Promise<SendResult> => {
    try {
      const r = await send([...ids], ac.signal);
      if (ac.signal.aborted) return { ok: false, kind: 'timeout' };
      if (!r || typeof r !== 'object' || typeof r.ok !== 'boolean') {
        return { ok: false, kind: 'network', message: 'send returned no result' };
      }
      return r;
    } catch (e) {
      if (ac.signal.aborted) return { ok: false, kind: 'timeout' };
      return { ok: false, kind: 'network', message: e instanceof Error ? e.message : String(e) };
    }
  })();
  try {
    return await Promise.race([sent, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs (or resumes) a campaign until nothing is pending, a stop condition, or cancel. Never mutates
 * `c0`; returns the final campaign (also passed to the last `save`). Entries found `inflight` at start
 * (an interrupted run) become `unknown` first, as `resumeFrom` does.
 *
 * Final status: `done` (nothing pending), `stopped` + `stopReason` (session / mfa / forbidden / storage),
 * `paused` (cancelled with accounts still pending).
 */
export async function runCampaign(c0: Campaign, deps: RunDeps): Promise<Campaign> {
  const chunkSize = posInt('chunkSize', deps.chunkSize, 5);
  const concurrency = posInt('concurrency', deps.concurrency, 4);
  const depth = posInt('depth', deps.depth, 1);
  const maxAttempts = posInt('maxAttempts', deps.maxAttempts, 4);
  const timeoutMs = deps.timeoutMs ?? 30_000;
  if (!(timeoutMs > 0)) throw new RangeError(`timeoutMs must be positive (got ${timeoutMs})`);
  const retryTimeouts = deps.retryTimeouts ?? true;
  const backoff = deps.backoffMs ?? ((a: number) => defaultBackoffMs(a));
  const sleep = deps.sleep ?? defaultSleep;
  const now = deps.now ?? Date.now;
  const cancel = deps.signal;

  // Anything inflight now was left by a run that died: never resend it blindly.
  const c = resumeFrom(c0, now());
  c.status = 'running';
  delete c.stopReason;
  c.updatedAt = now();

  let stop: StopReason | undefined;
  let abandoned = false;
  const abandon = (): void => {
    if (abandoned) return;
    abandoned = true;
    try {
      deps.abandon?.();
    } catch {
      /* the sender's problem: its queued chunks then come back as they may */
    }
  };
  const halt = (reason: StopReason): void => {
    stop ??= reason;
    abandon();
  };
  const onCancel = (): void => abandon();
  cancel?.addEventListener('abort', onCancel, { once: true });

  // --- persistence: serialised, each save writes the latest state ---------------------------------
  // Saves never overlap. A save that is queued but not yet started is shared by later callers: it
  // snapshots the campaign when it starts, so it carries their changes too (fewer writes under load).
  let lastSave: Promise<unknown> = Promise.resolve();
  let queuedSave: Promise<boolean> | null = null;
  const updateEvery = deps.updateEveryMs ?? 0;
  let lastUpdate = -Infinity;
  let updateTimer: ReturnType<typeof setTimeout> | undefined;
  const deliver = (): void => {
    updateTimer = undefined;
    lastUpdate = Date.now();
    try {
      deps.onUpdate?.(cloneCampaign(c));
    } catch {
      /* the UI's problem, not the campaign's */
    }
  };
  const notify = (): void => {
    if (!deps.onUpdate || updateTimer !== undefined) return;
    const wait = lastUpdate + updateEvery - Date.now();
    if (updateEvery <= 0 || wait <= 0) deliver();
    else updateTimer = setTimeout(deliver, wait);
  };
  const persist = (): Promise<boolean> => {
    notify();
    if (queuedSave) return queuedSave;
    const p = lastSave.then(async () => {
      queuedSave = null;
      try {
        await deps.save(deps.saveReadsAtOnce ? c : cloneCampaign(c));
        return true;
      } catch {
        return false;
      }
    });
    queuedSave = p;
    lastSave = p;
    return p;
  };
  const touch = (): void => {
    c.updatedAt = now();
  };

  // --- work queue -------------------------------------------------------------------------------
  const ids = pendingIds(c);
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += chunkSize) chunks.push(ids.slice(i, i + chunkSize));
  let next = 0;
  let sentCount = 0;
  // The run's start (status `running`, the inflight of a dead run turned `unknown`) is saved with the
  // first chunks' `inflight`: one write before the first request, not two in a row. With nothing to
  // send, on its own.
  if (!chunks.length && !(await persist())) halt('storage');

  const set = (chunk: string[], state: 'pending' | 'inflight' | 'sent' | 'failed' | 'unknown', reason?: string): void => {
    const t = now();
    for (const id of chunk) {
      const e = c.entries[id]!;
      e.state = state;
      e.at = t;
      if (reason === undefined) delete e.reason;
      else e.reason = reason;
    }
    touch();
  };

  /** Runs one chunk to its end; returns how many of its ids the console refused one by one. */
  const runChunk = async (chunk: string[]): Promise<number> => {
    for (let attempt = 1; ; attempt++) {
      set(chunk, 'inflight');
      for (const id of chunk) c.entries[id]!.attempts++;
      if (!(await persist())) {
        // Not recorded as inflight, so not sent: back to pending, and stop the run.
        set(chunk, 'pending');
        for (const id of chunk) c.entries[id]!.attempts--;
        halt('storage');
        return 0;
      }
      const r = await sendWithTimeout(deps.send, chunk, timeoutMs);
      if (r.ok) {
        set(chunk, 'sent');
        sentCount += chunk.length;
        // Not saved on its own: the next `inflight` save (before any send) or the final save carries
        // it, one storage write per chunk instead of two. A crash in between leaves these entries
        // `inflight`, i.e. `unknown` on resume: never a resend.
        notify();
        return 0;
      }
      if (r.kind === 'not-sent') {
        // Never requested: back to pending, as if this attempt had not been.
        set(chunk, 'pending');
        for (const id of chunk) c.entries[id]!.attempts--;
        if (stop !== undefined || cancel?.aborted) {
          await persist();
          return 0;
        }
        // Given back although the run goes on (its queue did not move in time, the page is going):
        // a new attempt, as for a network failure; certainly not a second mail.
        if (attempt >= maxAttempts) {
          set(chunk, 'failed', 'timeout');
          await persist();
          return 0;
        }
        await sleep(Math.max(0, backoff(attempt)));
        continue;
      }
      if (STOPPING.has(r.kind)) {
        // Refused before anything was mailed: the chunk is still to do once the user has logged in again.
        set(chunk, 'pending');
        halt(r.kind as StopReason);
        await persist();
        return 0;
      }
      if (r.kind === 'refused') {
        // entcore refuses the whole request when one id is not the caller's (a pupil who left) and
        // mails nobody, so the other ids are still to send: split until the refused ones stand alone.
        if (chunk.length === 1) {
          set(chunk, 'failed', 'refused');
          await persist();
          return 1;
        }
        set(chunk, 'pending');
        const half = Math.ceil(chunk.length / 2);
        const refusedFirst = await runChunk(chunk.slice(0, half));
        // Two or more ids refused one by one and nothing ever accepted: the caller lacks the right
        // itself. Stop instead of asking the console about each account one by one.
        if (half >= 2 && refusedFirst === half && sentCount === 0) {
          halt('forbidden');
          return 0;
        }
        return refusedFirst + (stop === undefined ? await runChunk(chunk.slice(half)) : 0);
      }
      if (r.kind === 'lost') {
        // Like a crash: the console may have acted on it, so it is never resent automatically.
        set(chunk, 'unknown', 'interrupted');
        await persist();
        return 0;
      }
      if (r.kind === 'timeout' && !retryTimeouts) {
        set(chunk, 'unknown', 'timeout');
        await persist();
        return 0;
      }
      if (!RETRYABLE.has(r.kind) || attempt >= maxAttempts) {
        set(chunk, 'failed', r.kind);
        await persist();
        return 0;
      }
      // Retry: the entries stay `inflight` while we wait (a crash now makes them `unknown`).
      // A chunk already in flight finishes its retries even after a cancel or a stop elsewhere;
      // after a session stop its next attempt gets `session` too and goes back to pending.
      await sleep(Math.max(0, backoff(attempt)));
    }
  };

  const worker = async (): Promise<void> => {
    while (stop === undefined && !cancel?.aborted && next < chunks.length) {
      const chunk = chunks[next++]!;
      await runChunk(chunk);
    }
  };

  await Promise.all(Array.from({ length: Math.min(concurrency * depth, chunks.length) }, worker));
  cancel?.removeEventListener('abort', onCancel);

  // --- final status -----------------------------------------------------------------------------
  if (stop === 'forbidden' && sentCount === 0) {
    // Refused for want of the right, not because of these accounts: they are still to send.
    for (const id of c.order) {
      const e = c.entries[id]!;
      if (e.state === 'failed' && e.reason === 'refused') {
        e.state = 'pending';
        delete e.reason;
      }
    }
  }
  const pendingLeft = c.order.some((id) => c.entries[id]!.state === 'pending');
  if (stop !== undefined) {
    c.status = 'stopped';
    c.stopReason = stop;
  } else if (pendingLeft) {
    c.status = 'paused'; // cancelled
  } else {
    c.status = 'done';
  }
  touch();
  const ok = await persist();
  if (updateTimer !== undefined) {
    clearTimeout(updateTimer);
    deliver();
  }
  if (!ok && c.status !== 'stopped') {
    // The final state could not be stored; say so (the stored copy still says running → resumeFrom).
    c.status = 'stopped';
    c.stopReason = 'storage';
    touch();
    notify();
  }
  return cloneCampaign(c);
}
