/**
 * A print preview's own PDF worker (popup/panel/pdf-worker.ts, job 'pdf-preview'): kept apart
 * from the one that makes the PDF, so a preview never delays « Générer en PDF ». Only the latest
 * request matters: a newer one supersedes the older (the worker drops its stale fit check between
 * two steps, and stays warm: jsPDF, the fonts and the measured texts are ready for the next one).
 * While the panel renders a PDF, the fit check waits.
 */
import type { FromPdfWorker, PdfPreviewJob, PdfPreviewPause } from '../../src/messages';
import type { PreviewReport } from '../../src/pdf/preview';
import { ext } from '../../src/platform/browser-api';
import { watchRenders } from './pdf-worker-client';

export class PreviewSuperseded extends Error {
  constructor() {
    super('superseded');
    this.name = 'PreviewSuperseded';
  }
}

export class PreviewWorker {
  private worker: Worker | null = null;
  private busy: { seq: number; reject: (e: Error) => void } | null = null;
  private seq = 0;
  private unwatch: (() => void) | null = null;

  private start(): Worker {
    const w = new Worker(ext().runtime.getURL('pdf-worker.js'));
    w.postMessage({ type: 'pdf-warm' });
    this.unwatch = watchRenders((paused) => w.postMessage({ type: 'pdf-preview-pause', paused } satisfies PdfPreviewPause));
    return w;
  }

  /** `onQuick` gets the page count and the first card as soon as they are known; the promise, the whole report. */
  run(job: Omit<PdfPreviewJob, 'type' | 'seq'>, onQuick?: (r: PreviewReport) => void): Promise<PreviewReport> {
    this.busy?.reject(new PreviewSuperseded());
    this.busy = null;
    const w = (this.worker ??= this.start());
    const id = ++this.seq;
    return new Promise<PreviewReport>((resolve, reject) => {
      this.busy = { seq: id, reject };
      const done = () => {
        if (this.busy?.seq === id) this.busy = null;
        w.onmessage = null;
        w.onerror = null;
      };
      w.onmessage = (e: MessageEvent<FromPdfWorker>) => {
        const m = e.data;
        if (m.type === 'preview' && m.seq === id) {
          if (m.report.partial) return onQuick?.(m.report);
          done();
          resolve(m.report);
        } else if (m.type === 'error') {
          done();
          reject(new Error(m.message));
        }
      };
      w.onerror = (e) => {
        done();
        this.stop();
        reject(new Error(e.message || 'le module PDF n’a pas démarré'));
      };
      w.postMessage({ ...job, type: 'pdf-preview', seq: id } satisfies PdfPreviewJob);
    });
  }

  /** Ends the current job (its promise rejects with PreviewSuperseded) and the worker. */
  stop(): void {
    this.busy?.reject(new PreviewSuperseded());
    this.busy = null;
    this.unwatch?.();
    this.unwatch = null;
    this.worker?.terminate();
    this.worker = null;
  }
}
