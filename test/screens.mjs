// Screenshots for the README and a visual check, at Chrome's side-panel width (360 px) and full
// width: node test/screens.mjs [outdir] (default docs/screens, the images the README shows).
// It also renders one page of the demo school's sheets per model into docs/ (fiches-*.png, shown in
// the README's « The sheets »), at 100 dpi: what a director sees when printing them.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeConsole, DEMO_STRUCTURE_ID } from './fake-console/server.mjs';
import { HOST, launchExtension, waitConsoleTabId } from './extension-browser.mjs';

const outDir = process.argv[2] ?? 'docs/screens';
mkdirSync(outDir, { recursive: true });
const fake = await startFakeConsole({ port: 0 });
const origin = `https://${HOST}:${fake.port}`;
const { context, sw, id } = await launchExtension();
try {
  // entcore's real console page (test/real-console), as wide as a desktop screen.
  const page = await context.newPage();
  await page.setViewportSize({ width: 1600, height: 900 });
  const massmail = `/admin/${DEMO_STRUCTURE_ID}/imports-exports/massmail`;
  await page.goto(`${origin}/__test/login?as=adml&redirect=${encodeURIComponent(massmail)}`);
  // The real page boots in seconds on a loaded machine: wait on its rows and our button, not on time.
  await page.waitForSelector('ode-mass-mail table tbody tr', { timeout: 180_000 });
  await page.locator('.publipostage-one-door').waitFor({ timeout: 60_000 });
  // The door: « Publipostage avancé », a third button of the console's row.
  await page.screenshot({ path: `${outDir}/console-door.png` });
  const tabId = await waitConsoleTabId(sw, massmail);

  // A 1280 px window with Chrome's side panel open (360 px): the console keeps 920 px. Headless
  // Chromium draws no browser frame, so the two are shot at those sizes and set side by side.
  await page.setViewportSize({ width: 1280 - 360, height: 800 });
  await page.locator('.publipostage-one-door').waitFor();
  const consoleShot = await page.screenshot();
  const side = await context.newPage();
  await side.setViewportSize({ width: 360, height: 800 });
  await side.goto(`chrome-extension://${id}/panel.html?tab=${tabId}`);
  await side.locator('.count-selected').waitFor({ timeout: 90_000 });
  const panelShot = await side.screenshot();
  await side.close();
  const board = await context.newPage();
  await board.setViewportSize({ width: 1280, height: 800 });
  const img = (b) => `<img src="data:image/png;base64,${b.toString('base64')}">`;
  await board.setContent(`<body style="margin:0;display:flex;background:#fff">${img(consoleShot)}<div style="width:0;border-left:1px solid #c8c8c8;margin-left:-1px"></div>${img(panelShot)}</body>`);
  await board.screenshot({ path: `${outDir}/console-door-1280-side-panel.png` });
  await board.close();
  // SCREENS=console node test/screens.mjs: the two console shots only.
  rest: {
  if (process.env.SCREENS === 'console') break rest;

  // What the director sees in Chrome's side panel (360 × 800), after choosing a class.
  const panel = await context.newPage();
  await panel.setViewportSize({ width: 360, height: 800 });
  await panel.goto(`chrome-extension://${id}/panel.html?tab=${tabId}`);
  await panel.locator('.count-selected').waitFor();
  await panel.screenshot({ path: `${outDir}/panel-360.png` });
  const classes = panel.locator('details.group > summary', { hasText: 'Classes' });
  await classes.click();
  await panel.getByRole('checkbox', { name: 'CE1 A', exact: true }).check();
  await classes.click();
  await panel.screenshot({ path: `${outDir}/panel-360-class.png` });
  // The preview is computed once it comes near the screen: scroll to the publishing section, then
  // wait for its first card, as the director sees it.
  await panel.locator('section.publish').evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await panel.locator('section.print-preview .pv-card').waitFor({ timeout: 60_000 });
  await panel.screenshot({ path: `${outDir}/panel-360-publish.png` });
  await panel.evaluate(() => scrollTo(0, 0));
  await panel.getByText('Mode réunion').click();
  await panel.getByLabel('Rechercher un élève ou un parent').fill('coeurd');
  await panel.screenshot({ path: `${outDir}/panel-360-meeting.png` });

  // Full width: the panel opened as a tab (Firefox's sidebar widened, or a big screen).
  const wide = await context.newPage();
  await wide.setViewportSize({ width: 1280, height: 900 });
  await wide.goto(`chrome-extension://${id}/panel.html?tab=${tabId}`);
  await wide.locator('.count-selected').waitFor();
  await wide.screenshot({ path: `${outDir}/panel-wide.png` });

  // One page per model of the demo school's sheets, sorted by class (class bundles on).
  mkdirSync('docs', { recursive: true });
  await wide.getByRole('combobox', { name: 'Par', exact: true }).selectOption('class');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'pp1-screens-'));
  for (const [model, slug, page] of [['simplePdf', '8-par-page', 1], ['newPdf', '2-par-page', 2], ['pdf', '1-par-page', 2]]) {
    await wide.getByRole('combobox', { name: 'Modèle de publipostage PDF' }).selectOption(model);
    const [download] = await Promise.all([
      wide.waitForEvent('download', { timeout: 120_000 }),
      wide.getByRole('button', { name: 'Générer en PDF', exact: true }).click(),
    ]);
    const file = path.join(tmp, download.suggestedFilename());
    await download.saveAs(file);
    execFileSync('pdftoppm', ['-r', '100', '-f', String(page), '-l', String(page), '-singlefile', '-png', file, path.join(tmp, slug)]);
    renameSync(path.join(tmp, `${slug}.png`), path.join('docs', `fiches-${slug}.png`));
    await wide.waitForTimeout(300);
  }

  const popup = await context.newPage();
  await popup.setViewportSize({ width: 360, height: 500 });
  await popup.goto(`chrome-extension://${id}/popup.html?tab=${tabId}`);
  await popup.waitForTimeout(500);
  await popup.screenshot({ path: `${outDir}/popup.png` });
  const options = await context.newPage();
  await options.goto(`chrome-extension://${id}/options.html`);
  await options.waitForTimeout(500);
  await options.screenshot({ path: `${outDir}/options.png`, fullPage: true });
  }

  // The teacher's page (entcore's own « Paramétrage de la classe »): the door beside « Créer les fiches de connexion ».
  const teacher = await context.newPage();
  await teacher.goto(`${origin}/__test/login?as=teacher&redirect=${encodeURIComponent('/directory/class-admin')}`);
  await teacher.locator('tr.class-admin__list').first().waitFor({ timeout: 30_000 });
  await teacher.locator('.publipostage-one-door').waitFor();
  const top = (await teacher.locator('h1').first().boundingBox()).y - 12;
  const buttons = await teacher.locator('section.class-admin__options').boundingBox();
  await teacher.screenshot({ path: `${outDir}/class-door.png`, clip: { x: 0, y: top, width: 1280, height: buttons.y + buttons.height + 60 - top } });
} finally {
  await context.close();
  await fake.close();
}
