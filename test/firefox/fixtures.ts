/**
 * Firefox e2e fixtures: one Firefox ESR per worker with the built extension (dist/firefox), the fake
 * console on loopback reached as https://oneconnect.edifice.io:<port>, a fresh console tab per test,
 * and every error of the extension's pages failing the test that saw it.
 */
import { test as base, expect } from '@playwright/test';
import type { ElementHandle, Page } from 'puppeteer-core';
import { ConsoleApi, type FakeConsole } from '../e2e/fixtures';
import { HOST } from '../extension-browser.mjs';
import { startFakeConsole } from '../fake-console/server.mjs';
import { launchFirefox, openExtPage, until, type Firefox } from './firefox';

export { expect, until, openExtPage };
export type { Firefox, Page };

/** Firefox's `browser.*` namespace, seen from code evaluated in an extension page (same shape as `chrome.*`). */
export type WebExt = { browser: typeof chrome };

export const DEMO = 'a1b2c3d4-0000-4000-8000-000000000001';
export const MASSMAIL = `/admin/${DEMO}/imports-exports/massmail`;

process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';

type WorkerFixtures = { fake: FakeConsole; api: ConsoleApi; ff: Firefox };
type TestFixtures = { consolePage: Page };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  fake: [
    async ({}, use) => {
      const fake = (await startFakeConsole({ port: 0 })) as FakeConsole;
      await use(fake);
      await fake.close();
    },
    { scope: 'worker' },
  ],
  api: [async ({ fake }, use) => use(new ConsoleApi(`https://${HOST}:${fake.port}`)), { scope: 'worker' }],
  // One Firefox per worker (its launch costs 4–7 s); tests reset the fake console and storage instead.
  ff: [
    async ({}, use) => {
      const ff = await launchFirefox();
      await use(ff);
      await ff.browser.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  consolePage: async ({ ff, api }, use) => {
    await api.reset();
    const keep = new Set(await ff.browser.pages());
    // Each test starts like a fresh install: no remembered choices, no campaign.
    const helper = await openExtPage(ff.browser, 'options.html');
    await helper.evaluate(() => (globalThis as unknown as WebExt).browser.storage.local.clear());
    await closeSidebar(helper);
    await helper.close();
    const firstError = ff.errors.length;
    const page = await ff.browser.newPage();
    await use(page);
    // Errors reach Firefox's output a moment after they happen.
    await new Promise((r) => setTimeout(r, 300));
    const errors = ff.errors.slice(firstError);
    for (const p of await ff.browser.pages()) if (!keep.has(p)) await p.close().catch(() => undefined);
    expect(errors, 'errors from the pages (Firefox output)').toEqual([]);
  },
});

/**
 * A sidebar left open by the previous test would follow (and read) this test's console tabs:
 * close it. sidebarAction.close() wants a user gesture: a real click on the extension page.
 */
async function closeSidebar(helper: Page): Promise<void> {
  const open = () => helper.evaluate(() => (globalThis as unknown as WebExt).browser.extension.getViews({ type: 'sidebar' } as unknown as chrome.extension.FetchProperties).length);
  if (!(await open())) return;
  await helper.evaluate(() => {
    const b = (globalThis as unknown as { browser: { sidebarAction: { close(): Promise<void> } } }).browser;
    document.addEventListener('click', () => void b.sidebarAction.close(), { once: true });
  });
  await helper.mouse.click(2, 2);
  await until('the sidebar to close', async () => (await open()) === 0);
}

/** Logs in as a role through the fake console's test route, landing on `redirect`. */
export async function loginAs(page: Page, api: ConsoleApi, role: string, redirect: string): Promise<void> {
  await page.goto(`${api.origin()}/__test/login?as=${role}&redirect=${encodeURIComponent(redirect)}`);
}

/**
 * The id of the live tab the background recorded on a console page under `pathPrefix` (newest
 * first), read from an extension page (`from`) as the panel itself reads it.
 */
export async function consoleTabId(from: Page, pathPrefix: string): Promise<number> {
  const look = () =>
    from.evaluate(async (p) => {
      const api = (globalThis as unknown as WebExt).browser;
      const all = ((await api.storage.session.get('tabs')).tabs ?? {}) as Record<string, { page: { path: string } | null }>;
      const tabs = await api.tabs.query({});
      const live = new Set(tabs.map((t) => t.id));
      const hits = Object.entries(all)
        .filter(([id, s]) => s.page?.path.startsWith(p) && live.has(Number(id)))
        .map(([id]) => Number(id));
      return { id: hits.length ? Math.max(...hits) : 0, all, tabs: tabs.map((t) => [t.id, t.url, t.status]) };
    }, pathPrefix);
  try {
    // As long as waitText: at load 15-20 (Firefox beside the Chromium e2e tests) the real console's boot
    // alone took over the 15 s default, and the test went red with no record of the tab yet.
    return await until(`the extension to detect a console page under ${pathPrefix}`, async () => (await look()).id, 45_000);
  } catch (e) {
    const { all, tabs } = await look();
    throw new Error(`${(e as Error).message}; records ${JSON.stringify(all)}; tabs ${JSON.stringify(tabs)}`);
  }
}

// --- Driving an extension page: puppeteer's clicks are real input (user gestures), lookups by text ---

/**
 * Text of the first element matching `selector`, or null; white space normalised as Playwright
 * does (French no-break spaces before : ; ! ? and inside « » read as the spaces a reader sees).
 */
export const textOf = (page: Page, selector: string): Promise<string | null> =>
  page.evaluate((s) => document.querySelector(s)?.textContent?.replace(/\s+/g, ' ').trim() ?? null, selector);

/**
 * Waits until the text of `selector` matches `want`; returns it. Generous: at the end of a whole run
 * the mail dialog's first check (stored campaign, the school's lock) took over 20 s in Firefox.
 */
export async function waitText(page: Page, selector: string, want: RegExp | string, timeoutMs = 45_000): Promise<string> {
  return until(`${selector} to read ${want}`, async () => {
    const t = await textOf(page, selector);
    return t !== null && (typeof want === 'string' ? t === want : want.test(t)) ? t : null;
  }, timeoutMs);
}

/**
 * Clicks, with the mouse (a real user gesture), the element `find` returns in the page, once it exists
 * and is enabled, stands still and is what the page has at its centre (as Playwright's own
 * actionability checks); and again when the click did not reach it. The panel's preview comes on
 * screen with the publishing buttons and draws its card a moment later, above them: a button moved
 * between the press and the release, the click went to their common parent, and the dialog it should
 * have opened never did (B's mail dialog in campaign-lock.spec.ts). A click that lands elsewhere
 * reaches no button, so trying again cannot do anything twice.
 */
async function clickFound<A>(page: Page, what: string, find: (a: A) => Element | null, arg: A): Promise<void> {
  const handle = await until(`${what} to be clickable`, async () => {
    const h = await page.evaluateHandle(find as (a: unknown) => Element | null, arg as unknown);
    const el = h.asElement() as ElementHandle<Element> | null;
    if (el && !(await el.evaluate((e) => (e as HTMLButtonElement).disabled === true))) return el;
    await h.dispose();
    return null;
  });
  try {
    for (let attempt = 1; ; attempt++) {
      const point = await until(`${what} to stand still`, () =>
        handle.evaluate(async (e) => {
          e.scrollIntoView({ block: 'center', inline: 'nearest' });
          const frame = () => new Promise((r) => requestAnimationFrame(r));
          const box = () => JSON.stringify(e.getBoundingClientRect());
          await frame();
          const first = box();
          await frame();
          await frame();
          if (box() !== first || (e as HTMLButtonElement).disabled) return null;
          const r = e.getBoundingClientRect();
          const x = r.left + r.width / 2;
          const y = r.top + r.height / 2;
          const hit = document.elementFromPoint(x, y);
          // A checkbox's label takes its click; anything else in the way does not.
          if (!hit || !(hit === e || e.contains(hit) || (hit.tagName === 'LABEL' && hit.contains(e)))) return null;
          const w = window as unknown as { __ppClick?: boolean };
          w.__ppClick = false;
          const label = e.closest('label');
          document.addEventListener('click', (ev) => {
            const t = ev.target as Node;
            w.__ppClick = e.contains(t) || (!!label && label.contains(t));
          }, { capture: true, once: true });
          return { x, y };
        }),
      );
      await page.mouse.click(point.x, point.y);
      // (a click that navigated the page away did land; a slow page gets half a second to see it)
      const seen = () => page.evaluate(() => (window as unknown as { __ppClick?: boolean }).__ppClick).catch(() => true);
      let reached = await seen();
      for (let i = 0; i < 10 && reached === false; i++) {
        await new Promise((r) => setTimeout(r, 50));
        reached = await seen();
      }
      if (reached !== false) return;
      if (attempt >= 5) throw new Error(`${what}: five clicks missed it (the page kept moving under them)`);
    }
  } finally {
    await handle.dispose().catch(() => undefined);
  }
}

/** Clicks the enabled button whose text is exactly `name` (inside `within` when given). */
export function clickButton(page: Page, name: string, within = 'body'): Promise<void> {
  return clickFound(
    page,
    `button « ${name} »`,
    (a) => Array.from(document.querySelectorAll(`${a.within} button`)).find((b) => b.textContent?.trim() === a.name && !(b as HTMLButtonElement).disabled) ?? null,
    { name, within },
  );
}

/** Clicks the checkbox labelled `label` in the fieldset whose legend starts with `legend`. */
export function clickCheckbox(page: Page, legend: string, label: string): Promise<void> {
  return clickFound(
    page,
    `checkbox « ${label} »`,
    (a) => {
      const set = Array.from(document.querySelectorAll('fieldset')).find((f) => f.querySelector('legend')?.textContent?.trim().startsWith(a.legend));
      const l = Array.from(set?.querySelectorAll('label') ?? []).find((x) => x.textContent?.trim() === a.label);
      return l?.querySelector('input') ?? null;
    },
    { legend, label },
  );
}

/** Chooses, in the select labelled `label`, the option whose text is `option` (as a user's choice: input + change). */
export async function chooseOption(page: Page, label: string, option: string): Promise<void> {
  const value = await until(`select « ${label} » with « ${option} »`, () =>
    page.evaluate(
      (a) => {
        const l = Array.from(document.querySelectorAll('label')).find((x) => x.querySelector('span')?.textContent?.trim() === a.label);
        const sel = l?.querySelector('select');
        const opt = Array.from(sel?.options ?? []).find((o) => o.textContent?.trim() === a.option);
        if (!sel || !opt) return null;
        document.querySelector('[data-pp-select]')?.removeAttribute('data-pp-select');
        sel.setAttribute('data-pp-select', '');
        return opt.value;
      },
      { label, option },
    ),
  );
  await page.select('[data-pp-select]', value);
}

/**
 * Every row of the panel's verification list (a virtual list), brought on screen and scrolled from top to bottom: after
 * each scroll, waits until the rows drawn cover the visible box before reading them.
 */
export function allRows(page: Page): Promise<Array<{ id: string; cells: string[] }>> {
  return page.evaluate(async () => {
    const list = document.querySelector('.list') as HTMLElement;
    const seen = new Map<number, { id: string; cells: string[] }>();
    // Read as a director reads it: on screen (the list draws the rows the window shows).
    list.scrollIntoView({ block: 'nearest' });
    const covered = () => {
      const rows = Array.from(list.querySelectorAll('tbody tr[data-id]'));
      if (!rows.length) return true;
      const box = list.getBoundingClientRect();
      const top = rows[0]!.getBoundingClientRect().top;
      const bottom = rows.at(-1)!.getBoundingClientRect().bottom;
      // At the end of the list, the last row drawn is the list's last (no spacer row after it).
      return top <= box.top + 40 && (bottom >= box.bottom - 2 || !rows.at(-1)!.nextElementSibling);
    };
    list.scrollTop = 0;
    for (let guard = 0; guard < 1000; guard++) {
      for (let w = 0; w < 250 && !covered(); w++) await new Promise((r) => setTimeout(r, 20));
      for (const tr of Array.from(list.querySelectorAll('tbody tr[data-id]'))) {
        const i = Number(tr.getAttribute('aria-rowindex'));
        seen.set(i, { id: tr.getAttribute('data-id')!, cells: Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '') });
      }
      if (list.scrollTop + list.clientHeight >= list.scrollHeight - 2) break;
      list.scrollTop += list.clientHeight - 40;
    }
    return [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
  });
}
