/** The sign-off roster: one table per class (jspdf-autotable), alone or after each class's sheets. */
import { autoTable } from 'jspdf-autotable';
import type { Account } from '../model/account';
import { say } from '../i18n/sheets';
import { FONT } from './fonts';
import { makeCtx, newPage, type Ctx } from './context';
import { finish, makeDoc, yieldToLoop } from './document';
import { setFont } from './draw';
import type { RenderResult, RosterOptions } from './options';
import { byClass } from './plan';
import { formatDate, profileLabel } from './wording';

/** Sign-off roster of one class (jspdf-autotable), on new pages in the given orientation. */
export function drawRosterTable(ctx: Ctx, className: string, accounts: Account[], orientation: 'portrait' | 'landscape' = 'portrait') {
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

export async function renderRoster(accounts: Account[], opts: RosterOptions): Promise<RenderResult> {
  const { doc, hasBold, hasMono } = makeDoc('portrait', opts.font);
  const ctx = makeCtx(doc, { hasBold, hasMono }, opts);
  for (const g of byClass(accounts, ctx.d)) drawRosterTable(ctx, g.name, g.accounts);
  await yieldToLoop();
  return finish(doc);
}
