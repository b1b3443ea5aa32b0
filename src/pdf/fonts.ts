import type { jsPDF } from 'jspdf';
import { slimTtf } from './ttf';

export const FONT = 'DejaVuSans';
/** Activation codes: DejaVu Sans Mono Bold tells similar characters apart (same npm package). */
export const MONO = 'DejaVuSansMono';

const b64Cache = new WeakMap<Uint8Array, string>();

/** Fast base64: Buffer in Node, chunked String.fromCharCode + btoa in the browser. Cached per array. */
export function toBase64(bytes: Uint8Array): string {
  const hit = b64Cache.get(bytes);
  if (hit !== undefined) return hit;
  let out: string;
  const B = (globalThis as { Buffer?: { from(b: Uint8Array): { toString(enc: string): string } } }).Buffer;
  if (B) out = B.from(bytes).toString('base64');
  else {
    const CHUNK = 0x8000; // multiple of 3 would avoid padding mid-way; we join binary first
    let bin = '';
    for (let i = 0; i < bytes.length; i += CHUNK) {
      bin += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
    }
    out = btoa(bin);
  }
  b64Cache.set(bytes, out);
  return out;
}

export interface FontBytes {
  regular: Uint8Array;
  bold?: Uint8Array;
  /** DejaVu Sans Mono Bold, for activation codes; without it codes print in the normal face. */
  mono?: Uint8Array;
}

/** Registers DejaVu Sans (and Bold, Mono Bold when given) in this document; says which are real. */
export function registerFonts(doc: jsPDF, font: FontBytes): { hasBold: boolean; hasMono: boolean } {
  doc.addFileToVFS('DejaVuSans.ttf', toBase64(slimTtf(font.regular)));
  doc.addFont('DejaVuSans.ttf', FONT, 'normal');
  let hasBold = false;
  if (font.bold && font.bold.length) {
    doc.addFileToVFS('DejaVuSans-Bold.ttf', toBase64(slimTtf(font.bold)));
    doc.addFont('DejaVuSans-Bold.ttf', FONT, 'bold');
    hasBold = true;
  }
  let hasMono = false;
  if (font.mono && font.mono.length) {
    doc.addFileToVFS('DejaVuSansMono-Bold.ttf', toBase64(slimTtf(font.mono)));
    doc.addFont('DejaVuSansMono-Bold.ttf', MONO, 'bold');
    hasMono = true;
  }
  doc.setFont(FONT, 'normal');
  return { hasBold, hasMono };
}
