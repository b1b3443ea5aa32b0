import { jsPDF } from 'jspdf';
import { encodeDirectory, slimTtf } from './ttf';

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

/**
 * jsPDF parses a font anew for every document (its tables into objects: 6,000 glyphs' metrics, the
 * cmap…), about 7 % of a 1,000-card render for three faces. The parse is kept per font (its bytes)
 * and each document gets its own view of it: the parsed tables shared, read only; what a document
 * writes (glyphs used, widths, ToUnicode, subset) its own, so two documents never mix their glyphs.
 */
type ParsedFont = { subset: { constructor: new (font: unknown) => unknown } };
type TtfFontClass = { open(file: Uint8Array): ParsedFont; ppCached?: boolean };
const ttfFont = (jsPDF.API as unknown as { TTFFont?: TtfFontClass }).TTFFont;
/** The font registerFonts is adding now: jsPDF's addFont handler opens it right away, synchronously. */
let adding: Uint8Array | null = null;
const parsed = new WeakMap<Uint8Array, ParsedFont>();
/** jsPDF's font directory (one per parsed font): its `encode` writes the subset into the PDF. */
type Directory = { scalarType: number; encode(tables: Record<string, ArrayLike<number>>): ArrayLike<number> };
type DirectoryProto = Directory & { ppFast?: boolean; ppJspdfEncode?: Directory['encode'] };
/** The subset written with encodeDirectory (src/pdf/ttf.ts), the same bytes; jsPDF's own kept as `ppJspdfEncode` (tests). */
function fastDirectory(font: ParsedFont) {
  const dir = (font as { directory?: Directory }).directory;
  const proto = dir && (Object.getPrototypeOf(dir) as DirectoryProto);
  if (!proto || proto.ppFast || typeof proto.encode !== 'function') return;
  proto.ppFast = true;
  proto.ppJspdfEncode = proto.encode;
  proto.encode = function (this: Directory, tables) {
    return encodeDirectory(this.scalarType, tables);
  };
}
if (ttfFont && !ttfFont.ppCached) {
  ttfFont.ppCached = true;
  const jspdfOpen = ttfFont.open.bind(ttfFont);
  const open = (file: Uint8Array): ParsedFont => {
    const font = jspdfOpen(file);
    fastDirectory(font);
    return font;
  };
  ttfFont.open = (file: Uint8Array): ParsedFont => {
    const key = adding;
    adding = null;
    if (!key) return open(file);
    let base = parsed.get(key);
    if (!base) parsed.set(key, (base = open(file)));
    // a shallow copy, not Object.create: jsPDF asks `metadata.hasOwnProperty('cmap')` before each character
    const own = Object.assign(Object.create(Object.getPrototypeOf(base) as object) as object, base) as ParsedFont & Record<string, unknown>;
    own.toUnicode = {};
    delete own.Unicode;
    delete own.glyIdsUsed;
    own.subset = new base.subset.constructor(own) as ParsedFont['subset'];
    return own;
  };
}

function addFace(doc: jsPDF, bytes: Uint8Array, file: string, name: string, style: string) {
  const slim = slimTtf(bytes);
  // once parsed, jsPDF's handler needs no bytes: a TrueType header alone spares it decoding 700 KB of base64
  doc.addFileToVFS(file, parsed.has(slim) ? '\x00\x01\x00\x00' : toBase64(slim));
  adding = slim;
  try {
    doc.addFont(file, name, style);
  } finally {
    adding = null;
  }
}

/** Registers DejaVu Sans (and Bold, Mono Bold when given) in this document; says which are real. */
export function registerFonts(doc: jsPDF, font: FontBytes): { hasBold: boolean; hasMono: boolean } {
  addFace(doc, font.regular, 'DejaVuSans.ttf', FONT, 'normal');
  let hasBold = false;
  if (font.bold && font.bold.length) {
    addFace(doc, font.bold, 'DejaVuSans-Bold.ttf', FONT, 'bold');
    hasBold = true;
  }
  let hasMono = false;
  if (font.mono && font.mono.length) {
    addFace(doc, font.mono, 'DejaVuSansMono-Bold.ttf', MONO, 'bold');
    hasMono = true;
  }
  doc.setFont(FONT, 'normal');
  return { hasBold, hasMono };
}
