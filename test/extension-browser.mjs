// Debian's Chromium with the built extension, reaching the fake console under the production host
// name: the one launch shared by the e2e fixtures, the demo, the bench and the screenshots.
import { chromium } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const HOST = 'oneconnect.edifice.io';
export const EXT_DIR = path.join(ROOT, 'dist/chrome');
// The binary behind Debian's /usr/bin/chromium wrapper (the wrapper adds a stray --load-extension=).
export const CHROMIUM =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/lib/chromium/chromium') ? '/usr/lib/chromium/chromium' : '/usr/bin/chromium');

/**
 * Playwright passes --disable-extensions by default: --disable-extensions-except is what makes
 * --load-extension work. Returns the context, the extension's service worker and its id.
 */
export async function launchExtension({ extDir = EXT_DIR, headless = true, downloadsPath, viewport = { width: 1280, height: 900 } } = {}) {
  const context = await chromium.launchPersistentContext(mkdtempSync(path.join(os.tmpdir(), 'pp1-profile-')), {
    headless,
    executablePath: CHROMIUM,
    ignoreHTTPSErrors: true,
    acceptDownloads: true,
    ...(downloadsPath ? { downloadsPath } : {}),
    viewport,
    locale: 'fr-FR',
    args: [
      `--disable-extensions-except=${extDir}`,
      `--load-extension=${extDir}`,
      // The real console's page links Google Fonts (test/real-console/README.md): never reach the network.
      `--host-resolver-rules=MAP ${HOST} 127.0.0.1, MAP *.example.test 127.0.0.1, MAP fonts.googleapis.com ~NOTFOUND, MAP fonts.gstatic.com ~NOTFOUND`,
      '--ignore-certificate-errors',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--lang=fr-FR',
    ],
  });
  let [sw] = context.serviceWorkers();
  if (!sw) sw = await context.waitForEvent('serviceworker');
  return { context, sw, id: new URL(sw.url()).host };
}

/**
 * The id of the live tab the background recorded on a console page whose path starts with
 * `pathPrefix` (newest first), or undefined: how a test binds the panel (panel.html?tab=) to a tab.
 */
export function consoleTabId(sw, pathPrefix) {
  return sw.evaluate(async (p) => {
    const all = (await chrome.storage.session.get('tabs')).tabs ?? {};
    // A closed tab may linger in the record for a moment: keep live tabs only.
    const live = new Set((await chrome.tabs.query({})).map((t) => t.id));
    const hits = Object.entries(all)
      .filter(([id, s]) => s.page?.path.startsWith(p) && live.has(Number(id)))
      .map(([id]) => Number(id));
    return hits.length ? Math.max(...hits) : undefined;
  }, pathPrefix);
}

/** Polls consoleTabId until the content script has announced the page. */
export async function waitConsoleTabId(sw, pathPrefix, timeoutMs = 15_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const id = await consoleTabId(sw, pathPrefix);
    if (id) return id;
    if (Date.now() > end) throw new Error(`the extension did not detect a console page under ${pathPrefix}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
