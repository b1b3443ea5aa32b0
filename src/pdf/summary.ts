/**
 * The school-council summary as a one-page PDF: the follow-up's per-class counts and % (see
 * src/model/follow-up-summary.ts), no name, no code. Same engine as the sheets: jsPDF, the embedded
 * DejaVu Sans, jspdf-autotable; kept apart from sheets.ts, which draws the sheets.
 */
import { jsPDF } from 'jspdf';
import { autoTable } from 'jspdf-autotable';
import { SUMMARY } from '../i18n/follow-up';
import { fmt } from '../i18n/sheets';
import type { SummaryTable } from '../model/follow-up-summary';
import { FONT, registerFonts, type FontBytes } from './fonts';
import type { RenderResult } from './render';
import { formatDate, type Lang } from './wording';
import { fittingSize, wrapCell } from './table-fit';

export interface SummaryOptions {
  lang: Lang;
  font: FontBytes;
  schoolName?: string;
  date?: Date;
}

const MM_PER_PT = 25.4 / 72;
/** Space the table may use on A4 portrait, below the title and above the note (mm). */
const TABLE_SPACE = 297 - 46 - 30;
/** jsPDF's line height factor. */
const LINE = 1.15;
/** Column widths (mm, 186 in all) and alignment: the name left, counts right, ratios centred. */
const WIDTHS = [26, 21, 18, 14, 22, 22, 22, 21, 20];
const ALIGN = ['left', 'right', 'right', 'right', 'center', 'center', 'right', 'right', 'right'] as const;

/**
 * The largest font size (5 to 10 pt) and cell padding at which every line fits on the one page: the
 * padding shrinks first when a big school has many classes. The head wraps on up to three lines.
 */
export function summaryStyle(lines: number): { fontSize: number; padding: number } {
  const rowMm = TABLE_SPACE / (Math.max(lines, 1) + 2);
  let pt = 0;
  for (const padding of [1.2, 0.8, 0.5]) {
    pt = (rowMm - 2 * padding) / (MM_PER_PT * LINE);
    if (pt >= 7) return { fontSize: Math.min(10, Math.floor(pt * 2) / 2), padding };
  }
  return { fontSize: Math.max(5, Math.floor(pt * 2) / 2), padding: 0.5 };
}

export async function renderSummary(table: SummaryTable, opts: SummaryOptions): Promise<RenderResult> {
  const d = SUMMARY[opts.lang];
  const doc = new jsPDF({ unit: 'mm', format: 'a4', orientation: 'portrait', compress: true, floatPrecision: 2 });
  const { hasBold } = registerFonts(doc, opts.font);
  const bold = hasBold ? 'bold' : 'normal';
  const date = opts.date ?? new Date();

  doc.setFont(FONT, bold).setFontSize(15).setTextColor(0, 72, 140);
  const title = doc.splitTextToSize(d.title, 186) as string[];
  doc.text(title, 12, 18);
  let y = 18 + title.length * 6.5;
  doc.setFont(FONT, 'normal').setFontSize(10).setTextColor(85, 85, 85);
  const sub = [opts.schoolName?.trim(), fmt(d.asOf, { date: formatDate(date, opts.lang) })].filter(Boolean).join(' — ');
  doc.text(doc.splitTextToSize(sub, 186) as string[], 12, y);
  y += 8;

  // Header + body + total: the font shrinks with the number of classes so the table stays on one page.
  const { fontSize, padding } = summaryStyle(table.body.length + 2);
  // whole words: each header at a size where its longest word fits its column, wrapped at spaces;
  // a class name wrapped at spaces and hyphens
  // one width per column of this table, 186 mm in all (a table of fewer columns than WIDTHS would
  // otherwise get an empty extra column that autotable squeezes the others for)
  const n = Math.max(1, table.head.length);
  const used = WIDTHS.slice(0, n);
  const k = 186 / used.reduce((a, b) => a + b, 0);
  const widths = used.map((w) => w * k);
  const inner = (i: number) => widths[i]! - 2 * padding - 0.4;
  const headCell = (h: string, i: number) => {
    const size = fittingSize(doc, h, fontSize, Math.min(fontSize, 5), inner(i), true, hasBold);
    return { content: wrapCell(doc, h, size, inner(i), true, hasBold), styles: { fontSize: size } };
  };
  const firstCell = (row: string[]) => {
    const size = fittingSize(doc, row[0] ?? '', fontSize, Math.min(fontSize, 5), inner(0), false, hasBold);
    return [{ content: wrapCell(doc, row[0] ?? '', size, inner(0), false, hasBold), styles: { fontSize: size } }, ...row.slice(1)];
  };
  autoTable(doc, {
    startY: Math.max(y, 40),
    margin: { left: 12, right: 12, top: 14, bottom: 12 },
    head: [table.head.map(headCell)],
    body: table.body.map(firstCell),
    foot: [table.total],
    theme: 'grid',
    showFoot: 'lastPage',
    styles: { font: FONT, fontStyle: 'normal', fontSize, cellPadding: padding, textColor: 20, lineColor: 150, lineWidth: 0.2, valign: 'middle', overflow: 'linebreak' },
    headStyles: { font: FONT, fontStyle: bold, fillColor: [230, 233, 240], textColor: 20, halign: 'center' },
    footStyles: { font: FONT, fontStyle: bold, fillColor: [240, 242, 246], textColor: 20 },
    columnStyles: Object.fromEntries(widths.map((cellWidth, i) => [i, { cellWidth, halign: ALIGN[i] ?? 'right' }])),
    // The total line aligns like the body (footStyles would apply to every column alike).
    didParseCell: (data) => {
      if (data.section !== 'body') data.cell.styles.halign = data.section === 'head' ? 'center' : (ALIGN[data.column.index] ?? 'right');
    },
  });
  const end = (doc as unknown as { lastAutoTable?: { finalY: number } }).lastAutoTable?.finalY ?? y;
  doc.setFont(FONT, 'normal').setFontSize(8).setTextColor(85, 85, 85);
  const note = doc.splitTextToSize(d.note, 186) as string[];
  doc.text(note, 12, Math.min(end + 8, 297 - 6 - note.length * 3.5));
  await Promise.resolve();
  return { bytes: new Uint8Array(doc.output('arraybuffer')), pages: doc.getNumberOfPages() };
}
