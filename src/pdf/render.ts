import { jsPDF } from 'jspdf';
import { autoTable } from 'jspdf-autotable';
import type { Account } from '../model/account';
import { displayName, firstClassName, hasEmail, isActivated } from '../model/account';
import { compareClassNames } from '../model/class-order';
import { say, type SheetDict } from '../i18n/sheets';
import { FONT, MONO, registerFonts, type FontBytes } from './fonts';
import { BASELINE_EM, LINE_FACTOR, PT, layoutCard, type CardLayout, type Measurer, type PlacedText, type Rect, type Tone } from './layout';
import { cardSpec, GRID, perPage, slotBox, type CardContext, type SheetModel } from './cards';
import { coverCardSpec, familyCardSpec, familyLine, labelSpec, LABELS, labelBox, type CoverInfo } from './covers';
import { drawQr } from './qr';
import { familyInfo, groupClass, householdGroups, isFamily, type FamilyInfo } from './households';
import { dictFor, formatDate, isOneHost, profileLabel, type Lang, type QrMode } from './wording';

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
  /** With households: a sheet of envelope labels (family, children, classes; no address) at the end. */
  envelopeLabels?: boolean;
  /** At 8 per page with bundles, a whole cover page per class instead of one cover card. */
  pageCovers?: boolean;
  /** The ENT's password rule text in the sheets' language (GET /auth/context); absent = neutral sentence. */
  passwordHint?: string;
  /** The ENT's activation form requires an e-mail address (GET /auth/context `mandatory.mail`). */
  mailRequired?: boolean | null;
  /** The académie notice on teachers' sheets (setting, on by default); absent or '' = none. */
  academieNotice?: string;
  /** The ONE Pocket line (setting); printed only when the ENT is one of ONE's hosts. */
  mobileApp?: boolean;
  /** A help page printed on 1 and 2 per page (setting); absent = « adressez-vous à l'école ». */
  helpUrl?: string;
  /** Teachers named on each class cover, by class name; by default the teachers among `accounts`. */
  classTeachers?: Record<string, string[]>;
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

interface Ctx {
  doc: jsPDF;
  m: PdfMeasurer;
  hasBold: boolean;
  hasMono: boolean;
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

/**
 * A fresh document with DejaVu registered. The monospaced face only when some code will be printed:
 * a font registered but never used is written without glyphs, which PDF readers report as an error.
 */
function makeDoc(orientation: 'portrait' | 'landscape', font: FontBytes, texts?: Iterable<string>, codes = false) {
  const doc = new jsPDF({ unit: 'mm', format: 'a4', orientation, compress: true, floatPrecision: 2 });
  const { mono: _mono, ...noMono } = font;
  const { hasBold, hasMono } = registerFonts(doc, codes ? font : noMono);
  doc.setLineHeightFactor(LINE_FACTOR);
  if (texts) {
    let rtl = false;
    for (const t of texts) if (ARABIC.test(t)) rtl = true;
    if (!rtl) dropArabicShaping(doc);
  }
  return { doc, hasBold, hasMono };
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

function setFont(ctx: Ctx, size: number, bold: boolean, tone: Tone = 'text', mono = false) {
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

function writeText(ctx: Ctx, t: PlacedText, dx: number, dy: number) {
  const doc = ctx.doc;
  let base = t.y - dy + BASELINE_EM * t.size * PT;
  let x = t.textX - dx;
  if (t.lead) {
    // the label (« Identifiant : ») in the normal face, the value after it or on the next line
    setFont(ctx, t.size, t.bold, t.tone === 'code' ? 'text' : t.tone);
    doc.text(t.lead.text, x, base);
    if (t.lead.inline) x += t.lead.w;
    else base += t.lineH;
  }
  setFont(ctx, t.size, t.bold, t.tone, t.mono);
  if (t.label) doc.text(t.label, t.x - dx, base);
  if (t.align === 'center') doc.text(t.lines, t.x - dx + t.w / 2, base, { align: 'center', lineHeightFactor: LINE_FACTOR });
  else if (t.lead?.inline && t.lines.length) doc.text(t.lines[0]!, x, base);
  else doc.text(t.lines, x, base, { lineHeightFactor: LINE_FACTOR });
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

/** A tinted card with a solid border: a family's label or a class cover, told apart from the sheets. */
function drawPlate(ctx: Ctx, box: Rect) {
  const inset = 1.2;
  ctx.doc.setFillColor(232, 239, 248);
  ctx.doc.setDrawColor(0, 72, 140);
  ctx.doc.setLineWidth(0.6);
  ctx.doc.roundedRect(box.x + inset, box.y + inset, box.w - 2 * inset, box.h - 2 * inset, 2.5, 2.5, 'FD');
}

/** A whole-page class cover, centred on the page whatever its orientation. */
function drawCoverPage(ctx: Ctx, info: CoverInfo) {
  const { doc } = ctx;
  const W = doc.internal.pageSize.getWidth();
  const H = doc.internal.pageSize.getHeight();
  const box = { x: W * 0.12, y: H * 0.18, w: W * 0.76, h: H * 0.6 };
  drawPlate(ctx, box);
  const spec = coverCardSpec(info, box, ctx.card, 'page');
  drawLayout(ctx, layoutCard(spec, ctx.m), false);
}

/** Sign-off roster of one class (jspdf-autotable), on new pages in the given orientation. */
function drawRosterTable(ctx: Ctx, className: string, accounts: Account[], orientation: 'portrait' | 'landscape' = 'portrait') {
  const { doc, d } = ctx;
  newPage(ctx, orientation);
  const W = doc.internal.pageSize.getWidth();
  const title = say(d, 'roster.title', { class: className });
  const sub = [ctx.opts.schoolName, formatDate(ctx.date, ctx.opts.lang)].filter(Boolean).join(' — ');
  const extra = W - 210; // landscape: the signature column takes the extra width
  autoTable(doc, {
    startY: 30,
    margin: { top: 30, left: 12, right: 12, bottom: 14 },
    head: [[d['roster.lastName'], d['roster.firstName'], d['roster.profile'], d['roster.login'], d['roster.given'], d['roster.signature']]],
    body: accounts.map((a) => [a.lastName, a.firstName, profileLabel(a, d), a.login, '', '']),
    theme: 'grid',
    styles: { font: FONT, fontStyle: 'normal', fontSize: 9, minCellHeight: 11, valign: 'middle', textColor: 20, lineColor: 120, lineWidth: 0.2, overflow: 'linebreak' },
    headStyles: { font: FONT, fontStyle: ctx.hasBold ? 'bold' : 'normal', fillColor: [230, 233, 240], textColor: 20, minCellHeight: 8 },
    columnStyles: {
      0: { cellWidth: 34 + extra * 0.15 }, 1: { cellWidth: 28 + extra * 0.1 }, 2: { cellWidth: 20 }, 3: { cellWidth: 38 + extra * 0.15 },
      4: { cellWidth: 24 }, 5: { cellWidth: 'auto' },
    },
    didDrawPage: () => {
      setFont(ctx, 15, true, 'accent');
      doc.text(doc.splitTextToSize(title, W - 24) as string[], 12, 16);
      setFont(ctx, 9, false, 'muted');
      if (sub) doc.text(sub, 12, 25);
    },
  });
}

/** Accounts by first class, classes in school-level order (PS … CM2), « Sans classe » last. */
function byClass(accounts: Account[], d: SheetDict): { name: string; accounts: Account[] }[] {
  const map = new Map<string, Account[]>();
  const none: Account[] = [];
  for (const a of accounts) {
    const k = firstClassName(a);
    if (k === null) {
      none.push(a);
      continue;
    }
    const l = map.get(k);
    if (l) l.push(a);
    else map.set(k, [a]);
  }
  const out = [...map].sort(([a], [b]) => compareClassNames(a, b)).map(([name, accounts]) => ({ name, accounts }));
  if (none.length) out.push({ name: d.noClass, accounts: none });
  return out;
}

interface Section {
  className?: string;
  accounts: Account[];
  /** Print units: one family (households) or one account; a unit is never split across pages when it fits. */
  groups: Account[][];
}

/** Print plan: one section (no bundles) or one per class in order of first appearance. */
export function planSections(accounts: Account[], opts: Pick<SheetOptions, 'bundles' | 'households' | 'lang'>): Section[] {
  const d = dictFor(opts.lang);
  const groups = opts.households ? householdGroups(accounts) : accounts.map((a) => [a]);
  if (!opts.bundles) return [{ accounts: groups.flat(), groups }];
  const map = new Map<string, Account[][]>();
  for (const g of groups) {
    const k = (opts.households ? groupClass(g) : firstClassName(g[0]!)) ?? d.noClass;
    const l = map.get(k);
    if (l) l.push(g);
    else map.set(k, [g]);
  }
  return [...map].map(([className, gs]) => ({ className, accounts: gs.flat(), groups: gs }));
}

function makeCtx(doc: jsPDF, fonts: { hasBold: boolean; hasMono: boolean }, opts: SheetOptions | RosterOptions): Ctx {
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
  const entUrl = so.entUrl ?? '';
  return {
    doc,
    m: new PdfMeasurer(doc, fonts.hasBold, fonts.hasMono),
    hasBold: fonts.hasBold,
    hasMono: fonts.hasMono,
    d,
    opts,
    date: opts.date ?? new Date(),
    logo: logoAspect ? so.logo : undefined,
    pageUsed: false,
    forms: new Map(),
    card: {
      d,
      entUrl,
      qr: so.qr ?? 'none',
      schoolName: opts.schoolName?.trim() || undefined,
      customText: so.customText?.trim() || undefined,
      logoAspect,
      ...(so.passwordHint?.trim() ? { passwordHint: so.passwordHint.trim() } : {}),
      mailRequired: so.mailRequired ?? null,
      ...(so.academieNotice?.trim() ? { academieNotice: so.academieNotice.trim() } : {}),
      mobileApp: !!so.mobileApp && isOneHost(entUrl),
      ...(so.helpUrl?.trim() ? { helpUrl: so.helpUrl.trim() } : {}),
    },
  };
}

function finish(doc: jsPDF): RenderResult {
  const bytes = new Uint8Array(doc.output('arraybuffer'));
  return { bytes, pages: doc.getNumberOfPages() };
}

/** Teachers of each class among the accounts (covers name them when the caller gives none). */
function teachersFrom(accounts: Account[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const a of accounts) {
    if (a.profile !== 'Teacher') continue;
    for (const c of a.classes) (out[c.name] ??= []).includes(displayName(a)) || out[c.name]!.push(displayName(a));
  }
  return out;
}

function coverInfo(ctx: Ctx, opts: SheetOptions, className: string, accounts: Account[], teachers: Record<string, string[]>): CoverInfo {
  return {
    className,
    teachers: teachers[className] ?? [],
    sheets: accounts.length,
    notActivated: accounts.filter((a) => !isActivated(a)).length,
    noEmail: accounts.filter((a) => !hasEmail(a)).length,
    date: formatDate(ctx.date, opts.lang),
    ...(ctx.card.schoolName ? { schoolName: ctx.card.schoolName } : {}),
  };
}

type Slot =
  | { kind: 'account'; account: Account; familyLine?: string }
  | { kind: 'family'; family: FamilyInfo }
  | { kind: 'cover'; cover: CoverInfo };

export async function renderSheets(accounts: Account[], opts: SheetOptions): Promise<RenderResult> {
  const model = opts.model;
  const sections = planSections(accounts, opts);
  // Every page of a run shares the sheets' orientation: covers and rosters included (2 per page: landscape).
  const orientation = model === 'newPdf' ? 'landscape' : 'portrait';
  const { doc, hasBold, hasMono } = makeDoc(orientation, opts.font, freeTexts(accounts, opts), accounts.some((a) => !!a.activationCode));
  const ctx = makeCtx(doc, { hasBold, hasMono }, opts);
  const n = perPage(model);
  const total = accounts.length;
  const teachers = { ...teachersFrom(accounts), ...opts.classTeachers };
  const families: FamilyInfo[] = [];
  let done = 0;
  opts.onProgress?.(0, total);

  for (const sec of sections) {
    // what goes in the slots of this section, in order, cut into units kept on one page when they fit
    const units: Slot[][] = [];
    const cover = sec.className !== undefined ? coverInfo(ctx, opts, sec.className, sec.accounts, teachers) : null;
    if (cover && model === 'simplePdf' && !opts.pageCovers) units.push([{ kind: 'cover', cover }]);
    else if (cover) {
      newPage(ctx, orientation);
      drawCoverPage(ctx, cover);
    }
    for (const g of sec.groups) {
      if (!opts.households || !isFamily(g)) {
        units.push(g.map((account) => ({ kind: 'account', account })));
        continue;
      }
      const family = familyInfo(g);
      families.push(family);
      if (model === 'simplePdf') units.push([{ kind: 'family', family }, ...g.map((account) => ({ kind: 'account' as const, account }))]);
      else units.push(g.map((account, i) => ({ kind: 'account', account, familyLine: familyLine(ctx.d, family, i + 1) })));
    }

    let slot = 0;
    let open = false;
    const startPage = () => {
      if (open && n > 1) cutMarks(doc, model, slot);
      newPage(ctx, orientation);
      open = true;
      slot = 0;
    };
    for (const unit of units) {
      // a family that fits on one page never starts on a page that cannot hold it
      if (open && unit.length <= n && slot + unit.length > n) startPage();
      for (const item of unit) {
        if (!open || slot === n) startPage();
        const box = slotBox(model, slot);
        if (item.kind === 'account') {
          const spec = cardSpec(item.account, model, box, ctx.card, item.familyLine ? { familyLine: item.familyLine } : {});
          drawLayout(ctx, layoutCard(spec, ctx.m), model !== 'simplePdf');
          done++;
          if (done % CHUNK === 0) {
            opts.onProgress?.(done, total);
            await yieldToLoop();
          }
        } else {
          drawPlate(ctx, box);
          const spec = item.kind === 'family' ? familyCardSpec(item.family, box, ctx.card) : coverCardSpec(item.cover, box, ctx.card, 'card');
          drawLayout(ctx, layoutCard(spec, ctx.m), false);
        }
        slot++;
      }
    }
    if (open && n > 1) cutMarks(doc, model, slot);
    if (opts.roster && opts.bundles && sec.className !== undefined) drawRosterTable(ctx, sec.className, sec.accounts, orientation);
  }
  if (opts.roster && !opts.bundles) {
    for (const g of byClass(sections.flatMap((s) => s.accounts), ctx.d)) drawRosterTable(ctx, g.name, g.accounts, orientation);
  }
  if (opts.households && opts.envelopeLabels && families.length) drawLabels(ctx, families);
  opts.onProgress?.(total, total);
  await yieldToLoop();
  return finish(doc);
}

/** Envelope labels, 2 x 7 per A4 page (99 x 38 mm, the common label sheet): family, children, classes. */
function drawLabels(ctx: Ctx, families: FamilyInfo[]) {
  const { doc } = ctx;
  families.forEach((f, i) => {
    const slot = i % LABELS.perPage;
    if (slot === 0) {
      newPage(ctx, 'portrait'); // label stock is portrait, whatever the sheets' model
      doc.setDrawColor(170, 170, 170);
      doc.setLineWidth(0.15);
      doc.setLineDashPattern([1, 1.5], 0);
      for (let k = 0; k < LABELS.perPage; k++) {
        const b = labelBox(k);
        doc.rect(b.x, b.y, b.w, b.h);
      }
      doc.setLineDashPattern([], 0);
    }
    drawLayout(ctx, layoutCard(labelSpec(f, labelBox(slot), ctx.card), ctx.m), false);
  });
}

export async function renderRoster(accounts: Account[], opts: RosterOptions): Promise<RenderResult> {
  const { doc, hasBold, hasMono } = makeDoc('portrait', opts.font);
  const ctx = makeCtx(doc, { hasBold, hasMono }, opts);
  for (const g of byClass(accounts, ctx.d)) drawRosterTable(ctx, g.name, g.accounts);
  await yieldToLoop();
  return finish(doc);
}

/** Layout of every card (pure geometry, jsPDF metrics) — for tests and debugging. */
export function layoutAll(accounts: Account[], opts: SheetOptions): CardLayout[] {
  const { doc, hasBold, hasMono } = makeDoc('portrait', opts.font, undefined, true);
  const ctx = makeCtx(doc, { hasBold, hasMono }, opts);
  const n = perPage(opts.model);
  return accounts.map((a, i) => layoutCard(cardSpec(a, opts.model, slotBox(opts.model, i % n), ctx.card), ctx.m));
}

export function measurerFor(font: FontBytes): Measurer {
  const { doc, hasBold, hasMono } = makeDoc('portrait', font, undefined, true);
  return new PdfMeasurer(doc, hasBold, hasMono);
}

