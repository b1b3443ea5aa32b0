/** A jsPDF document's life: creation with DejaVu (and Arabic shaping only when needed), pages, output. */
import { jsPDF } from 'jspdf';
import type { Account } from '../model/account';
import { registerFonts, type FontBytes } from './fonts';
import { LINE_FACTOR } from './layout';
import type { RenderResult, SheetOptions } from './options';
import { letterTexts } from '../i18n/letter';

export const yieldToLoop = () => new Promise<void>((r) => setTimeout(r, 0));

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
export function makeDoc(orientation: 'portrait' | 'landscape', font: FontBytes, texts?: Iterable<string>, codes = false) {
  // only the faces used: jsPDF otherwise lists its 14 standard fonts, never embedded, in every page's resources
  const doc = new jsPDF({ unit: 'mm', format: 'a4', orientation, compress: true, floatPrecision: 2, putOnlyUsedFonts: true });
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
export function* freeTexts(accounts: Account[], opts: Pick<SheetOptions, 'schoolName' | 'customText' | 'model' | 'letterLang' | 'letterLangs'>): Iterable<string> {
  if (opts.schoolName) yield opts.schoolName;
  // a letter's second language (Arabic among them) is printed text too
  if (opts.model === 'letter') for (const l of [opts.letterLang, ...Object.values(opts.letterLangs ?? {})]) if (l) yield letterTexts(l).activated;
  if (opts.customText) yield opts.customText;
  for (const a of accounts) {
    yield a.firstName;
    yield a.lastName;
    yield a.login;
    for (const c of a.classes) yield c.name;
    for (const c of a.children) yield `${c.firstName} ${c.lastName} ${c.classname ?? ''}`;
  }
}

export function finish(doc: jsPDF): RenderResult {
  const bytes = new Uint8Array(doc.output('arraybuffer'));
  return { bytes, pages: doc.getNumberOfPages() };
}
