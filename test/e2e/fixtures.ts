/**
 * E2E fixtures: the built extension (dist/chrome) loaded into Debian's Chromium, against the fake
 * console served over HTTPS on loopback and reached under its production host name.
 */
import { test as base, expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { CHROMIUM, EXT_DIR, HOST, consoleTabId, launchExtension } from '../extension-browser.mjs';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { startFakeConsole } from '../fake-console/server.mjs';
import { PanelPage } from './pages/panel-page';

const DEMO_ID = 'a1b2c3d4-0000-4000-8000-000000000001';

export { HOST, EXT_DIR, CHROMIUM };

export interface FakeConsole {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface Ext {
  context: BrowserContext;
  sw: Worker;
  id: string;
  downloadsDir: string;
}

export async function launchWithExtension(extDir = EXT_DIR): Promise<Ext> {
  const downloadsDir = mkdtempSync(path.join(os.tmpdir(), 'pp1-dl-'));
  return { ...(await launchExtension({ extDir, downloadsPath: downloadsDir })), downloadsDir };
}

/** A user as the fake console stores it (test/fake-console/demo-data.mjs). */
export interface FakeUser {
  id: string;
  profile: string;
  firstName: string;
  lastName: string;
  login: string;
  loginAlias: string | null;
  activationCode: string | null;
  email: string | null;
  classes: string[];
  created: string;
  blocked: boolean;
  functions: unknown[];
  children: string[];
  parents: string[];
}

export class ConsoleApi {
  constructor(public readonly base: string) {}
  origin(): string {
    return this.base;
  }
  async post(p: string, body: unknown = {}): Promise<unknown> {
    const r = await fetch(this.base.replace(HOST, '127.0.0.1') + p, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await r.text();
    return text ? JSON.parse(text) : null;
  }
  async get<T = unknown>(p: string): Promise<T> {
    const r = await fetch(this.base.replace(HOST, '127.0.0.1') + p);
    return (await r.json()) as T;
  }
  reset = () => this.post('/__test/reset');
  knobs = (k: Record<string, unknown>) => this.post('/__test/knobs', k);
  requests = () => this.get<Array<{ method: string; path: string; query: Record<string, unknown>; status: number; headers?: Record<string, unknown> }>>('/__test/requests');
  mails = () => this.get<Array<{ userId: string; email: string; via: string }>>('/__test/mails');
  /** The fake's own records for a structure, as an ADML sees them (ADMC accounts hidden): the oracle. */
  users = async (structureId: string): Promise<FakeUser[]> => {
    const [s] = await this.get<Array<{ users: FakeUser[] }>>(`/__test/users?structureId=${structureId}`);
    return s!.users.filter((u) => !JSON.stringify(u.functions ?? []).includes('SUPER_ADMIN'));
  };
  classes = async (structureId: string): Promise<Array<{ id: string; name: string }>> => {
    const [s] = await this.get<Array<{ classes: Array<{ id: string; name: string }> }>>(`/__test/users?structureId=${structureId}`);
    return s!.classes;
  };
}

process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';

/** A console tab kept open from one test to the next: see `keptConsole`. */
export interface KeptConsole {
  /** The kept console page (entcore's real one, logged in as the role asked). */
  page: Page;
  tabId: number;
  /** A new panel bound to the kept console tab, read and ready (`PanelPage.waitReady`). */
  panel(opts?: { size?: { width: number; height: number }; params?: Record<string, string> }): Promise<PanelPage>;
  /** The other console tabs asked for (`keptConsole(role, path, { tabs: 2 })`), on the same page and session. */
  others: KeptConsole[];
}

/**
 * The console tabs kept across tests: one at a time, reopened when a test asks for another role or
 * page. The real console boots in seconds (its Angular application, thousands of DOM nodes) while the
 * extension's content script holds no state of its own: a test about the panel needs a live console
 * tab, not a fresh one. Closed by any test that takes `consolePage` (it starts with its tab alone).
 */
class KeptConsoles {
  private kept: Array<{ key: string; page: Page; tabId: number }> = [];
  constructor(private readonly ext: Ext, private readonly api: ConsoleApi) {}

  isKept(page: Page): boolean {
    return this.kept.some((k) => k.page === page);
  }

  /**
   * `count` console tabs of one role on one page, the first logged in, the others opened beside it
   * on the same session (two windows on one school); a tab more than asked for is closed, so that
   * the tabs a test finds are exactly those it asked for.
   */
  async tabs(role: string, path: string, count = 1): Promise<Array<{ page: Page; tabId: number }>> {
    const key = `${role} ${path}`;
    const alive = (k: { key: string; page: Page } | undefined) => !!k && k.key === key && !k.page.isClosed() && new URL(k.page.url()).pathname === path;
    if (!alive(this.kept[0])) await this.closeAll();
    let n = 0;
    while (n < this.kept.length && n < count && alive(this.kept[n])) n++;
    for (const k of this.kept.splice(n)) await k.page.close().catch(() => undefined);
    while (this.kept.length < count) {
      const page = await this.ext.context.newPage();
      if (this.kept.length === 0) await loginAs(page, this.api, role, path);
      else await page.goto(this.api.origin() + path);
      const known = new Set(this.kept.map((k) => k.tabId));
      // the newest tab on that page is this one (consoleTabId keeps the highest live tab id)
      let tabId: number | undefined;
      await expect.poll(async () => (tabId = await consoleTabId(this.ext.sw, path)) !== undefined && !known.has(tabId), { timeout: 15_000 }).toBe(true);
      this.kept.push({ key, page, tabId: tabId! });
    }
    return this.kept.slice(0, count);
  }

  async closeAll(): Promise<void> {
    const ks = this.kept;
    this.kept = [];
    for (const k of ks) if (!k.page.isClosed()) await k.page.close().catch(() => undefined);
  }
}

type WorkerFixtures = { fake: FakeConsole; ext: Ext; api: ConsoleApi; keptConsoles: KeptConsoles };
export type KeptConsoleFixture = (role?: string, path?: string, opts?: { tabs?: number }) => Promise<KeptConsole>;
type TestFixtures = { consolePage: Page; keptConsole: KeptConsoleFixture; plainPage: Page };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  fake: [
    async ({}, use) => {
      const fake = (await startFakeConsole({ port: 0 })) as FakeConsole;
      await use(fake);
      await fake.close();
    },
    { scope: 'worker' },
  ],
  api: [
    async ({ fake }, use) => {
      await use(new ConsoleApi(`https://${HOST}:${fake.port}`));
    },
    { scope: 'worker' },
  ],
  // One browser per worker: launching Chromium costs 2–3 s, tests reset the fake console instead.
  ext: [
    async ({}, use) => {
      const ext = await launchWithExtension();
      await use(ext);
      await ext.context.close();
    },
    { scope: 'worker' },
  ],
  keptConsoles: [
    async ({ ext, api }, use) => {
      await use(new KeptConsoles(ext, api));
    },
    { scope: 'worker' },
  ],
  consolePage: async ({ ext, api, keptConsoles }, use) => {
    // A test with its own console tab starts with it alone, as before tabs were kept.
    await keptConsoles.closeAll();
    await api.reset();
    // Each test starts like a fresh install: no remembered choices, no campaign.
    await ext.sw.evaluate(() => chrome.storage.local.clear());
    const page = await ext.context.newPage();
    await use(page);
    for (const p of ext.context.pages()) await p.close().catch(() => undefined);
  },
  /**
   * For tests about the panel, not the console: the same fresh start (data, records and knobs reset,
   * storage cleared, every other page closed) on a console tab kept from the previous such test, so
   * the real console boots once per run of these tests instead of once per test. Not for a test that
   * drops the session (`expireSessionAfter`), reloads or navigates the console tab, sets a knob its own
   * boot must meet, or counts the console's own requests: those take `consolePage`.
   */
  keptConsole: async ({ ext, api, keptConsoles }, use) => {
    await api.reset();
    await ext.sw.evaluate(() => chrome.storage.local.clear());
    for (const p of ext.context.pages()) if (!keptConsoles.isKept(p)) await p.close().catch(() => undefined);
    await use(async (role = 'adml', path = `/admin/${DEMO_ID}/imports-exports/massmail`, { tabs = 1 } = {}) => {
      const kept = (await keptConsoles.tabs(role, path, tabs)).map(({ page, tabId }) => ({
        page,
        tabId,
        panel: async ({ size, params }: { size?: { width: number; height: number }; params?: Record<string, string> } = {}) => {
          const panel = await PanelPage.open(ext, tabId, size, params);
          await panel.waitReady();
          return panel;
        },
        others: [] as KeptConsole[],
      }));
      return { ...kept[0]!, others: kept.slice(1) };
    });
    for (const p of ext.context.pages()) if (!keptConsoles.isKept(p)) await p.close().catch(() => undefined);
  },
  /** A fresh tab for a test that opens no console page (the fake's own pages): the same fresh start, kept tabs left open. */
  plainPage: async ({ ext, api, keptConsoles }, use) => {
    await api.reset();
    await ext.sw.evaluate(() => chrome.storage.local.clear());
    await use(await ext.context.newPage());
    for (const p of ext.context.pages()) if (!keptConsoles.isKept(p)) await p.close().catch(() => undefined);
  },
});

export { expect };

/**
 * The console page is entcore's real one (test/real-console): it boots in seconds. `consoleTable(page)`
 * waits until it has drawn its table from its own read (before setting a knob meant for the
 * extension's requests alone, for instance); `ConsolePage` names its parts.
 */
export { consoleTable, ConsolePage, CONSOLE_BOOT_MS } from './pages/console-page';

/** Logs in as a role through the fake console's test route, landing on `redirect`. */
export async function loginAs(page: Page, api: ConsoleApi, role: string, redirect: string): Promise<void> {
  await page.goto(`${api.origin()}/__test/login?as=${role}&redirect=${encodeURIComponent(redirect)}`);
}

/** The tab id the background recorded for a console page (how tests bind the panel to a tab). */
export async function tabIdFor(ext: Ext, pathPrefix: string): Promise<number> {
  let found: number | undefined;
  await expect
    .poll(async () => (found = await consoleTabId(ext.sw, pathPrefix)), { timeout: 15_000 })
    .toBeTruthy();
  return found!;
}
