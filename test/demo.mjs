// The main job on the embedded demo school: fake console + built extension in Chromium, the panel
// reads the accounts, generates the login sheets PDF and saves it under out/.
// Usage: npm run demo [-- --model=pdf|newPdf|simplePdf] [--headed]
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeConsole, DEMO_STRUCTURE_ID } from './fake-console/server.mjs';

const arg = (name, dflt) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt;
const model = arg('model', 'simplePdf');
const HOST = 'oneconnect.edifice.io';
const EXT = path.resolve('dist/chrome');
const exe = process.env.CHROMIUM_PATH ?? (statSafe('/usr/lib/chromium/chromium') ? '/usr/lib/chromium/chromium' : '/usr/bin/chromium');

function statSafe(p) {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}

const t0 = Date.now();
const fake = await startFakeConsole({ port: 0 });
const origin = `https://${HOST}:${fake.port}`;
console.log(`fake console: ${origin} (loopback)`);
const context = await chromium.launchPersistentContext(mkdtempSync(path.join(os.tmpdir(), 'pp1-demo-')), {
  headless: !process.argv.includes('--headed'),
  executablePath: exe,
  ignoreHTTPSErrors: true,
  acceptDownloads: true,
  locale: 'fr-FR',
  viewport: { width: 1280, height: 900 },
  args: [
    `--disable-extensions-except=${EXT}`,
    `--load-extension=${EXT}`,
    `--host-resolver-rules=MAP ${HOST} 127.0.0.1`,
    '--ignore-certificate-errors',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--lang=fr-FR',
  ],
});
try {
  let [sw] = context.serviceWorkers();
  if (!sw) sw = await context.waitForEvent('serviceworker');
  const extId = new URL(sw.url()).host;

  const consolePage = await context.newPage();
  const massmail = `/admin/${DEMO_STRUCTURE_ID}/imports-exports/massmail`;
  await consolePage.goto(`${origin}/__test/login?as=adml&redirect=${encodeURIComponent(massmail)}`);
  await consolePage.waitForSelector('table tbody tr');

  // The panel, opened as a tab bound to the console tab (what the side panel shows beside it).
  let tabId;
  for (let i = 0; i < 100 && !tabId; i++) {
    tabId = await sw.evaluate(async (p) => {
      const all = (await chrome.storage.session.get('tabs')).tabs ?? {};
      const hit = Object.entries(all).find(([, s]) => s.page?.path === p);
      return hit ? Number(hit[0]) : undefined;
    }, massmail);
    if (!tabId) await new Promise((r) => setTimeout(r, 100));
  }
  if (!tabId) throw new Error('the extension did not detect the massmail page');
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extId}/panel.html?tab=${tabId}`);
  const counter = panel.locator('.count-selected');
  await counter.waitFor({ timeout: 30_000 });
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
