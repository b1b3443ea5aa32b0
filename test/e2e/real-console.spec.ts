/**
 * The extension on entcore's real admin page (test/real-console): the console keeps working as it
 * does without us — its own « Générer en PDF » and « Envoyer par mail » — and nothing we add
 * raises a page error.
 */
import { test, expect, loginAs, tabIdFor } from './fixtures';
import { ConsolePage, CONSOLE_BOOT_MS } from './pages/console-page';
import { PanelPage } from './pages/panel-page';

const DEMO = 'a1b2c3d4-0000-4000-8000-000000000001';
const MASSMAIL = `/admin/${DEMO}/imports-exports/massmail`;
type Rec = { method: string; path: string; status: number; query: Record<string, unknown>; selected?: string[] };

test('the console’s own « Générer en PDF » and « Envoyer par mail » still work with the extension loaded and its panel open', async ({ ext, api, consolePage }) => {
  const errors: string[] = [];
  consolePage.on('pageerror', (e) => errors.push(e.message));
  const users = await api.users(DEMO);
  const withAddress = users.filter((u) => u.email?.trim());
  await loginAs(consolePage, api, 'adml', MASSMAIL);
  const console_ = new ConsolePage(consolePage);
  await console_.waitTable(users.length);
  await expect(console_.door).toBeVisible({ timeout: CONSOLE_BOOT_MS });
  // The panel reads the same school beside it.
  const panel = await PanelPage.open(ext, await tabIdFor(ext, MASSMAIL));
  await panel.waitReady();
  await expect(panel.selectedCounter).toHaveText(`${users.length} comptes sélectionnés`);

  // « Générer en PDF »: the console asks its own route for every account it lists.
  await console_.consoleButton('Générer en PDF').click();
  const pdfPath = `/directory/structure/${DEMO}/massMail/process/pdf`;
  await expect.poll(async () => ((await api.requests()) as Rec[]).filter((r) => r.path === pdfPath && r.status === 200).length, { timeout: 60_000 }).toBe(1);
  const pdf = ((await api.requests()) as Rec[]).find((r) => r.path === pdfPath)!;
  expect([...pdf.selected!].sort()).toEqual(users.map((u) => u.id).sort());

  // « Envoyer par mail »: its confirmation, then its own route mails everyone with an address.
  await console_.consoleButton('Envoyer par mail').click();
  const confirm = consolePage.locator('ode-lightbox-confirm').getByRole('button', { name: 'Confirmer', exact: true });
  await expect(confirm).toBeVisible({ timeout: 30_000 });
  await expect(consolePage.locator('ode-lightbox-confirm')).toContainText(`${users.length} utilisateur(s)`);
  await confirm.click();
  await expect.poll(async () => (await api.mails()).filter((m) => m.via === 'process').length, { timeout: 60_000 }).toBe(withAddress.length);
  expect((await api.mails()).map((m) => m.userId).sort()).toEqual(withAddress.map((u) => u.id).sort());
  // Our button is still in the row, once; the extension sent nothing of its own meanwhile.
  await expect(console_.door).toHaveCount(1);
  expect(((await api.requests()) as Rec[]).filter((r) => r.method === 'POST')).toEqual([]);
  expect(errors).toEqual([]);
});
