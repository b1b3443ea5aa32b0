/**
 * The panel's side of the PDF worker (popup/pdf-worker.ts): one worker per job, a warm one kept
 * ready (fonts loaded) for the next job; cancelling terminates that job's worker at once.
 */
import type { FromPdfWorker, ToPdfWorker } from '../../src/messages';
import type { RenderResult } from '../../src/pdf';
import { ext } from '../../src/platform/browser-api';

let spare: Worker | null = null;

function newWorker(): Worker {
  const w = new Worker(ext().runtime.getURL('pdf-worker.js'));
  w.postMessage({ type: 'pdf-warm' } satisfies ToPdfWorker);
  return w;
}

/** Starts a worker now (the panel opened), so the first PDF does not wait for jsPDF and the fonts. */
export function warmPdfWorker(): void {
  spare ??= newWorker();
}

/** Renders and mail runs going on now, and who wants to know (the preview pauses its fit check meanwhile). */
let rendering = 0;
const renderWatchers = new Set<(running: boolean) => void>();
export function watchRenders(f: (running: boolean) => void): () => void {
  renderWatchers.add(f);
  if (rendering) f(true);
  return () => renderWatchers.delete(f);
}
/** After a render, the file's delivery (blob, download, log) comes first: the preview resumes a moment later. */
const RESUME_AFTER_MS = 1000;
let resumeTimer: ReturnType<typeof setTimeout> | undefined;
function renderCount(delta: number) {
  const was = rendering > 0;
  rendering += delta;
  if (was === rendering > 0) return;
  clearTimeout(resumeTimer);
  if (rendering > 0) {
    // still paused from the last render (its resume not yet told): nothing to tell
    if (resumeTimer === undefined) for (const f of renderWatchers) f(true);
    resumeTimer = undefined;
    return;
  }
  resumeTimer = setTimeout(() => {
    resumeTimer = undefined;
    if (!rendering) for (const f of renderWatchers) f(false);
  }, RESUME_AFTER_MS);
}

/**
 * The preview's fit check waits while the director's mail run goes on, as during a render: on a
 * 2-core machine its worker took a core for the whole run (0.5 s of CPU for a thousand cards) while
 * the panel and the console tab waited for one between two chunks. Returns the release.
 */
export function holdPreviewWhileMailing(): () => void {
  let held = true;
  renderCount(+1);
  return () => {
    if (held) renderCount(-1);
    held = false;
  };
}

export class PdfCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'PdfCancelled';
  }
}

export function renderInWorker(job: Exclude<ToPdfWorker, { type: 'pdf-warm' }>, onProgress: (done: number, total: number) => void, signal?: AbortSignal): Promise<RenderResult> {
  const worker = spare ?? newWorker();
  spare = null;
  return new Promise<RenderResult>((resolve, reject) => {
    let ended = false;
    const end = (keep: boolean) => {
      if (!ended) renderCount(-1);
      ended = true;
      signal?.removeEventListener('abort', onAbort);
      worker.onmessage = null;
      worker.onerror = null;
      if (keep && !spare) spare = worker;
      else worker.terminate();
    };
    const onAbort = () => {
      end(false);
      reject(new PdfCancelled());
    };
    renderCount(+1);
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort);
    worker.onmessage = (e: MessageEvent<FromPdfWorker>) => {
      const m = e.data;
      if (m.type === 'progress') onProgress(m.done, m.total);
      else if (m.type === 'done') {
        // For the e2e test's longtask window: the render is over here, delivery starts.
        performance.mark('pdf-rendered');
        end(true);
        resolve({ bytes: m.bytes, pages: m.pages });
      } else if (m.type === 'error') {
        end(false);
        reject(new Error(m.message));
      }
    };
    worker.onerror = (e) => {
      end(false);
      reject(new Error(e.message || 'le module PDF n’a pas démarré'));
    };
    worker.postMessage(job);
  });
}
