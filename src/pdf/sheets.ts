/** The login sheets: cards in slots page after page, class covers, family cards, envelope labels. */
import type { Account } from '../model/account';
import { layoutCard, type CardLayout, type Rect } from './layout';
import { fitCard, perPage, slotBox } from './cards';
import { coverCardSpec, familyCardSpec, labelSpec, LABELS, labelBox, type CoverInfo } from './covers';
import type { FamilyInfo } from './households';
import { planPages, type PlanEnv } from './pages';
import { formatDate } from './wording';
import { makeCtx, newPage, type Ctx } from './context';
import { finish, freeTexts, makeDoc, yieldToLoop } from './document';
import { cutMarks, drawLayout, drawPlate } from './draw';
import type { RenderResult, SheetOptions } from './options';
import { drawRosterTable } from './roster';

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
    } else if (entry.kind === 'roster') drawRosterTable(ctx, entry.className, entry.accounts, orientation);
    else if (entry.kind === 'labels') drawLabels(ctx, entry.families);
    else {
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
