/**
 * What the mail dialog says before anything is sent: who gets what. entcore's mail route sends an
 * activation mail to an account that still has its code and a login reminder to an activated one
 * (the teacher included), and nothing to an account without an address; the director reads each
 * group before « Envoyer ». Pure: the dialog translates the lines (UiKey + numbers) and draws them.
 *
 * To add a line (e.g. blocked accounts), add its key to src/i18n/ui.ts and push it in `mailSummary`.
 */
import { cannotActivate, hasEmail, isActivated, type Account } from '../model/account';
import type { UiKey } from '../i18n/ui';

export interface MailSummaryLine {
  key: UiKey;
  /** `at`: a time (ms), shown by the dialog as a date. */
  vars: Record<string, number>;
  /** A button drawn after the line: print the sheets of the accounts without an address. */
  action?: 'print-no-email';
}

export interface MailSummary {
  /** The accounts the campaign is made of (its report counts them all, each in one outcome). */
  recipients: Account[];
  /** Among the recipients, those the console cannot mail (no address): reported « sans courriel ». */
  withoutEmail: Account[];
  /** Among the recipients with an address: how many get a login reminder (already activated). */
  reminders: number;
  /** Among the recipients with an address: how many get their activation mail. */
  activations: number;
  /** The selection holds both activated and not-activated accounts with an address. */
  mixed: boolean;
  /** Among the accounts with an address of the selection, those the distribution log says were mailed already. */
  mailedBefore: number;
  lines: MailSummaryLine[];
}

export interface MailHistory {
  /** When the distribution log last saw this account mailed, if ever (this browser's log). */
  mailedAt?: (id: string) => number | undefined;
  /** Leave out the accounts mailed before (the director's choice). */
  skipMailed?: boolean;
}

/** The accounts with an address, activated (a login reminder) or not (their activation mail). */
function withEmailByActivation(list: readonly Account[]): { activated: number; notActivated: number } {
  let activated = 0;
  let notActivated = 0;
  for (const a of list) {
    if (!hasEmail(a)) continue;
    if (isActivated(a)) activated++;
    else notActivated++;
  }
  return { activated, notActivated };
}

/**
 * `onlyNotActivated`: the activated accounts of the selection are left out of the campaign (no
 * reminder), and a line says how many. `history`: the accounts mailed before are counted, said, and
 * left out when the director asks (a second mail is never sent unannounced).
 */
export function mailSummary(selection: readonly Account[], onlyNotActivated: boolean, history: MailHistory = {}): MailSummary {
  const { mailedAt, skipMailed = false } = history;
  const all = withEmailByActivation(selection);
  const mixed = all.activated > 0 && all.notActivated > 0;
  const base = onlyNotActivated ? selection.filter((a) => !isActivated(a)) : selection;
  // Those of the base the console would mail (an address) and the log saw mailed already.
  const mailedAlready = new Set<Account>();
  let lastMailed = 0;
  if (mailedAt) {
    for (const a of base) {
      const at = hasEmail(a) ? mailedAt(a.id) : undefined;
      if (at === undefined) continue;
      mailedAlready.add(a);
      lastMailed = Math.max(lastMailed, at);
    }
  }
  const recipients = skipMailed && mailedAlready.size ? base.filter((a) => !mailedAlready.has(a)) : [...base];
  const withoutEmail = recipients.filter((a) => !hasEmail(a));
  const { activated: reminders, notActivated: activations } = withEmailByActivation(recipients);
  const n = reminders + activations;
  const lines: MailSummaryLine[] = [];
  if (n === 0) lines.push({ key: 'mailNobody', vars: {} });
  else if (reminders > 0) lines.push({ key: 'confirmTextReminders', vars: { n, a: reminders } });
  else lines.push({ key: 'confirmText', vars: { n } });
  const mailedBefore = mailedAlready.size;
  if (mailedBefore > 0) lines.push({ key: skipMailed ? 'mailAlreadyLeftOut' : 'mailAlreadyMailed', vars: { n: mailedBefore, at: lastMailed } });
  const leftOut = selection.length - base.length;
  if (leftOut > 0) lines.push({ key: 'mailActivatedLeftOut', vars: { n: leftOut } });
  if (withoutEmail.length > 0) lines.push({ key: 'confirmNoEmail', vars: { n: withoutEmail.length }, action: 'print-no-email' });
  // Mailed all the same (the director chose them), but said: entcore never activates a blocked account
  // (or one of a blocked profile), so its activation mail leads nowhere.
  const blocked = recipients.filter((a) => hasEmail(a) && cannotActivate(a)).length;
  if (blocked > 0) lines.push({ key: blocked > 1 ? 'blockedCannotActivateMany' : 'blockedCannotActivateOne', vars: { n: blocked } });
  return { recipients, withoutEmail, reminders, activations, mixed, mailedBefore, lines };
}
