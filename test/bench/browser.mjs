// Shared helpers of `npm run bench`: the fake console, Chromium with the built extension, the panel
// bound to a console tab, esbuild bundles of the core, and statistics.
import https from 'node:https';
import * as esbuild from 'esbuild';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { startFakeConsole, BIG_STRUCTURE_ID } from '../fake-console/server.mjs';

import { CHROMIUM, EXT_DIR, HOST, ROOT, launchExtension, waitConsoleTabId } from '../extension-browser.mjs';

export { CHROMIUM, EXT_DIR, HOST, ROOT };
export { BIG_STRUCTURE_ID };

/** A JSON request to the fake console from Node (its certificate is self-signed). */
function call(base, method, p, { body, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? null : JSON.stringify(body);
    const req = https.request(base + p, { method, rejectUnauthorized: false, headers: { ...headers, ...(data ? { 'content-type': 'application/json' } : {}) } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolve(text ? JSON.parse(text) : null);
        } catch {
          reject(new Error(`${method} ${p}: ${res.statusCode} ${text.slice(0, 200)}`));
        }
      });
    });
    req.on('error', reject);
    req.end(data ?? undefined);
  });
}

/** The fake console on loopback, reached by Chromium under the production host name. */
export async function fakeConsole(knobs = {}) {
  const fake = await startFakeConsole({ port: 0, knobs });
  const direct = `https://127.0.0.1:${fake.port}`;
  const api = {
    origin: `https://${HOST}:${fake.port}`,
    get: (p, headers = {}) => call(direct, 'GET', p, { headers }),
    post: (p, body = {}) => call(direct, 'POST', p, { body }),
    /** Every request the fake received, with its start (`time`) and `durationMs`. */
    requests: () => fake.state.requests,
  };
  /** allUsers exactly as the panel reads it, with an ADML session (ADMC accounts hidden). */
  api.allUsersAsAdml = async (structureId = BIG_STRUCTURE_ID) => {
    const { cookie } = await api.get('/__test/login?as=adml');
    return api.get(`/directory/structure/${structureId}/massMail/allUsers`, { cookie });
  };
  return { fake, api };
}

/** The built extension in Chromium; `PP1_EXT_DIR`: another build (an unminified one, for profiles with readable names). */
export const launch = () => launchExtension(process.env.PP1_EXT_DIR ? { extDir: process.env.PP1_EXT_DIR } : {});

/**
 * Logs in (as the ADML by default) on the structure's massmail page and opens the panel as a tab
 * bound to it. The mail bench logs in as the ADMC: the demo ADML administers the big structure but
 * does not belong to it, and entcore's mail route refuses ids outside the caller's own structures.
 *
 * `loadMs` runs from the panel's navigation to the counter, while the console page may still be
 * booting; the console's part is told apart: `open` gives, on one clock (epoch ms, the fake console
 * runs in this process), when the extension's own allUsers request was answered (the content
 * script's `Accept: application/json`, made after the panel opened; the console's own read is
 * Angular's), when the list reached the panel (mark `pp1:roster`) and when the counter was first
 * painted (mark `pp1:counter`), so `open.afterAnswerMs` is the extension's own time.
 */
export async function openPanel(ext, api, structureId = BIG_STRUCTURE_ID, role = 'adml') {
  const consolePage = await ext.context.newPage();
  const massmail = `/admin/${structureId}/imports-exports/massmail`;
  await consolePage.goto(`${api.origin}/__test/login?as=${role}&redirect=${encodeURIComponent(massmail)}`);
  const tabId = await waitConsoleTabId(ext.sw, massmail, 15_000);
  const panel = await ext.context.newPage();
  const t0 = Date.now();
  await panel.goto(`chrome-extension://${ext.id}/panel.html?tab=${tabId}`);
  await panel.locator('.count-selected').waitFor({ timeout: 60_000 });
  const loadMs = Date.now() - t0;
  const open = await openTimes(panel, api, structureId, t0, consolePage);
  return { consolePage, panel, tabId, loadMs, open };
}

/** Times of one opening of the panel (see openPanel), in ms from `t0` (epoch ms, just before the panel's navigation). */
async function openTimes(panel, api, structureId, t0, consolePage = null) {
  const marks = await panel.evaluate(async () => {
    // the counter's mark is set just after its first paint: wait for it
    for (let i = 0; i < 200 && !performance.getEntriesByName('pp1:counter').length; i++) await new Promise((r) => setTimeout(r, 25));
    const at = (n) => {
      const e = performance.getEntriesByName(n)[0];
      return e ? performance.timeOrigin + e.startTime : null;
    };
    return { roster: at('pp1:roster'), counter: at('pp1:counter') };
  });
  // the content script's marks, in the console page's timeline (the latest of each: a reopening adds its own)
  const content = consolePage
    ? await consolePage.evaluate(() => Object.fromEntries(['pp1:body', 'pp1:parsed', 'pp1:reply'].map((n) => {
        const e = performance.getEntriesByName(n).at(-1);
        return [n.slice(4), e ? performance.timeOrigin + e.startTime : null];
      })))
    : {};
  const ours = (api.requests?.() ?? []).filter((r) => r.path === `/directory/structure/${structureId}/massMail/allUsers` && r.headers.accept === 'application/json' && Date.parse(r.time) >= t0 - 1000 && r.durationMs !== null);
  const answered = ours.length ? Date.parse(ours[ours.length - 1].time) + ours[ours.length - 1].durationMs : null;
  const d = (a, b) => (a !== null && b !== null ? Math.round(a - b) : null);
  const open = {
    requested: ours.length ? d(Date.parse(ours[ours.length - 1].time), t0) : null,
    answered: d(answered, t0),
    roster: d(marks.roster, t0),
    counter: d(marks.counter, t0),
    /** from the console's answer to our allUsers to the counter painted: the target (≤ 1 s) */
    afterAnswerMs: d(marks.counter, answered),
    /** of which the content script (parse, follow-up requests, the message) */
    answerToRosterMs: d(marks.roster, answered),
    /** and the panel (storage reads, first render) */
    rosterToCounterMs: d(marks.counter, marks.roster),
  };
  if (consolePage) {
    /** the content script: the body read (on the console page's thread), the parse, the reply's copy to the panel */
    open.answerToBodyMs = d(content.body, answered);
    open.parseMs = d(content.parsed, content.body);
    open.replyToRosterMs = d(marks.roster, content.reply);
  }
  return open;
}

/**
 * The panel opened again (reloaded) on a console that has long answered and drawn its table: the
 * extension's own opening time alone, without the console's boot competing for the cores.
 */
export async function reopenPanel(panel, api, structureId = BIG_STRUCTURE_ID, consolePage = null) {
  const t0 = Date.now();
  await panel.reload();
  await panel.locator('.count-selected').waitFor({ timeout: 60_000 });
  return { loadMs: Date.now() - t0, open: await openTimes(panel, api, structureId, t0, consolePage) };
}

/** Bundles an entry (or inline source) of the core for the browser (IIFE) or Node (ESM), in memory. */
export async function bundle({ entry, contents, platform = 'browser', globalName }) {
  const out = await esbuild.build({
    ...(contents ? { stdin: { contents, resolveDir: ROOT, sourcefile: 'bench-entry.ts', loader: 'ts' } } : { entryPoints: [entry] }),
    bundle: true,
    write: false,
    format: platform === 'node' ? 'esm' : 'iife',
    platform,
    globalName,
    target: platform === 'node' ? 'node20' : 'chrome120',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    ...(platform === 'node' ? { packages: 'external' } : {}),
    alias: { html2canvas: './popup/shared/empty-stub.ts', canvg: './popup/shared/empty-stub.ts', dompurify: './popup/shared/empty-stub.ts' },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  return out.outputFiles[0].text;
}

/** Imports a core module in Node through an esbuild bundle (bare imports resolve from node_modules). */
export async function importCore(contents) {
  const code = await bundle({ contents, platform: 'node' });
  const dir = path.join(ROOT, 'node_modules/.cache/pp1-bench');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `core-${process.pid}-${Math.random().toString(36).slice(2)}.mjs`);
  await writeFile(file, code);
  try {
    return await import(file);
  } finally {
    await rm(file, { force: true });
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  const r1 = (x) => Math.round(x * 10) / 10;
  return { n: s.length, median: r1(q(0.5)), p95: r1(q(0.95)), min: r1(s[0]), max: r1(s[s.length - 1]) };
}

/** A trace's main-thread work sorted by kind, the way DevTools' summary sorts it. */
export const CPU_KINDS = [
  ['script', /^(FunctionCall|EvaluateScript|TimerFire|FireAnimationFrame|EventDispatch|RunMicrotasks|v8\.callFunction)$/],
  ['style', /^(UpdateLayoutTree|RecalculateStyles)$/],
  ['layout', /^Layout$/],
  ['paint', /^(Paint|PrePaint|Layerize|UpdateLayer|Commit)$/],
];

/**
 * CPU time (µs of thread time) by kind of the complete events in `events` that `pick` keeps: only
 * the outermost event of each kind counts (a FunctionCall inside a FunctionCall is not counted twice).
 */
export function cpuByKind(events, pick) {
  const out = {};
  for (const [key, re] of CPU_KINDS) {
    const l = events.filter((e) => e.ph === 'X' && re.test(e.name) && pick(e));
    out[key] = l.filter((e) => !l.some((o) => o !== e && o.ts <= e.ts && o.ts + o.dur >= e.ts + e.dur)).reduce((x, e) => x + (e.tdur ?? 0), 0);
  }
  return out;
}

export const ratio = (a, b) => Math.round((a / b) * 100) / 100;

/**
 * CPU time (user + system, ms) used so far by each thread of the browser launched on `userDataDir`
 * and all its processes (renderers, GPU, utility), from /proc: on a loaded machine a route's CPU
 * time says what it costs, where its wall time mostly says how long it waited for a core. Linux
 * only (else null); 10 ms steps (clock ticks). Keys `pid/tid`.
 */
export function browserThreadsCpu(userDataDir) {
  if (!existsSync('/proc/self/stat')) return null;
  const stat = (p) => {
    try {
      const s = readFileSync(p, 'utf8');
      return { comm: s.slice(s.indexOf('(') + 1, s.lastIndexOf(')')), f: s.slice(s.lastIndexOf(')') + 2).split(' ') };
    } catch {
      return null;
    }
  };
  const parent = new Map();
  let root = null;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const s = stat(`/proc/${pid}/stat`);
    if (!s) continue;
    parent.set(pid, s.f[1]);
    if (!root) {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        if (cmd.includes(userDataDir) && !cmd.includes('--type=')) root = pid;
      } catch {}
    }
  }
  if (!root) return null;
  const mine = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, pp] of parent) if (!mine.has(pid) && mine.has(pp)) (mine.add(pid), (grew = true));
  }
  const out = new Map();
  for (const pid of mine) {
    let tids = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {}
    for (const tid of tids) {
      const s = stat(`/proc/${pid}/task/${tid}/stat`);
      if (s) out.set(`${pid}/${tid}`, { pid, name: s.comm, ms: (Number(s.f[11]) + Number(s.f[12])) * 10 });
    }
  }
  return out;
}

/**
 * What one run cost, between two snapshots: the whole browser; the busiest thread (the page's main
 * thread in-page, the worker's thread through the worker: the render itself); and that thread's
 * process (adds V8's helper threads: concurrent garbage collection and compilation).
 */
export function cpuDelta(a, b) {
  if (!a || !b) return null;
  let browserMs = 0;
  let top = null;
  const perPid = new Map();
  for (const [k, v] of b) {
    const d = v.ms - (a.get(k)?.ms ?? 0);
    if (d <= 0) continue;
    browserMs += d;
    perPid.set(v.pid, (perPid.get(v.pid) ?? 0) + d);
    if (!top || d > top.d) top = { d, name: v.name, pid: v.pid };
  }
  return { browserMs, threadMs: top?.d ?? 0, thread: top?.name ?? '', processMs: top ? perPid.get(top.pid) : 0 };
}

/** Self and total time per function of a CPU profile, heaviest first. */
export function summarize(profile, top = 25) {
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const parent = new Map();
  for (const x of profile.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
  const self = new Map();
  const total = new Map();
  let all = 0;
  const name = (x) => `${x.callFrame.functionName || '(anon)'} ${path.basename(x.callFrame.url)}:${x.callFrame.lineNumber + 1}`;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const k = name(byId.get(id));
    if (/^\((idle|program|root)\)/.test(k)) return;
    all += dt;
    self.set(k, (self.get(k) ?? 0) + dt);
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const kk = name(byId.get(n));
      if (!seen.has(kk)) (seen.add(kk), total.set(kk, (total.get(kk) ?? 0) + dt));
    }
  });
  const list = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `${String(Math.round(v)).padStart(6)} ms ${String(Math.round((v * 100) / all)).padStart(3)} %  ${k}`);
  return { busyMs: Math.round(all), self: list(self), total: list(total) };
}

/** Prints `summarize`'s lines: self time, then total time. */
export function printSummary(profile, top, selfLabel = 'self ms') {
  const s = summarize(profile, top);
  console.log(`-- ${selfLabel} (busy ${s.busyMs} ms)`);
  for (const l of s.self) console.log(l);
  console.log('-- total ms');
  for (const l of s.total) console.log(l);
}
