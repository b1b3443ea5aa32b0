/**
 * The PDF is rendered here, in a dedicated worker, not on the panel's main thread: 4,000 cards take
 * seconds of jsPDF work, during which the panel must stay responsive (progress, « Annuler »).
 * It calls the pure engine (src/pdf renderSheets / renderRoster) unchanged. The DejaVu fonts are
 * fetched from the extension itself (jsPDF gets them as base64, src/pdf/fonts.ts, btoa in a worker).
 */
import { renderRoster, renderSheets } from '../../src/pdf';
import { renderSummary } from '../../src/pdf/summary';
import { previewReport } from '../../src/pdf/preview';
import type { FontBytes } from '../../src/pdf/fonts';
import type { FromPdfWorker, PdfPreviewJob, ToPdfWorker } from '../../src/messages';

const scope = globalThis as unknown as { postMessage(m: FromPdfWorker, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent) => void) | null; location: Location };
const post = (m: FromPdfWorker, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

let fonts: Promise<FontBytes> | null = null;
function loadFonts(): Promise<FontBytes> {
  fonts ??= Promise.all(
    ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSansMono-Bold.ttf'].map(async (f) => {
      const res = await fetch(new URL(`fonts/${f}`, scope.location.href));
      if (!res.ok) throw new Error(`police ${f} introuvable (${res.status})`);
      return new Uint8Array(await res.arrayBuffer());
    }),
  ).then(([regular, bold, mono]) => ({ regular: regular!, bold: bold!, mono: mono! }));
  fonts.catch(() => (fonts = null));
  return fonts;
}

/** At most one progress message per PROGRESS_MS: the panel's main thread gets a few tiny tasks, nothing more. */
const PROGRESS_MS = 120;

async function run(job: ToPdfWorker | PdfPreviewJob): Promise<void> {
  const font = await loadFonts();
  if (job.type === 'pdf-warm') return;
  if (job.type === 'pdf-preview') {
    const report = previewReport(job.accounts, { ...job.options, font, date: new Date(job.date) }, job.uiLang);
    return post({ type: 'preview', seq: job.seq, report });
  }
  const date = new Date(job.date);
  let last = 0;
  const onProgress = (done: number, total: number) => {
    const now = performance.now();
    if (done !== 0 && done !== total && now - last < PROGRESS_MS) return;
    last = now;
    post({ type: 'progress', done, total });
  };
  const r =
    job.type === 'pdf-summary'
      ? await renderSummary(job.table, { ...job.options, font, date })
      : job.type === 'pdf-roster'
      ? await renderRoster(job.accounts, { ...job.options, font, date })
      : await renderSheets(job.accounts, { ...job.options, font, date, onProgress });
  post({ type: 'done', bytes: r.bytes, pages: r.pages }, [r.bytes.buffer]);
}

scope.onmessage = (e: MessageEvent) => {
  const job = e.data as ToPdfWorker | PdfPreviewJob;
  if (!job || typeof job !== 'object' || !['pdf-sheets', 'pdf-roster', 'pdf-summary', 'pdf-warm', 'pdf-preview'].includes(job.type)) return;
  run(job).catch((err: unknown) => post({ type: 'error', message: err instanceof Error ? err.message : String(err) }));
};
