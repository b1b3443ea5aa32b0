// CPU profiles of the 1,000-card PDF on both routes (issue 23): the engine in a blank page, and the
// extension's own PDF worker started from an extension page, as the panel starts it. Each route runs
// warm (one untimed run first), then once under the V8 sampling profiler. Writes
// out/profile-{page,worker}.cpuprofile (open them in Chromium's DevTools, Performance panel) and
// prints the top self-time functions of each, where the time goes by part (inclusive), side by side
// with the wall times and the rendering thread's CPU time. The extension runs from a copy of
// dist/chrome whose worker is bundled unminified, so both profiles carry the same function names.
// Usage: node build.mjs && node test/bench/pdf-profile.mjs
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BIG_STRUCTURE_ID, EXT_DIR, ROOT, browserThreadsCpu, bundle, cpuDelta, fakeConsole } from './browser.mjs';
import { launchExtension } from '../extension-browser.mjs';

const N = 1000;
const OPTS = { model: 'simplePdf', lang: 'fr', entUrl: 'https://oneconnect.edifice.io', qr: 'full' };

/** Self time per function (ms), heaviest first. */
function top(profile, n = 25) {
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const self = new Map();
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${path.basename(f.url || '')}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return { totalMs: Math.round(total), top: [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => [k, Math.round(v)]) };
}

/** Where a render's time goes, by part: inclusive time of the functions that start each part (ms, share of the sampled busy time). */
const PARTS = [
  ['output: deflate of every stream (native zlib, or fflate in jsPDF)', ['processDataByFilters', 'deflateHeld']],
  ['output: the rest (font subsets, objects, bytes)', ['finish'], ['processDataByFilters', 'deflateHeld']],
  ['jsPDF text() (per-glyph encoding, writing)', ['writeText']],
  ['QR codes (matrix, image)', ['drawQr']],
  ['layout (fitCard: measuring, wrapping)', ['fitCard']],
  ['garbage collector', ['(garbage collector)']],
];
function parts(profile) {
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const parent = new Map();
  for (const x of profile.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
  const self = new Map();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  let busy = 0;
  const chains = [];
  for (const [id, ms] of self) {
    const f = byId.get(id).callFrame.functionName;
    if (f === '(idle)' || f === '(program)') continue;
    busy += ms;
    const names = new Set();
    for (let x = id; x; x = parent.get(x)) names.add(byId.get(x).callFrame.functionName.split('.').at(-1));
    chains.push([names, ms]);
  }
  return {
    busyMs: Math.round(busy),
    parts: PARTS.map(([label, any, not = []]) => {
      const ms = chains.reduce((a, [names, v]) => (any.some((n) => names.has(n)) && !not.some((n) => names.has(n)) ? a + v : a), 0);
      return [label, Math.round(ms), Math.round((ms / busy) * 100)];
    }),
  };
}

/** Profiles whatever `work` does in the page's own thread or, with `worker`, in its dedicated worker. */
async function profiled(ext, page, work, { worker = false } = {}) {
  const cdp = await ext.context.newCDPSession(page);
  let send = (method, params = {}) => cdp.send(method, params);
  if (worker) {
    // The worker's own target, reached through the page's session (no flat sessions in Playwright's CDPSession).
    const attached = new Promise((resolve) => cdp.on('Target.attachedToTarget', (e) => e.targetInfo.type === 'worker' && resolve(e.sessionId)));
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    const pending = new Map();
    let next = 1;
    let sessionId = null;
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      const m = JSON.parse(e.message);
      if (m.id && pending.has(m.id)) {
        const { resolve, reject } = pending.get(m.id);
        pending.delete(m.id);
        m.error ? reject(new Error(m.error.message)) : resolve(m.result);
      }
    });
    sessionId = await Promise.race([attached, new Promise((_, reject) => setTimeout(() => reject(new Error('no worker target')), 10_000))]);
    send = (method, params = {}) =>
      new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject });
        cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
      });
  }
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: 200 });
  await send('Profiler.start');
  const r = await work();
  const { profile } = await send('Profiler.stop');
  await cdp.detach();
  return { r, profile };
}

const { fake, api } = await fakeConsole();
const extDir = await mkdtemp(path.join(os.tmpdir(), 'pp1-ext-'));
await cp(EXT_DIR, extDir, { recursive: true });
await writeFile(path.join(extDir, 'pdf-worker.js'), await bundle({ entry: path.join(ROOT, 'popup/panel/pdf-worker.ts') }));
const ext = await launchExtension({ extDir });
try {
  const rows = await api.allUsersAsAdml(BIG_STRUCTURE_ID);
  const fonts = await Promise.all(['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSansMono-Bold.ttf'].map((f) => readFile(path.join(EXT_DIR, 'fonts', f))));
  const js = await bundle({ entry: path.join(ROOT, 'test/bench/pdf-entry.ts'), globalName: 'PdfBench' });
  const page = await ext.context.newPage();
  await page.goto('about:blank');
  await page.addScriptTag({ content: js });
  await page.evaluate(([r, a, b, m, n]) => PdfBench.setup(r, a, b, n, m), [rows, ...fonts.map((f) => f.toString('base64')), N]);
  const list = await page.evaluate((n) => PdfBench.accounts(n), N);

  const extPage = await ext.context.newPage();
  await extPage.goto(`chrome-extension://${ext.id}/options.html`);
  // the accounts reach the extension page once, untimed: each job then only posts them to the worker, as the panel does
  await extPage.evaluate((list) => { globalThis.__w = new Worker('pdf-worker.js'); globalThis.__list = list; }, list);
  const withCpu = async (f) => {
    const c0 = browserThreadsCpu(ext.userDataDir);
    const r = await f();
    return { ...r, cpu: cpuDelta(c0, browserThreadsCpu(ext.userDataDir)) };
  };
  const viaWorker = () =>
    withCpu(() =>
      extPage.evaluate(
        (options) =>
          new Promise((resolve, reject) => {
            const t0 = performance.now();
            __w.onmessage = (e) => (e.data.type === 'done' ? resolve({ ms: Math.round(performance.now() - t0), pages: e.data.pages }) : e.data.type === 'error' ? reject(new Error(e.data.message)) : null);
            __w.postMessage({ type: 'pdf-sheets', accounts: __list, date: Date.now(), options });
          }),
        OPTS,
      ),
    );
  const inPage = () => withCpu(() => page.evaluate(() => PdfBench.ours()));
  await page.bringToFront();
  await inPage();
  await extPage.bringToFront();
  await viaWorker();
  const times = { page: [], worker: [] };
  const threadCpu = { page: [], worker: [] };
  for (let k = 0; k < 3; k++) {
    await page.bringToFront();
    const a = await inPage();
    times.page.push(a.ms);
    threadCpu.page.push(a.cpu?.threadMs);
    await extPage.bringToFront();
    const b = await viaWorker();
    times.worker.push(b.ms);
    threadCpu.worker.push(b.cpu?.threadMs);
  }
  await page.bringToFront();
  const p = await profiled(ext, page, inPage);
  await extPage.bringToFront();
  const w = await profiled(ext, extPage, viaWorker, { worker: true });
  await mkdir(path.join(ROOT, 'out'), { recursive: true });
  await writeFile(path.join(ROOT, 'out/profile-page.cpuprofile'), JSON.stringify(p.profile));
  await writeFile(path.join(ROOT, 'out/profile-worker.cpuprofile'), JSON.stringify(w.profile));
  const tp = top(p.profile);
  const tw = top(w.profile);
  console.log(JSON.stringify({ times, threadCpu, profiled: { page: p.r.ms, worker: w.r.ms }, sampled: { page: tp.totalMs, worker: tw.totalMs } }));
  const pp = parts(p.profile);
  const pw = parts(w.profile);
  console.log(`\n-- by part, inclusive ms (share of busy samples): in-page ${pp.busyMs} ms, worker ${pw.busyMs} ms --`);
  pp.parts.forEach(([label, ms, pc], i) => console.log(label.padEnd(66), `${ms} (${pc} %)`.padStart(14), `${pw.parts[i][1]} (${pw.parts[i][2]} %)`.padStart(14)));
  console.log('\n-- in-page, self ms --');
  for (const [k, v] of tp.top) console.log(String(v).padStart(6), k);
  console.log('\n-- worker, self ms --');
  for (const [k, v] of tw.top) console.log(String(v).padStart(6), k);
} finally {
  await ext.context.close();
  await fake.close();
  await rm(extDir, { recursive: true, force: true });
}
