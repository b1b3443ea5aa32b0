/** The login sheets: cards in slots page after page, class covers, family cards, envelope labels. */
import type { Account } from '../model/account';
import { layoutCard, type CardLayout, type Rect } from './layout';
import { fitCard, perPage, slotBox } from './cards';
import { coverCardSpec, familyCardSpec, labelSpec, LABELS, labelBox, type CoverInfo } from './covers';
import type { FamilyInfo } from './households';
import { planPages, type PlanEntry, type PlanEnv } from './pages';
import { formatDate } from './wording';
import { makeCtx, newPage, type Ctx } from './context';
import { finish, freeTexts, makeDoc, yieldToLoop } from './document';
import { cutMarks, drawLayout, drawPlate } from './draw';
import type { RenderResult, SheetOptions } from './options';
import { drawRosterTable } from './roster';
import { layoutLetter, type LetterEnv, type LetterInput, type LetterLayout, type LetterOp } from './letter';
import { drawQr } from './qr';
import { FONT, MONO } from './fonts';
import { TONES } from './draw';

const CHUNK = 25;

/** A class cover on a page or half a sheet (2 per page), centred in its box. */
function drawCoverIn(ctx: Ctx, info: CoverInfo, area: Rect, size: 'page' | 'half') {
  const box = { x: area.x + area.w * 0.12, y: area.y + area.h * 0.18, w: area.w * 0.76, h: area.h * 0.6 };
  drawPlate(ctx, box);
  drawLayout(ctx, layoutCard(coverCardSpec(info, box, ctx.card, size), ctx.m), false);
}

/** The plan's environment from a render's context: wording, printed date, school. */
export const planEnv = (ctx: Ctx, opts: SheetOptions): PlanEnv => ({
  d: ctx.d,
  date: formatDate(ctx.date, opts.lang),
  ...(ctx.card.schoolName ? { schoolName: ctx.card.schoolName } : {}),
});

/** What every letter of a run shares, from the render's context. */
export const letterEnv = (ctx: Ctx, opts: SheetOptions): LetterEnv => {
  const c = ctx.card;
  return {
    entUrl: c.entUrl, qr: c.qr, date: formatDate(ctx.date, 'fr'),
    ...(c.schoolName ? { schoolName: c.schoolName } : {}),
    ...(opts.passwordRule ? { passwordRule: opts.passwordRule } : {}),
    // the sheets' hint is in the sheets' language: the letter's French takes it only in French
    ...(c.passwordHint && opts.lang === 'fr' ? { passwordHint: c.passwordHint } : {}),
    mailRequired: c.mailRequired ?? null,
    mobileApp: !!c.mobileApp,
    ...(c.helpUrl ? { helpUrl: c.helpUrl } : {}),
    ...(c.customText ? { customText: c.customText } : {}),
  };
};

/** One letter's input from its plan entry: its family, its second language, the relaunch's date (dd/mm/yyyy). */
export function letterInput(entry: Extract<PlanEntry, { kind: 'letter' }>, opts: Pick<SheetOptions, 'relaunch'>): LetterInput {
  const d = entry.since ? new Date(entry.since) : null;
  const p = (n: number) => String(n).padStart(2, '0');
  const since = d && !Number.isNaN(d.getTime()) ? `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()}` : undefined;
  return { accounts: entry.accounts, ...(entry.lang2 ? { lang2: entry.lang2 } : {}), ...(opts.relaunch ? { relaunch: since ? { since } : {} } : {}) };
}

/** A letter's pages in the PDF: its own, and a blank back when duplex asks for an even count. */
export const letterPages = (l: LetterLayout, opts: Pick<SheetOptions, 'letterDuplex'>): number => duplexPages(l.pages.length, opts);

/**
 * Printed « recto verso », every part of a letters run (a letter, a class roster, a page of labels)
 * takes an even number of pages, so none starts on the back of another: a family never takes home
 * a class roster (names, logins) on the back of its letter.
 */
export const duplexPages = (pages: number, opts: { letterDuplex?: boolean; model?: SheetOptions['model'] }): number =>
  pages + (opts.letterDuplex && (opts.model ?? 'letter') === 'letter' && pages % 2 ? 1 : 0);

function drawLetterOps(ctx: Ctx, ops: LetterOp[]) {
  const { doc } = ctx;
  for (const o of ops) {
    if (o.op === 'text') {
      if (o.mono && ctx.hasMono) doc.setFont(MONO, 'bold');
      else doc.setFont(FONT, o.bold && ctx.hasBold ? 'bold' : 'normal');
      doc.setFontSize(o.size);
      doc.setTextColor(...TONES[o.tone]);
      // Right-to-left text goes in logical order: jsPDF's bidi engine orders it for the page in a
      // right-to-left paragraph and mirrors its brackets (its default reads every line as left to right)
      const bidi = o.rtl ? { isInputVisual: false, isOutputVisual: true, isInputRtl: true, isOutputRtl: false, isSymmetricSwapping: true } : {};
      doc.text(o.text, o.x, o.y, { ...(o.align === 'right' ? { align: 'right' as const } : {}), ...bidi } as Parameters<typeof doc.text>[3]);
    } else if (o.op === 'qr') drawQr(doc, o.text, o.x, o.y, o.size);
    else if (o.op === 'line') {
      doc.setDrawColor(...(o.strong ? TONES.accent : ([190, 190, 190] as [number, number, number])));
      doc.setLineWidth(o.strong ? 0.4 : 0.2);
      doc.line(o.x, o.y, o.x + o.w, o.y);
    } else {
      doc.setFillColor(...TONES.accent);
      doc.rect(o.x, o.y, 0.7, o.h, 'F');
    }
  }
}

export async function renderSheets(accounts: Account[], opts: SheetOptions): Promise<RenderResult> {
  const model = opts.model;
  // Every page of a run shares the sheets' orientation: covers and rosters included (2 per page: landscape).
  const orientation = model === 'newPdf' ? 'landscape' : 'portrait';
  const { doc, hasBold, hasMono } = makeDoc(orientation, opts.font, freeTexts(accounts, opts), accounts.some((a) => !!a.activationCode));
  const ctx = makeCtx(doc, { hasBold, hasMono }, opts);
  const total = accounts.length;
  let done = 0;
  opts.onProgress?.(0, total);

  for (const entry of planPages(accounts, opts, planEnv(ctx, opts))) {
    if (entry.kind === 'cover') {
      newPage(ctx, orientation);
      drawCoverIn(ctx, entry.cover, { x: 0, y: 0, w: doc.internal.pageSize.getWidth(), h: doc.internal.pageSize.getHeight() }, 'page');
    } else if (entry.kind === 'roster' || entry.kind === 'labels') {
      const before = ctx.pageUsed ? doc.getNumberOfPages() : 0;
      if (entry.kind === 'roster') drawRosterTable(ctx, entry.className, entry.accounts, orientation);
      else drawLabels(ctx, entry.families);
      const drawn = doc.getNumberOfPages() - before;
      if (duplexPages(drawn, opts) > drawn) newPage(ctx, orientation); // its blank back, before the next letter
    }
    else if (entry.kind === 'letter') {
      const l = layoutLetter(letterInput(entry, opts), letterEnv(ctx, opts), ctx.m);
      for (const p of l.pages) {
        newPage(ctx, orientation);
        drawLetterOps(ctx, p.ops);
      }
      if (letterPages(l, opts) > l.pages.length) newPage(ctx, orientation); // the blank back of a duplex letter
      done += entry.accounts.length;
      opts.onProgress?.(done, total);
      await yieldToLoop();
    } else {
      newPage(ctx, orientation);
      for (const [slot, item] of entry.slots.entries()) {
        const box = slotBox(model, slot);
        if (item.kind === 'account') {
          drawLayout(ctx, fitCard(item.account, model, box, ctx.card, ctx.m, item.familyLine ? { familyLine: item.familyLine } : {}).layout, model !== 'simplePdf');
          done++;
          if (done % CHUNK === 0) {
            opts.onProgress?.(done, total);
            await yieldToLoop();
          }
        } else if (item.kind === 'cover' && model !== 'simplePdf') drawCoverIn(ctx, item.cover, box, model === 'pdf' ? 'page' : 'half');
        else {
          drawPlate(ctx, box);
          const spec = item.kind === 'family' ? familyCardSpec(item.family, box, ctx.card) : coverCardSpec(item.cover, box, ctx.card, 'card');
          drawLayout(ctx, layoutCard(spec, ctx.m), false);
        }
      }
      if (perPage(model) > 1) cutMarks(doc, model, entry.slots.length);
    }
  }
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

/** Layout of every card (pure geometry, jsPDF metrics) — for tests and debugging. */
export function layoutAll(accounts: Account[], opts: SheetOptions): CardLayout[] {
  const { doc, hasBold, hasMono } = makeDoc('portrait', opts.font, undefined, true);
  const ctx = makeCtx(doc, { hasBold, hasMono }, opts);
  const n = perPage(opts.model);
  return accounts.map((a, i) => fitCard(a, opts.model, slotBox(opts.model, i % n), ctx.card, ctx.m).layout);
}
