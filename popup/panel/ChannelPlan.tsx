import { useMemo, useState } from 'preact/hooks';
import { type Account, PROFILES, isActivated } from '../../src/model/account';
import { type ProfileCounts, countOf, planChannels, planCounts } from '../../src/model/distribution';
import { MailPanel } from './MailPanel';
import { defaultRequest, usePdf, type ActionsBase } from './use-pdf';
import { lang, t } from '../shared/lang';
import type { UiKey } from '../../src/i18n/ui';

/** « 12 élèves, 20 parents, 2 personnels »: what a channel holds, every profile named. */
function countByProfile(n: ProfileCounts): string {
  if (!countOf(n)) return t('planNone');
  return PROFILES.filter((p) => n[p])
    .map((p) => t(`count${p}${n[p] === 1 ? 'One' : 'Many'}` as UiKey, { n: n[p] }))
    .join(', ');
}

const add = (a: ProfileCounts, b: ProfileCounts): ProfileCounts => Object.fromEntries(PROFILES.map((p) => [p, a[p] + b[p]])) as ProfileCounts;
const NONE = Object.fromEntries(PROFILES.map((p) => [p, 0])) as ProfileCounts;

/**
 * The guide's channel plan for the selection: who gets paper, who an e-mail, who nothing.
 * Accounts already activated need no code: left out unless the director asks for them.
 * Counted at every selection change (planCounts, one pass); its lists are made only for a click.
 */
export function ChannelPlan({ accounts, actions }: { accounts: Account[]; actions: ActionsBase }) {
  const [withActivated, setWithActivated] = useState(false);
  const counts = useMemo(() => planCounts(accounts), [accounts]);
  // Left out of the plan unless asked for, but counted: « aucun » would contradict the list.
  const { activated, activatedTeachers } = counts;
  const byChannel = withActivated ? counts.all : counts.notActivated;
  // Without the console's JSON list there is no mail: those with an address go on paper, and the plan says so.
  const plan = actions.canMail ? byChannel : { ...byChannel, paper: add(byChannel.paper, byChannel.mail), mail: NONE };
  const paper = countOf(plan.paper);
  const mail = countOf(plan.mail);
  const lists = () => {
    const by = planChannels(withActivated ? accounts : accounts.filter((a) => !isActivated(a)));
    return actions.canMail ? by : { ...by, paper: [...by.paper, ...by.mail], mail: [] };
  };
  // No focus move on the PDF link here: « Appliquer » prints while the mail dialog holds the focus.
  const pdf = usePdf(actions);
  const [mailOpen, setMailOpen] = useState(false);
  const mailList = useMemo(() => (mailOpen ? lists().mail : []), [mailOpen, accounts, withActivated, actions.canMail]);
  const canMail = mail > 0;
  return (
    <details class="plan">
      <summary>
        <h2>{t('planTitle')}</h2>
      </summary>
      <ul>
        <li class="plan-paper">{t('planPaper', { list: countByProfile(plan.paper) })}</li>
        <li class="plan-mail">{t('planMail', { list: countByProfile(plan.mail) })}</li>
        <li class="plan-academie">
          {!withActivated && activatedTeachers > 0 ? t('planAcademieLeftOut', { n: activatedTeachers }) : t('planAcademie', { list: countByProfile(plan.academie) })}
        </li>
      </ul>
      {!actions.canMail && countOf(byChannel.mail) > 0 && <p class="hint plan-no-mail">{t('planNoMailHere', { n: countOf(byChannel.mail) })}</p>}
      <label class="check">
        <input type="checkbox" checked={withActivated} disabled={!activated} onChange={(e) => setWithActivated(e.currentTarget.checked)} />
        {t('planWithActivated', { n: activated })}
      </label>
      <div class="buttons">
        <button
          type="button"
          class="primary"
          disabled={(!paper && !canMail) || pdf.busy}
          onClick={() => {
            // E-mail where possible, paper for the rest: the sheets print while the mail dialog asks to confirm.
            if (canMail) setMailOpen(true);
            if (paper) pdf.generate(lists().paper, defaultRequest(actions, 'simplePdf'));
          }}
        >
          {t('planApply', { paper, mail: canMail ? mail : 0 })}
        </button>
        <button type="button" disabled={!paper || pdf.busy} onClick={() => pdf.generate(lists().paper, defaultRequest(actions, 'simplePdf'))}>
          {t('planPrint', { n: paper })}
        </button>
        <button type="button" disabled={!canMail} onClick={() => setMailOpen(true)}>
          {t('planSend', { n: mail })}
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
          accounts={mailList}
          onClose={() => setMailOpen(false)}
          onPrint={(list) => pdf.generate(list, defaultRequest(actions, 'simplePdf'))}
          onMailed={actions.onMailed}
          mailedAt={actions.mailedAt}
        />
      )}
    </details>
  );
}
