import { useMemo, useState } from 'preact/hooks';
import type { Account } from '../src/model/account';
import { planChannels } from '../src/model/distribution';
import { MailPanel } from './MailPanel';
import { defaultRequest, usePdf, type ActionsBase } from './use-pdf';
import { lang, t } from './lang';

/** The guide's channel plan for the selection: who gets paper, who an e-mail, who nothing. */
export function ChannelPlan({ accounts, actions }: { accounts: Account[]; actions: ActionsBase }) {
  const plan = useMemo(() => planChannels(accounts), [accounts]);
  const pdf = usePdf(actions);
  const [mailOpen, setMailOpen] = useState(false);
  return (
    <details class="plan">
      <summary>
        <h2>{t('planTitle')}</h2>
      </summary>
      <ul>
        <li>{t('planPaper', { n: plan.paper.length })}</li>
        <li>{t('planMail', { n: plan.mail.length })}</li>
        <li>{t('planAcademie', { n: plan.academie.length })}</li>
      </ul>
      <div class="buttons">
        <button
          type="button"
          class="primary"
          disabled={(!plan.paper.length && !plan.mail.length) || pdf.busy}
          onClick={() => {
            // E-mail where possible, paper for the rest: the sheets print while the mail dialog asks to confirm.
            if (plan.mail.length && actions.canMail) setMailOpen(true);
            if (plan.paper.length) pdf.generate(plan.paper, defaultRequest(actions, 'simplePdf'));
          }}
        >
          {t('planApply')}
        </button>
        <button type="button" disabled={!plan.paper.length || pdf.busy} onClick={() => pdf.generate(plan.paper, defaultRequest(actions, 'simplePdf'))}>
          {t('planPrint', { n: plan.paper.length })}
        </button>
        <button type="button" disabled={!plan.mail.length || !actions.canMail} onClick={() => setMailOpen(true)}>
          {t('planSend', { n: plan.mail.length })}
        </button>
      </div>
      {pdf.status}
      {mailOpen && (
        <MailPanel
          t={t}
          lang={lang()}
          tabId={actions.tabId}
          structureId={actions.structureId}
          accounts={plan.mail}
          onClose={() => setMailOpen(false)}
          onPrint={(list) => pdf.generate(list, defaultRequest(actions, 'simplePdf'))}
          onMailed={actions.onMailed}
        />
      )}
    </details>
  );
}
