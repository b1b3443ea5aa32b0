/** Reading a PDF the way a user checks it: text (pdftotext), pages (pdfinfo), look (pdftoppm), QR (zbarimg). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Download } from '@playwright/test';

export async function saveDownload(d: Download): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pp1-pdf-'));
  const file = path.join(dir, d.suggestedFilename());
  await d.saveAs(file);
  return file;
}

/** No-break spaces (French typography: « », before : ; ! ?) read as spaces, as a reader sees them. */
const spaces = (s: string): string => s.replace(/[\u00a0\u202f]/g, ' ').normalize('NFKC');

/**
 * Each page's text as `pdftotext -f i -l i -layout` gives it (ending in a form feed), from one
 * `pdftotext -layout` of the whole file, read once per file version: tests read a PDF page by page,
 * and a process per page cost seconds on a loaded machine.
 */
const layoutPages = (() => {
  const cache = new Map<string, string[]>();
  return (file: string): string[] => {
    const st = statSync(file);
    const key = `${file}\0${st.mtimeMs}\0${st.size}`;
    let pages = cache.get(key);
    if (!pages) {
      pages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 }).split('\f').slice(0, -1).map((p) => `${p}\f`);
      cache.set(key, pages);
    }
    return pages;
  };
})();

export const pdfText = (file: string, page?: number): string => spaces(page ? (layoutPages(file)[page - 1] ?? '') : layoutPages(file).join(''));

export const pdfPages = (file: string): number => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);

/** Every QR code of the given pages, decoded from a 150 dpi render. */
export function qrCodes(file: string, first: number, last: number): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pp1-png-'));
  execFileSync('pdftoppm', ['-r', '150', '-gray', '-f', String(first), '-l', String(last), '-png', file, path.join(dir, 'p')]);
  // One zbarimg for all the pages: it reads its files in the order given.
  let txt = '';
  try {
    txt = execFileSync('zbarimg', ['-q', '--raw', '-Sdisable', '-Sqrcode.enable', ...readdirSync(dir).sort().map((f) => path.join(dir, f))], { encoding: 'utf8', maxBuffer: 1 << 26 });
  } catch (e) {
    txt = (e as { stdout?: string }).stdout ?? ''; // exit 4 = no code at all
  }
  return txt.split('\n').filter(Boolean);
}

/**
 * The text of each account's card, in reading order: pages are cut into a grid of `cols` × `rows`
 * cells (8 per page: 2 × 4 on A4 portrait; 2 per page: 2 × 1 on A4 landscape) and each cell is
 * extracted on its own, so two cards side by side never interleave. Pages for which `skip` says
 * so (cover pages) and cells with no login (a class cover card, a family label card) are left out.
 */
export function cardTexts(file: string, cols: number, rows: number, skip: (pageText: string) => boolean = () => false): string[] {
  return cellTexts(file, cols, rows, skip).filter((t) => /Identifiant :|Login:/.test(t));
}

/**
 * Every non-empty cell of the grid (account cards, cover cards, family labels), in reading order.
 * One `pdftotext -bbox-layout` of the whole file (and one plain `pdftotext -layout` for `skip`), not
 * one process per cell: a 50-page print took 500 processes, minutes on a loaded machine. A word goes
 * in the cell that holds its baseline and its middle (pdftotext's own crop keeps the characters whose
 * origin is inside); lines keep pdftotext's reading order of the page (the same words per card as its
 * crop gave; blocks beside the QR code may come in another order), and a line ending in a hyphen is
 * joined to the next without it, as pdftotext's text mode does.
 */
export function cellTexts(file: string, cols: number, rows: number, skip: (pageText: string) => boolean = () => false): string[] {
  const big = { encoding: 'utf8' as const, maxBuffer: 1 << 28 };
  const layout = execFileSync('pdftotext', ['-bbox-layout', file, '-'], big);
  const pageTexts = execFileSync('pdftotext', ['-layout', file, '-'], big).split('\f');
  const out: string[] = [];
  layout.split('<page ').slice(1).forEach((page, i) => {
    if (skip(spaces(pageTexts[i] ?? ''))) return;
    const [, w, h] = /width="([\d.]+)" height="([\d.]+)"/.exec(page)!;
    const cw = Math.floor(Number(w) / cols), ch = Math.floor(Number(h) / rows);
    const cells: string[][] = Array.from({ length: cols * rows }, () => []);
    for (const line of page.split('<line ').slice(1)) {
      const inCell = new Map<number, string[]>();
      for (const m of line.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
        const [x0, y0, x1, y1] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
        // the baseline sits about 79 % down the word's box (ascent over ascent + descent)
        const c = Math.min(cols - 1, Math.floor((x0 + x1) / 2 / cw)), r = Math.min(rows - 1, Math.floor((y0 + 0.79 * (y1 - y0)) / ch));
        const k = r * cols + c;
        inCell.set(k, [...(inCell.get(k) ?? []), unescapeXml(m[5]!)]);
      }
      for (const [k, words] of inCell) cells[k]!.push(words.join(' '));
    }
    cells.forEach((lines, k) => {
      // Right-to-left script: the word boxes hold it in visual order, pdftotext's text mode in logical
      // order with its embedding marks; read such a card with pdftotext's own crop, as before.
      const t = RTL.test(lines.join(''))
        ? spaces(execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-x', String((k % cols) * cw), '-y', String(Math.floor(k / cols) * ch), '-W', String(cw), '-H', String(ch), file, '-'], { encoding: 'utf8' }))
        : spaces(lines.map((l, j) => (j < lines.length - 1 && l.endsWith('-') ? l.slice(0, -1) : `${l}\n`)).join(''));
      if (t.trim()) out.push(t);
    });
  });
  return out;
}

const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/;

const unescapeXml = (s: string): string =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;|&#39;/g, "'").replace(/&amp;/g, '&');
