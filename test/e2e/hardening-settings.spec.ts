/**
 * Issue 13, settings side: an imported file cannot silently send the QR codes elsewhere, and a logo
 * is checked, decoded and re-encoded before it is ever stored (the options page, in Chromium).
 */
import { test, expect } from './fixtures';
import { OptionsPage } from './pages/options-page';
import { clearSettings, storedSettings } from './quality-helpers';
import { dataUrl, makePng } from '../unit/fixtures/images';

const file = (settings: Record<string, unknown>) => ({
  name: 'publipostage-one-reglages.json',
  mimeType: 'application/json',
  buffer: Buffer.from(JSON.stringify({ format: 'publipostage-one-settings', version: 1, settings })),
});

test.beforeEach(async ({ ext }) => {
  await clearSettings(ext);
});

test('an imported ENT address on an unknown host asks first, showing the old and new address', async ({ ext }) => {
  const o = await OptionsPage.open(ext);
  await o.entUrl.fill('https://oneconnect.edifice.io');
  await o.saveButton.click();
  await expect(o.status).toHaveText('Réglages enregistrés.');

  // The review's example: a look-alike host. Nothing is stored until the user says so.
  await o.importInput.setInputFiles(file({ entUrl: 'https://ent-ecole.fr.evil.example', schoolName: 'École piégée' }));
  const dialog = o.page.getByRole('alertdialog', { name: 'Nouvelle adresse de l’ENT : à confirmer' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Adresse actuelle : https://oneconnect.edifice.io');
  await expect(dialog).toContainText('Nouvelle adresse : https://ent-ecole.fr.evil.example');
  await expect(o.status).not.toHaveText('Réglages importés et enregistrés.');
  expect(await storedSettings(ext)).toMatchObject({ entUrl: 'https://oneconnect.edifice.io', schoolName: '' });

  // « Annuler l’import »: nothing changes.
  await dialog.getByRole('button', { name: 'Annuler l’import' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(o.status).toHaveText('Import annulé : les réglages n’ont pas changé.');
  expect(await storedSettings(ext)).toMatchObject({ entUrl: 'https://oneconnect.edifice.io', schoolName: '' });

  // Asked again, and accepted: then it is stored.
  await o.importInput.setInputFiles(file({ entUrl: 'https://ent-ecole.fr.evil.example', schoolName: 'École piégée' }));
  await dialog.getByRole('button', { name: 'Utiliser la nouvelle adresse' }).click();
  await expect(o.status).toHaveText('Réglages importés et enregistrés.');
  expect(await storedSettings(ext)).toMatchObject({ entUrl: 'https://ent-ecole.fr.evil.example', schoolName: 'École piégée' });

  // A host the manifest knows imports straight away.
  await o.importInput.setInputFiles(file({ entUrl: 'https://www.parisclassenumerique.fr' }));
  await expect(o.status).toHaveText('Réglages importés et enregistrés.');
  await expect(dialog).toHaveCount(0);
  // The status reads as after the previous import: the stored address is what tells this one is done.
  await expect.poll(async () => (await storedSettings(ext))?.entUrl).toBe('https://www.parisclassenumerique.fr');
});

test('import refuses a 5 MB address, a truncated logo and a PNG declaring 8000 × 8000 pixels', async ({ ext }) => {
  const o = await OptionsPage.open(ext);
  await o.schoolName.fill('École gardée');
  await o.saveButton.click();
  await expect(o.status).toHaveText('Réglages enregistrés.');

  await o.importInput.setInputFiles(file({ entUrl: 'https://oneconnect.edifice.io/' + 'a'.repeat(5_000_000) }));
  await expect(o.alert).toContainText('Réglage « Adresse de l’ENT » : 200 caractères au plus');

  const whole = dataUrl(makePng(60, 30));
  await o.importInput.setInputFiles(file({ logo: { dataUrl: whole.slice(0, whole.length - 8), format: 'PNG' } }));
  await expect(o.alert).toContainText(/Logo.*image (illisible|incomplète) \((contenu|fichier) tronqué\)/);

  const bomb = makePng(8000, 8000);
  expect(bomb.length).toBeLessThan(300 * 1024);
  await o.importInput.setInputFiles(file({ logo: { dataUrl: dataUrl(bomb), format: 'PNG' } }));
  await expect(o.alert).toContainText('image trop grande (8000 × 8000 pixels, 2000 × 2000 au plus)');
  expect(await storedSettings(ext)).toMatchObject({ schoolName: 'École gardée', logo: null, entUrl: '' });

  // Upload: the same check, before any decode.
  await o.logoInput.setInputFiles({ name: 'bomb.png', mimeType: 'image/png', buffer: bomb });
  await expect(o.alert).toContainText('Logo refusé : Réglage « Logo » : image trop grande (8000 × 8000 pixels');
  await expect(o.logoPreview).toHaveCount(0);
});

test('an uploaded logo is decoded and re-encoded: same pixels, nothing else of the file kept', async ({ ext }) => {
  const o = await OptionsPage.open(ext);
  const marked = makePng(40, 20, { text: 'pp1-payload-marker' });
  expect(marked.toString('latin1')).toContain('pp1-payload-marker');
  await o.logoInput.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: marked });
  await expect(o.logoPreview).toBeVisible();
  await o.saveButton.click();
  await expect(o.status).toHaveText('Réglages enregistrés.');
  const logo = (await storedSettings(ext))!.logo as { dataUrl: string; format: string };
  expect(logo.format).toBe('PNG');
  const stored = Buffer.from(logo.dataUrl.split(',')[1]!, 'base64');
  expect(stored.toString('latin1')).not.toContain('pp1-payload-marker');
  expect([stored.readUInt32BE(16), stored.readUInt32BE(20)]).toEqual([40, 20]);

  // A file that is not an image at all, named .png with a PNG header, is refused by the decoder.
  const fake = Buffer.concat([makePng(4, 4).subarray(0, 33), Buffer.from('garbage that no decoder reads'), makePng(4, 4).subarray(-12)]);
  await o.logoInput.setInputFiles({ name: 'fake.png', mimeType: 'image/png', buffer: fake });
  await expect(o.alert).toContainText('Logo refusé : Réglage « Logo » : image illisible');
});
