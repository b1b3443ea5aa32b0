/**
 * A run that hands each lane's next chunk over ahead (runner `depth` 2) to the console tab's queue
 * (src/campaign/send-queue.ts), as the panel does: the console still sees at most `concurrency`
 * requests at once, every account is mailed once, and what the queue gives back is never mailed.
 */
import { test, expect } from '@playwright/test';
import { counts, createCampaign, type Campaign } from '../../src/campaign/campaign';
import { runCampaign, type SendResult } from '../../src/campaign/runner';
import { SendQueue } from '../../src/campaign/send-queue';
import { accounts, fakeSender, fast } from '../support/campaign-fixtures';

const T0 = Date.UTC(2025, 8, 1, 8, 0, 0);
const NOT_SENT: SendResult = { ok: false, kind: 'not-sent' };
const emailIds = (c: Campaign) => c.order.filter((id) => c.entries[id]!.reason !== 'no-email');

/** The console tab: its queue in front of a fake console. */
function consoleTab(server: ReturnType<typeof fakeSender>, slots = 4, waitMs = 10_000) {
  const queue = new SendQueue<SendResult>(slots, () => NOT_SENT);
  const handed: string[][] = [];
  return {
    queue,
    handed,
    send: (ids: string[], signal: AbortSignal) => {
      handed.push([...ids]);
      return queue.run(() => server.send(ids, signal), waitMs);
    },
  };
}

test('SendQueue: at most `slots` at once, in the order handed, a given-back task never runs', async () => {
  const q = new SendQueue<string>(2, () => 'not-sent');
  const started: number[] = [];
  let running = 0;
  let most = 0;
  const task = (i: number) => async () => {
    started.push(i);
    most = Math.max(most, ++running);
    await new Promise((r) => setTimeout(r, 5));
    running--;
    return `done ${i}`;
  };
  const all = [0, 1, 2, 3].map((i) => q.run(task(i), 10_000));
  const late = [4, 5].map((i) => q.run(task(i), 10_000));
  expect(q.giveBackWaiting()).toBe(4);
  expect(await Promise.all([...all, ...late])).toEqual(['done 0', 'done 1', 'not-sent', 'not-sent', 'not-sent', 'not-sent']);
  expect(started).toEqual([0, 1]);
  expect(most).toBe(2);
  expect(q.idle).toBe(true);

  const again = [6, 7, 8].map((i) => q.run(task(i), 10_000));
  expect(await Promise.all(again)).toEqual(['done 6', 'done 7', 'done 8']);
  expect(started).toEqual([0, 1, 6, 7, 8]);
});

test('SendQueue: a task that waited longer than its wait is given back, never run', async () => {
  const q = new SendQueue<string>(1, () => 'not-sent');
  const ran: string[] = [];
  const first = q.run(() => new Promise((r) => setTimeout(() => (ran.push('a'), r('a')), 40)), 1_000);
  const second = q.run(async () => (ran.push('b'), 'b'), 10);
  expect(await second).toBe('not-sent');
  expect(await first).toBe('a');
  expect(ran).toEqual(['a']);
});

test('SendQueue: a task that frees its slot once answered lets the next start while it reads its answer; slots never exceeded, a second release frees nothing', async () => {
  const q = new SendQueue<string>(1, () => 'not-sent');
  const log: string[] = [];
  let atConsole = 0;
  let most = 0;
  const task = (i: number) => async (release: () => void) => {
    log.push(`start ${i}`);
    most = Math.max(most, ++atConsole);
    await new Promise((r) => setTimeout(r, 5));
    atConsole--;
    release(); // answered: what follows is the body's read
    release();
    await new Promise((r) => setTimeout(r, 20));
    log.push(`end ${i}`);
    return `done ${i}`;
  };
  const all = [0, 1, 2].map((i) => q.run(task(i), 10_000));
  expect(await Promise.all(all)).toEqual(['done 0', 'done 1', 'done 2']);
  expect(log.indexOf('start 1')).toBeLessThan(log.indexOf('end 0'));
  expect(most).toBe(1);
  expect(q.idle).toBe(true);
});

test('depth 2: every account once, never more than 4 requests at the console, each chunk recorded inflight before it is handed over', async () => {
  const c0 = createCampaign('s1', accounts(203), T0, 'c');
  const server = fakeSender({ delay: () => 2 });
  const tab = consoleTab(server);
  let last: Campaign | null = null;
  const recordedFirst: boolean[] = [];
  const out = await runCampaign(c0, {
    ...fast,
    depth: 2,
    save: (c) => void (last = c),
    send: (ids, signal) => {
      recordedFirst.push(ids.every((id) => last!.entries[id]!.state === 'inflight'));
      return tab.send(ids, signal);
    },
  });
  expect(out.status).toBe('done');
  expect(server.maxInFlight).toBe(4);
  // Eight chunks were handed over at once: four at the console, four waiting behind them.
  expect(tab.handed.length).toBe(server.calls.length);
  expect(recordedFirst.every(Boolean)).toBe(true);
  const mailed = server.calls.flatMap((k) => k.ids);
  expect(mailed.sort()).toEqual(emailIds(c0).sort());
  expect(counts(out)).toMatchObject({ sent: emailIds(c0).length, pending: 0, inflight: 0, unknown: 0 });
});

test('depth 2, cancel: the queued chunks are given back, never mailed, pending again with no attempt counted', async () => {
  const c0 = createCampaign('s1', accounts(100, 0), T0, 'c');
  const ac = new AbortController();
  const server = fakeSender({ delay: () => 5, onCall: (n) => n === 6 && ac.abort() });
  const tab = consoleTab(server);
  let abandoned = 0;
  const out = await runCampaign(c0, {
    ...fast,
    depth: 2,
    save: () => {},
    send: tab.send,
    signal: ac.signal,
    abandon: () => {
      abandoned++;
      tab.queue.giveBackWaiting();
    },
  });
  expect(abandoned).toBe(1);
  expect(out.status).toBe('paused');
  const mailed = new Set(server.calls.flatMap((k) => k.ids));
  expect(server.calls.length).toBeLessThanOrEqual(6 + 3);
  expect(counts(out)).toMatchObject({ sent: mailed.size, pending: 100 - mailed.size, inflight: 0, unknown: 0 });
  for (const id of c0.order) {
    const e = out.entries[id]!;
    if (mailed.has(id)) expect(e).toMatchObject({ state: 'sent', attempts: 1 });
    else expect(e).toMatchObject({ state: 'pending', attempts: 0 });
  }
});

test('depth 2, session lost: the run stops, nothing queued goes to the console, every unsent chunk is pending', async () => {
  const c0 = createCampaign('s1', accounts(100, 0), T0, 'c');
  const server = fakeSender({ delay: () => 5, decide: (n) => (n >= 7 ? { ok: false, kind: 'session', status: 401 } : { ok: true }) });
  const tab = consoleTab(server);
  const out = await runCampaign(c0, { ...fast, depth: 2, save: () => {}, send: tab.send, abandon: () => tab.queue.giveBackWaiting() });
  expect(out).toMatchObject({ status: 'stopped', stopReason: 'session' });
  const ok = server.calls.filter((k) => k.result.ok).flatMap((k) => k.ids);
  // The queue starts its next chunk the moment a request ends, before the panel hears of the refusal:
  // a few more requests meet the dead session (nothing mailed), never more than were handed over.
  expect(server.calls.filter((k) => !k.result.ok).length).toBeLessThanOrEqual(8);
  expect(counts(out)).toMatchObject({ sent: ok.length, pending: 100 - ok.length, inflight: 0, unknown: 0 });
});

test('depth 2, a queue that did not move in time: the chunk comes back not-sent and is sent later, once', async () => {
  const c0 = createCampaign('s1', accounts(40, 0), T0, 'c');
  const server = fakeSender({ delay: () => 30 });
  const tab = consoleTab(server, 2, 5); // waits of 5 ms at most: most queued chunks come back
  const out = await runCampaign(c0, { ...fast, depth: 2, concurrency: 2, maxAttempts: 20, save: () => {}, send: tab.send });
  expect(out.status).toBe('done');
  expect(tab.handed.length).toBeGreaterThan(server.calls.length); // some were given back
  expect(server.calls.flatMap((k) => k.ids).sort()).toEqual(c0.order.slice().sort());
  for (const id of c0.order) expect(out.entries[id]).toMatchObject({ state: 'sent', attempts: 1 });
});
