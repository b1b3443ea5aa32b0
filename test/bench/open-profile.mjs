// CPU profiles of the panel's opening at 5,000 accounts (issue 23): the panel page (reloaded once the
// console has answered and drawn its table, so only the extension's work is in it) and the console
// page meanwhile (the content script: the request, JSON.parse, parseAllUsers, the reply's copy).
// Writes out/profile-open-{panel,content}.cpuprofile and prints the heaviest functions of each.
// Usage: node build.mjs && [PP1_EXT_DIR=<unminified build>] node test/bench/open-profile.mjs
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BIG_STRUCTURE_ID, ROOT, fakeConsole, openPanel, reopenPanel, summarize, launch } from './browser.mjs';


const { fake, api } = await fakeConsole();
const ext = await launch();
// FIRST=1: also profile the console page during the first opening (the console's own boot shares its thread with the content script)
let cdpFirst = null;
if (process.env.FIRST) ext.context.once('page', async (p) => {
  cdpFirst = await ext.context.newCDPSession(p);
  await cdpFirst.send('Profiler.enable');
  await cdpFirst.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdpFirst.send('Profiler.start');
});
try {
  const { panel, consolePage, open: first } = await openPanel(ext, api, BIG_STRUCTURE_ID);
  console.log('first opening', JSON.stringify(first));
  if (cdpFirst) {
    const { profile } = await cdpFirst.send('Profiler.stop');
    await mkdir(path.join(ROOT, 'out'), { recursive: true });
    await writeFile(path.join(ROOT, 'out/profile-open-first-console.cpuprofile'), JSON.stringify(profile));
    // where the page's thread was, between the panel's navigation and the counter
    const s = summarize(profile, 30);
    console.log(`\n== console page, login to first counter: ${s.busyMs} ms of script\n-- self\n${s.self.join('\n')}\n-- total\n${s.total.join('\n')}`);
  }
  await consolePage.waitForTimeout(2000);
  const cdpPanel = await ext.context.newCDPSession(panel);
  const cdpConsole = await ext.context.newCDPSession(consolePage);
  for (const c of [cdpPanel, cdpConsole]) {
    await c.send('Profiler.enable');
    await c.send('Profiler.setSamplingInterval', { interval: 200 });
    await c.send('Profiler.start');
  }
  const since = api.requests().length;
  const { open, loadMs } = await reopenPanel(panel, api, BIG_STRUCTURE_ID, consolePage);
  const t = (r) => Date.parse(r.time);
  const reqs = api.requests().slice(since);
  for (const r of reqs) console.log(`  ${String(t(r) - t(reqs[0])).padStart(5)} ms +${String(r.durationMs).padStart(4)} ms ${r.method} ${r.path} (${r.headers.accept})`);
  await panel.waitForTimeout(1500);
  console.log('reopened', loadMs, 'ms', JSON.stringify(open));
  await mkdir(path.join(ROOT, 'out'), { recursive: true });
  for (const [label, c] of [['panel', cdpPanel], ['content', cdpConsole]]) {
    const { profile } = await c.send('Profiler.stop');
    await writeFile(path.join(ROOT, `out/profile-open-${label}.cpuprofile`), JSON.stringify(profile));
    const s = summarize(profile);
    console.log(`\n== ${label}: ${s.busyMs} ms of script\n-- self\n${s.self.join('\n')}\n-- total\n${s.total.join('\n')}`);
  }
} finally {
  await ext.context.close();
  await fake.close();
}
