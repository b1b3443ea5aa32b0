/** Text measurement with jsPDF's own font metrics, for the pure layout (src/pdf/layout.ts). */
import type { jsPDF } from 'jspdf';
import { FONT, MONO, type FontBytes } from './fonts';
import { wrapWords, type Measurer } from './layout';
import { makeDoc } from './document';

type FontEntry = { metadata?: { widthOfString?(text: string, size: number, charSpace: number): number } };
/** What jsPDF's Arabic shaper would change: Arabic letters (its own test), and the literal « \s+ » it splits on. */
const SHAPED = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]|\\s\+/;

/**
 * jsPDF-backed measurer with memoisation (instructions repeat on every card). The caches are keyed
 * by the text itself, then by its size and width: a key made by concatenating face, size and text was a new
 * string to flatten and hash at every lookup, a third of a 1,000-card layout. The instructions come
 * from a memo (`say`), so every card hands over the same string, whose hash V8 keeps.
 *
 * The monospaced face prints activation codes: their widths and lines are never kept, because this
 * measurer outlives a render where the preview keeps it (fit.ts measuringDoc).
 */
export class PdfMeasurer implements Measurer {
  /** Lines per weight (regular, bold), text, size and width. */
  private cache = [0, 1].map(() => new Map<string, Map<number, Map<number, { lines: string[]; broken: boolean }>>>());
  private cached = 0;
  constructor(
    private doc: jsPDF,
    private hasBold: boolean,
    private hasMono = false,
  ) {}
  private use(size: number, bold: boolean, mono = false) {
    if (mono && this.hasMono) this.doc.setFont(MONO, 'bold');
    else this.doc.setFont(FONT, bold && this.hasBold ? 'bold' : 'normal');
    this.doc.setFontSize(size);
  }
  /** Widths in em per face (regular, bold) and text: a card's texts are measured at many sizes while it is fitted. */
  private units = [new Map<string, number>(), new Map<string, number>()];
  width(text: string, size: number, bold: boolean, mono = false): number {
    const units = mono ? undefined : this.units[bold && this.hasBold ? 1 : 0]!;
    let u = units?.get(text);
    if (u === undefined) {
      u = this.unitWidth(text, size, bold, mono);
      if (units) {
        if (units.size > 20000) units.clear();
        units.set(text, u);
      }
    }
    return (u * size) / this.doc.internal.scaleFactor;
  }
  /** Per face (regular, bold, mono): jsPDF's font, whose metrics measure the text. */
  private faces: (FontEntry | undefined)[] = [];
  /**
   * `getStringUnitWidth`, the same number: jsPDF runs every text through its Arabic shaper first
   * (a pass over each character, its ligature table, a new string), about a third of the measuring;
   * text without an Arabic letter comes out of it unchanged (its table holds only Arabic letters;
   * a literal « \s+ » would be its one change), so it goes straight to the face's widths.
   */
  private unitWidth(text: string, size: number, bold: boolean, mono: boolean): number {
    const f = mono && this.hasMono ? 2 : bold && this.hasBold ? 1 : 0;
    let face = this.faces[f];
    this.use(size, bold, mono);
    if (!face) this.faces[f] = face = (this.doc.internal as unknown as { getFont(): FontEntry }).getFont();
    const metrics = face.metadata;
    if (typeof metrics?.widthOfString !== 'function' || SHAPED.test(text)) return this.doc.getStringUnitWidth(text);
    return metrics.widthOfString(text, size, (this.doc.internal as unknown as { getCharSpace(): number }).getCharSpace()) / size;
  }
  split(text: string, size: number, bold: boolean, maxW: number, mono = false): string[] {
    return this.wrap(text, size, bold, maxW, mono).lines;
  }
  /** Lines broken at spaces and hyphens (never at a no-break space), see wrapWords. */
  wrap(text: string, size: number, bold: boolean, maxW: number, mono = false): { lines: string[]; broken: boolean } {
    if (mono) return wrapWords(text, maxW, (t) => this.width(t, size, bold, mono));
    const byText = this.cache[bold ? 1 : 0]!;
    let bySize = byText.get(text);
    let byWidth = bySize?.get(size);
    const hit = byWidth?.get(maxW);
    if (hit) return hit;
    const out = wrapWords(text, maxW, (t) => this.width(t, size, bold, mono));
    if (this.cached > 5000) {
      for (const m of this.cache) m.clear();
      this.cached = 0;
      bySize = byWidth = undefined;
    }
    if (!bySize) byText.set(text, (bySize = new Map()));
    if (!byWidth) bySize.set(size, (byWidth = new Map()));
    byWidth.set(maxW, out);
    this.cached++;
    return out;
  }
}

export function measurerFor(font: FontBytes): Measurer {
  const { doc, hasBold, hasMono } = makeDoc('portrait', font, undefined, true);
  return new PdfMeasurer(doc, hasBold, hasMono);
}
