// Where a preview change's time goes (issue 23, item 5): a Chromium trace of ~40 selection changes
// at 5,000 accounts, the preview on screen, then per change the panel's main thread and the
// preview's worker thread between the change and the preview showing its count and first card:
// their busiest tasks, garbage collections, and the time they spent waiting for a core.
// Writes out/trace-preview.json (open it in chrome://tracing or Perfetto).
// Usage: node build.mjs && [PP1_EXT_DIR=<unminified build>] node test/bench/preview-profile.mjs [rounds]
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BIG_STRUCTURE_ID, ROOT, cpuByKind, fakeConsole, openPanel, stats, launch } from './browser.mjs';
import { CHANGES } from './preview.mjs';

const rounds = Number(process.argv[2] ?? 8);
const { fake, api } = await fakeConsole();
const ext = await launch();
const load = { before: os.loadavg()[0] };
try {
  const { panel } = await openPanel(ext, api, BIG_STRUCTURE_ID);
  await panel.bringToFront();
  await panel.locator('section.print-preview').scrollIntoViewIfNeeded();
  const idle = () => panel.waitForFunction(() => document.querySelector('section.print-preview')?.getAttribute('aria-busy') === 'false', null, { timeout: 300_000 });
  // the first preview (a new worker) shown and checked before the trace: the changes are timed warm
  await panel.locator('section.print-preview .pv-card svg').waitFor({ timeout: 300_000 });
  await idle();
  const cdp = await ext.context.newCDPSession(panel);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const finished = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing', '__metadata', 'toplevel'] },
    transferMode: 'ReportEvents',
  });
  const samples = [];
  for (let k = 0; k < rounds; k++) {
    for (const [name, value] of CHANGES) {
      const select = await panel.getByRole('combobox', { name, exact: true }).elementHandle();
      const r = await select.evaluate((el, [value, k]) => new Promise((resolve) => {
        const count = () => Number((document.querySelector('.count-selected')?.textContent ?? '').replace(/\D/g, ''));
        const shown = () => {
          const m = /pour ([\d  ]+) comptes?/.exec(document.querySelector('.pv-pages')?.textContent ?? '');
          return m ? Number(m[1].replace(/\D/g, '')) : -1;
        };
        performance.mark(`pp1:change:${k}`);
        const t0 = performance.now();
        el.value = value;
        el.dispatchEvent(new Event('change', { bubbles: true }));
        const tick = () => {
          const n = count();
          if (n > 0 && shown() === n && document.querySelector('.pv-card svg')) {
            performance.mark(`pp1:shown:${k}`);
            const ms = performance.now() - t0;
            const busy = () => document.querySelector('section.print-preview')?.getAttribute('aria-busy') === 'true';
            const wait = () => (busy() ? setTimeout(wait, 20) : resolve({ ms, n }));
            return wait();
          }
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }), [value, samples.length]);
      samples.push({ change: `${name}=${value}`, ...r });
    }
  }
  await cdp.send('Tracing.end');
  await finished;
  await mkdir(path.join(ROOT, 'out'), { recursive: true });
  await writeFile(path.join(ROOT, 'out/trace-preview.json'), JSON.stringify({ traceEvents: events }));

  // threads: the panel's main thread holds our marks; the preview's worker is a DedicatedWorker thread of the same process
  const names = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
  const mark0 = events.find((e) => e.name === 'pp1:change:0');
  const pid = mark0.pid;
  const mainTid = mark0.tid;
  const workerTids = [...names].filter(([k, v]) => k.startsWith(`${pid}:`) && /Worker/.test(v)).map(([k]) => Number(k.split(':')[1]));
  const at = (n) => events.find((e) => e.name === n)?.ts;
  const top = (tid, from, to, pick) => events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.ts >= from && e.ts < to && pick(e));
  const sum = (l, f = (e) => e.dur) => Math.round(l.reduce((a, e) => a + f(e), 0) / 1000);
  const rows = samples.map((s, k) => {
    const from = at(`pp1:change:${k}`), to = at(`pp1:shown:${k}`);
    const row = { k, change: s.change, ms: Math.round(s.ms), n: s.n };
    const mainTasks = top(mainTid, from, to, (e) => e.name === 'RunTask');
    row.mainBusy = sum(mainTasks);
    row.mainCpu = sum(mainTasks, (e) => e.tdur ?? 0);
    row.mainLongest = Math.round(Math.max(0, ...mainTasks.map((e) => e.dur)) / 1000);
    row.mainLongestCpu = Math.round(Math.max(0, ...mainTasks.map((e) => e.tdur ?? 0)) / 1000);
    row.mainGc = sum(top(mainTid, from, to, (e) => /GC|GCEvent/.test(e.name) && !/Incremental/.test(e.name)));
    // the main thread's CPU by kind: script (FunctionCall, EvaluateScript), style, layout, paint
    for (const [key, us] of Object.entries(cpuByKind(events, (e) => e.pid === pid && e.tid === mainTid && e.ts >= from && e.ts < to))) row[key] = Math.round(us / 1000);
    for (const tid of workerTids) {
      const tasks = top(tid, from, to, (e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
      if (!tasks.length) continue;
      row.worker = (row.worker ?? 0) + sum(tasks);
      row.workerCpu = (row.workerCpu ?? 0) + sum(tasks, (e) => e.tdur ?? 0);
      row.workerLongest = Math.max(row.workerLongest ?? 0, Math.round(Math.max(...tasks.map((e) => e.dur)) / 1000));
      row.workerGc = (row.workerGc ?? 0) + sum(top(tid, from, to, (e) => /GC/.test(e.name)));
    }
    return row;
  });
  console.table(rows);
  console.log(JSON.stringify({
    first: stats(samples.map((s) => s.ms)), longestMain: Math.max(...rows.map((r) => r.mainLongest)),
    // thread time (CPU), which the machine's load stretches little
    mainCpu: stats(rows.map((r) => r.mainCpu)), mainLongestCpu: stats(rows.map((r) => r.mainLongestCpu)), workerCpu: stats(rows.map((r) => r.workerCpu ?? 0)),
    load: { ...load, after: os.loadavg()[0] },
  }));
} finally {
  await ext.context.close();
  await fake.close();
}
