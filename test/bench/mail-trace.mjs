// A trace of the mail run of `npm run bench -- mail` (every process of the browser: the panel, the
// service worker, the console tab, the browser and network processes), and what each lane stall over
// 30 ms overlapped: per process main thread, its tasks in the window from the answer that freed the
// slot (minus 150 ms, when the next chunk should have been handed over) to the next request, with
// their heaviest parts (script by file, garbage collection, style, layout, paint, storage, IPC).
// Writes out/trace-mail.json (open it in DevTools' Performance panel) and prints the attribution.
// Usage: node build.mjs && node test/bench/mail-trace.mjs
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from './browser.mjs';
import { run } from './mail.mjs';

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8', 'disabled-by-default-v8.gc', 'blink.user_timing', '__metadata', 'extensions', 'ipc'];
let events = [];
let sync = null;
const saved = path.join(ROOT, 'out/trace-mail-run.json');

// REUSE=1: the last run's trace again (the attribution only).
let r = process.env.REUSE ? JSON.parse(await readFile(saved, 'utf8')) : await run({
  keepRaw: true,
  probe: async ({ ext, panel, consolePage }) => {
    const cdp = await ext.context.newCDPSession(consolePage);
    cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
    const finished = new Promise((res) => cdp.once('Tracing.tracingComplete', res));
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
    // One moment on both clocks: the trace's (monotonic, µs) and the wall clock the fake console and the bench's spans use.
    sync = await panel.evaluate(() => {
      const at = performance.timeOrigin + performance.now();
      performance.mark('pp1:sync');
      return at;
    });
    return async () => {
      await cdp.send('Tracing.end');
      await finished;
    };
  },
});

if (process.env.REUSE) ({ events, sync } = { events: JSON.parse(await readFile(path.join(ROOT, 'out/trace-mail.json'), 'utf8')).traceEvents, sync: r.sync });
else {
  r.sync = sync;
  await mkdir(path.join(ROOT, 'out'), { recursive: true });
  await writeFile(path.join(ROOT, 'out/trace-mail.json'), JSON.stringify({ traceEvents: events }));
  await writeFile(saved, JSON.stringify(r));
}

const mark = events.find((e) => e.name === 'pp1:sync');
if (!mark) throw new Error('no pp1:sync mark in the trace: the panel process was not traced');
const toWall = (ts) => sync + (ts - mark.ts) / 1000;

// Which process is which: thread names, and the URLs their frames and workers run.
const threadName = new Map();
const procName = new Map();
for (const e of events) {
  if (e.ph !== 'M') continue;
  if (e.name === 'thread_name') threadName.set(`${e.pid}/${e.tid}`, e.args.name);
  if (e.name === 'process_name') procName.set(e.pid, e.args.name);
  if (e.name === 'process_labels') procName.set(e.pid, `${procName.get(e.pid) ?? ''} ${e.args.labels}`);
}
const urlOf = new Map();
for (const e of events) {
  const u = e.args?.data?.url ?? e.args?.data?.frames?.[0]?.url;
  if (u && /^https?:/.test(u)) urlOf.set(e.pid, u);
}
const who = (pid, tid) => {
  const t = threadName.get(`${pid}/${tid}`) ?? `tid ${tid}`;
  const p = pid === mark.pid ? 'extension' : urlOf.has(pid) && /^Renderer/.test(procName.get(pid) ?? '') ? 'console' : (procName.get(pid) ?? `pid ${pid}`);
  return `${p}:${t}`;
};

const tasks = events.filter((e) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.dur >= Number(process.env.MIN_TASK_MS ?? 5) * 1000);
{
  // RunTask and ThreadControllerImpl::RunTask wrap the same task: one of them.
  const seen = new Set();
  for (let i = tasks.length - 1; i >= 0; i--) {
    const k = `${tasks[i].pid}/${tasks[i].tid}/${Math.round(tasks[i].ts / 1000)}`;
    if (seen.has(k)) tasks.splice(i, 1);
    else seen.add(k);
  }
}
const inside = (outer, e) => e.pid === outer.pid && e.tid === outer.tid && e.ts >= outer.ts && e.ts + (e.dur ?? 0) <= outer.ts + outer.dur;
const details = (task) => {
  const parts = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || e === task || !inside(task, e) || !(e.dur >= 2_000)) continue;
    let k = null;
    if (/GC$|^V8\.GC/.test(e.name)) k = e.name;
    else if (e.name === 'FunctionCall' || e.name === 'EvaluateScript' || e.name === 'v8.callFunction') k = `script ${path.basename(e.args?.data?.url ?? '') || e.args?.data?.functionName || ''}`;
    else if (/^(UpdateLayoutTree|Layout|Paint|PrePaint|Layerize|Commit)$/.test(e.name)) k = e.name;
    else if (/storage|Storage|IPC|Mojo|ipc/.test(e.name)) k = e.name;
    if (k) parts.set(k, Math.max(parts.get(k) ?? 0, e.dur));
  }
  return [...parts].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, v]) => `${k} ${Math.round(v / 1000)}`).join(', ');
};

console.log(`ratio ×${r.ratio}, wall ${r.wallMs} ms, idle ${JSON.stringify(r.slotIdleMs)}, load ${r.load.before[0]}→${r.load.after[0]}${r.failedRun ? `, FAILED: ${r.problems.join('; ')}` : ''}`);
const first = r.raw.posts.reduce((m, p) => Math.min(m, p.start), Infinity);
for (const s of r.stalls) {
  const free = first + s.at;
  const from = free - 150, to = free + s.gap;
  console.log(`\n-- stall at +${s.at} ms: ${s.gap} ms, side ${s.side} (handed ${s.handedAfterFree} ms after the slot was free)`);
  const hits = tasks.filter((t) => toWall(t.ts + t.dur) > from && toWall(t.ts) < to).sort((a, b) => b.dur - a.dur).slice(0, 10);
  for (const t of hits.sort((a, b) => a.ts - b.ts)) console.log(`   ${who(t.pid, t.tid).padEnd(34)} +${Math.round(toWall(t.ts) - first)} ms, ${Math.round(t.dur / 1000)} ms (cpu ${Math.round((t.tdur ?? 0) / 1000)})  ${details(t)}`);
}
// The run's main-thread time, per thread, over the whole run.
const run0 = first, run1 = r.raw.posts.reduce((m, p) => Math.max(m, p.end), 0);
const per = new Map();
for (const t of tasks) {
  if (toWall(t.ts) < run0 || toWall(t.ts) > run1) continue;
  const k = who(t.pid, t.tid);
  const v = per.get(k) ?? { n: 0, ms: 0, cpu: 0 };
  v.n++;
  v.ms += t.dur / 1000;
  v.cpu += (t.tdur ?? 0) / 1000;
  per.set(k, v);
}
console.log('\n-- tasks ≥ 5 ms during the run, per thread');
for (const [k, v] of [...per].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12)) console.log(`   ${k.padEnd(34)} ${v.n} tasks, ${Math.round(v.ms)} ms (cpu ${Math.round(v.cpu)})`);
