/**
 * The drawing context shared by every part of one render: document, measurer, wording, options.
 * It also starts pages (newPage), so document.ts never needs it: context → measure → document, no circle.
 */
import type { jsPDF } from 'jspdf';
import type { SheetDict } from '../i18n/sheets';
import type { CardContext } from './cards';
import { PdfMeasurer } from './measure';
import { TextWriter } from './text';
import type { RosterOptions, SheetOptions } from './options';
import { dictFor, isOneHost } from './wording';
import { typeset } from '../i18n/french';

export interface Ctx {
  doc: jsPDF;
  m: PdfMeasurer;
  hasBold: boolean;
  hasMono: boolean;
  d: SheetDict;
  card: CardContext;
  opts: SheetOptions | RosterOptions;
  logo?: { data: Uint8Array; format: 'PNG' | 'JPEG' };
  date: Date;
  /** Pages: the first one exists already in a fresh jsPDF. */
  pageUsed: boolean;
  /** Text blocks drawn once as PDF form objects, by their lines, then the rest of their look (see drawText). */
  forms: Map<string, Map<string, string>>;
  formCount: number;
  /** The operators that place a form at a spot, as jsPDF wrote them the first time (see drawText). */
  placed: Map<string, string[]>;
  /** The per-account lines, written without jsPDF's text() (see text.ts). */
  text: TextWriter;
}

export function makeCtx(doc: jsPDF, fonts: { hasBold: boolean; hasMono: boolean }, opts: SheetOptions | RosterOptions, m?: PdfMeasurer): Ctx {
  const d = dictFor(opts.lang);
  const so = opts as Partial<SheetOptions>;
  let logoAspect: number | undefined;
  if (so.logo) {
    try {
      const p = doc.getImageProperties(so.logo.data);
      if (p.width > 0 && p.height > 0) logoAspect = p.width / p.height;
    } catch {
      logoAspect = undefined;
    }
  }
  const entUrl = so.entUrl ?? '';
  return {
    doc,
    m: m ?? new PdfMeasurer(doc, fonts.hasBold, fonts.hasMono),
    hasBold: fonts.hasBold,
    hasMono: fonts.hasMono,
    d,
    opts,
    date: opts.date ?? new Date(),
    logo: logoAspect ? so.logo : undefined,
    pageUsed: false,
    forms: new Map(),
    formCount: 0,
    placed: new Map(),
    text: new TextWriter(doc),
    card: {
      d,
      entUrl,
      qr: so.qr ?? 'none',
      schoolName: opts.schoolName?.trim() || undefined,
      // the director's own texts follow the sheets' typography: « salle : venez » never starts a line with « : »
      customText: so.customText?.trim() ? typeset(opts.lang, so.customText.trim()) : undefined,
      logoAspect,
      ...(so.passwordHint?.trim() ? { passwordHint: so.passwordHint.trim() } : {}),
      mailRequired: so.mailRequired ?? null,
      ...(so.academieNotice?.trim() ? { academieNotice: typeset(opts.lang, so.academieNotice.trim()) } : {}),
      mobileApp: !!so.mobileApp && isOneHost(entUrl),
      ...(so.helpUrl?.trim() ? { helpUrl: so.helpUrl.trim() } : {}),
    },
  };
}

/** Starts a page of the render: the first one exists already in a fresh jsPDF. */
export function newPage(ctx: Ctx, orientation: 'portrait' | 'landscape') {
  if (!ctx.pageUsed) {
    ctx.pageUsed = true;
    return;
  }
  ctx.doc.addPage('a4', orientation);
}
