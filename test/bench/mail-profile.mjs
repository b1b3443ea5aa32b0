// CPU profiles of the mail run of `npm run bench -- mail` (1,004 accounts, 100 ms latency): the panel
// (the runner, its saves, the dialog) and the console page (the content script's queue and requests),
// from the click on « Envoyer » to the report. Writes out/profile-mail-{panel,console}.cpuprofile and
// prints the heaviest functions of each.
// Usage: PP1_NO_MINIFY=1 node build.mjs && node test/bench/mail-profile.mjs
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, summarize } from './browser.mjs';
import { run } from './mail.mjs';

const r = await run({
  probe: async ({ ext, panel, consolePage }) => {
    const sessions = { panel: await ext.context.newCDPSession(panel), console: await ext.context.newCDPSession(consolePage) };
    for (const c of Object.values(sessions)) {
      await c.send('Profiler.enable');
      await c.send('Profiler.setSamplingInterval', { interval: 250 });
      await c.send('Profiler.start');
    }
    return async () => {
      await mkdir(path.join(ROOT, 'out'), { recursive: true });
      for (const [label, c] of Object.entries(sessions)) {
        const { profile } = await c.send('Profiler.stop');
        await writeFile(path.join(ROOT, `out/profile-mail-${label}.cpuprofile`), JSON.stringify(profile));
        const s = summarize(profile, 25);
        console.log(`\n== ${label}: ${s.busyMs} ms of script\n-- self\n${s.self.join('\n')}\n-- total\n${s.total.join('\n')}`);
      }
    };
  },
});
console.log(`\nratio ×${r.ratio}, wall ${r.wallMs} ms, gaps ${JSON.stringify(r.laneGapMs)}, edges ${JSON.stringify(r.edges)}, cpu ${JSON.stringify(r.cpuMs)}, load ${r.load.before[0]}→${r.load.after[0]}${r.failedRun ? `, FAILED: ${r.problems.join('; ')}` : ''}`);
