// The PDF engine of another revision against this tree's, side by side in one Chromium (two blank
// pages, alternating which goes first), 1,000 cards as `npm run bench -- pdf` renders them, plus the
// floor: wall time and CPU time of the rendering thread and of the renderer per run, and the paired
// medians. On a shared machine the paired ratios are what to read.
// Usage: node test/bench/pdf-ab.mjs <git revision> [rounds]   e.g. node test/bench/pdf-ab.mjs main 8
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { BIG_STRUCTURE_ID, EXT_DIR, ROOT, browserThreadsCpu, cpuDelta, fakeConsole, launch } from './browser.mjs';

const rev = process.argv[2];
if (!rev) throw new Error('usage: node test/bench/pdf-ab.mjs <git revision> [rounds]');
const oldRoot = mkdtempSync(path.join(os.tmpdir(), 'pp1-ab-'));
execFileSync('sh', ['-c', `git archive ${JSON.stringify(rev)} src test/support test/bench | tar -x -C ${JSON.stringify(oldRoot)}`], { cwd: ROOT });
const build = async (root) => (await esbuild.build({ entryPoints: [path.join(root, 'test/bench/pdf-entry.ts')], bundle: true, write: false, format: 'iife', globalName: 'PdfBench', platform: 'browser', target: 'chrome120', nodePaths: [path.join(ROOT, 'node_modules')], alias: { html2canvas: path.join(ROOT, 'popup/shared/empty-stub.ts'), canvg: path.join(ROOT, 'popup/shared/empty-stub.ts'), dompurify: path.join(ROOT, 'popup/shared/empty-stub.ts') }, define: { 'process.env.NODE_ENV': '"production"' }, logLevel: 'error' })).outputFiles[0].text;
const [oldJs, newJs] = [await build(oldRoot), await build(ROOT)];
const { fake, api } = await fakeConsole();
const ext = await launch();
const rounds = Number(process.argv[3] ?? 6);
try {
  const rows = await api.allUsersAsAdml(BIG_STRUCTURE_ID);
  const fonts = await Promise.all(['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSansMono-Bold.ttf'].map((f) => readFile(path.join(EXT_DIR, 'fonts', f))));
  const pages = {};
  for (const [k, js] of [['old', oldJs], ['new', newJs]]) {
    const p = (pages[k] = await ext.context.newPage());
    await p.goto('about:blank');
    await p.addScriptTag({ content: js });
    await p.evaluate(([r, a, b, m, n]) => PdfBench.setup(r, a, b, n, m), [rows, ...fonts.map((f) => f.toString('base64')), 1000]);
  }
  const run = async (k, f = () => PdfBench.ours()) => { await pages[k].bringToFront(); const c0 = browserThreadsCpu(ext.userDataDir); const r = await pages[k].evaluate(f); const c = cpuDelta(c0, browserThreadsCpu(ext.userDataDir)); return { ms: r.ms, bytes: r.bytes, thread: c.threadMs, proc: c.processMs }; };
  await run('old'); await run('new'); await run('old', () => PdfBench.floor());
  const res = { old: [], new: [], floor: [] };
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 ? ['new', 'old'] : ['old', 'new'];
    for (const k of order) res[k].push(await run(k));
    res.floor.push(await run('old', () => PdfBench.floor()));
  }
  const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const k of ['old', 'new', 'floor']) console.log(k.padEnd(6), 'wall', res[k].map((r) => r.ms).join(' '), '| thread', res[k].map((r) => r.thread).join(' '), '| proc', res[k].map((r) => r.proc).join(' '), '| medians wall/thread/proc', med(res[k].map((r) => r.ms)), med(res[k].map((r) => r.thread)), med(res[k].map((r) => r.proc)), 'bytes', res[k][0].bytes);
  const pr = (a, b, f) => med(res[a].map((r, i) => f(r) / f(res[b][i]))).toFixed(2);
  console.log('paired new/old: wall', pr('new', 'old', (r) => r.ms), 'thread', pr('new', 'old', (r) => r.thread), 'proc', pr('new', 'old', (r) => r.proc));
  console.log('paired old/floor: wall', pr('old', 'floor', (r) => r.ms), 'thread', pr('old', 'floor', (r) => r.thread), '| new/floor: wall', pr('new', 'floor', (r) => r.ms), 'thread', pr('new', 'floor', (r) => r.thread), 'proc', pr('new', 'floor', (r) => r.proc));
} finally {
  await ext.context.close();
  await fake.close();
  rmSync(oldRoot, { recursive: true, force: true });
}
