/**
 * Turns the selected accounts into the PDF, in the panel's own worker (never in the console page,
 * never on the panel's main thread: popup/pdf-worker.ts), and hands it over.
 */
import type { Account } from '../../src/model/account';
import type { PlatformRules } from '../../src/console/auth-context';
import type { SheetOptions } from '../../src/pdf';
import { qrText, sheetFileName } from '../../src/pdf/wording';
import { qrLeftOut } from '../../src/pdf/qr';
import { sheetSettings, type Settings } from '../../src/settings';
import { ext, isFirefox } from '../../src/platform/browser-api';
import { blobUrl } from './blob-url';
import { renderInWorker } from './pdf-worker-client';

export interface PdfRequest {
  kind: 'sheets' | 'roster';
  model: SheetOptions['model'];
  bundles: boolean;
  households: boolean;
  roster: boolean;
  /** With households: a sheet of envelope labels at the end. */
  envelopeLabels?: boolean;
  /** « Lettre aux familles »: see SheetOptions (second language, per family, relaunch, duplex). */
  letterLang?: SheetOptions['letterLang'];
  letterLangs?: SheetOptions['letterLangs'];
  relaunch?: SheetOptions['relaunch'];
  letterDuplex?: boolean;
}

export interface PdfResult {
  url: string;
  fileName: string;
  pages: number;
  bytes: number;
  accounts: number;
  /** Names of the accounts whose sheet goes without its QR code (too much for a QR: an oversize login). */
  noQr?: string[];
}

/**
 * Sheet options from the settings (the ENT address defaults to the console's own origin, the
 * school's name to the console's structure name) and from the ENT's own rules: its password rule
 * text in the sheets' language, whether it asks an e-mail.
 */
export function sheetOptions(settings: Settings, origin: string, rules?: PlatformRules, structureName?: string): Omit<SheetOptions, 'font' | 'model' | 'onProgress' | 'date'> {
  const { bundles: _fromRequest, ...s } = sheetSettings(settings, { consoleOrigin: origin, sortByClass: false });
  const hint = rules?.passwordHint[s.lang];
  const school = s.schoolName?.trim() || structureName?.trim();
  return {
    ...s, ...(school ? { schoolName: school } : {}), ...(hint ? { passwordHint: hint } : {}), mailRequired: rules?.mailRequired ?? null,
    ...(rules?.passwordRule ? { passwordRule: rules.passwordRule } : {}),
  };
}

/** The sheets' options of a request: the PDF and its preview (PrintPreview.tsx) share them, so they agree. */
export function sheetJobOptions(
  req: PdfRequest,
  settings: Settings,
  origin: string,
  structureName: string,
  context: { rules?: PlatformRules; everyone?: readonly Account[] } = {},
): Omit<SheetOptions, 'font' | 'onProgress' | 'date'> {
  const base = sheetOptions(settings, origin, context.rules, structureName);
  const classTeachers: Record<string, string[]> = {};
  for (const a of context.everyone ?? []) {
    if (a.profile !== 'Teacher') continue;
    for (const c of a.classes) (classTeachers[c.name] ??= []).push(`${a.firstName} ${a.lastName}`.trim());
  }
  const letter = {
    ...(req.letterLang ? { letterLang: req.letterLang } : {}),
    ...(req.letterLangs ? { letterLangs: req.letterLangs } : {}),
    ...(req.relaunch ? { relaunch: req.relaunch } : {}),
    ...(req.letterDuplex ? { letterDuplex: true } : {}),
  };
  return { ...base, model: req.model, bundles: req.bundles, households: req.households, roster: req.roster, envelopeLabels: !!req.envelopeLabels, classTeachers, ...letter };
}

export async function makePdf(
  accounts: Account[],
  req: PdfRequest,
  settings: Settings,
  origin: string,
  structureName: string,
  onProgress: (done: number, total: number) => void,
  context: { rules?: PlatformRules; everyone?: readonly Account[] } = {},
  signal?: AbortSignal,
): Promise<PdfResult> {
  const date = new Date();
  const base = sheetOptions(settings, origin, context.rules, structureName);
  const { bytes, pages } = await renderInWorker(
    req.kind === 'roster'
      ? { type: 'pdf-roster', accounts, date: date.getTime(), options: { lang: base.lang, ...(base.schoolName ? { schoolName: base.schoolName } : {}) } }
      : { type: 'pdf-sheets', accounts, date: date.getTime(), options: sheetJobOptions(req, settings, origin, structureName, context) },
    onProgress,
    signal,
  );
  const noQr = req.kind === 'roster' ? [] : accounts.filter((a) => qrLeftOut(qrText(a, base.entUrl, base.qr))).map((a) => `${a.firstName} ${a.lastName}`.trim());
  const blob = new Blob([bytes as BlobPart], { type: 'application/pdf' });
  return {
    url: blobUrl(blob),
    fileName: sheetFileName(settings.schoolName || structureName, date, req.kind, req.model),
    pages,
    bytes: bytes.byteLength,
    accounts: accounts.length,
    noQr,
  };
}

/**
 * Saves the file (the browser's download) and opens it in a tab, ready to print. Firefox opens a
 * downloaded PDF in its own viewer by itself: opening the blob too would give two tabs.
 */
export function deliver(pdf: PdfResult, open = true): void {
  const a = document.createElement('a');
  a.href = pdf.url;
  a.download = pdf.fileName;
  document.body.append(a);
  a.click();
  a.remove();
  if (open && !isFirefox()) ext().tabs.create({ url: pdf.url }).catch(() => undefined);
}
