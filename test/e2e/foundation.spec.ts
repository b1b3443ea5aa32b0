import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test, expect, loginAs, tabIdFor, EXT_DIR } from './fixtures';
import { PanelPage } from './pages/panel-page';

const DEMO = 'a1b2c3d4-0000-4000-8000-000000000001';
const MASSMAIL = `/admin/${DEMO}/imports-exports/massmail`;

test('the content script reads every account of the demo school on the massmail page', async ({ ext, api, consolePage }) => {
  await loginAs(consolePage, api, 'adml', MASSMAIL);
  await expect(consolePage.getByRole('heading', { name: 'Distribuer les comptes' })).toBeVisible();
  const tabId = await tabIdFor(ext, MASSMAIL);
  const oracle = await api.users(DEMO);
  const panel = await PanelPage.open(ext, tabId);
  await panel.waitReady();
  expect(await panel.selectedCount()).toBe(oracle.length);
  // The background saw the count (never the accounts).
  const state = (await ext.sw.evaluate(async (id) => ((await chrome.storage.session.get("tabs")).tabs as Record<number, unknown>)[id], tabId)) as { read: { count: number } };
  expect(state.read.count).toBe(oracle.length);
  // It went through the JSON route, with the page's session, on the console's own origin.
  const reqs = await api.requests();
  expect(reqs.some((r) => r.path === `/directory/structure/${DEMO}/massMail/allUsers` && r.status === 200)).toBe(true);
});

test('the content script stays silent on other pages of the same host', async ({ ext, api, consolePage }) => {
  await loginAs(consolePage, api, 'adml', `/admin/${DEMO}/users/list`);
  await consolePage.waitForLoadState('load');
  await consolePage.waitForTimeout(1500);
  const requests = await api.requests();
  expect(requests.filter((r) => r.path.includes('massMail'))).toEqual([]);
  const tabs = await ext.sw.evaluate(async () => (await chrome.storage.session.get('tabs')).tabs ?? {});
  const pages = Object.values(tabs as Record<string, { page: unknown }>).map((s) => s.page).filter(Boolean);
  expect(pages).toEqual([]);
});

test('in-app navigation to the massmail tab is detected (single-page console)', async ({ ext, api, consolePage }) => {
  await loginAs(consolePage, api, 'adml', `/admin/${DEMO}/imports-exports/export`);
  await consolePage.getByRole('button', { name: 'Distribuer les comptes' }).click();
  await expect(consolePage).toHaveURL(new RegExp(`${MASSMAIL}$`));
  const tabId = await tabIdFor(ext, MASSMAIL);
  expect(tabId).toBeGreaterThan(0);
});

test('the build holds no eval and both manifests ask only for known console hosts', async () => {
  for (const target of ['chrome', 'firefox']) {
    const dir = path.resolve(EXT_DIR, '..', target);
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
      const js = readFileSync(path.join(dir, f), 'utf8');
      expect(js, `${target}/${f}`).not.toMatch(/\beval\s*\(|\bnew\s+Function\s*\(/);
    }
    const m = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    const required = [...(m.host_permissions ?? []), ...m.content_scripts.flatMap((c: { matches: string[] }) => c.matches)];
    expect(JSON.stringify(m)).not.toContain('<all_urls>');
    for (const p of required) expect(p, `${target}: ${p}`).toMatch(/^https:\/\/[a-z0-9.-]+\.[a-z]+\/(admin\/\*|directory\/class-admin\*)$/);
    expect(m.permissions).not.toContain('tabs');
    expect(m.content_security_policy.extension_pages).toMatch(/script-src 'self'/);
    if (target === 'firefox') {
      expect(m.background.scripts).toEqual(['background.js']);
      expect(m.sidebar_action.default_panel).toBe('panel.html');
      expect(m.browser_specific_settings.gecko.id).toBeTruthy();
    } else {
      expect(m.background.service_worker).toBe('background.js');
      expect(m.side_panel.default_path).toBe('panel.html');
    }
  }
});

test('on the massmail page the side panel is bound to that tab (panel.html?tab=<id>)', async ({ ext, api, consolePage }) => {
  await loginAs(consolePage, api, 'adml', MASSMAIL);
  const tabId = await tabIdFor(ext, MASSMAIL);
  await expect
    .poll(() => ext.sw.evaluate((id) => chrome.sidePanel.getOptions({ tabId: id }), tabId))
    .toMatchObject({ path: `panel.html?tab=${tabId}`, enabled: true });
});
