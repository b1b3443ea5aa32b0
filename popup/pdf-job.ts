/** Turns the selected accounts into the PDF, in the panel (never in the console page), and hands it over. */
import type { Account } from '../src/model/account';
import type { PlatformRules } from '../src/console/auth-context';
import { renderRoster, renderSheets, sheetFileName, type SheetOptions } from '../src/pdf';
import { sheetSettings, type Settings } from '../src/settings';
import { ext, isFirefox } from '../src/platform/browser-api';
import { blobUrl } from './blob-url';

type Fonts = { regular: Uint8Array; bold: Uint8Array; mono: Uint8Array };
let fontCache: Promise<Fonts> | null = null;

/** DejaVu Sans ships inside the extension: every name prints as written, nothing is fetched from outside. */
export function loadFonts(): Promise<Fonts> {
  fontCache ??= (async () => {
    const get = async (f: string) => new Uint8Array(await (await fetch(ext().runtime.getURL(`fonts/${f}`))).arrayBuffer());
    const [regular, bold, mono] = await Promise.all([get('DejaVuSans.ttf'), get('DejaVuSans-Bold.ttf'), get('DejaVuSansMono-Bold.ttf')]);
    return { regular, bold, mono };
  })();
  return fontCache;
}

export interface PdfRequest {
  kind: 'sheets' | 'roster';
  model: SheetOptions['model'];
  bundles: boolean;
  households: boolean;
  roster: boolean;
  /** With households: a sheet of envelope labels at the end. */
  envelopeLabels?: boolean;
}

export interface PdfResult {
  url: string;
  fileName: string;
  pages: number;
  bytes: number;
  accounts: number;
}

/**
 * Sheet options from the settings (the ENT address defaults to the console's own origin) and from
 * the ENT's own rules: its password rule text in the sheets' language, whether it asks an e-mail.
 */
export function sheetOptions(settings: Settings, origin: string, rules?: PlatformRules): Omit<SheetOptions, 'font' | 'model'> {
  const { bundles: _fromRequest, ...s } = sheetSettings(settings, { consoleOrigin: origin, sortByClass: false });
  const hint = rules?.passwordHint[s.lang];
  return { ...s, ...(hint ? { passwordHint: hint } : {}), mailRequired: rules?.mailRequired ?? null };
}

export async function makePdf(
  accounts: Account[],
  req: PdfRequest,
  settings: Settings,
  origin: string,
  structureName: string,
  onProgress: (done: number, total: number) => void,
  context: { rules?: PlatformRules; everyone?: readonly Account[] } = {},
): Promise<PdfResult> {
  const font = await loadFonts();
  const date = new Date();
  const base = sheetOptions(settings, origin, context.rules);
  const classTeachers: Record<string, string[]> = {};
  for (const a of context.everyone ?? []) {
    if (a.profile !== 'Teacher') continue;
    for (const c of a.classes) (classTeachers[c.name] ??= []).push(`${a.firstName} ${a.lastName}`.trim());
  }
  const { bytes, pages } =
    req.kind === 'roster'
      ? await renderRoster(accounts, { lang: base.lang, font, date, ...(base.schoolName ? { schoolName: base.schoolName } : {}) })
      : await renderSheets(accounts, {
          ...base, model: req.model, bundles: req.bundles, households: req.households, roster: req.roster,
          envelopeLabels: !!req.envelopeLabels, classTeachers, font, date, onProgress,
        });
  const blob = new Blob([bytes as BlobPart], { type: 'application/pdf' });
  return {
    url: blobUrl(blob),
    fileName: sheetFileName(settings.schoolName || structureName, date, req.kind, req.model),
    pages,
    bytes: bytes.byteLength,
    accounts: accounts.length,
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
