/**
 * Page object for the console's pages, as far as the tests need them: the « Publipostage avancé »
 * button, and on the teacher's page (entcore's real class page, test/real-class-admin) what a teacher
 * uses there: the class selector and the page's own class chooser.
 */
import type { Locator, Page } from '@playwright/test';

export class ConsolePage {
  constructor(public readonly page: Page) {}

  /** The console's own bar « Lancer le publipostage : » (one-console.md §4.1, item 5). */
  get publishBar(): Locator {
    return this.page.locator('div.mailing__publish');
  }
  /** The teacher's class page: the big buttons under the class header. */
  get classOptions(): Locator {
    return this.page.locator('section.class-admin__options');
  }
  /** The page's own « Créer les fiches de connexion » (found by its action, as the README of test/real-class-admin says). */
  get exportButton(): Locator {
    return this.classOptions.locator('a[ng-click="goToExport()"]');
  }
  get door(): Locator {
    return this.page.getByRole('button', { name: 'Publipostage avancé', exact: true });
  }
  /** The class the page shows (`option.value` is the class id). */
  get classSelect(): Locator {
    return this.page.locator('select.class-admin__select');
  }
  /** The page's user list rows (only the current tab's users are drawn). */
  get userRows(): Locator {
    return this.page.locator('tr.class-admin__list');
  }
  /** The page's class chooser for a teacher without a class (template admin/class/choose-class.html). */
  get chooser(): Locator {
    return this.page.locator('div.choose-class');
  }
  chooserClass(name: string): Locator {
    return this.chooser.locator('.class-card').filter({ hasText: new RegExp(`^\\s*${name}\\s*$`) });
  }
  get chooserValidate(): Locator {
    return this.chooser.getByRole('button', { name: 'Valider', exact: true });
  }
}
