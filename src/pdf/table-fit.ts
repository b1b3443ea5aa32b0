/**
 * Whole words in jspdf-autotable cells (sign-off roster, council summary). autotable breaks a word
 * that is wider than its cell anywhere (« Enseignan / t », « Compte / s »); here a cell's text is
 * wrapped beforehand at spaces and hyphens only, and a cell whose longest word (or whole login)
 * does not fit its column is set in a smaller size instead, down to a floor.
 */
import type { jsPDF } from 'jspdf';
import { FONT } from './fonts';
import { wrapWords } from './layout';

/** autotable's default cell padding in mm (5 pt / scale factor), on each side. */
export const cellPadding = (doc: jsPDF): number => 5 / doc.internal.scaleFactor;

/** Width of `text` in mm in DejaVu (bold or not) at `size` pt. */
export function textWidth(doc: jsPDF, text: string, size: number, bold: boolean, hasBold: boolean): number {
  const font = doc.getFont();
  const prev = doc.getFontSize();
  doc.setFont(FONT, bold && hasBold ? 'bold' : 'normal');
  const w = (doc.getStringUnitWidth(text) * size) / doc.internal.scaleFactor;
  doc.setFont(font.fontName, font.fontStyle);
  doc.setFontSize(prev);
  return w;
}

/**
 * The size (≤ `size`, ≥ `floor`, 0.25 pt steps) at which every unit of `text` fits `innerW`: its
 * words (`whole` false) or the whole text (`whole` true: a login, never broken).
 */
export function fittingSize(doc: jsPDF, text: string, size: number, floor: number, innerW: number, bold: boolean, hasBold: boolean, whole = false): number {
  const units = whole ? [text] : text.split(/\s+/).flatMap((w) => (/[./@]/.test(w) ? [w] : w.split(/(?<=-)/)));
  const widest = Math.max(0, ...units.map((u) => textWidth(doc, u, 1, bold, hasBold)));
  if (widest * size <= innerW) return size;
  return Math.max(floor, Math.floor((innerW / widest) * 4) / 4);
}

/** The text wrapped at spaces and hyphens into lines no wider than `innerW` (joined with \n for autotable). */
export function wrapCell(doc: jsPDF, text: string, size: number, innerW: number, bold: boolean, hasBold: boolean): string {
  return wrapWords(text, innerW, (t) => textWidth(doc, t, size, bold, hasBold)).lines.join('\n');
}
