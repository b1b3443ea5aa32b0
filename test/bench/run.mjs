// `npm run bench`: the four measures, one after the other (each with its own Chromium and fake
// console), a table at the end and out/bench.json. A benchmark, not a test: it never fails on a
// number, only when a measure cannot run or measured a failed run (a mail run that did not mail
// every selected account once). Pick measures: npm run bench -- filter pdf mail console
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './browser.mjs';

const MEASURES = {
  filter: () => import('./filter.mjs'),
  pdf: () => import('./pdf.mjs'),
  mail: () => import('./mail.mjs'),
  console: () => import('./console.mjs'),
  preview: () => import('./preview.mjs'),
};
const picked = process.argv.slice(2).filter((a) => a in MEASURES);
const names = picked.length ? picked : Object.keys(MEASURES);

const out = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, load: os.loadavg().map((x) => Math.round(x * 100) / 100), node: process.version },
};
const t0 = Date.now();
for (const name of names) {
  const t = Date.now();
  process.stdout.write(`bench ${name}… `);
  const before = os.loadavg().map((x) => Math.round(x * 100) / 100);
  try {
    out[name] = await (await MEASURES[name]()).run();
    // each measure carries the load it ran under (its ratios are read against it)
    out[name].load ??= { before, after: os.loadavg().map((x) => Math.round(x * 100) / 100) };
    console.log(`${((Date.now() - t) / 1000).toFixed(1)} s`);
  } catch (e) {
    out[name] = { error: String(e?.stack ?? e) };
    console.log(`FAILED: ${e?.message ?? e}`);
  }
}
out.totalS = Math.round((Date.now() - t0) / 1000);
out.machine.loadAfter = os.loadavg().map((x) => Math.round(x * 100) / 100);

const rows = [];
// A measure that measured a failed run (a PDF with the wrong page count, a list that never showed the
// expected count…) gets no verdict: its ratios are printed, never called met.
for (const name of ['filter', 'pdf', 'preview']) if (out[name] && !out[name].error && out[name].problems?.length) out[name].failedRun = true;
const verdictOf = (m) => (met) => (m?.failedRun ? 'FAILED RUN, no verdict' : met ? 'yes' : 'NO');
let ok = verdictOf(null);
const ms = (x) => `${x} ms`;
const kb = (b) => `${Math.round(b / 1024)} KB`;
if (out.filter && !out.filter.error) {
  const f = out.filter;
  ok = verdictOf(f);
  rows.push(['Filter, 5,000 accounts', `${f.changes} changes x ${f.passes}`, '', '']);
  rows.push(['  panel (virtualised list)', `median ${ms(f.panel.median)}`, `p95 ${ms(f.panel.p95)}`, `target p95 <= 50 ms: ${ok(f.target.met)}`]);
  rows.push(['  baseline (every row in a table)', `median ${ms(f.baseline.median)}`, `p95 ${ms(f.baseline.p95)}`, '']);
  rows.push(['  baseline / panel', `median x${f.ratio.median}`, `p95 x${f.ratio.p95}`, `paired median x${f.ratio.pairedMedian}`]);
  rows.push(['  panel open -> counter shown', ms(f.panel.loadMs), `our allUsers answered at ${ms(f.panel.open.answered)}`, `slowest change: ${f.panel.slowest[0]?.change} ${ms(f.panel.slowest[0]?.ms)}`]);
  const o = f.panel.open;
  rows.push(['  from that answer to the counter', ms(o.afterAnswerMs), `content script ${ms(o.answerToRosterMs)}`, `panel ${ms(o.rosterToCounterMs)}; target <= 1 s: ${ok(o.afterAnswerMs <= 1000)}`]);
  rows.push([`  the same, panel reopened (x${f.panel.reopened.length})`, `median ${ms(f.panel.afterAnswer.median)}`, `max ${ms(f.panel.afterAnswer.max)}`, `target <= 1 s: ${ok(f.panel.afterAnswer.max <= 1000)}`]);
}
if (out.pdf && !out.pdf.error) {
  const p = out.pdf;
  ok = verdictOf(p);
  rows.push([`  (load ${p.load.before[0]} -> ${p.load.after[0]} on ${out.machine.cpus} CPUs)`, '', '', '']);
  rows.push([`PDF, ${p.accounts} accounts, 8/page, QR, DejaVu`, 'median of 5', 'size', '']);
  rows.push(['  ours (jsPDF engine, in Chromium)', ms(p.ours.medianMs), kb(p.ours.bytes), `<= 600 KB: ${ok(p.target.under600KB)}`]);
  rows.push(['  (a) HTML cards + page.pdf()', ms(p.htmlRoute.medianMs), kb(p.htmlRoute.bytes), `>= 10x ours: ${ok(p.target.fasterThanHtml10x)} (x${p.ratios.htmlOverOurs}, paired x${p.ratios.htmlOverOursPaired})`]);
  rows.push(['  (b) floor: jsPDF Helvetica, text only', ms(p.floor.medianMs), kb(p.floor.bytes), `ours <= 2x: ${ok(p.target.within2xFloor)} (x${p.ratios.oursOverFloor}, paired x${p.ratios.oursOverFloorPaired})`]);
  if (p.oursInWorker) {
      rows.push(['  ours through the panel\'s PDF worker', ms(p.oursInWorker.medianMs), kb(p.oursInWorker.bytes), `<= 1.15x ours in-page: ${ok(p.target.workerWithin115)} (x${p.ratios.workerOverOurs}, paired x${p.ratios.workerOverOursPaired}); x${p.ratios.workerOverFloor} floor; HTML x${p.ratios.htmlOverWorker}`]);
    rows.push(['    of which inside the worker', ms(p.oursInWorker.renderMs), '', `messaging, clone, transfer ${ms(p.oursInWorker.messagingMs)}`]);
    rows.push(['    a new worker\'s first job', ms(p.oursInWorker.firstMs), '', `its thread's CPU ${ms(p.oursInWorker.firstThreadCpuMs)} (in-page first run ${ms(p.ours.firstMs)})`]);
  }
  if (p.ratios.cpu) {
    const c = p.ratios.cpu;
    rows.push(['  CPU time (browser, median)', `ours ${ms(p.ours.cpuMs)}`, `floor ${ms(p.floor.cpuMs)}`, `worker ${ms(p.oursInWorker.cpuMs)}: worker/ours x${c.workerOverOurs} (paired x${c.workerOverOursPaired}); ours/floor x${c.oursOverFloor} (paired x${c.oursOverFloorPaired})`]);
    const t = p.ratios.thread;
    if (t) rows.push(['  CPU time (rendering thread)', `ours ${ms(p.ours.threadCpuMs)}`, `floor ${ms(p.floor.threadCpuMs)}`, `worker ${ms(p.oursInWorker.threadCpuMs)}: worker/ours x${t.workerOverOurs} (paired x${t.workerOverOursPaired}); ours/floor x${t.oursOverFloor} (paired x${t.oursOverFloorPaired})`]);
  }
  if (p.oursInWorker) {
    const t = p.panelThread;
    rows.push([`Panel main thread, ${t.cards} cards`, 'longest task', 'tasks > 100 ms', '']);
    rows.push(['  render in the worker (now)', ms(t.worker.longestTaskMs), String(t.worker.tasksOver100ms), `none > 100 ms: ${ok(p.target.panelNoTaskOver100ms)} (render ${ms(t.worker.renderMs)})`]);
    rows.push(['  render on the main thread (before)', ms(t.mainThread.longestTaskMs), String(t.mainThread.tasksOver100ms), `(render ${ms(t.mainThread.renderMs)})`]);
  }
}
if (out.preview && !out.preview.error) {
  const v = out.preview;
  ok = verdictOf(v);
  rows.push([`Preview, ${v.accounts} accounts, a filter change`, `first card + count`, 'every card checked', `load ${v.load.before.toFixed(1)} -> ${v.load.after.toFixed(1)}`]);
  rows.push(['  median / p95', `${ms(v.first.median)} / ${ms(v.first.p95)}`, `${ms(v.full.median)} / ${ms(v.full.p95)}`, `<= 150 ms: ${ok(v.first.p95 <= 150)}; longest panel task ${ms(v.longestTaskMs)} (<= 50 ms: ${ok(v.longestTaskMs <= 50)})`]);
  if (v.coldFirst) rows.push(['  first preview (new worker), apart', ms(v.coldFirst.ms), ms(v.coldFirst.fullMs), 'from its scroll into view']);
}
if (out.mail && !out.mail.error) {
  const m = out.mail;
  rows.push([`Mail, ${m.accounts} accounts, latency ${m.latencyMs} ms`, `chunk ${m.chunkSize}, concurrency ${m.concurrency}`, `ideal ${ms(m.idealMs)}`, '']);
  // A failed run (fewer accounts mailed than selected, failed requests…) has no ratio worth a verdict.
  const verdict = m.failedRun ? `FAILED RUN (${m.problems.length} problems below): no verdict` : `<= 1.2x ideal: ${ok(m.target.met)} (x${m.ratio}), duplicates ${m.duplicates}`;
  rows.push(['  panel -> content script -> console', `wall ${ms(m.wallMs)}`, `${m.requests.massmail} requests`, `${verdict}; load ${m.load.before[0]} -> ${m.load.after[0]}`]);
  rows.push(['  where the time goes (medians)', `send ${ms(m.inRun.sendMessage.median)}`, `server ${ms(m.serverMs.median)}`, `lane gap ${ms(m.laneGapMs.median)}, ${m.inRun.storageSet.n} storage writes of ${kb(m.idleMedianMs.campaignBytes)} at ${ms(m.inRun.storageSet.median)}`]);
  rows.push(['  runner alone in Node (floor)', `wall ${ms(m.node.wallMs)}`, `${m.node.requests} requests`, `x${m.node.ratio}, duplicates ${m.node.duplicates}`]);
}
if (out.console && !out.console.error) {
  const c = out.console;
  rows.push([`Console's own search and sort, ${c.rows} rows (real page)`, 'with extension', 'without', `with / without (${c.rounds} paired rounds)`]);
  for (const [name, o] of Object.entries(c.ops)) {
    rows.push([`  ${name}`, `median ${ms(o.with.median)}`, `median ${ms(o.without.median)}`, `paired median x${o.pairedMedian} (medians x${o.ratio})`]);
  }
  rows.push(['  all operations', '', '', `paired median x${c.pairedMedianAll}`]);
}
const width = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length)));
console.log('\n' + rows.map((r) => r.map((c, i) => c.padEnd(width[i])).join('  ').trimEnd()).join('\n'));
for (const name of names) {
  const p = out[name]?.problems ?? [];
  if (out[name]?.error) console.log(`\n${name}: FAILED\n${out[name].error}`);
  for (const x of p) console.log(`${name}: ${x}`);
}
console.log(`\nload average ${out.machine.load.join(' ')} → ${out.machine.loadAfter.join(' ')} on ${out.machine.cpus} CPUs; total ${out.totalS} s`);
// A measure that could not run, or a mail run that did not mail every selected account once, fails
// `npm run bench` loudly: no one should read a ratio off a failed run.
if (names.some((n) => out[n]?.error || out[n]?.failedRun)) process.exitCode = 1;

await mkdir(path.join(ROOT, 'out'), { recursive: true });
await writeFile(path.join(ROOT, 'out/bench.json'), JSON.stringify(out, null, 2) + '\n');
console.log('written out/bench.json');
if (names.some((n) => out[n]?.error)) process.exitCode = 1;
