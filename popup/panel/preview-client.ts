/**
 * A print preview's own PDF worker (popup/panel/pdf-worker.ts, job 'pdf-preview'): kept apart
 * from the one that makes the PDF, so a preview never delays « Générer en PDF ». Only the latest
 * request matters: a newer one ends the worker still busy with an older one (its result is stale).
 */
import type { FromPdfWorker, PdfPreviewJob } from '../../src/messages';
import type { PreviewReport } from '../../src/pdf/preview';
import { ext } from '../../src/platform/browser-api';

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

  private start(): Worker {
    const w = new Worker(ext().runtime.getURL('pdf-worker.js'));
    w.postMessage({ type: 'pdf-warm' });
    return w;
  }

  run(job: Omit<PdfPreviewJob, 'type' | 'seq'>): Promise<PreviewReport> {
    if (this.busy) this.stop();
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
          done();
          resolve(m.report);
        } else if (m.type === 'error') {
          done();
          reject(new Error(m.message));
        }
      };
      w.onerror = (e) => {
        done();
        if (this.worker === w) this.worker = null;
        w.terminate();
        reject(new Error(e.message || 'le module PDF n’a pas démarré'));
      };
      w.postMessage({ ...job, type: 'pdf-preview', seq: id } satisfies PdfPreviewJob);
    });
  }

  /** Ends the current job (its promise rejects with PreviewSuperseded) and the worker. */
  stop(): void {
    this.busy?.reject(new PreviewSuperseded());
    this.busy = null;
    this.worker?.terminate();
    this.worker = null;
  }
}
