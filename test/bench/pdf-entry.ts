// Browser side of the PDF benchmark, bundled as an IIFE (global `PdfBench`) and injected into a
// blank Chromium page: our engine (test/support/pdf-bench.ts benchSheets: 1,000 accounts, 8 per page, DejaVu embedded,
// QR on every card), the card texts it lays out (for the HTML route), and the jsPDF Helvetica floor.
import { jsPDF } from 'jspdf';
import { parseAllUsers } from '../../src/console/parse';
import { layoutAll, renderSheets } from '../../src/pdf';
import { benchAccounts } from '../support/pdf-bench';
import type { FontBytes } from '../../src/pdf/fonts';

export interface Card {
  blocks: { lines: string[]; size: number; bold: boolean; center: boolean }[];
  qr: string | null;
}

let source: ReturnType<typeof parseAllUsers> = [];
let font: FontBytes = { regular: new Uint8Array() };
let cards: Card[] = [];
let list: ReturnType<typeof benchAccounts> = [];
const last: Record<string, Uint8Array> = {};

const fromB64 = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
const toB64 = (bytes: Uint8Array) => {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
};

/** Same options as benchSheets (test/support/pdf-bench.ts). */
const OPTS = { model: 'simplePdf', lang: 'fr', entUrl: 'https://oneconnect.edifice.io', qr: 'full' } as const;

/** The fonts as the extension's PDF worker loads them: DejaVu Sans, Bold and Sans Mono Bold (the codes). */
export function setup(rows: unknown, regularB64: string, boldB64: string, n: number, monoB64?: string): Card[] {
  source = parseAllUsers(rows);
  font = { regular: fromB64(regularB64), bold: fromB64(boldB64), ...(monoB64 ? { mono: fromB64(monoB64) } : {}) };
  list = benchAccounts(source, n);
  cards = layoutAll(list, { ...OPTS, font, date: new Date() }).map((l) => ({
    blocks: l.texts.map((t) => ({ lines: t.label ? [`${t.label} ${t.lines[0] ?? ''}`, ...t.lines.slice(1)] : t.lines, size: t.size, bold: t.bold, center: t.align === 'center' })),
    qr: l.qr?.text ?? null,
  }));
  return cards;
}

/** Our engine, exactly as test/support/pdf-bench.ts benchSheets runs it (accounts prepared outside the timing). */
export async function ours() {
  const t0 = performance.now();
  const r = await renderSheets(list, { ...OPTS, font, date: new Date() });
  const ms = Math.round(performance.now() - t0);
  last.ours = r.bytes;
  return { ms, bytes: r.bytes.length, pages: r.pages };
}

/** Our engine on accounts handed over from elsewhere (a worker's message: structured clones). */
export async function oursWith(accounts: ReturnType<typeof benchAccounts>) {
  const t0 = performance.now();
  const r = await renderSheets(accounts, { ...OPTS, font, date: new Date() });
  return { ms: Math.round(performance.now() - t0), bytes: r.bytes.length, pages: r.pages };
}

/** The floor: jsPDF, built-in Helvetica, the same lines at fixed positions, 8 cards per A4, no QR. */
export function floor() {
  const t0 = performance.now();
  const doc = new jsPDF({ unit: 'mm', format: 'a4', compress: true });
  doc.setFont('helvetica', 'normal');
  doc.setFontSize(8);
  cards.forEach((c, i) => {
    const slot = i % 8;
    if (i && !slot) doc.addPage();
    const x = 10 + (slot % 2) * 97;
    let y = 14 + Math.floor(slot / 2) * 70;
    for (const b of c.blocks) for (const line of b.lines) doc.text(line, x, (y += 3.4));
  });
  const bytes = new Uint8Array(doc.output('arraybuffer'));
  last.floor = bytes;
  return { ms: Math.round(performance.now() - t0), bytes: bytes.length, pages: doc.getNumberOfPages() };
}

/** The bench's accounts (to hand them to the extension's PDF worker, the production route). */
export const accounts = (n = list.length) => benchAccounts(source, n);

/**
 * The engine on this page's main thread (as the panel ran it before the worker), with a longtask
 * PerformanceObserver: the tasks a user would have felt as a frozen panel.
 */
export async function oursOnMainThread(n: number) {
  const tasks: number[] = [];
  const obs = new PerformanceObserver((l) => l.getEntries().forEach((e) => tasks.push(e.duration)));
  obs.observe({ type: 'longtask' });
  const t0 = performance.now();
  const r = await renderSheets(benchAccounts(source, n), { ...OPTS, font, date: new Date() });
  const ms = Math.round(performance.now() - t0);
  await new Promise((res) => setTimeout(res, 50));
  obs.disconnect();
  return { ms, pages: r.pages, longTasks: tasks.map(Math.round) };
}

/** The bytes of the last PDF of a kind (base64), to keep a copy under out/. */
export const lastPdf = (kind: 'ours' | 'floor') => (last[kind] ? toB64(last[kind]) : '');
