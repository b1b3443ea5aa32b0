/** Turns the selected accounts into the PDF, in the panel (never in the console page), and hands it over. */
import type { Account } from '../src/model/account';
import { renderRoster, renderSheets, sheetFileName, type SheetOptions } from '../src/pdf';
import type { Settings } from '../src/settings';
import { ext, isFirefox } from '../src/platform/browser-api';

type Fonts = { regular: Uint8Array; bold: Uint8Array };
let fontCache: Promise<Fonts> | null = null;

/** DejaVu Sans ships inside the extension: every name prints as written, nothing is fetched from outside. */
export function loadFonts(): Promise<Fonts> {
  fontCache ??= (async () => {
    const get = async (f: string) => new Uint8Array(await (await fetch(ext().runtime.getURL(`fonts/${f}`))).arrayBuffer());
    const [regular, bold] = await Promise.all([get('DejaVuSans.ttf'), get('DejaVuSans-Bold.ttf')]);
    return { regular, bold };
  })();
  return fontCache;
}

function dataUrlBytes(dataUrl: string): Uint8Array {
  const b64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export interface PdfRequest {
  kind: 'sheets' | 'roster';
  model: SheetOptions['model'];
  bundles: boolean;
  households: boolean;
  roster: boolean;
}

export interface PdfResult {
  url: string;
  fileName: string;
  pages: number;
  bytes: number;
  accounts: number;
}

/** Sheet options from the settings: the ENT address defaults to the console's own origin. */
export function sheetOptions(settings: Settings, origin: string): Omit<SheetOptions, 'font' | 'model'> {
  return {
    lang: settings.sheetLang,
    entUrl: settings.entUrl || origin,
    qr: settings.qrMode,
    ...(settings.schoolName ? { schoolName: settings.schoolName } : {}),
    ...(settings.customText ? { customText: settings.customText } : {}),
    ...(settings.logo ? { logo: { data: dataUrlBytes(settings.logo.dataUrl), format: settings.logo.format } } : {}),
  };
}

export async function makePdf(
  accounts: Account[],
  req: PdfRequest,
  settings: Settings,
  origin: string,
  structureName: string,
  onProgress: (done: number, total: number) => void,
): Promise<PdfResult> {
  const font = await loadFonts();
  const date = new Date();
  const base = sheetOptions(settings, origin);
  const { bytes, pages } =
    req.kind === 'roster'
      ? await renderRoster(accounts, { lang: base.lang, font, date, ...(base.schoolName ? { schoolName: base.schoolName } : {}) })
      : await renderSheets(accounts, { ...base, model: req.model, bundles: req.bundles, households: req.households, roster: req.roster, font, date, onProgress });
  const blob = new Blob([bytes as BlobPart], { type: 'application/pdf' });
  return {
    url: URL.createObjectURL(blob),
    fileName: sheetFileName(settings.schoolName || structureName, date, req.kind),
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
