import { test, expect, type FakeUser, type KeptConsoleFixture } from './fixtures';
import { PanelPage } from './pages/panel-page';
import { cardTexts, saveDownload } from './pdf-tools';
import { expected, familyOf, shownLogin } from './oracle';
import { notStoredHanded, storedLog } from './stored-log';

const DEMO = 'a1b2c3d4-0000-4000-8000-000000000001';
const MASSMAIL = `/admin/${DEMO}/imports-exports/massmail`;

const panelFor = async (kept: KeptConsoleFixture, path = MASSMAIL, role = 'adml'): Promise<PanelPage> => (await kept(role, path)).panel();


test("the teacher's page gives exactly the members of that teacher's classes: students, their parents, the class's teachers", async ({ api, keptConsole }) => {
  const users = await api.users(DEMO);
  const classes = await api.classes(DEMO);
  const mine = new Set(classes.filter((c) => ['CE1 A', 'CE2-CM1'].includes(c.name)).map((c) => c.id));
  const students = users.filter((u) => u.profile === 'Student' && u.classes.some((c) => mine.has(c)));
  const parents = new Set(students.flatMap((s) => s.parents));
  // entcore lists a class's members: its pupils, the parents it holds through them, its teachers.
  const want = users.filter((u) => u.classes.some((c) => mine.has(c)));
  expect(users.filter((u) => u.profile === 'Relative' && u.classes.some((c) => mine.has(c))).map((u) => u.id).sort()).toEqual([...parents].sort());

  const panel = await panelFor(keptConsole, '/directory/class-admin', 'teacher');
  // The panel starts on the class the page shows (CE1 A); both classes once that filter goes.
  const ce1a = classes.find((c) => c.name === 'CE1 A')!.id;
  await expect(panel.selectedCounter).toHaveText(`${want.filter((u) => u.classes.includes(ce1a)).length} comptes sélectionnés`);
  await panel.chip('CE1 A').click();
  await expect(panel.selectedCounter).toHaveText(`${want.length} comptes sélectionnés`);
  expect((await panel.allRows()).map((r) => r.id).sort()).toEqual(want.map((u) => u.id).sort());
  // Filters that make sense on a class: no local-admin filter; classes are the teacher's.
  await expect(panel.select('Administrateurs locaux')).toHaveCount(0);
  await expect(panel.page.getByRole('group', { name: 'Classes' }).getByRole('checkbox')).toHaveCount(3); // 2 classes + "Sans classe"
  await panel.profile('Parent').check();
  await expect(panel.selectedCounter).toHaveText(`${parents.size} comptes sélectionnés`);
  // A parent's children are named in the list.
  const parent = users.find((u) => parents.has(u.id))!;
  const child = students.find((s) => s.parents.includes(parent.id))!;
  const row = (await panel.allRows()).find((r) => r.id === parent.id)!;
  expect(row.cells.join(' ')).toContain(`${child.firstName} ${child.lastName}`);
});

test('meeting mode finds a family by a partial name without accents, prints it and marks it handed over', async ({ ext, api, keptConsole }) => {
  const users = await api.users(DEMO);
  const valentin = users.find((u) => u.firstName === 'Valentin' && u.lastName === 'Cœurderoy')!;
  const family = familyOf(users, valentin);
  expect(family.size).toBeGreaterThanOrEqual(4); // Valentin, Nour and their two guardians
  const panel = await panelFor(keptConsole);
  await panel.page.getByText('Mode réunion').click();
  const search = panel.page.getByLabel('Rechercher un élève ou un parent');
  await search.fill('valentin coeurd');
  const card = panel.page.getByRole('listitem', { name: /^Famille / }).first();
  for (const id of family) {
    const u = users.find((x) => x.id === id)!;
    await expect(card).toContainText(`${u.firstName} ${u.lastName}`);
  }
  // Keyboard only: Enter in the search box prints the first family.
  await search.focus();
  const [download] = await Promise.all([panel.page.waitForEvent('download'), panel.page.keyboard.press('Enter')]);
  const file = await saveDownload(download);
  const logins = cardTexts(file, 1, 1).map((c) => /Identifiant :\s+(\S+)/.exec(c)?.[1]);
  expect(logins.sort()).toEqual([...family].map((id) => shownLogin(users.find((u) => u.id === id)!)).sort());

  await card.getByRole('button', { name: 'Marquer comme remis' }).click();
  await expect(card.getByRole('button', { name: 'Annuler « remis »' })).toBeVisible();
  await expect.poll(() => notStoredHanded(ext, DEMO, family), { timeout: 20_000 }).toEqual([]);
});

test('"Réimprimer les manquants" selects exactly the accounts neither activated nor handed over', async ({ ext, api, keptConsole }) => {
  let users = await api.users(DEMO);
  const panel = await panelFor(keptConsole);
  // Hand over two families at the meeting…
  await panel.page.getByText('Mode réunion').click();
  const handed = new Set<string>();
  for (const name of ['valentin coeurd', 'lukasz']) {
    await panel.page.getByLabel('Rechercher un élève ou un parent').fill(name);
    const card = panel.page.getByRole('listitem', { name: /^Famille / }).first();
    await card.getByRole('button', { name: 'Marquer comme remis' }).click();
    const start = users.find((u) => `${u.firstName} ${u.lastName}`.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace('ł', 'l').includes(name.split(' ')[0]!))!;
    for (const id of familyOf(users, start)) handed.add(id);
  }
  // …and some parents activate their account at home, seen when the console is read again.
  const activatedNow = users.filter((u) => u.activationCode && u.profile === 'Relative' && !handed.has(u.id)).slice(0, 7).map((u) => u.id);
  await api.post('/__test/activate', { ids: activatedNow });
  users = await api.users(DEMO);
  await panel.page.reload();
  await panel.waitReady();
  await panel.button('Réimprimer les manquants').click();
  // every account still holding a code, teachers included (they get their code like everyone else)
  const want = users.filter((u) => u.activationCode && !handed.has(u.id));
  expect(want.some((u) => u.profile === 'Teacher')).toBe(true);
  await expect(panel.selectedCounter).toHaveText(`${want.length} comptes sélectionnés`);
  expect((await panel.allRows()).map((r) => r.id).sort()).toEqual(want.map((u) => u.id).sort());
  await expect(panel.page.getByText(/Manquants seulement/)).toBeVisible();
  // The log holds ids, events and dates only: no activation code, no e-mail address.
  const all = JSON.stringify(await ext.sw.evaluate(() => chrome.storage.local.get(null)));
  for (const u of await api.users(DEMO)) {
    if (u.activationCode) expect(all).not.toContain(u.activationCode);
    if (u.email) expect(all).not.toContain(u.email);
  }
});

test('household packs: each family together, once, siblings across classes, guardians not repeated', async ({ api, keptConsole }) => {
  const users = await api.users(DEMO);
  const panel = await panelFor(keptConsole);
  await panel.profile('Élève').check();
  await panel.profile('Parent').check();
  await panel.select('Par').selectOption({ label: 'Classe' });
  await panel.select('Modèle de publipostage PDF').selectOption({ label: '8 par page' });
  await panel.page.getByLabel('Regrouper par famille (une enveloppe par famille)').check();
  const [download] = await Promise.all([panel.page.waitForEvent('download', { timeout: 60_000 }), panel.button('Générer en PDF').click()]);
  const file = await saveDownload(download);
  const byLogin = new Map(users.map((u) => [shownLogin(u), u]));
  const cards = cardTexts(file, 2, 4, (t) => !/Identifiant :/.test(t)).map((c) => byLogin.get(/Identifiant :\s+(\S+)/.exec(c)![1]!)!);
  const want = expected(users, { profiles: ['Student', 'Relative'] });
  expect(cards.length).toBe(want.length);
  expect(new Set(cards.map((u) => u.id)).size).toBe(cards.length);
  // Families are contiguous: once a family is left, it never comes back.
  const famKey = new Map<string, string>();
  for (const u of cards) if (!famKey.has(u.id)) for (const id of familyOf(users, u)) famKey.set(id, u.id);
  const closed = new Set<string>();
  let current = '';
  for (const u of cards) {
    const k = famKey.get(u.id)!;
    if (k !== current) {
      expect(closed.has(k), `${u.firstName} ${u.lastName}: family printed twice`).toBe(false);
      if (current) closed.add(current);
      current = k;
    }
  }
  // Siblings in different classes sit together (the Cœurderoy children).
  const nour = cards.findIndex((u) => u.firstName === 'Nour' && u.lastName === 'Cœurderoy');
  const valentin = cards.findIndex((u) => u.firstName === 'Valentin' && u.lastName === 'Cœurderoy');
  expect(Math.abs(nour - valentin)).toBeLessThanOrEqual(3);
});

test('channel plan: activated accounts left out by default, labels count every profile, teachers with a code on paper, one click prints the paper sheets and asks to confirm the e-mails', async ({ api, keptConsole }) => {
  test.slow(); // prints 133 cards before the mail dialog: just over two minutes on a loaded 2-core machine
  const users = await api.users(DEMO);
  const panel = await panelFor(keptConsole);
  const pending = users.filter((u) => u.activationCode);
  // parents and guests with an address by e-mail (issue 22 item 5)
  const mail = pending.filter((u) => (u.profile === 'Guest' || u.profile === 'Relative') && u.email?.trim());
  // a teacher whose account still has a code gets a sheet like everyone else (entcore's templates)
  const paper = pending.filter((u) => !mail.includes(u));
  expect(paper.some((u) => u.profile === 'Teacher')).toBe(true);
  const academie = users.filter((u) => u.profile === 'Teacher' && !u.activationCode);
  expect(mail.length).toBeGreaterThan(0);
  expect(paper.some((u) => u.profile === 'Personnel')).toBe(true); // personnels are counted too
  const fr: Record<string, [string, string]> = { Student: ['élève', 'élèves'], Relative: ['parent', 'parents'], Teacher: ['enseignant', 'enseignants'], Personnel: ['personnel', 'personnels'], Guest: ['invité', 'invités'] };
  const count = (list: FakeUser[]) =>
    ['Student', 'Relative', 'Teacher', 'Personnel', 'Guest']
      .map((p) => [p, list.filter((u) => u.profile === p).length] as const)
      .filter(([, n]) => n > 0)
      .map(([p, n]) => `${n} ${fr[p]![n === 1 ? 0 : 1]}`)
      .join(', ') || 'aucun';
  await panel.page.getByText('Plan de distribution').click();
  await expect(panel.page.locator('.plan-paper')).toHaveText(`Sur papier : ${count(paper)}`);
  await expect(panel.page.locator('.plan-mail')).toHaveText(`Par courriel (parents et invités qui ont une adresse) : ${count(mail)}`);
  // Left out of the plan, but counted, not « aucun ».
  await expect(panel.page.locator('.plan-academie')).toHaveText(`Enseignants déjà activés (compte académique ou ONE), sans fiche : ${academie.length} (non comptés)`);
  const withActivated = panel.page.getByLabel(`Inclure les comptes déjà activés (${users.length - pending.length})`);
  await expect(withActivated).not.toBeChecked();

  const apply = panel.button(`Appliquer le plan : ${paper.length} sur papier, ${mail.length} par courriel`);
  const [download] = await Promise.all([panel.page.waitForEvent('download', { timeout: 60_000 }), apply.click()]);
  const logins = cardTexts(await saveDownload(download), 2, 4).map((c) => /Identifiant :\s+(\S+)/.exec(c)?.[1]);
  expect(logins.sort()).toEqual(paper.map(shownLogin).sort());
  const dialog = panel.page.getByRole('dialog', { name: 'Envoyer les identifiants par courriel' });
  await expect(dialog).toContainText(`à ${mail.length} ${mail.length < 2 ? 'utilisateur' : 'utilisateurs'} ?`);
  await expect.poll(() => dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true); // the printing did not take the focus
  await panel.page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Asked for, the activated accounts come back into the plan and its counts.
  await withActivated.check();
  const allPaper = users.filter((u) => (u.profile !== 'Teacher' || u.activationCode) && !((u.profile === 'Guest' || u.profile === 'Relative') && u.email?.trim()));
  await expect(panel.page.locator('.plan-paper')).toHaveText(`Sur papier : ${count(allPaper)}`);
  await expect(panel.page.locator('.plan-academie')).toHaveText(`Enseignants déjà activés (compte académique ou ONE), sans fiche : ${count(academie)}`);
  await expect(panel.button(`Imprimer les fiches papier (${allPaper.length})`)).toBeEnabled();
});

test('« Réimprimer les manquants » keeps the class, profile and courriel filters, names the others it removed, and « Annuler » puts them back', async ({ api, keptConsole }) => {
  const users = await api.users(DEMO);
  const ce1a = (await api.classes(DEMO)).find((c) => c.name === 'CE1 A')!;
  const panel = await panelFor(keptConsole);
  await panel.classBox('CE1 A').check();
  await panel.profile('Élève').check();
  await panel.select('Courriel').selectOption({ label: 'Utilisateur sans courriel' });
  await panel.select('Date de création').selectOption({ label: 'Utilisateurs créés avant le :' });
  await panel.page.getByLabel('Date', { exact: true }).fill('2026-12-31');
  const before = expected(users, { classIds: [ce1a.id], profiles: ['Student'], withEmail: false, createdBefore: '2026-12-31' });
  await expect(panel.selectedCounter).toHaveText(`${before.length} comptes sélectionnés`);
  await panel.page.locator('.list tbody tr[data-id]').first().getByRole('checkbox').uncheck();

  await panel.button('Réimprimer les manquants').click();
  // Nothing handed over yet: the missing ones are the class's students not activated and without an e-mail (« Sans courriel » kept for the paper relaunch).
  const want = users.filter((u) => u.profile === 'Student' && u.classes.includes(ce1a.id) && u.activationCode && !u.email?.trim());
  await expect(panel.selectedCounter).toHaveText(`${want.length} comptes sélectionnés`);
  expect((await panel.allRows()).map((r) => r.id).sort()).toEqual(want.map((u) => u.id).sort());
  const note = panel.page.locator('.reprint-note');
  await expect(note).toBeFocused();
  await expect(note).toContainText('Filtres gardés : Élève, CE1 A, Sans courriel.');
  await expect(note).toContainText('Filtres retirés : Créés avant le 31/12/2026.');
  await expect(panel.chip('CE1 A')).toBeVisible();
  await expect(panel.chip('Sans courriel')).toBeVisible();

  await note.getByRole('button', { name: 'Annuler', exact: true }).click();
  await expect(panel.selectedCounter).toHaveText(`${before.length - 1} comptes sélectionnés`);
  await expect(panel.select('Courriel')).toHaveValue('without');
  await expect(panel.select('Date de création')).toHaveValue('before');
  await expect(panel.excludedCounter).toHaveText('1 exclus');
  await expect(note).toHaveCount(0);
});

test('a printed sign-off roster: « Marquer comme remis » marks that class handed over, « Annuler » undoes it', async ({ ext, api, keptConsole }) => {
  const users = await api.users(DEMO);
  const ce1a = (await api.classes(DEMO)).find((c) => c.name === 'CE1 A')!;
  const panel = await panelFor(keptConsole);
  await panel.classBox('CE1 A').check();
  await panel.profile('Élève').check();
  const students = expected(users, { classIds: [ce1a.id], profiles: ['Student'] });
  await Promise.all([panel.page.waitForEvent('download', { timeout: 60_000 }), panel.button('Feuille d’émargement seule').click()]);
  const mark = panel.button(`Marquer comme remis : CE1 A (${students.length})`);
  await mark.click();
  await expect(panel.page.getByText(`CE1 A : ${students.length} comptes marqués remis.`)).toBeVisible();
  const handed = async () => Object.entries(await storedLog(ext, DEMO)).filter(([, e]) => e.handed).map(([id]) => id).sort();
  await expect.poll(handed).toEqual(students.map((u) => u.id).sort());
  // The list says so on each row (« Remis le … », or « Activé » for those already in).
  const rows = await panel.allRows();
  for (const r of rows) expect(r.cells.at(-1)).toMatch(/^(Remis le |Activé$)/);
  await panel.page.locator('.handover').getByRole('button', { name: 'Annuler', exact: true }).click();
  await expect.poll(handed).toEqual([]);
});

test('an unreadable distribution log is said, never shown as empty nor written over; « Repartir d’un journal vide » starts afresh', async ({ ext, api, keptConsole }) => {
  const key = `distribution:${DEMO}`;
  const broken = '{"entries": {"a1"'; // a log cut short: not JSON
  await ext.sw.evaluate(([k, v]) => chrome.storage.local.set({ [k]: v }), [key, broken] as const);
  const users = await api.users(DEMO);
  const family = familyOf(users, users.find((u) => u.firstName === 'Valentin' && u.lastName === 'Cœurderoy')!);
  const panel = await panelFor(keptConsole);
  const alert = panel.page.getByRole('alert').filter({ hasText: 'Le journal de distribution de cette école' });
  await expect(alert).toContainText('n’a pas pu être lu : ses marques ne sont pas affichées, et les nouvelles ne seront pas enregistrées, pour ne pas l’écraser.');

  // A hand-over shows in the panel, and the stored log stays as it was (nothing written over it).
  await panel.page.getByText('Mode réunion').click();
  await panel.page.getByLabel('Rechercher un élève ou un parent').fill('valentin coeurd');
  const card = panel.page.getByRole('listitem', { name: /^Famille / }).first();
  await card.getByRole('button', { name: 'Marquer comme remis' }).click();
  await expect(card.getByRole('button', { name: 'Annuler « remis »' })).toBeVisible();
  await expect(alert).toBeVisible(); // the warning stays in meeting mode too
  await panel.page.waitForTimeout(1000); // the store's write, if there were one, takes milliseconds
  expect((await ext.sw.evaluate((k) => chrome.storage.local.get(k), key))[key]).toBe(broken);

  // The director's choice: an empty log, then marks are stored again.
  await alert.getByRole('button', { name: 'Repartir d’un journal vide' }).click();
  await expect(alert).toHaveCount(0);
  await card.getByRole('button', { name: 'Marquer comme remis' }).click();
  await expect.poll(() => notStoredHanded(ext, DEMO, family), { timeout: 20_000 }).toEqual([]);
});
