/**
 * checkFit: what a print will look like, before it is made. Pure (no drawing): it lays out every
 * card exactly as renderSheets will (same plan, same fitCard, same metrics) and counts the pages
 * the same way, so `pages` is the PDF's page count. It says per card what the layout adapted, and
 * what cannot fit, with the fix (« choisissez 2 par page », or the limit to shorten to).
 */
import type { Account } from '../model/account';
import { displayName } from '../model/account';
import { fitSay } from '../i18n/fit';
import type { Lang } from '../i18n/french';
import { fitCard, perPage, slotBox, type SheetModel } from './cards';
import { makeCtx, type Ctx } from './context';
import { makeDoc } from './document';
import type { Adaptation } from './layout';
import type { SheetOptions } from './options';
import { planPages, type PlanEntry } from './pages';
import { PdfMeasurer } from './measure';
import type { FontBytes } from './fonts';
import type { jsPDF } from 'jspdf';
import { drawRosterTable } from './roster';
import { duplexPages, letterEnv, letterInput, letterPages, planEnv } from './sheets';
import { layoutLetter } from './letter';
import { CUSTOM_TEXT_LIMITS } from './limits';

/** What checkFit needs: the render's options (the font for the metrics), without progress or output. */
export type FitOptions = Omit<SheetOptions, 'onProgress'>;

export { CUSTOM_TEXT_LIMITS };

/** One account's card: where it prints and what its layout adapted. */
export interface CardFit {
  accountId: string;
  /** The name as printed (for messages). */
  name: string;
  /** 1-based page and 0-based slot of the card in the PDF. */
  page: number;
  slot: number;
  /** What the layout adapted to hold everything (empty: the usual card). */
  adaptations: Adaptation[];
  /** Blocks left out whole because even the densest card could not hold them ('custom', 'app', 'qr'…). */
  dropped: string[];
  /** Blocks where a word wider than the card had to be cut inside. */
  broken: string[];
  /** Where the QR and its captions stand on the page (mm from the top left), when the card has one. */
  qrColumn?: { x: number; y: number; w: number; h: number };
}

/** Something a print cannot do as asked: shown before generating, with its fix. */
export interface FitProblem {
  /** 'custom-too-long': the custom paragraph is left out of some cards; 'dropped': other text left out; 'word-broken'. */
  kind: 'custom-too-long' | 'dropped' | 'word-broken';
  /** The accounts concerned, in print order. */
  accountIds: string[];
  /** The blocks concerned ('custom', 'app', 'academie', 'qr', step ids…). */
  blocks: string[];
  /** custom-too-long: the paragraph's length in characters and this model's limit. */
  length?: number;
  limit?: number;
  /** custom-too-long: every model's limit (Réglages shows them). */
  limits?: Record<SheetModel, number>;
  /** The suggested fix: a model whose cards hold the paragraph, or the length to shorten it to. */
  fix?: { model?: SheetModel; shortenTo?: number };
  /** The problem and its fix in words, in `lang` (the sheets' language unless given). */
  message: string;
}

export interface FitReport {
  /** The PDF's page count (sheets, covers, rosters, labels): renderSheets' `pages`, exactly. */
  pages: number;
  /** One entry per account's card, in print order. */
  adaptations: CardFit[];
  problems: FitProblem[];
}

const NAMES_SHOWN = 3;
const someNames = (cards: CardFit[], lang: Lang): string => {
  const names = cards.slice(0, NAMES_SHOWN).map((c) => c.name);
  const more = cards.length - names.length;
  return more > 0 ? `${names.join(', ')}${lang === 'fr' ? ` et ${more} autres` : ` and ${more} more`}` : names.join(', ');
};

/** A model whose guaranteed limit holds `length` characters, fewer sheets per page first. */
function modelFor(length: number, from: SheetModel): SheetModel | undefined {
  const order: SheetModel[] = ['simplePdf', 'newPdf', 'pdf'];
  return order.slice(order.indexOf(from) + 1).find((m) => CUSTOM_TEXT_LIMITS[m] >= length);
}

/**
 * Lays out the print without drawing it. `lang` is the language of the messages (the panel's);
 * the sheets' own language by default.
 */
export function checkFit(accounts: Account[], options: FitOptions, lang: Lang = options.lang): FitReport {
  const steps = fitSteps(accounts, options, lang);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * Counts the pages of plan entries, in order, as the PDF will have them: a roster drawn into a
 * scratch document (its table runs on as many pages as it needs), a letter laid out (returned too).
 */
function pageCounter(options: FitOptions, ctx: Ctx) {
  const orientation = options.model === 'newPdf' ? 'landscape' : 'portrait';
  let rosterCtx: Ctx | null = null;
  const lenv = options.model === 'letter' ? letterEnv(ctx, options) : null;
  return (entry: PlanEntry): { pages: number; letter?: ReturnType<typeof layoutLetter> } => {
    if (entry.kind === 'letter') {
      const letter = layoutLetter(letterInput(entry, options), lenv!, ctx.m);
      return { pages: letterPages(letter, options), letter };
    }
    if (entry.kind === 'labels') return { pages: duplexPages(1, options) };
    if (entry.kind !== 'roster') return { pages: 1 };
    if (!rosterCtx) {
      const scratch = makeDoc(orientation, options.font);
      rosterCtx = makeCtx(scratch.doc, { hasBold: scratch.hasBold, hasMono: scratch.hasMono }, options);
    }
    const before = rosterCtx.pageUsed ? rosterCtx.doc.getNumberOfPages() : 0;
    drawRosterTable(rosterCtx, entry.className, entry.accounts, orientation);
    return { pages: duplexPages(rosterCtx.doc.getNumberOfPages() - before, options) };
  };
}

/** Pages of each entry of a plan, as the PDF will have them (no sheet laid out: the plan, rosters and letters). */
export function planPageCounts(plan: PlanEntry[], options: FitOptions, ctx: Ctx = measuringCtx(options)): number[] {
  const count = pageCounter(options, ctx);
  return plan.map((e) => count(e).pages);
}

/**
 * checkFit in steps: it yields the number of cards laid out so far every `every` cards, so a
 * caller (the preview's worker) can give way between steps, or drop a check that a newer
 * selection made stale. The page count needs no card layout: the plan alone (see previewQuick).
 */
export function* fitSteps(accounts: Account[], options: FitOptions, lang: Lang = options.lang, every = 200, made?: PlanEntry[]): Generator<number, FitReport, void> {
  const model = options.model;
  const ctx = measuringCtx(options);
  // `made`: the plan of these accounts and options, already made (previewQuickPlan)
  const plan = made ?? planPages(accounts, options, planEnv(ctx, options));
  const count = pageCounter(options, ctx);
  const cards: CardFit[] = [];
  let page = 0;
  let next = every;
  for (const entry of plan) {
    const { pages, letter } = count(entry);
    if (letter) for (const r of letter.rows) cards.push({ accountId: r.accountId, name: r.name, page: page + r.page, slot: 0, adaptations: [], dropped: [], broken: r.broken });
    page += pages;
    if (entry.kind === 'slots') {
      for (const [slot, item] of entry.slots.entries()) {
        if (item.kind !== 'account') continue;
        const f = fitCard(item.account, model, slotBox(model, slot), ctx.card, ctx.m, item.familyLine ? { familyLine: item.familyLine } : {});
        cards.push({
          accountId: item.account.id, name: displayName(item.account), page, slot,
          adaptations: f.adaptations, dropped: f.layout.dropped, broken: f.layout.broken, ...(f.layout.qrColumn ? { qrColumn: f.layout.qrColumn } : {}),
        });
      }
    }
    if (cards.length >= next) {
      next = cards.length + every;
      yield cards.length;
    }
  }
  return { pages: page, adaptations: cards, problems: problemsOf(cards, options, lang) };
}

/**
 * A measuring context for these options. The jsPDF document that measures is made once per set of
 * fonts and kept, with its measurer's caches (the instructions are the same on every card): a
 * preview redone after each selection change parses the fonts once and measures each text once.
 */
const measuring = new WeakMap<FontBytes, { doc: jsPDF; m: PdfMeasurer; hasBold: boolean; hasMono: boolean }>();
export function measuringCtx(options: FitOptions): Ctx {
  const hit = measuringDoc(options.font);
  return makeCtx(hit.doc, hit, options, hit.m);
}

/**
 * The measuring document of these fonts, made now if need be: parsing the three faces takes about
 * a second of a cold worker, which the preview's worker spends when it starts rather than on the
 * director's first preview.
 */
export function measuringDoc(font: FontBytes): { doc: jsPDF; m: PdfMeasurer; hasBold: boolean; hasMono: boolean } {
  let hit = measuring.get(font);
  if (!hit) {
    const { doc, hasBold, hasMono } = makeDoc('portrait', font, undefined, true);
    hit = { doc, hasBold, hasMono, m: new PdfMeasurer(doc, hasBold, hasMono) };
    measuring.set(font, hit);
  }
  return hit;
}

function problemsOf(cards: CardFit[], options: FitOptions, lang: Lang): FitProblem[] {
  const out: FitProblem[] = [];
  const model = options.model;
  const custom = options.customText?.trim();
  const noCustom = cards.filter((c) => c.dropped.includes('custom'));
  if (custom && noCustom.length) {
    const length = Array.from(custom).length;
    const limit = CUSTOM_TEXT_LIMITS[model];
    const better = modelFor(length, model);
    const fix = better ? fitSay(lang, 'custom.fixModel', { model: fitSay(lang, `model.${better}`) }) : fitSay(lang, 'custom.fixShorten', { limit });
    out.push({
      kind: 'custom-too-long', accountIds: noCustom.map((c) => c.accountId), blocks: ['custom'], length, limit, limits: { ...CUSTOM_TEXT_LIMITS },
      fix: better ? { model: better, shortenTo: limit } : { shortenTo: limit },
      message: `${fitSay(lang, 'custom.tooLong', { length, cards: noCustom.length, model: fitSay(lang, `model.${model}`), limit })} ${fix}`,
    });
  }
  const other = cards.filter((c) => c.dropped.some((b) => b !== 'custom'));
  if (other.length) {
    const blocks = [...new Set(other.flatMap((c) => c.dropped.filter((b) => b !== 'custom')))];
    const what = [...new Set(blocks.map((b) => fitSay(lang, b === 'app' || b === 'academie' || b === 'qr' ? `block.${b}` : 'block.other')))].join(', ');
    out.push({
      kind: 'dropped', accountIds: other.map((c) => c.accountId), blocks,
      ...(perPage(model) > 1 ? { fix: { model: model === 'simplePdf' ? 'newPdf' : 'pdf' } } : {}),
      message: fitSay(lang, 'dropped', { cards: other.length, what, names: someNames(other, lang) }),
    });
  }
  const broken = cards.filter((c) => c.broken.length);
  if (broken.length) {
    out.push({
      kind: 'word-broken', accountIds: broken.map((c) => c.accountId), blocks: [...new Set(broken.flatMap((c) => c.broken))],
      message: fitSay(lang, model === 'letter' ? 'letter.broken' : 'broken', { cards: broken.length, names: someNames(broken, lang) }),
    });
  }
  return out;
}
