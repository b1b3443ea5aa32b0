/**
 * The extension against the console as entcore 6.15.4 really is (one-console.md §9): the teacher's
 * class list has `hasEmail` and no address, a 401 on the mail route is a refusal, parents sit in
 * their children's classes (or, from old imports, in none), classes go by school level.
 */
import { readFileSync } from 'node:fs';
import { test, expect, loginAs, tabIdFor, type ConsoleApi, type FakeUser, type KeptConsoleFixture } from './fixtures';
import { PanelPage } from './pages/panel-page';
import { consoleTable } from './pages/console-page';
import { expected } from './oracle';
import { consoleTabId } from '../extension-browser.mjs';

const DEMO = 'a1b2c3d4-0000-4000-8000-000000000001';
const MASSMAIL = `/admin/${DEMO}/imports-exports/massmail`;
const TEACHER_PAGE = '/directory/class-admin';
const MAIL_PATH = '/directory/class-admin/massmail';
const SCHOOL_ORDER = ['CP A', 'CP B', 'CE1 A', 'CE1 B', 'CE2 A', 'CE2 B', 'CE2-CM1', 'CM1 A', 'CM1 B', 'CM2 A', 'CM2 B'];
const hasAddress = (u: FakeUser) => !!u.email?.trim();
const sortedIds = (us: FakeUser[]) => us.map((u) => u.id).sort();

/** A panel on the kept console tab (`keptConsole`): these tests are about what the panel reads and sends. */
async function panelFor(keptConsole: KeptConsoleFixture, path = MASSMAIL, role = 'adml'): Promise<PanelPage> {
  return (await keptConsole(role, path)).panel();
}

const mailedVia = async (api: ConsoleApi) => (await api.mails()).filter((m) => m.via === 'class-admin').map((m) => m.userId).sort();

test("teacher page: every member of the teacher's classes, mailing from hasEmail reaches exactly those with an address", async ({ api, keptConsole }) => {
  const users = await api.users(DEMO);
  const classes = await api.classes(DEMO);
  const mine = new Set(classes.filter((c) => ['CE1 A', 'CE2-CM1'].includes(c.name)).map((c) => c.id));
  const members = users.filter((u) => u.classes.some((c) => mine.has(c)));
  expect(members.some((u) => u.profile === 'Relative') && members.some((u) => u.profile === 'Teacher')).toBe(true);
  const withAddress = members.filter(hasAddress);
  expect(withAddress.length).toBeGreaterThan(10);

  const panel = await panelFor(keptConsole, TEACHER_PAGE, 'teacher');
  // The panel starts on the page's class (CE1 A): both classes once that filter goes.
  await panel.chip('CE1 A').click();
  await expect(panel.selectedCounter).toHaveText(`${members.length} comptes sélectionnés`);
  expect((await panel.allRows()).map((r) => r.id).sort()).toEqual(sortedIds(members));
  await expect(panel.noEmailCounter).toHaveText(`${members.length - withAddress.length} sans adresse courriel`);

  const d = await panel.openMail();
  // The class mixes activated accounts (login reminders) and accounts with a code: the dialog says so,
  // and offers to leave the activated ones out (checked); unchecked, every address is mailed.
  const reminders = withAddress.filter((u) => !u.activationCode).length;
  expect(reminders).toBeGreaterThan(0);
  const only = d.root.getByRole('checkbox', { name: 'Seulement les comptes non activés' });
  await expect(only).toBeChecked();
  await expect(d.root).toContainText(`à ${withAddress.length - reminders} ${withAddress.length - reminders < 2 ? 'utilisateur' : 'utilisateurs'} ?`);
  await only.uncheck();
  await expect(d.root).toContainText(`à ${withAddress.length} utilisateurs, dont ${reminders} déjà ${reminders < 2 ? 'activé' : 'activés'} (rappel d’identifiant) ?`);
  await d.button('Envoyer').click();
  await d.waitEnded();
  expect(await mailedVia(api)).toEqual(sortedIds(withAddress));
  expect(await d.reportCounts()).toEqual({ sent: withAddress.length, skipped: members.length - withAddress.length, failed: 0, unknown: 0, refused: 0, notSent: 0 });
});

test('a 401 on the mail route is a refusal: the refused accounts are isolated and reported, the rest mailed once, no login loop', async ({ api, keptConsole }) => {
  const users = await api.users(DEMO);
  const want = expected(users, { profiles: ['Relative'], activated: true });
  const withAddress = want.filter(hasAddress);
  const left = [withAddress[3]!, withAddress[17]!]; // two parents whose accounts left the school after the read
  const panel = await panelFor(keptConsole);
  await panel.profile('Parent').check();
  await panel.select('Activation').selectOption({ label: 'Utilisateurs activés' });
  await expect(panel.selectedCounter).toHaveText(`${want.length} comptes sélectionnés`);
  await api.knobs({ detachedIds: left.map((u) => u.id) });

  const d = await panel.openMail();
  await d.button('Envoyer').click();
  await d.waitEnded();
  const refusedIds = new Set(left.map((u) => u.id));
  expect(await mailedVia(api)).toEqual(sortedIds(withAddress.filter((u) => !refusedIds.has(u.id))));
  expect(await d.reportCounts()).toEqual({ sent: withAddress.length - 2, skipped: want.length - withAddress.length, failed: 0, unknown: 0, refused: 2, notSent: 0 });
  await expect(d.status).not.toContainText('session');
  await expect(panel.alert).toHaveCount(0);
  await expect((await keptConsole()).page).toHaveURL(new RegExp(`${MASSMAIL}$`)); // the console tab was never sent to a login page
  // The console saw 401s (the search for the refused ids), never a request carrying an id twice once accepted.
  const posts = (await api.requests()).filter((r) => r.method === 'POST' && r.path === MAIL_PATH);
  expect(posts.filter((r) => r.status === 401).length).toBeGreaterThanOrEqual(2);

  const csvDl = panel.page.waitForEvent('download');
  await d.button('Exporter le bilan (CSV)').click();
  const csv = readFileSync((await (await csvDl).path())!, 'utf8');
  for (const u of left) {
    const line = csv.split('\r\n').find((l) => l.includes(`"${u.lastName}";"${u.firstName}"`));
    expect(line, u.lastName).toContain('"Refusé";"Refusé par la console');
  }
});

test("parents from old imports (in no class) are filed with their children's classes, marked as derived", async ({ api, keptConsole }) => {
  await api.knobs({ classlessRelatives: true });
  const users = await api.users(DEMO);
  const classes = await api.classes(DEMO);
  const ce1a = classes.find((c) => c.name === 'CE1 A')!.id;
  const kids = users.filter((u) => u.profile === 'Student' && u.classes.includes(ce1a));
  const parents = users.filter((u) => u.profile === 'Relative' && u.children.some((id) => kids.some((k) => k.id === id)));
  expect(parents.length).toBeGreaterThan(5);
  expect(parents.every((p) => p.classes.length === 0)).toBe(true); // the console gives them no class

  const panel = await panelFor(keptConsole);
  await panel.classBox('CE1 A').check();
  await panel.profile('Parent').check();
  const rows = await panel.allRows();
  expect(rows.map((r) => r.id).sort()).toEqual(sortedIds(parents));
  for (const r of rows) expect(r.cells.join(' ')).toContain('CE1 A *');
  // The links came from the class lists (students' relativeList), read with the console session.
  const reads = (await api.requests()).filter((r) => /^\/directory\/class\/[^/]+\/users$/.test(r.path));
  expect(reads.length).toBe(classes.length);
});

test('classes are listed by school level in the filter, and a parent of a CP and a CM2 pupil files under CP', async ({ api, keptConsole }) => {
  const panel = await panelFor(keptConsole);
  const names = await panel.page.getByRole('group', { name: 'Classes' }).getByRole('checkbox').evaluateAll((els) =>
    els.map((e) => e.closest('label')!.textContent!.trim()));
  expect(names.slice(0, SCHOOL_ORDER.length)).toEqual(SCHOOL_ORDER);
  await panel.select('Par').selectOption({ label: 'Classe' });
  const fatou = (await api.users(DEMO)).find((u) => u.login === 'fatou.ndiaye')!;
  const rows = await panel.allRows();
  const at = rows.findIndex((r) => r.id === fatou.id);
  expect(rows[at]!.cells.join(' ')).toContain('CP A, CM2 B');
  // Fatou sits among the CP A accounts, before every CE1 A one.
  const firstCe1 = rows.findIndex((r) => r.cells.join(' ').includes('CE1 A'));
  expect(at).toBeLessThan(firstCe1);
});

// Its own console tab: its session is dropped and the test logs in again there.
test('« Se reconnecter » brings the console back to its own page after the login', async ({ ext, api, consolePage }) => {
  await loginAs(consolePage, api, 'adml', MASSMAIL);
  const tabId = await tabIdFor(ext, MASSMAIL);
  await consoleTable(consolePage); // the console's own boot requests done: the next one is the extension's
  await api.knobs({ expireSessionAfter: 1 });
  const panel = await PanelPage.open(ext, tabId);
  await panel.button('Se reconnecter').click();
  await expect(consolePage).toHaveURL(new RegExp(`/auth/login\\?callBack=${encodeURIComponent(MASSMAIL)}$`));
  await api.knobs({ expireSessionAfter: 0 });
  await consolePage.fill('input[name="email"]', 'francoise.lefevre');
  await consolePage.fill('input[name="password"]', 'Motdepasse1!');
  await consolePage.locator('form button[type="submit"], form input[type="submit"]').first().click();
  await expect(consolePage).toHaveURL(new RegExp(`${MASSMAIL}$`));
});

// Its own console tab: the test moves it to other addresses.
test('a console URL with a malformed percent-escape never stops page detection, before or after pushState', async ({ ext, api, consolePage }) => {
  await loginAs(consolePage, api, 'adml', MASSMAIL);
  await tabIdFor(ext, MASSMAIL);
  // Once the console has drawn its table: its router's first navigation, still running during its
  // boot, would otherwise set its own address back over the test's pushState.
  await consoleTable(consolePage);
  const bad = '/admin/%E0%A4%A/imports-exports/massmail';
  await consolePage.evaluate((p) => history.pushState({}, '', p), bad);
  expect(new URL(consolePage.url()).pathname).toBe(bad);
  await expect.poll(() => consoleTabId(ext.sw, bad), { timeout: 30_000, message: `page at ${consolePage.url()} not detected` }).toBeTruthy();
  await consolePage.evaluate((p) => history.pushState({}, '', p), MASSMAIL);
  await expect.poll(() => consoleTabId(ext.sw, MASSMAIL), { timeout: 30_000 }).toBeTruthy();
  // A page loaded with the bad URL is detected too. The real console then sends itself to « /admin »
  // (its router cannot decode that address), so the tab's record moves on: what counts is that the
  // content script announced the page it was loaded on.
  await ext.sw.evaluate(() => {
    const g = globalThis as unknown as { __announced?: string[] };
    g.__announced = [];
    chrome.runtime.onMessage.addListener((m: { type?: string; page?: { path: string } | null }) => {
      if (m?.type === 'page-detected') g.__announced!.push(m.page?.path ?? '');
    });
  });
  await consolePage.goto(`${api.origin()}${bad}`);
  await expect
    .poll(() => ext.sw.evaluate(() => (globalThis as unknown as { __announced: string[] }).__announced), { timeout: 30_000 })
    .toContain(bad);
});
