import { useEffect, useState } from 'preact/hooks';
import type { Account } from '../src/model/account';
import type { SheetModel } from '../src/pdf';
import { MailPanel } from './MailPanel';
import { defaultRequest, usePdf, type ActionsBase } from './use-pdf';
import { lang, t } from './lang';

interface Props extends ActionsBase {
  selected: Account[];
  model: SheetModel;
  onModel: (m: SheetModel) => void;
  noEmail: number;
}

/** "Lancer le publipostage": model, options, "Générer en PDF", "Envoyer par mail". */
export function Actions(p: Props) {
  const pdf = usePdf(p);
  const [bundles, setBundles] = useState(defaultRequest(p, p.model).bundles);
  const [households, setHouseholds] = useState(false);
  const [roster, setRoster] = useState(false);
  const [mailOpen, setMailOpen] = useState(false);
  // Bundles follow the sort (setting "auto") until the user decides otherwise.
  useEffect(() => setBundles(defaultRequest(p, p.model).bundles), [p.sortByClass]);

  const none = p.selected.length === 0;
  const mailReason = none ? t('nothingSelected') : !p.canMail ? t('mailNeedsJson') : p.noEmail === p.selected.length ? t('noEmailSelected') : null;
  const request = { kind: 'sheets' as const, model: p.model, bundles: bundles && !households, households, roster };

  return (
    <section class="publish" aria-labelledby="publish-title">
      <h2 id="publish-title">{t('publishTitle')}</h2>
      <label>
        <span>{t('model')}</span>
        <select value={p.model} onChange={(e) => p.onModel(e.currentTarget.value as SheetModel)}>
          <option value="pdf">{t('model1')}</option>
          <option value="newPdf">{t('model2')}</option>
          <option value="simplePdf">{t('model8')}</option>
        </select>
      </label>
      <div class="options">
        <label class="check">
          <input type="checkbox" checked={bundles && !households} disabled={households} onChange={(e) => setBundles(e.currentTarget.checked)} />
          {t('pdfBundles')}
        </label>
        <label class="check">
          <input type="checkbox" checked={households} onChange={(e) => setHouseholds(e.currentTarget.checked)} />
          {t('pdfHouseholds')}
        </label>
        <label class="check">
          <input type="checkbox" checked={roster} onChange={(e) => setRoster(e.currentTarget.checked)} />
          {t('pdfRoster')}
        </label>
      </div>
      <div class="buttons">
        <button type="button" class="primary" disabled={none || pdf.busy} aria-describedby={none ? 'why-disabled' : undefined} onClick={() => pdf.generate(p.selected, request)}>
          {t('generatePdf')}
        </button>
        <button type="button" disabled={!!mailReason || pdf.busy} aria-describedby={mailReason ? 'why-mail-disabled' : undefined} onClick={() => setMailOpen(true)}>
          {t('sendMail')}
        </button>
        <button type="button" disabled={none || pdf.busy} onClick={() => pdf.generate(p.selected, { ...request, kind: 'roster' })}>
          {t('rosterOnly')}
        </button>
      </div>
      {none && <p id="why-disabled" class="hint">{t('nothingSelected')}</p>}
      {!none && mailReason && <p id="why-mail-disabled" class="hint">{mailReason}</p>}
      {pdf.status}
      {mailOpen && (
        <MailPanel
          t={t}
          lang={lang()}
          tabId={p.tabId}
          structureId={p.structureId}
          accounts={p.selected}
          onClose={() => setMailOpen(false)}
          onPrint={(accounts) => pdf.generate(accounts, request)}
          onMailed={p.onMailed}
        />
      )}
    </section>
  );
}
