/** Page object for the panel's « Suivi des activations » section (table from 720 px, compact rows below). */
import { expect, type Locator } from '@playwright/test';
import type { PanelPage } from './panel-page';

export interface RowNumbers {
  total: number;
  activated: number;
  percent: string;
  students: string;
  parents: string;
  reached: number;
  notReached: number;
  blocked: number;
}

export class FollowUpView {
  constructor(public readonly panel: PanelPage) {}

  get root(): Locator {
    return this.panel.page.locator('details.follow-up');
  }
  async open(): Promise<void> {
    // The section is counted just after the panel's counter shows (aria-busy meanwhile): its rows first.
    await expect(this.root).toHaveAttribute('aria-busy', 'false', { timeout: 30_000 });
    await this.root.locator('summary').click();
    await expect(this.root).toHaveAttribute('open', '');
  }
  row(key: string): Locator {
    return this.root.locator(`.fu-row[data-key="${key}"]`);
  }
  /** Row keys in display order (`c:<class>`, `none`, `teachers`, `personnel`, `guests`). */
  async keys(): Promise<string[]> {
    return this.root.locator('.fu-row[data-key]').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')!));
  }
  /** The numbers of every row as the full-width table shows them, by row key, plus `total`. */
  async table(): Promise<Record<string, RowNumbers>> {
    await expect(this.root.locator('table.fu-table')).toBeVisible();
    return this.root.locator('table.fu-table tbody tr, table.fu-table tfoot tr').evaluateAll((trs) =>
      Object.fromEntries(
        trs.map((tr) => {
          const cell = (c: string) => (tr.querySelector(`.${c}`)?.textContent ?? '').trim();
          return [
            tr.getAttribute('data-key') ?? 'total',
            {
              total: Number(cell('fu-total')),
              activated: Number(cell('fu-activated')),
              percent: cell('fu-percent'),
              students: cell('fu-students'),
              parents: cell('fu-parents'),
              reached: Number(cell('fu-reached')),
              notReached: Number(cell('fu-not-reached')),
              blocked: Number(cell('fu-blocked')),
            },
          ];
        }),
      ),
    );
  }
  /** The checkbox of a row, by its accessible name (« Sélectionner la ligne de CE1 A »). */
  pick(of: string): Locator {
    return this.root.getByRole('checkbox', { name: `Sélectionner la ligne ${of}`, exact: true });
  }
  button(name: RegExp | string): Locator {
    return this.root.getByRole('button', { name, exact: typeof name === 'string' });
  }
  get selection(): Locator {
    return this.root.locator('.fu-selection');
  }
  trendText(key: string): Locator {
    return this.row(key).locator('.fu-trend-text');
  }
}
