/**
 * Privacy: activation codes are credentials. After reading the demo school and printing its sheets,
 * no code and no e-mail address is in any extension storage, no code is in any console message, no
 * request leaves for anywhere but the extension and the console's origin; names are shown as text.
 */
import type { ConsoleMessage, Request } from '@playwright/test';
import { test, expect, loginAs } from './fixtures';
import { PanelPage } from './pages/panel-page';
import { consoleTable } from './pages/console-page';
import { PopupPage } from './pages/popup-page';
import { OptionsPage } from './pages/options-page';
import { DEMO, MASSMAIL, liveTabIdFor } from './quality-helpers';
import { storedLog } from './stored-log';

const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;

test('no activation code or e-mail address in storage, no code in any console, requests only to the console and the extension', async ({ ext, api, consolePage }) => {
  const messages: string[] = [];
  const requests: string[] = [];
  const onConsole = (m: ConsoleMessage) => messages.push(`${m.type()} ${m.location().url}: ${m.text()}`);
  // entcore's own page asks Google Fonts for its stylesheet and fonts (test/real-console/NOTICE.md):
  // the console's requests, not ours. Only those two kinds, from those two hosts, are set aside: a
  // fetch or XHR there (the extension's kind of request) is still counted.
  const consoleFonts = (r: Request) =>
    /^https:\/\/fonts\.(googleapis|gstatic)\.com\//.test(r.url()) && ['stylesheet', 'font'].includes(r.resourceType());
  const onRequest = (r: Request) => consoleFonts(r) || requests.push(r.url());
  ext.context.on('console', onConsole);
  ext.sw.on('console', onConsole);
  ext.context.on('request', onRequest);
  try {
    const oracle = await api.users(DEMO);
    const codes = oracle.map((u) => u.activationCode).filter((c): c is string => !!c);
    const emails = oracle.map((u) => u.email?.trim()).filter((e): e is string => !!e);
    expect(codes.length).toBeGreaterThan(50);
    expect(emails.length).toBeGreaterThan(0);

    await loginAs(consolePage, api, 'adml', MASSMAIL);
    const tabId = await liveTabIdFor(ext, MASSMAIL);
    const panel = await PanelPage.open(ext, tabId);
    await panel.waitReady();
    expect(await panel.selectedCount()).toBe(oracle.length);
    // The codes are on screen (that is the point), so the checks below do look at the right strings.
    const shown = await panel.page.locator('.list').innerText();
    expect(codes.some((c) => shown.includes(c))).toBe(true);

    // Print the sheets of every account.
    const download = panel.page.waitForEvent('download', { timeout: 90_000 });
    await panel.button('Générer en PDF').click();
    expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
    await expect(panel.page.getByRole('status').filter({ hasText: /PDF prêt/ })).toBeVisible({ timeout: 90_000 });

    // The other extension pages, for their requests and console too.
    await PopupPage.open(ext, tabId);
    await OptionsPage.open(ext);

    // Every storage area the extension has.
    const areas = await ext.sw.evaluate(async () => ({
      local: await chrome.storage.local.get(null),
      session: await chrome.storage.session.get(null),
      sync: await chrome.storage.sync.get(null).catch(() => ({})),
    }));
    const pageStores = await panel.page.evaluate(async () => ({
      localStorage: { ...localStorage },
      sessionStorage: { ...sessionStorage },
      indexedDB: (await indexedDB.databases()).map((d) => d.name),
      caches: await caches.keys(),
    }));
    const dump = JSON.stringify({ areas, pageStores });
    expect(dump.length).toBeGreaterThan(2); // the tab state at least
    for (const code of codes) expect(dump, `activation code ${code} stored`).not.toContain(code);
    for (const email of emails) expect(dump, `e-mail ${email} stored`).not.toContain(email);
    expect(dump).not.toMatch(EMAIL);
    expect(pageStores.indexedDB).toEqual([]);

    // No activation code in any console message (panel, console page, popup, options, service worker);
    // markers first prove each of those consoles is listened to.
    await panel.page.evaluate(() => console.log('pp1-marker-panel'));
    await consolePage.evaluate(() => console.log('pp1-marker-console'));
    await ext.sw.evaluate(() => console.log('pp1-marker-sw'));
    await expect.poll(() => ['panel', 'console', 'sw'].filter((w) => !messages.some((m) => m.includes(`pp1-marker-${w}`)))).toEqual([]);
    const logged = messages.join('\n');
    for (const code of codes) expect(logged, `activation code ${code} logged`).not.toContain(code);

    // Every request went to the extension itself or to the console's own origin. (Opening the PDF
    // also loads Chromium's own PDF viewer: chrome:// and its built-in extension, both local.)
    const origin = api.origin();
    const local = (u: string) => /^(chrome-extension|chrome|blob|data):/.test(u);
    expect(requests.some((u) => u.startsWith(`chrome-extension://${ext.id}/`))).toBe(true);
    expect(requests.some((u) => u.startsWith(`${origin}/directory/structure/${DEMO}/massMail/allUsers`))).toBe(true);
    expect(requests.filter((u) => !local(u) && u !== origin && !u.startsWith(origin + '/'))).toEqual([]);
  } finally {
    ext.context.off('console', onConsole);
    ext.sw.off('console', onConsole);
    ext.context.off('request', onRequest);
  }
});

// On the kept console tab (`keptConsole`): the test is about the panel's rendering of a name.
test('a name holding HTML is shown as text in the panel, never as markup', async ({ api, keptConsole }) => {
  const oracle = await api.users(DEMO);
  const zoe = oracle.find((u) => u.lastName.includes('<b>'))!;
  expect(zoe.lastName).toBe('Dupont <b>test</b>');

  const panel = await (await keptConsole('adml', MASSMAIL)).panel();
  await panel.page.getByRole('searchbox', { name: 'Rechercher (nom, prénom, identifiant)' }).fill('Zoé Dupont');
  const row = panel.page.locator(`.list tr[data-id="${zoe.id}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText('Dupont <b>test</b>');
  expect(await row.locator('b').count()).toBe(0);
  expect(await panel.page.locator('b').count()).toBe(0);
});

test('table mode: no login, name, code or e-mail address in any storage, distribution log included', async ({ ext, api, consolePage }) => {
  // Issue 13: with the JSON route down, rows were keyed `login:<login>` and the log kept those keys.
  const oracle = await api.users(DEMO);
  await loginAs(consolePage, api, 'adml', MASSMAIL);
  // The console drew its table from its own read; then the extension's read of the JSON route fails.
  await consoleTable(consolePage, oracle.length);
  await api.knobs({ allUsersStatus: 404 });
  const panel = await PanelPage.open(ext, await liveTabIdFor(ext, MASSMAIL));
  await panel.waitReady();
  await expect(panel.page.getByText(/Liste lue depuis le tableau de la console/)).toBeVisible();

  // Hand a family over in meeting mode, and print sheets: both go to the distribution log.
  await panel.page.getByText('Mode réunion').click();
  await panel.page.getByLabel('Rechercher un élève ou un parent').fill('valentin coeurd');
  const card = panel.page.getByRole('listitem', { name: /^Famille / }).first();
  await card.getByRole('button', { name: 'Marquer comme remis' }).click();
  await expect(card.getByRole('button', { name: 'Annuler « remis »' })).toBeVisible();
  // The list and the publishing buttons are hidden during the meeting (issue 22 item 4).
  await panel.page.getByRole('button', { name: 'Quitter la réunion', exact: true }).click();
  await panel.page.getByRole('searchbox', { name: 'Rechercher (nom, prénom, identifiant)' }).fill('Martin');
  const download = panel.page.waitForEvent('download', { timeout: 90_000 });
  await panel.button('Générer en PDF').click();
  await download;
  await expect(panel.page.getByRole('status').filter({ hasText: /PDF prêt/ })).toBeVisible({ timeout: 90_000 });

  // The log is written just after the PDF is handed over (under the log's lock): read it once it is.
  const readLog = async () => Object.entries(await storedLog(ext, DEMO));
  await expect.poll(async () => (await readLog()).filter(([, e]) => e.printed).length, { timeout: 20_000 }).toBeGreaterThan(0);
  const entries = await readLog();
  expect(entries.filter(([, e]) => e.handed).length).toBeGreaterThanOrEqual(1); // the hand-over is recorded… (no families: the table has no links)
  for (const [id] of entries) expect(id).toMatch(/^t:[A-Za-z0-9_-]{22}$/); // …under keyed hashes

  const dump = JSON.stringify(await ext.sw.evaluate(async () => [await chrome.storage.local.get(null), await chrome.storage.session.get(null)]));
  for (const u of oracle) {
    const login = u.loginAlias ?? u.login;
    expect(dump, `login ${login} stored`).not.toContain(login);
    expect(dump, `name of ${u.id} stored`).not.toContain(`${u.firstName} ${u.lastName}`);
    expect(dump, `name of ${u.id} stored`).not.toContain(JSON.stringify(u.lastName));
    if (u.activationCode) expect(dump).not.toContain(u.activationCode);
    if (u.email?.trim()) expect(dump).not.toContain(u.email.trim());
  }
  expect(dump).not.toContain('login:');
  expect(dump).not.toMatch(EMAIL);
});
