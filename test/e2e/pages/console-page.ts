/**
 * Page object for the console's pages: entcore's real admin console (test/real-console) on
 * /admin/*, the teacher's class page, and the « Publipostage avancé » button the extension adds.
 * Selectors name what a director sees (roles, labels) where the real DOM allows it; never the
 * `_ngcontent-*` attributes, which change on every load.
 */
import { expect, type Locator, type Page } from '@playwright/test';

/** The real console boots in seconds on a loaded 2-core machine (about 15 s for 5,000 rows while busy). */
export const CONSOLE_BOOT_MS = 90_000;

export class ConsolePage {
  constructor(public readonly page: Page) {}

  /** The console's own bar « Lancer le publipostage : » (one-console.md §4.1, item 5). */
  get publishBar(): Locator {
    return this.page.locator('ode-mass-mail div.mailing__publish');
  }
  /** The row of buttons in that bar: the console's « Générer en PDF », « Envoyer par mail » (and ours). */
  get publishRow(): Locator {
    return this.publishBar.locator(':scope > div');
  }
  /** One of the console's own buttons, by its label. */
  consoleButton(name: string): Locator {
    return this.publishRow.getByRole('button', { name, exact: true });
  }
  /** The console's tabs « Importer des utilisateurs », « Exporter des comptes », « Distribuer les comptes ». */
  tab(name: string): Locator {
    return this.page.locator('ode-imports-exports-root div.tabs').getByRole('button', { name, exact: true });
  }
  /** The console's table rows (redrawn whole on every filter, search and sort). */
  get rows(): Locator {
    return this.page.locator('ode-mass-mail table tbody tr');
  }
  /** « 293 comptes sélectionnés au total »: the console's own count. */
  get total(): Locator {
    return this.page.locator('ode-mass-mail div.message.is-info div.message-body');
  }
  /** The teacher's class page: the big buttons under the class header. */
  get classOptions(): Locator {
    return this.page.locator('section.class-admin__options');
  }
  get door(): Locator {
    return this.page.getByRole('button', { name: 'Publipostage avancé', exact: true });
  }

  /**
   * Waits until the console has drawn its table from its own allUsers read, with `count` rows when
   * given: on state, never on time. Returns the number of rows.
   */
  async waitTable(count?: number): Promise<number> {
    if (count === undefined) await expect(this.rows.first()).toBeAttached({ timeout: CONSOLE_BOOT_MS });
    else await expect(this.total).toHaveText(new RegExp(`^\\s*${count}\\s+comptes? sélectionnés? au total\\s*$`), { timeout: CONSOLE_BOOT_MS });
    if (count !== undefined) await expect(this.rows).toHaveCount(count, { timeout: CONSOLE_BOOT_MS });
    return this.rows.count();
  }
}

/** Shorthand for tests that only need the console to have drawn its table. */
export const consoleTable = (page: Page, count?: number): Promise<number> => new ConsolePage(page).waitTable(count);
