/**
 * The mail dialog a director trusts (issue 22, item 1): it says who gets what (login reminders for
 * the activated accounts), offers to leave them out, is modal (focus kept inside, Escape closes it
 * when idle), and is retitled through its phases. And a stored campaign that cannot be read is shown,
 * never dropped (issue 18, item 2). Screenshots of each phase at 360 px go to test-results.
 */
import { test, expect, type FakeUser } from './fixtures';
import { expected } from './oracle';

const DEMO = 'a1b2c3d4-0000-4000-8000-000000000001';
const MASSMAIL = `/admin/${DEMO}/imports-exports/massmail`;
const hasEmail = (u: FakeUser) => !!u.email?.trim();

test('CE1 A: « dont N déjà activés (rappel d’identifiant) », « Seulement les comptes non activés » checked, modal, retitled by phase', async ({ api, keptConsole }, info) => {
  const users = await api.users(DEMO);
  const ce1a = (await api.classes(DEMO)).find((c) => c.name === 'CE1 A')!;
  const want = expected(users, { classIds: [ce1a.id] });
  const reminders = want.filter((u) => hasEmail(u) && !u.activationCode);
  const activations = want.filter((u) => hasEmail(u) && u.activationCode);
  expect(reminders.length).toBeGreaterThan(0);
  expect(activations.length).toBeGreaterThan(0);

  // both tests take the kept console tab (`keptConsole`): they are about the panel's dialog
  const panel = await (await keptConsole('adml', MASSMAIL)).panel({ size: { width: 360, height: 800 } });
  await panel.openGroup('Classes');
  await panel.classBox('CE1 A').check();
  await expect(panel.selectedCounter).toHaveText(`${want.length} comptes sélectionnés`);
  const d = await panel.openMail();
  const shot = (name: string) => panel.page.screenshot({ path: info.outputPath(`mail-dialog-${name}.png`) });

  // Focus opens on the dialog's title, never on an action.
  await expect(d.title).toHaveText('Envoyer les identifiants par courriel');
  await expect(d.title).toBeFocused();
  const n = reminders.length + activations.length;
  const plural = (k: number, one: string, many: string) => (k < 2 ? one : many);
  const only = d.root.getByRole('checkbox', { name: 'Seulement les comptes non activés' });
  await expect(only).toBeChecked();
  // Checked: the activated ones are left out, and the dialog says how many.
  const leftOut = want.filter((u) => !u.activationCode).length;
  await expect(d.root).toContainText(`à ${activations.length} ${plural(activations.length, 'utilisateur', 'utilisateurs')} ?`);
  await expect(d.root).toContainText(`${leftOut} ${plural(leftOut, 'compte déjà activé est laissé', 'comptes déjà activés sont laissés')} de côté`);
  await shot('confirm-only-not-activated');
  await only.uncheck();
  await expect(d.root).toContainText(`à ${n} utilisateurs, dont ${reminders.length} déjà ${plural(reminders.length, 'activé', 'activés')} (rappel d’identifiant) ?`);
  await shot('confirm-all');
  await only.check();

  // Modal: Tab and Shift+Tab never leave the dialog.
  for (const key of [...Array(12).fill('Tab'), ...Array(12).fill('Shift+Tab')]) {
    await panel.page.keyboard.press(key);
    expect(await panel.page.evaluate(() => !!document.activeElement?.closest('.mail-dialog')), `focus after ${key}`).toBe(true);
  }
  // Escape closes it while nothing runs.
  await panel.page.keyboard.press('Escape');
  await expect(d.root).toHaveCount(0);

  const d2 = await panel.openMail();
  // The sends wait at the console (the fake's `hold`) while the test looks at the running dialog.
  await api.knobs({ hold: { path: '/directory/class-admin/massmail', pass: 0 } });
  await d2.button('Envoyer').click();
  await expect(d2.title).toHaveText('Envoi des courriels');
  await shot('running');
  // Escape does nothing while it runs.
  await panel.page.keyboard.press('Escape');
  await expect(d2.root).toBeVisible();
  await expect(d2.title).toHaveText('Envoi des courriels');
  await api.knobs({ hold: null });
  await d2.waitEnded();
  await expect(d2.title).toHaveText('Bilan de l’envoi');
  await shot('report');
  const noAddress = want.filter((u) => u.activationCode && !hasEmail(u)).length;
  expect(await d2.tally()).toEqual({ selected: activations.length + noAddress, sent: activations.length, skipped: noAddress, failed: 0, unknown: 0, refused: 0, notSent: 0 });
  // The console mailed the accounts with a code only: no reminder went out.
  const mailed = (await api.mails()).filter((m) => m.via === 'class-admin').map((m) => m.userId).sort();
  expect(mailed).toEqual(activations.map((u) => u.id).sort());
});

test('a stored campaign whose states cannot be read: said so, its accounts shown « incertain », never deleted silently', async ({ ext, api, keptConsole }) => {
  const users = await api.users(DEMO);
  const touched = users.filter(hasEmail).slice(0, 7).map((u) => u.id);
  // The ids key is there, the states key is damaged (as a discard by another window once left it).
  await ext.sw.evaluate(
    async ([s, ids]) => chrome.storage.local.set({ [`campaign-ids:${s}`]: { id: 'lost', order: ids }, [`campaign:${s}`]: { v: 'c1', id: 'lost', s: 'ss' } }),
    [DEMO, touched] as const,
  );
  const panel = await (await keptConsole('adml', MASSMAIL)).panel();
  const d = await panel.openMail({ any: true });
  await expect(d.title).toHaveText('Envoi précédent illisible');
  await expect(d.root).toContainText('L’enregistrement d’un envoi précédent à cette école est illisible');
  await expect(d.root).toContainText(`Les ${touched.length} comptes qu’il a pu toucher sont marqués « incertain »`);
  // Still stored while the director has not decided.
  const kept = await ext.sw.evaluate((k) => chrome.storage.local.get(k), `campaign-ids:${DEMO}`);
  expect(Object.keys(kept)).toHaveLength(1);
  await d.button('Voir les comptes incertains').click();
  await d.waitEnded();
  expect(await d.tally()).toEqual({ selected: touched.length, sent: 0, skipped: 0, failed: 0, unknown: touched.length, refused: 0, notSent: 0 });
  await expect(d.button('Renvoyer aux comptes incertains')).toBeVisible();
  expect(await api.mails()).toEqual([]); // nothing resent by itself
});
