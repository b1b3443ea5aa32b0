/** Text measurement with jsPDF's own font metrics, for the pure layout (src/pdf/layout.ts). */
import type { jsPDF } from 'jspdf';
import { FONT, MONO, type FontBytes } from './fonts';
import { wrapWords, type Measurer } from './layout';
import { makeDoc } from './document';

/** jsPDF-backed measurer with memoisation (instructions repeat on every card). */
export class PdfMeasurer implements Measurer {
  private cache = new Map<string, { lines: string[]; broken: boolean }>();
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
  /** Widths in em per face and text: a card's texts are measured at many sizes while it is fitted. */
  private units = new Map<string, number>();
  width(text: string, size: number, bold: boolean, mono = false): number {
    const key = `${mono && this.hasMono ? 2 : bold && this.hasBold ? 1 : 0}${text}`;
    let u = this.units.get(key);
    if (u === undefined) {
      this.use(size, bold, mono);
      u = this.doc.getStringUnitWidth(text);
      if (this.units.size > 20000) this.units.clear();
      this.units.set(key, u);
    }
    return (u * size) / this.doc.internal.scaleFactor;
  }
  split(text: string, size: number, bold: boolean, maxW: number, mono = false): string[] {
    return this.wrap(text, size, bold, maxW, mono).lines;
  }
  /** Lines broken at spaces and hyphens (never at a no-break space), see wrapWords. */
  wrap(text: string, size: number, bold: boolean, maxW: number, mono = false): { lines: string[]; broken: boolean } {
    const key = `${bold ? 1 : 0}${mono ? 1 : 0}|${size.toFixed(2)}|${maxW.toFixed(2)}|${text}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const out = wrapWords(text, maxW, (t) => this.width(t, size, bold, mono));
    if (this.cache.size > 5000) this.cache.clear();
    this.cache.set(key, out);
    return out;
  }
}

export function measurerFor(font: FontBytes): Measurer {
  const { doc, hasBold, hasMono } = makeDoc('portrait', font, undefined, true);
  return new PdfMeasurer(doc, hasBold, hasMono);
}
