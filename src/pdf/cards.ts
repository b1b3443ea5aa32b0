/**
 * What goes on one sheet / card, per model, as layout blocks (pure: no jsPDF here).
 */
import type { Account } from '../model/account';
import { displayName } from '../model/account';
import { SHEET_DICTS, say, type SheetDict } from '../i18n/sheets';
import { layoutCard, type Adaptation, type BlockSpec, type CardLayout, type CardSpec, type Measurer, type Rect } from './layout';
import { branchOf, cleanUrl, entName, profileLine, qrText, type QrMode } from './wording';
import { qrLeftOut } from './qr';

/** The console's three models, and « Lettre aux familles » (one A4 letter per family, src/pdf/letter.ts). */
export type SheetModel = 'pdf' | 'newPdf' | 'simplePdf' | 'letter';
/** The models made of one card per account (the letter is laid out per family). */
export type CardModel = Exclude<SheetModel, 'letter'>;

export interface CardContext {
  d: SheetDict;
  entUrl: string;
  qr: QrMode;
  schoolName?: string;
  customText?: string;
  /** Logo box in mm at scale 1 of the 1-up sheet (height fixed, width from the aspect ratio). */
  logoAspect?: number;
  /** The ENT's own password rule text (GET /auth/context), in the sheets' language; absent = neutral sentence. */
  passwordHint?: string;
  /** Whether the ENT's activation form requires an e-mail address (GET /auth/context `mandatory.mail`). */
  mailRequired?: boolean | null;
  /** The académie notice printed on teachers' sheets; absent when the setting is off. */
  academieNotice?: string;
  /** Print the ONE Pocket line (setting on, and the ENT is one of ONE's hosts). */
  mobileApp?: boolean;
  /** Help page printed on 1 and 2 per page; absent = « adressez-vous à l'école ». */
  helpUrl?: string;
}

// ---- page geometry (mm) ----
export const A4 = { w: 210, h: 297 };
/** 8-up: 2 columns x 4 rows of 95 x 68 mm cards, centred on A4 portrait. */
export const GRID = { cols: 2, rows: 4, cardW: 95, cardH: 68, x0: (210 - 2 * 95) / 2, y0: (297 - 4 * 68) / 2 };

export function slotBox(model: SheetModel, slot: number): Rect {
  if (model === 'simplePdf') {
    const c = slot % GRID.cols;
    const r = Math.floor(slot / GRID.cols);
    return { x: GRID.x0 + c * GRID.cardW, y: GRID.y0 + r * GRID.cardH, w: GRID.cardW, h: GRID.cardH };
  }
  if (model === 'newPdf') return { x: slot * (A4.h / 2), y: 0, w: A4.h / 2, h: A4.w };
  return { x: 0, y: 0, w: A4.w, h: A4.h };
}

export const perPage = (model: SheetModel): number => (model === 'simplePdf' ? 8 : model === 'newPdf' ? 2 : 1);

/**
 * Minimum type sizes (pt) per model, the floor the layout never goes below and the tests assert
 * with pdftotext's word boxes: body text, the ENT address, the identifiant and the code. A long
 * name or login may shrink its own line down to `long` before it wraps.
 */
export const MIN_PT = {
  simplePdf: { body: 8.5, address: 9, login: 11, code: 11, long: 8 },
  newPdf: { body: 9, address: 9.5, login: 11, code: 11, long: 8 },
  pdf: { body: 10, address: 11, login: 13, code: 13, long: 9 },
  // the letter's table (src/pdf/letter.ts): a long identifiant shrinks in its column down to 7 pt
  letter: { body: 10, address: 10, login: 7, code: 10, long: 11 },
} as const;

/** Extra per-card context: the family header printed on 1 and 2 per page sheets. */
export interface CardExtra {
  familyLine?: string;
}

/**
 * How far a card gives way to fit: the denser instructions (short wording, tighter gaps), then a
 * smaller QR code. Each step is reported in the layout's adaptations.
 */
export interface CardVariant {
  dense?: boolean;
  smallQr?: boolean;
  /** 8 per page, last resort: tighter lines and gaps, the QR level with the name and no host under it (the type keeps its minimum sizes, the card its margins). */
  tight?: boolean;
}
const VARIANTS: CardVariant[] = [{}, { dense: true }, { dense: true, smallQr: true }, { dense: true, smallQr: true, tight: true }];

/** QR side in mm, quiet zone included: usual and smaller (1 per page keeps at least 4 cm). */
export const QR_MM = { simplePdf: [24, 19], newPdf: [32, 27], pdf: [46, 40], letter: [24, 24] } as const;
/** The host printed under the QR shrinks to stay on one line, down to this size, then breaks after a dot. */
export const HOST_FLOOR_PT = 6;
/** A long identifiant, on its own full-width line in the monospaced face, never below this size. */
export const LOGIN_WIDE_FLOOR_PT = 7;

/** Card spec for one account in one slot. */
export function cardSpec(a: Account, model: SheetModel, box: Rect, ctx: CardContext, extra: CardExtra = {}, v: CardVariant = {}): CardSpec {
  // a letter's account, seen alone (the preview's first account), reads as its 1-per-page sheet
  return model === 'simplePdf' ? smallCard(a, box, ctx, v) : detailedSheet(a, box, ctx, model === 'letter' ? 'pdf' : model, extra, v);
}

/** A card laid out in the first variant that holds everything, with what it adapted. */
export interface FittedCard {
  layout: CardLayout;
  /** Everything the card adapted: the layout's own and the variant's (see Adaptation). */
  adaptations: Adaptation[];
}

/**
 * Lays out one account's card: the usual card when everything fits, else the denser variants in
 * turn; when none holds everything, the densest, with what it left out (`layout.dropped`).
 */
export function fitCard(a: Account, model: SheetModel, box: Rect, ctx: CardContext, m: Measurer, extra: CardExtra = {}): FittedCard {
  let best: FittedCard | undefined;
  for (const v of VARIANTS) {
    if (v.tight && model !== 'simplePdf') continue;
    const layout = layoutCard(cardSpec(a, model, box, ctx, extra, v), m);
    const adaptations: Adaptation[] = [
      ...(v.dense ? (['dense-instructions'] as const) : []),
      ...(v.smallQr && layout.qr ? (['qr-smaller'] as const) : []),
      ...(v.tight ? (['tight-lines'] as const) : []),
      ...layout.adaptations,
    ];
    if (!layout.dropped.length) return { layout, adaptations };
    // none holds everything: the one that leaves out the least
    if (!best || layout.dropped.length < best.layout.dropped.length) best = { layout, adaptations };
  }
  return best!;
}

function logoBox(ctx: CardContext, h: number): { w: number; h: number } | undefined {
  if (!ctx.logoAspect) return undefined;
  const w = Math.min(h * ctx.logoAspect, h * 4);
  return { w, h: Math.min(h, w / ctx.logoAspect) };
}

/** « Choisissez votre mot de passe… » followed by the ENT's own rule, or a neutral sentence. */
const ruleText = (ctx: CardContext): string => ctx.passwordHint ?? say(ctx.d, 'password.neutral');

/** The académie notice: at 8 per page, the default wording's short form (a director's own text as typed). */
function academieText(ctx: CardContext, small: boolean, dense = false): string | undefined {
  const n = ctx.academieNotice;
  if (!n || !small) return n;
  const isDefault = Object.values(SHEET_DICTS).some((d) => d['teacher.academie'] === n || say(d, 'teacher.academie') === n);
  return isDefault ? say(ctx.d, dense ? 'teacher.academie.dense' : 'teacher.academie.short') : n;
}

function smallCard(a: Account, box: Rect, ctx: CardContext, v: CardVariant): CardSpec {
  const { d } = ctx;
  const url = cleanUrl(ctx.entUrl);
  const host = url.replace(/^https?:\/\//, '');
  const branch = branchOf(a);
  const min = MIN_PT.simplePdf;
  const g = v.tight ? 0.15 : v.dense ? 0.6 : 1;
  const body = (id: string, text: string, extra: Partial<BlockSpec> = {}): BlockSpec => ({ id, text, size: 8.5, min: min.body, gap: 1.3 * g, ...extra });
  const blocks: BlockSpec[] = [
    { id: 'name', text: displayName(a), size: 13, min: 11, floor: min.long, bold: true, fit: 'shrink' },
    body('profile', profileLine(a, d), { gap: 0.5, tone: 'muted' }),
  ];
  if (branch === 'activated') blocks.push(body('intro', say(d, 'activated.short'), { priority: 1 }));
  if (branch === 'teacher') blocks.push(body('intro', say(d, 'teacher.activated', { ent: entName(url) }), { priority: 1 }));
  // Only this card loses its QR code when its text is more than a QR code holds: it says so where
  // the QR would be, before the oversize login that may fill the rest of the card.
  if (qrLeftOut(qrText(a, ctx.entUrl, ctx.qr))) blocks.push(body('qr.none', say(d, 'qr.tooLong'), { tone: 'muted', gap: 1.3 }));
  blocks.push(
    { id: 'address', lead: say(d, v.dense ? 'address.dense.lead' : 'address.short.lead'), text: host, size: 9.5, min: min.address, bold: true, fit: 'shrink', gap: 1.3 * g },
    { id: 'login', lead: say(d, 'login.lead'), leadMin: min.body, text: a.login, size: 11.5, min: min.login, bold: true, fit: 'shrink', wideFloor: LOGIN_WIDE_FLOOR_PT, gap: 0.8 * g },
  );
  if (branch === 'activate') {
    blocks.push(
      { id: 'code', lead: say(d, 'code.lead'), text: a.activationCode ?? '', size: 11.5, min: min.code, bold: true, mono: true, fit: 'shrink', gap: 0.5 * g, tone: 'code' },
      body('steps', say(d, v.dense ? 'first.dense' : 'first.short', { rule: ruleText(ctx) }) + (v.dense && ctx.qr === 'full' ? ` ${say(d, 'qr.secret.dense')}` : ''), { priority: 1, gap: 1.5 * g }),
    );
    // the denser card says it in the same paragraph as the steps
    if (ctx.qr === 'full' && !v.dense) blocks.push(body('secret', say(d, 'qr.secret'), { priority: 1, tone: 'muted' }));
  } else if (branch === 'activated') {
    blocks.push(body('steps', say(d, v.dense ? 'forgot.dense' : 'forgot.short'), { priority: 1, gap: 1.5 * g }));
  }
  const academie = a.profile === 'Teacher' ? academieText(ctx, true, v.dense) : undefined;
  if (academie) blocks.push(body('academie', academie, { priority: 1 }));
  if (ctx.mobileApp) blocks.push(body('app', say(d, v.dense ? 'app.one.dense' : 'app.one'), { priority: 2, tone: 'muted' }));
  if (ctx.customText) blocks.push(body('custom', ctx.customText, { priority: 2, tone: 'muted' }));

  const spec: CardSpec = {
    box,
    padding: 3.2,
    ...(v.tight ? { lineFactor: 1.05 } : v.dense ? { lineFactor: 1.1 } : {}),
    logo: logoBox(ctx, 7),
    school: ctx.schoolName ? { id: 'school', text: ctx.schoolName, size: 8.5, min: min.body, fit: 'shrink', tone: 'muted' } : undefined,
    blocks,
    qrGap: 2.5,
  };
  // The QR column starts beside the profile line; an identifiant too long to share its line with
  // the QR takes the full width below it.
  // the tightest card starts its QR level with the name (the text below it gets the full width
  // sooner) and leaves out the host under it: its « Site : » line names the same host
  spec.qr = qrSpec(a, ctx, QR_MM.simplePdf[v.smallQr ? 1 : 0], v.tight ? 'name' : 'profile', 8.5, min.body, v.smallQr, v.tight);
  return spec;
}

/**
 * The host under the QR. Every card's QR starts with the same origin: its host is parsed once per
 * origin (a `URL` per card and variant was 3 % of a render), and only the origin is remembered,
 * never the path and query that carry the login and code.
 */
const hosts = new Map<string, string>();
const ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\\@\s]+(?=\/|$)/i;
function qrHost(text: string): string {
  const origin = ORIGIN.exec(text)?.[0];
  let host = origin === undefined ? undefined : hosts.get(origin);
  if (host !== undefined) return host;
  try {
    host = new URL(text).host;
  } catch {
    return text.slice(0, 60);
  }
  if (origin !== undefined && hosts.size < 100) hosts.set(origin, host);
  return host;
}

function qrSpec(a: Account, ctx: CardContext, size: number, anchor: string, capSize: number, hostSize: number, short = false, noHost = false): CardSpec['qr'] {
  const text = qrText(a, ctx.entUrl, ctx.qr);
  if (!text || qrLeftOut(text)) return undefined;
  const { d } = ctx;
  // under the smaller QR of a card that needs the room, one word: its column is as short as it can be
  const caption = short ? 'qr.short' : branchOf(a) !== 'activate' ? 'qr.site' : ctx.qr === 'login' ? 'qr.login' : 'qr.activate';
  const captions: BlockSpec[] = [
    // Where the QR leads, in small type right under it: a sheet whose QR goes elsewhere shows it.
    // One line, shrunk to the QR's width; a host too long even then breaks after a dot, never inside a word.
    { id: 'qr.host', text: noHost ? '' : qrHost(text), size: hostSize, min: hostSize, floor: HOST_FLOOR_PT, fit: 'shrink', breakAt: 'dots', align: 'center', gap: 0.2, tone: 'muted' },
    { id: 'qr.caption', text: say(d, caption), size: capSize, min: capSize, bold: true, align: 'center', gap: 0.3 },
  ];
  return { text, size, anchor, captions };
}

/** 1-up (A4 portrait) and 2-up (A5 halves of A4 landscape): larger type, numbered steps, help. */
function detailedSheet(a: Account, box: Rect, ctx: CardContext, model: 'pdf' | 'newPdf', extra: CardExtra, v: CardVariant): CardSpec {
  const { d } = ctx;
  const s = model === 'newPdf' ? 0.8 : 1;
  const min = MIN_PT[model];
  const url = cleanUrl(ctx.entUrl);
  const branch = branchOf(a);
  const g = v.dense ? 0.5 : 1;
  const B = (b: BlockSpec): BlockSpec => ({ ...b, size: b.size * s, gap: (b.gap ?? 1) * s * g, indent: b.indent && b.indent * s });
  /** Body text: 12 pt on 1 per page, 9.6 pt on 2 per page, never below the model's floor. */
  const body = (id: string, text: string, more: Partial<BlockSpec> = {}): BlockSpec => B({ id, text, size: 12, min: min.body, gap: 2.2, ...more });
  const steps = (texts: string[]): BlockSpec[] =>
    texts.map((text, i) => body(`step${i + 1}`, text, { gap: i ? 2.2 : 3, label: `${i + 1}.`, indent: 7, priority: 1 }));
  const title = branch === 'activate' ? 'title.first' : branch === 'activated' ? 'title.account' : 'title.teacher';
  const blocks: BlockSpec[] = [];
  if (extra.familyLine) blocks.push(B({ id: 'family', text: extra.familyLine, size: 11, min: min.body, bold: true, tone: 'accent', gap: 0 }));
  blocks.push(
    B({ id: 'title', text: say(d, title), size: 20, min: 13 * s, bold: true, fit: 'shrink', tone: 'accent', gap: 4 }),
    body('for', say(d, 'for'), { gap: 5, tone: 'muted' }),
    B({ id: 'name', text: displayName(a), size: 18, min: min.login, floor: min.long, bold: true, fit: 'shrink', gap: 1 }),
    body('profile', profileLine(a, d), { gap: 1.5 }),
  );
  if (branch === 'activated') blocks.push(body('intro', say(d, 'activated.intro'), { gap: 6 }));
  if (branch === 'teacher') blocks.push(body('intro', say(d, 'teacher.activated', { ent: entName(url) }), { gap: 6, bold: true }));
  if (qrLeftOut(qrText(a, ctx.entUrl, ctx.qr))) blocks.push(body('qr.none', say(d, 'qr.tooLong'), { gap: 4, tone: 'muted' }));
  blocks.push(
    B({ id: 'address', lead: say(d, 'address.lead'), text: url, size: 13, min: min.address, bold: true, fit: 'shrink', gap: 7 }),
    B({ id: 'login', lead: say(d, 'login.lead'), leadMin: min.body, text: a.login, size: 15, min: min.login, bold: true, fit: 'shrink', wideFloor: LOGIN_WIDE_FLOOR_PT, gap: 2.5 }),
  );
  if (branch === 'activate') {
    blocks.push(B({ id: 'code', lead: say(d, 'code.lead'), text: a.activationCode ?? '', size: 15, min: min.code, bold: true, mono: true, fit: 'shrink', gap: 2, tone: 'code' }));
    blocks.push(body('steps.title', say(d, 'first.intro'), { size: 13, bold: true, gap: 9, tone: 'accent', priority: 1 }));
    const step4 = ctx.mailRequired ? 'first.step4.required' : 'first.step4';
    blocks.push(
      ...steps([
        say(d, 'first.step1', { url }),
        say(d, 'first.step2'),
        say(d, 'first.step3', { rule: ruleText(ctx) }),
        say(d, step4),
        say(d, 'first.step5'),
      ]),
    );
    if (ctx.qr === 'full') blocks.push(body('secret', say(d, 'qr.secret'), { gap: 4, tone: 'muted', priority: 1 }));
  } else if (branch === 'activated') {
    blocks.push(body('steps.title', say(d, 'forgot.title'), { size: 13, bold: true, gap: 9, tone: 'accent', priority: 1 }));
    blocks.push(...steps([say(d, 'forgot.step1', { url }), say(d, 'forgot.step2'), say(d, 'forgot.step3')]));
    blocks.push(body('noMail', say(d, 'forgot.noMail'), { gap: 4, tone: 'muted', priority: 1 }));
  }
  const academie = a.profile === 'Teacher' ? academieText(ctx, false) : undefined;
  if (academie) blocks.push(body('academie', academie, { gap: 5, priority: 1 }));
  if (ctx.mobileApp) blocks.push(body('app', say(d, 'app.one'), { gap: 5, priority: 2 }));
  blocks.push(body('help', ctx.helpUrl ? say(d, 'help.url', { url: ctx.helpUrl }) : say(d, 'help.school'), { gap: 5, priority: 1 }));
  blocks.push(body('keep', say(d, branch === 'activate' ? 'first.keep' : 'activated.keep'), { gap: 3, bold: true, priority: 1 }));
  if (ctx.customText) blocks.push(body('custom', ctx.customText, { gap: 6, priority: 2 }));

  return {
    box,
    padding: 18 * s,
    logo: logoBox(ctx, 16 * s),
    school: ctx.schoolName ? B({ id: 'school', text: ctx.schoolName, size: 12, min: min.body, fit: 'shrink', tone: 'muted' }) : undefined,
    blocks,
    qr: qrSpec(a, ctx, QR_MM[model][v.smallQr ? 1 : 0], 'address', 12 * s, min.body),
    qrGap: 5 * s,
    spread: true,
  };
}
