/**
 * Pure box layout of one sheet / card: blocks of text flowed top-down inside a content box, an
 * optional QR column on the right, an optional header (logo + school name). Everything is measured
 * through a {@link Measurer}, so the same code runs with jsPDF's font metrics (rendering) and can be
 * asserted on in tests. Guarantees: every text line fits its box width, every box is inside the
 * content box (text shrinks step by step down to each block's minimum size, then the least
 * important blocks are cut with an ellipsis).
 */

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Measurer {
  /** Width in mm of `text` at `sizePt` (in the monospaced face when `mono`). */
  width(text: string, sizePt: number, bold: boolean, mono?: boolean): number;
  /** Lines no wider than `maxW` mm (long words are broken; no-break spaces never break). */
  split(text: string, sizePt: number, bold: boolean, maxW: number, mono?: boolean): string[];
}

export type Tone = 'text' | 'muted' | 'accent' | 'code';

export interface BlockSpec {
  id: string;
  text: string;
  /** Preferred and minimum font size, pt (the card's scale never takes a block below `min`). */
  size: number;
  min: number;
  /** 'shrink' blocks only: how far this block alone may shrink to stay on one line (default `min`). */
  floor?: number;
  bold?: boolean;
  /**
   * 'shrink': keep on one line by shrinking this block alone down to `min`, then wrap (a long name
   * or login never shrinks the rest of the card). 'wrap' (default): wrap.
   */
  fit?: 'shrink' | 'wrap';
  /** Drawn in the monospaced face (activation codes: similar characters told apart). */
  mono?: boolean;
  /** A label in the normal face before the text (« Identifiant : »); on its own line when both do not fit. */
  lead?: string;
  /** Space before, mm (scaled with the text). */
  gap?: number;
  /** A step number drawn in the left indent. */
  label?: string;
  indent?: number;
  maxLines?: number;
  tone?: Tone;
  align?: 'left' | 'center';
  /** 0 = essential (name, login, code), 1 = instructions, 2 = optional (custom text). Cut from 2 first. */
  priority?: 0 | 1 | 2;
}

export interface QrSpec {
  text: string;
  /** Side in mm, quiet zone included. */
  size: number;
  /** The QR column starts level with this block (first block if absent). */
  anchor: string;
  captions: BlockSpec[];
}

export interface CardSpec {
  box: Rect;
  padding: number;
  logo?: { w: number; h: number };
  school?: BlockSpec;
  blocks: BlockSpec[];
  qr?: QrSpec;
  /** Gap between the text column and the QR column, mm. */
  qrGap?: number;
}

export interface PlacedText {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
  lines: string[];
  size: number;
  bold: boolean;
  tone: Tone;
  align: 'left' | 'center';
  lineH: number;
  label?: string;
  /** x of the text itself (x + indent). */
  textX: number;
  mono: boolean;
  /** The block's lead (see BlockSpec.lead): inline before the first line, or a line of its own. */
  lead?: { text: string; w: number; inline: boolean };
}

export interface CardLayout {
  box: Rect;
  content: Rect;
  texts: PlacedText[];
  qr?: { x: number; y: number; size: number; text: string };
  logo?: Rect;
  scale: number;
  /** True when some block had to be cut (ellipsis) to fit. */
  truncated: boolean;
}

export const PT = 25.4 / 72;
export const LINE_FACTOR = 1.18;
/** Baseline of the first line below the top of its line box, in em (DejaVu: ascent 0.928). */
export const BASELINE_EM = 0.936;
export const lineHeight = (sizePt: number): number => sizePt * PT * LINE_FACTOR;

/**
 * Tried in order: the largest scale whose layout fits wins, so short content grows to use the card
 * (no empty third) and long content shrinks, each block never below its own minimum.
 */
const SCALES = [1.24, 1.16, 1.08, 1, 0.93, 0.86, 0.8, 0.74, 0.68, 0.62, 0.56, 0.5];
const ELLIPSIS = '…';

interface FitResult {
  lines: string[];
  size: number;
  lead?: PlacedText['lead'];
}

/** Largest size in [min, size] (0.1 pt steps) at which `width(s)` fits `w`, or null. */
function shrinkTo(width: (s: number) => number, size: number, min: number, w: number): number | null {
  const wid = width(size);
  if (wid <= w) return size;
  let s1 = Math.floor(((size * w) / wid) * 10) / 10;
  while (s1 >= min && width(s1) > w) s1 = Math.round((s1 - 0.1) * 10) / 10;
  return s1 >= min ? s1 : null;
}

function fitBlock(b: BlockSpec, scale: number, w: number, m: Measurer, maxLines: number | undefined): FitResult {
  const bold = !!b.bold;
  const mono = !!b.mono;
  let size = Math.max(b.min, b.size * scale);
  let lines: string[];
  let lead: FitResult['lead'];
  if (b.fit === 'shrink') {
    const leadW = (s: number) => (b.lead ? m.width(b.lead, s, bold) : 0);
    const floor = Math.min(b.floor ?? b.min, size);
    // with its label on the same line, the block keeps its minimum; a long value shrinks on its own line
    const inline = shrinkTo((s) => leadW(s) + m.width(b.text, s, bold, mono), size, b.lead ? Math.min(b.min, size) : floor, w);
    if (inline !== null) {
      size = inline;
      lines = [b.text];
      if (b.lead) lead = { text: b.lead, w: leadW(size), inline: true };
    } else {
      // the lead on its own line, then the text alone: shrunk to fit, else wrapped at the minimum
      const alone = b.lead ? shrinkTo((s) => m.width(b.text, s, bold, mono), size, floor, w) : null;
      size = alone ?? floor;
      lines = alone !== null ? [b.text] : m.split(b.text, size, bold, w, mono);
      if (b.lead) lead = { text: b.lead.trimEnd(), w: leadW(size), inline: false };
    }
  } else lines = m.split(b.text, size, bold, w, mono);
  const cap = Math.min(maxLines ?? Infinity, b.maxLines ?? Infinity);
  if (lines.length > cap) {
    lines = lines.slice(0, Math.max(0, cap));
    if (lines.length) lines[lines.length - 1] = ellipsize(lines[lines.length - 1]!, size, bold, w, m, mono);
  }
  return { lines, size, ...(lead ? { lead } : {}) };
}

/** Lines a fitted block occupies (a lead on its own line counts). */
const lineCount = (f: FitResult) => f.lines.length + (f.lead && !f.lead.inline ? 1 : 0);

function ellipsize(line: string, size: number, bold: boolean, w: number, m: Measurer, mono = false): string {
  let s = line.replace(/\s+$/, '');
  while (s.length && m.width(s + ELLIPSIS, size, bold, mono) > w) s = s.slice(0, -1).replace(/\s+$/, '');
  return s + ELLIPSIS;
}

interface Pass {
  texts: PlacedText[];
  qr?: CardLayout['qr'];
  logo?: Rect;
  bottom: number;
}

function pass(spec: CardSpec, content: Rect, scale: number, cuts: Map<string, number>, m: Measurer, withQr: boolean): Pass {
  const texts: PlacedText[] = [];
  let y = content.y;
  let logo: Rect | undefined;

  // header: logo left, school name beside it (vertically centred)
  if (spec.logo || spec.school?.text) {
    let headerH = 0;
    let sx = content.x;
    if (spec.logo) {
      logo = { x: content.x, y, w: spec.logo.w, h: spec.logo.h };
      headerH = spec.logo.h;
      sx += spec.logo.w + 2;
    }
    if (spec.school?.text) {
      const sw = content.x + content.w - sx;
      const f = fitBlock(spec.school, scale, sw, m, 1);
      const lh = lineHeight(f.size);
      const h = lineCount(f) * lh;
      const ty = y + Math.max(0, (headerH - h) / 2);
      texts.push(place(spec.school, sx, ty, sw, f, lh));
      headerH = Math.max(headerH, h);
    }
    y += headerH;
  }

  const qr = withQr ? spec.qr : undefined;
  const qrGap = spec.qrGap ?? 3;
  let qrCol: Rect | undefined;
  let qrPlaced: CardLayout['qr'];
  const blocks = spec.blocks.filter((b) => b.text && cuts.get(b.id) !== 0);
  const anchor = qr && (blocks.some((b) => b.id === qr.anchor) ? qr.anchor : blocks[0]?.id);

  const first = texts.length === 0;
  blocks.forEach((b, i) => {
    const gap = i === 0 && first ? 0 : (b.gap ?? 1) * Math.max(scale, 0.6);
    y += gap;
    if (qr && !qrCol && b.id === anchor) {
      // the QR column: QR then captions, right-aligned
      const colW = qr.size;
      let cy = y;
      qrPlaced = { x: content.x + content.w - colW, y: cy, size: qr.size, text: qr.text };
      cy += qr.size;
      for (const c of qr.captions) {
        if (!c.text) continue;
        cy += (c.gap ?? 0.5) * Math.max(scale, 0.6);
        const f = fitBlock(c, scale, colW, m, c.maxLines);
        const lh = lineHeight(f.size);
        texts.push(place(c, content.x + content.w - colW, cy, colW, f, lh));
        cy += lineCount(f) * lh;
      }
      qrCol = { x: content.x + content.w - colW - qrGap, y, w: colW + qrGap, h: cy - y };
    }
    const narrow = qrCol && y < qrCol.y + qrCol.h;
    const w = narrow ? content.w - qrCol!.w : content.w;
    const indent = b.indent ?? 0;
    const f = fitBlock(b, scale, w - indent, m, cuts.get(b.id));
    const lh = lineHeight(f.size);
    if (!f.lines.length) return;
    texts.push(place(b, content.x, y, w, f, lh));
    y += lineCount(f) * lh;
  });
  const bottom = Math.max(y, qrCol ? qrCol.y + qrCol.h : y);
  return { texts, qr: qrPlaced, logo, bottom };
}

function place(b: BlockSpec, x: number, y: number, w: number, f: FitResult, lh: number): PlacedText {
  const indent = b.indent ?? 0;
  return {
    id: b.id,
    x,
    y,
    w,
    h: lineCount(f) * lh,
    lines: f.lines,
    size: f.size,
    bold: !!b.bold,
    tone: b.tone ?? 'text',
    align: b.align ?? 'left',
    lineH: lh,
    label: b.label,
    textX: x + indent,
    mono: !!b.mono,
    ...(f.lead ? { lead: f.lead } : {}),
  };
}

export function layoutCard(spec: CardSpec, m: Measurer): CardLayout {
  const p = spec.padding;
  const content = { x: spec.box.x + p, y: spec.box.y + p, w: spec.box.w - 2 * p, h: spec.box.h - 2 * p };
  const limit = content.y + content.h + 1e-6;
  const cuts = new Map<string, number>();
  for (const scale of SCALES) {
    const r = pass(spec, content, scale, cuts, m, true);
    if (r.bottom <= limit) return { box: spec.box, content, ...r, scale, truncated: false };
  }
  // still too tall at the smallest sizes: cut the least important blocks, bottom first
  const scale = SCALES[SCALES.length - 1]!;
  let withQr = true;
  for (let guard = 0; guard < 500; guard++) {
    const r = pass(spec, content, scale, cuts, m, withQr);
    if (r.bottom <= limit) return { box: spec.box, content, ...r, scale, truncated: true };
    const candidates = r.texts.filter((t) => spec.blocks.some((b) => b.id === t.id));
    if (!candidates.length) {
      if (withQr && spec.qr) {
        withQr = false;
        continue;
      }
      break;
    }
    const prio = (id: string) => spec.blocks.find((b) => b.id === id)?.priority ?? 0;
    let victim = candidates[0]!;
    for (const t of candidates) if (prio(t.id) >= prio(victim.id)) victim = t;
    // an optional block (custom text, app line) goes whole rather than ending in an ellipsis
    cuts.set(victim.id, prio(victim.id) === 2 ? 0 : victim.lines.length - 1);
  }
  const r = pass(spec, content, scale, cuts, m, false);
  return { box: spec.box, content, ...r, scale, truncated: true };
}

/** Every text line fits its width and every box lies inside the content box (used by tests). */
export function layoutProblems(l: CardLayout, m: Measurer): string[] {
  const out: string[] = [];
  const c = l.content;
  const eps = 0.01;
  const inside = (r: Rect, what: string) => {
    if (r.x < c.x - eps || r.y < c.y - eps || r.x + r.w > c.x + c.w + eps || r.y + r.h > c.y + c.h + eps)
      out.push(`${what} outside content box`);
  };
  for (const t of l.texts) {
    inside(t, t.id);
    t.lines.forEach((line, i) => {
      const before = i === 0 && t.lead?.inline ? t.lead.w : 0;
      const wid = before + m.width(line, t.size, t.bold, t.mono);
      if (wid > t.w - (t.textX - t.x) + eps) out.push(`${t.id}: line "${line}" is ${wid.toFixed(1)} mm > ${t.w.toFixed(1)} mm`);
    });
    if (t.lead && !t.lead.inline && t.lead.w > t.w + eps) out.push(`${t.id}: lead is ${t.lead.w.toFixed(1)} mm > ${t.w.toFixed(1)} mm`);
  }
  if (l.qr) inside({ x: l.qr.x, y: l.qr.y, w: l.qr.size, h: l.qr.size }, 'qr');
  if (l.logo) inside(l.logo, 'logo');
  // no two boxes overlap (text vs qr)
  if (l.qr) {
    const q = l.qr;
    for (const t of l.texts) {
      if (t.x === q.x) continue; // captions live in the QR column
      if (t.x < q.x + q.size && t.x + t.w > q.x && t.y < q.y + q.size && t.y + t.h > q.y) out.push(`${t.id} overlaps the QR`);
    }
  }
  return out;
}
