/**
 * Firefox's sidebar: one per window, opened from the popup's « Ouvrir le publipostage », showing
 * `panel.html` without `?tab=`: it serves the active tab of its own window, and reads the list as
 * soon as that tab reaches the console's massmail page. The sidebar's document is read from an
 * extension tab through `extension.getViews({ type: 'sidebar' })`.
 */
import { UI } from '../../src/i18n/ui';
import { DEMO, MASSMAIL, clickButton, consoleTabId, expect, loginAs, openExtPage, test, until, type Page, type WebExt } from './fixtures';
import type { ConsoleApi } from '../e2e/fixtures';

const USERS = `/admin/${DEMO}/users/list`;
// The panel's « no console page here » notice, in French (the test profile's language).
const NO_CONSOLE = UI.fr.noConsole;

/** The sidebar's URL and main text (null when no sidebar is open), read from an extension page. */
function sidebar(from: Page): Promise<{ href: string; text: string } | null> {
  return from.evaluate(() => {
    const [view] = (globalThis as unknown as WebExt).browser.extension.getViews({ type: 'sidebar' } as unknown as chrome.extension.FetchProperties);
    if (!view) return null;
    const main = view.document.querySelector('main');
    const text = (main?.querySelector('.count-selected') ?? main?.querySelector('[role=status], [role=alert]'))?.textContent ?? '';
    return { href: view.location.href, text: text.replace(/\s+/g, ' ').trim() }; // no-break spaces read as spaces
  });
}

async function sidebarShows(from: Page, want: RegExp | string, timeoutMs = 20_000): Promise<void> {
  let last: unknown = null;
  await until(`the sidebar to show ${want}`, async () => {
    const s = (last = await sidebar(from));
    return s && (typeof want === 'string' ? s.text === want : want.test(s.text));
  }, timeoutMs).catch((e: Error) => {
    throw new Error(`${e.message}; it shows ${JSON.stringify(last)}`);
  });
}

/** Opens the sidebar as a user does: the popup of a console tab, « Ouvrir le publipostage » (a real click). */
async function openSidebar(ff: { browser: import('puppeteer-core').Browser }, consoleTab: number): Promise<Page> {
  const popup = await openExtPage(ff.browser, `popup.html?tab=${consoleTab}`);
  await clickButton(popup, 'Ouvrir le publipostage');
  const s = await until('the sidebar to open', () => sidebar(popup));
  // Firefox's sidebar is the panel without ?tab=: it serves the active tab, here the popup's own tab.
  expect(s.href).toMatch(/\/panel\.html$/);
  await sidebarShows(popup, NO_CONSOLE);
  return popup;
}

/** The ADML on the massmail page, the sidebar opened from the popup, the console tab in front and read. */
async function sidebarOnConsole(ff: { browser: import('puppeteer-core').Browser }, api: ConsoleApi, consolePage: Page) {
  const users = await api.users(DEMO);
  await loginAs(consolePage, api, 'adml', MASSMAIL);
  const helper = await openExtPage(ff.browser, 'options.html');
  const tabId = await consoleTabId(helper, MASSMAIL);
  await helper.close();
  const popup = await openSidebar(ff, tabId);
  await consolePage.bringToFront();
  await sidebarShows(popup, `${users.length} comptes sélectionnés`);
  return { users, tabId, popup };
}

test('the sidebar follows the active tab of its own window, not a tab activated in another window', async ({ ff, api, consolePage }) => {
  const { users, tabId, popup } = await sidebarOnConsole(ff, api, consolePage);
  const reads = async () => (await api.requests()).filter((r) => r.path === `/directory/structure/${DEMO}/massMail/allUsers`).length;
  const readsBefore = await reads();

  // Another window opens, and a tab of it is activated: this window's sidebar stays on its console tab.
  const other = await ff.browser.newPage({ type: 'window' });
  await other.goto(`${api.origin()}${USERS}`);
  await other.bringToFront();
  const second = await ff.browser.newPage(); // a new tab, in the window that has the focus
  await second.bringToFront();
  await new Promise((r) => setTimeout(r, 1500));
  expect((await sidebar(popup))?.text).toBe(`${users.length} comptes sélectionnés`);
  expect(await reads(), 'the sidebar did not read the list again').toBe(readsBefore);

  // In its own window it still follows: the popup's tab, then the console tab again.
  await popup.bringToFront();
  await sidebarShows(popup, NO_CONSOLE);
  await consolePage.bringToFront();
  await sidebarShows(popup, `${users.length} comptes sélectionnés`);

  // The director looks at another tab of the console, then comes back (the console is a single-page
  // app): the sidebar keeps what it shows (a mail run in its dialog goes on), and reads nothing again.
  // The console's own massmail tab reads the same route when it is drawn again: ours asks for JSON alone.
  const ourReads = async () =>
    (await api.requests()).filter((r) => r.path === `/directory/structure/${DEMO}/massMail/allUsers` && (r as { headers?: { accept?: string | null } }).headers?.accept === 'application/json').length;
  const readsThen = await ourReads();
  const consoleTab = (name: string) =>
    consolePage.evaluate((n) => [...document.querySelectorAll<HTMLButtonElement>('ode-imports-exports-root div.tabs button')].find((b) => b.textContent?.trim() === n)!.click(), name);
  await consoleTab('Exporter des comptes');
  await until('the console on its export tab', async () => consolePage.url().endsWith('/imports-exports/export'));
  const pageOf = () =>
    popup.evaluate(async (id) => (((await (globalThis as unknown as WebExt).browser.storage.session.get('tabs')).tabs ?? {}) as Record<string, { page: { path: string } | null }>)[id]?.page?.path ?? null, tabId);
  await until('the content script to see no page it serves', async () => (await pageOf()) === null);
  await consoleTab('Distribuer les comptes');
  await until('the console back on massmail', async () => consolePage.url().endsWith(MASSMAIL));
  await until('the content script back on massmail', async () => (await pageOf()) === MASSMAIL);
  await new Promise((r) => setTimeout(r, 1500));
  expect((await sidebar(popup))?.text).toBe(`${users.length} comptes sélectionnés`);
  expect(await ourReads(), 'the sidebar did not read the list again').toBe(readsThen);
});

test('the sidebar reads the list when its own tab navigates onto the massmail page', async ({ ff, api, consolePage }) => {
  const users = await api.users(DEMO);
  // A console tab for the popup's button, and the tab the director works in, on another console page.
  await loginAs(consolePage, api, 'adml', MASSMAIL);
  const helper = await openExtPage(ff.browser, 'options.html');
  const tabId = await consoleTabId(helper, MASSMAIL);
  await helper.close();
  const work = await ff.browser.newPage();
  await work.goto(`${api.origin()}${USERS}`);
  const popup = await openSidebar(ff, tabId);

  await work.bringToFront();
  await sidebarShows(popup, NO_CONSOLE);
  await new Promise((r) => setTimeout(r, 500));
  expect((await sidebar(popup))?.text).toBe(NO_CONSOLE);

  await work.goto(`${api.origin()}${MASSMAIL}`);
  await sidebarShows(popup, `${users.length} comptes sélectionnés`);
  // It is the working tab that was read, not the other console tab. (The other tab is on that page
  // too, and the background records the working tab's arrival a moment after the sidebar shows it.)
  const workId = await until('the working tab recorded on the massmail page', async () => {
    const id = await consoleTabId(popup, MASSMAIL);
    return id !== tabId ? id : 0;
  });
  expect(workId).not.toBe(tabId);
  const read = await popup.evaluate(async () => ((await (globalThis as unknown as WebExt).browser.storage.session.get('tabs')).tabs ?? {}) as Record<string, { read: { count: number } | null }>);
  expect(read[workId]?.read?.count).toBe(users.length);
  expect(read[tabId]?.read ?? null).toBeNull();
});

/** Clicks, in the sidebar, the enabled button named `name` inside `within`. */
function clickInSidebar(from: Page, name: string, within = 'body'): Promise<void> {
  return from.evaluate(
    (n, w) => {
      const [view] = (globalThis as unknown as WebExt).browser.extension.getViews({ type: 'sidebar' } as unknown as chrome.extension.FetchProperties);
      const b = [...(view?.document.querySelectorAll<HTMLButtonElement>(`${w} button`) ?? [])].find((x) => x.textContent?.trim() === n && !x.disabled);
      if (!b) throw new Error(`no button « ${n} » in the sidebar`);
      b.click();
    },
    name,
    within,
  );
}
const sidebarDialog = (from: Page) =>
  from.evaluate(() => {
    const [view] = (globalThis as unknown as WebExt).browser.extension.getViews({ type: 'sidebar' } as unknown as chrome.extension.FetchProperties);
    return view?.document.querySelector('.mail-dialog[role=dialog]')?.textContent?.replace(/\s+/g, ' ') ?? null;
  });

test('a mail run in the sidebar: another tab activated meanwhile leaves the sidebar on the run and its report; closing the report follows that tab', async ({ ff, api, consolePage }) => {
  const { users, popup } = await sidebarOnConsole(ff, api, consolePage);

  // The run is held at the console after four chunks, the director goes to another tab meanwhile.
  await api.knobs({ hold: { path: '/directory/class-admin/massmail', pass: 4 } });
  await clickInSidebar(popup, 'Envoyer par mail', 'section.publish');
  await until('the mail dialog', async () => /Êtes-vous sûr/.test((await sidebarDialog(popup)) ?? ''));
  await clickInSidebar(popup, 'Envoyer', '.mail-dialog');
  await until('four chunks answered, four held', async () => (await api.requests()).filter((r) => r.path === '/directory/class-admin/massmail').length >= 8);
  await popup.bringToFront();
  await new Promise((r) => setTimeout(r, 1500));
  expect(await sidebarDialog(popup), 'the run is still shown').toMatch(/Envoi des courriels… \d+ \/ \d+/);
  await api.knobs({ hold: null });
  await until('the report', async () => /Bilan pour/.test((await sidebarDialog(popup)) ?? ''), 60_000);
  // The dialog's default leaves the activated accounts out: every other account with an address, once.
  const want = users.filter((u) => u.email?.trim() && u.activationCode);
  expect(await sidebarDialog(popup)).toContain(`${want.length} envoyés`);
  const mails = (await api.mails()).filter((m) => m.via === 'class-admin').map((m) => m.userId);
  expect(mails.sort()).toEqual(want.map((u) => u.id).sort());

  // The report closed, the sidebar serves the tab the director is on.
  await clickInSidebar(popup, 'Fermer', '.mail-dialog');
  await sidebarShows(popup, NO_CONSOLE);
});
