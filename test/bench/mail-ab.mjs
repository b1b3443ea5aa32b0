// The mail run of another revision's build against this tree's (dist/chrome), one after the other,
// alternating which goes first: the machine is shared, so only paired ratios say which is faster.
// Prints per run the ratio to the ideal, the lane gaps, the run's two ends and the load; then the
// medians and the paired median of new / old. A failed run (not every account mailed once) is said.
// Usage: node build.mjs && node test/bench/mail-ab.mjs <git revision> [pairs]   e.g. main 4
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXT_DIR, ROOT } from './browser.mjs';
import { run } from './mail.mjs';

const rev = process.argv[2];
if (!rev) throw new Error('usage: node test/bench/mail-ab.mjs <git revision> [pairs]');
const pairs = Number(process.argv[3] ?? 4);
const oldRoot = mkdtempSync(path.join(os.tmpdir(), 'pp1-mail-ab-'));
execFileSync('sh', ['-c', `git archive ${JSON.stringify(rev)} | tar -x -C ${JSON.stringify(oldRoot)}`], { cwd: ROOT });
symlinkSync(path.join(ROOT, 'node_modules'), path.join(oldRoot, 'node_modules'));
execFileSync('node', ['build.mjs'], { cwd: oldRoot, stdio: 'ignore' });
const dirs = { old: path.join(oldRoot, 'dist/chrome'), new: EXT_DIR };

const res = { old: [], new: [] };
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  for (let i = 0; i < pairs; i++) {
    for (const k of i % 2 ? ['new', 'old'] : ['old', 'new']) {
      process.env.PP1_EXT_DIR = dirs[k];
      const r = await run();
      res[k].push(r);
      console.log(
        k.padEnd(3), `×${r.ratio}`, `wall ${r.wallMs}`, `server med ${r.serverMs.median}`, `gap med ${r.laneGapMs.median} p95 ${r.laneGapMs.p95}`, `idle ${JSON.stringify(r.slotIdleMs)}`,
        `edges ${r.edges.clickToFirstRequestMs}/${r.edges.lastAnswerToReportMs}`, `cpu ${JSON.stringify(r.cpuMs)}`, `load ${r.load.before[0]}→${r.load.after[0]}`,
        r.failedRun ? `FAILED: ${r.problems.join('; ')}` : `dup ${r.duplicates}`,
      );
    }
  }
  for (const k of ['old', 'new']) console.log(k, 'median ratio', med(res[k].map((r) => r.ratio)), 'gap', med(res[k].map((r) => r.laneGapMs.median)), 'idle middle', med(res[k].map((r) => r.slotIdleMs.middle)), 'ext renderer CPU', med(res[k].map((r) => r.cpuMs?.extRenderer ?? 0)));
  console.log('paired new/old wall', med(res.new.map((r, i) => r.wallMs / res.old[i].wallMs)).toFixed(3));
} finally {
  delete process.env.PP1_EXT_DIR;
  rmSync(oldRoot, { recursive: true, force: true });
}
