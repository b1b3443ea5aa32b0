/** Page object for the options page (chrome-extension://<id>/options.html). */
import { expect, type Locator, type Page } from '@playwright/test';
import type { Ext } from '../fixtures';

export class OptionsPage {
  constructor(public readonly page: Page) {}

  static async open(ext: Ext): Promise<OptionsPage> {
    const page = await ext.context.newPage();
    const o = new OptionsPage(page);
    await o.goto(ext);
    return o;
  }

  async goto(ext: Ext): Promise<void> {
    await this.page.goto(`chrome-extension://${ext.id}/options.html`);
    await expect(this.saveButton).toBeVisible();
  }

  field(label: string | RegExp): Locator {
    return this.page.getByLabel(label, { exact: typeof label === 'string' });
  }
  get entUrl(): Locator {
    return this.page.getByRole('textbox', { name: /Adresse de l’ENT imprimée|ENT address printed/ });
  }
  get schoolName(): Locator {
    return this.page.getByRole('textbox', { name: /Nom de l’école|School name/ });
  }
  get customText(): Locator {
    return this.page.getByRole('textbox', { name: /Paragraphe personnalisé|Custom paragraph/ });
  }
  get logoInput(): Locator {
    return this.page.getByLabel(/^Logo/);
  }
  get logoPreview(): Locator {
    return this.page.getByRole('img', { name: /Aperçu du logo|Logo preview/ });
  }
  get defaultModel(): Locator {
    return this.page.getByRole('combobox', { name: /Modèle par défaut|Default layout/ });
  }
  get sheetLang(): Locator {
    return this.page.getByRole('combobox', { name: /Langue des fiches|Sheet language/ });
  }
  get uiLang(): Locator {
    return this.page.getByRole('combobox', { name: /Langue de l’interface|Interface language/ });
  }
  qr(label: string): Locator {
    return this.page.getByRole('group', { name: /QR code/ }).getByRole('radio', { name: label, exact: true });
  }
  bundles(label: string): Locator {
    return this.page.getByRole('group', { name: /Lots par classe|Class bundles/ }).getByRole('radio', { name: label, exact: true });
  }
  get saveButton(): Locator {
    return this.page.getByRole('button', { name: /^(Enregistrer|Save)$/ });
  }
  get exportButton(): Locator {
    return this.page.getByRole('button', { name: /Exporter les réglages|Export the settings/ });
  }
  get importInput(): Locator {
    return this.page.getByLabel(/Importer des réglages|Import settings/);
  }
  get status(): Locator {
    return this.page.getByRole('status').filter({ hasText: /\S/ });
  }
  get alert(): Locator {
    return this.page.getByRole('alert');
  }
}
