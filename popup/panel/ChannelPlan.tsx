import { useMemo, useState } from 'preact/hooks';
import { type Account, type Profile, PROFILES, isActivated } from '../../src/model/account';
import { planChannels } from '../../src/model/distribution';
import { MailPanel } from './MailPanel';
import { defaultRequest, usePdf, type ActionsBase } from './use-pdf';
import { lang, t } from '../shared/lang';
import type { UiKey } from '../../src/i18n/ui';

/** « 12 élèves, 20 parents, 2 personnels »: what a channel holds, every profile named. */
function countByProfile(accounts: Account[]): string {
  if (!accounts.length) return t('planNone');
  const n = new Map<Profile, number>();
  for (const a of accounts) n.set(a.profile, (n.get(a.profile) ?? 0) + 1);
  return PROFILES.filter((p) => n.get(p))
    .map((p) => t(`count${p}${n.get(p) === 1 ? 'One' : 'Many'}` as UiKey, { n: n.get(p)! }))
    .join(', ');
}

/**
 * The guide's channel plan for the selection: who gets paper, who an e-mail, who nothing.
 * Accounts already activated need no code: left out unless the director asks for them.
 */
export function ChannelPlan({ accounts, actions }: { accounts: Account[]; actions: ActionsBase }) {
  const [withActivated, setWithActivated] = useState(false);
  const activated = useMemo(() => accounts.filter(isActivated).length, [accounts]);
  const plan = useMemo(() => planChannels(withActivated ? accounts : accounts.filter((a) => !isActivated(a))), [accounts, withActivated]);
  // No focus move on the PDF link here: « Appliquer » prints while the mail dialog holds the focus.
  const pdf = usePdf(actions);
  const [mailOpen, setMailOpen] = useState(false);
  const canMail = plan.mail.length > 0 && actions.canMail;
  return (
    <details class="plan">
      <summary>
        <h2>{t('planTitle')}</h2>
      </summary>
      <ul>
        <li class="plan-paper">{t('planPaper', { list: countByProfile(plan.paper) })}</li>
        <li class="plan-mail">{t('planMail', { list: countByProfile(plan.mail) })}</li>
        <li class="plan-academie">{t('planAcademie', { list: countByProfile(plan.academie) })}</li>
      </ul>
      <label class="check">
        <input type="checkbox" checked={withActivated} disabled={!activated} onChange={(e) => setWithActivated(e.currentTarget.checked)} />
        {t('planWithActivated', { n: activated })}
      </label>
      <div class="buttons">
        <button
          type="button"
          class="primary"
          disabled={(!plan.paper.length && !canMail) || pdf.busy}
          onClick={() => {
            // E-mail where possible, paper for the rest: the sheets print while the mail dialog asks to confirm.
            if (canMail) setMailOpen(true);
            if (plan.paper.length) pdf.generate(plan.paper, defaultRequest(actions, 'simplePdf'));
          }}
        >
          {t('planApply', { paper: plan.paper.length, mail: canMail ? plan.mail.length : 0 })}
        </button>
        <button type="button" disabled={!plan.paper.length || pdf.busy} onClick={() => pdf.generate(plan.paper, defaultRequest(actions, 'simplePdf'))}>
          {t('planPrint', { n: plan.paper.length })}
        </button>
        <button type="button" disabled={!canMail} onClick={() => setMailOpen(true)}>
          {t('planSend', { n: plan.mail.length })}
        </button>
      </div>
      {pdf.status}
      {mailOpen && (
        <MailPanel
          t={t}
          lang={lang()}
          tabId={actions.tabId}
          origin={actions.origin}
          structureId={actions.structureId}
          everyone={actions.everyone}
          accounts={plan.mail}
          onClose={() => setMailOpen(false)}
          onPrint={(list) => pdf.generate(list, defaultRequest(actions, 'simplePdf'))}
          onMailed={actions.onMailed}
        />
      )}
    </details>
  );
}
