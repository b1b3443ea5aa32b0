/** Page object for the fake console's pages, as far as the extension adds to them: the « Publipostage avancé » button. */
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
  get door(): Locator {
    return this.page.getByRole('button', { name: 'Publipostage avancé', exact: true });
  }
}
