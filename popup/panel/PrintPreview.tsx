/**
 * « Aperçu avant impression », beside « Générer en PDF » (Word's « Aperçu des résultats »): for the
 * current selection and model, the page count of the PDF, what will not fit and what to do about
 * it, the accounts whose sheet has no code, and the first selected account's card at its printed
 * size, code masked. Computed in a worker of its own (preview-client.ts) from the same options as
 * the PDF (sheetJobOptions), debounced while the selection changes.
 */
import { MODEL_KEY } from '../shared/ModelOptions';
import { h, type ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Account } from '../../src/model/account';
import type { PlatformRules } from '../../src/console/auth-context';
import type { PreviewReport, SvgNode } from '../../src/pdf/preview';
import { branchOf } from '../../src/pdf/wording';
import { ext } from '../../src/platform/browser-api';
import { readPlatformRules } from './console-link';
import { sheetJobOptions, type PdfRequest } from './pdf-job';
import { PreviewSuperseded, PreviewWorker } from './preview-client';
import type { ActionsBase } from './use-pdf';
import { lang, t } from '../shared/lang';

interface Props {
  accounts: Account[];
  request: PdfRequest;
  base: ActionsBase;
  /** The offered fix « Choisir 2 par page ». */
  onModel: (m: PdfRequest['model']) => void;
}

/**
 * Quiet time after the last change before the preview is computed again: none beyond the task that
 * made the change (changes made together are one job). A job costs the panel a few ms (the selection
 * goes as positions), a newer one ends the older's fit check within a slice, and the page count and
 * first card are due ≤ 150 ms after the change (issue 23): the 60 ms once waited here were half of that.
 */
const DEBOUNCE_MS = 0;


/** Plain SVG data from the worker, drawn as elements (names stay text: never parsed as markup). */
function Svg({ node, logo, fit = false }: { node: SvgNode; logo: string | null; fit?: boolean }): ComponentChildren {
  if (node.tag === 'image' && !logo) return null;
  const attrs = node.tag === 'image' ? { ...node.attrs, href: logo! } : node.tag === 'svg' && fit ? { ...node.attrs, width: '100%', height: undefined } : node.attrs;
  return h(node.tag, attrs, ...(node.children ?? []).map((c, i) => (typeof c === 'string' ? c : <Svg key={i} node={c} logo={logo} />)));
}

export function PrintPreview({ accounts, request, base, onModel }: Props) {
  const worker = useRef<PreviewWorker | null>(null);
  const [rules, setRules] = useState<PlatformRules | null>(null);
  /** The last report, with the model and the number of accounts it was made for (shown with it while the next one is made). */
  const [report, setReport] = useState<(PreviewReport & { model: PdfRequest['model']; n: number }) | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Actual size by default; « Ajuster à la largeur » when the card is wider than the panel. */
  const [fitWidth, setFitWidth] = useState(false);
  const frame = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);

  useEffect(() => () => worker.current?.stop(), []);

  // Laying out every card costs about as much as the PDF's layout: done only while the preview is
  // on screen (or nearly), never for a selection nobody looks at; then once per change of its inputs.
  const section = useRef<HTMLElement>(null);
  const [onScreen, setOnScreen] = useState(false);
  useEffect(() => {
    const el = section.current;
    if (!el || typeof IntersectionObserver === 'undefined') return setOnScreen(true);
    const io = new IntersectionObserver((es) => setOnScreen(es.some((e) => e.isIntersecting)), { rootMargin: '200px 0px' });
    io.observe(el);
    return () => io.disconnect();
  }, []);

  useEffect(() => {
    // The ENT's password rule changes the instructions' length, so what fits: read once, as the PDF
    // does, when the preview is first looked at (no console request for a preview nobody sees).
    if (!onScreen || rules) return;
    let live = true;
    // the worker parses its fonts meanwhile (about a second of a cold worker), not after
    (worker.current ??= new PreviewWorker()).warm();
    readPlatformRules(base.tabId).then((r) => live && setRules(r));
    return () => {
      live = false;
    };
  }, [base.tabId, onScreen]);

  const { model, bundles, households, roster, envelopeLabels } = request;
  const inputs = [accounts, model, bundles, households, roster, envelopeLabels, base.settings, base.origin, base.structureName, rules];
  /** The inputs of the report shown (or being made): nothing to do while they stay the same. */
  const made = useRef<unknown[] | null>(null);
  useEffect(() => {
    if (!rules) return;
    // A job nobody will look at is dropped, but the worker stays warm (fonts, measuring document,
    // the school's accounts): ending it made the next preview a cold start of a second or more.
    if (!accounts.length) {
      worker.current?.cancel();
      made.current = null;
      setReport(null);
      setBusy(false);
      return;
    }
    if (made.current && made.current.every((v, i) => v === inputs[i])) return;
    if (!onScreen) {
      if (!report) return;
      // stale: redone when the preview comes into view
      worker.current?.cancel();
      made.current = null;
      setBusy(true);
      return;
    }
    made.current = inputs;
    setBusy(true);
    let started = false;
    const timer = setTimeout(() => {
      started = true;
      const w = (worker.current ??= new PreviewWorker());
      const options = sheetJobOptions(request, base.settings, base.origin, base.structureName, { rules, ...(base.everyone ? { everyone: base.everyone } : {}) });
      // The whole report comes with the quick one's card: kept as it is, so it is not drawn again.
      let quickCard: PreviewReport['card'] | undefined;
      const shown = (r: PreviewReport) => {
        quickCard = r.card;
        setReport({ ...r, model: request.model, n: accounts.length });
      };
      w.run({ accounts, options, date: Date.now(), uiLang: lang() }, base.everyone ?? accounts, shown).then(
        (r) => {
          setReport({ ...r, card: quickCard !== undefined ? quickCard : r.card, model: request.model, n: accounts.length });
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
    return () => {
      // a change within the debounce: this run never started, the next effect makes the new one
      clearTimeout(timer);
      if (!started && made.current === inputs) made.current = null;
    };
  }, [...inputs, onScreen]);

  // Read after the browser's own layout (a ResizeObserver), never forced in a render: measuring the
  // frame in every render laid out the whole panel once more at each filter change.
  const card = report?.card;
  useEffect(() => {
    const f = frame.current;
    if (!f || typeof ResizeObserver === 'undefined') return setOverflows(false);
    const svg = f.firstElementChild;
    const ro = new ResizeObserver(() => setOverflows(f.scrollWidth > f.clientWidth + 1));
    ro.observe(f);
    if (svg) ro.observe(svg);
    return () => ro.disconnect();
  }, [card, fitWidth]);

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

  const logo = base.settings.logo?.dataUrl ?? null;
  // The same element while the card is the same: preact skips its hundreds of SVG nodes on every other render.
  const cardSvg = useMemo(() => (card ? <Svg node={card.svg} logo={logo} fit={fitWidth} /> : null), [card, logo, fitWidth]);
  const problems = report?.problems ?? [];
  // The offered fixes: a roomier model (checkFit names it), or a shorter paragraph in Réglages.
  const better = problems.find((p) => p.fix?.model && p.fix.model !== model)?.fix?.model;
  const canShorten = problems.some((p) => p.kind === 'custom-too-long');
  // A letter is a page per family, not a card: said so in its own words.
  const letter = (report?.model ?? model) === 'letter';
  const cardKey = letter ? (card?.masked ? 'pvLetter' : 'pvLetterNoCode') : card?.masked ? 'pvCard' : 'pvCardNoCode';
  return (
    <section ref={section} class="print-preview" hidden={!accounts.length} aria-labelledby="pv-title" aria-busy={busy ? 'true' : 'false'}>
      <h3 id="pv-title">{t('pvTitle')}</h3>
      <p class="pv-count" role="status" aria-live="polite">
        {report ? <span class="pv-pages">{t('pvPages', { pages: report.pages, n: report.n, model: t(MODEL_KEY[report.model]) })}</span> : null}
        {busy && <span class="pv-busy"> {t('pvUpdating')}</span>}
      </p>
      {error && <p class="error" role="alert">{t('pvError', { detail: error })}</p>}
      {(codeless.activated > 0 || codeless.teachers > 0 || problems.length > 0) && (
        <ul class="pv-warnings">
          {problems.map((p) => (
            <li key={p.kind} class="pv-fit warning">
              {p.message}
            </li>
          ))}
          {letter ? (
            codeless.activated + codeless.teachers > 0 && <li class="pv-activated">{t('pvLetterActivated', { n: codeless.activated + codeless.teachers })}</li>
          ) : (
            <>
              {codeless.activated > 0 && <li class="pv-activated">{t('pvActivated', { n: codeless.activated })}</li>}
              {codeless.teachers > 0 && <li class="pv-activated">{t('pvTeachersActivated', { n: codeless.teachers })}</li>}
            </>
          )}
        </ul>
      )}
      {(better || canShorten) && (
        <p class="buttons pv-fixes">
          {better && (
            <button type="button" class="small" onClick={() => onModel(better)}>
              {t('pvFixModel', { model: t(MODEL_KEY[better]) })}
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
          <figcaption>
            {t(cardKey, { name: card.name, size: t(fitWidth ? 'pvSizeFitted' : 'pvSizeActual') })}
            {(overflows || fitWidth) && (
              <>
                {' '}
                <button type="button" class="link pv-size" aria-pressed={fitWidth ? 'true' : 'false'} onClick={() => setFitWidth((v) => !v)}>
                  {t(fitWidth ? 'pvActualSize' : 'pvFitWidth')}
                </button>
              </>
            )}
          </figcaption>
          {overflows && !fitWidth && <p class="hint pv-scroll">{t(letter ? 'pvLetterScroll' : 'pvScroll')}</p>}
          <div ref={frame} class="pv-frame" role="region" tabIndex={0} aria-label={t(cardKey, { name: card.name, size: t(fitWidth ? 'pvSizeFitted' : 'pvSizeActual') })}>
            {cardSvg}
          </div>
        </figure>
      )}
    </section>
  );
}
