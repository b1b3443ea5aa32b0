/**
 * « Publipostage avancé » in Firefox, where a click in the page never opens the sidebar (bugzilla
 * 1398833): the panel opens in a tab beside the console. Only for a person's click, and once per
 * console tab: a second click brings that tab back instead of opening another (issue 18, item 4).
 */
import { MASSMAIL, clickButton, consoleTabId, expect, loginAs, openExtPage, test, until, type Page, type WebExt } from './fixtures';

/** The panel pages open as tabs, read from an extension page: their `?tab=` and whether they are shown. */
function panelTabs(from: Page): Promise<Array<{ href: string; visible: boolean }>> {
  return from.evaluate(() =>
    (globalThis as unknown as WebExt).browser.extension
      .getViews({ type: 'tab' } as unknown as chrome.extension.FetchProperties)
      .filter((v) => v.location.pathname.endsWith('/panel.html'))
      .map((v) => ({ href: v.location.href, visible: v.document.visibilityState === 'visible' })),
  );
}

test('the door: a page script’s .click() opens nothing; a real click opens one panel tab, a second one brings it back', async ({ ff, api, consolePage }) => {
  await loginAs(consolePage, api, 'adml', MASSMAIL);
  // The helper lives in a window of its own: the console's window keeps its tabs as the test left them.
  const helper = await openExtPage(ff.browser, 'options.html', { window: true });
  const tabId = await consoleTabId(helper, MASSMAIL);
  await consolePage.bringToFront();
  await until('the door', () => consolePage.evaluate(() => [...document.querySelectorAll('button')].some((b) => b.textContent?.trim() === 'Publipostage avancé')));

  // The page's own script clicks it (page world: untrusted events).
  await consolePage.evaluate(() => {
    const door = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Publipostage avancé')!;
    for (let i = 0; i < 4; i++) door.click();
    door.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  });
  // Nothing to wait for when nothing happens: give the messages time, then look.
  await new Promise((r) => setTimeout(r, 2000));
  expect(await panelTabs(helper)).toEqual([]);

  // A person's click: one panel tab, bound to this console tab, shown.
  await clickButton(consolePage, 'Publipostage avancé');
  const first = await until('a panel tab', async () => ((await panelTabs(helper)).length ? panelTabs(helper) : null));
  expect(first).toEqual([{ href: expect.stringContaining(`/panel.html?tab=${tabId}`), visible: true }]);

  // Back to the console, and again: the same panel tab comes to the front, no second one.
  await consolePage.bringToFront();
  await until('the panel tab to be hidden', async () => (await panelTabs(helper))[0]?.visible === false);
  await clickButton(consolePage, 'Publipostage avancé');
  await until('the panel tab to be shown again', async () => (await panelTabs(helper))[0]?.visible === true);
  await new Promise((r) => setTimeout(r, 1500));
  expect(await panelTabs(helper)).toEqual([{ href: expect.stringContaining(`/panel.html?tab=${tabId}`), visible: true }]);
});
