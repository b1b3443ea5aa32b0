/**
 * What the mail dialog says before anything is sent: who gets what. entcore's mail route sends an
 * activation mail to an account that still has its code and a login reminder to an activated one
 * (the teacher included), and nothing to an account without an address; the director reads each
 * group before « Envoyer ». Pure: the dialog translates the lines (UiKey + numbers) and draws them.
 *
 * To add a line (e.g. blocked accounts), add its key to src/i18n/ui.ts and push it in `mailSummary`.
 */
import { hasEmail, isActivated, type Account } from '../model/account';
import type { UiKey } from '../i18n/ui';

export interface MailSummaryLine {
  key: UiKey;
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
  lines: MailSummaryLine[];
}

/**
 * `onlyNotActivated`: the activated accounts of the selection are left out of the campaign (no
 * reminder), and a line says how many.
 */
export function mailSummary(selection: readonly Account[], onlyNotActivated: boolean): MailSummary {
  let activatedWithEmail = 0;
  let notActivatedWithEmail = 0;
  for (const a of selection) {
    if (!hasEmail(a)) continue;
    if (isActivated(a)) activatedWithEmail++;
    else notActivatedWithEmail++;
  }
  const mixed = activatedWithEmail > 0 && notActivatedWithEmail > 0;
  const recipients = onlyNotActivated ? selection.filter((a) => !isActivated(a)) : [...selection];
  const withoutEmail = recipients.filter((a) => !hasEmail(a));
  const reminders = onlyNotActivated ? 0 : activatedWithEmail;
  const activations = notActivatedWithEmail;
  const n = reminders + activations;
  const lines: MailSummaryLine[] = [];
  if (n === 0) lines.push({ key: 'mailNobody', vars: {} });
  else if (reminders > 0) lines.push({ key: 'confirmTextReminders', vars: { n, a: reminders } });
  else lines.push({ key: 'confirmText', vars: { n } });
  const leftOut = selection.length - recipients.length;
  if (leftOut > 0) lines.push({ key: 'mailActivatedLeftOut', vars: { n: leftOut } });
  if (withoutEmail.length > 0) lines.push({ key: 'confirmNoEmail', vars: { n: withoutEmail.length }, action: 'print-no-email' });
  return { recipients, withoutEmail, reminders, activations, mixed, lines };
}
