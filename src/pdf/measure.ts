/** Text measurement with jsPDF's own font metrics, for the pure layout (src/pdf/layout.ts). */
import type { jsPDF } from 'jspdf';
import { FONT, MONO, type FontBytes } from './fonts';
import { wrapWords, type Measurer } from './layout';
import { makeDoc } from './document';

/**
 * jsPDF-backed measurer with memoisation (instructions repeat on every card). The caches are keyed
 * by the text itself, then by a short key: a key made by concatenating face, size and text was a new
 * string to flatten and hash at every lookup, a third of a 1,000-card layout. The instructions come
 * from a memo (`say`), so every card hands over the same string, whose hash V8 keeps.
 *
 * The monospaced face prints activation codes: their widths and lines are never kept, because this
 * measurer outlives a render where the preview keeps it (fit.ts measuringDoc).
 */
export class PdfMeasurer implements Measurer {
  private cache = new Map<string, Map<string, { lines: string[]; broken: boolean }>>();
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
      this.use(size, bold, mono);
      u = this.doc.getStringUnitWidth(text);
      if (units) {
        if (units.size > 20000) units.clear();
        units.set(text, u);
      }
    }
    return (u * size) / this.doc.internal.scaleFactor;
  }
  split(text: string, size: number, bold: boolean, maxW: number, mono = false): string[] {
    return this.wrap(text, size, bold, maxW, mono).lines;
  }
  /** Lines broken at spaces and hyphens (never at a no-break space), see wrapWords. */
  wrap(text: string, size: number, bold: boolean, maxW: number, mono = false): { lines: string[]; broken: boolean } {
    if (mono) return wrapWords(text, maxW, (t) => this.width(t, size, bold, mono));
    const key = `${bold ? 1 : 0}|${size.toFixed(2)}|${maxW.toFixed(2)}`;
    let byText = this.cache.get(text);
    const hit = byText?.get(key);
    if (hit) return hit;
    const out = wrapWords(text, maxW, (t) => this.width(t, size, bold, mono));
    if (this.cached > 5000) {
      this.cache.clear();
      this.cached = 0;
      byText = undefined;
    }
    if (!byText) this.cache.set(text, (byText = new Map()));
    byText.set(key, out);
    this.cached++;
    return out;
  }
}

export function measurerFor(font: FontBytes): Measurer {
  const { doc, hasBold, hasMono } = makeDoc('portrait', font, undefined, true);
  return new PdfMeasurer(doc, hasBold, hasMono);
}
