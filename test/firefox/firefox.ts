/**
 * Debian's Firefox ESR with the built extension (dist/firefox), driven by puppeteer-core over
 * WebDriver BiDi (Playwright cannot install an extension in Firefox). The prefs do the jobs of the
 * Chromium flags: the console's production host mapped to loopback, a known moz-extension:// uuid,
 * downloads into a folder, and every page's errors on Firefox's output, where they are collected.
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HOST, ROOT } from '../extension-browser.mjs';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FF_EXT_DIR = path.join(ROOT, 'dist/firefox');
/** The gecko id of manifest.json, and the moz-extension:// uuid we pin it to. */
export const GECKO_ID = 'publipostage-one@edifice-tools.example';
export const UUID = '5b0c9d3e-1f2a-4c6b-8e7d-9a0b1c2d3e4f';
export const EXT_ORIGIN = `moz-extension://${UUID}`;

export interface Firefox {
  browser: Browser;
  downloadsDir: string;
  /** Errors seen so far: uncaught errors and rejections of the extension's pages, console.error of any page. */
  errors: string[];
  /** Firefox's version, from its own answer (e.g. "153.7.0"). */
  version: string;
}

/**
 * Firefox prints page errors on its output (with the prefs below): « JavaScript error: <url>, line
 * n: … » for an uncaught error or rejection (its url says which page: ours are moz-extension://<UUID>/,
 * the content script included), « console.error: "…" » for a page's console.error (Firefox's own
 * chrome code logs with a « Name: » prefix, never a quoted string).
 */
export function pageError(line: string): string | null {
  if (line.startsWith(`JavaScript error: ${EXT_ORIGIN}/`)) return line;
  // entcore's real console page (test/real-console) logs its own failures, e.g. the users' list asks
  // routes the fake does not serve: those are reported from its build (/admin/public/dist/), never
  // from the extension, whose scripts are moz-extension:// ones.
  if (/^console\.error: "/.test(line) && /, "https:\/\/[^"]+\/admin\/public\/dist\/[^"/]+\.js", \d+\)+\s*$/.test(line)) return null;
  if (/^console\.error: "/.test(line)) return line;
  return null;
}

export async function launchFirefox(): Promise<Firefox> {
  if (!existsSync(FIREFOX)) throw new Error(`${FIREFOX} is missing: run bash scripts/setup.sh (it installs Debian's firefox-esr)`);
  const downloadsDir = mkdtempSync(path.join(os.tmpdir(), 'pp1-ff-dl-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    acceptInsecureCerts: true, // the fake console's self-signed certificate
    // Without it Firefox refuses to open moz-extension:// pages over BiDi.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'network.dns.localDomains': HOST,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }),
      'intl.accept_languages': 'fr-FR, fr',
      'intl.locale.requested': 'fr-FR',
      'browser.download.folderList': 2,
      'browser.download.dir': downloadsDir,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.dom.window.dump.enabled': true,
      'devtools.console.stdout.content': true,
      // Suspends the event page between steps, as a user's idle browser does.
      'extensions.background.idle.timeout': 1000,
    },
  });
  const errors: string[] = [];
  const proc = browser.process();
  for (const stream of [proc?.stdout, proc?.stderr]) {
    let rest = '';
    stream?.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      for (const l of lines) {
        const e = pageError(l);
        if (e) errors.push(e);
      }
    });
  }
  const installed = await browser.installExtension(FF_EXT_DIR);
  if (installed !== GECKO_ID) throw new Error(`installed ${installed}, expected ${GECKO_ID}`);
  const version = (await browser.version()).replace(/^[^/]*\//, '');
  return { browser, downloadsDir, errors, version };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns a truthy value (returned), or throws with `what` after `timeoutMs`. */
export async function until<T>(what: string, fn: () => Promise<T> | T, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await sleep(100);
  }
}

/**
 * Opens one of the extension's pages in a new tab (or window). Puppeteer never sees a
 * moz-extension:// page finish loading (`goto` never settles), yet evaluate works: the navigation
 * is started, not awaited, and the document is polled until it is ours and loaded.
 */
export async function openExtPage(browser: Browser, pagePath: string, opts: { window?: boolean } = {}): Promise<Page> {
  const page = await browser.newPage(opts.window ? { type: 'window' } : { type: 'tab' });
  const url = `${EXT_ORIGIN}/${pagePath}`;
  page.goto(url).catch(() => undefined);
  // (45 s: two browsers at the end of a whole run on a loaded 2-core machine took over 15 s)
  await until(`${url} to load`, () =>
    page.evaluate((u) => location.href === u && document.readyState === 'complete' && !!document.querySelector('#app > *'), url).catch(() => false),
  45_000);
  return page;
}
