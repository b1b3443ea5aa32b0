/** Page object for the panel, opened as a tab bound to a console tab: specs never inline selectors. */
import { expect, type Locator, type Page } from '@playwright/test';
import type { Ext } from '../fixtures';

export class PanelPage {
  constructor(public readonly page: Page) {}

  static async open(ext: Ext, tabId: number): Promise<PanelPage> {
    const page = await ext.context.newPage();
    await page.goto(`chrome-extension://${ext.id}/panel.html?tab=${tabId}`);
    return new PanelPage(page);
  }

  get selectedCounter(): Locator {
    return this.page.locator('.count-selected');
  }
  get noEmailCounter(): Locator {
    return this.page.locator('.count-no-email');
  }
  get activatedCounter(): Locator {
    return this.page.locator('.count-activated');
  }
  get alert(): Locator {
    return this.page.getByRole('alert');
  }

  async waitReady(): Promise<void> {
    await expect(this.selectedCounter).toBeVisible({ timeout: 20_000 });
  }

  async selectedCount(): Promise<number> {
    return Number((await this.selectedCounter.textContent())!.match(/\d+/)![0]);
  }

  profile(label: string): Locator {
    return this.page.getByRole('group', { name: /Profils/ }).getByRole('checkbox', { name: label, exact: true });
  }
  classBox(name: string): Locator {
    return this.page.getByRole('group', { name: 'Classes' }).getByRole('checkbox', { name, exact: true });
  }
  select(name: string): Locator {
    return this.page.getByRole('combobox', { name, exact: true });
  }
  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  /** Every row of the verification list, scrolling the virtual list from top to bottom. */
  async allRows(): Promise<Array<{ id: string; cells: string[] }>> {
    const list = this.page.locator('.list');
    const seen = new Map<string, string[]>();
    const order: string[] = [];
    await list.evaluate((el) => (el.scrollTop = 0));
    for (let guard = 0; guard < 1000; guard++) {
      const rows = await list.locator('tbody tr[data-id]').evaluateAll((trs) =>
        trs.map((tr) => ({ id: tr.getAttribute('data-id')!, cells: Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '') })),
      );
      for (const r of rows) if (!seen.has(r.id)) (seen.set(r.id, r.cells), order.push(r.id));
      const done = await list.evaluate((el) => {
        const end = el.scrollTop + el.clientHeight >= el.scrollHeight - 2;
        el.scrollTop += el.clientHeight - 40;
        return end;
      });
      await this.page.waitForTimeout(30);
      if (done) break;
    }
    return order.map((id) => ({ id, cells: seen.get(id)! }));
  }
}
