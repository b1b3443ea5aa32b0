// CPU profiles of the 1,000-card PDF on both routes (issue 23): the engine in a blank page, and the
// extension's own PDF worker started from an extension page, as the panel starts it. Each route runs
// warm (one untimed run first), then once under the V8 sampling profiler. Writes
// out/profile-{page,worker}.cpuprofile (open them in Chromium's DevTools, Performance panel) and
// prints the top self-time functions of each, side by side with the wall times.
// Usage: node build.mjs && node test/bench/pdf-profile.mjs
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BIG_STRUCTURE_ID, EXT_DIR, ROOT, bundle, fakeConsole, launch } from './browser.mjs';

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
const ext = await launch();
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
  await extPage.evaluate(() => { globalThis.__w = new Worker('pdf-worker.js'); });
  const viaWorker = () =>
    extPage.evaluate(
      ([accounts, options]) =>
        new Promise((resolve, reject) => {
          const t0 = performance.now();
          __w.onmessage = (e) => (e.data.type === 'done' ? resolve({ ms: Math.round(performance.now() - t0), pages: e.data.pages }) : e.data.type === 'error' ? reject(new Error(e.data.message)) : null);
          __w.postMessage({ type: 'pdf-sheets', accounts, date: Date.now(), options });
        }),
      [list, OPTS],
    );
  const inPage = () => page.evaluate(() => PdfBench.ours());
  await page.bringToFront();
  await inPage();
  await extPage.bringToFront();
  await viaWorker();
  const times = { page: [], worker: [] };
  for (let k = 0; k < 3; k++) {
    await page.bringToFront();
    times.page.push((await inPage()).ms);
    await extPage.bringToFront();
    times.worker.push((await viaWorker()).ms);
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
  console.log(JSON.stringify({ times, profiled: { page: p.r.ms, worker: w.r.ms }, sampled: { page: tp.totalMs, worker: tw.totalMs } }));
  console.log('\n-- in-page, self ms --');
  for (const [k, v] of tp.top) console.log(String(v).padStart(6), k);
  console.log('\n-- worker, self ms --');
  for (const [k, v] of tw.top) console.log(String(v).padStart(6), k);
} finally {
  await ext.context.close();
  await fake.close();
}
