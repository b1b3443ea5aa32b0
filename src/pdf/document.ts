/** A jsPDF document's life: creation with DejaVu (and Arabic shaping only when needed), pages, output. */
import { jsPDF } from 'jspdf';
import { zlibSync } from 'fflate';
import type { Account } from '../model/account';
import { registerFonts, type FontBytes } from './fonts';
import { LINE_FACTOR } from './layout';
import type { RenderResult, SheetOptions } from './options';
import { letterTexts } from '../i18n/letter';
import { deflateHeld, nativeDeflate, placeholder, type Deflate } from './deflate';

/**
 * Gives the event loop a turn (progress, « Annuler », a newer preview). Not setTimeout(0): browsers
 * clamp a chain of nested timers to 4 ms each (more in a worker under load), about 160 ms idle per
 * 1,000 cards; a message on a MessageChannel is a task without that clamp. Node (unit tests) has
 * setImmediate, which does not keep a port open.
 */
type Immediate = (f: () => void) => unknown;
const immediate = (globalThis as { setImmediate?: Immediate }).setImmediate;
let channel: { port: MessagePort; waiting: (() => void)[] } | null = null;
export const yieldToLoop = (): Promise<void> =>
  new Promise<void>((r) => {
    if (immediate) return void immediate(r);
    if (typeof MessageChannel !== 'function') return void setTimeout(r, 0);
    if (!channel) {
      const c = new MessageChannel();
      const waiting: (() => void)[] = [];
      c.port1.onmessage = () => waiting.shift()?.();
      channel = { port: c.port2, waiting };
    }
    channel.waiting.push(r);
    channel.port.postMessage(null);
  });

/**
 * jsPDF deflates each stream (every page, form and font) with fflate, the same library, but turns
 * the compressed bytes back into a string one character at a time (`reduce` with `+`): about half
 * a million string concatenations per 1,000 cards, as much time as the deflate itself, and garbage.
 * The same bytes, in 8 KB slices. Any other filter chain goes to jsPDF's own code.
 */
type Filtered = { data: string; reverseChain: string };
const api = jsPDF.API as unknown as { processDataByFilters?: (data: string, chain?: string | string[]) => Filtered; ppFastFlate?: boolean };
const jspdfFilters = api.processDataByFilters;
/** While `finish` writes a document for the native deflate: the streams to deflate, in order (see deflate.ts). */
let held: string[] | null = null;
if (jspdfFilters && !api.ppFastFlate) {
  api.ppFastFlate = true;
  api.processDataByFilters = function (data: string, chain?: string | string[]): Filtered {
    const c = typeof chain === 'string' ? [chain] : (chain ?? []);
    if (c.length !== 1 || (c[0] !== 'FlateEncode' && c[0] !== '/FlateEncode')) return jspdfFilters.call(this, data, chain);
    if (held) return { data: placeholder(held.push(data || '') - 1), reverseChain: '/FlateDecode' };
    return { data: flate(data || ''), reverseChain: '/FlateDecode' };
  };
}

function flate(s: string): string {
  const n = s.length;
  const bytes = new Uint8Array(n);
  for (let i = 0; i < n; i++) bytes[i] = s.charCodeAt(i);
  const z = zlibSync(bytes);
  let out = '';
  for (let i = 0; i < z.length; i += 0x2000) out += String.fromCharCode.apply(null, z.subarray(i, i + 0x2000) as unknown as number[]);
  return out;
}

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

/** The native deflate `finish` uses; null: fflate inside jsPDF (tests compare the two). */
export const streamDeflate: { native: Deflate | null } = { native: nativeDeflate };

/**
 * The document's bytes. Its streams are deflated by the platform's zlib where there is one (see
 * deflate.ts); elsewhere, or if that fails, jsPDF writes it again with fflate.
 */
export async function finish(doc: jsPDF): Promise<RenderResult> {
  const pages = doc.getNumberOfPages();
  const native = streamDeflate.native;
  if (native && api.ppFastFlate) {
    const streams: string[] = [];
    held = streams;
    let pdf: string;
    try {
      pdf = doc.output();
    } finally {
      held = null;
    }
    try {
      return { bytes: await deflateHeld(pdf, streams, native), pages };
    } catch {
      // fflate below
    }
  }
  return { bytes: new Uint8Array(doc.output('arraybuffer')), pages };
}
