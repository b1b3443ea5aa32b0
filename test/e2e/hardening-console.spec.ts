/**
 * Issue 13, console side: mail is sent only to the console the accounts were read from, and a
 * session redirect to another origin (an SSO) is an expired session: nothing is sent there.
 */
import { test, expect, loginAs, tabIdFor, HOST, ConsoleApi } from './fixtures';
import { PanelPage } from './pages/panel-page';
import { consoleTable } from './pages/console-page';
import { startFakeConsole } from '../fake-console/server.mjs';
import { expected } from './oracle';
import { storedState } from '../../src/campaign/compact';

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
    // The first chunk goes, the next ones wait at the console (the fake's `hold`) until the tab has
    // moved: a latency of 400 ms per request let a loaded machine finish the run before the move.
    await api.knobs({ hold: { path: MAIL_PATH, pass: 1 } });
    await d.button('Envoyer').click();
    await expect.poll(() => d.done(), { timeout: 20_000, intervals: [50] }).toBeGreaterThanOrEqual(5);
    // Mid-campaign, the director opens the other ENT's console in the same tab.
    await loginAs(consolePage, otherApi, 'adml', MASSMAIL);
    await api.knobs({ hold: null });
    await d.waitEnded();
    await expect(d.status).toHaveText(
      `Envoi interrompu : l’onglet n’est plus sur la console où les comptes ont été lus (${api.origin()}). Rien n’a été envoyé ailleurs ; revenez sur cette console pour reprendre.`,
    );
    const stored = await ext.sw.evaluate((k) => chrome.storage.local.get(k), `campaign:${DEMO}`);
    expect((storedState(stored[`campaign:${DEMO}`]) as { stopReason?: string }).stopReason).toBe('wrong-console');
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
  await consoleTable(consolePage); // the console's own boot requests done: the next one is the extension's
  await api.knobs({ expireSessionAfter: 1, expiredAnswer: 'sso' });
  const panel = await PanelPage.open(ext, tabId);
  await expect(panel.alert).toContainText('Votre session a expiré');
  const reqs = await api.requests();
  // The extension's requests carry `Accept: application/json` alone (content/console-client.ts); the
  // console page's own script (which follows redirects, as the real console's does) sends axios'
  // `application/json, text/plain, */*`. A followed redirect keeps the Accept header.
  const ours = (r: (typeof reqs)[number]) => r.headers?.accept === 'application/json';
  // The console answered our request with a 302 to the SSO (so the redirect was there to follow)…
  expect(reqs.some((r) => ours(r) && r.status === 302 && r.path.startsWith('/directory/'))).toBe(true);
  // …and the extension did not follow it: the SSO host (served by the same fake) got nothing from it.
  expect(reqs.filter((r) => ours(r) && String(r.headers?.host ?? '').startsWith('sso.example.test'))).toEqual([]);
});

// This test and the next two take the kept console tab: they are about what the extension holds, not
// about the console's boot or session (the two above keep their own tab: they move it or drop its session).
test('code running in the console page (the content script world) cannot read storage.local nor ask the tab record', async ({ ext, keptConsole }) => {
  const { page: consolePage, tabId } = await keptConsole('adml', MASSMAIL);
  // Something worth protecting is in storage.local: the settings.
  await ext.sw.evaluate(() => chrome.storage.local.set({ settings: { schoolName: 'École témoin' } }));

  // The content script's isolated world, reached through the DevTools protocol.
  const cdp = await ext.context.newCDPSession(consolePage);
  const worlds: Array<{ id: number; name: string; origin: string; auxData?: { type?: string } }> = [];
  cdp.on('Runtime.executionContextCreated', (e) => worlds.push(e.context));
  await cdp.send('Runtime.enable');
  await expect.poll(() => worlds.some((w) => w.auxData?.type === 'isolated' && w.origin.includes(ext.id))).toBe(true);
  const world = worlds.find((w) => w.auxData?.type === 'isolated' && w.origin.includes(ext.id))!;
  const run = async (expression: string) =>
    ((await cdp.send('Runtime.evaluate', { expression, contextId: world.id, awaitPromise: true, returnByValue: true })).result as { value: unknown }).value;

  // The world is the extension's: it has chrome.runtime (the checks below are not vacuous).
  expect(await run('typeof chrome.runtime.sendMessage')).toBe('function');
  const read = await run(`chrome.storage.local.get(null).then((v) => 'read ' + JSON.stringify(v), (e) => 'refused ' + e.message)`);
  expect(String(read)).toMatch(/^refused /);
  expect(String(read)).not.toContain('École témoin');
  const state = await run(
    `chrome.runtime.sendMessage({ type: 'get-tab-state', tabId: ${tabId} }).then((r) => 'answer ' + JSON.stringify(r ?? null), (e) => 'error ' + e.message)`,
  );
  expect(String(state)).not.toContain('massmail');
  expect(String(state)).toMatch(/^(answer null|error )/);
  // An extension page still gets it.
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.id}/popup.html?tab=${tabId}`);
  const fromPage = await page.evaluate((id) => chrome.runtime.sendMessage({ type: 'get-tab-state', tabId: id }), tabId);
  expect(JSON.stringify(fromPage)).toContain('massmail');
  await cdp.detach();
});

test('the PDF blob URL (it holds activation codes) is revoked once delivered, and its link goes', async ({ keptConsole }) => {
  const panel = await (await keptConsole('adml', MASSMAIL)).panel({ params: { blobTtlMs: '1500' } });
  await panel.page.getByRole('searchbox', { name: 'Rechercher (nom, prénom, identifiant)' }).fill('Martin');
  // The link lives 1.5 s here: read it, and fetch it, in the page the moment it shows (from the test,
  // a loaded machine once took longer than its life to ask for its address).
  await panel.page.evaluate(() => {
    const w = window as unknown as { __blob?: { url: string; status: Promise<number> } };
    new MutationObserver((_, o) => {
      const a = [...document.querySelectorAll<HTMLAnchorElement>('[role=status] a[href]')].find((x) => /PDF prêt/.test(x.closest('[role=status]')!.textContent ?? ''));
      if (!a) return;
      o.disconnect();
      w.__blob = { url: a.getAttribute('href')!, status: fetch(a.href).then((r) => r.status, () => 0) };
    }).observe(document.body, { childList: true, subtree: true, attributes: true });
  });
  const download = panel.page.waitForEvent('download');
  await panel.button('Générer en PDF').click();
  await download;
  const done = panel.page.getByRole('status').filter({ hasText: /PDF prêt/ });
  await expect(done).toBeVisible();
  const link = done.getByRole('link');
  await expect.poll(() => panel.page.evaluate(() => !!(window as unknown as { __blob?: unknown }).__blob)).toBe(true);
  const { url, status } = await panel.page.evaluate(async () => {
    const b = (window as unknown as { __blob: { url: string; status: Promise<number> } }).__blob;
    return { url: b.url, status: await b.status };
  });
  expect(url).toMatch(/^blob:chrome-extension:/);
  // While delivering, the file is there…
  expect(status).toBe(200);
  // …then the URL is revoked and the link to it removed (the file name stays as text).
  await expect(link).toHaveCount(0, { timeout: 10_000 });
  await expect(done).toContainText('.pdf');
  expect(await panel.page.evaluate((u) => fetch(u).then((r) => `status ${r.status}`, () => 'revoked'), url)).toBe('revoked');
});

test('a mail campaign older than one school year is dropped, not offered for resumption', async ({ ext, api, keptConsole }) => {
  const { createCampaign } = await import('../../src/campaign/campaign');
  const { encodeIds, encodeState } = await import('../../src/campaign/compact');
  const users = await api.users(DEMO);
  const parents = expected(users, { profiles: ['Relative'], activated: true });
  const old = createCampaign(DEMO, parents.map((u) => ({ id: u.id, email: u.email })) as never, Date.now() - 400 * 24 * 3600 * 1000, 'c-old');
  await ext.sw.evaluate(
    ([k, ids, state]) => chrome.storage.local.set({ [`campaign:${k}`]: state, [`campaign-ids:${k}`]: ids }),
    [DEMO, encodeIds(old), encodeState(old)] as const,
  );
  const panel = await (await keptConsole('adml', MASSMAIL)).panel();
  await panel.profile('Parent').check();
  await panel.select('Activation').selectOption({ label: 'Utilisateurs activés' });
  const d = await panel.openMail();
  await expect(d.button('Envoyer')).toBeVisible();
  await expect(d.button('Reprendre l’envoi')).toHaveCount(0);
  const left = await ext.sw.evaluate((k) => chrome.storage.local.get([`campaign:${k}`, `campaign-ids:${k}`]), DEMO);
  expect(left).toEqual({});
});
