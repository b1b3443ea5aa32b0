/**
 * Firefox ESR: the extension installed as a user's temporary add-on finds the console page, the
 * panel bound to its tab reads every account and filters them, and the popup and the options page
 * work — checked against the fake console's own records.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expected, shownLogin } from '../e2e/oracle';
import { UI } from '../../src/i18n/ui';
import { FF_EXT_DIR } from './firefox';
import {
  DEMO, MASSMAIL, allRows, chooseOption, clickButton, clickCheckbox, consoleTabId, expect, loginAs, openExtPage, test, textOf, until, waitText,
  type WebExt,
} from './fixtures';

const USERS = `/admin/${DEMO}/users/list`;

test('installed in Firefox ESR 140+, it detects the massmail page and not the other console pages', async ({ ff, api, consolePage }) => {
  // The manifest's minimum is the oldest ESR we support, and the Firefox under test is at least that.
  const manifest = JSON.parse(readFileSync(path.join(FF_EXT_DIR, 'manifest.json'), 'utf8'));
  const min = Number(manifest.browser_specific_settings.gecko.strict_min_version.split('.')[0]);
  expect(min).toBe(140);
  expect(Number(ff.version.split('.')[0])).toBeGreaterThanOrEqual(min);

  await loginAs(consolePage, api, 'adml', USERS);
  const helper = await openExtPage(ff.browser, 'options.html');
  const records = () => helper.evaluate(async () => ((await (globalThis as unknown as WebExt).browser.storage.session.get('tabs')).tabs ?? {}) as Record<string, { page: { kind: string; path: string; structureId: string } | null }>);
  // The content script stays silent on the users' list of the same console.
  await new Promise((r) => setTimeout(r, 1000));
  expect(Object.values(await records()).filter((r) => r.page)).toEqual([]);

  await consolePage.goto(`${api.origin()}${MASSMAIL}`);
  const tabId = await consoleTabId(helper, MASSMAIL);
  expect((await records())[tabId]!.page).toMatchObject({ kind: 'massmail', structureId: DEMO, path: MASSMAIL, origin: api.origin() });
});

test('the panel bound to its tab (panel.html?tab=<id>) reads every account, lists them and filters', async ({ ff, api, consolePage }) => {
  const users = await api.users(DEMO);
  await loginAs(consolePage, api, 'adml', MASSMAIL);
  const helper = await openExtPage(ff.browser, 'options.html');
  const tabId = await consoleTabId(helper, MASSMAIL);
  await helper.close();

  const panel = await openExtPage(ff.browser, `panel.html?tab=${tabId}`);
  await waitText(panel, '.count-selected', `${users.length} comptes sélectionnés`);
  const rows = await allRows(panel);
  expect(rows.map((r) => r.id).sort()).toEqual(users.map((u) => u.id).sort());
  const byId = new Map(users.map((u) => [u.id, u]));
  for (const r of rows) {
    const u = byId.get(r.id)!;
    // A blocked account carries « bloqué » beside its name (entcore never activates it), and only it.
    const mark = / bloqué \(Compte bloqué[^)]*\)$/;
    expect(mark.test(r.cells[1]!.trim()), u.id).toBe(u.blocked);
    expect(r.cells.slice(1, 3).map((c) => c.replace('🔒', '').trim().replace(mark, '')), u.id).toEqual([u.lastName, u.firstName]);
    expect(r.cells[4]!.trim(), u.id).toBe(shownLogin(u));
  }
  // Read through the console's JSON route, with the console's session.
  const reads = (await api.requests()).filter((r) => r.path === `/directory/structure/${DEMO}/massMail/allUsers`);
  expect(reads.length).toBeGreaterThan(0);
  for (const r of reads) expect(r.headers?.sessionCookie).toBe(true);

  // A filter: parents only, then not activated.
  await clickCheckbox(panel, 'Profils', 'Parent');
  const parents = expected(users, { profiles: ['Relative'] });
  await waitText(panel, '.count-selected', `${parents.length} comptes sélectionnés`);
  expect((await allRows(panel)).map((r) => r.id).sort()).toEqual(parents.map((u) => u.id).sort());
  await chooseOption(panel, 'Activation', 'Utilisateurs non activés');
  const waiting = expected(users, { profiles: ['Relative'], activated: false });
  await waitText(panel, '.count-selected', `${waiting.length} comptes sélectionnés`);
  await waitText(panel, '.count-no-email', `${waiting.filter((u) => !u.email?.trim()).length} sans adresse courriel`);
  expect((await allRows(panel)).map((r) => r.id).sort()).toEqual(waiting.map((u) => u.id).sort());

  // Bound: activating another tab of its window changes nothing.
  const other = await ff.browser.newPage();
  await other.bringToFront();
  await new Promise((r) => setTimeout(r, 500));
  expect(await textOf(panel, '.count-selected')).toBe(`${waiting.length} comptes sélectionnés`);
});

test('the popup shows the school and the count read on the console tab; elsewhere what it is for', async ({ ff, api, consolePage }) => {
  const users = await api.users(DEMO);
  await loginAs(consolePage, api, 'adml', MASSMAIL);
  const helper = await openExtPage(ff.browser, 'options.html');
  const tabId = await consoleTabId(helper, MASSMAIL);
  await helper.close();

  const popup = await openExtPage(ff.browser, `popup.html?tab=${tabId}`);
  await waitText(popup, '.count', 'Comptes pas encore lus : ouvrez le publipostage.');
  const panel = await openExtPage(ff.browser, `panel.html?tab=${tabId}`);
  await waitText(panel, '.count-selected', `${users.length} comptes sélectionnés`);
  // The open popup follows the background's record.
  await waitText(popup, '.count', `${users.length} comptes lus`);
  await waitText(popup, '.structure-id', 'Structure : École élémentaire Jules Ferry');

  // On a tab that is not a console page: what the extension is for, and « Activer sur ce site ».
  const list = await ff.browser.newPage();
  await list.goto(`${api.origin()}${USERS}`);
  const blankId = await until('the users list tab', () =>
    popup.evaluate(async () => {
      const tabs = await (globalThis as unknown as WebExt).browser.tabs.query({ url: '*://oneconnect.edifice.io/admin/*/users/list' });
      return tabs[0]?.id ?? 0;
    }),
  );
  const elsewhere = await openExtPage(ff.browser, `popup.html?tab=${blankId}`);
  await waitText(elsewhere, 'main.popup .notice', UI.fr.noConsole);
  expect(await textOf(elsewhere, '.count')).toBeNull();
});

test('the options page saves the settings and shows them again', async ({ ff }) => {
  const o = await openExtPage(ff.browser, 'options.html');
  await o.type('#opt-school', 'École Jules Ferry');
  await o.type('#opt-ent-url', 'https://ent.mon-ecole.fr/');
  await clickButton(o, 'Enregistrer');
  await waitText(o, '[role=status]', 'Réglages enregistrés.');
  const stored = await o.evaluate(async () => (await (globalThis as unknown as WebExt).browser.storage.local.get(null)) as Record<string, unknown>);
  expect(JSON.stringify(stored)).toContain('École Jules Ferry');
  await o.close();

  const again = await openExtPage(ff.browser, 'options.html');
  expect(await again.$eval('#opt-school', (e) => (e as HTMLInputElement).value)).toBe('École Jules Ferry');
  expect(await again.$eval('#opt-ent-url', (e) => (e as HTMLInputElement).value)).toBe('https://ent.mon-ecole.fr');
});

test('an error in an extension page is caught by the collector that fails the tests', async ({ ff }) => {
  const page = await openExtPage(ff.browser, 'options.html');
  const first = ff.errors.length;
  await page.evaluate(() => {
    setTimeout(() => {
      throw new Error('probe: uncaught');
    });
    void Promise.reject(new Error('probe: rejected'));
    console.error('probe: console.error');
  });
  await until('the three errors to be collected', () => ff.errors.length >= first + 3);
  const seen = ff.errors.splice(first); // collected: this test's own probes must not fail it
  expect(seen.some((l) => l.includes('options.html') && l.includes('probe: uncaught'))).toBe(true);
  expect(seen.some((l) => l.includes('probe: rejected'))).toBe(true);
  expect(seen.some((l) => l.includes('probe: console.error'))).toBe(true);
});
