/** Reading a PDF the way a user checks it: text (pdftotext), pages (pdfinfo), look (pdftoppm), QR (zbarimg). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
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

export const pdfText = (file: string, page?: number): string =>
  spaces(execFileSync('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-layout', file, '-'], { encoding: 'utf8' }));

export const pdfPages = (file: string): number => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);

/** Every QR code of the given pages, decoded from a 150 dpi render. */
export function qrCodes(file: string, first: number, last: number): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pp1-png-'));
  execFileSync('pdftoppm', ['-r', '150', '-gray', '-f', String(first), '-l', String(last), '-png', file, path.join(dir, 'p')]);
  const out: string[] = [];
  for (const f of readdirSync(dir).sort()) {
    let txt = '';
    try {
      txt = execFileSync('zbarimg', ['-q', '--raw', '-Sdisable', '-Sqrcode.enable', path.join(dir, f)], { encoding: 'utf8' });
    } catch (e) {
      txt = (e as { stdout?: string }).stdout ?? ''; // exit 4 = no code on that page
    }
    out.push(...txt.split('\n').filter(Boolean));
  }
  return out;
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

/** Every non-empty cell of the grid (account cards, cover cards, family labels), in reading order. */
export function cellTexts(file: string, cols: number, rows: number, skip: (pageText: string) => boolean = () => false): string[] {
  const out: string[] = [];
  for (let p = 1; p <= pdfPages(file); p++) {
    if (skip(pdfText(p ? file : file, p))) continue;
    const info = execFileSync('pdfinfo', ['-f', String(p), '-l', String(p), file], { encoding: 'utf8' });
    const [, w, h] = /Page\s+\d+\s+size:\s+([\d.]+) x ([\d.]+)/.exec(info)!;
    const cw = Math.floor(Number(w) / cols), ch = Math.floor(Number(h) / rows);
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < cols; c++) {
        const t = spaces(execFileSync('pdftotext', ['-f', String(p), '-l', String(p), '-x', String(c * cw), '-y', String(r * ch), '-W', String(cw), '-H', String(ch), file, '-'], { encoding: 'utf8' }));
        if (t.trim()) out.push(t);
      }
  }
  return out;
}
