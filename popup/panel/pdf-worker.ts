/**
 * The PDF is rendered here, in a dedicated worker, not on the panel's main thread: 4,000 cards take
 * seconds of jsPDF work, during which the panel must stay responsive (progress, « Annuler »).
 * It calls the pure engine (src/pdf renderSheets / renderRoster) unchanged. The DejaVu fonts are
 * fetched from the extension itself (jsPDF gets them as base64, src/pdf/fonts.ts, btoa in a worker).
 */
import { renderRoster, renderSheets } from '../../src/pdf';
import { renderSummary } from '../../src/pdf/summary';
import { previewFull, previewQuickPlan } from '../../src/pdf/preview';
import { fitSteps, measuringDoc } from '../../src/pdf/fit';
import { yieldToLoop } from '../../src/pdf/document';
import type { FontBytes } from '../../src/pdf/fonts';
import type { Account } from '../../src/model/account';
import type { FromPdfWorker, PdfPreviewCancel, PdfPreviewJob, PdfPreviewPause, PdfPreviewRoster, ToPdfWorker } from '../../src/messages';

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

/** The newest preview asked for: an older one still checking its cards stops (its result is stale). */
let previewSeq = 0;
/** Set while the panel renders a PDF: the fit check waits for it (resolved when the render ends). */
let paused: { until: Promise<void>; resume: () => void } | null = null;
/** The school's accounts (the preview's selections name them by position), as long as the preview lives. */
let roster: { id: number; accounts: Account[] } = { id: 0, accounts: [] };
/**
 * The fit check's slice of the worker's thread between two looks at its messages: a newer selection
 * waits at most this long before its page count and first card are made. A slice is measured in time,
 * not in cards: 25 cards took 15 ms at 8 per page and over 60 ms at 1 per page (longer texts), and a
 * loaded machine stretches either.
 */
const FIT_SLICE_MS = 8;

/**
 * The preview: the page count and the first card at once (the plan alone), then every card's fit
 * in slices, giving way between slices to a newer preview (which ends this one) and to a PDF render
 * (which pauses it): the fit check never competes with the print the director asked for.
 */
async function preview(job: PdfPreviewJob, font: FontBytes): Promise<void> {
  if (job.roster !== roster.id) throw new Error(`aperçu : liste des comptes ${job.roster} attendue, ${roster.id} reçue`);
  const accounts = job.accounts.map((a) => (typeof a === 'number' ? roster.accounts[a]! : a));
  const opts = { ...job.options, font, date: new Date(job.date) };
  const { report: quick, plan } = previewQuickPlan(accounts, opts);
  post({ type: 'preview', seq: job.seq, report: quick });
  const steps = fitSteps(accounts, opts, job.uiLang, 1, plan);
  for (;;) {
    await yieldToLoop();
    while (paused) await paused.until;
    if (job.seq !== previewSeq) return;
    const until = performance.now() + FIT_SLICE_MS;
    let r = steps.next();
    while (!r.done && performance.now() < until) r = steps.next();
    if (r.done) return post({ type: 'preview', seq: job.seq, report: previewFull(quick, r.value) });
  }
}

async function run(job: ToPdfWorker | PdfPreviewJob): Promise<void> {
  const t0 = performance.now();
  const font = await loadFonts();
  if (job.type === 'pdf-warm') {
    if (job.measuring) measuringDoc(font);
    return;
  }
  if (job.type === 'pdf-preview') return preview(job, font);
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
  post({ type: 'done', bytes: r.bytes, pages: r.pages, renderMs: Math.round(performance.now() - t0) }, [r.bytes.buffer]);
}

scope.onmessage = (e: MessageEvent) => {
  const job = e.data as ToPdfWorker | PdfPreviewJob | PdfPreviewPause | PdfPreviewRoster | PdfPreviewCancel;
  if (job?.type === 'pdf-preview-roster') {
    if (job.from === 0) roster = { id: job.roster, accounts: [] };
    if (job.roster === roster.id) roster.accounts.push(...job.accounts);
    return;
  }
  if (job?.type === 'pdf-preview-cancel') {
    previewSeq = 0;
    return;
  }
  if (job?.type === 'pdf-preview-pause') {
    if (job.paused && !paused) {
      let resume = () => {};
      const until = new Promise<void>((r) => (resume = r));
      paused = { until, resume };
    } else if (!job.paused && paused) {
      const p = paused;
      paused = null;
      p.resume();
    }
    return;
  }
  if (job?.type === 'pdf-preview') previewSeq = job.seq;
  if (!job || typeof job !== 'object' || !['pdf-sheets', 'pdf-roster', 'pdf-summary', 'pdf-warm', 'pdf-preview'].includes(job.type)) return;
  run(job).catch((err: unknown) => post({ type: 'error', message: err instanceof Error ? err.message : String(err), ...(job.type === 'pdf-preview' ? { seq: job.seq } : {}) }));
};
