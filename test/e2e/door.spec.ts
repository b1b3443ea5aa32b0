/**
 * « Publipostage avancé » opens a panel for a person's click only (issue 18, item 4): a page script
 * calling `.click()` on it opens nothing, and repeated clicks never stack panels.
 */
import { test, expect, loginAs, tabIdFor, type Ext } from './fixtures';
import { ConsolePage } from './pages/console-page';

const DEMO = 'a1b2c3d4-0000-4000-8000-000000000001';
const MASSMAIL = `/admin/${DEMO}/imports-exports/massmail`;

/** The extension's side panel documents open now (Chrome ≥ 116 lists them as SIDE_PANEL contexts). */
const sidePanels = (ext: Ext) =>
  ext.sw.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['SIDE_PANEL' as chrome.runtime.ContextType] })).map((c) => c.documentUrl ?? ''));
/** Panel pages open as tabs, as the browser lists them (not only those Playwright knows of). */
const panelTabs = (ext: Ext) =>
  ext.sw.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['TAB' as chrome.runtime.ContextType] })).map((c) => c.documentUrl ?? '').filter((u) => u.includes('/panel.html')));

test('a page script’s .click() on the door opens nothing; a real click opens one panel, a second one keeps that one', async ({ ext, api, consolePage }) => {
  await loginAs(consolePage, api, 'adml', MASSMAIL);
  const console_ = new ConsolePage(consolePage);
  await expect(console_.door).toBeVisible();
  const tabId = await tabIdFor(ext, MASSMAIL);
  expect(await sidePanels(ext)).toEqual([]);
  expect(await panelTabs(ext)).toEqual([]);

  // The page's own script (page world, as a hostile or buggy console script would): five clicks,
  // run by Playwright with a user activation on the page, which is what let them through before.
  await console_.door.evaluate((door) => {
    for (let i = 0; i < 4; i++) (door as HTMLElement).click();
    door.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  });
  // Nothing to wait for when nothing happens: give the messages time, then look.
  await consolePage.waitForTimeout(2000);
  expect(await sidePanels(ext), 'no side panel from script clicks').toEqual([]);
  expect(await panelTabs(ext), 'no panel tab from script clicks').toEqual([]);

  // A person's click: one panel, bound to this tab.
  await console_.door.click();
  await expect.poll(() => sidePanels(ext), { timeout: 15_000 }).toEqual([expect.stringContaining(`/panel.html?tab=${tabId}`)]);
  // Again: the same panel stays, no second one and no tab beside it.
  await console_.door.click();
  await consolePage.waitForTimeout(1500);
  expect(await sidePanels(ext)).toEqual([expect.stringContaining(`/panel.html?tab=${tabId}`)]);
  expect(await panelTabs(ext)).toEqual([]);
});
