/**
 * jsPDF's `text()` for the per-account lines of the cards (name, profile, identifiant, code),
 * written directly: the same operators, byte for byte, without jsPDF's per-call work (option
 * handling, the bidi pass over every character, a linear search of the widths table for every
 * glyph, every glyph pushed again into the subset's list).
 *
 * jsPDF still writes the first line of each font, size, spacing and colour; what it wrote is kept
 * as the head of the next ones, after checking that its position and glyph codes are exactly what
 * this writer would have produced. Anything else goes to jsPDF: text that the bidi pass could
 * reorder (right-to-left scripts, direction marks), a character missing from the face (jsPDF
 * drops it or cuts the line there), a face that is not embedded (Identity-H).
 */
import type { jsPDF } from 'jspdf';

type Metadata = {
  cmap?: { unicode?: { codeMap?: Record<number, number> } };
  characterToGlyph(code: number): number;
  glyIdsUsed: number[];
  toUnicode: Record<number, number>;
  Unicode: { widths: (number | number[])[] };
  widthOfGlyph(glyph: number): number;
};
type FontEntry = { id: string; encoding: string; metadata: Metadata };
type Internal = {
  getFont(): FontEntry;
  write(s: string): void;
  pages: string[][];
  getCurrentPageInfo(): { pageNumber: number };
  getHorizontalCoordinate(v: number): number;
  getVerticalCoordinate(v: number): number;
};

/**
 * Scripts written left to right, where jsPDF's bidi pass leaves the text as it is: Latin, Greek,
 * Cyrillic (with their accents), general punctuation without the direction marks and embeddings
 * (U+200E–200F, U+202A–202E), currency signs.
 */
const LTR_ONLY = /^[\u0020-\u007E\u00A0-\u058F\u1E00-\u1FFF\u2000-\u200D\u2010-\u2029\u202F-\u205F\u20A0-\u20CF]+$/;

const HEX4 = (g: number) => g.toString(16).padStart(4, '0');

export class TextWriter {
  /** Per face of this document: character code → glyph (0: not in the face, jsPDF's own path). */
  private glyphs = new Map<FontEntry, Map<number, number>>();
  /** Glyph → its four hex digits, made once per glyph (two short-lived strings per glyph otherwise). */
  private hex: string[] = [];
  /** jsPDF's opening operators (BT, font, leading, colour) per state; null: the check failed, always jsPDF. */
  private heads = new Map<string, string | null>();
  private internal: Internal;
  private hpf: (v: number) => string;

  constructor(private doc: jsPDF) {
    this.internal = doc.internal as unknown as Internal;
    this.hpf = (doc as unknown as { hpf(v: number): string }).hpf;
  }

  /**
   * `doc.text(lines, x, y, { lineHeightFactor })` for left-aligned lines in the current font, size
   * and text colour; `tone` names that colour (jsPDF keeps it as a string we cannot read).
   * Not for a form object being drawn (it reads back the page's own content).
   */
  lines(lines: string | string[], x: number, y: number, tone: string, lineHeightFactor?: number): void {
    const doc = this.doc;
    const list = typeof lines === 'string' ? [lines] : lines;
    const font = this.internal.getFont();
    const lhf = lineHeightFactor ?? doc.getLineHeightFactor();
    const key = `${font.id} ${doc.getFontSize()} ${lhf} ${tone}`;
    const head = this.heads.get(key);
    const jspdf = () => doc.text(lines, x, y, lineHeightFactor === undefined ? undefined : { lineHeightFactor });
    if (head === null || !list.length || font.encoding !== 'Identity-H') return void jspdf();
    const codes: string[] = [];
    for (const l of list) {
      const hex = LTR_ONLY.test(l) ? this.encode(font, l) : null;
      if (hex === null) return void jspdf();
      codes.push(hex);
    }
    const body = `${this.hpf(this.internal.getHorizontalCoordinate(x))} ${this.hpf(this.internal.getVerticalCoordinate(y))} Td\n<${codes.join('> Tj\nT* <')}> Tj\nET`;
    if (head !== undefined) return void this.internal.write(head + body);
    // the first line in this state: jsPDF writes it, and its head is kept if the rest is ours to the byte
    const content = this.internal.pages[this.internal.getCurrentPageInfo().pageNumber];
    jspdf();
    const written = content?.[content.length - 1] ?? '';
    const cut = written.length - body.length;
    const ok = written.startsWith('BT\n/') && cut > 0 && written.slice(cut) === body && written[cut - 1] === '\n';
    this.heads.set(key, ok ? written.slice(0, cut) : null);
  }

  /** The line's glyph codes as jsPDF's pdfEscape16 writes them, with the same bookkeeping; null if a character is not in the face. */
  private encode(font: FontEntry, text: string): string | null {
    const meta = font.metadata;
    let map = this.glyphs.get(font);
    if (!map) this.glyphs.set(font, (map = new Map()));
    let hex = '';
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let g = map.get(c);
      if (g === undefined) {
        g = meta.cmap?.unicode?.codeMap?.[c] ? meta.characterToGlyph(c) || 0 : 0;
        map.set(c, g);
        if (g) {
          // what pdfEscape16 records for a glyph: in the subset, and its width once, in the order met
          meta.glyIdsUsed.push(g);
          const widths = meta.Unicode.widths;
          if (widths.indexOf(g) === -1) widths.push(g, [parseInt(String(meta.widthOfGlyph(g)), 10)]);
        }
      }
      if (!g) return null;
      // the ToUnicode map keeps the last character met for a glyph (a space and a no-break space share one)
      meta.toUnicode[g] = c;
      hex += this.hex[g] ?? (this.hex[g] = HEX4(g));
    }
    return hex;
  }
}
