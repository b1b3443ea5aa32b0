/**
 * What goes on one sheet / card, per model, as layout blocks (pure: no jsPDF here).
 */
import type { Account } from '../model/account';
import { displayName } from '../model/account';
import { fmt, type SheetDict } from '../i18n/sheets';
import type { BlockSpec, CardSpec, Rect } from './layout';
import { branchOf, cleanUrl, profileLine, qrText, type QrMode } from './wording';

export type SheetModel = 'pdf' | 'newPdf' | 'simplePdf';

export interface CardContext {
  d: SheetDict;
  entUrl: string;
  qr: QrMode;
  schoolName?: string;
  customText?: string;
  /** Logo box in mm at scale 1 of the 1-up sheet (height fixed, width from the aspect ratio). */
  logoAspect?: number;
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

/** Card spec for one account in one slot. */
export function cardSpec(a: Account, model: SheetModel, box: Rect, ctx: CardContext): CardSpec {
  return model === 'simplePdf' ? smallCard(a, box, ctx) : detailedSheet(a, box, ctx, model === 'newPdf' ? 0.74 : 1);
}

function logoBox(ctx: CardContext, h: number): { w: number; h: number } | undefined {
  if (!ctx.logoAspect) return undefined;
  const w = Math.min(h * ctx.logoAspect, h * 4);
  return { w, h: Math.min(h, w / ctx.logoAspect) };
}

function smallCard(a: Account, box: Rect, ctx: CardContext): CardSpec {
  const { d } = ctx;
  const url = cleanUrl(ctx.entUrl);
  const branch = branchOf(a);
  const blocks: BlockSpec[] = [
    { id: 'name', text: displayName(a), size: 12.5, min: 7, bold: true, fit: 'shrink', maxLines: 2 },
    { id: 'profile', text: profileLine(a, d), size: 8.5, min: 5.5, gap: 0.6, maxLines: 3, tone: 'muted' },
  ];
  if (branch === 'activated') blocks.push({ id: 'intro', text: d['activated.short'], size: 8, min: 5.5, gap: 1.5, priority: 1 });
  if (branch === 'teacher') blocks.push({ id: 'intro', text: d['teacher.academie'], size: 8, min: 5.5, gap: 1.5, priority: 0 });
  blocks.push(
    { id: 'address', text: fmt(d['address.short'], { url }), size: 8, min: 5.5, gap: 1.5 },
    { id: 'login', text: fmt(d.login, { login: a.login }), size: 10.5, min: 6, bold: true, fit: 'shrink', gap: 1 },
  );
  if (branch === 'activate') {
    blocks.push(
      { id: 'code', text: fmt(d.code, { code: a.activationCode ?? '' }), size: 10.5, min: 6, bold: true, fit: 'shrink', gap: 0.6, tone: 'code' },
      { id: 'steps', text: d['first.short'], size: 7, min: 5, gap: 1.6, priority: 1 },
    );
  } else if (branch === 'activated') {
    blocks.push({ id: 'steps', text: d['forgot.short'], size: 7, min: 5, gap: 1.6, priority: 1 });
  }
  if (ctx.customText) blocks.push({ id: 'custom', text: ctx.customText, size: 7, min: 5, gap: 1.6, priority: 2, tone: 'muted' });

  const spec: CardSpec = {
    box,
    padding: 4,
    logo: logoBox(ctx, 7),
    school: ctx.schoolName ? { id: 'school', text: ctx.schoolName, size: 7, min: 5, fit: 'shrink', maxLines: 1, tone: 'muted' } : undefined,
    blocks,
    qrGap: 2.5,
  };
  spec.qr = qrSpec(a, ctx, 26, 'profile', 6.5, 5);
  return spec;
}

function qrSpec(a: Account, ctx: CardContext, size: number, anchor: string, capSize: number, secretSize: number): CardSpec['qr'] {
  const text = qrText(a, ctx.entUrl, ctx.qr);
  if (!text) return undefined;
  const { d } = ctx;
  const activate = branchOf(a) === 'activate';
  const captions: BlockSpec[] = [
    { id: 'qr.caption', text: activate ? d['qr.activate'] : d['qr.site'], size: capSize, min: capSize * 0.8, bold: true, align: 'center', gap: 0.3, maxLines: 2 },
  ];
  if (activate) captions.push({ id: 'qr.secret', text: d['qr.secret'], size: secretSize, min: secretSize * 0.85, align: 'center', gap: 0.4, tone: 'muted', maxLines: 4 });
  return { text, size, anchor, captions };
}

/** 1-up (scale 1, A4 portrait) and 2-up (scale ~0.74, A5 half of A4 landscape). */
function detailedSheet(a: Account, box: Rect, ctx: CardContext, s: number): CardSpec {
  const { d } = ctx;
  const url = cleanUrl(ctx.entUrl);
  const branch = branchOf(a);
  const B = (b: BlockSpec): BlockSpec => ({ ...b, size: b.size * s, min: b.min * s, gap: (b.gap ?? 1) * s, indent: b.indent && b.indent * s });
  const title = branch === 'activate' ? d['title.first'] : branch === 'activated' ? d['title.account'] : d['title.teacher'];
  const blocks: BlockSpec[] = [
    B({ id: 'title', text: title, size: 20, min: 13, bold: true, fit: 'shrink', tone: 'accent', gap: 4 }),
    B({ id: 'for', text: d.for, size: 11, min: 8, gap: 5, tone: 'muted' }),
    B({ id: 'name', text: displayName(a), size: 18, min: 11, bold: true, fit: 'shrink', maxLines: 3, gap: 1 }),
    B({ id: 'profile', text: profileLine(a, d), size: 11, min: 8, gap: 1.5, maxLines: 4 }),
  ];
  if (branch === 'activated') blocks.push(B({ id: 'intro', text: d['activated.intro'], size: 11, min: 8, gap: 6 }));
  if (branch === 'teacher') blocks.push(B({ id: 'intro', text: d['teacher.academie'], size: 12, min: 8, gap: 6, bold: true }));
  blocks.push(
    B({ id: 'address', text: fmt(d.address, { url }), size: 12, min: 8, gap: 7 }),
    B({ id: 'login', text: fmt(d.login, { login: a.login }), size: 14, min: 9, bold: true, fit: 'shrink', gap: 2.5 }),
  );
  if (branch === 'activate') {
    blocks.push(B({ id: 'code', text: fmt(d.code, { code: a.activationCode ?? '' }), size: 14, min: 9, bold: true, fit: 'shrink', gap: 2, tone: 'code' }));
    blocks.push(B({ id: 'steps.title', text: d['first.intro'], size: 12, min: 8, bold: true, gap: 9, tone: 'accent', priority: 1 }));
    (['first.step1', 'first.step2', 'first.step3', 'first.step4', 'first.step5'] as const).forEach((k, i) =>
      blocks.push(B({ id: `step${i + 1}`, text: fmt(d[k], { url }), size: 11, min: 7.5, gap: i ? 2.2 : 3, label: `${i + 1}.`, indent: 7, priority: 1 })),
    );
    blocks.push(B({ id: 'keep', text: d['first.keep'], size: 10, min: 7, gap: 5, tone: 'muted', priority: 1 }));
  } else if (branch === 'activated') {
    blocks.push(B({ id: 'steps.title', text: d['forgot.title'], size: 12, min: 8, bold: true, gap: 9, tone: 'accent', priority: 1 }));
    (['forgot.step1', 'forgot.step2', 'forgot.step3', 'forgot.step4', 'forgot.step5'] as const).forEach((k, i) =>
      blocks.push(B({ id: `step${i + 1}`, text: fmt(d[k], { url }), size: 11, min: 7.5, gap: i ? 2.2 : 3, label: `${i + 1}.`, indent: 7, priority: 1 })),
    );
    blocks.push(B({ id: 'noMail', text: d['forgot.noMail'], size: 10, min: 7, gap: 4, tone: 'muted', priority: 1 }));
  }
  if (ctx.customText) blocks.push(B({ id: 'custom', text: ctx.customText, size: 11, min: 7, gap: 8, priority: 2 }));

  return {
    box,
    padding: 18 * s,
    logo: logoBox(ctx, 16 * s),
    school: ctx.schoolName ? B({ id: 'school', text: ctx.schoolName, size: 12, min: 8, fit: 'shrink', maxLines: 2, tone: 'muted' }) : undefined,
    blocks,
    qr: qrSpec(a, ctx, 40 * s, 'address', 10 * s, 8 * s),
    qrGap: 5 * s,
  };
}
