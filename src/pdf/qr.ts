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
  const m = qrMatrix(utf8Bytes(text), scratch.modules);
  const n = m.size;
  const data = (scratch.modules = m.data);
  const px = n * k;
  const bytesPerRow = Math.ceil(px / 8);
  const length = bytesPerRow * px;
  // one buffer for every QR of a render (and the next): only the string made from it is kept
  if (scratch.image.length < length) scratch.image = new Uint8Array(Math.max(length, 2 * scratch.image.length));
  const bytes = scratch.image.subarray(0, length);
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
  let out: string;
  const hex = endsInlineData(bytes);
  if (!hex) out = String.fromCharCode.apply(null, bytes as unknown as number[]);
  else {
    out = '';
    for (const v of bytes) out += HEX[v];
    out += '>';
  }
  // the buffers held the login and code: nothing of them stays once the image is made
  scratch.text.fill(0);
  data.fill(0);
  bytes.fill(0);
  return { modules: n, px, data: out, hex };
}

/** Buffers reused from one QR to the next, and emptied after each: the text's bytes, the modules, the image. */
const scratch = { text: new Uint8Array(512), modules: undefined as Uint8Array | undefined, image: new Uint8Array(1024) };

/** The text's UTF-8 bytes, in the reused buffer (valid until the next call). */
function utf8Bytes(text: string): Uint8Array {
  // UTF-8 takes at most 3 bytes per UTF-16 unit
  if (scratch.text.length < text.length * 3) scratch.text = new Uint8Array(text.length * 3);
  const { written } = utf8.encodeInto(text, scratch.text);
  return scratch.text.subarray(0, written);
}

/** Whether the bytes hold « EI » followed by white space or at their very end, where a reader may take the inline image to end. */
export function endsInlineData(b: Uint8Array): boolean {
  for (let i = b.indexOf(0x45); i >= 0 && i + 1 < b.length; i = b.indexOf(0x45, i + 1)) {
    if (b[i + 1] !== 0x49) continue;
    const c = b[i + 2];
    if (c === undefined || c === 0 || c === 9 || c === 10 || c === 12 || c === 13 || c === 32) return true;
  }
  return false;
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
