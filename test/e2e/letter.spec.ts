/**
 * « Lettre aux familles » through the panel, in Chromium against the fake console: in meeting mode,
 * a family's letter with Turkish chosen for it and remembered (« Se souvenir pour cette famille »),
 * read back from the PDF; storage then holds no name, id or login; « Montrer le QR » shows one
 * account's QR full-screen without its code, and « Remis » records the handover.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';
import { pdfText, qrCodes, saveDownload } from './pdf-tools';
import { shownLogin } from './oracle';
import { notStoredHanded, storedLog } from './stored-log';

const DEMO = 'a1b2c3d4-0000-4000-8000-000000000001';
const MASSMAIL = `/admin/${DEMO}/imports-exports/massmail`;

test('meeting mode: a family’s letter in French and Turkish, remembered under hashes only; « Montrer le QR » then « Remis »', async ({ ext, api, keptConsole }) => {
  const users = await api.users(DEMO);
  // the Cœurderoy family: Valentin, Nour and their two guardians
  const valentin = users.find((u) => u.firstName === 'Valentin' && u.lastName === 'Cœurderoy')!;
  const guardians = users.filter((u) => u.profile === 'Relative' && u.children.includes(valentin.id));
  expect(guardians.length).toBeGreaterThan(0);
  // the kept console tab (`keptConsole`): the test is about the panel, its PDF and storage
  const panel = await (await keptConsole('adml', MASSMAIL)).panel();
  const page = panel.page;
  await page.getByText('Mode réunion').click();
  await page.getByRole('combobox', { name: 'Modèle à imprimer', exact: true }).selectOption({ label: 'Lettre aux familles (1 par famille)' });
  await page.getByLabel('Rechercher un élève ou un parent').fill('valentin coeurd');
  const card = page.getByRole('listitem', { name: /^Famille / }).first();
  await expect(card).toContainText('Valentin Cœurderoy');
  const family = await card.locator('li[data-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')!));
  const members = family.map((id) => users.find((u) => u.id === id)!);

  await card.getByRole('combobox', { name: 'Langue de la lettre', exact: true }).selectOption({ label: 'Français + turc (Türkçe)' });
  const remember = card.getByRole('checkbox', { name: 'Se souvenir pour cette famille' });
  await expect(remember).toBeEnabled();
  await remember.check();
  await expect(remember).toBeChecked();

  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), card.getByRole('button', { name: 'Imprimer la famille' }).click()]);
  const file = await saveDownload(download);
  expect(download.suggestedFilename()).toMatch(/^publipostage-.*-lettres-familles-\d{4}-\d{2}-\d{2}\.pdf$/);
  const text = pdfText(file).replace(/\s+/g, ' ');
  expect(text).toContain('Famille Cœurderoy');
  for (const u of members) expect(text).toContain(shownLogin(u));
  // the Turkish instructions, after the French ones
  const fr = text.indexOf('Conservez cette lettre');
  const tr = text.indexOf('Bu mektubu saklayın');
  expect(fr).toBeGreaterThan(0);
  expect(tr).toBeGreaterThan(fr);
  const withCode = members.filter((u) => u.activationCode);
  expect(withCode.length).toBeGreaterThan(0);
  expect(text).toContain('Bir hesabı etkinleştirmek için');
  expect(qrCodes(file, 1, 2).sort()).toEqual(withCode.map((u) => `${api.origin()}/auth/activation?login=${encodeURIComponent(shownLogin(u))}&activationCode=${encodeURIComponent(u.activationCode!)}`).sort());

  // remembered under keyed hashes: no name, id or login of the family anywhere in storage
  const readLangs = () => ext.sw.evaluate((k) => chrome.storage.local.get(k), `letter-langs:${DEMO}`);
  await expect.poll(async () => typeof (await readLangs())[`letter-langs:${DEMO}`], { timeout: 30_000 }).toBe('string');
  const stored = await readLangs();
  const memory = JSON.parse(stored[`letter-langs:${DEMO}`] as string) as Record<string, { lang: string }>;
  expect(Object.keys(memory).length).toBe(members.length);
  for (const [k, v] of Object.entries(memory)) {
    expect(k).toMatch(/^h:[A-Za-z0-9_-]{22}$/);
    expect(v.lang).toBe('tr');
  }
  const dump = JSON.stringify(await ext.sw.evaluate(async () => [await chrome.storage.local.get(null), await chrome.storage.session.get(null)]));
  for (const u of members) {
    expect(dump.includes(`"letter-langs:${DEMO}"`)).toBe(true);
    expect(JSON.stringify(memory)).not.toContain(u.id);
    expect(dump, `login of ${u.id}`).not.toContain(shownLogin(u));
    expect(dump, `name of ${u.id}`).not.toContain(`${u.firstName} ${u.lastName}`);
  }

  // « Montrer le QR »: full-screen, no code; « Remis » records the handover of that account only
  const shown = withCode[0];
  expect(shown, 'an account of the family still has its code').toBeTruthy();
  {
    if (!shown) return;
    await card.getByRole('button', { name: `Montrer le QR code ${/^[AEIOUÉÈÊÀÂÎÔÛŒ]/i.test(shown.firstName) ? 'd’' : 'de '}${shown.firstName} ${shown.lastName}`, exact: true }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('img')).toBeVisible();
    const box = (await dialog.getByRole('img').boundingBox())!;
    const view = page.viewportSize()!;
    expect(box.width).toBeGreaterThan(Math.min(view.width, view.height) * 0.6);
    expect(await dialog.innerText()).not.toContain(shown.activationCode!);
    // what a parent's phone reads off the screen: the account's activation link, code included
    const png = path.join(mkdtempSync(path.join(os.tmpdir(), 'pp1-qr-')), 'qr.png');
    await dialog.getByRole('img').screenshot({ path: png });
    const read = execFileSync('zbarimg', ['-q', '--raw', '-Sdisable', '-Sqrcode.enable', png], { encoding: 'utf8' }).trim();
    expect(read).toContain(encodeURIComponent(shown.activationCode!));
    expect(read).toContain(encodeURIComponent(shownLogin(shown)));
    await dialog.getByRole('button', { name: 'Remis', exact: true }).click();
    await expect(dialog).toBeHidden();
    // the panel shows it at once and stores it just after, under the log's lock
    await expect.poll(() => notStoredHanded(ext, DEMO, [shown.id]), { timeout: 30_000 }).toEqual([]);
    const entries = await storedLog(ext, DEMO);
    for (const u of members) if (u.id !== shown.id) expect(entries[u.id]?.handed).toBeUndefined();
  }

  // a new session of the panel finds the family's language again
  await page.reload();
  await panel.waitReady();
  await page.getByText('Mode réunion').click();
  await page.getByRole('combobox', { name: 'Modèle à imprimer', exact: true }).selectOption({ label: 'Lettre aux familles (1 par famille)' });
  await page.getByLabel('Rechercher un élève ou un parent').fill('valentin coeurd');
  const again = page.getByRole('listitem', { name: /^Famille / }).first();
  await expect(again.getByRole('combobox', { name: 'Langue de la lettre', exact: true })).toHaveValue('tr');
  await expect(again.getByRole('checkbox', { name: 'Se souvenir pour cette famille' })).toBeChecked();

  // the school's letters, printed from « Lancer le publipostage », keep that family's language, and say so
  await page.getByRole('button', { name: 'Quitter la réunion', exact: true }).click();
  await panel.select('Modèle de publipostage PDF').selectOption({ label: 'Lettre aux familles (1 par famille)' });
  await expect(page.getByText(`${members.length} comptes gardent la langue retenue pour leur famille en mode réunion.`)).toBeVisible({ timeout: 30_000 });
});
