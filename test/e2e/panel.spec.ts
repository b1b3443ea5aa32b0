import { test, expect, loginAs, tabIdFor, type FakeUser } from './fixtures';
import { PanelPage } from './pages/panel-page';
import { expected, shownLogin } from './oracle';

const DEMO = 'a1b2c3d4-0000-4000-8000-000000000001';
const BIG = 'a1b2c3d4-0000-4000-8000-000000000002';
const massmail = (id: string) => `/admin/${id}/imports-exports/massmail`;

async function openPanel(ext: Parameters<typeof PanelPage.open>[0], api: import('./fixtures').ConsoleApi, page: import('@playwright/test').Page, structure = DEMO, role = 'adml') {
  await loginAs(page, api, role, massmail(structure));
  const tabId = await tabIdFor(ext, massmail(structure));
  return PanelPage.open(ext, tabId);
}

async function expectSelection(panel: PanelPage, want: FakeUser[]) {
  await expect(panel.selectedCounter).toHaveText(`${want.length} comptes sélectionnés`);
  // the list may still be drawing its rows when the counter is already right: read it until it settles
  await expect.poll(async () => (await panel.allRows()).map((r) => r.id).sort(), { timeout: 10_000 }).toEqual(want.map((u) => u.id).sort());
  await expect(panel.noEmailCounter).toHaveText(`${want.filter((u) => !u.email?.trim()).length} sans adresse courriel`);
  const activated = want.filter((u) => u.activationCode === null).length;
  await expect(panel.activatedCounter).toHaveText(`${activated} déjà ${activated < 2 ? 'activé' : 'activés'}`); // French: 0 and 1 agree in the singular
}

test('each filter, alone and combined, selects what the console would', async ({ ext, api, consolePage }) => {
  const users = await api.users(DEMO);
  const classes = await api.classes(DEMO);
  const ce1a = classes.find((c) => c.name === 'CE1 A')!;
  const panel = await openPanel(ext, api, consolePage);
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
  await expectSelection(panel, expected(users, { localAdmin: true }));
  await panel.select('Administrateurs locaux').selectOption({ label: 'Non administrateurs locaux' });
  await expectSelection(panel, expected(users, { localAdmin: false }));
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

test('sort by class (school level: CP before CE1) then name, and by profile, in French collation', async ({ ext, api, consolePage }) => {
  const users = await api.users(DEMO);
  const classes = new Map((await api.classes(DEMO)).map((c) => [c.id, c.name]));
  const panel = await openPanel(ext, api, consolePage);
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
  expect(rows[0]!.cells.slice(1, 6).map((c) => c.replace('🔒', '').trim())).toEqual([first.lastName, first.firstName, 'Invité', shownLogin(first), first.activationCode ?? '']);
});

test('per-row exclusion, select none/all, and the choices persist per structure', async ({ ext, api, consolePage }) => {
  const users = await api.users(DEMO);
  let panel = await openPanel(ext, api, consolePage);
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

test('the table fallback gives the same accounts as the JSON route', async ({ ext, api, consolePage }) => {
  const users = await api.users(DEMO);
  await api.knobs({ allUsersStatus: 404 });
  const panel = await openPanel(ext, api, consolePage);
  await panel.waitReady();
  await expect(panel.page.getByText(/Liste lue depuis le tableau de la console/)).toBeVisible();
  await expect(panel.selectedCounter).toHaveText(`${users.length} comptes sélectionnés`);
  const rows = await panel.allRows();
  expect(rows.map((r) => r.cells[4]).sort()).toEqual(users.map(shownLogin).sort());
  // Same filters work on table data: class and activation.
  await panel.select('Activation').selectOption({ label: 'Utilisateurs non activés' });
  await expect(panel.selectedCounter).toHaveText(`${expected(users, { activated: false }).length} comptes sélectionnés`);
  await panel.classBox('CE2-CM1').check();
  const cls = (await api.classes(DEMO)).find((c) => c.name === 'CE2-CM1')!;
  await expect(panel.selectedCounter).toHaveText(`${expected(users, { activated: false, classIds: [cls.id] }).length} comptes sélectionnés`);
  await expect(panel.button('Envoyer par mail')).toBeDisabled();
});

test('error states: session expired, MFA, not an administrator, empty structure, console changed', async ({ ext, api, consolePage }) => {
  // Session expired after the page loaded: the panel's request is redirected to /auth/login.
  await loginAs(consolePage, api, 'adml', massmail(DEMO));
  const tabId = await tabIdFor(ext, massmail(DEMO));
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
  await api.knobs({ expireSessionAfter: 1, expiredAnswer: 'sso' });
  panel = await PanelPage.open(ext, await tabIdFor(ext, massmail(DEMO)));
  await expect(panel.alert).toContainText('Votre session a expiré');
  await panel.page.close();
  await api.reset();

  await api.knobs({ mfaRequired: true });
  panel = await openPanel(ext, api, consolePage);
  await expect(panel.alert).toContainText('validation en deux étapes');
  await panel.page.getByRole('link', { name: 'Valider sur l’ENT', exact: true }).click();
  // entcore's MFA page, coming back to the console page once validated.
  await expect(consolePage).toHaveURL(`${api.origin()}/auth/validate-mfa?force=true&redirect=${encodeURIComponent(`${api.origin()}${massmail(DEMO)}`)}`);
  await panel.page.close();
  await api.reset();

  // An ADML of the demo school only, on the big structure's page.
  await consolePage.goto(`${api.origin()}/__test/login?as=user&login=laetitia.coeur&redirect=${encodeURIComponent(massmail(BIG))}`);
  panel = await PanelPage.open(ext, await tabIdFor(ext, massmail(BIG)));
  await expect(panel.alert).toContainText("pas administrateur de cette structure");
  await panel.page.close();

  panel = await openPanel(ext, api, consolePage, 'a1b2c3d4-0000-4000-8000-000000000003');
  await expect(panel.page.getByText('Aucun compte dans cette structure.')).toBeVisible();
  await panel.page.close();

  // The JSON route answers garbage and the table is gone: name what is missing.
  await api.knobs({ malformedJson: true });
  await loginAs(consolePage, api, 'adml', massmail(DEMO));
  await consolePage.waitForSelector('table tbody tr');
  await consolePage.evaluate(() => document.querySelector('table thead th:nth-child(4)')!.replaceChildren('Identifiant'));
  panel = await PanelPage.open(ext, await tabIdFor(ext, massmail(DEMO)));
  await expect(panel.alert).toContainText('La console a changé');
  await expect(panel.alert).toContainText('« Login » attendue');
  await expect(panel.button('Réessayer')).toBeVisible();
});

test('5,000 accounts: the list stays virtual and filters apply', async ({ ext, api, consolePage }) => {
  const users = await api.users(BIG);
  const panel = await openPanel(ext, api, consolePage, BIG);
  await panel.waitReady();
  await expect(panel.selectedCounter).toHaveText(`${users.length} comptes sélectionnés`);
  expect(await panel.page.locator('.list tbody tr[data-id]').count()).toBeLessThan(120);
  await panel.profile('Enseignant').check();
  await expect(panel.selectedCounter).toHaveText(`${expected(users, { profiles: ['Teacher'] }).length} comptes sélectionnés`);
});

test('an admin of several structures switches between them', async ({ ext, api, consolePage }) => {
  const panel = await openPanel(ext, api, consolePage);
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
