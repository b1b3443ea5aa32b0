/**
 * The teacher's page as it really is: entcore 6.15.4's « Paramétrage de la classe » (test/real-class-admin),
 * an AngularJS page that rebuilds its buttons after load, served by the fake console with entcore's routes.
 * The door, the read (the page's class preselected, sorted by class, 360 px rows), print, meeting mode,
 * and the September teacher with no class yet, through the panel's chooser and through the page's own.
 */
import { test, expect, loginAs, tabIdFor, type ConsoleApi, type Ext, type FakeUser } from './fixtures';
import { PanelPage } from './pages/panel-page';
import { ConsolePage } from './pages/console-page';
import { cardTexts, cellTexts, pdfText, saveDownload } from './pdf-tools';
import { shownLogin } from './oracle';
import { notStoredHanded } from './stored-log';
import type { Page } from '@playwright/test';

const DEMO = 'a1b2c3d4-0000-4000-8000-000000000001';
const PAGE = '/directory/class-admin';
const SCHOOL_ORDER = ['CP A', 'CP B', 'CE1 A', 'CE1 B', 'CE2 A', 'CE2 B', 'CE2-CM1', 'CM1 A', 'CM1 B', 'CM2 A', 'CM2 B'];
const sortedIds = (us: Array<{ id: string }>) => us.map((u) => u.id).sort();
const plain = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

async function teacherPanel(ext: Ext, api: ConsoleApi, page: Page, role = 'teacher', viewport?: { width: number; height: number }): Promise<PanelPage> {
  await loginAs(page, api, role, PAGE);
  const panel = await PanelPage.open(ext, await tabIdFor(ext, PAGE), viewport);
  await panel.waitReady();
  return panel;
}

/** The fake's records of a class's members (pupils, their parents, its teachers). */
async function membersOf(api: ConsoleApi, names: string[]): Promise<{ users: FakeUser[]; members: FakeUser[]; ids: Map<string, string> }> {
  const users = await api.users(DEMO);
  const ids = new Map((await api.classes(DEMO)).filter((c) => names.includes(c.name)).map((c) => [c.name, c.id]));
  const wanted = new Set(ids.values());
  return { users, members: users.filter((u) => u.classes.some((c) => wanted.has(c))), ids };
}

/** The class list as the console gives it to the page (the page's own request, with its session). */
function classList(page: Page, classId: string): Promise<Array<{ id: string; lastLogin: string | null }>> {
  return page.evaluate((id) => fetch(`/directory/class/${id}/users?collectRelative=true`).then((r) => r.json()), classId);
}

test('the door is one of the page’s big buttons, right after « Créer les fiches de connexion », through the rebuild and a change of class', async ({ ext, api, consolePage }) => {
  const errors: string[] = [];
  consolePage.on('pageerror', (e) => errors.push(e.message));
  await loginAs(consolePage, api, 'teacher', PAGE);
  const cp = new ConsolePage(consolePage);
  await expect(cp.door).toBeVisible({ timeout: 20_000 });
  await expect(cp.userRows.first()).toBeVisible({ timeout: 20_000 });
  // After the page has drawn its users (long after its rebuild), one door, beside the page's own button, in its style.
  await expect(cp.door).toHaveCount(1);
  await expect(cp.exportButton.locator('xpath=following-sibling::*[1]')).toHaveText('Publipostage avancé');
  await expect(cp.door).toHaveClass(/\bbutton-big\b/);
  expect(await cp.door.evaluate((d) => d.tagName)).toBe(await cp.exportButton.evaluate((d) => d.tagName));

  // AngularJS replaces nodes as it likes: a buttons section built again without the door gets it back.
  await cp.classOptions.evaluate((s) => {
    const copy = s.cloneNode(true) as Element;
    copy.querySelector('.publipostage-one-door')?.remove();
    s.replaceWith(copy);
  });
  await expect(cp.door).toHaveCount(1);
  await expect(cp.exportButton.locator('xpath=following-sibling::*[1]')).toHaveText('Publipostage avancé');

  // The teacher switches to their other class: the page redraws its list, the door stays, once.
  const { users, ids } = await membersOf(api, ['CE2-CM1']);
  const pupil = users.find((u) => u.profile === 'Student' && u.classes.includes(ids.get('CE2-CM1')!))!;
  await cp.classSelect.selectOption({ label: 'CE2-CM1' });
  await expect(cp.userRows.filter({ hasText: `${pupil.firstName} ${pupil.lastName}` }).first()).toBeVisible({ timeout: 20_000 });
  await expect(cp.door).toHaveCount(1);
  await expect(cp.door).toBeVisible();

  // A click opens the panel and leaves the page where it was (the page's links are href="#").
  const url = consolePage.url();
  await cp.door.click();
  await expect.poll(() => ext.sw.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['SIDE_PANEL' as chrome.runtime.ContextType] })).length)).toBe(1);
  expect(consolePage.url()).toBe(url);
  expect(errors).toEqual([]);
});

test('at 360 px the panel starts on the page’s class, sorted by class, and follows the page’s class switch; rows say « adresse enregistrée » and who has logged in', async ({ ext, api, consolePage }) => {
  const { members, ids } = await membersOf(api, ['CE1 A', 'CE2-CM1']);
  const ce1a = members.filter((u) => u.classes.includes(ids.get('CE1 A')!));
  const panel = await teacherPanel(ext, api, consolePage, 'teacher', { width: 360, height: 800 });
  // The page shows CE1 A (its first class): the panel starts there, by class.
  await expect(new ConsolePage(consolePage).classSelect).toHaveValue(ids.get('CE1 A')!);
  await expect(panel.chip('CE1 A')).toBeVisible({ timeout: 20_000 });
  await expect(panel.selectedCounter).toHaveText(`${ce1a.length} comptes sélectionnés`);
  await expect(panel.select('Par')).toHaveValue('class');

  const lists = [...(await classList(consolePage, ids.get('CE1 A')!)), ...(await classList(consolePage, ids.get('CE2-CM1')!))];
  const loggedIn = new Set(lists.filter((u) => u.lastLogin).map((u) => u.id));
  const byId = new Map(members.map((u) => [u.id, u]));
  // Not every activated account has logged in (a sync or a merge activates too): both kinds are here.
  expect(ce1a.some((u) => !u.activationCode && loggedIn.has(u.id)) && ce1a.some((u) => !u.activationCode && !loggedIn.has(u.id))).toBe(true);
  const rows = await panel.allRows();
  expect(sortedIds(rows)).toEqual(sortedIds(ce1a));
  for (const r of rows) {
    const u = byId.get(r.id)!;
    const [code, mail] = r.cells;
    expect(code, u.login).toBe(u.activationCode ?? (loggedIn.has(u.id) ? '✓ Activé · connecté au moins une fois' : '✓ Activé'));
    expect(mail, u.login).toBe(u.email?.trim() ? '✉ adresse enregistrée' : 'sans courriel');
  }
  // The teacher switches to CE2-CM1 on the page: the panel follows.
  await new ConsolePage(consolePage).classSelect.selectOption({ label: 'CE2-CM1' });
  await expect(panel.chip('CE2-CM1')).toBeVisible();
  await expect(panel.chip('CE1 A')).toHaveCount(0);
  await expect(panel.selectedCounter).toHaveText(`${members.filter((u) => u.classes.includes(ids.get('CE2-CM1')!)).length} comptes sélectionnés`);
  // Both classes, once the class chip goes.
  await panel.chip('CE2-CM1').click();
  await expect(panel.selectedCounter).toHaveText(`${members.length} comptes sélectionnés`);
});

test('print from the teacher’s page: the class’s sheets in the panel’s order, then the two classes one after the other', async ({ api, keptConsole }) => {
  const { members, ids } = await membersOf(api, ['CE1 A', 'CE2-CM1']);
  const ce1a = members.filter((u) => u.classes.includes(ids.get('CE1 A')!));
  const panel = await (await keptConsole('teacher', PAGE)).panel();
  await expect(panel.chip('CE1 A')).toBeVisible({ timeout: 20_000 });
  await panel.select('Modèle de publipostage PDF').selectOption({ label: '8 par page' });
  const rows = await panel.allRows();
  expect(sortedIds(rows)).toEqual(sortedIds(ce1a));
  const [download] = await Promise.all([panel.page.waitForEvent('download', { timeout: 60_000 }), panel.button('Générer en PDF').click()]);
  const file = await saveDownload(download);
  const isCover = (t: string) => /Classe : /.test(t) && !/Identifiant :/.test(t);
  const shown = cardTexts(file, 2, 4, isCover).map((c) => /Identifiant :\s+(\S+)/.exec(c)?.[1]);
  expect(shown).toEqual(rows.map((r) => r.cells[4]));
  expect(shown.sort()).toEqual(ce1a.map(shownLogin).sort());
  const cover = cellTexts(file, 2, 4).map((t) => t.replace(/\s+/g, ' ')).find((t) => t.includes('Classe : CE1 A'))!;
  expect(cover).toContain('Enseignant : Jean-Baptiste Moreau');
  expect(pdfText(file)).not.toContain('Classe : CE2-CM1');

  // Both classes: sorted by class, every CE1 A account before every CE2-CM1 one.
  await panel.chip('CE1 A').click();
  await expect(panel.selectedCounter).toHaveText(`${members.length} comptes sélectionnés`);
  const all = await panel.allRows();
  const firstClass = all.map((r) => r.cells[7]!.split(', ')[0]);
  expect(firstClass.lastIndexOf('CE1 A')).toBeLessThan(firstClass.indexOf('CE2-CM1'));
  expect(new Set(firstClass)).toEqual(new Set(['CE1 A', 'CE2-CM1']));
});

test('meeting mode on the teacher’s page: a family found by a few letters, printed, marked handed over', async ({ ext, api, keptConsole }) => {
  const { users, members, ids } = await membersOf(api, ['CE1 A', 'CE2-CM1']);
  const inRoster = new Set(members.map((u) => u.id));
  const byId = new Map(users.map((u) => [u.id, u]));
  // A CE1 A pupil with two parents, whose parents' children are all in the teacher's classes.
  const pupil = members.find((u) => u.profile === 'Student' && u.classes.includes(ids.get('CE1 A')!) && u.parents.length === 2
    && u.parents.every((p) => inRoster.has(p) && byId.get(p)!.children.every((c) => inRoster.has(c))))!;
  const family = new Set([pupil.id, ...pupil.parents, ...pupil.parents.flatMap((p) => byId.get(p)!.children)]);
  const panel = await (await keptConsole('teacher', PAGE)).panel();
  await panel.page.getByText('Mode réunion').click();
  const search = panel.page.getByLabel('Rechercher un élève ou un parent');
  await search.fill(`${plain(pupil.firstName)} ${plain(pupil.lastName).slice(0, 4)}`);
  const card = panel.page.getByRole('listitem', { name: /^Famille / }).first();
  for (const id of family) await expect(card).toContainText(`${byId.get(id)!.firstName} ${byId.get(id)!.lastName}`);
  await search.focus();
  const [download] = await Promise.all([panel.page.waitForEvent('download'), panel.page.keyboard.press('Enter')]);
  const logins = cardTexts(await saveDownload(download), 1, 1).map((c) => /Identifiant :\s+(\S+)/.exec(c)?.[1]);
  expect(logins.sort()).toEqual([...family].map((id) => shownLogin(byId.get(id)!)).sort());
  await card.getByRole('button', { name: 'Marquer comme remis' }).click();
  await expect(card.getByRole('button', { name: 'Annuler « remis »' })).toBeVisible();
  await expect.poll(() => notStoredHanded(ext, DEMO, family), { timeout: 20_000 }).toEqual([]);
});

test('September, the panel’s chooser: the school’s classes as the page lists them, joined as the page joins, then the page and the panel show that class', async ({ ext, api, consolePage }) => {
  const { users, ids } = await membersOf(api, ['CM1 A']);
  const sylvie = users.find((u) => u.login === 'sylvie.marchal')!;
  expect(sylvie.classes).toEqual([]);
  await loginAs(consolePage, api, 'teacherNoClass', PAGE);
  const cp = new ConsolePage(consolePage);
  const panel = await PanelPage.open(ext, await tabIdFor(ext, PAGE));
  await expect(panel.page.getByText('Vous n’avez pas encore de classe attribuée.', { exact: false })).toBeVisible({ timeout: 20_000 });
  // One school: its classes straight away, in school order, as GET /userbook/structure/:id gives them.
  const boxes = panel.page.getByRole('group', { name: 'Classes de l’école' }).getByRole('checkbox');
  await expect(boxes).toHaveCount((await api.classes(DEMO)).length);
  expect(await boxes.evaluateAll((els) => els.map((e) => e.closest('label')!.textContent!.trim()))).toEqual(SCHOOL_ORDER);
  await panel.page.getByRole('checkbox', { name: 'CM1 A', exact: true }).check();
  await panel.button('Me rattacher à ces classes').click();
  await panel.waitReady();
  // The class's members, Sylvie now among its teachers.
  const { members } = await membersOf(api, ['CM1 A']);
  expect(members.some((u) => u.id === sylvie.id)).toBe(true);
  await expect(panel.selectedCounter).toHaveText(`${members.length} comptes sélectionnés`);
  expect(sortedIds(await panel.allRows())).toEqual(sortedIds(members));
  await expect(panel.chip('CM1 A')).toBeVisible({ timeout: 20_000 });
  // The page reloaded as after its own chooser: it shows CM1 A, its chooser is gone.
  await expect(cp.classSelect).toHaveValue(ids.get('CM1 A')!, { timeout: 20_000 });
  await expect(cp.chooser).toHaveCount(0);
  expect((await api.users(DEMO)).find((u) => u.id === sylvie.id)!.classes).toEqual([ids.get('CM1 A')]);
  const reqs = await api.requests();
  const joins = reqs.filter((r) => r.method === 'PUT' && r.path === '/directory/class/add-self');
  expect(joins.map((r) => r.status)).toEqual([200]);
  expect(joins[0]!.headers?.xXsrfToken).toBeTruthy();
  expect(reqs.some((r) => r.path === `/userbook/structure/${DEMO}` && r.status === 200)).toBe(true);
  // Never the admins' list, which entcore refuses to teachers.
  expect(reqs.filter((r) => r.path === '/directory/class/admin/list')).toEqual([]);
});

test('September, the page’s own chooser: once the teacher has joined CM1 A there, the panel reads CM1 A', async ({ ext, api, consolePage }) => {
  const { ids } = await membersOf(api, ['CM1 A']);
  await loginAs(consolePage, api, 'teacherNoClass', PAGE);
  const cp = new ConsolePage(consolePage);
  await cp.chooserClass('CM1 A').click({ timeout: 20_000 });
  await cp.chooserValidate.click();
  await expect(cp.classSelect).toHaveValue(ids.get('CM1 A')!, { timeout: 20_000 });
  const { members } = await membersOf(api, ['CM1 A']);
  expect(members.some((u) => u.login === 'sylvie.marchal')).toBe(true);
  const panel = await PanelPage.open(ext, await tabIdFor(ext, PAGE));
  await panel.waitReady();
  await expect(panel.chip('CM1 A')).toBeVisible({ timeout: 20_000 });
  await expect(panel.selectedCounter).toHaveText(`${members.length} comptes sélectionnés`);
  expect(sortedIds(await panel.allRows())).toEqual(sortedIds(members));
});

test('September, a join the console refuses (she joined a class elsewhere meanwhile): the panel says so, nothing changed on its side', async ({ ext, api, consolePage }) => {
  const { ids } = await membersOf(api, ['CM1 A', 'CM1 B']);
  await loginAs(consolePage, api, 'teacherNoClass', PAGE);
  const panel = await PanelPage.open(ext, await tabIdFor(ext, PAGE));
  await panel.page.getByRole('checkbox', { name: 'CM1 B', exact: true }).check({ timeout: 20_000 });
  // Meanwhile, in another tab, she joins CM1 A: entcore then refuses any other add-self (WB-516).
  const other = (await api.get('/__test/login?as=teacherNoClass')) as { cookie: string; xsrf: string };
  const put = await fetch(`${api.origin().replace(/\/\/[^:]+:/, '//127.0.0.1:')}/directory/class/add-self`, {
    method: 'PUT', headers: { cookie: other.cookie, 'x-xsrf-token': other.xsrf, 'content-type': 'application/json' }, body: JSON.stringify({ classIds: [ids.get('CM1 A')] }),
  });
  expect(put.status).toBe(200);
  await panel.button('Me rattacher à ces classes').click();
  await expect(panel.alert).toContainText('La console a refusé le rattachement');
  await expect(panel.alert).toContainText('Rien n’a changé');
  expect((await api.users(DEMO)).find((u) => u.login === 'sylvie.marchal')!.classes).toEqual([ids.get('CM1 A')]);
  expect((await api.requests()).filter((r) => r.path === '/directory/class/add-self').map((r) => r.status)).toEqual([200, 401]);
});

test('a teacher of two schools: the panel reads the school of the class the page shows, and follows a switch to the other school', async ({ ext, api, consolePage }) => {
  const BIG = 'a1b2c3d4-0000-4000-8000-000000000002';
  await api.knobs({ teacherTwoSchools: true });
  const { members, ids } = await membersOf(api, ['CE1 A']);
  const bigClass = (await api.classes(BIG))[0]!;
  const bigMembers = (await api.users(BIG)).filter((u) => u.classes.includes(bigClass.id));
  expect(bigMembers.some((u) => u.login === 'jean-baptiste.moreau')).toBe(true);
  const panel = await teacherPanel(ext, api, consolePage);
  await expect(panel.chip('CE1 A')).toBeVisible({ timeout: 20_000 });
  await expect(panel.selectedCounter).toHaveText(`${members.filter((u) => u.classes.includes(ids.get('CE1 A')!)).length} comptes sélectionnés`);
  // On the page, the class of the other school (its options then name the school too).
  await new ConsolePage(consolePage).classSelect.selectOption(bigClass.id);
  await expect(panel.chip(bigClass.name)).toBeVisible({ timeout: 20_000 });
  await expect(panel.selectedCounter).toHaveText(`${bigMembers.length} comptes sélectionnés`);
  expect(sortedIds(await panel.allRows())).toEqual(sortedIds(bigMembers));
});
