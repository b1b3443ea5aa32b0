/**
 * Everyday quality: accessibility (axe) of the panel, toolbar popup and options page, keyboard use
 * of the panel, the settings (save, reload, export / import, bad file), and the toolbar popup.
 */
import { readFileSync } from 'node:fs';
import { test, expect, loginAs } from './fixtures';
import { DEMO, MASSMAIL, clearSettings, liveTabIdFor, newestTabId, seriousViolations, storedSettings } from './quality-helpers';
import { PanelPage } from './pages/panel-page';
import { OptionsPage } from './pages/options-page';
import { PopupPage } from './pages/popup-page';
import { expected } from './oracle';
import { makePng } from '../unit/fixtures/images';

/** A real (1×1) PNG (it must decode: the options page re-encodes every logo), and one just over the 300 KB limit. */
const PNG_1PX = makePng(1, 1);
const PNG_TOO_BIG = Buffer.concat([PNG_1PX, Buffer.alloc(301 * 1024)]);

test.beforeEach(async ({ ext }) => {
  await clearSettings(ext);
});

test.describe('accessibility (axe: no serious or critical violation)', () => {
  // The panel's and the popup's own pages are checked: the kept console tab (`keptConsole`) serves.
  test('the panel, ready on the demo school', async ({ keptConsole }) => {
    const panel = await (await keptConsole('adml', MASSMAIL)).panel();
    expect(await seriousViolations(panel.page)).toEqual([]);
  });

  test('the toolbar popup, on the console tab and elsewhere', async ({ ext, keptConsole }) => {
    const { tabId } = await keptConsole('adml', MASSMAIL);
    const onConsole = await PopupPage.open(ext, tabId);
    await expect(onConsole.openButton).toBeVisible();
    expect(await seriousViolations(onConsole.page)).toEqual([]);

    const other = await ext.context.newPage();
    await other.goto('about:blank');
    const otherId = await newestTabId(ext);
    const elsewhere = await PopupPage.open(ext, otherId);
    await expect(elsewhere.enableButton).toBeVisible();
    expect(await seriousViolations(elsewhere.page)).toEqual([]);
  });

  test('the options page, with a logo and an error shown', async ({ ext }) => {
    const o = await OptionsPage.open(ext);
    expect(await seriousViolations(o.page)).toEqual([]);
    await o.logoInput.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG_1PX });
    await expect(o.logoPreview).toBeVisible();
    await o.entUrl.fill('http://pas-https.example');
    await o.saveButton.click();
    await expect(o.alert).toBeVisible();
    expect(await seriousViolations(o.page)).toEqual([]);
  });
});

test('keyboard: the panel’s main controls are reached with Tab, and Enter on « Générer en PDF » starts the PDF', async ({ keptConsole }) => {
  const panel = await (await keptConsole('adml', MASSMAIL)).panel();
  const page = panel.page;
  await page.locator('body').focus();

  const describe = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return '';
      const label = el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? '';
      return `${el.tagName.toLowerCase()}${(el as HTMLInputElement).type ? ':' + (el as HTMLInputElement).type : ''} ${label.trim().replace(/\s+/g, ' ')}`;
    });
  const reached: string[] = [];
  // The verification list, between the filters and the publishing section, is a single Tab stop.
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    const d = await describe();
    reached.push(d);
    if (/^button.* Générer en PDF$/.test(d)) break;
  }
  const seen = reached.join('\n');
  expect(seen, seen).toMatch(/^input:checkbox .*Élève/m); // a profile
  expect(seen, seen).toMatch(/^input:checkbox .*CE1 A/m); // a class
  expect(seen, seen).toMatch(/^select:\S+ Activation/m);
  expect(seen, seen).toMatch(/^input:(search|text) Recherche.*nom/m);
  expect(seen, seen).toMatch(/^select:\S+ Par/m); // sort
  expect(seen, seen).toMatch(/^select:\S+ Modèle/m);
  expect(seen, seen).toMatch(/^button.* Générer en PDF$/m);

  const download = page.waitForEvent('download', { timeout: 60_000 }).then((d) => d.suggestedFilename());
  const progressOrDone = page.getByRole('status').filter({ hasText: /Création du PDF|PDF prêt/ }).first();
  await page.keyboard.press('Enter');
  await expect(progressOrDone).toBeVisible({ timeout: 60_000 });
  expect(await download).toMatch(/\.pdf$/);
});

test.describe('settings', () => {
  test('saved in the options page, they are kept after a reload', async ({ ext }) => {
    const o = await OptionsPage.open(ext);
    await o.entUrl.fill('https://ent.mon-ecole.fr/');
    await o.schoolName.fill('École Jules Ferry');
    await o.customText.fill('Réunion de rentrée le 12 septembre à 18 h.');
    await o.logoInput.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG_1PX });
    await expect(o.logoPreview).toBeVisible();
    await o.defaultModel.selectOption({ label: '8 par page' });
    await o.qr('identifiant seulement').check();
    await o.bundles('toujours').check();
    await o.sheetLang.selectOption('en');
    await o.saveButton.click();
    await expect(o.status).toHaveText('Réglages enregistrés.');

    await o.page.reload();
    await expect(o.entUrl).toHaveValue('https://ent.mon-ecole.fr');
    await expect(o.schoolName).toHaveValue('École Jules Ferry');
    await expect(o.customText).toHaveValue('Réunion de rentrée le 12 septembre à 18 h.');
    await expect(o.logoPreview).toBeVisible();
    await expect(o.defaultModel).toHaveValue('simplePdf');
    await expect(o.qr('identifiant seulement')).toBeChecked();
    await expect(o.bundles('toujours')).toBeChecked();
    await expect(o.sheetLang).toHaveValue('en');
    const stored = await storedSettings(ext);
    expect(stored).toMatchObject({ entUrl: 'https://ent.mon-ecole.fr', defaultModel: 'simplePdf', qrMode: 'login', bundles: 'on', sheetLang: 'en', uiLang: 'auto' });
    expect((stored!.logo as { format: string }).format).toBe('PNG');

    // The logo can be removed, with the keyboard focus back on the file input.
    await o.page.getByRole('button', { name: 'Retirer le logo' }).click();
    await expect(o.logoPreview).toHaveCount(0);
    await expect(o.logoInput).toBeFocused();
  });

  test('the interface language setting switches the options page to English', async ({ ext }) => {
    const o = await OptionsPage.open(ext);
    await o.uiLang.selectOption('en');
    await o.saveButton.click();
    await expect(o.status).toHaveText('Settings saved.');
    await expect(o.page.getByRole('heading', { level: 1 })).toHaveText('Publipostage ONE — Settings');
    await expect(o.page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(o.page.getByText('default: the console’s address')).toBeVisible();
  });

  test('export then import round-trips', async ({ ext }) => {
    const o = await OptionsPage.open(ext);
    await o.schoolName.fill('École du Centre');
    await o.qr('aucun').check();
    await o.saveButton.click();
    await expect(o.status).toHaveText('Réglages enregistrés.');

    const [download] = await Promise.all([o.page.waitForEvent('download'), o.exportButton.click()]);
    expect(download.suggestedFilename()).toBe('publipostage-one-reglages.json');
    const text = readFileSync((await download.path())!, 'utf8');
    const file = JSON.parse(text);
    expect(file).toMatchObject({ format: 'publipostage-one-settings', version: 1, settings: { schoolName: 'École du Centre', qrMode: 'none' } });

    // Change everything back, then import the file.
    await clearSettings(ext);
    await o.page.reload();
    await expect(o.schoolName).toHaveValue('');
    await o.importInput.setInputFiles({ name: 'publipostage-one-reglages.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await expect(o.status).toHaveText('Réglages importés et enregistrés.');
    await expect(o.schoolName).toHaveValue('École du Centre');
    await expect(o.qr('aucun')).toBeChecked();
    expect(await storedSettings(ext)).toEqual(file.settings);
  });

  test('importing a bad file, or saving a bad value, shows the French error and keeps the settings', async ({ ext }) => {
    const o = await OptionsPage.open(ext);
    await o.schoolName.fill('École gardée');
    await o.saveButton.click();
    await expect(o.status).toHaveText('Réglages enregistrés.');

    await o.importInput.setInputFiles({ name: 'photo.json', mimeType: 'application/json', buffer: Buffer.from('{"nom":"pas des réglages"}') });
    await expect(o.alert).toHaveText('Import impossible : Ce fichier n’est pas un export de réglages de Publipostage ONE (« Exporter les réglages »).');
    await o.importInput.setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('pas du json') });
    await expect(o.alert).toContainText('n’est pas du JSON valide');
    const badUrl = JSON.stringify({ format: 'publipostage-one-settings', version: 1, settings: { entUrl: 'http://ent.exemple.fr' } });
    await o.importInput.setInputFiles({ name: 'y.json', mimeType: 'application/json', buffer: Buffer.from(badUrl) });
    await expect(o.alert).toHaveText('Import impossible : Réglage « Adresse de l’ENT » : l’adresse doit commencer par https://.');
    expect((await storedSettings(ext))?.schoolName).toBe('École gardée');

    await o.logoInput.setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: PNG_TOO_BIG });
    await expect(o.alert).toContainText('Logo refusé : Réglage « Logo » : image trop lourde');
    await expect(o.logoPreview).toHaveCount(0);

    await o.entUrl.fill('ent.sans-protocole.fr');
    await o.saveButton.click();
    await expect(o.alert).toContainText('Enregistrement impossible : Réglage « Adresse de l’ENT »');
    expect((await storedSettings(ext))?.entUrl).toBe('');
  });
});

test.describe('toolbar popup', () => {
  // Its own console tab: the popup's first state, before any panel read its accounts.
  test('on the console tab it shows the accounts read once the panel has loaded them, and the quick search reaches the panel already open, in meeting mode', async ({ ext, api, consolePage }) => {
    await loginAs(consolePage, api, 'adml', MASSMAIL);
    const tabId = await liveTabIdFor(ext, MASSMAIL);
    const oracle = await api.users(DEMO);

    const before = await PopupPage.open(ext, tabId);
    await expect(before.count).toHaveText('Comptes pas encore lus : ouvrez le publipostage.');

    const panel = await PanelPage.open(ext, tabId);
    await panel.waitReady();
    // The open popup follows; a popup opened now shows it straight away.
    await expect(before.count).toHaveText(`${oracle.length} comptes lus`);
    const popup = await PopupPage.open(ext, tabId);
    await expect(popup.count).toHaveText(`${oracle.length} comptes lus`);
    await expect(popup.page.getByText('Structure : École élémentaire Jules Ferry')).toBeVisible();
    await expect(popup.openButton).toBeVisible();
    await expect(popup.settingsLink).toBeVisible();

    await popup.quickSearch.fill('Dupont');
    const panelTabs = () => ext.context.pages().filter((p) => p.url().includes('/panel.html')).length;
    const tabsBefore = panelTabs();
    await popup.quickSearch.press('Enter');
    // The panel already open takes the search: no new panel tab at each search (a parents' meeting
    // makes dozens). The name typed is in no URL, so not in the browser's history (issue 13).
    const opened = panel.page;
    // It opens meeting mode, where the list and its counters are hidden: wait on the search itself.
    await expect(opened.getByRole('searchbox', { name: 'Rechercher un élève ou un parent' })).toHaveValue('Dupont', { timeout: 90_000 });
    expect(panelTabs()).toBe(tabsBefore);
    expect(ext.context.pages().some((p) => p.url().includes('Dupont'))).toBe(false);
    const dupont = expected(oracle, { search: 'Dupont' });
    expect(dupont.length).toBeGreaterThan(0);
    await expect(opened.getByRole('listitem', { name: /^Famille / }).first()).toContainText(`${dupont[0]!.firstName} ${dupont[0]!.lastName}`);
    // Handed over through storage.session and taken at once: nothing of it left in any storage.
    const stored = await ext.sw.evaluate(async () => JSON.stringify([await chrome.storage.session.get(null), await chrome.storage.local.get(null)]));
    expect(stored).not.toContain('Dupont');
  });

  test('elsewhere it says what it is for and offers « Activer sur ce site » for a typed address', async ({ ext }) => {
    const other = await ext.context.newPage();
    await other.goto('about:blank');
    const popup = await PopupPage.open(ext, await newestTabId(ext));
    await expect(popup.page.getByText(/Imprime les fiches de connexion/)).toBeVisible();
    await expect(popup.page.getByText(/Elle fonctionne sur ONE et sur les ENT du même type/)).toBeVisible();
    await expect(popup.openButton).toHaveCount(0);

    await popup.siteAddress.fill('http://ent.exemple.fr');
    await popup.enableButton.click();
    await expect(popup.alert).toHaveText('Adresse invalide : l’adresse doit commencer par https://');
    await popup.siteAddress.fill('oneconnect.edifice.io');
    await popup.enableButton.click();
    await expect(popup.page.getByRole('status').filter({ hasText: /\S/ })).toHaveText(/oneconnect\.edifice\.io est déjà reconnu/);
  });

  test('« Réglages » opens the options page', async ({ ext }) => {
    const other = await ext.context.newPage();
    await other.goto('about:blank');
    const popup = await PopupPage.open(ext, await newestTabId(ext));
    const [opened] = await Promise.all([ext.context.waitForEvent('page'), popup.settingsLink.click()]);
    await expect(opened).toHaveURL(`chrome-extension://${ext.id}/options.html`);
  });
});
