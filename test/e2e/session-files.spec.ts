/**
 * No typed name reaches the disk (issue 18, item 5): Chrome keeps each tab's form state in the
 * profile's session files (`Sessions/Session_*`, `Tabs_*`) to restore it, and names typed in the
 * panel's searches or the popup's quick search used to be found there after a run.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, loginAs, type Ext } from './fixtures';
import { launchExtension, consoleTabId } from '../extension-browser.mjs';
import { PanelPage } from './pages/panel-page';
import { PopupPage } from './pages/popup-page';
import { DEFAULT_SETTINGS } from '../../src/settings';

const DEMO = 'a1b2c3d4-0000-4000-8000-000000000001';
const MASSMAIL = `/admin/${DEMO}/imports-exports/massmail`;
const NAMES = ['Yılmaz', 'Nguyễn', 'Montmorency'];

/** Every session file of the profile (Chrome writes them under <profile>/Default/Sessions). */
function sessionFiles(profile: string): string[] {
  const dir = path.join(profile, 'Default', 'Sessions');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => /^(Session|Tabs)_/.test(f)).map((f) => path.join(dir, f));
}

/**
 * The byte forms a string can take in those files: UTF-8, UTF-16LE (form state strings), and inside
 * base64 runs (a page state may be stored encoded), each decoded and searched again.
 */
function holds(bytes: Buffer, s: string): boolean {
  const forms = [Buffer.from(s, 'utf8'), Buffer.from(s, 'utf16le'), Buffer.from(s.normalize('NFD'), 'utf8'), Buffer.from(s.normalize('NFD'), 'utf16le')];
  const look = (b: Buffer) => forms.some((f) => b.includes(f));
  if (look(bytes)) return true;
  for (const m of bytes.toString('latin1').matchAll(/[A-Za-z0-9+/_-]{16,}={0,2}/g)) {
    const decoded = Buffer.from(m[0].replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (look(decoded)) return true;
  }
  return false;
}

test('names typed in the panel’s searches and the popup’s quick search are in none of the profile’s session files', async ({ api }) => {
  test.setTimeout(180_000);
  await api.reset();
  const profile = mkdtempSync(path.join(os.tmpdir(), 'pp1-session-'));
  const launched = await launchExtension({ userDataDir: profile });
  const ext: Ext = { ...launched, downloadsDir: profile };
  try {
    // Panels the extension opens itself may load before the browser's locale is French (Debian's
    // Chromium has only en-US): French chosen in the settings, as a French director would.
    await ext.sw.evaluate((s) => chrome.storage.local.set({ settings: s }), { ...DEFAULT_SETTINGS, uiLang: 'fr' });
    const consolePage = await ext.context.newPage();
    await loginAs(consolePage, api, 'adml', MASSMAIL);
    let tabId: number | undefined;
    await expect.poll(async () => (tabId = await consoleTabId(ext.sw, MASSMAIL)), { timeout: 15_000 }).toBeTruthy();

    // The panel as a tab: the list search, then the meeting mode's search.
    const panel = await PanelPage.open(ext, tabId!);
    await panel.waitReady();
    const search = panel.page.getByRole('searchbox', { name: 'Rechercher (nom, prénom, identifiant)' });
    await search.click();
    await search.pressSequentially(NAMES[0]!);
    await panel.page.getByText('Mode réunion').click();
    const meeting = panel.page.getByRole('searchbox', { name: 'Rechercher un élève ou un parent' });
    await meeting.click();
    await meeting.pressSequentially(NAMES[1]!);

    // The popup's quick search, which puts the name in the open panel's meeting mode field.
    const popup = await PopupPage.open(ext, tabId!);
    await popup.quickSearch.click();
    await popup.quickSearch.pressSequentially(NAMES[2]!);
    await popup.quickSearchButton.click();
    await expect(meeting).toHaveValue(NAMES[2]!, { timeout: 20_000 });

    // Chrome records the tabs, their history entries and form state within a few seconds: wait
    // until it has written the panel tabs down, so that what it keeps is there to be read.
    await expect
      .poll(() => sessionFiles(profile).some((f) => readFileSync(f).includes(Buffer.from('panel.html?tab='))), { timeout: 60_000, intervals: [1000] })
      .toBe(true);
    await panel.page.waitForTimeout(5000);
    for (const p of ext.context.pages()) await p.close();
  } finally {
    await ext.context.close();
  }

  try {
    const files = sessionFiles(profile);
    expect(files.length, 'Chrome wrote session files').toBeGreaterThan(0);
    // They do record our pages (without the fix, the three names were found there, in UTF-16)…
    expect(files.some((f) => readFileSync(f).includes(Buffer.from('panel.html?tab=')))).toBe(true);
    // …and hold none of the names typed.
    for (const f of files) {
      const bytes = readFileSync(f);
      for (const name of NAMES) expect(holds(bytes, name), `${name} in ${path.basename(f)}`).toBe(false);
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});
