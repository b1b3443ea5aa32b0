/**
 * « Aperçu avant impression » (issue 20, item 3) and the follow-up's model (item 8): the preview's
 * page count against pdfinfo's for 1, 2 and 8 per page, its update after a filter change, the fit
 * warning and its fix, the first card at actual size at 360 px; the follow-up's print shows the
 * model it uses and uses the one chosen (file name, page size and cards per page read back).
 */
import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { test, expect, loginAs, tabIdFor, type ConsoleApi, type Ext } from './fixtures';
import { PanelPage } from './pages/panel-page';
import { FollowUpView } from './pages/follow-up-view';
import { cardTexts, pdfPages, saveDownload } from './pdf-tools';

const DEMO = 'a1b2c3d4-0000-4000-8000-000000000001';
const MASSMAIL = `/admin/${DEMO}/imports-exports/massmail`;

async function panelFor(ext: Ext, api: ConsoleApi, page: Page, viewport?: { width: number; height: number }): Promise<PanelPage> {
  await loginAs(page, api, 'adml', MASSMAIL);
  const panel = await PanelPage.open(ext, await tabIdFor(ext, MASSMAIL), viewport);
  await panel.waitReady();
  return panel;
}

const preview = (panel: PanelPage) => panel.page.locator('section.print-preview');

/**
 * The preview's count once it is up to date for `model` (and for `accounts` when given):
 * « N pages A4 pour M comptes, <model> », read when the section is no longer busy.
 */
async function previewCount(panel: PanelPage, model: string, accounts?: number): Promise<{ pages: number; accounts: number }> {
  const section = preview(panel);
  // The preview is made while it is on screen, as a director reads it.
  await section.scrollIntoViewIfNeeded();
  let got: { pages: number; accounts: number } | null = null;
  await expect
    .poll(
      async () => {
        if ((await section.getAttribute('aria-busy')) !== 'false') return 'busy';
        const text = ((await section.locator('.pv-pages').textContent()) ?? '').replace(/\s+/g, ' ');
        const m = /(\d+) pages? A4 pour (\d+) comptes?, (.+)$/.exec(text);
        if (!m) return `unreadable: ${text}`;
        got = { pages: Number(m[1]), accounts: Number(m[2]) };
        return m[3] === model && (accounts === undefined || got.accounts === accounts) ? 'ready' : text;
      },
      { timeout: 90_000 },
    )
    .toBe('ready');
  return got!;
}

async function generate(panel: PanelPage, scope = panel.page.locator('section.publish'), name = 'Générer en PDF'): Promise<string> {
  const [download] = await Promise.all([panel.page.waitForEvent('download', { timeout: 90_000 }), scope.getByRole('button', { name, exact: true }).click()]);
  return saveDownload(download);
}

async function setSettings(ext: Ext, settings: Record<string, unknown>): Promise<void> {
  await ext.sw.evaluate((s) => chrome.storage.local.set({ settings: s }), settings);
}

test('the preview’s page count is the PDF’s (pdfinfo) at 1, 2 and 8 per page, covers, families and labels included', async ({ ext, api, consolePage }) => {
  test.setTimeout(360_000); // several PDFs made and read back, on a shared loaded machine
  const panel = await panelFor(ext, api, consolePage);
  await panel.classBox('CE1 A').check();
  await panel.classBox('CE2-CM1').check();
  await panel.select('Par').selectOption({ label: 'Classe' }); // class bundles: one cover per class
  const selected = await panel.selectedCount();
  for (const [label, perPage] of [['1 par page', 1], ['2 par page', 2], ['8 par page', 8]] as const) {
    await panel.select('Modèle de publipostage PDF').selectOption({ label });
    const shown = await previewCount(panel, label, selected);
    const file = await generate(panel);
    expect(pdfPages(file), `${label}: preview said ${shown.pages}`).toBe(shown.pages);
    // not a count that cannot differ: the sheets alone need at least selected / perPage pages
    expect(shown.pages).toBeGreaterThanOrEqual(Math.ceil(selected / perPage));
  }
  // Households with envelope labels at 8 per page: family cards, packs kept whole, a label sheet.
  await panel.page.getByRole('checkbox', { name: /Regrouper par famille/ }).check();
  await panel.page.getByRole('checkbox', { name: /étiquettes d’enveloppes/ }).check();
  const shown = await previewCount(panel, '8 par page');
  const file = await generate(panel);
  expect(pdfPages(file)).toBe(shown.pages);
});

test('the preview follows the selection: a filter change updates the count and the card (first selected account, code masked)', async ({ ext, api, consolePage }) => {
  const users = await api.users(DEMO);
  const panel = await panelFor(ext, api, consolePage);
  await panel.select('Modèle de publipostage PDF').selectOption({ label: '1 par page' });
  await panel.classBox('CP A').check();
  const before = await previewCount(panel, '1 par page', await panel.selectedCount());
  const firstRow = (await panel.allRows())[0]!;
  const first = users.find((u) => u.id === firstRow.id)!;
  const card = preview(panel).locator('.pv-card');
  await expect(card.locator('figcaption')).toContainText(`${first.firstName} ${first.lastName}`);
  const svgText = (await card.locator('svg').textContent())!;
  expect(svgText).toContain(first.lastName);
  if (first.activationCode) {
    await expect(card.locator('figcaption')).toContainText('code d’activation masqué');
    expect(svgText).not.toContain(first.activationCode);
    expect(svgText).toContain('•'.repeat(first.activationCode.length));
  }

  await panel.classBox('CE2-CM1').check();
  const after = await previewCount(panel, '1 par page', await panel.selectedCount());
  expect(after.accounts).toBeGreaterThan(before.accounts);
  expect(after.pages).toBeGreaterThan(before.pages);
  const file = await generate(panel);
  expect(pdfPages(file)).toBe(after.pages);

  // The family letter is a page per family, and the preview says so in its words, not « fiche ».
  await panel.select('Modèle de publipostage PDF').selectOption({ label: 'Lettre aux familles (1 par famille)' });
  await expect(card.locator('figcaption')).toContainText('La première page d’une lettre');
  await expect(preview(panel)).not.toContainText('fiche');
});

test('a 300-character paragraph at 8 per page: the preview says it will not fit and offers 2 per page, where it fits', async ({ ext, api, consolePage }) => {
  test.setTimeout(360_000); // several PDFs made and read back, on a shared loaded machine
  const paragraph = ('Réunion d’information pour les familles le jeudi 4 septembre à 18 h dans la salle polyvalente ; ' +
    'apportez cette fiche et une pièce d’identité. Les enseignants présenteront le fonctionnement de l’ENT et la messagerie. ' +
    'Un atelier d’aide à la connexion suivra pour les parents qui le souhaitent, avec café.').slice(0, 300);
  expect(paragraph.length).toBe(300);
  await setSettings(ext, { customText: paragraph });
  const panel = await panelFor(ext, api, consolePage);
  await panel.classBox('CP A').check();
  await panel.select('Modèle de publipostage PDF').selectOption({ label: '8 par page' });
  const n = (await previewCount(panel, '8 par page')).accounts;
  const warning = preview(panel).locator('.pv-fit', { hasText: 'paragraphe personnalisé' });
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('(300 caractères)');
  await expect(warning).toContainText('Choisissez 2 par page');
  const said = Number(/ne tient pas sur (\d+) fiches?/.exec((await warning.textContent())!.replace(/\s+/g, ' '))![1]);
  expect(said).toBeGreaterThan(0);
  // The warning tells the truth: the 8-per-page PDF lacks the paragraph on exactly that many cards.
  const eight = cardTexts(await generate(panel), 2, 4).map((c) => c.replace(/\s+/g, ' '));
  expect(eight.length).toBe(n);
  expect(eight.filter((c) => !c.includes('apportez cette fiche')).length).toBe(said);
  const fix = preview(panel).getByRole('button', { name: 'Choisir 2 par page', exact: true });
  await expect(fix).toBeVisible();
  await expect(preview(panel).getByRole('button', { name: 'Raccourcir le paragraphe (Réglages)', exact: true })).toBeVisible();

  await fix.click();
  await expect(panel.select('Modèle de publipostage PDF')).toHaveValue('newPdf');
  await previewCount(panel, '2 par page');
  await expect(preview(panel).locator('.pv-fit')).toHaveCount(0);
  await expect(fix).toHaveCount(0);
  // The warning told the truth: at 2 per page the paragraph is printed whole on every sheet.
  const file = await generate(panel);
  const cards = cardTexts(file, 2, 1).map((c) => c.replace(/\s+/g, ' '));
  expect(cards.length).toBe(n);
  for (const c of cards) expect(c).toContain('apportez cette fiche et une pièce d’identité.');
});

test('at 360 px the preview fits the panel: count, warnings and the card at actual size (screenshot)', async ({ ext, api, consolePage }) => {
  await setSettings(ext, { schoolName: 'École élémentaire Jules Ferry' });
  const panel = await panelFor(ext, api, consolePage, { width: 360, height: 800 });
  await panel.openGroup('Classes');
  await panel.classBox('CE1 A').check();
  await panel.select('Modèle de publipostage PDF').selectOption({ label: '8 par page' });
  await previewCount(panel, '8 par page');
  const section = preview(panel);
  await section.scrollIntoViewIfNeeded();
  await expect(section.locator('.pv-activated').first()).toBeVisible();
  // the page itself never scrolls sideways; the card keeps its printed width (95 mm ≈ 359 px) in its frame
  expect(await panel.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const box = await section.locator('.pv-card svg').boundingBox();
  expect(Math.round(box!.width)).toBe(Math.round((95 * 96) / 25.4));
  await section.screenshot({ path: 'out/preview-360.png' });
  // Wider than the panel: it says so, and « Ajuster à la largeur » shows the whole card.
  await expect(section.locator('.pv-scroll')).toBeVisible();
  await section.getByRole('button', { name: 'Ajuster à la largeur', exact: true }).click();
  const frame = await section.locator('.pv-frame').boundingBox();
  const fitted = await section.locator('.pv-card svg').boundingBox();
  expect(fitted!.width).toBeLessThanOrEqual(frame!.width);
  await expect(section.getByRole('button', { name: 'Taille réelle', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await section.screenshot({ path: 'out/preview-360-fitted.png' });
});

test('at 360 px the print button stays where it is when the preview’s card arrives (no misclick)', async ({ ext, api, consolePage }) => {
  const panel = await panelFor(ext, api, consolePage, { width: 360, height: 800 });
  await panel.select('Modèle de publipostage PDF').selectOption({ label: '8 par page' });
  const section = preview(panel);
  // Far below the list: the preview is only made once it comes into view, so no card yet.
  await expect(section.locator('.pv-card')).toHaveCount(0);
  const print = panel.page.locator('section.publish').getByRole('button', { name: 'Générer en PDF', exact: true });
  // In the page: the button's place in the document at every frame from its scroll into view until
  // the card is drawn (a move between two of Playwright's reads would go unseen).
  const seen = await print.evaluate((button) => new Promise<{ ys: number[]; cardAtStart: boolean }>((resolve, reject) => {
    const y = () => Math.round(button.getBoundingClientRect().top + window.scrollY);
    const card = () => !!document.querySelector('section.print-preview .pv-card svg');
    button.scrollIntoView({ block: 'end' });
    const ys = [y()];
    const cardAtStart = card();
    const t0 = performance.now();
    const tick = () => {
      ys.push(y());
      if (card()) return requestAnimationFrame(() => (ys.push(y()), resolve({ ys, cardAtStart })));
      if (performance.now() - t0 > 90_000) return reject(new Error('no preview card within 90 s'));
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }));
  expect(seen.cardAtStart).toBe(false);
  await expect(section.locator('.pv-card svg')).toBeVisible();
  expect(new Set(seen.ys), `the button's place in the document, frame after frame: ${seen.ys.join(', ')}`).toEqual(new Set([seen.ys[0]]));
  // and the director sees both: the button at the bottom of the panel, the card below it once scrolled
  await section.scrollIntoViewIfNeeded();
  await panel.page.locator('section.publish').screenshot({ path: 'out/publish-360.png' });
});

test('the follow-up’s print shows its model and uses the one chosen', async ({ ext, api, consolePage }) => {
  test.setTimeout(360_000); // several PDFs made and read back, on a shared loaded machine
  const panel = await panelFor(ext, api, consolePage);
  const fu = new FollowUpView(panel);
  await fu.open();
  const model = fu.root.getByRole('combobox', { name: 'Modèle des fiches', exact: true });
  // It starts with the publishing section's model, and says so.
  await expect(model).toHaveValue('pdf');
  await fu.row('c:CE1 A').getByRole('checkbox').check();
  const button = fu.root.getByRole('button', { name: /^Imprimer les fiches \(\d+\)$/ });
  const n = Number(/\((\d+)\)/.exec((await button.textContent())!)![1]);
  expect(n).toBeGreaterThan(1);

  await model.selectOption({ label: '8 par page' });
  const eight = await generate(panel, fu.root, (await button.textContent())!);
  expect(eight).toMatch(/-8-par-page-/);
  expect(cardTexts(eight, 2, 4).length).toBe(n);
  expect(execFileSync('pdfinfo', [eight], { encoding: 'utf8' })).toMatch(/Page size:\s+595\.\d+ x 841\.\d+/);
  expect(pdfPages(eight)).toBeLessThan(n); // 8 cards a page, not one sheet a page
  // The publishing section's model was left alone.
  await expect(panel.select('Modèle de publipostage PDF')).toHaveValue('pdf');

  await model.selectOption({ label: '2 par page' });
  const two = await generate(panel, fu.root, (await button.textContent())!);
  expect(two).toMatch(/-2-par-page-/);
  expect(execFileSync('pdfinfo', [two], { encoding: 'utf8' })).toMatch(/Page size:\s+841\.\d+ x 595\.\d+/);
  expect(cardTexts(two, 2, 1).length).toBe(n);
});
