/** Turns the selected accounts into the PDF, in the panel (never in the console page), and hands it over. */
import type { Account } from '../src/model/account';
import { renderSheets, sheetFileName, type SheetOptions } from '../src/pdf';
import { ext } from '../src/platform/browser-api';

let fontCache: Promise<{ regular: Uint8Array; bold: Uint8Array }> | null = null;

/** DejaVu Sans ships inside the extension: every name prints as written, nothing is fetched from outside. */
export function loadFonts(): Promise<{ regular: Uint8Array; bold: Uint8Array }> {
  fontCache ??= (async () => {
    const get = async (f: string) => new Uint8Array(await (await fetch(ext().runtime.getURL(`fonts/${f}`))).arrayBuffer());
    const [regular, bold] = await Promise.all([get('DejaVuSans.ttf'), get('DejaVuSans-Bold.ttf')]);
    return { regular, bold };
  })();
  return fontCache;
}

export interface PdfResult {
  url: string;
  fileName: string;
  pages: number;
  bytes: number;
}

export async function makePdf(
  accounts: Account[],
  opts: Omit<SheetOptions, 'font' | 'onProgress'>,
  structureName: string,
  onProgress: (done: number, total: number) => void,
): Promise<PdfResult> {
  const font = await loadFonts();
  const { bytes, pages } = await renderSheets(accounts, { ...opts, font, onProgress });
  const blob = new Blob([bytes as BlobPart], { type: 'application/pdf' });
  const url = URL.createObjectURL(blob);
  const fileName = sheetFileName(structureName, opts.date ?? new Date());
  return { url, fileName, pages, bytes: bytes.byteLength };
}

/** Saves the file (the browser's download) and opens it in a tab, ready to print. */
export function deliver(pdf: PdfResult, open = true): void {
  const a = document.createElement('a');
  a.href = pdf.url;
  a.download = pdf.fileName;
  document.body.append(a);
  a.click();
  a.remove();
  if (open) ext().tabs.create({ url: pdf.url }).catch(() => undefined);
}
