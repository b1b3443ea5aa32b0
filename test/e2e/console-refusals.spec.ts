/**
 * Refusal, lost session and mandatory checks told apart on every route (issue 18, item 8). On
 * entcore a 401 is a refusal (ActionFilter.deny) while the session lives, and the checks a user owes
 * are 302s to their page (MandatoryUserValidationFilter); the fake console answers both that way
 * (knobs denyPaths, mfaRequired, termsRequired, mailCheckRequired, smsCheckRequired).
 */
import type { Page } from '@playwright/test';
import { test, expect, loginAs, tabIdFor, type ConsoleApi, type Ext } from './fixtures';
import { PanelPage } from './pages/panel-page';
import { PopupPage } from './pages/popup-page';

const DEMO = 'a1b2c3d4-0000-4000-8000-000000000001';
const MASSMAIL = `/admin/${DEMO}/imports-exports/massmail`;
const CLASS_ADMIN = '/directory/class-admin';

type Check = 'mfa' | 'terms' | 'mail' | 'sms';
const KNOB: Record<Check, string> = { mfa: 'mfaRequired', terms: 'termsRequired', mail: 'mailCheckRequired', sms: 'smsCheckRequired' };
/** What the director reads for each check, and the link's label. */
const SAYS: Record<Check, { text: string; link: string }> = {
  mfa: { text: 'L’ENT demande une vérification de sécurité (validation en deux étapes)', link: 'Valider sur l’ENT' },
  terms: { text: 'L’ENT demande d’accepter de nouveau sa charte d’utilisation', link: 'Accepter la charte sur l’ENT' },
  mail: { text: 'L’ENT demande de vérifier votre adresse courriel', link: 'Vérifier mon adresse courriel sur l’ENT' },
  sms: { text: 'L’ENT demande de vérifier votre numéro de téléphone mobile', link: 'Vérifier mon téléphone sur l’ENT' },
};
/** The check's page on the console, as entcore's filter builds it, coming back to `pageUrl`. */
function checkHref(origin: string, check: Check, pageUrl: string): string {
  const back = encodeURIComponent(pageUrl);
  return {
    mfa: `${origin}/auth/validate-mfa?force=true&redirect=${back}`,
    terms: `${origin}/auth/revalidate-terms`,
    mail: `${origin}/auth/validate-mail?force=true&type=email&redirect=${back}`,
    sms: `${origin}/auth/validate-mail?force=true&type=sms&redirect=${back}`,
  }[check];
}

/** Text as read, no-break spaces as spaces (French typography before « : »). */
const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();

async function expectRefusal(ext: Ext, tabId: number, panel: PanelPage, what: string): Promise<void> {
  await expect(panel.alert).toBeVisible({ timeout: 30_000 });
  const said = plain(await panel.alert.textContent());
  expect(said).toContain(`La console refuse ${what} (401) : votre compte n’en a pas le droit. Vous reconnecter n’y changera rien`);
  expect(said).not.toContain('session a expiré');
  await expect(panel.button('Se reconnecter')).toHaveCount(0);
  // The toolbar popup says the same.
  const popup = await PopupPage.open(ext, tabId);
  await expect.poll(async () => plain(await popup.alert.textContent())).toContain(`La console refuse ${what} (401)`);
  await popup.page.close();
}

/** A return address without the page's client-side route (the class page adds « #/myClass » once booted). */
const noRoute = (href: string | null) => (href ?? '').replace(/(%23|#)[^&]*$/, '');

async function expectCheck(ext: Ext, tabId: number, panel: PanelPage, check: Check, what: string, pageUrl: string, api: ConsoleApi): Promise<void> {
  await expect(panel.alert).toBeVisible({ timeout: 30_000 });
  const said = plain(await panel.alert.textContent());
  expect(said).toContain(`${SAYS[check].text} avant de vous laisser accéder à ${what}`);
  expect(said).not.toContain('session a expiré');
  const link = panel.page.getByRole('link', { name: SAYS[check].link, exact: true });
  await expect.poll(async () => noRoute(await link.getAttribute('href'))).toBe(checkHref(api.origin(), check, pageUrl));
  // The terms page always goes to the ENT's home: a second link brings the director back here.
  if (check === 'terms') expect(noRoute(await panel.page.getByRole('link', { name: 'Revenir à la page de publipostage', exact: true }).getAttribute('href'))).toBe(pageUrl);
  const popup = await PopupPage.open(ext, tabId);
  await expect.poll(async () => plain(await popup.alert.textContent())).toContain(SAYS[check].text);
  await expect.poll(async () => noRoute(await popup.page.getByRole('link', { name: SAYS[check].link, exact: true }).getAttribute('href'))).toBe(checkHref(api.origin(), check, pageUrl));
  await popup.page.close();
}

/** A fresh session (checks are validated per session) on `path`, and the tab's id. */
async function freshConsole(ext: Ext, api: ConsoleApi, page: Page, role: string, path: string): Promise<number> {
  await loginAs(page, api, role, path);
  await expect(page).toHaveURL(new RegExp(`${path}$`));
  return tabIdFor(ext, path);
}

test('massMail/allUsers: a 401 is a refusal, not an expired session; each check is named with its link back to the page', async ({ ext, api, consolePage }) => {
  test.setTimeout(240_000);
  const pageUrl = `${api.origin()}${MASSMAIL}`;
  // The resource filter refuses the account list: the session is alive.
  let tabId = await freshConsole(ext, api, consolePage, 'adml', MASSMAIL);
  await api.knobs({ denyPaths: ['/massMail/allUsers'] });
  let panel = await PanelPage.open(ext, tabId);
  await expectRefusal(ext, tabId, panel, 'la liste des comptes de cette école');
  await panel.page.close();

  for (const check of ['mfa', 'terms', 'mail', 'sms'] as const) {
    await api.reset();
    tabId = await freshConsole(ext, api, consolePage, 'adml', MASSMAIL);
    // The check falls due after the console page loaded (a new charter, MFA once per session…).
    await api.knobs({ [KNOB[check]]: true });
    const owedFrom = (await api.requests()).length;
    panel = await PanelPage.open(ext, tabId);
    await expectCheck(ext, tabId, panel, check, 'la liste des comptes de cette école', pageUrl, api);
    // The requests the console received while the check was owed: no account list served.
    expect((await api.requests()).slice(owedFrom).filter(listServed), check).toEqual([]);
    if (check === 'mfa') {
      // Following the link: the ENT's page, then back on the console page, and the list reads.
      await panel.page.getByRole('link', { name: SAYS.mfa.link, exact: true }).click();
      await expect(consolePage).toHaveURL(/\/auth\/validate-mfa\?force=true&redirect=/);
      await consolePage.getByRole('button', { name: 'Valider' }).click();
      await expect(consolePage).toHaveURL(pageUrl);
      await panel.button('Réessayer').click();
      await panel.waitReady();
      // …and once the MFA is validated, the list is served.
      expect((await api.requests()).slice(owedFrom).filter(listServed).length).toBeGreaterThanOrEqual(1);
    }
    await panel.page.close();
  }
});

const listServed = (r: { path: string; status: number | null }) => r.path === `/directory/structure/${DEMO}/massMail/allUsers` && r.status === 200;

test('class lists (teacher page): a 401 on a class is a refusal naming the class; a check is named with its link', async ({ ext, api, consolePage }) => {
  const ce1a = (await api.classes(DEMO)).find((c) => c.name === 'CE1 A')!;
  let tabId = await freshConsole(ext, api, consolePage, 'teacher', CLASS_ADMIN);
  await api.knobs({ denyPaths: [`/directory/class/${ce1a.id}/users`] });
  let panel = await PanelPage.open(ext, tabId);
  await expectRefusal(ext, tabId, panel, 'la liste de la classe CE1 A');
  await panel.page.close();

  for (const check of ['terms', 'mail'] as const) {
    await api.reset();
    tabId = await freshConsole(ext, api, consolePage, 'teacher', CLASS_ADMIN);
    await api.knobs({ [KNOB[check]]: true });
    panel = await PanelPage.open(ext, tabId);
    // The class page's AngularJS route (#/myClass) may ride along in the return address.
    await expectCheck(ext, tabId, panel, check, 'la liste de vos classes', `${api.origin()}${CLASS_ADMIN}`, api);
    await panel.page.close();
  }
});

test('the mail route: a check owed mid-campaign stops the run and is named, with its link; nothing is mailed meanwhile', async ({ ext, api, consolePage }) => {
  const pageUrl = `${api.origin()}${MASSMAIL}`;
  test.setTimeout(240_000);
  for (const check of ['terms', 'sms'] as const) {
    await api.reset();
    // The stopped run of the previous round would be offered for resuming: start afresh.
    await ext.sw.evaluate(() => chrome.storage.local.clear());
    const tabId = await freshConsole(ext, api, consolePage, 'adml', MASSMAIL);
    const panel = await PanelPage.open(ext, tabId);
    await panel.waitReady();
    await panel.openGroup('Profils');
    await panel.profile('Parent').check();
    const d = await panel.openMail();
    await api.knobs({ [KNOB[check]]: true });
    await d.button('Envoyer').click();
    await d.waitEnded();
    await expect(d.status).toHaveText(/l’ENT demande une vérification avant d’envoyer/);
    await expect.poll(async () => plain(await d.root.textContent())).toContain(`${SAYS[check].text} avant de vous laisser accéder à l’envoi des courriels`);
    await expect(d.root.getByRole('link', { name: SAYS[check].link, exact: true })).toHaveAttribute('href', checkHref(api.origin(), check, pageUrl));
    const posts = (await api.requests()).filter((r) => r.method === 'POST' && r.path === '/directory/class-admin/massmail');
    expect(posts.length).toBeGreaterThan(0);
    expect(posts.every((r) => r.status === 302)).toBe(true);
    expect(await api.mails()).toEqual([]);
    await panel.page.close();
  }
});
