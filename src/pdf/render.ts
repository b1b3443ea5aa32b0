import { jsPDF } from 'jspdf';
import { autoTable } from 'jspdf-autotable';
import type { Account } from '../model/account';
import { firstClassName } from '../model/account';
import { fmt, type SheetDict } from '../i18n/sheets';
import { FONT, registerFonts, type FontBytes } from './fonts';
import { BASELINE_EM, LINE_FACTOR, PT, layoutCard, type CardLayout, type Measurer, type PlacedText, type Tone } from './layout';
import { cardSpec, GRID, perPage, slotBox, type CardContext, type SheetModel } from './cards';
import { drawQr } from './qr';
import { groupClass, householdGroups } from './households';
import { dictFor, formatDate, profileLabel, type Lang, type QrMode } from './wording';

export interface SheetOptions {
  model: SheetModel;
  lang: Lang;
  entUrl: string;
  qr: QrMode;
  schoolName?: string;
  customText?: string;
  logo?: { data: Uint8Array; format: 'PNG' | 'JPEG' };
  bundles?: boolean;
  roster?: boolean;
  households?: boolean;
  font: FontBytes;
  date?: Date;
  onProgress?: (done: number, total: number) => void;
}

export type RosterOptions = Pick<SheetOptions, 'lang' | 'font' | 'schoolName' | 'date'>;

export interface RenderResult {
  bytes: Uint8Array;
  pages: number;
}

const CHUNK = 25;
const yieldToLoop = () => new Promise<void>((r) => setTimeout(r, 0));

const TONES: Record<Tone, [number, number, number]> = {
  text: [20, 20, 20],
  muted: [85, 85, 85],
  accent: [0, 72, 140],
  code: [150, 0, 0],
};

/** jsPDF-backed measurer with memoisation (instructions repeat on every card). */
export class PdfMeasurer implements Measurer {
  private cache = new Map<string, string[]>();
  constructor(
    private doc: jsPDF,
    private hasBold: boolean,
  ) {}
  private use(size: number, bold: boolean) {
    this.doc.setFont(FONT, bold && this.hasBold ? 'bold' : 'normal');
    this.doc.setFontSize(size);
  }
  width(text: string, size: number, bold: boolean): number {
    this.use(size, bold);
    return (this.doc.getStringUnitWidth(text) * size) / this.doc.internal.scaleFactor;
  }
  split(text: string, size: number, bold: boolean, maxW: number): string[] {
    const key = `${bold ? 1 : 0}|${size.toFixed(2)}|${maxW.toFixed(2)}|${text}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    this.use(size, bold);
    const out: string[] = [];
    for (const para of text.split('\n')) {
      const lines = this.doc.splitTextToSize(para, maxW) as string[];
      // safety: splitTextToSize may leave a line a hair too wide; re-split such lines by characters
      for (const l of lines) {
        if (this.width(l, size, bold) <= maxW) out.push(l);
        else out.push(...this.hardSplit(l, size, bold, maxW));
      }
    }
    if (this.cache.size > 5000) this.cache.clear();
    this.cache.set(key, out);
    return out;
  }
  private hardSplit(line: string, size: number, bold: boolean, maxW: number): string[] {
    const out: string[] = [];
    let cur = '';
    for (const ch of Array.from(line)) {
      if (cur && this.width(cur + ch, size, bold) > maxW) {
        out.push(cur);
        cur = ch.trim() ? ch : '';
      } else cur += ch;
    }
    if (cur) out.push(cur);
    return out;
  }
}

interface Ctx {
  doc: jsPDF;
  m: PdfMeasurer;
  hasBold: boolean;
  d: SheetDict;
  card: CardContext;
  opts: SheetOptions | RosterOptions;
  logo?: { data: Uint8Array; format: 'PNG' | 'JPEG' };
  date: Date;
  /** Pages: the first one exists already in a fresh jsPDF. */
  pageUsed: boolean;
  /** Text blocks drawn once as PDF form objects, by content (see drawText). */
  forms: Map<string, string>;
}

function newPage(ctx: Ctx, orientation: 'portrait' | 'landscape') {
  if (!ctx.pageUsed) {
    ctx.pageUsed = true;
    return;
  }
  ctx.doc.addPage('a4', orientation);
}

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

/**
 * jsPDF shapes Arabic on every text() call (its preProcessText hook walks every character). When no
 * printed text has Arabic letters, that hook is dropped: about 6 % of a 1,000-card render.
 */
function dropArabicShaping(doc: jsPDF) {
  const shaper = (doc as unknown as { processArabic?: unknown }).processArabic;
  const events = (doc.internal as unknown as { events: { getTopics(): Record<string, Record<string, [unknown, boolean]>>; unsubscribe(t: string): void } }).events;
  const subs = events.getTopics().preProcessText ?? {};
  for (const [token, [fn]] of Object.entries(subs)) if (fn === shaper) events.unsubscribe(token);
}

function makeDoc(orientation: 'portrait' | 'landscape', font: FontBytes, texts?: Iterable<string>) {
  const doc = new jsPDF({ unit: 'mm', format: 'a4', orientation, compress: true, floatPrecision: 2 });
  const { hasBold } = registerFonts(doc, font);
  doc.setLineHeightFactor(LINE_FACTOR);
  if (texts) {
    let rtl = false;
    for (const t of texts) if (ARABIC.test(t)) rtl = true;
    if (!rtl) dropArabicShaping(doc);
  }
  return { doc, hasBold };
}

/** Every free text a render prints (names, children, classes, settings), to decide on Arabic shaping. */
function* freeTexts(accounts: Account[], opts: Pick<SheetOptions, 'schoolName' | 'customText'>): Iterable<string> {
  if (opts.schoolName) yield opts.schoolName;
  if (opts.customText) yield opts.customText;
  for (const a of accounts) {
    yield a.firstName;
    yield a.lastName;
    yield a.login;
    for (const c of a.classes) yield c.name;
    for (const c of a.children) yield `${c.firstName} ${c.lastName} ${c.classname ?? ''}`;
  }
}

function setFont(ctx: Ctx, size: number, bold: boolean, tone: Tone = 'text') {
  ctx.doc.setFont(FONT, bold && ctx.hasBold ? 'bold' : 'normal');
  ctx.doc.setFontSize(size);
  const [r, g, b] = TONES[tone];
  ctx.doc.setTextColor(r, g, b);
}

/** Blocks whose text is the same on every card of a run (instructions, address, QR captions…). */
const SHARED = /^(address|intro|steps|steps\.title|step\d|keep|noMail|custom|school|for|title|qr\.caption|qr\.secret)$/;
/** Room around a form object's box, so descenders and rounding are never clipped by its BBox. */
const FORM_PAD = 4;

type MatrixCtor = new (a: number, b: number, c: number, d: number, e: number, f: number) => unknown;
const translate = (doc: jsPDF, x: number, y: number) => new (doc as unknown as { Matrix: MatrixCtor }).Matrix(1, 0, 0, 1, x, y);

function writeText(ctx: Ctx, t: PlacedText, dx: number, dy: number) {
  const doc = ctx.doc;
  setFont(ctx, t.size, t.bold, t.tone);
  const base = t.y - dy + BASELINE_EM * t.size * PT;
  if (t.label) doc.text(t.label, t.x - dx, base);
  if (t.align === 'center') doc.text(t.lines, t.x - dx + t.w / 2, base, { align: 'center', lineHeightFactor: LINE_FACTOR });
  else doc.text(t.lines, t.textX - dx, base, { lineHeightFactor: LINE_FACTOR });
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
  const key = JSON.stringify([t.id, t.lines, t.size, t.bold, t.tone, t.align, t.w, t.label ?? '', t.textX - t.x]);
  let name = ctx.forms.get(key);
  if (!name) {
    name = `t${ctx.forms.size}`;
    doc.beginFormObject(0, 0, w * k, h * k, translate(doc, 0, 0));
    // Form space: top-left of the padded box is (0, 0), in mm, like the page.
    writeText(ctx, t, t.x - FORM_PAD, t.y - FORM_PAD);
    doc.endFormObject(name);
    ctx.forms.set(key, name);
  }
  const pageH = doc.internal.pageSize.getHeight();
  doc.doFormObject(name, translate(doc, (t.x - FORM_PAD) * k, (pageH - (t.y - FORM_PAD)) * k - h * k));
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

function cutMarks(doc: jsPDF, model: SheetModel, used: number) {
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

function drawCover(ctx: Ctx, className: string, count: number) {
  const { doc, d } = ctx;
  const cx = 105;
  setFont(ctx, 14, false, 'muted');
  if (ctx.opts.schoolName) doc.text(doc.splitTextToSize(ctx.opts.schoolName, 170) as string[], cx, 70, { align: 'center' });
  setFont(ctx, 26, true, 'accent');
  doc.text(d['cover.title'], cx, 100, { align: 'center' });
  setFont(ctx, 30, true);
  const cls = fmt(d['cover.class'], { class: className });
  const lines = doc.splitTextToSize(cls, 170) as string[];
  doc.text(lines, cx, 125, { align: 'center' });
  const y = 125 + lines.length * 12 + 8;
  setFont(ctx, 16, false);
  doc.text(fmt(d[count === 1 ? 'cover.count.one' : 'cover.count.many'], { n: count }), cx, y, { align: 'center' });
  setFont(ctx, 12, false, 'muted');
  doc.text(fmt(d['cover.date'], { date: formatDate(ctx.date, ctx.opts.lang) }), cx, y + 12, { align: 'center' });
}

/** Sign-off roster of one class (jspdf-autotable), starting on a new portrait page. */
function drawRosterTable(ctx: Ctx, className: string, accounts: Account[]) {
  const { doc, d } = ctx;
  newPage(ctx, 'portrait');
  const title = fmt(d['roster.title'], { class: className });
  const sub = [ctx.opts.schoolName, formatDate(ctx.date, ctx.opts.lang)].filter(Boolean).join(' — ');
  autoTable(doc, {
    startY: 30,
    margin: { top: 30, left: 12, right: 12, bottom: 14 },
    head: [[d['roster.lastName'], d['roster.firstName'], d['roster.profile'], d['roster.login'], d['roster.given'], d['roster.signature']]],
    body: accounts.map((a) => [a.lastName, a.firstName, profileLabel(a, d), a.login, '', '']),
    theme: 'grid',
    styles: { font: FONT, fontStyle: 'normal', fontSize: 9, minCellHeight: 11, valign: 'middle', textColor: 20, lineColor: 120, lineWidth: 0.2, overflow: 'linebreak' },
    headStyles: { font: FONT, fontStyle: ctx.hasBold ? 'bold' : 'normal', fillColor: [230, 233, 240], textColor: 20, minCellHeight: 8 },
    columnStyles: { 0: { cellWidth: 34 }, 1: { cellWidth: 28 }, 2: { cellWidth: 20 }, 3: { cellWidth: 38 }, 4: { cellWidth: 24 }, 5: { cellWidth: 'auto' } },
    didDrawPage: () => {
      setFont(ctx, 15, true, 'accent');
      doc.text(doc.splitTextToSize(title, 186) as string[], 12, 16);
      setFont(ctx, 9, false, 'muted');
      if (sub) doc.text(sub, 12, 25);
    },
  });
}

function byClass(accounts: Account[], d: SheetDict): { name: string; accounts: Account[] }[] {
  const map = new Map<string, Account[]>();
  for (const a of accounts) {
    const k = firstClassName(a) ?? d.noClass;
    const l = map.get(k);
    if (l) l.push(a);
    else map.set(k, [a]);
  }
  return [...map].map(([name, accounts]) => ({ name, accounts }));
}

interface Section {
  className?: string;
  accounts: Account[];
}

/** Print plan: one section (no bundles) or one per class in order of first appearance. */
export function planSections(accounts: Account[], opts: Pick<SheetOptions, 'bundles' | 'households' | 'lang'>): Section[] {
  const d = dictFor(opts.lang);
  const groups = opts.households ? householdGroups(accounts) : accounts.map((a) => [a]);
  if (!opts.bundles) return [{ accounts: groups.flat() }];
  const map = new Map<string, Account[]>();
  for (const g of groups) {
    const k = (opts.households ? groupClass(g) : firstClassName(g[0]!)) ?? d.noClass;
    const l = map.get(k);
    if (l) l.push(...g);
    else map.set(k, [...g]);
  }
  return [...map].map(([className, accounts]) => ({ className, accounts }));
}

function makeCtx(doc: jsPDF, hasBold: boolean, opts: SheetOptions | RosterOptions): Ctx {
  const d = dictFor(opts.lang);
  const so = opts as Partial<SheetOptions>;
  let logoAspect: number | undefined;
  if (so.logo) {
    try {
      const p = doc.getImageProperties(so.logo.data);
      if (p.width > 0 && p.height > 0) logoAspect = p.width / p.height;
    } catch {
      logoAspect = undefined;
    }
  }
  return {
    doc,
    m: new PdfMeasurer(doc, hasBold),
    hasBold,
    d,
    opts,
    date: opts.date ?? new Date(),
    logo: logoAspect ? so.logo : undefined,
    pageUsed: false,
    forms: new Map(),
    card: {
      d,
      entUrl: so.entUrl ?? '',
      qr: so.qr ?? 'none',
      schoolName: opts.schoolName?.trim() || undefined,
      customText: so.customText?.trim() || undefined,
      logoAspect,
    },
  };
}

function finish(doc: jsPDF): RenderResult {
  const bytes = new Uint8Array(doc.output('arraybuffer'));
  return { bytes, pages: doc.getNumberOfPages() };
}

export async function renderSheets(accounts: Account[], opts: SheetOptions): Promise<RenderResult> {
  const model = opts.model;
  const sections = planSections(accounts, opts);
  const sheetOrientation = model === 'newPdf' ? 'landscape' : 'portrait';
  const firstOrientation = opts.bundles && accounts.length ? 'portrait' : sheetOrientation;
  const { doc, hasBold } = makeDoc(firstOrientation, opts.font, freeTexts(accounts, opts));
  const ctx = makeCtx(doc, hasBold, opts);
  const n = perPage(model);
  const total = accounts.length;
  let done = 0;
  opts.onProgress?.(0, total);

  for (const sec of sections) {
    if (sec.className !== undefined) {
      newPage(ctx, 'portrait');
      drawCover(ctx, sec.className, sec.accounts.length);
    }
    let slot = 0;
    let open = false;
    for (const a of sec.accounts) {
      if (!open || slot === n) {
        if (open && n > 1) cutMarks(doc, model, slot);
        newPage(ctx, sheetOrientation);
        open = true;
        slot = 0;
      }
      const spec = cardSpec(a, model, slotBox(model, slot), ctx.card);
      drawLayout(ctx, layoutCard(spec, ctx.m), model !== 'simplePdf');
      slot++;
      done++;
      if (done % CHUNK === 0) {
        opts.onProgress?.(done, total);
        await yieldToLoop();
      }
    }
    if (open && n > 1) cutMarks(doc, model, slot);
    if (opts.roster && opts.bundles && sec.className !== undefined) drawRosterTable(ctx, sec.className, sec.accounts);
  }
  if (opts.roster && !opts.bundles) {
    for (const g of byClass(sections.flatMap((s) => s.accounts), ctx.d)) drawRosterTable(ctx, g.name, g.accounts);
  }
  opts.onProgress?.(total, total);
  await yieldToLoop();
  return finish(doc);
}

export async function renderRoster(accounts: Account[], opts: RosterOptions): Promise<RenderResult> {
  const { doc, hasBold } = makeDoc('portrait', opts.font);
  const ctx = makeCtx(doc, hasBold, opts);
  for (const g of byClass(accounts, ctx.d)) drawRosterTable(ctx, g.name, g.accounts);
  await yieldToLoop();
  return finish(doc);
}

/** Layout of every card (pure geometry, jsPDF metrics) — for tests and debugging. */
export function layoutAll(accounts: Account[], opts: SheetOptions): CardLayout[] {
  const { doc, hasBold } = makeDoc('portrait', opts.font);
  const ctx = makeCtx(doc, hasBold, opts);
  const n = perPage(opts.model);
  return accounts.map((a, i) => layoutCard(cardSpec(a, opts.model, slotBox(opts.model, i % n), ctx.card), ctx.m));
}

export function measurerFor(font: FontBytes): Measurer {
  const { doc, hasBold } = makeDoc('portrait', font);
  return new PdfMeasurer(doc, hasBold);
}
