// CPU profile of the panel's thread over the filter bench's 40 changes at 5,000 accounts (issue 23,
// item 4), the preview out of view: the panel's own work per change, by function, and its CPU time
// per change from the trace (thread time, which the machine's load does not stretch much).
// Usage: node build.mjs && [PP1_EXT_DIR=<unminified build>] node test/bench/filter-series-profile.mjs
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BIG_STRUCTURE_ID, CPU_KINDS, ROOT, cpuByKind, fakeConsole, openPanel, stats, printSummary, launch } from './browser.mjs';
import { SERIES } from './filter.mjs';

const SEARCH = 'Rechercher (nom, prénom, identifiant)';
const ms = (us) => Math.round(us / 100) / 10;
const { fake, api } = await fakeConsole();
const ext = await launch();
const load = { before: os.loadavg()[0] };
try {
  const { panel } = await openPanel(ext, api, BIG_STRUCTURE_ID);
  await panel.bringToFront();
  await panel.waitForTimeout(3000);
  const locate = (s) => s.kind === 'check' ? panel.getByRole('group', { name: new RegExp(`^${s.group}`) }).getByRole('checkbox', { name: s.name, exact: true })
    : s.kind === 'select' ? panel.getByRole('combobox', { name: s.name, exact: true }) : panel.getByRole('searchbox', { name: SEARCH, exact: true });
  const handles = [];
  for (const s of SERIES) handles.push(await locate(s).elementHandle({ timeout: 10_000 }));
  const apply = (h, s, k) => h.evaluate((el, { kind, value, k }) => new Promise((res) => {
    // The marks in tasks of their own (a mark costs up to milliseconds under tracing): the change's
    // tasks are those between them.
    performance.mark(`pp1:f:${k}`);
    setTimeout(() => {
      if (kind === 'check') el.click();
      else { el.value = value; el.dispatchEvent(new Event(kind === 'select' ? 'change' : 'input', { bubbles: true })); }
      requestAnimationFrame(() => setTimeout(() => { performance.mark(`pp1:g:${k}`); res(); }, 50));
    }, 0);
  }), { ...s, k });
  // once untimed (JIT), then profiled
  for (let i = 0; i < SERIES.length; i++) await apply(handles[i], SERIES[i], -1 - i);
  const cdp = await ext.context.newCDPSession(panel);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const finished = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', '__metadata', 'toplevel', 'v8'] }, transferMode: 'ReportEvents' });
  await cdp.send('Profiler.start');
  for (let i = 0; i < SERIES.length; i++) { await apply(handles[i], SERIES[i], i); await panel.waitForTimeout(100); }
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.send('Tracing.end');
  await finished;
  await mkdir(path.join(ROOT, 'out'), { recursive: true });
  await writeFile(path.join(ROOT, 'out/profile-filter-series.cpuprofile'), JSON.stringify(profile));
  await writeFile(path.join(ROOT, 'out/trace-filter-series.json'), JSON.stringify({ traceEvents: events }));
  const m0 = events.find((e) => e.name === 'pp1:f:0');
  const main = (e) => e.pid === m0.pid && e.tid === m0.tid;
  const per = SERIES.map((s, k) => {
    const a = events.find((e) => e.name === `pp1:f:${k}`)?.ts, b = events.find((e) => e.name === `pp1:g:${k}`)?.ts;
    // From the task that dispatches the change (the one after the first mark's) to the one that holds the closing mark (not counted).
    const tasks = events.filter((e) => main(e) && e.ph === 'X' && e.name === 'RunTask' && e.ts >= a && e.ts + e.dur < b);
    const row = { k, change: s.kind === 'search' ? `search "${s.value}"` : `${s.name}${s.value ? `=${s.value}` : ''}`, cpu: ms(tasks.reduce((x, e) => x + (e.tdur ?? 0), 0)), longestCpu: ms(Math.max(0, ...tasks.map((e) => e.tdur ?? 0))) };
    // the CPU by kind (browser.mjs cpuByKind), and the collector's time
    const within = (re) => events.filter((e) => main(e) && e.ph === 'X' && e.ts >= a && e.ts + e.dur < b && re.test(e.name));
    for (const [key, us] of Object.entries(cpuByKind(events, (e) => main(e) && e.ts >= a && e.ts + e.dur < b))) row[key] = ms(us);
    row.gc = ms(within(/^(MinorGC|MajorGC)$/).reduce((x, e) => x + e.dur, 0));
    // what the frame had to lay out, which the machine's load does not change (objects, all layouts of the change)
    row.laidOut = within(/^Layout$/).reduce((x, e) => x + (e.args?.beginData?.dirtyObjects ?? 0), 0);
    return row;
  });
  console.table(per);
  const kinds = Object.fromEntries([...CPU_KINDS.map(([k]) => k), 'gc', 'laidOut'].map((k) => [k, stats(per.map((p) => p[k]))]));
  console.log(JSON.stringify({ cpuPerChange: stats(per.map((p) => p.cpu)), longestTaskCpu: stats(per.map((p) => p.longestCpu)), ...kinds, load: { ...load, after: os.loadavg()[0] } }));
  printSummary(profile, 25, 'self ms (sampled wall time of the panel thread)');
} finally {
  await ext.context.close();
  await fake.close();
}
