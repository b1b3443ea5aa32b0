/**
 * Issue 13, console side: mail is sent only to the console the accounts were read from, and a
 * session redirect to another origin (an SSO) is an expired session: nothing is sent there.
 */
import { test, expect, loginAs, tabIdFor, HOST, ConsoleApi } from './fixtures';
import { PanelPage } from './pages/panel-page';
import { startFakeConsole } from '../fake-console/server.mjs';
import { expected } from './oracle';

const DEMO = 'a1b2c3d4-0000-4000-8000-000000000001';
const MASSMAIL = `/admin/${DEMO}/imports-exports/massmail`;
const MAIL_PATH = '/directory/class-admin/massmail';

test('a mail campaign does not follow the tab to another ENT: the content script refuses, the panel says why', async ({ ext, api, consolePage }) => {
  // A second console on another origin (same host name, another port: another origin all the same).
  const other = (await startFakeConsole({ port: 0 })) as { port: number; close(): Promise<void> };
  const otherApi = new ConsoleApi(`https://${HOST}:${other.port}`);
  try {
    const users = await api.users(DEMO);
    const parents = expected(users, { profiles: ['Relative'], activated: true });
    await loginAs(consolePage, api, 'adml', MASSMAIL);
    const panel = await PanelPage.open(ext, await tabIdFor(ext, MASSMAIL));
    await panel.waitReady();
    await panel.profile('Parent').check();
    await panel.select('Activation').selectOption({ label: 'Utilisateurs activés' });
    await expect(panel.selectedCounter).toHaveText(`${parents.length} comptes sélectionnés`);

    const d = await panel.openMail();
    await api.knobs({ latencyMs: 400 });
    await d.button('Envoyer').click();
    await expect.poll(() => d.done(), { timeout: 20_000, intervals: [50] }).toBeGreaterThanOrEqual(5);
    // Mid-campaign, the director opens the other ENT's console in the same tab.
    await loginAs(consolePage, otherApi, 'adml', MASSMAIL);
    await d.waitEnded();
    await expect(d.status).toHaveText(
      `Envoi interrompu : l’onglet n’est plus sur la console où les comptes ont été lus (${api.origin()}). Rien n’a été envoyé ailleurs ; revenez sur cette console pour reprendre.`,
    );
    const stored = await ext.sw.evaluate((k) => chrome.storage.local.get(k), `campaign:${DEMO}`);
    expect((stored[`campaign:${DEMO}`] as { stopReason?: string }).stopReason).toBe('wrong-console');
    // The other console never received a mail request, nor any account id.
    const reqs = await otherApi.requests();
    expect(reqs.filter((r) => r.path === MAIL_PATH)).toEqual([]);
    expect(await otherApi.mails()).toEqual([]);
    expect(reqs.length).toBeGreaterThan(0); // it was reached (login, page): the check above can fail
  } finally {
    await other.close();
  }
});

test('a session redirect to an SSO on another origin: expired session, and no request ever reaches that origin', async ({ ext, api, consolePage }) => {
  await loginAs(consolePage, api, 'adml', MASSMAIL);
  const tabId = await tabIdFor(ext, MASSMAIL);
  await api.knobs({ expireSessionAfter: 1, expiredAnswer: 'sso' });
  const panel = await PanelPage.open(ext, tabId);
  await expect(panel.alert).toContainText('Votre session a expiré');
  const reqs = await api.requests();
  // The console answered 302 to the SSO (so the redirect was there to follow)…
  expect(reqs.some((r) => r.status === 302 && r.path.startsWith('/directory/'))).toBe(true);
  // …and the extension did not follow it: the SSO host (served by the same fake) saw nothing.
  expect(reqs.filter((r) => String(r.headers?.host ?? '').startsWith('sso.example.test'))).toEqual([]);
});
