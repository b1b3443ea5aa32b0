// Screenshots of the panel and popup for a visual check: node test/screens.mjs [outdir]
import { mkdirSync } from 'node:fs';
import { startFakeConsole, DEMO_STRUCTURE_ID } from './fake-console/server.mjs';
import { HOST, launchExtension, waitConsoleTabId } from './extension-browser.mjs';

const outDir = process.argv[2] ?? 'out/screens';
mkdirSync(outDir, { recursive: true });
const fake = await startFakeConsole({ port: 0 });
const origin = `https://${HOST}:${fake.port}`;
const { context, sw, id } = await launchExtension();
try {
  const page = await context.newPage();
  const massmail = `/admin/${DEMO_STRUCTURE_ID}/imports-exports/massmail`;
  await page.goto(`${origin}/__test/login?as=adml&redirect=${encodeURIComponent(massmail)}`);
  await page.waitForSelector('table tbody tr');
  await page.screenshot({ path: `${outDir}/console.png` });
  const tabId = await waitConsoleTabId(sw, massmail);
  const panel = await context.newPage();
  await panel.setViewportSize({ width: 420, height: 1400 });
  await panel.goto(`chrome-extension://${id}/panel.html?tab=${tabId}`);
  await panel.locator('.count-selected').waitFor();
  await panel.screenshot({ path: `${outDir}/panel-narrow.png`, fullPage: true });
  await panel.setViewportSize({ width: 1280, height: 1000 });
  await panel.screenshot({ path: `${outDir}/panel-wide.png`, fullPage: true });
  await panel.getByText('Mode réunion').click();
  await panel.getByLabel('Rechercher un élève ou un parent').fill('coeurd');
  await panel.screenshot({ path: `${outDir}/panel-meeting.png` });
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 360, height: 500 });
  await popup.goto(`chrome-extension://${id}/popup.html?tab=${tabId}`);
  await popup.waitForTimeout(500);
  await popup.screenshot({ path: `${outDir}/popup.png` });
  const options = await context.newPage();
  await options.goto(`chrome-extension://${id}/options.html`);
  await options.waitForTimeout(500);
  await options.screenshot({ path: `${outDir}/options.png`, fullPage: true });
} finally {
  await context.close();
  await fake.close();
}
