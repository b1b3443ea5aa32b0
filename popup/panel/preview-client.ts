/**
 * A print preview's own PDF worker (popup/panel/pdf-worker.ts, job 'pdf-preview'): kept apart
 * from the one that makes the PDF, so a preview never delays « Générer en PDF ». Only the latest
 * request matters: a newer one supersedes the older (the worker drops its stale fit check between
 * two steps, and stays warm: jsPDF, the fonts and the measured texts are ready for the next one).
 * While the panel renders a PDF, the fit check waits.
 *
 * The school's accounts go to the worker once per roster, in slices (one task each), and a selection
 * as their positions: copying 5,000 accounts on every change held the panel's thread for tens of ms.
 */
import type { Account } from '../../src/model/account';
import type { FromPdfWorker, PdfPreviewJob, PdfPreviewPause, PdfPreviewCancel, PdfPreviewRoster, PdfWarm } from '../../src/messages';
import type { PreviewReport } from '../../src/pdf/preview';
import { ext } from '../../src/platform/browser-api';
import { watchRenders } from './pdf-worker-client';

export class PreviewSuperseded extends Error {
  constructor() {
    super('superseded');
    this.name = 'PreviewSuperseded';
  }
}

/** Accounts per message of the roster's copy: each a short task of the panel's thread. */
const ROSTER_SLICE = 250;

export class PreviewWorker {
  private worker: Worker | null = null;
  private busy: { seq: number; reject: (e: Error) => void } | null = null;
  private seq = 0;
  private unwatch: (() => void) | null = null;
  /** The roster the worker holds (or is being sent), and each account's position in it. */
  private roster: { list: readonly Account[]; id: number; at: Map<Account, number>; sent: Promise<void> } | null = null;
  private rosters = 0;

  /** Sends `list` to the worker in slices, one per task; positions known at once. */
  private sendRoster(w: Worker, list: readonly Account[]): NonNullable<PreviewWorker['roster']> {
    const id = ++this.rosters;
    const at = new Map<Account, number>();
    list.forEach((a, i) => at.set(a, i));
    const roster = { list, id, at, sent: Promise.resolve() };
    this.roster = roster;
    roster.sent = (async () => {
      for (let from = 0; from < list.length || from === 0; from += ROSTER_SLICE) {
        if (from) await new Promise((r) => setTimeout(r, 0));
        if (this.worker !== w || this.roster !== roster) return;
        w.postMessage({ type: 'pdf-preview-roster', roster: id, from, accounts: list.slice(from, from + ROSTER_SLICE) } satisfies PdfPreviewRoster);
      }
    })();
    return roster;
  }

  private start(): Worker {
    const w = new Worker(ext().runtime.getURL('pdf-worker.js'));
    w.postMessage({ type: 'pdf-warm', measuring: true } satisfies PdfWarm);
    this.unwatch = watchRenders((paused) => w.postMessage({ type: 'pdf-preview-pause', paused } satisfies PdfPreviewPause));
    return w;
  }

  /**
   * `onQuick` gets the page count and the first card as soon as they are known; the promise, the
   * whole report. `everyone`: the school's accounts, of which `job.accounts` is a selection.
   */
  run(job: Omit<PdfPreviewJob, 'type' | 'seq' | 'accounts' | 'roster'> & { accounts: Account[] }, everyone: readonly Account[], onQuick?: (r: PreviewReport) => void): Promise<PreviewReport> {
    this.busy?.reject(new PreviewSuperseded());
    this.busy = null;
    const w = (this.worker ??= this.start());
    const id = ++this.seq;
    const roster = this.roster?.list === everyone ? this.roster : this.sendRoster(w, everyone);
    const accounts = job.accounts.map((a) => roster.at.get(a) ?? a);
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
        } else if (m.type === 'error' && (m.seq === undefined || m.seq === id)) {
          done();
          reject(new Error(m.message));
        }
      };
      w.onerror = (e) => {
        done();
        this.stop();
        reject(new Error(e.message || 'le module PDF n’a pas démarré'));
      };
      // after the roster's last slice (messages keep their order); not at all once superseded
      roster.sent.then(() => {
        if (this.busy?.seq === id && this.worker === w) w.postMessage({ ...job, accounts, roster: roster.id, type: 'pdf-preview', seq: id } satisfies PdfPreviewJob);
      });
    });
  }

  /** Starts the worker (fonts, measuring document) ahead of the first job, e.g. while the console is asked for its rules. */
  warm(): void {
    this.worker ??= this.start();
  }

  /** Ends the current job (its promise rejects with PreviewSuperseded; the worker drops its fit check), keeping the worker. */
  cancel(): void {
    if (!this.busy) return;
    this.busy.reject(new PreviewSuperseded());
    this.busy = null;
    this.worker?.postMessage({ type: 'pdf-preview-cancel' } satisfies PdfPreviewCancel);
  }

  /** Ends the current job (its promise rejects with PreviewSuperseded) and the worker. */
  stop(): void {
    this.busy?.reject(new PreviewSuperseded());
    this.busy = null;
    this.unwatch?.();
    this.unwatch = null;
    this.worker?.terminate();
    this.worker = null;
    this.roster = null;
  }
}
