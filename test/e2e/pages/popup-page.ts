/** Page object for the toolbar popup, opened as a tab for a given tab: popup.html?tab=<id>. */
import { expect, type Locator, type Page } from '@playwright/test';
import type { Ext } from '../fixtures';

export class PopupPage {
  constructor(public readonly page: Page) {}

  static async open(ext: Ext, tabId: number): Promise<PopupPage> {
    const page = await ext.context.newPage();
    await page.goto(`chrome-extension://${ext.id}/popup.html?tab=${tabId}`);
    const p = new PopupPage(page);
    await expect(p.settingsLink).toBeVisible();
    return p;
  }

  get count(): Locator {
    return this.page.locator('.count');
  }
  get openButton(): Locator {
    return this.page.getByRole('button', { name: 'Ouvrir le publipostage', exact: true });
  }
  get quickSearch(): Locator {
    return this.page.getByRole('searchbox', { name: 'Recherche rapide (réunion de parents)' });
  }
  get quickSearchButton(): Locator {
    return this.page.getByRole('button', { name: 'Chercher', exact: true });
  }
  get siteAddress(): Locator {
    return this.page.getByRole('textbox', { name: 'Adresse de votre ENT' });
  }
  get enableButton(): Locator {
    return this.page.getByRole('button', { name: 'Activer sur ce site', exact: true });
  }
  get settingsLink(): Locator {
    return this.page.getByRole('link', { name: 'Réglages', exact: true });
  }
  get alert(): Locator {
    return this.page.getByRole('alert');
  }
}
