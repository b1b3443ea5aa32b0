import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ModelOptions } from '../shared/ModelOptions';
import { type Account, cannotActivate } from '../../src/model/account';
import { isPlural } from '../../src/i18n/follow-up';
import type { SheetModel } from '../../src/pdf';
import { MailPanel } from './MailPanel';
import { PrintPreview } from './PrintPreview';
import { defaultRequest, usePdf, type ActionsBase } from './use-pdf';
import { lang, t } from '../shared/lang';
import { Isolate } from '../shared/isolate';
import type { LetterLang } from '../../src/i18n/letter';
import { LetterLangChoice } from './LetterLangChoice';
import { useRememberedLangs } from './letter-lang-store';

interface Props extends ActionsBase {
  selected: Account[];
  model: SheetModel;
  onModel: (m: SheetModel) => void;
  noEmail: number;
  /** Marks accounts handed over (or not): the signed sign-off roster comes back from a class. */
  onHanded: (ids: string[], on: boolean) => void;
}

/** The accounts of the last sign-off roster printed, by class (a roster has one page per class). */
type RosterClasses = Array<{ name: string; ids: string[] }>;

function byClass(accounts: Account[], noClass: string): RosterClasses {
  const out = new Map<string, string[]>();
  for (const a of accounts) {
    const name = a.classes[0]?.name ?? noClass;
    out.set(name, [...(out.get(name) ?? []), a.id]);
  }
  return [...out].map(([name, ids]) => ({ name, ids }));
}

/** "Lancer le publipostage": model, options, "Générer en PDF", "Envoyer par mail". */
export function Actions(p: Props) {
  const pdf = usePdf(p, { focusResult: true });
  const [bundles, setBundles] = useState(defaultRequest(p, p.model).bundles);
  const [households, setHouseholds] = useState(false);
  const [roster, setRoster] = useState(false);
  const [labels, setLabels] = useState(false);
  const [letterLang, setLetterLang] = useState<LetterLang>('fr');
  const [duplex, setDuplex] = useState(false);
  const [mailOpen, setMailOpen] = useState(false);
  const mailButton = useRef<HTMLButtonElement>(null);
  const [printedRoster, setPrintedRoster] = useState<RosterClasses | null>(null);
  const [handed, setHanded] = useState<Set<string>>(new Set());
  // Bundles follow the sort (setting "auto") until the user decides otherwise.
  useEffect(() => setBundles(defaultRequest(p, p.model).bundles), [p.sortByClass]);

  const none = p.selected.length === 0;
  // counted without a list of them: at every selection change (5,000 accounts)
  const blocked = useMemo(() => {
    let n = 0;
    for (const a of p.selected) if (cannotActivate(a)) n++;
    return n;
  }, [p.selected]);
  const mailReason = none ? t('nothingSelected') : !p.canMail ? t('mailNeedsJson') : p.noEmail === p.selected.length ? t('noEmailSelected') : null;
  const letter = p.model === 'letter';
  // families remembered in meeting mode (« Se souvenir pour cette famille ») keep their language
  const remembered = useRememberedLangs(p.structureId, p.selected, letter);
  const request = {
    kind: 'sheets' as const, model: p.model, bundles: bundles && !households, households, roster, envelopeLabels: households && labels,
    ...(letter ? { letterLang, letterDuplex: duplex, letterLangs: remembered } : {}),
  };
  const print = async (kind: 'sheets' | 'roster') => {
    const accounts = p.selected;
    const ok = await pdf.generate(accounts, { ...request, kind });
    if (ok && (kind === 'roster' || roster)) {
      setPrintedRoster(byClass(accounts, t('noClass')));
      setHanded(new Set());
    }
  };
  const handOver = (name: string, ids: string[], on: boolean) => {
    p.onHanded(ids, on);
    setHanded((prev) => {
      const next = new Set(prev);
      if (on) next.add(name);
      else next.delete(name);
      return next;
    });
  };

  return (
    <section class="publish" aria-labelledby="publish-title">
      <h2 id="publish-title" tabIndex={-1}>
        {t('publishTitle')}
      </h2>
      <label>
        <span>{t('model')}</span>
        <select value={p.model} onChange={(e) => p.onModel(e.currentTarget.value as SheetModel)}>
          <ModelOptions t={t} />
        </select>
      </label>
      {letter && (
        <div class="options letter-options">
          <LetterLangChoice id="letter-lang" value={letterLang} onChange={setLetterLang} />
          {Object.keys(remembered).length > 0 && <p class="hint">{t('letterRemembered', { n: Object.keys(remembered).length })}</p>}
          <label class="check">
            <input type="checkbox" checked={duplex} onChange={(e) => setDuplex(e.currentTarget.checked)} />
            {t('letterDuplex')}
          </label>
        </div>
      )}
      <div class="options">
        <label class="check">
          <input type="checkbox" checked={bundles && !households} disabled={households} onChange={(e) => setBundles(e.currentTarget.checked)} />
          {t('pdfBundles')}
        </label>
        <label class="check">
          <input type="checkbox" checked={households} onChange={(e) => setHouseholds(e.currentTarget.checked)} />
          {t('pdfHouseholds')}
        </label>
        {households && (
          <label class="check">
            <input type="checkbox" checked={labels} onChange={(e) => setLabels(e.currentTarget.checked)} />
            {t('pdfLabels')}
          </label>
        )}
        <label class="check">
          <input type="checkbox" checked={roster} onChange={(e) => setRoster(e.currentTarget.checked)} />
          {t('pdfRoster')}
        </label>
      </div>
      <div class="buttons">
        <button type="button" class="primary" disabled={none || pdf.busy} aria-describedby={none ? 'why-disabled' : undefined} onClick={() => print('sheets')}>
          {t('generatePdf')}
        </button>
        <button ref={mailButton} type="button" disabled={!!mailReason || pdf.busy} aria-describedby={mailReason ? 'why-mail-disabled' : undefined} onClick={() => setMailOpen(true)}>
          {t('sendMail')}
        </button>
        <button type="button" disabled={none || pdf.busy} onClick={() => print('roster')}>
          {t('rosterOnly')}
        </button>
      </div>
      {none && <p id="why-disabled" class="hint">{t('nothingSelected')}</p>}
      {!none && mailReason && <p id="why-mail-disabled" class="hint">{mailReason}</p>}
      {blocked > 0 && <p class="hint blocked-note">{t(isPlural(blocked) ? 'blockedCannotActivateMany' : 'blockedCannotActivateOne', { n: blocked })}</p>}
      {pdf.status}
      {printedRoster && (
        <div class="handover" role="group" aria-label={t('handoverTitle')}>
          <p class="hint">{t('handoverHint')}</p>
          <ul>
            {printedRoster.map(({ name, ids }) => (
              <li key={name}>
                {handed.has(name) ? (
                  <>
                    <span role="status"><Isolate text={t('handoverDone', { n: ids.length, name })} values={[name]} /></span>{' '}
                    <button type="button" class="small" onClick={() => handOver(name, ids, false)}>
                      {t('cancel')}
                    </button>
                  </>
                ) : (
                  <button type="button" class="small" onClick={() => handOver(name, ids, true)}>
                    <Isolate text={t('handoverMark', { n: ids.length, name })} values={[name]} />
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {/* Below the buttons: the preview arrives as they come into view and grows with its card,
          warnings and fixes; above them it pushed them down under the director's pointer. */}
      <PrintPreview accounts={p.selected} request={request} base={p} onModel={p.onModel} />
      {mailOpen && (
        <MailPanel
          t={t}
          lang={lang()}
          tabId={p.tabId}
          origin={p.origin}
          structureId={p.structureId}
          everyone={p.everyone}
          accounts={p.selected}
          onClose={() => {
            setMailOpen(false);
            // Back where the dialog was opened from.
            setTimeout(() => mailButton.current?.focus(), 0);
          }}
          onPrint={(accounts) => pdf.generate(accounts, request)}
          onMailed={p.onMailed}
          mailedAt={p.mailedAt}
        />
      )}
    </section>
  );
}
