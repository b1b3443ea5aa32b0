/**
 * Pure box layout of one sheet / card: blocks of text flowed top-down inside a content box, an
 * optional QR column on the right, an optional header (logo + school name). Everything is measured
 * through a {@link Measurer}, so the same code runs with jsPDF's font metrics (rendering) and can be
 * asserted on in tests. Guarantees: every text line fits its box width, every box is inside the
 * content box (text shrinks step by step down to each block's minimum size, then the least
 * important blocks are left out whole, and the layout says which: nothing is cut with an ellipsis).
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
  /** Lines broken at spaces and hyphens only (see {@link wrapWords}), and whether a word had to be cut. */
  wrap?(text: string, sizePt: number, bold: boolean, maxW: number, mono?: boolean): { lines: string[]; broken: boolean };
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
   * 'shrink': keep on one line by shrinking this block alone down to `floor`, then wrap at `min`
   * (a long name never shrinks the rest of the card). 'wrap' (default): wrap.
   */
  fit?: 'shrink' | 'wrap';
  /**
   * 'shrink' blocks that must stay whole on one line (the identifiant): when the value does not fit
   * at `min` where it stands (beside the QR), it takes the card's full width below the QR, in the
   * monospaced face, and shrinks down to this size.
   */
  wideFloor?: number;
  /** 'shrink' blocks: a value too long for one line at its floor breaks only after its dots (a host name). */
  breakAt?: 'dots';
  /** Drawn in the monospaced face (activation codes: similar characters told apart). */
  mono?: boolean;
  /** A label in the normal face before the text (« Identifiant : »); on its own line when both do not fit. */
  lead?: string;
  /** wideFloor blocks: on the full-width line, the label stays inline at this size in the regular weight when that keeps one line. */
  leadMin?: number;
  /** Space before, mm (scaled with the text). */
  gap?: number;
  /** A step number drawn in the left indent. */
  label?: string;
  indent?: number;
  tone?: Tone;
  align?: 'left' | 'center';
  /** 0 = essential (name, login, code), 1 = instructions, 2 = optional (custom text). Dropped from 2 first, whole. */
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
  /** Line height in em (LINE_FACTOR unless a denser card asks for less). */
  lineFactor?: number;
  /** A whole sheet (1 or 2 per page): room to spare is spread between the blocks, so the sheet uses its page. */
  spread?: boolean;
  /** Set by the layout: the QR column was moved below a long identifiant. */
  lateQr?: boolean;
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
  lead?: { text: string; w: number; inline: boolean; size?: number; lineH?: number; bold?: boolean };
}

/**
 * What the layout had to do to a card so that everything fits (see checkFit in fit.ts):
 * - 'text-smaller': the card's text is set below its preferred size (never below each block's minimum);
 * - 'name-shrunk' / 'name-wrapped': a long name on one smaller line / on several lines (at spaces and hyphens);
 * - 'login-full-width': a long identifiant on a full-width line (the QR starts below it), in the monospaced face when needed;
 * - 'login-shrunk': the identifiant below its usual size (never below the block's `wideFloor`);
 * - 'host-shrunk' / 'host-broken': the QR's host in smaller type / broken after a dot;
 * - 'school-wrapped': the school's name on two lines;
 * - 'dense-instructions', 'qr-smaller', 'academie-short': variants of the card (set by cards.ts);
 * - 'tight-lines': 8 per page, the last variant: tighter line spacing and gaps, the QR level with the name, no host under it (set by cards.ts).
 */
export type Adaptation =
  | 'text-smaller'
  | 'name-shrunk'
  | 'name-wrapped'
  | 'login-full-width'
  | 'login-shrunk'
  | 'host-shrunk'
  | 'host-broken'
  | 'school-wrapped'
  | 'dense-instructions'
  | 'qr-smaller'
  | 'academie-short'
  | 'tight-lines';

export interface CardLayout {
  box: Rect;
  content: Rect;
  texts: PlacedText[];
  qr?: { x: number; y: number; size: number; text: string };
  /** The QR with its captions (host, « Scannez… »), mm on the page. */
  qrColumn?: Rect;
  logo?: Rect;
  scale: number;
  /** True when some block had to be dropped (or a word broken) to fit: see `dropped`, `broken`. */
  truncated: boolean;
  /** What the layout adapted, in the order met (see {@link Adaptation}). */
  adaptations: Adaptation[];
  /** Blocks left out whole because even the smallest layout could not hold them ('qr' for the QR code). */
  dropped: string[];
  /** Blocks where a word longer than the whole width had to be broken inside. */
  broken: string[];
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

interface FitResult {
  lines: string[];
  size: number;
  lead?: PlacedText['lead'];
  mono?: boolean;
  /** A word wider than the whole box had to be broken inside. */
  broken?: boolean;
}

/** Largest size in [min, size] (0.1 pt steps) at which `width(s)` fits `w`, or null. */
function shrinkTo(width: (s: number) => number, size: number, min: number, w: number): number | null {
  const wid = width(size);
  if (wid <= w) return size;
  let s1 = Math.floor(((size * w) / wid) * 10) / 10;
  while (s1 >= min && width(s1) > w) s1 = Math.round((s1 - 0.1) * 10) / 10;
  return s1 >= min ? s1 : null;
}

/** Pieces of a host name cut after its dots, packed greedily into lines no wider than `w`. */
function splitAtDots(text: string, w: number, width: (t: string) => number): string[] {
  const parts = text.split(/(?<=\.)/);
  const out: string[] = [];
  let cur = '';
  for (const p of parts) {
    if (cur && width(cur + p) > w) {
      out.push(cur);
      cur = p;
    } else cur += p;
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * Words wrapped into lines no wider than `maxW`: breaks at plain spaces and after a hyphen inside a
 * word (« Montmorency-|Laval »), never at a no-break space, never inside an address or a login
 * (a word with a dot, a slash or an @ keeps its hyphens). Only a word wider than the whole line is
 * cut inside, and `broken` says so.
 */
export function wrapWords(text: string, maxW: number, width: (t: string) => number): { lines: string[]; broken: boolean } {
  const lines: string[] = [];
  let broken = false;
  for (const para of text.split('\n')) {
    // pieces: each ends where a line may break (after a space, or after a hyphen of a plain word)
    const pieces: string[] = [];
    for (const word of para.split(/(?<= )/)) {
      if (/[./@:]/.test(word)) pieces.push(word);
      else pieces.push(...word.split(/(?<=\p{L}-)(?=\p{L})/u));
    }
    const trim = (t: string) => t.replace(/ +$/, '');
    const start = lines.length;
    // widths add up piece by piece (jsPDF applies no kerning), so each piece is measured once
    let cur = '';
    let curW = 0;
    for (const piece of pieces) {
      const pw = width(piece);
      const tw = piece.endsWith(' ') ? width(trim(piece)) : pw;
      if (cur && curW + tw > maxW + 1e-9) {
        lines.push(trim(cur));
        cur = '';
        curW = 0;
      }
      if (!cur && tw > maxW + 1e-9) {
        // a single piece wider than the whole line: cut by characters (reported as broken)
        broken = true;
        let part = '';
        for (const ch of Array.from(trim(piece))) {
          if (part && width(part + ch) > maxW) {
            lines.push(part);
            part = ch;
          } else part += ch;
        }
        cur = part + (piece.endsWith(' ') ? ' ' : '');
        curW = width(cur);
        continue;
      }
      cur += piece;
      curW += pw;
    }
    if (trim(cur) || lines.length === start) lines.push(trim(cur));
  }
  return { lines, broken };
}

function fitBlock(b: BlockSpec, scale: number, w: number, m: Measurer, wide = false): FitResult {
  const bold = !!b.bold;
  const mono = !!b.mono || wide;
  let size = Math.max(b.min, b.size * scale);
  if (b.fit !== 'shrink') {
    const r = m.wrap ? m.wrap(b.text, size, bold, w, mono) : { lines: m.split(b.text, size, bold, w, mono), broken: false };
    return { lines: r.lines, size, broken: r.broken, ...(mono ? { mono } : {}) };
  }
  const leadW = (s: number) => (b.lead ? m.width(b.lead, s, bold) : 0);
  const floor = Math.min(wide ? (b.wideFloor ?? b.floor ?? b.min) : (b.floor ?? b.min), size);
  if (wide && b.lead && b.leadMin) {
    // « Identifiant : » at body size, regular weight, then the long login shrunk in the mono face: one line saved
    const lw = m.width(b.lead, b.leadMin, false);
    const s = shrinkTo((x) => m.width(b.text, x, bold, mono), size, floor, w - lw);
    if (s !== null) return { lines: [b.text], size: s, lead: { text: b.lead, w: lw, inline: true, size: b.leadMin, bold: false }, mono };
  }
  // with its label on the same line, the block keeps its minimum; a long value shrinks on its own line
  const inline = shrinkTo((s) => leadW(s) + m.width(b.text, s, bold, mono), size, b.lead ? Math.min(b.min, size) : floor, w);
  if (inline !== null) {
    return { lines: [b.text], size: inline, ...(b.lead ? { lead: { text: b.lead, w: leadW(inline), inline: true } } : {}), ...(mono ? { mono } : {}) };
  }
  // the lead on its own line, then the text alone: shrunk to fit, else wrapped (or broken at dots)
  const alone = b.lead ? shrinkTo((s) => m.width(b.text, s, bold, mono), size, floor, w) : null;
  let lines: string[];
  let broken = false;
  if (alone !== null) {
    size = alone;
    lines = [b.text];
  } else if (b.breakAt === 'dots') {
    size = floor;
    lines = splitAtDots(b.text, w, (t) => m.width(t, size, bold, mono));
    broken = lines.some((l) => m.width(l, size, bold, mono) > w + 1e-6);
  } else {
    // one line is out of reach even at the floor: as few lines as the floor allows, at the largest
    // size that still gives that few (a long name on two lines at 9.5 pt rather than three at 11)
    const wrapAt = (sz: number) => (m.wrap ? m.wrap(b.text, sz, bold, w, mono) : { lines: m.split(b.text, sz, bold, w, mono), broken: false });
    let r = wrapAt(floor);
    size = floor;
    for (let sz = Math.max(b.min, floor); sz > floor + 1e-6; sz = Math.round((sz - 0.5) * 10) / 10) {
      const t = wrapAt(sz);
      if (t.lines.length <= r.lines.length && !t.broken) {
        r = t;
        size = sz;
        break;
      }
    }
    lines = r.lines;
    broken = r.broken;
  }
  // a label on its own line keeps the block's minimum (« Identifiant : » stays body text when a long login shrinks)
  const leadSize = Math.max(size, Math.min(b.min, Math.max(b.min, b.size * scale)));
  return { lines, size, broken, ...(b.lead ? { lead: { text: b.lead.trimEnd(), w: leadW(leadSize), inline: false, size: leadSize } } : {}), ...(mono ? { mono } : {}) };
}

/** Height of a fitted block: its lines, and its lead when on a line of its own (at the lead's size). */
const blockH = (f: FitResult, lineH: (size: number) => number) => {
  const first = f.lead?.inline && f.lead.size && f.lead.size > f.size ? lineH(f.lead.size) - lineH(f.size) : 0;
  return first + f.lines.length * lineH(f.size) + (f.lead && !f.lead.inline ? lineH(f.lead.size ?? f.size) : 0);
};

interface Pass {
  texts: PlacedText[];
  qr?: CardLayout['qr'];
  logo?: Rect;
  bottom: number;
  adaptations: Adaptation[];
  broken: string[];
  qrColumn?: Rect;
}

/** One layout of the card at this scale. `probe`: only its height is wanted (the search for the scale), no text is placed. */
function pass(spec: CardSpec, content: Rect, scale: number, dropped: Set<string>, m: Measurer, withQr: boolean, spread = 1, probe = false): Pass {
  const texts: PlacedText[] = [];
  const adaptations: Adaptation[] = [];
  const broken: string[] = [];
  const note = (a: Adaptation) => adaptations.includes(a) || adaptations.push(a);
  const lineH = (size: number) => size * PT * (spec.lineFactor ?? LINE_FACTOR);
  let y = content.y;
  let logo: Rect | undefined;
  /** Whether the header holds the school's name (the first block then keeps its gap). */
  let header = false;

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
      const f = fitBlock(spec.school, scale, sw, m);
      if (f.lines.length > 1) note('school-wrapped');
      if (f.broken) broken.push(spec.school.id);
      const lh = lineH(f.size);
      const h = blockH(f, lineH);
      const ty = y + Math.max(0, (headerH - h) / 2);
      if (!probe) texts.push(place(spec.school, sx, ty, sw, f, lh, h));
      header = true;
      headerH = Math.max(headerH, h);
    }
    y += headerH;
  }

  const qr = withQr ? spec.qr : undefined;
  const qrGap = spec.qrGap ?? 3;
  let qrCol: Rect | undefined;
  let qrPlaced: CardLayout['qr'];
  const blocks = spec.blocks.filter((b) => b.text && !dropped.has(b.id));
  const anchor = qr && (blocks.some((b) => b.id === qr.anchor) ? qr.anchor : blocks[0]?.id);

  const first = !header;
  blocks.forEach((b, i) => {
    const gap = i === 0 && first ? 0 : (b.gap ?? 1) * Math.max(scale, 0.6) * spread;
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
        const f = fitBlock(c, scale, colW, m);
        if (c.breakAt === 'dots') {
          if (f.lines.length > 1) note('host-broken');
          else if (f.size < c.size - 1e-6) note('host-shrunk');
        }
        if (f.broken) broken.push(c.id);
        const lh = lineH(f.size);
        const h = blockH(f, lineH);
        if (!probe) texts.push(place(c, content.x + content.w - colW, cy, colW, f, lh, h));
        cy += h;
      }
      qrCol = { x: content.x + content.w - colW - qrGap, y, w: colW + qrGap, h: cy - y };
    }
    const narrow = qrCol && y < qrCol.y + qrCol.h;
    let w = narrow ? content.w - qrCol!.w : content.w;
    const indent = b.indent ?? 0;
    let f = fitBlock(b, scale, w - indent, m);
    if (b.wideFloor !== undefined && (f.lines.length > 1 || f.size < b.min - 1e-6)) {
      // an identifiant stays whole on one line: below the QR, the card's full width, monospaced
      if (narrow) y = Math.max(y, qrCol!.y + qrCol!.h + gap);
      w = content.w;
      f = fitBlock(b, scale, w - indent, m, true);
      note('login-full-width');
      if (f.size < b.min - 1e-6) note('login-shrunk');
    }
    if (b.wideFloor !== undefined && spec.lateQr) {
      note('login-full-width');
      if (f.size < b.min - 1e-6) note('login-shrunk');
    }
    if (b.id === 'name') {
      if (f.lines.length > 1) note('name-wrapped');
      else if (f.size < b.min - 1e-6) note('name-shrunk');
    }
    if (f.broken) broken.push(b.id);
    const lh = lineH(f.size);
    if (!f.lines.length) return;
    const h = blockH(f, lineH);
    if (!probe) texts.push(place(b, content.x, y, w, f, lh, h));
    y += h;
  });
  const bottom = Math.max(y, qrCol ? qrCol.y + qrCol.h : y);
  return { texts, qr: qrPlaced, logo, bottom, adaptations, broken, ...(qrPlaced && qrCol ? { qrColumn: { x: qrPlaced.x, y: qrCol.y, w: qrPlaced.size, h: qrCol.h } } : {}) };
}

function place(b: BlockSpec, x: number, y: number, w: number, f: FitResult, lh: number, h: number): PlacedText {
  const indent = b.indent ?? 0;
  return {
    id: b.id,
    x,
    y,
    w,
    h,
    lines: f.lines,
    size: f.size,
    bold: !!b.bold,
    tone: b.tone ?? 'text',
    align: b.align ?? 'left',
    lineH: lh,
    label: b.label,
    textX: x + indent,
    mono: !!b.mono || !!f.mono,
    ...(f.lead ? { lead: f.lead.inline ? f.lead : { ...f.lead, lineH: h - f.lines.length * lh } } : {}),
  };
}

/** The layout of a finished pass, with what was adapted and what could not be helped. */
function done(spec: CardSpec, content: Rect, r: Pass, scale: number, dropped: string[]): CardLayout {
  const adaptations = r.adaptations.slice();
  if (scale < 1 && r.texts.some((t) => t.size < (spec.blocks.find((b) => b.id === t.id)?.size ?? 0) - 1e-6)) adaptations.unshift('text-smaller');
  return {
    box: spec.box, content, texts: r.texts, ...(r.qr ? { qr: r.qr } : {}), ...(r.qrColumn ? { qrColumn: r.qrColumn } : {}), ...(r.logo ? { logo: r.logo } : {}), scale,
    truncated: dropped.length > 0 || r.broken.length > 0, adaptations, dropped, broken: r.broken,
  };
}

/**
 * An identifiant that cannot stand whole on one line beside the QR at its minimum size takes the
 * card's full width: the QR column then starts level with the block after it (the code).
 */
function withLateQr(spec: CardSpec, contentW: number, m: Measurer): CardSpec {
  const qr = spec.qr;
  if (!qr) return spec;
  const blocks = spec.blocks.filter((b) => b.text);
  const i = blocks.findIndex((b) => b.wideFloor !== undefined);
  const at = blocks.findIndex((b) => b.id === qr.anchor);
  if (i < 0 || at < 0 || at > i || i === blocks.length - 1) return spec;
  const b = blocks[i]!;
  const f = fitBlock(b, 0, contentW - qr.size - (spec.qrGap ?? 3) - (b.indent ?? 0), m);
  if (f.lines.length === 1 && f.size >= b.min - 1e-6) return spec;
  // a whole sheet draws a panel behind its credentials: its QR starts below the code, never over the panel
  let next = i + 1;
  if (spec.spread && blocks[next]?.id === 'code' && next < blocks.length - 1) next++;
  return { ...spec, qr: { ...qr, anchor: blocks[next]!.id }, lateQr: true };
}

/**
 * Lays a card out: the largest scale at which everything fits. When even the smallest does not,
 * whole blocks are left out, the least important first (custom text, then instructions from the
 * bottom, then the QR code), never cut with an ellipsis; `dropped` names them.
 */
export function layoutCard(spec: CardSpec, m: Measurer): CardLayout {
  const p = spec.padding;
  const content = { x: spec.box.x + p, y: spec.box.y + p, w: spec.box.w - 2 * p, h: spec.box.h - 2 * p };
  spec = withLateQr(spec, content.w, m);
  const limit = content.y + content.h + 1e-6;
  const none = new Set<string>();
  // the fit only gets easier as the scale goes down: the largest scale that fits, by bisection; the
  // search only asks each scale's height, and the card is laid out once, at the scale found
  const fits = (i: number, spread = 1) => pass(spec, content, SCALES[i]!, none, m, true, spread, true).bottom <= limit;
  let lo = 0;
  let hi = SCALES.length - 1;
  if (fits(hi)) {
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (fits(mid)) hi = mid;
      else lo = mid + 1;
    }
    let spread = 1;
    if (spec.spread && hi === 0) {
      // a sheet with room to spare uses its page: the space goes between the blocks (up to 3× the gaps)
      let lo2 = 1;
      let hi2 = 3;
      for (let k = 0; k < 8; k++) {
        const mid = (lo2 + hi2) / 2;
        if (fits(0, mid)) lo2 = spread = mid;
        else hi2 = mid;
      }
    }
    return done(spec, content, pass(spec, content, SCALES[hi]!, none, m, true, spread), SCALES[hi]!, []);
  }
  const scale = SCALES[SCALES.length - 1]!;
  const order = spec.blocks
    .map((b, i) => ({ b, i }))
    .filter(({ b }) => (b.priority ?? 0) > 0)
    .sort((x, y) => (y.b.priority ?? 0) - (x.b.priority ?? 0) || y.i - x.i);
  // with the QR, then (when even the essentials cannot stand beside it) without it
  let last: { r: Pass; dropped: Set<string> } | undefined;
  let lastWithQr: { r: Pass; dropped: Set<string> } | undefined;
  for (const withQr of spec.qr ? [true, false] : [false]) {
    const dropped = new Set<string>();
    const tried = (r: Pass) => (r.bottom <= limit ? done(spec, content, r, scale, withQr || !spec.qr ? [...dropped] : [...dropped, 'qr']) : ((last = { r, dropped }), withQr && (lastWithQr = last), null));
    const first = tried(pass(spec, content, scale, dropped, m, withQr));
    if (first) return first;
    for (const { b } of order) {
      dropped.add(b.id);
      const hit = tried(pass(spec, content, scale, dropped, m, withQr));
      if (hit) return hit;
    }
  }
  // leaving the QR out did not make room either: the card keeps it, and its overflow is cut
  if (lastWithQr) return done(spec, content, clip(lastWithQr.r, content), scale, [...lastWithQr.dropped]);
  return done(spec, content, clip(last!.r, content), scale, [...last!.dropped]);
}

/**
 * Even the essentials overflow (a login of thousands of characters): the lines below the card are
 * left out rather than drawn over the next card, and their blocks reported as cut (`broken`).
 */
function clip(r: Pass, content: Rect): Pass {
  const bottom = content.y + content.h + 1e-6;
  const texts: PlacedText[] = [];
  const cut: string[] = [];
  for (const t of r.texts) {
    if (t.y + t.h <= bottom) {
      texts.push(t);
      continue;
    }
    cut.push(t.id);
    const leadH = t.lead && !t.lead.inline ? (t.lead.lineH ?? t.lineH) : 0;
    const room = Math.floor((bottom - t.y - leadH) / t.lineH);
    if (room > 0) texts.push({ ...t, lines: t.lines.slice(0, room), h: leadH + room * t.lineH });
  }
  return { ...r, texts, bottom: Math.min(r.bottom, bottom), broken: [...new Set([...r.broken, ...cut])] };
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
