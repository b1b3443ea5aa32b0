/** Drawing primitives: fonts and tones, text (shared blocks as form objects), a laid-out card, cut marks, plates. */
import type { jsPDF } from 'jspdf';
import { FONT, MONO } from './fonts';
import { BASELINE_EM, PT, type CardLayout, type PlacedText, type Rect, type Tone } from './layout';
import { GRID, type SheetModel } from './cards';
import { drawQr } from './qr';
import type { Ctx } from './context';

export const TONES: Record<Tone, [number, number, number]> = {
  text: [20, 20, 20],
  muted: [85, 85, 85],
  accent: [0, 72, 140],
  code: [150, 0, 0],
};

export function setFont(ctx: Ctx, size: number, bold: boolean, tone: Tone = 'text', mono = false) {
  if (mono && ctx.hasMono) ctx.doc.setFont(MONO, 'bold');
  else ctx.doc.setFont(FONT, bold && ctx.hasBold ? 'bold' : 'normal');
  ctx.doc.setFontSize(size);
  const [r, g, b] = TONES[tone];
  ctx.doc.setTextColor(r, g, b);
}

/** Blocks whose text is the same on every card of a run (instructions, address, QR captions…). */
const SHARED = /^(address|intro|steps|steps\.title|step\d|keep|noMail|custom|school|for|title|qr\.caption|qr\.host|secret|academie|app|help)$/;
/** Room around a form object's box, so descenders and rounding are never clipped by its BBox. */
const FORM_PAD = 4;

type MatrixCtor = new (a: number, b: number, c: number, d: number, e: number, f: number) => unknown;
const translate = (doc: jsPDF, x: number, y: number) => new (doc as unknown as { Matrix: MatrixCtor }).Matrix(1, 0, 0, 1, x, y);

/** `inForm`: drawn into a form object, where only jsPDF's own text() may write (see TextWriter). */
function writeText(ctx: Ctx, t: PlacedText, dx: number, dy: number, inForm = false) {
  const doc = ctx.doc;
  const text = (s: string | string[], x: number, y: number, tone: Tone, lineHeightFactor?: number) =>
    inForm ? doc.text(s, x, y, lineHeightFactor === undefined ? undefined : { lineHeightFactor }) : ctx.text.lines(s, x, y, tone, lineHeightFactor);
  let base = t.y - dy + BASELINE_EM * t.size * PT;
  let x = t.textX - dx;
  if (t.lead) {
    // the label (« Identifiant : ») in the normal face, the value after it or on the next line
    const ls = t.lead.size ?? t.size;
    const leadTone = t.tone === 'code' ? 'text' : t.tone;
    setFont(ctx, ls, t.lead.bold ?? t.bold, leadTone);
    // an inline label larger than its value: both on the label's baseline
    if (t.lead.inline && ls > t.size) base = t.y - dy + BASELINE_EM * ls * PT;
    text(t.lead.text, x, t.lead.inline ? base : t.y - dy + BASELINE_EM * ls * PT, leadTone);
    if (t.lead.inline) x += t.lead.w;
    else base = t.y - dy + (t.lead.lineH ?? t.lineH) + BASELINE_EM * t.size * PT;
  }
  setFont(ctx, t.size, t.bold, t.tone, t.mono);
  if (t.label) text(t.label, t.x - dx, base, t.tone);
  if (t.align === 'center') doc.text(t.lines, t.x - dx + t.w / 2, base, { align: 'center', lineHeightFactor: t.lineH / (t.size * PT) });
  else if (t.lead?.inline && t.lines.length) text(t.lines[0]!, x, base, t.tone);
  else text(t.lines, x, base, t.tone, t.lineH / (t.size * PT));
}

const linesKeys = new WeakMap<string[], string>();
function linesKey(lines: string[]): string {
  let k = linesKeys.get(lines);
  if (k === undefined) linesKeys.set(lines, (k = JSON.stringify(lines)));
  return k;
}

/**
 * A block shared by every card is drawn once into a PDF form object and then only placed on each
 * card: most of a card's text is the same instructions, and jsPDF's per-glyph text encoding is the
 * bulk of the render time. Per-account blocks (name, profile, login, code) are written directly.
 */
function drawText(ctx: Ctx, t: PlacedText) {
  if (!SHARED.test(t.id)) return writeText(ctx, t, 0, 0);
  const doc = ctx.doc;
  const k = doc.internal.scaleFactor;
  const w = t.w + 2 * FORM_PAD;
  const h = t.h + 2 * FORM_PAD;
  // by the lines first (a block's lines are the same array from the measurer's cache on every card,
  // so their key is made once), then by the rest of the block's look, its label line included
  let byLines = ctx.forms.get(linesKey(t.lines));
  if (!byLines) ctx.forms.set(linesKey(t.lines), (byLines = new Map()));
  const lead = t.lead ? `${t.lead.text}\u0000${t.lead.w}\u0000${t.lead.inline}\u0000${t.lead.size}\u0000${t.lead.lineH}\u0000${t.lead.bold}` : '';
  const key = `${t.id}\u0000${t.size}\u0000${t.lineH}\u0000${t.bold}\u0000${t.tone}\u0000${t.align}\u0000${t.w}\u0000${t.h}\u0000${t.label ?? ''}\u0000${t.textX - t.x}\u0000${lead}`;
  let name = byLines.get(key);
  if (!name) {
    name = `t${ctx.formCount++}`;
    doc.beginFormObject(0, 0, w * k, h * k, translate(doc, 0, 0));
    // Form space: top-left of the padded box is (0, 0), in mm, like the page.
    writeText(ctx, t, t.x - FORM_PAD, t.y - FORM_PAD, true);
    doc.endFormObject(name);
    byLines.set(key, name);
  }
  // The same block sits at the same spot on every page (8 slots): jsPDF's placement (a Matrix, its
  // number formatting) cost more than the text it places; its operators are kept and written again.
  const spot = `${name} ${t.x} ${t.y} ${h}`;
  const again = ctx.placed.get(spot);
  const internal = doc.internal as unknown as { write(s: string): void; pages: string[][]; getCurrentPageInfo(): { pageNumber: number } };
  if (again) {
    for (const op of again) internal.write(op);
    return;
  }
  const content = internal.pages[internal.getCurrentPageInfo().pageNumber]!;
  const from = content.length;
  const pageH = doc.internal.pageSize.getHeight();
  doc.doFormObject(name, translate(doc, (t.x - FORM_PAD) * k, (pageH - (t.y - FORM_PAD)) * k - h * k));
  ctx.placed.set(spot, content.slice(from));
}

/** Draws a laid-out card. */
export function drawLayout(ctx: Ctx, l: CardLayout, frame: boolean) {
  const doc = ctx.doc;
  if (frame) {
    // light panel behind the credentials
    const ids = new Set(['address', 'login', 'code']);
    const cred = l.texts.filter((t) => ids.has(t.id));
    if (cred.length) {
      const x = l.content.x - 3;
      const y = Math.min(...cred.map((t) => t.y)) - 2.5;
      const right = Math.max(...cred.map((t) => t.x + t.w)) + 1;
      const bottom = Math.max(...cred.map((t) => t.y + t.h)) + 2.5;
      doc.setFillColor(242, 245, 250);
      doc.roundedRect(x, y, right - x, bottom - y, 2, 2, 'F');
    }
  }
  if (l.logo && ctx.logo) doc.addImage(ctx.logo.data, ctx.logo.format, l.logo.x, l.logo.y, l.logo.w, l.logo.h, 'logo', 'FAST');
  for (const t of l.texts) drawText(ctx, t);
  if (l.qr) drawQr(doc, l.qr.text, l.qr.x, l.qr.y, l.qr.size);
}

export function cutMarks(doc: jsPDF, model: SheetModel, used: number) {
  doc.setDrawColor(150, 150, 150);
  doc.setLineWidth(0.2);
  doc.setLineDashPattern([1.5, 1.5], 0);
  if (model === 'simplePdf') {
    const rows = Math.ceil(used / GRID.cols);
    const { x0, y0, cardW, cardH, cols } = GRID;
    for (let r = 0; r <= rows; r++) doc.line(x0, y0 + r * cardH, x0 + cols * cardW, y0 + r * cardH);
    for (let c = 0; c <= cols; c++) doc.line(x0 + c * cardW, y0, x0 + c * cardW, y0 + rows * cardH);
  } else if (model === 'newPdf') {
    doc.line(297 / 2, 6, 297 / 2, 210 - 6);
  }
  doc.setLineDashPattern([], 0);
}

/** A tinted card with a solid border: a family's label or a class cover, told apart from the sheets. */
export function drawPlate(ctx: Ctx, box: Rect) {
  const inset = 1.2;
  ctx.doc.setFillColor(232, 239, 248);
  ctx.doc.setDrawColor(0, 72, 140);
  ctx.doc.setLineWidth(0.6);
  ctx.doc.roundedRect(box.x + inset, box.y + inset, box.w - 2 * inset, box.h - 2 * inset, 2.5, 2.5, 'FD');
}
