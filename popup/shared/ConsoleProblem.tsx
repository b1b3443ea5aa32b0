/**
 * What the console refused, or which check the ENT wants first (issue 18, item 8), in the panel, the
 * mail dialog and the toolbar popup alike. A refusal says that logging in again will not help; a
 * check names itself and links to the ENT's page for it, which comes back to the console page.
 */
import type { Translate, UiKey } from '../../src/i18n/ui';
import type { ConsoleError } from '../../src/console/errors';

export type Problem = Pick<ConsoleError, 'kind' | 'check' | 'link' | 'what' | 'className'>;

const CHECK: Record<NonNullable<Problem['check']>, { text: UiKey; link: UiKey }> = {
  mfa: { text: 'checkMfa', link: 'checkLinkMfa' },
  terms: { text: 'checkTerms', link: 'checkLinkTerms' },
  mail: { text: 'checkMail', link: 'checkLinkMail' },
  sms: { text: 'checkSms', link: 'checkLinkSms' },
  unknown: { text: 'checkUnknown', link: 'checkLinkUnknown' },
};

export function whatOf(t: Translate, p: Problem): string {
  return p.what ? t(`what_${p.what}` as UiKey, { className: p.className ?? '' }) : t('what_default');
}

/** Whether this problem is one the component explains (the others keep their own messages). */
export const isConsoleProblem = (p: { kind: string }): boolean => p.kind === 'refused' || p.kind === 'check';

/**
 * `go`: follows a link in the console's tab (the panel and the popup are not that tab). `consoleUrl`:
 * the console page, for « Revenir à la page de publipostage » after the terms (their page goes home).
 */
export function ConsoleProblem({ t, problem, go, consoleUrl }: { t: Translate; problem: Problem; go: (url: string) => void; consoleUrl?: string }) {
  const what = whatOf(t, problem);
  if (problem.kind === 'refused') return <p class="problem problem-refused">{t('errRefused', { what })}</p>;
  const keys = CHECK[problem.check ?? 'unknown'];
  const link = (href: string, label: string) => (
    <a href={href} class="problem-link" onClick={(e) => (e.preventDefault(), go(href))}>
      {label}
    </a>
  );
  return (
    <div class={`problem problem-check problem-${problem.check ?? 'unknown'}`}>
      <p>{t(keys.text, { what })}</p>
      {(problem.link || consoleUrl) && (
        <p class="actions">
          {link(problem.link ?? consoleUrl!, t(keys.link))}
          {problem.check === 'terms' && consoleUrl && <> {link(consoleUrl, t('checkBack'))}</>}
        </p>
      )}
    </div>
  );
}
