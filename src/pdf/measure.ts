/** Text measurement with jsPDF's own font metrics, for the pure layout (src/pdf/layout.ts). */
import type { jsPDF } from 'jspdf';
import { FONT, MONO, type FontBytes } from './fonts';
import type { Measurer } from './layout';
import { makeDoc } from './document';

/** jsPDF-backed measurer with memoisation (instructions repeat on every card). */
export class PdfMeasurer implements Measurer {
  private cache = new Map<string, string[]>();
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
  width(text: string, size: number, bold: boolean, mono = false): number {
    this.use(size, bold, mono);
    return (this.doc.getStringUnitWidth(text) * size) / this.doc.internal.scaleFactor;
  }
  split(text: string, size: number, bold: boolean, maxW: number, mono = false): string[] {
    const key = `${bold ? 1 : 0}${mono ? 1 : 0}|${size.toFixed(2)}|${maxW.toFixed(2)}|${text}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    this.use(size, bold, mono);
    const out: string[] = [];
    for (const para of text.split('\n')) {
      // jsPDF breaks lines at plain spaces only: no-break spaces keep « » : ; ! ? with their word
      const lines = this.doc.splitTextToSize(para, maxW) as string[];
      // safety: splitTextToSize may leave a line a hair too wide; re-split such lines by characters
      for (const l of lines) {
        if (this.width(l, size, bold, mono) <= maxW) out.push(l);
        else out.push(...this.hardSplit(l, size, bold, maxW, mono));
      }
    }
    if (this.cache.size > 5000) this.cache.clear();
    this.cache.set(key, out);
    return out;
  }
  private hardSplit(line: string, size: number, bold: boolean, maxW: number, mono: boolean): string[] {
    const out: string[] = [];
    let cur = '';
    for (const ch of Array.from(line)) {
      if (cur && this.width(cur + ch, size, bold, mono) > maxW) {
        out.push(cur);
        cur = ch.trim() ? ch : '';
      } else cur += ch;
    }
    if (cur) out.push(cur);
    return out;
  }
}

export function measurerFor(font: FontBytes): Measurer {
  const { doc, hasBold, hasMono } = makeDoc('portrait', font, undefined, true);
  return new PdfMeasurer(doc, hasBold, hasMono);
}
