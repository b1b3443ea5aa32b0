// The main job on the embedded demo school: fake console + built extension in Chromium, the panel
// reads the accounts, generates the login sheets PDF and saves it under out/.
// Usage: npm run demo [-- --model=pdf|newPdf|simplePdf] [--headed]
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { startFakeConsole, DEMO_STRUCTURE_ID } from './fake-console/server.mjs';
import { HOST, launchExtension, waitConsoleTabId } from './extension-browser.mjs';

const arg = (name, dflt) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt;
const model = arg('model', 'simplePdf');

const t0 = Date.now();
const fake = await startFakeConsole({ port: 0 });
const origin = `https://${HOST}:${fake.port}`;
console.log(`fake console: ${origin} (loopback)`);
const { context, sw, id: extId } = await launchExtension({ headless: !process.argv.includes('--headed') });
try {
  const consolePage = await context.newPage();
  const massmail = `/admin/${DEMO_STRUCTURE_ID}/imports-exports/massmail`;
  await consolePage.goto(`${origin}/__test/login?as=adml&redirect=${encodeURIComponent(massmail)}`);
  // entcore's real admin page (test/real-console): seconds to boot on a loaded machine.
  await consolePage.waitForSelector('ode-mass-mail table tbody tr', { timeout: 180_000 });
  const shown = await consolePage.locator('ode-mass-mail div.message.is-info div.message-body').textContent();
  console.log(`the console (entcore's own page) shows: ${shown.replace(/\s+/g, ' ').trim()}`);

  // The panel, opened as a tab bound to the console tab (what the side panel shows beside it).
  const tabId = await waitConsoleTabId(sw, massmail);
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extId}/panel.html?tab=${tabId}`);
  const counter = panel.locator('.count-selected');
  await counter.waitFor({ timeout: 120_000 });
  const read = Number((await counter.textContent()).match(/\d+/)[0]);
  console.log(`accounts read from the console: ${read}`);

  await panel.getByRole('combobox', { name: 'Par', exact: true }).selectOption('class');
  await panel.getByRole('combobox', { name: 'Modèle de publipostage PDF' }).selectOption(model);
  const started = Date.now();
  const [download] = await Promise.all([
    panel.waitForEvent('download', { timeout: 120_000 }),
    panel.getByRole('button', { name: 'Générer en PDF', exact: true }).click(),
  ]);
  mkdirSync('out', { recursive: true });
  const file = path.join('out', download.suggestedFilename());
  await download.saveAs(file);
  const ms = Date.now() - started;
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  const kb = Math.round(statSync(file).size / 1024);
  console.log(`PDF: ${file} — ${read} accounts, ${pages} pages, ${kb} KB, generated in ${ms} ms (model ${model}, sorted by class, total ${Date.now() - t0} ms)`);
} finally {
  await context.close();
  await fake.close();
}
