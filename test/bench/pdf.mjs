// Measure 2: login-sheet PDF, 1,000 accounts, 8 per page, DejaVu embedded, QR on every card, in
// Chromium; side by side in the same run with (a) the same cards as an HTML page printed by
// Chromium (page.setContent + page.pdf: the HTML-template route) and (b) the floor: jsPDF writing
// the same lines with built-in Helvetica, no QR, no layout. Ours and (b) are timed inside the page
// (performance.now around the call), (a) from Node. One warm-up each for ours and (b), then 5 rounds
// (floor, ours, the worker, in reverse order every other round; then html); medians, bests and
// paired ratios reported. Copies of each PDF go to out/.
// Usage: node test/bench/pdf.mjs   (after node build.mjs)
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import QRCode from 'qrcode';
import { BIG_STRUCTURE_ID, EXT_DIR, ROOT, browserThreadsCpu, bundle, cpuDelta, fakeConsole, launch, ratio, sleep } from './browser.mjs';

const N = 1000;
/** Cards rendered while the panel's main thread is watched (issue 13: "the panel never freezes"). */
const N_FREEZE = 4000;
/** Odd, for a median; each order (see the rounds) runs at least twice. */
const ROUNDS = 5;
const esc = (s) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The HTML-template route: the same card texts, 8 per A4 page (CSS grid), QR as inline SVG. */
async function cardsHtml(cards) {
  const qrs = await Promise.all(cards.map((c) => (c.qr ? QRCode.toString(c.qr, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 }) : '')));
  const card = (c, i) =>
    `<div class="card">${qrs[i] ? `<div class="qr">${qrs[i]}</div>` : ''}${c.blocks
      .map((b) => `<p style="font-size:${b.size}pt${b.bold ? ';font-weight:bold' : ''}${b.center ? ';text-align:center' : ''}">${b.lines.map(esc).join('<br>')}</p>`)
      .join('')}</div>`;
  const pages = [];
  for (let i = 0; i < cards.length; i += 8) pages.push(`<section class="page">${cards.slice(i, i + 8).map((c, k) => card(c, i + k)).join('')}</section>`);
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><style>
@page { size: A4; margin: 0 }
body { margin: 0; font-family: "DejaVu Sans", sans-serif; color: #141414 }
.page { width: 210mm; height: 297mm; box-sizing: border-box; padding: 6mm 5mm; display: grid; grid-template: repeat(4, 1fr) / repeat(2, 1fr); break-after: page; }
.card { border: 0.2mm dashed #999; padding: 4mm; overflow: hidden; }
.card p { margin: 0 0 1.2mm; line-height: 1.18 }
.qr { float: right; width: 26mm; height: 26mm; margin-left: 2mm } .qr svg { width: 100%; height: 100% }
</style></head><body>${pages.join('')}</body></html>`;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpuMedian = (runs, k = 'cpuMs') => (runs.every((r) => typeof r[k] === 'number') ? median(runs.map((r) => r[k])) : null);
const summary = (runs) => ({ cpuMs: cpuMedian(runs), threadCpuMs: cpuMedian(runs, 'threadMs'), processCpuMs: cpuMedian(runs, 'processMs'), medianMs: median(runs.map((r) => r.ms)), bestMs: Math.min(...runs.map((r) => r.ms)), bytes: runs.at(-1).bytes, pages: runs.at(-1).pages, runsMs: runs.map((r) => r.ms) });

export async function run() {
  const { fake, api } = await fakeConsole();
  const ext = await launch();
  try {
    const rows = await api.allUsersAsAdml(BIG_STRUCTURE_ID);
    // The worker embeds DejaVu Sans Mono Bold for the codes: so does the in-page engine, or the two routes would not do the same work.
    const [regular, bold, mono] = await Promise.all(['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSansMono-Bold.ttf'].map((f) => readFile(path.join(EXT_DIR, 'fonts', f))));
    const js = await bundle({ entry: path.join(ROOT, 'test/bench/pdf-entry.ts'), globalName: 'PdfBench' });

    const page = await ext.context.newPage();
    await page.goto('about:blank');
    await page.addScriptTag({ content: js });
    const cards = await page.evaluate(([r, a, b, n, m]) => PdfBench.setup(r, a, b, n, m), [rows, regular.toString('base64'), bold.toString('base64'), N, mono.toString('base64')]);
    const t0 = performance.now();
    const html = await cardsHtml(cards);
    const htmlBuildMs = Math.round(performance.now() - t0);

    const printer = await ext.context.newPage();
    const printHtml = async () => {
      await printer.bringToFront();
      const t = performance.now();
      await printer.setContent(html, { waitUntil: 'load' });
      const pdf = await printer.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      return { ms: Math.round(performance.now() - t), bytes: pdf.length, pdf };
    };

    // Each side runs in the front tab, as the panel does when the user clicks (background tabs throttle timers).
    const inPage = async (f, arg) => (await page.bringToFront(), page.evaluate(f, arg));
    // The production route: the extension's own PDF worker (popup/panel/pdf-worker.ts), started from an
    // extension page as the panel starts it, job message and all; timed from the page (post → bytes).
    const extPage = await ext.context.newPage();
    await extPage.goto(`chrome-extension://${ext.id}/options.html`);
    // The accounts reach the extension page from Node once, before any timing: only the panel's own
    // hand-over (postMessage, a structured clone) is part of the route measured.
    await extPage.evaluate(([a, b]) => (globalThis.__lists = { [a.length]: a, [b.length]: b }), [await page.evaluate((n) => PdfBench.accounts(n), N), await page.evaluate((n) => PdfBench.accounts(n), N_FREEZE)]);
    const [list1000, list4000] = [N, N_FREEZE];
    const viaWorker = (n) =>
      extPage.evaluate(async (n) => {
        const accounts = globalThis.__lists[n];
        // as the panel does (pdf-worker-client.ts): a worker started and told to load its fonts ahead of the first job
        const w = (globalThis.__pdfWorker ??= new Worker('pdf-worker.js'));
        if (!globalThis.__warmed) {
          globalThis.__warmed = true;
          w.postMessage({ type: 'pdf-warm' });
          await new Promise((res) => setTimeout(res, 1000));
        }
        const tasks = [];
        const obs = new PerformanceObserver((l) => l.getEntries().forEach((e) => tasks.push(e.duration)));
        obs.observe({ type: 'longtask' });
        const t0 = performance.now();
        const r = await new Promise((resolve, reject) => {
          w.onmessage = (e) => (e.data.type === 'done' ? resolve(e.data) : e.data.type === 'error' ? reject(new Error(e.data.message)) : null);
          w.postMessage({ type: 'pdf-sheets', accounts, date: Date.now(), options: { model: 'simplePdf', lang: 'fr', entUrl: 'https://oneconnect.edifice.io', qr: 'full' } });
        });
        const ms = Math.round(performance.now() - t0);
        await new Promise((res) => setTimeout(res, 50));
        obs.disconnect();
        return { ms, renderMs: r.renderMs, bytes: r.bytes.byteLength, pages: r.pages, longTasks: tasks.map(Math.round) };
      }, n);
    const inWorker = async (list) => (await extPage.bringToFront(), viaWorker(list));
    // CPU time of the whole browser around one run: what a route costs, whatever the machine's load.
    const withCpu = async (f) => {
      const c0 = browserThreadsCpu(ext.userDataDir);
      const r = await f();
      const c = cpuDelta(c0, browserThreadsCpu(ext.userDataDir));
      return { ...r, cpuMs: c?.browserMs ?? null, threadMs: c?.threadMs ?? null, processMs: c?.processMs ?? null, thread: c?.thread };
    };
    // warm-up: a new worker's first job (jsPDF and fonts loaded, its code not yet optimised), as the panel's first PDF
    const firstWorker = await withCpu(() => inWorker(list1000));
    const workerRuns = [];

    const first = { ours: await inPage(() => PdfBench.ours()), floor: await inPage(() => PdfBench.floor()) };
    const ours = [];
    const floor = [];
    const htmlRuns = [];
    // Paired ratios compare runs made side by side: ours always between the floor and the worker,
    // the order reversed every round (floor, ours, worker; then worker, ours, floor), so that neither
    // side of a pair always runs first (a warmer cache, a core freed by the previous run) or while
    // the machine's load rises. With 3 rounds in a fixed order, worker / in-page read ×1.44 paired
    // against ×1.06 by medians at load 2; the rendering thread's CPU said ×1.14.
    for (let k = 0; k < ROUNDS; k++) {
      const steps = [() => withCpu(() => inPage(() => PdfBench.floor())).then((r) => floor.push(r)), () => withCpu(() => inPage(() => PdfBench.ours())).then((r) => ours.push(r)), () => withCpu(() => inWorker(list1000)).then((r) => workerRuns.push(r))];
      for (const step of k % 2 ? steps.reverse() : steps) await step();
      htmlRuns.push(await printHtml());
      // the print leaves work behind (its 6 MB PDF, a page of 1,000 cards to collect): it must not
      // land on the next round's first run, which was the worker every other round (×1.67 against ×0.93)
      await printer.goto('about:blank');
      await sleep(1500);
    }

    const freezeWorker = await inWorker(list4000);
    const freezeMain = await inPage((n) => PdfBench.oursOnMainThread(n), N_FREEZE);

    const htmlPages = (htmlRuns.at(-1).pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;

    await mkdir(path.join(ROOT, 'out'), { recursive: true });
    await writeFile(path.join(ROOT, 'out/bench-sheets.pdf'), Buffer.from(await page.evaluate(() => PdfBench.lastPdf('ours')), 'base64'));
    await writeFile(path.join(ROOT, 'out/bench-floor.pdf'), Buffer.from(await page.evaluate(() => PdfBench.lastPdf('floor')), 'base64'));
    await writeFile(path.join(ROOT, 'out/bench-html.pdf'), htmlRuns.at(-1).pdf);

    const o = summary(ours);
    const w = summary(workerRuns);
    const longest = (xs) => (xs.length ? Math.max(...xs) : 0);
    const panelThread = {
      cards: N_FREEZE,
      worker: { renderMs: freezeWorker.ms, longestTaskMs: longest(freezeWorker.longTasks), tasksOver100ms: freezeWorker.longTasks.filter((d) => d > 100).length, longTasksMs: freezeWorker.longTasks },
      mainThread: { renderMs: freezeMain.ms, longestTaskMs: longest(freezeMain.longTasks), tasksOver100ms: freezeMain.longTasks.filter((d) => d > 100).length },
    };
    const f = summary(floor);
    const h = { ...summary(htmlRuns.map(({ ms, bytes }) => ({ ms, bytes, pages: htmlPages }))), htmlBuildMs, htmlBytes: html.length };
    const problems = [];
    if (o.pages !== Math.ceil(N / 8)) problems.push(`our PDF has ${o.pages} pages, expected ${Math.ceil(N / 8)}`);
    if (w.pages !== o.pages) problems.push(`the worker's PDF has ${w.pages} pages, the engine's ${o.pages}`);
    if (cards.some((c) => !c.qr)) problems.push(`${cards.filter((c) => !c.qr).length} cards without QR`);
    return {
      accounts: N,
      perPage: 8,
      ours: { ...o, firstMs: first.ours.ms },
      // The same 1,000 cards through the extension's PDF worker, as the panel runs them.
      // renderMs: the worker's own time from the job's arrival to its answer; the rest is messaging.
      oursInWorker: { ...w, firstMs: firstWorker.ms, firstThreadCpuMs: firstWorker.threadMs, renderMs: median(workerRuns.map((r) => r.renderMs)), messagingMs: median(workerRuns.map((r) => r.ms - r.renderMs)) },
      panelThread,
      htmlRoute: h,
      floor: { ...f, firstMs: first.floor.ms },
      ratios: {
        htmlOverOurs: ratio(h.medianMs, o.medianMs),
        // the same, paired round by round (both ran within seconds of each other): median of the rounds
        htmlOverOursPaired: median(htmlRuns.map((r, k) => ratio(r.ms, ours[k].ms))),
        oursOverFloorPaired: median(ours.map((r, k) => ratio(r.ms, floor[k].ms))),
        oursOverFloor: ratio(o.medianMs, f.medianMs),
        bytesOursOverHtml: ratio(o.bytes, h.bytes),
        workerOverOurs: ratio(w.medianMs, o.medianMs),
        workerOverOursPaired: median(workerRuns.map((r, k) => ratio(r.ms, ours[k].ms))),
        // by order within the round: a difference here is the order's, not the route's
        workerOverOursPairedWorkerFirst: median(workerRuns.filter((_, k) => k % 2).map((r, k) => ratio(r.ms, ours[2 * k + 1].ms))),
        workerOverOursPairedOursFirst: median(workerRuns.filter((_, k) => !(k % 2)).map((r, k) => ratio(r.ms, ours[2 * k].ms))),
        htmlOverWorker: ratio(h.medianMs, w.medianMs),
        workerOverFloor: ratio(w.medianMs, f.medianMs),
        // the same ratios in CPU time (browser processes, /proc): steadier than wall time under load
        ...(o.cpuMs && w.cpuMs && f.cpuMs ? { cpu: { workerOverOurs: ratio(w.cpuMs, o.cpuMs), oursOverFloor: ratio(o.cpuMs, f.cpuMs), workerOverOursPaired: median(workerRuns.map((r, k) => ratio(r.cpuMs, ours[k].cpuMs))), oursOverFloorPaired: median(ours.map((r, k) => ratio(r.cpuMs, floor[k].cpuMs))) } } : {}),
        // the rendering thread alone (the page's main thread, the worker's thread): the least noisy figure under load
        ...(o.threadCpuMs && w.threadCpuMs && f.threadCpuMs ? { thread: { workerOverOurs: ratio(w.threadCpuMs, o.threadCpuMs), oursOverFloor: ratio(o.threadCpuMs, f.threadCpuMs), workerOverOursPaired: median(workerRuns.map((r, k) => ratio(r.threadMs, ours[k].threadMs))), oursOverFloorPaired: median(ours.map((r, k) => ratio(r.threadMs, floor[k].threadMs))) } } : {}),
      },
      target: {
        fasterThanHtml10x: h.medianMs >= 10 * o.medianMs,
        // issue 23's targets: the page loop within 2× the floor, the worker route within 1.15× the same engine in-page
        within2xFloor: o.medianMs <= 2.0 * f.medianMs,
        workerWithin115: w.medianMs <= 1.15 * o.medianMs,
        under600KB: o.bytes <= 600 * 1024,
        panelNoTaskOver100ms: panelThread.worker.tasksOver100ms === 0,
      },
      files: ['out/bench-sheets.pdf', 'out/bench-html.pdf', 'out/bench-floor.pdf'],
      problems,
    };
  } finally {
    await ext.context.close();
    await fake.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(JSON.stringify(await run(), null, 2));
