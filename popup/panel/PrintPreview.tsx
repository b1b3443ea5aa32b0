/**
 * « Aperçu avant impression », beside « Générer en PDF » (Word's « Aperçu des résultats »): for the
 * current selection and model, the page count of the PDF, what will not fit and what to do about
 * it, the accounts whose sheet has no code, and the first selected account's card at its printed
 * size, code masked. Computed in a worker of its own (preview-client.ts) from the same options as
 * the PDF (sheetJobOptions), debounced while the selection changes.
 */
import { h, type ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Account } from '../../src/model/account';
import type { PlatformRules } from '../../src/console/auth-context';
import type { PreviewProblem, PreviewReport, SvgNode } from '../../src/pdf/preview';
import { branchOf } from '../../src/pdf/wording';
import type { UiKey } from '../../src/i18n/ui';
import { ext } from '../../src/platform/browser-api';
import { readPlatformRules } from './console-link';
import { sheetJobOptions, type PdfRequest } from './pdf-job';
import { PreviewSuperseded, PreviewWorker } from './preview-client';
import type { ActionsBase } from './use-pdf';
import { t } from '../shared/lang';

interface Props {
  accounts: Account[];
  request: PdfRequest;
  base: ActionsBase;
  /** The offered fix « Choisir 2 par page ». */
  onModel: (m: PdfRequest['model']) => void;
}

/** Quiet time after the last change before the preview is computed again. */
const DEBOUNCE_MS = 300;

const MODEL_KEY = { pdf: 'model1', newPdf: 'model2', simplePdf: 'model8' } as const;
const WHAT = new Set(['custom', 'academie', 'app', 'name', 'profile', 'login']);

/** Plain SVG data from the worker, drawn as elements (names stay text: never parsed as markup). */
function Svg({ node, logo }: { node: SvgNode; logo: string | null }): ComponentChildren {
  if (node.tag === 'image' && !logo) return null;
  const attrs = node.tag === 'image' ? { ...node.attrs, href: logo! } : node.attrs;
  return h(node.tag, attrs, ...(node.children ?? []).map((c, i) => (typeof c === 'string' ? c : <Svg key={i} node={c} logo={logo} />)));
}

function problemText(p: PreviewProblem, total: number): string {
  const what = t(`pvWhat_${WHAT.has(p.what) ? p.what : 'other'}` as UiKey);
  return t(p.how === 'dropped' ? 'pvDropped' : 'pvCut', { what, n: p.cards, total });
}

export function PrintPreview({ accounts, request, base, onModel }: Props) {
  const worker = useRef<PreviewWorker | null>(null);
  const [rules, setRules] = useState<PlatformRules | null>(null);
  const [report, setReport] = useState<PreviewReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    // The ENT's password rule changes the instructions' length, so what fits: read it once, as the PDF does.
    let live = true;
    readPlatformRules(base.tabId).then((r) => live && setRules(r));
    return () => {
      live = false;
      worker.current?.stop();
    };
  }, [base.tabId]);

  const { model, bundles, households, roster, envelopeLabels } = request;
  useEffect(() => {
    if (!rules) return;
    if (!accounts.length) {
      worker.current?.stop();
      setReport(null);
      setBusy(false);
      return;
    }
    setBusy(true);
    const timer = setTimeout(() => {
      const w = (worker.current ??= new PreviewWorker());
      const options = sheetJobOptions(request, base.settings, base.origin, { rules, ...(base.everyone ? { everyone: base.everyone } : {}) });
      w.run({ accounts, options, date: Date.now() }).then(
        (r) => {
          setReport(r);
          setError(null);
          setBusy(false);
        },
        (e: Error) => {
          if (e instanceof PreviewSuperseded) return;
          setError(e.message);
          setBusy(false);
        },
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [accounts, model, bundles, households, roster, envelopeLabels, base.settings, base.origin, rules]);

  const codeless = useMemo(() => {
    let activated = 0;
    let teachers = 0;
    for (const a of accounts) {
      const b = branchOf(a);
      if (b === 'activated') activated++;
      else if (b === 'teacher') teachers++;
    }
    return { activated, teachers };
  }, [accounts]);

  if (!accounts.length) return null;
  const card = report?.card;
  const canShorten = report?.problems.some((p) => p.fixes.includes('shorten'));
  const canModel2 = model === 'simplePdf' && report?.problems.some((p) => p.fixes.includes('model2'));
  return (
    <section class="print-preview" aria-labelledby="pv-title" aria-busy={busy ? 'true' : 'false'}>
      <h3 id="pv-title">{t('pvTitle')}</h3>
      <p class="pv-count" role="status" aria-live="polite">
        {report ? <span class="pv-pages">{t('pvPages', { pages: report.pages, n: accounts.length, model: t(MODEL_KEY[model]) })}</span> : null}
        {busy && <span class="pv-busy"> {t('pvUpdating')}</span>}
      </p>
      {error && <p class="error" role="alert">{t('pvError', { detail: error })}</p>}
      {(codeless.activated > 0 || codeless.teachers > 0 || (report?.problems.length ?? 0) > 0) && (
        <ul class="pv-warnings">
          {report?.problems.map((p) => (
            <li key={`${p.what}:${p.how}`} class="pv-fit warning">
              {problemText(p, accounts.length)}
            </li>
          ))}
          {codeless.activated > 0 && <li class="pv-activated">{t('pvActivated', { n: codeless.activated })}</li>}
          {codeless.teachers > 0 && <li class="pv-activated">{t('pvTeachersActivated', { n: codeless.teachers })}</li>}
        </ul>
      )}
      {(canModel2 || canShorten) && (
        <p class="buttons pv-fixes">
          {canModel2 && (
            <button type="button" class="small" onClick={() => onModel('newPdf')}>
              {t('pvFixModel2')}
            </button>
          )}
          {canShorten && (
            <button type="button" class="small" onClick={() => ext().runtime.openOptionsPage()}>
              {t('pvFixShorten')}
            </button>
          )}
        </p>
      )}
      {card && (
        <figure class="pv-card">
          <figcaption>{t(card.masked ? 'pvCard' : 'pvCardNoCode', { name: card.name })}</figcaption>
          <div class="pv-frame" tabIndex={0} aria-label={t(card.masked ? 'pvCard' : 'pvCardNoCode', { name: card.name })}>
            <Svg node={card.svg} logo={base.settings.logo?.dataUrl ?? null} />
          </div>
        </figure>
      )}
    </section>
  );
}
