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
  };
  /** allUsers exactly as the panel reads it, with an ADML session (ADMC accounts hidden). */
  api.allUsersAsAdml = async (structureId = BIG_STRUCTURE_ID) => {
    const { cookie } = await api.get('/__test/login?as=adml');
    return api.get(`/directory/structure/${structureId}/massMail/allUsers`, { cookie });
  };
  return { fake, api };
}

export const launch = () => launchExtension();

/**
 * Logs in (as the ADML by default) on the structure's massmail page and opens the panel as a tab
 * bound to it. The mail bench logs in as the ADMC: the demo ADML administers the big structure but
 * does not belong to it, and entcore's mail route refuses ids outside the caller's own structures.
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
  return { consolePage, panel, tabId, loadMs: Date.now() - t0 };
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
