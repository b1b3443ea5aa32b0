/**
 * The panel where the director uses it: Chrome's side panel, ~360 px wide (issue 12), and the
 * « Publipostage avancé » button the extension adds to the console's pages to open it.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect, loginAs, tabIdFor, type Ext } from './fixtures';
import { CONSOLE_BOOT_MS, ConsolePage } from './pages/console-page';
import { expected } from './oracle';

const DEMO = 'a1b2c3d4-0000-4000-8000-000000000001';
const MASSMAIL = `/admin/${DEMO}/imports-exports/massmail`;
const SIDE_PANEL = { width: 360, height: 800 };

/** The box of an element lies wholly inside the viewport (and inside `within`, a scroll box, if given). */
async function expectOnScreen(page: Page, el: Locator, within?: Locator): Promise<void> {
  const vp = page.viewportSize()!;
  const box = await el.boundingBox();
  expect(box, await el.evaluate((e) => e.outerHTML.slice(0, 120))).not.toBeNull();
  const clip = within ? (await within.boundingBox())! : { x: 0, y: 0, width: vp.width, height: vp.height };
  const top = Math.max(0, clip.y);
  const bottom = Math.min(vp.height, clip.y + clip.height);
  const what = `${(await el.textContent())?.trim()} at ${JSON.stringify(box)}`;
  expect(box!.x, what).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, what).toBeLessThanOrEqual(vp.width);
  expect(box!.y, what).toBeGreaterThanOrEqual(top);
  expect(box!.y + box!.height, what).toBeLessThanOrEqual(bottom + 0.5);
}

const noSideScroll = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth <= innerWidth);

test('at 360×800, after a filter change, the count and rows with their code and e-mail are on screen without scrolling', async ({ api, keptConsole }) => {
  const users = await api.users(DEMO);
  const ce1a = (await api.classes(DEMO)).find((c) => c.name === 'CE1 A')!;
  const panel = await (await keptConsole('adml', MASSMAIL)).panel({ size: SIDE_PANEL });
  const page = panel.page;
  expect(await noSideScroll(page)).toBe(true);

  await panel.openGroup('Classes');
  await panel.classBox('CE1 A').check();
  const want = expected(users, { classIds: [ce1a.id] });
  await expect(panel.selectedCounter).toHaveText(`${want.length} comptes sélectionnés`);
  // Nothing scrolled: what the director sees right after the tick.
  expect(await page.evaluate(() => scrollY)).toBe(0);
  await expectOnScreen(page, panel.selectedCounter);
  await expectOnScreen(page, panel.noEmailCounter);
  await expectOnScreen(page, panel.activatedCounter);
  await expectOnScreen(page, panel.excludedCounter);
  await expectOnScreen(page, panel.chip('CE1 A'));

  const list = page.locator('.list');
  const byId = new Map(users.map((u) => [u.id, u]));
  let shown = 0;
  for (const row of await panel.rows.all()) {
    const box = await row.boundingBox();
    if (!box || box.y + box.height > Math.min(800, (await list.boundingBox())!.y + (await list.boundingBox())!.height)) break;
    const u = byId.get((await row.getAttribute('data-id'))!)!;
    await expectOnScreen(page, row, list);
    await expectOnScreen(page, panel.codeOf(row), list);
    await expectOnScreen(page, panel.emailOf(row), list);
    await expect(panel.codeOf(row)).toHaveText(u.activationCode ?? '✓ Activé');
    await expect(panel.emailOf(row)).toHaveText(u.email?.trim() ? `✉ ${u.email}` : 'sans courriel');
    await expect(row.getByRole('checkbox', { name: `Inclure ${u.firstName} ${u.lastName}` })).toBeChecked();
    shown++;
  }
  expect(shown).toBeGreaterThanOrEqual(3);
  expect(await noSideScroll(page)).toBe(true);

  // The chip removes its filter, and the keyboard stays in the filter bar.
  await panel.chip('CE1 A').click();
  await expect(panel.selectedCounter).toHaveText(`${users.length} comptes sélectionnés`);
  await expect(panel.page.getByRole('searchbox', { name: 'Rechercher (nom, prénom, identifiant)' })).toBeFocused();
});

test('the whole flow by keyboard at 360 px: filter, check, generate, mail', async ({ api, keptConsole }) => {
  const users = await api.users(DEMO);
  const panel = await (await keptConsole('adml', MASSMAIL)).panel({ size: SIDE_PANEL });
  const page = panel.page;
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return '';
      const label = el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? '';
      return `${el.tagName.toLowerCase()}${(el as HTMLInputElement).type ? ':' + (el as HTMLInputElement).type : ''} ${label.trim().replace(/\s+/g, ' ')}`;
    });
  const tabTo = async (re: RegExp, key = 'Tab') => {
    const seen: string[] = [];
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press(key);
      const d = await focused();
      if (re.test(d)) return;
      seen.push(d);
    }
    throw new Error(`${re} not reached by Tab:\n${seen.join('\n')}`);
  };
  await page.locator('body').focus();
  // Filter: open « Profils » and tick « Élève ».
  await tabTo(/^summary Profils/);
  await page.keyboard.press('Enter');
  await tabTo(/^input:checkbox Élève/);
  await page.keyboard.press('Space');
  const students = expected(users, { profiles: ['Student'] });
  await expect(panel.selectedCounter).toHaveText(`${students.length} comptes sélectionnés`);
  // Check: leave the first row out.
  await tabTo(/^input:checkbox Inclure /);
  await page.keyboard.press('Space');
  await expect(panel.excludedCounter).toHaveText('1 exclus');
  // The list is one Tab stop: the arrows move from account to account.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown'); // pressed in a row, as fast as a held key
  await expect(panel.rows.nth(2).getByRole('checkbox')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(panel.excludedCounter).toHaveText('2 exclus');
  await expect(panel.rows.nth(2).getByRole('checkbox')).not.toBeChecked();
  await page.keyboard.press('Space');
  await expect(panel.excludedCounter).toHaveText('1 exclus');
  await expect(panel.selectedCounter).toHaveText(`${students.length - 1} comptes sélectionnés`);
  // Generate: back up to the summary's shortcut, which takes the focus to the publishing section.
  await tabTo(/^button:button Lancer le publipostage/, 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.locator('#publish-title')).toBeFocused();
  await tabTo(/^button:button Générer en PDF$/);
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await page.keyboard.press('Enter');
  expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
  // Focus lands on the PDF's link, announced as ready.
  await expect(page.locator('section.publish a[download]')).toBeFocused({ timeout: 60_000 });
  // Mail: the dialog takes the focus; closing it gives it back to « Envoyer par mail ».
  await tabTo(/^button:button Envoyer par mail$/);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Envoyer les identifiants par courriel' });
  await expect(dialog).toBeVisible();
  await expect.poll(() => dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.locator('section.publish').getByRole('button', { name: 'Envoyer par mail', exact: true })).toBeFocused();
  expect(await noSideScroll(page)).toBe(true);
});

/** The extension's side panel documents open now (Chrome ≥ 116 lists them as SIDE_PANEL contexts). */
const sidePanels = (ext: Ext) =>
  ext.sw.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['SIDE_PANEL' as chrome.runtime.ContextType] })).map((c) => c.documentUrl ?? ''));
const panelTabs = (ext: Ext) => ext.context.pages().filter((p) => p.url().includes('/panel.html')).length;

/**
 * Height, position and look of each button of the console's publishing row, ours included, once
 * settled: the console's buttons ease their colours in (CSS transitions of .25 s), so a reading taken
 * mid-transition would compare a passing shade.
 */
const rowLook = (c: ConsolePage) =>
  c.publishRow.locator(':scope > button').evaluateAll((bs) =>
    bs.map((b) => {
      for (const a of b.getAnimations()) a.finish();
      const r = b.getBoundingClientRect();
      const cs = getComputedStyle(b);
      return { label: (b.textContent ?? '').replace(/\s+/g, ' ').trim(), top: Math.round(r.top), height: Math.round(r.height),
        look: [cs.color, cs.backgroundColor, cs.borderTopColor, cs.borderTopWidth, cs.fontSize, cs.fontFamily, cs.paddingTop] };
    }));

test('« Publipostage avancé » is a third button of the console’s row, of its look, and opens the side panel bound to that tab', async ({ ext, api, consolePage }) => {
  const errors: string[] = [];
  consolePage.on('pageerror', (e) => errors.push(e.message));
  // Wide enough for the console's row to hold three buttons (narrower, its row wraps, ours last).
  await consolePage.setViewportSize({ width: 1600, height: 1000 });
  await loginAs(consolePage, api, 'adml', MASSMAIL);
  const console_ = new ConsolePage(consolePage);
  await console_.waitTable();
  await expect(console_.publishRow.getByRole('button', { name: 'Publipostage avancé', exact: true })).toBeVisible({ timeout: CONSOLE_BOOT_MS });
  // A sibling of the console's two buttons, after them, on the same line, same height, colours and font.
  const look = await rowLook(console_);
  expect(look.map((b) => b.label)).toEqual(['Générer en PDF', 'Envoyer par mail', 'Publipostage avancé']);
  expect(new Set(look.map((b) => b.top)).size, JSON.stringify(look)).toBe(1);
  expect(look[2]!.height).toBe(look[0]!.height);
  expect(look[2]!.look).toEqual(look[0]!.look);
  // Ours by its label and title, not the console's.
  await expect(console_.door).toHaveAttribute('title', /Publipostage ONE \(extension\)/);
  const tabId = await tabIdFor(ext, MASSMAIL);
  expect(await sidePanels(ext)).toEqual([]);
  const tabsBefore = panelTabs(ext);
  await console_.door.click();
  await expect.poll(() => sidePanels(ext)).toEqual([expect.stringContaining(`/panel.html?tab=${tabId}`)]);
  expect(panelTabs(ext)).toBe(tabsBefore); // the side panel, not the tab fallback

  // The console's own filters redraw the table and the counters: the button stays, once.
  await consolePage.getByRole('button', { name: 'Filtrer la liste à publiposter' }).click();
  await consolePage.locator('ode-mass-mail table thead input[placeholder="Rechercher"]').first().fill('Martin');
  await expect.poll(() => console_.rows.count(), { timeout: CONSOLE_BOOT_MS }).toBeLessThan(30);
  await expect(console_.door).toHaveCount(1);
  // Leaving the tab and coming back re-creates the whole massmail component: the button comes back with it.
  await console_.tab('Exporter des comptes').click();
  await expect(consolePage).toHaveURL(/\/imports-exports\/export$/);
  await expect(console_.door).toHaveCount(0);
  await console_.tab('Distribuer les comptes').click();
  await expect(consolePage).toHaveURL(new RegExp(`${MASSMAIL}$`));
  await expect(console_.publishRow.getByRole('button', { name: 'Publipostage avancé', exact: true })).toBeVisible({ timeout: CONSOLE_BOOT_MS });
  expect((await rowLook(console_)).map((b) => b.label)).toEqual(['Générer en PDF', 'Envoyer par mail', 'Publipostage avancé']);
  await console_.door.click();
  await expect.poll(() => sidePanels(ext)).toEqual([expect.stringContaining(`/panel.html?tab=${tabId}`)]);
  expect(errors).toEqual([]);
});

test('« Publipostage avancé » stays away, quietly, when the console’s row is not the one we know', async ({ api, consolePage }) => {
  const errors: string[] = [];
  consolePage.on('pageerror', (e) => errors.push(e.message));
  await loginAs(consolePage, api, 'adml', MASSMAIL);
  const console_ = new ConsolePage(consolePage);
  await expect(console_.door).toBeVisible({ timeout: CONSOLE_BOOT_MS });
  // A console version whose row holds other buttons: ours leaves and does not come back.
  await consolePage.evaluate(() => {
    const row = document.querySelector('div.mailing__publish > div')!;
    row.querySelector('.publipostage-one-door')?.remove();
    row.querySelector('button.cell')!.textContent = 'Exporter';
  });
  await expect(console_.consoleButton('Exporter')).toBeVisible();
  await consolePage.waitForTimeout(1200); // more than two of the content script's ticks
  await expect(console_.door).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('the teacher’s class page gets the same button, which opens the side panel', async ({ ext, api, consolePage }) => {
  await loginAs(consolePage, api, 'teacher', '/directory/class-admin');
  const console_ = new ConsolePage(consolePage);
  // entcore's real class page: AngularJS builds its buttons a while after load.
  await expect(console_.classOptions.getByRole('button', { name: 'Publipostage avancé', exact: true })).toBeVisible({ timeout: 20_000 });
  const tabId = await tabIdFor(ext, '/directory/class-admin');
  await console_.door.click();
  await expect.poll(() => sidePanels(ext)).toContainEqual(expect.stringContaining(`/panel.html?tab=${tabId}`));
});

