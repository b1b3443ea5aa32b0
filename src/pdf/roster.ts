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
import { cellPadding, fittingSize, textWidth, wrapCell } from './table-fit';

/** Type sizes of the roster (pt): body, header, and the floors a long word or login may shrink to. */
export const ROSTER_PT = { body: 9, head: 9, wordFloor: 7, loginFloor: 6 } as const;

/**
 * Sign-off roster of one class (jspdf-autotable), on new pages in the given orientation. Every
 * login stands whole on one line (its column widens, then the cell's type shrinks); names and
 * headers wrap at spaces and hyphens only.
 */
export function drawRosterTable(ctx: Ctx, className: string, accounts: Account[], orientation: 'portrait' | 'landscape' = 'portrait') {
  const { doc, d } = ctx;
  newPage(ctx, orientation);
  const W = doc.internal.pageSize.getWidth();
  const title = say(d, 'roster.title', { class: className });
  const sub = [ctx.opts.schoolName, formatDate(ctx.date, ctx.opts.lang)].filter(Boolean).join(' — ');
  const P = ROSTER_PT;
  const pad = 2 * cellPadding(doc) + 0.4;
  const width = (t: string, bold = false) => textWidth(doc, t, P.body, bold, ctx.hasBold);
  const head = [d['roster.lastName'], d['roster.firstName'], d['roster.profile'], d['roster.login'], d['roster.given'], d['roster.signature']];
  const rows = accounts.map((a) => [a.lastName, a.firstName, profileLabel(a, d), a.login]);
  // columns: the profile as wide as its longest word, « Remis le » whole on one line (a short header
  // split into « Remis / le » reads as two labels); the login as wide as its longest login (within
  // what leaves the signature 30 mm); names share the rest
  const avail = W - 24;
  const extra = W - 210; // landscape: the signature column takes the extra width
  const headWord = (i: number) => Math.max(...head[i]!.split(/\s+/).map((w) => width(w, true)));
  const profileW = Math.max(18, headWord(2) + pad, ...rows.map((r) => width(r[2]!) + pad));
  const givenW = Math.max(18, width(head[4]!, true) + pad);
  const sigMin = 30 + extra * 0.4;
  const names = { last: 34 + extra * 0.15, first: 28 + extra * 0.1 };
  const loginNeed = Math.max(headWord(3), ...rows.map((r) => width(r[3]!))) + pad;
  const loginMax = avail - 28 - 22 - profileW - givenW - sigMin;
  const loginW = Math.min(Math.max(38 + extra * 0.15, loginNeed), Math.max(38, loginMax));
  const spare = avail - loginW - profileW - givenW - sigMin;
  const k = Math.min(1, spare / (names.last + names.first));
  const widths = [names.last * k, names.first * k, profileW, loginW, givenW];
  // each cell: its text wrapped at spaces and hyphens, at a size where its widest word (or login) fits
  const cell = (text: string, col: number, bold = false) => {
    const inner = widths[col]! - pad;
    const whole = col === 3;
    const size = fittingSize(doc, text, bold ? P.head : P.body, whole ? P.loginFloor : P.wordFloor, inner, bold, ctx.hasBold, whole);
    return { content: whole ? text : wrapCell(doc, text, size, inner, bold, ctx.hasBold), styles: { fontSize: size } };
  };
  autoTable(doc, {
    startY: 30,
    margin: { top: 30, left: 12, right: 12, bottom: 14 },
    head: [head.map((h, i) => (i < 5 ? cell(h, i, true) : h))],
    body: rows.map((r) => [...r.map((t, i) => cell(t, i)), '', '']),
    theme: 'grid',
    styles: { font: FONT, fontStyle: 'normal', fontSize: P.body, minCellHeight: 11, valign: 'middle', textColor: 20, lineColor: 120, lineWidth: 0.2, overflow: 'linebreak' },
    headStyles: { font: FONT, fontStyle: ctx.hasBold ? 'bold' : 'normal', fontSize: P.head, fillColor: [230, 233, 240], textColor: 20, minCellHeight: 8 },
    columnStyles: Object.fromEntries([...widths.map((w, i) => [i, { cellWidth: w }]), [5, { cellWidth: 'auto' }]]),
    didDrawPage: () => {
      setFont(ctx, 15, true, 'accent');
      doc.text(wrapCell(doc, title, 15, W - 24, true, ctx.hasBold).split('\n'), 12, 16);
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
