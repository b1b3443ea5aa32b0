/**
 * Two panels writing the same school's records at the same moment (issue 18, item 3): the
 * distribution log is read, merged and written under a Web Lock, so neither write is lost. Run in Node against an in-memory `storage.local` whose calls take turns
 * with other work (as the browser's do) and a minimal LockManager with the Web Locks semantics the
 * stores use (exclusive, FIFO per name).
 */
import { test, expect } from '@playwright/test';

type Listener = (changes: Record<string, { newValue?: unknown; oldValue?: unknown }>, area: string) => void;

/** storage.local that yields to the event loop on every call (so read-then-write races are real). */
function fakeStorage() {
  const data = new Map<string, unknown>();
  const listeners = new Set<Listener>();
  const tick = () => new Promise((r) => setTimeout(r, Math.random() * 5));
  return {
    data,
    local: {
      async get(keys: string | string[]) {
        await tick();
        const out: Record<string, unknown> = {};
        for (const k of typeof keys === 'string' ? [keys] : keys) if (data.has(k)) out[k] = structuredClone(data.get(k));
        return out;
      },
      async set(items: Record<string, unknown>) {
        await tick();
        const changes: Record<string, { newValue?: unknown }> = {};
        for (const [k, v] of Object.entries(items)) {
          data.set(k, structuredClone(v));
          changes[k] = { newValue: structuredClone(v) };
        }
        for (const l of listeners) l(changes, 'local');
      },
      async remove(keys: string | string[]) {
        await tick();
        const changes: Record<string, { oldValue?: unknown }> = {};
        for (const k of typeof keys === 'string' ? [keys] : keys) if (data.delete(k)) changes[k] = {};
        for (const l of listeners) l(changes, 'local');
      },
    },
    onChanged: { addListener: (l: Listener) => listeners.add(l), removeListener: (l: Listener) => listeners.delete(l) },
  };
}

/** Exclusive locks, granted in request order per name; `ifAvailable` gets null when held. */
function fakeLocks() {
  const tails = new Map<string, Promise<unknown>>();
  const held = new Set<string>();
  return {
    async request(name: string, optsOrFn: unknown, maybeFn?: (lock: unknown) => unknown) {
      const opts = (typeof optsOrFn === 'function' ? {} : optsOrFn) as { ifAvailable?: boolean };
      const fn = (typeof optsOrFn === 'function' ? optsOrFn : maybeFn) as (lock: unknown) => unknown;
      if (opts.ifAvailable && (held.has(name) || tails.has(name))) return fn(null);
      const prev = tails.get(name) ?? Promise.resolve();
      const run = prev.then(async () => {
        held.add(name);
        try {
          return await fn({ name });
        } finally {
          held.delete(name);
        }
      });
      const tail = run.catch(() => undefined);
      tails.set(name, tail);
      tail.then(() => tails.get(name) === tail && tails.delete(name));
      return run;
    },
    async query() {
      return { held: [...held].map((name) => ({ name })), pending: [] };
    },
  };
}

const S = 'a1b2c3d4-0000-4000-8000-000000000001';
let storage: ReturnType<typeof fakeStorage>;

// Other unit files run in this worker after this one: leave no extension globals behind.
test.afterAll(() => {
  delete (globalThis as Record<string, unknown>).chrome;
  delete (globalThis as Record<string, unknown>).navigator;
});

test.beforeEach(() => {
  storage = fakeStorage();
  (globalThis as Record<string, unknown>).chrome = { runtime: { id: 'test' }, storage: { local: storage.local, onChanged: storage.onChanged } };
  Object.defineProperty(globalThis, 'navigator', { value: { locks: fakeLocks() }, configurable: true, writable: true });
});

test('two panels mark two families « remis » at the same moment: the stored log holds both', async () => {
  const { updateLog, loadLog } = await import('../../popup/panel/distribution-store');
  const dalmeida = ['d1', 'd2', 'd3', 'd4', 'd5'];
  const other = ['o1', 'o2'];
  // Many rounds, each two concurrent writers: without the read-merge-write under a lock, one is lost.
  for (let round = 0; round < 20; round++) {
    storage.data.clear();
    await Promise.all([updateLog(S, dalmeida, 'handed', true, Date.now() + round), updateLog(S, other, 'handed', true, Date.now() + 100 + round)]);
    const log = await loadLog(S);
    expect(Object.keys(log.entries).sort(), `round ${round}`).toEqual([...dalmeida, ...other].sort());
  }
});

test('merged per account and per event: one panel prints while another marks and unmarks', async () => {
  const { updateLog, loadLog } = await import('../../popup/panel/distribution-store');
  const now = Date.now();
  await updateLog(S, ['a', 'b'], 'printed', true, now);
  await Promise.all([updateLog(S, ['a'], 'handed', true, now + 1), updateLog(S, ['b', 'c'], 'mailed', true, now + 2), updateLog(S, ['b'], 'printed', false)]);
  const log = await loadLog(S);
  expect(log.entries).toEqual({ a: { printed: now, handed: now + 1 }, b: { mailed: now + 2 }, c: { mailed: now + 2 } });
});

test('every open panel hears another one’s write (and is not redrawn twice by its own)', async () => {
  const { updateLog, watchLog } = await import('../../popup/panel/distribution-store');
  const seen: string[][] = [];
  const stop = watchLog(S, (log) => seen.push(Object.keys(log.entries).sort()));
  const now = Date.now();
  // Another page's writes, straight to the storage this page listens to.
  const other = (entries: Record<string, { handed: number }>) => storage.local.set({ [`distribution:${S}`]: JSON.stringify({ entries }) });
  await other({ x: { handed: now } });
  await other({ x: { handed: now }, y: { handed: now } });
  await updateLog(S, ['w'], 'handed', true, now); // this page's own: already shown, no echo
  stop();
  await other({ z: { handed: now } });
  expect(seen).toEqual([['x'], ['x', 'y']]);
});

test('a campaign record is never left as states without ids: removed under a running page, the ids come back with its next save', async () => {
  const { saveCampaign, readCampaign } = await import('../../popup/panel/campaign-store');
  const { createCampaign } = await import('../../src/campaign/campaign');
  const acc = (id: string) => ({ id, email: `${id}@x.fr` }) as never;
  const c = createCampaign(S, [acc('a'), acc('b'), acc('c')], Date.now(), 'camp-1');
  const writes: string[][] = [];
  const set = storage.local.set.bind(storage.local);
  storage.local.set = async (items: Record<string, unknown>) => (writes.push(Object.keys(items).sort()), set(items));
  await saveCampaign(c);
  await saveCampaign({ ...c, updatedAt: c.updatedAt + 1 });
  // The ids go once, the states every time (a small write per chunk).
  expect(writes).toEqual([[`campaign-ids:${S}`, `campaign:${S}`], [`campaign:${S}`]]);
  // Another page (or a prune) removes the ids: this page hears it, and its next save restores them.
  await storage.local.remove(`campaign-ids:${S}`);
  expect((await readCampaign(S)).kind).toBe('unreadable');
  await saveCampaign({ ...c, updatedAt: c.updatedAt + 2 });
  expect(writes.at(-1)).toEqual([`campaign-ids:${S}`, `campaign:${S}`]);
  const back = await readCampaign(S);
  expect(back.kind === 'ok' && back.campaign.order).toEqual(['a', 'b', 'c']);
});

test('the campaign lock: a second run on the same school is refused while the first holds it, then allowed', async () => {
  const { withCampaignLock, campaignRunningElsewhere } = await import('../../popup/panel/locks');
  let release!: () => void;
  const first = withCampaignLock(S, () => new Promise<string>((r) => (release = () => r('first'))));
  await new Promise((r) => setTimeout(r, 10));
  expect(await withCampaignLock(S, async () => 'second')).toEqual({ ok: false });
  // This page's own run is never « elsewhere ».
  expect(await campaignRunningElsewhere(S)).toBe(false);
  release();
  expect(await first).toEqual({ ok: true, value: 'first' });
  expect(await withCampaignLock(S, async () => 'third')).toEqual({ ok: true, value: 'third' });
  expect(await withCampaignLock('another-school', async () => 'other')).toEqual({ ok: true, value: 'other' });
});
