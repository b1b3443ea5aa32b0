/**
 * The print preview (« Aperçu avant impression »): one account's card laid out by the real engine
 * (cardSpec + layoutCard with jsPDF's metrics, as renderSheets does) and turned into a small SVG
 * tree drawn the way draw.ts draws it, so the panel shows that card at its printed size without
 * jsPDF in its bundle. Runs in the PDF worker (popup/panel/pdf-worker.ts).
 */
import type { Account } from '../model/account';
import { displayName } from '../model/account';
import type { Lang } from '../i18n/french';
import { fitCard, slotBox } from './cards';
import { TONES } from './draw';
import { checkFit, measuringCtx, planPageCounts, type FitOptions, type FitProblem, type FitReport } from './fit';
import { BASELINE_EM, PT, type CardLayout, type PlacedText } from './layout';
import { planPages, type PlanEntry } from './pages';
import { letterEnv, letterInput, planEnv } from './sheets';
import { layoutLetter, letterTitle, type LetterOp } from './letter';
import { QR_QUIET, qrRuns } from './qr';
import { qrText } from './wording';

/** An SVG element as plain data (it crosses from the worker): the panel renders it as text, never as HTML. */
export interface SvgNode {
  tag: 'svg' | 'g' | 'rect' | 'path' | 'text' | 'image';
  attrs: Record<string, string | number>;
  children?: Array<SvgNode | string>;
}

export interface PreviewCard {
  /** The card's size on paper, mm. */
  w: number;
  h: number;
  svg: SvgNode;
  /** Who it is (the first selected account), for the caption. */
  name: string;
  /** The code was masked (an account with a code). */
  masked: boolean;
}

/** The code's characters, each shown as a bullet: same length, same monospaced width. */
const MASK = '•';

const rgb = (tone: PlacedText['tone']) => `rgb(${TONES[tone].join(',')})`;
const mm = (v: number) => Math.round(v * 100) / 100;

function textNodes(t: PlacedText): SvgNode[] {
  const out: SvgNode[] = [];
  const fontSize = mm(t.size * PT);
  const face = (mono: boolean, bold: boolean, tone: PlacedText['tone']) => ({
    'font-family': mono ? 'PreviewMono' : 'PreviewSans',
    'font-weight': mono || bold ? 'bold' : 'normal',
    'font-size': fontSize,
    fill: rgb(tone),
  });
  let base = t.y + BASELINE_EM * t.size * PT;
  let x = t.textX;
  if (t.lead) {
    out.push({ tag: 'text', attrs: { x: mm(x), y: mm(base), ...face(false, t.bold, t.tone === 'code' ? 'text' : t.tone) }, children: [t.lead.text] });
    if (t.lead.inline) x += t.lead.w;
    else base += t.lineH;
  }
  const f = face(t.mono, t.bold, t.tone);
  if (t.label) out.push({ tag: 'text', attrs: { x: mm(t.x), y: mm(base), ...f }, children: [t.label] });
  // as draw.ts: after an inline lead, the value is one line
  (t.lead?.inline ? t.lines.slice(0, 1) : t.lines).forEach((line, i) => {
    const y = mm(base + i * t.lineH);
    if (t.align === 'center') out.push({ tag: 'text', attrs: { x: mm(t.x + t.w / 2), y, 'text-anchor': 'middle', ...f }, children: [line] });
    else out.push({ tag: 'text', attrs: { x: mm(i === 0 ? x : t.textX), y, ...f }, children: [line] });
  });
  return out;
}

/** The QR as one path of dark modules (runs per row), quiet zone as a white square: as drawQr draws it. */
function qrNodes(text: string, x: number, y: number, size: number): SvgNode[] {
  const { n, runs } = qrRuns(text);
  const mod = size / (n + 2 * QR_QUIET);
  let d = '';
  for (const [r, start, len] of runs) d += `M${mm(x + (QR_QUIET + start) * mod)} ${mm(y + (QR_QUIET + r) * mod)}h${mm(len * mod)}v${mm(mod)}h${mm(-len * mod)}z`;
  return [
    { tag: 'rect', attrs: { x: mm(x), y: mm(y), width: mm(size), height: mm(size), fill: '#fff' } },
    { tag: 'path', attrs: { d, fill: '#000', 'shape-rendering': 'crispEdges' } },
  ];
}

/** The light panel behind address, login and code on 1 and 2 per page (drawLayout's `frame`). */
function frameNode(l: CardLayout): SvgNode | null {
  const ids = new Set(['address', 'login', 'code']);
  const cred = l.texts.filter((t) => ids.has(t.id));
  if (!cred.length) return null;
  const x = l.content.x - 3;
  const y = Math.min(...cred.map((t) => t.y)) - 2.5;
  const right = Math.max(...cred.map((t) => t.x + t.w)) + 1;
  const bottom = Math.max(...cred.map((t) => t.y + t.h)) + 2.5;
  return { tag: 'rect', attrs: { x: mm(x), y: mm(y), width: mm(right - x), height: mm(bottom - y), rx: 2, fill: 'rgb(242,245,250)' } };
}

/** The layout of one card as an SVG tree, in the card's own millimetres (origin at its top-left). */
export function layoutSvg(l: CardLayout, opts: { frame: boolean; qrText?: string; label: string }): SvgNode {
  const { box } = l;
  const children: SvgNode[] = [{ tag: 'rect', attrs: { x: mm(box.x), y: mm(box.y), width: mm(box.w), height: mm(box.h), fill: '#fff' } }];
  if (opts.frame) {
    const f = frameNode(l);
    if (f) children.push(f);
  }
  if (l.logo) children.push({ tag: 'image', attrs: { x: mm(l.logo.x), y: mm(l.logo.y), width: mm(l.logo.w), height: mm(l.logo.h), href: 'logo' } });
  for (const t of l.texts) children.push(...textNodes(t));
  if (l.qr) children.push(...qrNodes(opts.qrText ?? l.qr.text, l.qr.x, l.qr.y, l.qr.size));
  return {
    tag: 'svg',
    attrs: { viewBox: `${mm(box.x)} ${mm(box.y)} ${mm(box.w)} ${mm(box.h)}`, width: `${mm(box.w)}mm`, height: `${mm(box.h)}mm`, role: 'img', 'aria-label': opts.label },
    children,
  };
}

/**
 * The first account's card as the PDF lays it out (fitCard, in its slot of the page plan, with its family
 * line if any), its code masked (same length, same monospaced width: the same layout), its QR drawn
 * from a stand-in code of the same length (as many modules, leads nowhere).
 */
export function previewCard(accounts: Account[], opts: FitOptions, plan?: PlanEntry[]): PreviewCard | null {
  const account = accounts[0];
  if (!account) return null;
  if (opts.model === 'letter') return previewLetter(accounts, opts);
  const code = account.activationCode;
  const masked: Account = code ? { ...account, activationCode: MASK.repeat(code.length) } : account;
  const ctx = measuringCtx(opts);
  let slot = 0;
  let familyLine: string | undefined;
  for (const entry of plan ?? planPages(accounts, opts, planEnv(ctx, opts))) {
    if (entry.kind !== 'slots') continue;
    const i = entry.slots.findIndex((s) => s.kind === 'account' && s.account.id === account.id);
    if (i < 0) continue;
    slot = i;
    const item = entry.slots[i]!;
    if (item.kind === 'account') familyLine = item.familyLine;
    break;
  }
  const box = slotBox(opts.model, slot);
  const { layout } = fitCard(masked, opts.model, box, ctx.card, ctx.m, familyLine ? { familyLine } : {});
  const stand = code ? qrText({ ...account, activationCode: 'x'.repeat(code.length) }, ctx.card.entUrl, ctx.card.qr) : null;
  const name = displayName(account);
  return {
    w: box.w,
    h: box.h,
    svg: layoutSvg(layout, { frame: opts.model !== 'simplePdf', ...(stand ? { qrText: stand } : {}), label: name }),
    name,
    masked: !!code,
  };
}

/** A letter's op as SVG: the same baselines, faces and alignment as sheets.ts draws them. */
function letterNodes(o: LetterOp): SvgNode[] {
  if (o.op === 'text') {
    const attrs: Record<string, string | number> = {
      x: mm(o.x), y: mm(o.y), 'font-family': o.mono ? 'PreviewMono' : 'PreviewSans', 'font-weight': o.mono || o.bold ? 'bold' : 'normal',
      'font-size': mm(o.size * PT), fill: rgb(o.tone),
    };
    if (o.align === 'right') attrs['text-anchor'] = 'end';
    return [{ tag: 'text', attrs, children: [o.text] }];
  }
  if (o.op === 'qr') return qrNodes(o.text, o.x, o.y, o.size);
  if (o.op === 'line') return [{ tag: 'rect', attrs: { x: mm(o.x), y: mm(o.y), width: mm(o.w), height: o.strong ? 0.4 : 0.2, fill: o.strong ? rgb('accent') : 'rgb(190,190,190)' } }];
  return [{ tag: 'rect', attrs: { x: mm(o.x), y: mm(o.y), width: 0.7, height: mm(o.h), fill: rgb('accent') } }];
}

/** The first letter's first page, every code masked and every QR a stand-in of the same length (leads nowhere). */
function previewLetter(accounts: Account[], opts: FitOptions): PreviewCard | null {
  const ctx = measuringCtx(opts);
  const entry = planPages(accounts, opts, planEnv(ctx, opts)).find((e) => e.kind === 'letter');
  if (!entry || entry.kind !== 'letter') return null;
  const masked = entry.accounts.map((a) => (a.activationCode ? { ...a, activationCode: MASK.repeat(a.activationCode.length) } : a));
  const l = layoutLetter(letterInput({ ...entry, accounts: masked }, opts), letterEnv(ctx, opts), ctx.m);
  const stand = (t: string) => t.replace(/activationCode=((?:%E2%80%A2)+)/, (_m, b: string) => `activationCode=${'x'.repeat(b.length / 9)}`);
  const page = l.pages[0]!;
  const name = letterTitle(entry.accounts);
  const children: SvgNode[] = [{ tag: 'rect', attrs: { x: 0, y: 0, width: 210, height: 297, fill: '#fff' } }];
  for (const o of page.ops) children.push(...letterNodes(o.op === 'qr' ? { ...o, text: stand(o.text) } : o));
  return {
    w: 210,
    h: 297,
    svg: { tag: 'svg', attrs: { viewBox: '0 0 210 297', width: '210mm', height: '297mm', role: 'img', 'aria-label': name }, children },
    name,
    masked: entry.accounts.some((a) => !!a.activationCode),
  };
}

export interface PreviewReport {
  /** The PDF's page count for this selection, model and options (checkFit: covers, rosters, labels included). */
  pages: number;
  /** What cannot fit, with its fix, in the panel's language (checkFit). */
  problems: FitProblem[];
  /** Cards whose layout had to adapt (denser instructions, smaller QR, a name on two lines…). */
  adapted: number;
  card: PreviewCard | null;
  /** The page count and the card only: every card's fit (problems, adapted) is still being checked. */
  partial?: boolean;
}

/**
 * What the preview can show at once: the page count (the plan alone, no card laid out) and the first
 * card. Every card's fit (fitSteps) comes after, in steps: at 5,000 accounts it takes seconds.
 */
export function previewQuick(accounts: Account[], opts: FitOptions): PreviewReport {
  return previewQuickPlan(accounts, opts).report;
}

/** previewQuick and the page plan it made, which the fit check that follows reuses (fitSteps' `plan`). */
export function previewQuickPlan(accounts: Account[], opts: FitOptions): { report: PreviewReport; plan: PlanEntry[] } {
  const ctx = measuringCtx(opts);
  const plan = planPages(accounts, opts, planEnv(ctx, opts));
  const pages = planPageCounts(plan, opts, ctx).reduce((a, b) => a + b, 0);
  return { report: { pages, problems: [], adapted: 0, card: previewCard(accounts, opts, plan), partial: true }, plan };
}

/** The whole report from a finished fit check and the quick part. */
export function previewFull(quick: PreviewReport, fit: FitReport): PreviewReport {
  return { pages: fit.pages, problems: fit.problems, adapted: fit.adaptations.filter((c) => c.adaptations.length).length, card: quick.card };
}

/** Everything the preview shows for a selection; `lang` is the panel's (messages), the sheets keep theirs. */
export function previewReport(accounts: Account[], opts: FitOptions, lang: Lang): PreviewReport {
  return previewFull(previewQuick(accounts, opts), checkFit(accounts, opts, lang));
}
