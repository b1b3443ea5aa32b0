// Measure 2: login-sheet PDF, 1,000 accounts, 8 per page, DejaVu embedded, QR on every card, in
// Chromium; side by side in the same run with (a) the same cards as an HTML page printed by
// Chromium (page.setContent + page.pdf: the HTML-template route) and (b) the floor: jsPDF writing
// the same lines with built-in Helvetica, no QR, no layout. Ours and (b) are timed inside the page
// (performance.now around the call), (a) from Node. One warm-up each for ours and (b), then 3 rounds
// interleaved (ours, floor, html); medians and bests reported. Copies of each PDF go to out/.
// Usage: node test/bench/pdf.mjs   (after node build.mjs)
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import QRCode from 'qrcode';
import { BIG_STRUCTURE_ID, EXT_DIR, ROOT, bundle, fakeConsole, launch, ratio } from './browser.mjs';

const N = 1000;
const ROUNDS = 3;
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
const summary = (runs) => ({ medianMs: median(runs.map((r) => r.ms)), bestMs: Math.min(...runs.map((r) => r.ms)), bytes: runs.at(-1).bytes, pages: runs.at(-1).pages, runsMs: runs.map((r) => r.ms) });

export async function run() {
  const { fake, api } = await fakeConsole();
  const ext = await launch();
  try {
    const rows = await api.allUsersAsAdml(BIG_STRUCTURE_ID);
    const [regular, bold] = await Promise.all(['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => readFile(path.join(EXT_DIR, 'fonts', f))));
    const js = await bundle({ entry: path.join(ROOT, 'test/bench/pdf-entry.ts'), globalName: 'PdfBench' });

    const page = await ext.context.newPage();
    await page.goto('about:blank');
    await page.addScriptTag({ content: js });
    const cards = await page.evaluate(([r, a, b, n]) => PdfBench.setup(r, a, b, n), [rows, regular.toString('base64'), bold.toString('base64'), N]);
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
    const inPage = async (f) => (await page.bringToFront(), page.evaluate(f));
    const first = { ours: await inPage(() => PdfBench.ours()), floor: await inPage(() => PdfBench.floor()) };
    const ours = [];
    const floor = [];
    const htmlRuns = [];
    for (let k = 0; k < ROUNDS; k++) {
      ours.push(await inPage(() => PdfBench.ours()));
      floor.push(await inPage(() => PdfBench.floor()));
      htmlRuns.push(await printHtml());
    }
    const htmlPages = (htmlRuns.at(-1).pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;

    await mkdir(path.join(ROOT, 'out'), { recursive: true });
    await writeFile(path.join(ROOT, 'out/bench-sheets.pdf'), Buffer.from(await page.evaluate(() => PdfBench.lastPdf('ours')), 'base64'));
    await writeFile(path.join(ROOT, 'out/bench-floor.pdf'), Buffer.from(await page.evaluate(() => PdfBench.lastPdf('floor')), 'base64'));
    await writeFile(path.join(ROOT, 'out/bench-html.pdf'), htmlRuns.at(-1).pdf);

    const o = summary(ours);
    const f = summary(floor);
    const h = { ...summary(htmlRuns.map(({ ms, bytes }) => ({ ms, bytes, pages: htmlPages }))), htmlBuildMs, htmlBytes: html.length };
    const problems = [];
    if (o.pages !== Math.ceil(N / 8)) problems.push(`our PDF has ${o.pages} pages, expected ${Math.ceil(N / 8)}`);
    if (cards.some((c) => !c.qr)) problems.push(`${cards.filter((c) => !c.qr).length} cards without QR`);
    return {
      accounts: N,
      perPage: 8,
      ours: { ...o, firstMs: first.ours.ms },
      htmlRoute: h,
      floor: { ...f, firstMs: first.floor.ms },
      ratios: {
        htmlOverOurs: ratio(h.medianMs, o.medianMs),
        // the same, paired round by round (both ran within seconds of each other): median of the rounds
        htmlOverOursPaired: median(htmlRuns.map((r, k) => ratio(r.ms, ours[k].ms))),
        oursOverFloorPaired: median(ours.map((r, k) => ratio(r.ms, floor[k].ms))),
        oursOverFloor: ratio(o.medianMs, f.medianMs),
        bytesOursOverHtml: ratio(o.bytes, h.bytes),
      },
      target: {
        fasterThanHtml10x: h.medianMs >= 10 * o.medianMs,
        within25xFloor: o.medianMs <= 2.5 * f.medianMs,
        under600KB: o.bytes <= 600 * 1024,
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
