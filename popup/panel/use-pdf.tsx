import { useEffect, useRef, useState } from 'preact/hooks';
import { type Account, cannotActivate } from '../../src/model/account';
import { isPlural } from '../../src/i18n/follow-up';
import type { Settings } from '../../src/settings';
import { deliver, makePdf, type PdfRequest, type PdfResult } from './pdf-job';
import { readPlatformRules } from './console-link';
import { PdfCancelled, warmPdfWorker } from './pdf-worker-client';
import { t } from '../shared/lang';
import { revoke, revokeLater } from './blob-url';

/** What every PDF button needs: where the console is, the settings, and what to record afterwards. */
export interface ActionsBase {
  origin: string;
  structureName: string;
  settings: Settings;
  sortByClass: boolean;
  tabId: number;
  structureId: string;
  canMail: boolean;
  onPrinted: (ids: string[]) => void;
  onMailed: (ids: string[]) => void;
  /** When the distribution log last saw an account mailed (the mail dialog says who would get a second mail). */
  mailedAt?: (id: string) => number | undefined;
  /** Every account read (not only the selection): class covers name each class's teachers from it. */
  everyone?: readonly Account[];
}

export const defaultRequest = (base: ActionsBase, model: PdfRequest['model']): PdfRequest => ({
  kind: 'sheets',
  model,
  bundles: base.settings.bundles === 'on' || (base.settings.bundles === 'auto' && base.sortByClass),
  households: false,
  roster: false,
});

/**
 * `focusResult`: once the PDF is ready, the keyboard lands on its link (the publish buttons); off in
 * the meeting mode, where the search box keeps the focus for the next family.
 */
export function usePdf(base: ActionsBase, { focusResult = false } = {}) {
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<(PdfResult & { blocked: number }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const link = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    if (focusResult && result) link.current?.focus();
  }, [result]);
  // The PDF holds activation codes: its blob URL goes once delivered (popup/blob-url.ts).
  const shown = useRef<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const [cancelled, setCancelled] = useState(false);
  useEffect(() => {
    warmPdfWorker();
    return () => {
      abort.current?.abort();
      if (shown.current) revoke(shown.current);
    };
  }, []);

  /** True once the PDF is made and handed to the browser. */
  const generate = async (accounts: Account[], req: PdfRequest): Promise<boolean> => {
    if (!accounts.length || progress) return false;
    setError(null);
    setResult(null);
    setCancelled(false);
    if (shown.current) revoke(shown.current);
    setProgress({ done: 0, total: accounts.length });
    const ctrl = (abort.current = new AbortController());
    try {
      // the ENT's own password rule and mandatory fields, read from the console tab (never a rule of ours)
      const rules = req.kind === 'sheets' ? await readPlatformRules(base.tabId) : undefined;
      const pdf = await makePdf(
        accounts, req, base.settings, base.origin, base.structureName, (done, total) => setProgress({ done, total }),
        { ...(rules ? { rules } : {}), ...(base.everyone ? { everyone: base.everyone } : {}) },
        ctrl.signal,
      );
      // Printed all the same (the director chose them), but said: these sheets cannot lead to an activation.
      setResult({ ...pdf, blocked: accounts.filter(cannotActivate).length });
      shown.current = pdf.url;
      deliver(pdf);
      revokeLater(pdf.url, () => setResult((r) => (r?.url === pdf.url ? { ...r, url: '' } : r)));
      // Recorded in a task of its own: the file is shown and delivered first.
      if (req.kind === 'sheets') setTimeout(() => base.onPrinted(accounts.map((a) => a.id)), 0);
      return true;
    } catch (e) {
      if (e instanceof PdfCancelled) setCancelled(true);
      else setError((e as Error).message);
      return false;
    } finally {
      if (abort.current === ctrl) abort.current = null;
      setProgress(null);
    }
  };

  const status = (
    <>
      {progress && (
        <div role="status" aria-live="polite" class="progress">
          <progress max={progress.total} value={progress.done} aria-label={t('pdfProgress', progress)} />
          <span>{t('pdfProgress', progress)}</span>
          {/* The render runs in a worker: this button answers at once and stops it. */}
          <button type="button" onClick={() => abort.current?.abort()}>
            {t('cancel')}
          </button>
        </div>
      )}
      {result && (
        <p role="status" class="done">
          {t('pdfDone', { pages: result.pages, accounts: result.accounts, kb: Math.round(result.bytes / 1024) })}{' '}
          {result.url ? (
            <a ref={link} href={result.url} download={result.fileName}>
              {result.fileName}
            </a>
          ) : (
            result.fileName
          )}
        </p>
      )}
      {result && result.blocked > 0 && (
        <p role="status" class="hint blocked-note">
          {t(isPlural(result.blocked) ? 'blockedCannotActivateMany' : 'blockedCannotActivateOne', { n: result.blocked })}
        </p>
      )}
      {result?.noQr?.length ? (
        // Said with the result: those sheets are in the PDF, only their QR code is missing.
        <p role="status" class="warning pdf-no-qr">
          {t('pdfNoQr', { n: result.noQr.length, names: result.noQr.join(', ') })}
        </p>
      ) : null}
      {cancelled && <p role="status" class="done">{t('pdfCancelled')}</p>}
      {error && <p role="alert" class="error">{t('pdfError', { detail: error })}</p>}
    </>
  );

  return { generate, busy: !!progress, status };
}
