import QRCode from 'qrcode';
import type { jsPDF } from 'jspdf';
import { qrMatrix } from './qr-encode';

/** Pixels per module in the embedded image. The QR is drawn as a stencil mask (/IM true), which
 * poppler/pdfium scale without smoothing, so 1 pixel per module is enough. (As a plain grey image,
 * poppler smooths any image upscaled less than 4x, and a 1-px-per-module QR no longer decodes at
 * 150 dpi; that needed 3 px per module and ~2x the bytes.) */
export const QR_PX_PER_MODULE = 1;
/** Fixed mask pattern (qr-encode.ts draws this one): letting qrcode score all 8 masks costs ~0.6 ms per QR (60 % of QR time);
 * any mask is valid for readers, and every QR is checked with zbarimg in the tests. */
export const QR_MASK = 1 as const;
/** Quiet zone in modules (ISO 18004 asks for 4). Drawn as white, not stored in the image. */
export const QR_QUIET = 4;

const HEX: string[] = Array.from({ length: 256 }, (_, v) => v.toString(16).padStart(2, '0'));

export interface QrImage {
  /** Modules per side (without quiet zone). */
  modules: number;
  /** Image pixels per side. */
  px: number;
  /** Inline-image data as written after `ID `: raw bytes (one char per byte) or ASCII-hex ending with '>'. */
  data: string;
  /** Whether `data` is ASCII-hex (needs `/F /AHx`). */
  hex: boolean;
}

const utf8 = new TextEncoder();

/**
 * The most bytes a QR code holds in one byte-mode segment at error correction M (version 40,
 * ISO 18004 table 7). Beyond it qrcode throws « The amount of data is too big… », which used to
 * fail the whole PDF for one oversize login.
 */
export const QR_MAX_BYTES = 2331;

/** Whether `text` can be a QR code at all (qrImage's encoding: UTF-8, one byte segment, level M). */
export function qrFits(text: string): boolean {
  return utf8.encode(text).length <= QR_MAX_BYTES;
}

/**
 * Whether this account's card goes without its QR code: the QR would hold more than a QR code can
 * (an oversize login). The card then says so, and the panel too.
 */
export function qrLeftOut(text: string | null): boolean {
  return text !== null && !qrFits(text);
}

/**
 * QR matrix (error correction M) as 1-bit rows (0 = dark module), rows padded to whole bytes.
 * Raw binary is ~15 % smaller after deflate than ASCII-hex; readers that look for the end of inline
 * data by scanning for `EI` + white space (pdf.js) could stop early if the bytes happen to contain
 * that sequence, so such (rare) images are written in ASCII-hex instead.
 */
export function qrImage(text: string, k = QR_PX_PER_MODULE): QrImage {
  // One byte-mode segment: qrcode's optimal segmentation (a shortest-path search) costs more than
  // the QR itself, and a URL gains next to nothing from mixed modes.
  const m = qrMatrix(utf8.encode(text));
  const n = m.size;
  const data = m.data;
  const px = n * k;
  const bytesPerRow = Math.ceil(px / 8);
  const bytes = new Uint8Array(bytesPerRow * px);
  for (let y = 0; y < n; y++) {
    const base = y * n;
    const start = y * k * bytesPerRow;
    for (let b = 0; b < bytesPerRow; b++) {
      let v = 0;
      if (k === 1 && b * 8 + 8 <= n) {
        // one pixel per module, a whole byte inside the row: no division, no bounds test
        const at = base + b * 8;
        for (let bit = 0; bit < 8; bit++) v = (v << 1) | (data[at + bit] ? 0 : 1);
      } else {
        for (let bit = 0; bit < 8; bit++) {
          const x = ((b * 8 + bit) / k) | 0;
          v = (v << 1) | (x < n && data[base + x] ? 0 : 1);
        }
      }
      bytes[start + b] = v;
    }
    for (let r = 1; r < k; r++) bytes.copyWithin(start + r * bytesPerRow, start, start + bytesPerRow);
  }
  const raw = String.fromCharCode.apply(null, bytes as unknown as number[]);
  if (!/EI[\x00\t\n\f\r ]/.test(raw + ' ')) return { modules: n, px, data: raw, hex: false };
  let hex = '';
  for (const v of bytes) hex += HEX[v];
  return { modules: n, px, data: hex + '>', hex: true };
}

/**
 * Draws `text` as a QR code filling the square (x, y, size) in mm (top-left origin), quiet zone
 * included (a white square), as ONE inline stencil-mask image (BI /IM true … ID … EI) painted in
 * black: ~250 bytes per QR after the page stream's deflate, no per-module path, no XObject bookkeeping.
 */
export function drawQr(doc: jsPDF, text: string, x: number, y: number, size: number): void {
  const img = qrImage(text);
  const k = doc.internal.scaleFactor;
  const pageH = doc.internal.pageSize.getHeight();
  const mod = size / (img.modules + 2 * QR_QUIET);
  const inner = mod * img.modules;
  const ix = x + mod * QR_QUIET;
  const iy = y + mod * QR_QUIET;
  const f = (v: number) => (Math.round(v * 100) / 100).toString();
  const out =
    `q 1 g ${f(x * k)} ${f((pageH - y - size) * k)} ${f(size * k)} ${f(size * k)} re f 0 g ` +
    `${f(inner * k)} 0 0 ${f(inner * k)} ${f(ix * k)} ${f((pageH - iy - inner) * k)} cm ` +
    `BI /W ${img.px} /H ${img.px} /IM true${img.hex ? ' /F /AHx' : ''} ID ${img.data} EI Q`;
  (doc.internal as unknown as { write(...s: string[]): void }).write(out);
}

/**
 * A QR code's dark modules as runs along its rows, [row, first column, length], with its size in
 * modules: what an SVG path of it needs (the preview's card, « Montrer le QR »). Level M, byte mode,
 * as on the sheets.
 */
export function qrRuns(text: string): { n: number; runs: [number, number, number][] } {
  const m = QRCode.create([{ data: utf8.encode(text), mode: 'byte' }], { errorCorrectionLevel: 'M' }).modules;
  const n = m.size;
  const runs: [number, number, number][] = [];
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!m.data[r * n + c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < n && m.data[r * n + c]) c++;
      runs.push([r, start, c - start]);
    }
  }
  return { n, runs };
}
