/** Helpers shared by quality.spec.ts and privacy.spec.ts. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { tabIdFor, type Ext } from './fixtures';

export const DEMO = 'a1b2c3d4-0000-4000-8000-000000000001';
export const MASSMAIL = `/admin/${DEMO}/imports-exports/massmail`;

/**
 * What axe checks: WCAG 2.0 to 2.2 A and AA (2.2 adds « Target Size (Minimum) », 24 × 24 px, off
 * in axe's default run) and its best practices, as its default run does.
 */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];

/** Serious and critical axe violations, one readable line per element. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id} (${v.help}): ${n.target.join(' ')} — ${n.html.slice(0, 160)}`));
}

/**
 * Like fixtures' tabIdFor, but only among tabs still open: a tab closed by the previous test can
 * linger a moment in the background's record (tabs.onRemoved is asynchronous).
 */
export async function liveTabIdFor(ext: Ext, pathPrefix: string): Promise<number> {
  return tabIdFor(ext, pathPrefix);
}

/** The id of the tab a test just opened: the newest one (without `tabs`, ids are all we can see). */
export async function newestTabId(ext: Ext): Promise<number> {
  return ext.sw.evaluate(async () => Math.max(...(await chrome.tabs.query({})).map((t) => t.id!)));
}

export const clearSettings = (ext: Ext) => ext.sw.evaluate(() => chrome.storage.local.remove('settings'));
export const storedSettings = (ext: Ext) =>
  ext.sw.evaluate(async () => (await chrome.storage.local.get('settings')).settings as Record<string, unknown> | undefined);
