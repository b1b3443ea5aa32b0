import { test, expect, loginAs, tabIdFor, type FakeUser, type KeptConsoleFixture } from './fixtures';
import { PanelPage } from './pages/panel-page';
import { CONSOLE_BOOT_MS, ConsolePage, consoleTable } from './pages/console-page';
import { PopupPage } from './pages/popup-page';
import { expected, shownLogin } from './oracle';

const DEMO = 'a1b2c3d4-0000-4000-8000-000000000001';
const BIG = 'a1b2c3d4-0000-4000-8000-000000000002';
const massmail = (id: string) => `/admin/${id}/imports-exports/massmail`;

async function openPanel(ext: Parameters<typeof PanelPage.open>[0], api: import('./fixtures').ConsoleApi, page: import('@playwright/test').Page, structure = DEMO, role = 'adml') {
  await loginAs(page, api, role, massmail(structure));
  const tabId = await tabIdFor(ext, massmail(structure));
  return PanelPage.open(ext, tabId);
}

/** A panel on a console tab kept from test to test (fixtures.ts, `keptConsole`): for tests about the panel, not the console. */
const keptPanel = async (kept: KeptConsoleFixture, structure = DEMO): Promise<PanelPage> => (await kept('adml', massmail(structure))).panel();

async function expectSelection(panel: PanelPage, want: FakeUser[]) {
  await expect(panel.selectedCounter).toHaveText(`${want.length} comptes sélectionnés`);
  // the list may still be drawing its rows when the counter is already right: read it until it settles
  await expect.poll(async () => (await panel.allRows()).map((r) => r.id).sort(), { timeout: 30_000 }).toEqual(want.map((u) => u.id).sort());
  await expect(panel.noEmailCounter).toHaveText(`${want.filter((u) => !u.email?.trim()).length} sans adresse courriel`);
  const activated = want.filter((u) => u.activationCode === null).length;
  await expect(panel.activatedCounter).toHaveText(`${activated} déjà ${activated < 2 ? 'activé' : 'activés'}`); // French: 0 and 1 agree in the singular
}

test('« Administrateurs locaux » keeps the ADMLs of this school only, not an ADML of another school (userlist.filters.service.ts)', async ({ api, keptConsole }) => {
  // A teacher of the demo school who is ADML of another school only.
  const other = (await api.users(DEMO)).find((u) => u.profile === 'Teacher' && !u.functions.length)!;
  await api.knobs({ foreignAdmlIds: [other.id] });
  const users = await api.users(DEMO);
  expect(JSON.stringify(users.find((u) => u.id === other.id)!.functions)).toContain('ADMIN_LOCAL');
  const panel = await keptPanel(keptConsole);
  await panel.waitReady();
  await panel.select('Administrateurs locaux').selectOption({ label: 'Administrateurs locaux' });
  const here = expected(users, { localAdmin: { of: DEMO, is: true } });
  expect(here.length).toBeGreaterThan(0);
  expect(here.map((u) => u.id)).not.toContain(other.id);
  await expectSelection(panel, here);
  await panel.select('Administrateurs locaux').selectOption({ label: 'Non administrateurs locaux' });
  await expectSelection(panel, expected(users, { localAdmin: { of: DEMO, is: false } }));
  expect((await panel.allRows()).map((r) => r.id)).toContain(other.id);
});

test('each filter, alone and combined, selects what the console would', async ({ api, keptConsole }) => {
  const users = await api.users(DEMO);
  const classes = await api.classes(DEMO);
  const ce1a = classes.find((c) => c.name === 'CE1 A')!;
  const panel = await keptPanel(keptConsole);
  await panel.waitReady();
  await expectSelection(panel, users);

  await panel.profile('Élève').check();
  await expectSelection(panel, expected(users, { profiles: ['Student'] }));
  await panel.profile('Parent').check();
  await expectSelection(panel, expected(users, { profiles: ['Student', 'Relative'] }));
  await panel.profile('Élève').uncheck();
  await panel.profile('Parent').uncheck();

  await panel.classBox('CE1 A').check();
  await expectSelection(panel, expected(users, { classIds: [ce1a.id] }));
  await panel.classBox('Sans classe').check();
  await expectSelection(panel, expected(users, { classIds: [ce1a.id, 'none'] }));
  await panel.classBox('CE1 A').uncheck();
  await panel.classBox('Sans classe').uncheck();

  await panel.select('Activation').selectOption({ label: 'Utilisateurs non activés' });
  await expectSelection(panel, expected(users, { activated: false }));
  await panel.select('Activation').selectOption({ label: 'Utilisateurs activés' });
  await expectSelection(panel, expected(users, { activated: true }));
  await panel.select('Activation').selectOption({ label: 'Tous' });

  await panel.select('Courriel').selectOption({ label: 'Utilisateur sans courriel' });
  await expectSelection(panel, expected(users, { withEmail: false }));
  await panel.select('Courriel').selectOption({ label: 'Tous' });

  await panel.select('Administrateurs locaux').selectOption({ label: 'Administrateurs locaux' });
  await expectSelection(panel, expected(users, { localAdmin: { of: DEMO, is: true } }));
  await panel.select('Administrateurs locaux').selectOption({ label: 'Non administrateurs locaux' });
  await expectSelection(panel, expected(users, { localAdmin: { of: DEMO, is: false } }));
  await panel.select('Administrateurs locaux').selectOption({ label: 'Tous' });

  await panel.select('Blocage').selectOption({ label: 'Utilisateurs bloqués' });
  await expectSelection(panel, expected(users, { blocked: true }));
  await panel.select('Blocage').selectOption({ label: 'Tous' });

  await panel.select('Date de création').selectOption({ label: 'Utilisateurs créés depuis le :' });
  await panel.page.getByLabel('Date', { exact: true }).fill('2026-09-01');
  await expectSelection(panel, expected(users, { createdSince: '2026-09-01' }));
  await panel.select('Date de création').selectOption({ label: 'Utilisateurs créés avant le :' });
  await expectSelection(panel, expected(users, { createdBefore: '2026-09-01' }));
  await panel.select('Date de création').selectOption({ label: 'Toutes' });

  // Combined: non-activated parents with an e-mail, searched by a partial name without accents.
  await panel.profile('Parent').check();
  await panel.select('Activation').selectOption({ label: 'Utilisateurs non activés' });
  await panel.select('Courriel').selectOption({ label: 'Utilisateur avec courriel' });
  await expectSelection(panel, expected(users, { profiles: ['Relative'], activated: false, withEmail: true }));

  await panel.button('Réinitialiser les filtres').click();
  await panel.page.getByLabel('Rechercher (nom, prénom, identifiant)').fill('zolkiew');
  const hard = expected(users, { search: 'zolkiew' });
  expect(hard.length).toBeGreaterThan(0);
  await expectSelection(panel, hard);
});

test('sort by class (school level: CP before CE1) then name, and by profile, in French collation', async ({ api, keptConsole }) => {
  const users = await api.users(DEMO);
  const classes = new Map((await api.classes(DEMO)).map((c) => [c.id, c.name]));
  const panel = await keptPanel(keptConsole);
  await panel.waitReady();
  const coll = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
  const byName = (a: FakeUser, b: FakeUser) => coll.compare(a.lastName, b.lastName) || coll.compare(a.firstName, b.firstName);
  // The demo's classes as a director lists them: by school level, the mixed class with its first level.
  const schoolOrder = ['CP A', 'CP B', 'CE1 A', 'CE1 B', 'CE2 A', 'CE2 B', 'CE2-CM1', 'CM1 A', 'CM1 B', 'CM2 A', 'CM2 B'];
  const firstClass = (u: FakeUser) => u.classes.map((c) => schoolOrder.indexOf(classes.get(c)!)).sort((x, y) => x - y)[0] ?? null;
  const byClass = (a: FakeUser, b: FakeUser) => {
    const x = firstClass(a), y = firstClass(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return x - y;
  };
  const rank = ['Guest', 'Personnel', 'Relative', 'Student', 'Teacher'];
  const byProfile = (a: FakeUser, b: FakeUser) => rank.indexOf(a.profile) - rank.indexOf(b.profile);

  await panel.select('Par').selectOption({ label: 'Classe' });
  await panel.select('Puis par').selectOption({ label: 'Profil' });
  let want = [...users].sort((a, b) => byClass(a, b) || byProfile(a, b) || byName(a, b));
  expect((await panel.allRows()).map((r) => r.id)).toEqual(want.map((u) => u.id));

  await panel.select('Par').selectOption({ label: 'Profil' });
  await panel.select('Puis par').selectOption({ label: 'Aucun' });
  want = [...users].sort((a, b) => byProfile(a, b) || byName(a, b));
  const rows = await panel.allRows();
  expect(rows.map((r) => r.id)).toEqual(want.map((u) => u.id));
  // The row shows the console's columns: last name, first name, profile, login, code.
  const first = want[0]!;
  // (a blocked account carries « bloqué » beside its name: entcore never activates it)
  const mark = / bloqué \(Compte bloqué[^)]*\)$/;
  expect(mark.test(rows[0]!.cells[1]!.trim())).toBe(first.blocked);
  expect(rows[0]!.cells.slice(1, 6).map((c) => c.replace('🔒', '').trim().replace(mark, ''))).toEqual([first.lastName, first.firstName, 'Invité', shownLogin(first), first.activationCode ?? '']);
});

test('per-row exclusion, select none/all, and the choices persist per structure', async ({ ext, api, keptConsole }) => {
  const users = await api.users(DEMO);
  let panel = await keptPanel(keptConsole);
  await panel.waitReady();
  await panel.select('Activation').selectOption({ label: 'Utilisateurs non activés' });
  const notActivated = expected(users, { activated: false });
  await expect(panel.selectedCounter).toHaveText(`${notActivated.length} comptes sélectionnés`);
  const firstRow = panel.page.locator('.list tbody tr[data-id]').first();
  await firstRow.getByRole('checkbox').uncheck();
  await expect(panel.selectedCounter).toHaveText(`${notActivated.length - 1} comptes sélectionnés`);
  await panel.button('Tout exclure').click();
  await expect(panel.selectedCounter).toHaveText('0 compte sélectionné');
  await expect(panel.button('Générer en PDF')).toBeDisabled();
  await expect(panel.page.getByText('Aucun compte sélectionné.')).toBeVisible();
  await panel.button('Tout inclure').click();
  await expect(panel.selectedCounter).toHaveText(`${notActivated.length} comptes sélectionnés`);
  await panel.select('Par').selectOption({ label: 'Classe' });

  await panel.page.close();
  panel = await PanelPage.open(ext, await tabIdFor(ext, massmail(DEMO)));
  await panel.waitReady();
  await expect(panel.select('Activation')).toHaveValue('notActivated');
  await expect(panel.select('Par')).toHaveValue('class');
  await expect(panel.selectedCounter).toHaveText(`${notActivated.length} comptes sélectionnés`);
  // Nothing but choices is stored.
  const stored = JSON.stringify(await ext.sw.evaluate(() => chrome.storage.local.get(null)));
  for (const u of users.slice(0, 50)) if (u.activationCode) expect(stored).not.toContain(u.activationCode);
});

test('the table fallback reads the real table when the extension’s own read fails: codes, e-mails and classes equal to the console’s JSON', async ({ ext, api, consolePage }) => {
  const users = await api.users(DEMO);
  // The console's own read (its table is drawn from it), captured as the console received it.
  const consoleRead = consolePage.waitForResponse((r) => new URL(r.url()).pathname === `/directory/structure/${DEMO}/massMail/allUsers`, { timeout: CONSOLE_BOOT_MS });
  await loginAs(consolePage, api, 'adml', massmail(DEMO));
  const json = (await (await consoleRead).json()) as Array<{ login: string; code: string | null; email: string | null; classes: Array<{ name: string | null }> }>;
  expect(json.length).toBe(users.length);
  await consoleTable(consolePage, json.length);
  // The console could read allUsers; the extension cannot (a proxy, a newer route, a cut answer…).
  await api.knobs({ allUsersStatus: 404 });
  const panel = await PanelPage.open(ext, await tabIdFor(ext, massmail(DEMO)));
  await panel.waitReady();
  await expect(panel.page.getByText(/Liste lue depuis le tableau de la console/)).toBeVisible();
  await expect(panel.selectedCounter).toHaveText(`${json.length} comptes sélectionnés`);
  // Each account as the panel shows it, against the console's JSON, by login: code, e-mail, classes.
  const classSet = (names: string[]) => names.filter(Boolean).sort().join(' | ');
  const shown = (await panel.allRows()).map((r) => ({ login: r.cells[4]!.trim(), code: r.cells[5]!.trim(), email: r.cells[6]!.trim(), classes: classSet(r.cells[7]!.split(', ')) }));
  const want = json.map((u) => ({ login: u.login, code: u.code ?? '', email: u.email?.trim() ?? '', classes: classSet(u.classes.map((c) => c.name ?? '')) }));
  const byLogin = (a: { login: string }, b: { login: string }) => (a.login < b.login ? -1 : a.login > b.login ? 1 : 0);
  expect(shown.sort(byLogin)).toEqual(want.sort(byLogin));
  // Same filters work on table data: class and activation.
  await panel.select('Activation').selectOption({ label: 'Utilisateurs non activés' });
  await expect(panel.selectedCounter).toHaveText(`${expected(users, { activated: false }).length} comptes sélectionnés`);
  await panel.classBox('CE2-CM1').check();
  const cls = (await api.classes(DEMO)).find((c) => c.name === 'CE2-CM1')!;
  await expect(panel.selectedCounter).toHaveText(`${expected(users, { activated: false, classIds: [cls.id] }).length} comptes sélectionnés`);
  await expect(panel.button('Envoyer par mail')).toBeDisabled();
});

test('a failed read says which request failed and to reload the console, with no count (panel and popup), never « 0 comptes »', async ({ ext, api, consolePage }) => {
  // A cut answer: the real console then draws an empty table from it, as the extension's read fails.
  await api.knobs({ malformedJson: true });
  await loginAs(consolePage, api, 'adml', massmail(DEMO));
  const console_ = new ConsolePage(consolePage);
  await expect(console_.total).toHaveText(/^\s*0\s+comptes? sélectionnés? au total\s*$/, { timeout: CONSOLE_BOOT_MS });
  await expect(console_.rows).toHaveCount(0);
  const tabId = await tabIdFor(ext, massmail(DEMO));
  const panel = await PanelPage.open(ext, tabId);
  await expect(panel.alert).toContainText('La lecture des comptes a échoué', { timeout: 60_000 });
  await expect(panel.alert).toContainText('/directory/structure/…/massMail/allUsers');
  await expect(panel.alert).toContainText('réponse illisible ou tronquée');
  await expect(panel.alert).toContainText('Rechargez la page de la console');
  await expect(panel.page.getByText('Aucun compte dans cette structure.')).toHaveCount(0);
  await expect(panel.page.getByText(/\b0 comptes?\b/)).toHaveCount(0);
  const popup = await PopupPage.open(ext, tabId);
  await expect(popup.page.getByRole('alert')).toContainText('La lecture des comptes a échoué : /directory/structure/…/massMail/allUsers (réponse illisible ou tronquée). Rechargez la page de la console.');
  await expect(popup.page.getByText(/comptes? lus?/)).toHaveCount(0);

  // Reloaded once the console answers again: the count comes back, in the panel and the popup.
  await api.knobs({ malformedJson: false });
  await consolePage.reload();
  await consoleTable(consolePage);
  await panel.button('Réessayer').click();
  await panel.waitReady();
  const n = (await api.users(DEMO)).length;
  await expect(panel.selectedCounter).toHaveText(`${n} comptes sélectionnés`);
  await expect(popup.page.getByRole('status').filter({ hasText: 'comptes lus' })).toHaveText(`${n} comptes lus`);
  await expect(popup.page.getByRole('alert')).toHaveCount(0);
});

test('error states: session expired, MFA, not an administrator, empty structure, console changed', async ({ ext, api, consolePage }) => {
  // Session expired after the page loaded: the panel's request is redirected to /auth/login.
  // (Once the console has drawn its table: its own boot requests would otherwise meet the expiry first.)
  await loginAs(consolePage, api, 'adml', massmail(DEMO));
  const tabId = await tabIdFor(ext, massmail(DEMO));
  await consoleTable(consolePage);
  await api.knobs({ expireSessionAfter: 1 });
  let panel = await PanelPage.open(ext, tabId);
  await expect(panel.alert).toContainText('Votre session a expiré');
  await expect(panel.button('Se reconnecter')).toBeVisible();
  await panel.button('Se reconnecter').click();
  await expect(consolePage).toHaveURL(new RegExp(`/auth/login\\?callBack=${encodeURIComponent(massmail(DEMO))}$`));
  await panel.page.close();
  await api.reset();

  // The same, when the login page is on another origin (an SSO): still "session expired", not a network error.
  await loginAs(consolePage, api, 'adml', massmail(DEMO));
  await consoleTable(consolePage);
  await api.knobs({ expireSessionAfter: 1, expiredAnswer: 'sso' });
  panel = await PanelPage.open(ext, await tabIdFor(ext, massmail(DEMO)));
  await expect(panel.alert).toContainText('Votre session a expiré');
  await panel.page.close();
  await api.reset();

  // The console page itself is MFA-protected (AdminController @MfaProtected): a session whose MFA
  // is asked for after the page loaded is what the panel can meet.
  await loginAs(consolePage, api, 'adml', massmail(DEMO));
  await consoleTable(consolePage);
  await api.knobs({ mfaRequired: true });
  panel = await PanelPage.open(ext, await tabIdFor(ext, massmail(DEMO)));
  await expect(panel.alert).toContainText('validation en deux étapes');
  await panel.page.getByRole('link', { name: 'Valider sur l’ENT', exact: true }).click();
  // entcore's MFA page, coming back to the console page once validated.
  await expect(consolePage).toHaveURL(`${api.origin()}/auth/validate-mfa?force=true&redirect=${encodeURIComponent(`${api.origin()}${massmail(DEMO)}`)}`);
  await panel.page.close();
  await api.reset();

  // An ADML of the demo school only, on the big structure's page: the real console does not show it
  // (it leaves the page), so no account of that structure reaches anyone, the extension included.
  await consolePage.goto(`${api.origin()}/__test/login?as=user&login=laetitia.coeur&redirect=${encodeURIComponent(massmail(BIG))}`);
  await expect(consolePage).not.toHaveURL(new RegExp(`${massmail(BIG)}$`), { timeout: CONSOLE_BOOT_MS });
  const bigReads = (await api.requests()).filter((r) => r.path === `/directory/structure/${BIG}/massMail/allUsers` && r.headers?.accept === 'application/json');
  expect(bigReads).toEqual([]);

  panel = await openPanel(ext, api, consolePage, 'a1b2c3d4-0000-4000-8000-000000000003');
  await expect(panel.page.getByText('Aucun compte dans cette structure.')).toBeVisible();
  await panel.page.close();

  // The extension's JSON read answers garbage and the table is not the one we know: name what is missing.
  await loginAs(consolePage, api, 'adml', massmail(DEMO));
  await consoleTable(consolePage);
  await api.knobs({ malformedJson: true });
  await consolePage.evaluate(() => document.querySelector('ode-mass-mail table thead th:nth-child(4)')!.replaceChildren('Identifiant'));
  panel = await PanelPage.open(ext, await tabIdFor(ext, massmail(DEMO)));
  await expect(panel.alert).toContainText('La console a changé');
  await expect(panel.alert).toContainText('« Login » attendue');
  await expect(panel.button('Réessayer')).toBeVisible();
});

test('5,000 accounts: the list stays virtual, filters apply, and the rows drawn follow the page’s scroll and the list’s', async ({ api, keptConsole }) => {
  const users = await api.users(BIG);
  const panel = await keptPanel(keptConsole, BIG);
  const page = panel.page;
  await panel.waitReady();
  await expect(panel.selectedCounter).toHaveText(`${users.length} comptes sélectionnés`);
  expect(await page.locator('.list tbody tr[data-id]').count()).toBeLessThan(120);
  await panel.profile('Enseignant').check();
  const coll = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
  const want = expected(users, { profiles: ['Teacher'] }).sort((a, b) => coll.compare(a.lastName, b.lastName) || coll.compare(a.firstName, b.firstName));
  await expect(panel.selectedCounter).toHaveText(`${want.length} comptes sélectionnés`);

  const list = page.locator('.list');
  /** The rows drawn, and the part of the list's box the window shows (viewport px). */
  const drawn = () => list.evaluate((el) => {
    const box = el.getBoundingClientRect();
    // below the column heads, which stick to the box's top
    const head = el.querySelector('th')!.getBoundingClientRect().bottom;
    return {
      top: Math.max(head, 0), bottom: Math.min(box.bottom, innerHeight),
      rows: Array.from(el.querySelectorAll<HTMLTableRowElement>('tbody tr[data-id]')).map((r) => {
        const b = r.getBoundingClientRect();
        return { index: Number(r.dataset.index), top: b.top, bottom: b.bottom, name: `${r.cells[1]!.textContent!.replace('🔒', '').trim()} ${r.cells[2]!.textContent}` };
      }),
    };
  });
  /** Every place of the list on screen holds a row, the account that belongs there. */
  const onScreenRight = async () => {
    await expect.poll(async () => {
      const d = await drawn();
      const shown = d.rows.filter((r) => r.bottom > d.top && r.top < d.bottom);
      const covered = shown.length > 0 && shown[0]!.top <= d.top + 1 && shown.at(-1)!.bottom >= d.bottom - 1 && shown.every((r, i) => i === 0 || r.index === shown[i - 1]!.index + 1);
      return covered && shown.every((r) => r.name === `${want[r.index]!.lastName} ${want[r.index]!.firstName}`) ? 'right' : JSON.stringify({ top: d.top, bottom: d.bottom, shown: shown.map((r) => [r.index, r.name, r.top, r.bottom]) });
    }, { timeout: 15_000 }).toBe('right');
  };
  // The window's top: the list runs below the window's edge (1,280 × 900), and only the rows on screen and a few beyond are drawn.
  await page.evaluate(() => scrollTo(0, 0));
  await list.evaluate((el) => (el.scrollTop = 40 * 30));
  await onScreenRight();
  const partly = await drawn();
  expect(partly.bottom).toBeLessThan((await list.boundingBox())!.y + (await list.boundingBox())!.height - 100);
  expect(Math.max(...partly.rows.map((r) => r.bottom))).toBeLessThan(partly.bottom + 6 * 30);
  // The page scrolled: the rows that come into view are drawn, the right accounts in them.
  await list.scrollIntoViewIfNeeded();
  await onScreenRight();
  // The list's own scroll keeps its place through the page's.
  expect(await list.evaluate((el) => el.scrollTop)).toBe(40 * 30);

  // A row with the keyboard's focus stays drawn, focused, when a scroll takes it out of view, and the arrows go on from it.
  const row = page.locator('.list tbody tr[data-index="45"]');
  await row.getByRole('checkbox').focus();
  await list.evaluate((el) => (el.scrollTop = 60 * 30));
  await expect(page.locator('.list tbody tr[data-index="60"]')).toBeAttached();
  await expect(page.locator('.list tbody tr[data-index="50"]')).not.toBeAttached();
  await expect(row.getByRole('checkbox')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  const next = page.locator('.list tbody tr[data-index="46"]');
  await expect(next.getByRole('checkbox')).toBeFocused();
  await expect(next).toContainText(want[46]!.lastName);
  await expect(next).toBeInViewport();
});

test('an admin of several structures switches between them', async ({ api, keptConsole }) => {
  const panel = await keptPanel(keptConsole);
  await panel.waitReady();
  const big = await api.users(BIG);
  await panel.select('Structure').selectOption({ label: 'Groupe scolaire Victor Hugo (grand)' });
  await expect(panel.selectedCounter).toHaveText(`${big.length} comptes sélectionnés`, { timeout: 30_000 });
  await panel.select('Structure').selectOption({ label: 'École vide' });
  await expect(panel.page.getByText('Aucun compte dans cette structure.')).toBeVisible();
});

test("a last name opens that user's sheet in the console tab, like the console's own rows", async ({ ext, api, consolePage }) => {
  const panel = await openPanel(ext, api, consolePage);
  await panel.waitReady();
  const row = panel.page.locator('.list tbody tr[data-id]').first();
  const id = await row.getAttribute('data-id');
  await row.getByRole('link').click();
  await expect(consolePage).toHaveURL(new RegExp(`/admin/${DEMO}/users/list/${id}/details$`));
});
