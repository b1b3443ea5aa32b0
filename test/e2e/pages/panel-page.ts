/** Page object for the panel, opened as a tab bound to a console tab: specs never inline selectors. */
import { expect, type Locator, type Page } from '@playwright/test';
import type { Ext } from '../fixtures';

export class PanelPage {
  constructor(public readonly page: Page) {}

  static async open(ext: Ext, tabId: number, viewport?: { width: number; height: number }, params: Record<string, string> = {}): Promise<PanelPage> {
    const page = await ext.context.newPage();
    // Chrome's side panel is ~360 px wide: set before loading, the panel picks its layout at start.
    if (viewport) await page.setViewportSize(viewport);
    await page.goto(`chrome-extension://${ext.id}/panel.html?${new URLSearchParams({ tab: String(tabId), ...params })}`);
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
  get excludedCounter(): Locator {
    return this.page.locator('.count-excluded');
  }
  /** The verification list's rows: table rows at full width, two-line items below 720 px. */
  get rows(): Locator {
    return this.page.locator('.list [data-id]');
  }
  /** A row's code cell (the code, or « ✓ Activé ») and e-mail cell (the address, or « sans courriel »), compact rows. */
  codeOf(row: Locator): Locator {
    return row.locator('[data-cell="code"]');
  }
  emailOf(row: Locator): Locator {
    return row.locator('[data-cell="email"]');
  }
  /** A filter group's toggle (« Profils », « Classes », « Autres critères »): closed by default at 360 px. */
  group(name: string): Locator {
    return this.page.locator('details.group > summary', { hasText: name });
  }
  async openGroup(name: string): Promise<void> {
    const details = this.group(name).locator('..');
    if ((await details.getAttribute('open')) === null) await this.group(name).click();
  }
  /** The active filters, as removable chips. */
  chip(label: string): Locator {
    return this.page.getByRole('group', { name: 'Filtres actifs' }).getByRole('button', { name: `Retirer le filtre ${label}`, exact: true });
  }
  get alert(): Locator {
    return this.page.getByRole('alert');
  }

  async waitReady(): Promise<void> {
    // The real console boots beside the panel (5,000 rows: about 15 s on a busy 2-core machine) and
    // competes with the panel's read for the CPU: wait on the panel's state, generously.
    await expect(this.selectedCounter).toBeVisible({ timeout: 90_000 });
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

  /**
   * Every row of the verification list, in order, the list on screen, scrolling it row by row: each step
   * waits for the first row not yet read to be drawn (no fixed delay, so a busy machine only slows it).
   */
  async allRows(): Promise<Array<{ id: string; cells: string[] }>> {
    const list = this.page.locator('.list');
    const total = await this.selectedOrShownCount();
    const byIndex = new Map<number, { id: string; cells: string[] }>();
    // Read as a director reads it: on screen (the list draws the rows the window shows).
    await list.scrollIntoViewIfNeeded();
    await list.evaluate((el) => (el.scrollTop = 0));
    while (byIndex.size < total) {
      let next = 0;
      while (byIndex.has(next)) next++;
      // Bring the first row not read yet to the top, and wait until it is drawn.
      await list.evaluate((el, i) => {
        const row = el.querySelector<HTMLElement>('[data-index]');
        el.scrollTop = i * (row?.offsetHeight ?? 30);
      }, next);
      await list.locator(`[data-index="${next}"]`).waitFor({ state: 'attached' });
      const rows = await list.locator('[data-index]').evaluateAll((els) =>
        els.map((r) => ({
          index: Number(r.getAttribute('data-index')),
          id: r.getAttribute('data-id')!,
          cells: Array.from(r.querySelectorAll('td, [data-cell]')).map((c) => c.textContent ?? ''),
        })),
      );
      for (const r of rows) byIndex.set(r.index, { id: r.id, cells: r.cells });
    }
    return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
  }

  /** How many rows the list holds (all filtered accounts, included or not): the table's aria-rowcount, else the list's size. */
  private async selectedOrShownCount(): Promise<number> {
    const table = this.page.locator('.list table');
    if (await table.count()) return Number(await table.getAttribute('aria-rowcount')) - 1;
    return Number(await this.page.locator('.list ul').getAttribute('data-count'));
  }

  /** Like `open`, with extra panel URL parameters (e.g. `{ mailTimeoutMs: '2000' }`). */
  static async openWith(ext: Ext, tabId: number, params: Record<string, string>): Promise<PanelPage> {
    const page = await ext.context.newPage();
    const q = new URLSearchParams({ tab: String(tabId), ...params });
    await page.goto(`chrome-extension://${ext.id}/panel.html?${q}`);
    return new PanelPage(page);
  }

  /**
   * Clicks « Envoyer par mail » (the publish section's button) and returns the dialog once it offers a
   * choice; with `{ any: true }`, once it shows anything past its first check (e.g. a run elsewhere).
   */
  async openMail({ any = false }: { any?: boolean } = {}): Promise<MailDialog> {
    await this.page.locator('section.publish').getByRole('button', { name: 'Envoyer par mail', exact: true }).click();
    const d = new MailDialog(this);
    if (any) await expect(d.root.getByRole('button').first()).toBeVisible();
    else await expect(d.button('Envoyer').or(d.button('Reprendre l’envoi'))).toBeVisible();
    return d;
  }
}

/** The « Envoyer par mail » dialog of the panel (confirmation, progress, report). */
export class MailDialog {
  constructor(public readonly panel: PanelPage) {}

  /** The dialog, whatever its phase's title (« Envoyer les identifiants par courriel », « Envoi des courriels », « Bilan de l’envoi »…). */
  get root(): Locator {
    return this.panel.page.locator('.mail-dialog[role=dialog]');
  }
  get title(): Locator {
    return this.root.getByRole('heading', { level: 2 });
  }
  button(name: string): Locator {
    return this.root.getByRole('button', { name, exact: true });
  }
  /** The live line: « Envoi des courriels… x / y » while running, the stop or pause reason once ended. */
  get status(): Locator {
    return this.root.getByRole('status');
  }
  get report(): Locator {
    return this.root.locator('.report');
  }

  /**
   * « Bilan pour {selected} comptes : {sent} envoyés, {skipped} sans courriel, {failed} en échec,
   * {unknown} incertains, {refused} refusés, {notSent} non envoyés (envoi arrêté). » as numbers; the six
   * outcomes must add up to the accounts of the campaign.
   */
  async reportCounts(): Promise<{ sent: number; skipped: number; failed: number; unknown: number; refused: number; notSent: number }> {
    const { selected, ...rest } = await this.tally();
    return rest;
  }
  async tally(): Promise<{ selected: number; sent: number; skipped: number; failed: number; unknown: number; refused: number; notSent: number }> {
    // French typography puts a no-break space before the colon: read it as the space a reader sees
    const text = ((await this.report.textContent()) ?? '').replace(/\s+/g, ' ').trim();
    const m = text.match(/^Bilan pour (\d+) comptes? : (\d+) envoyés?, (\d+) sans courriel, (\d+) en échec, (\d+) incertains?, (\d+) refusés?, (\d+) non envoyés? \(envoi arrêté\)\.$/);
    if (!m) throw new Error(`unexpected report line: ${text}`);
    // Agreement as a director writes it: « 1 envoyé », « 12 envoyés », « 0 incertain ».
    const agree = (n: string, w: string) => `${n} ${w}${Number(n) > 1 ? 's' : ''}`;
    expect(text).toBe(
      `Bilan pour ${agree(m[1]!, 'compte')} : ${agree(m[2]!, 'envoyé')}, ${m[3]} sans courriel, ${m[4]} en échec, ${agree(m[5]!, 'incertain')}, ${agree(m[6]!, 'refusé')}, ${m[7]} non ${agree(m[7]!, 'envoyé').replace(/^\d+ /, '')} (envoi arrêté).`,
    );
    const [selected, sent, skipped, failed, unknown, refused, notSent] = m.slice(1, 8).map(Number) as [number, number, number, number, number, number, number];
    expect(sent + skipped + failed + unknown + refused + notSent, `the report adds up: ${text}`).toBe(selected);
    return { selected, sent, skipped, failed, unknown, refused, notSent };
  }
  /** The run is over (finished, paused or stopped): the report's export button is shown. */
  async waitEnded(timeout = 60_000): Promise<void> {
    await expect(this.button('Exporter le bilan (CSV)')).toBeVisible({ timeout });
  }
  /** Accounts answered so far (« Envoi des courriels… done / total »), or null when not running. */
  async done(): Promise<number | null> {
    const m = ((await this.status.textContent()) ?? '').match(/Envoi des courriels… (\d+) \/ (\d+)/);
    return m ? Number(m[1]) : null;
  }
}
