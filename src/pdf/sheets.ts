/** The login sheets: cards in slots page after page, class covers, family cards, envelope labels. */
import type { Account } from '../model/account';
import { displayName, hasEmail, isActivated } from '../model/account';
import { layoutCard, type CardLayout } from './layout';
import { cardSpec, perPage, slotBox } from './cards';
import { coverCardSpec, familyCardSpec, familyLine, labelSpec, LABELS, labelBox, type CoverInfo } from './covers';
import { familyInfo, isFamily, type FamilyInfo } from './households';
import { formatDate } from './wording';
import { makeCtx, type Ctx } from './context';
import { finish, freeTexts, makeDoc, newPage, yieldToLoop } from './document';
import { cutMarks, drawLayout, drawPlate } from './draw';
import type { RenderResult, SheetOptions } from './options';
import { byClass, planSections } from './plan';
import { drawRosterTable } from './roster';

const CHUNK = 25;

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

/** Layout of every card (pure geometry, jsPDF metrics) — for tests and debugging. */
export function layoutAll(accounts: Account[], opts: SheetOptions): CardLayout[] {
  const { doc, hasBold, hasMono } = makeDoc('portrait', opts.font, undefined, true);
  const ctx = makeCtx(doc, { hasBold, hasMono }, opts);
  const n = perPage(opts.model);
  return accounts.map((a, i) => layoutCard(cardSpec(a, opts.model, slotBox(opts.model, i % n), ctx.card), ctx.m));
}
