/**
 * Issue 22, items 2 to 10: the panel a director trusts at first sight, each point at Chrome's side
 * panel size (360 × 800) and at full width (1280 × 900). Screenshots of the states a reviewer looks
 * at go to the test's output folder (test-results/…): rows after a print and a mail, meeting mode
 * with a family found, the plan.
 */
import type { Locator, Page, TestInfo } from '@playwright/test';
import { test, expect, loginAs, tabIdFor, type FakeConsole, type FakeUser, type KeptConsoleFixture } from './fixtures';
import { PanelPage } from './pages/panel-page';
import { PopupPage } from './pages/popup-page';
import { OptionsPage } from './pages/options-page';
import { expected, familyOf, shownLogin } from './oracle';
import { DEMO, MASSMAIL, seriousViolations } from './quality-helpers';

const SIZES = [
  { width: 360, height: 800 },
  { width: 1280, height: 900 },
];

const openPanel = async (kept: KeptConsoleFixture, size: { width: number; height: number }): Promise<PanelPage> => (await kept('adml', MASSMAIL)).panel({ size });

const frToday = () => new Date().toLocaleDateString('fr-FR');

async function shot(page: Page, info: TestInfo, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: info.outputPath(`${name}.png`), fullPage });
}

/** The element's text is cut (ellipsis or overflow): what it shows is narrower than what it holds. */
const clipped = (el: Locator) => el.evaluate((e) => e.scrollWidth > e.clientWidth + 0.5);

/** The rows wholly inside the list box and the window, as the director sees them without scrolling. */
async function wholeRows(panel: PanelPage): Promise<Locator[]> {
  const list = (await panel.page.locator('.list').boundingBox())!;
  const vp = panel.page.viewportSize()!;
  const out: Locator[] = [];
  for (const row of await panel.rows.all()) {
    const b = await row.boundingBox();
    if (!b) continue;
    if (b.y >= Math.max(0, list.y) - 0.5 && b.y + b.height <= Math.min(vp.height, list.y + list.height) + 0.5) out.push(row);
  }
  return out;
}

/**
 * Every click target on screen smaller than 24 × 24 px (WCAG 2.2, 2.5.8). A box's label counts when
 * it wraps it (a click on it ticks the box); a link inside a sentence is the standard's inline exception.
 */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('button, a[href], input:not([type=hidden]), select, textarea, summary')) {
      let r = el.getBoundingClientRect();
      if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden') continue;
      if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
        const label = el.closest('label');
        if (label) r = label.getBoundingClientRect();
      }
      const parent = el.parentElement;
      if (el.tagName === 'A' && parent && parent.textContent!.trim() !== el.textContent!.trim() && !el.closest('.list')) continue;
      if (r.width < 23.5 || r.height < 23.5)
        bad.push(`${el.tagName.toLowerCase()} « ${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)} » ${r.width.toFixed(1)} × ${r.height.toFixed(1)}`);
    }
    return bad;
  });
}


for (const size of SIZES) {
  const narrow = size.width < 720;
  const at = `${size.width}×${size.height}`;

  test.describe(`at ${at}`, () => {
    test('after a print and a mail, the rows keep the code and the e-mail readable; the stamp says what happened, to screen readers too', async ({ api, keptConsole }, info) => {
      const users = await api.users(DEMO);
      const ce1a = (await api.classes(DEMO)).find((c) => c.name === 'CE1 A')!;
      const panel = await openPanel(keptConsole, size);
      const page = panel.page;
      await panel.openGroup('Classes');
      await panel.classBox('CE1 A').check();
      const want = expected(users, { classIds: [ce1a.id] });
      await expect(panel.selectedCounter).toHaveText(`${want.length} comptes sélectionnés`);

      const download = page.waitForEvent('download', { timeout: 90_000 });
      await panel.button('Générer en PDF').click();
      await download;
      const mail = await panel.openMail();
      await mail.button('Envoyer').click();
      await mail.waitEnded();
      await mail.button('Fermer').click();
      const mailed = new Set((await api.mails()).map((m) => m.userId));
      expect(mailed.size).toBeGreaterThan(0);
      const byId = new Map(users.map((u) => [u.id, u]));
      const stampOf = (u: FakeUser) => (mailed.has(u.id) ? `Envoyé le ${frToday()}` : `Imprimé le ${frToday()}`);

      await page.locator('.list').scrollIntoViewIfNeeded();
      await shot(page, info, `rows-after-print-and-mail-${size.width}`);
      if (narrow) {
        // Two-line rows: the code and the e-mail whole on every row, the stamp an icon named by its sentence.
        const kinds = new Set<string>();
        const onScreen = await wholeRows(panel);
        expect(onScreen.length).toBeGreaterThanOrEqual(3);
        const list = page.locator('.list');
        const seen = new Set<string>();
        // The list is virtual: rows come and go as it scrolls. Each step reads the rows drawn then in
        // one evaluation (a locator kept across a scroll may point at a row no longer there).
        type Drawn = { id: string; code: string; email: string; codeCut: boolean; emailCut: boolean; stamps: { label: string; title: string }[] };
        for (let top = 0; seen.size < want.length && top <= 54 * want.length + 200; top += 200) {
          await list.evaluate((el, y) => (el.scrollTop = y), top);
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
          const drawn: Drawn[] = await list.locator('[data-id]').evaluateAll((rows) =>
            rows.map((r) => {
              const cell = (n: string) => r.querySelector<HTMLElement>(`[data-cell="${n}"]`);
              const cut = (e: HTMLElement | null) => !!e && e.scrollWidth > e.clientWidth + 0.5;
              return {
                id: r.getAttribute('data-id')!,
                code: (cell('code')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
                email: (cell('email')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
                codeCut: cut(cell('code')),
                emailCut: cut(cell('email')),
                stamps: Array.from(r.querySelectorAll('[role="img"][aria-label]'))
                  .filter((e) => /le \d\d\/\d\d\/\d{4}$/.test(e.getAttribute('aria-label') ?? ''))
                  .map((e) => ({ label: e.getAttribute('aria-label')!, title: e.getAttribute('title') ?? '' })),
              };
            }),
          );
          for (const row of drawn) {
            if (seen.has(row.id)) continue;
            seen.add(row.id);
            const u = byId.get(row.id)!;
            expect(row.code, `code of ${u.login}`).toBe(u.activationCode ?? '✓ Activé');
            expect(row.email, `e-mail of ${u.login}`).toBe(u.email?.trim() ? `✉ ${u.email}` : 'sans courriel');
            expect(row.codeCut, `code of ${u.login}`).toBe(false);
            expect(row.emailCut, `e-mail of ${u.login}: ${u.email}`).toBe(false);
            if (u.activationCode) {
              expect(row.stamps, `stamp of ${u.login}`).toEqual([{ label: stampOf(u), title: stampOf(u) }]);
              kinds.add(stampOf(u).split(' ')[0]!);
            } else expect(row.stamps, `stamp of ${u.login}`).toEqual([]);
          }
        }
        expect(seen.size).toBe(want.length);
        expect([...kinds].sort()).toEqual(['Envoyé', 'Imprimé']);
      } else {
        // The table: no sideways scroll, the last column whole, a cut cell keeps its text in a title.
        const list = page.locator('.list');
        expect(await list.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
        const box = (await list.boundingBox())!;
        const lastHead = page.locator('.list th').last();
        const head = (await lastHead.boundingBox())!;
        expect(head.x + head.width).toBeLessThanOrEqual(box.x + box.width + 0.5);
        expect(await clipped(lastHead)).toBe(false);
        const rows = await wholeRows(panel);
        expect(rows.length).toBeGreaterThanOrEqual(3);
        for (const row of rows) {
          const u = byId.get((await row.getAttribute('data-id'))!)!;
          const follow = row.locator('td.follow');
          await expect(follow).toHaveText(u.activationCode ? stampOf(u) : 'Activé');
          expect(await clipped(follow), `follow-up of ${u.login}`).toBe(false);
          await expect(row.locator('td.code')).toHaveText(u.activationCode ?? '');
          expect(await clipped(row.locator('td.code'))).toBe(false);
          for (const td of await row.locator('td').all()) {
            if (await clipped(td)) expect((await td.getAttribute('title'))?.replace(/\s+/g, ' ')).toBe((await td.textContent())!.replace(/\s+/g, ' ').replace(/ \*.*$/, ''));
          }
        }
      }
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= innerWidth)).toBe(true);
    });

    test('after filtering, at least three whole rows of the list are on screen without scrolling', async ({ api, keptConsole }) => {
      const users = await api.users(DEMO);
      const ce1a = (await api.classes(DEMO)).find((c) => c.name === 'CE1 A')!;
      const panel = await openPanel(keptConsole, size);
      // Three groups, one after the other, each with a value chosen.
      await panel.openGroup('Profils');
      await panel.profile('Parent').check();
      await panel.openGroup('Classes');
      await panel.classBox('CE1 A').check();
      await panel.openGroup('Autres critères');
      await panel.select('Courriel').selectOption({ label: 'Utilisateur avec courriel' });
      const want = expected(users, { profiles: ['Relative'], classIds: [ce1a.id], withEmail: true });
      expect(want.length).toBeGreaterThanOrEqual(3);
      await expect(panel.selectedCounter).toHaveText(`${want.length} comptes sélectionnés`);
      await expect(panel.chip('Sans courriel').or(panel.chip('Avec courriel'))).toBeVisible();
      // The count stays in view (sticky), and the result under it.
      const counter = (await panel.selectedCounter.boundingBox())!;
      expect(counter.y).toBeGreaterThanOrEqual(0);
      const rows = await wholeRows(panel);
      expect(rows.length, `rows wholly on screen: ${rows.length}`).toBeGreaterThanOrEqual(3);
      const ids = new Set(want.map((u) => u.id));
      for (const row of rows) expect(ids.has((await row.getAttribute('data-id'))!)).toBe(true);
      if (narrow) {
        // One group open at a time at 360 px: the last one opened.
        await expect(panel.page.locator('details.group[open]')).toHaveCount(1);
        await expect(panel.page.locator('details.group[open] > summary')).toContainText('Autres critères');
      }
    });

    test('meeting mode shows only the family found, its codes on demand; no « Marquer comme remis » for a family all activated', async ({ api, keptConsole }, info) => {
      const users = await api.users(DEMO);
      const panel = await openPanel(keptConsole, size);
      const page = panel.page;
      await page.getByText('Mode réunion').click();
      // Nothing of the list, the filters, the follow-up or the publishing while a parent looks.
      for (const hidden of [page.locator('.list'), page.locator('section.filters'), page.locator('section.publish'), page.locator('details.plan'), page.locator('.summary')]) await expect(hidden).toBeHidden();
      await page.getByLabel('Rechercher un élève ou un parent').fill('valentin coeurd');
      const card = page.getByRole('listitem', { name: /^Famille / }).first();
      const valentin = users.find((u) => u.firstName === 'Valentin' && u.lastName === 'Cœurderoy')!;
      await expect(card).toContainText('Valentin Cœurderoy');
      const codes = users.filter((u) => u.activationCode).map((u) => u.activationCode!);
      const shownCodes = async () => {
        const text = await page.evaluate(() => document.body.innerText);
        return codes.filter((c) => text.includes(c));
      };
      expect(await shownCodes()).toEqual([]);
      expect(valentin.activationCode).toBeTruthy();
      const show = card.getByRole('button', { name: 'Afficher le code de Valentin Cœurderoy' });
      await expect(show).toHaveText('Afficher le code');
      await show.click();
      expect(await shownCodes()).toEqual([valentin.activationCode]);
      await shot(page, info, `meeting-family-${size.width}`, narrow);
      await card.getByRole('button', { name: 'Masquer le code de Valentin Cœurderoy' }).click();
      expect(await shownCodes()).toEqual([]);
      await expect(card.getByRole('button', { name: 'Marquer comme remis' })).toBeVisible();

      // A family whose accounts are all activated: nothing to hand over.
      const done = users.find((u) => u.profile === 'Student' && u.parents.length > 0 && [...familyOf(users, u)].every((id) => !users.find((x) => x.id === id)?.activationCode))!;
      expect(done, 'a family all activated in the demo school').toBeTruthy();
      await page.getByLabel('Rechercher un élève ou un parent').fill(`${done.firstName} ${done.lastName}`);
      const doneCard = page.getByRole('listitem', { name: /^Famille / }).filter({ hasText: `${done.firstName} ${done.lastName}` }).first();
      await expect(doneCard).toContainText('rien à remettre');
      await expect(doneCard.getByRole('button', { name: 'Marquer comme remis' })).toHaveCount(0);
      await expect(doneCard.getByRole('button', { name: /^Afficher le code/ })).toHaveCount(0);

      await page.getByRole('button', { name: 'Quitter la réunion', exact: true }).click();
      await expect(page.locator('.list')).toBeVisible();
      await expect(panel.selectedCounter).toHaveText(`${users.length} comptes sélectionnés`);
    });

    test('the distribution plan mails the parents who have an address and counts the activated teachers it leaves out', async ({ api, keptConsole }, info) => {
      const users = await api.users(DEMO);
      const panel = await openPanel(keptConsole, size);
      const page = panel.page;
      const pending = users.filter((u) => u.activationCode);
      const mail = pending.filter((u) => (u.profile === 'Relative' || u.profile === 'Guest') && u.email?.trim());
      const paper = pending.filter((u) => !mail.includes(u));
      const teachersIn = users.filter((u) => u.profile === 'Teacher' && !u.activationCode);
      expect(mail.filter((u) => u.profile === 'Relative').length).toBeGreaterThan(0);
      expect(teachersIn.length).toBeGreaterThan(1);
      await page.getByText('Plan de distribution').click();
      const n = (list: FakeUser[], p: string) => list.filter((u) => u.profile === p).length;
      await expect(page.locator('.plan-mail')).toHaveText(`Par courriel (parents et invités qui ont une adresse) : ${n(mail, 'Relative')} parents, ${n(mail, 'Guest')} ${n(mail, 'Guest') > 1 ? 'invités' : 'invité'}`);
      await expect(page.locator('.plan-paper')).toContainText(`${n(paper, 'Relative')} parent`);
      await expect(page.locator('.plan-academie')).toHaveText(`Enseignants déjà activés (compte académique ou ONE), sans fiche : ${teachersIn.length} (non comptés)`);
      // No parent with an address is left on paper.
      expect(paper.filter((u) => u.profile === 'Relative' && u.email?.trim())).toEqual([]);
      await expect(panel.button(`Appliquer le plan : ${paper.length} sur papier, ${mail.length} par courriel`)).toBeEnabled();
      await page.locator('details.plan').scrollIntoViewIfNeeded();
      await shot(page, info, `plan-${size.width}`);
    });

    test('« Réimprimer les manquants » keeps « Sans courriel » (and the class), and names the filter it removed', async ({ api, keptConsole }) => {
      const users = await api.users(DEMO);
      const ce1a = (await api.classes(DEMO)).find((c) => c.name === 'CE1 A')!;
      const panel = await openPanel(keptConsole, size);
      await panel.openGroup('Classes');
      await panel.classBox('CE1 A').check();
      await panel.openGroup('Autres critères');
      await panel.select('Courriel').selectOption({ label: 'Utilisateur sans courriel' });
      await panel.select('Activation').selectOption({ label: 'Utilisateurs non activés' });
      await panel.button('Réimprimer les manquants').click();
      const want = expected(users, { classIds: [ce1a.id], withEmail: false, activated: false });
      await expect(panel.selectedCounter).toHaveText(`${want.length} comptes sélectionnés`);
      expect((await panel.allRows()).map((r) => r.id).sort()).toEqual(want.map((u) => u.id).sort());
      const note = panel.page.locator('.reprint-note');
      await expect(note).toContainText('Filtres gardés : CE1 A, Sans courriel.');
      await expect(note).toContainText('Filtres retirés : Non activés.');
      await expect(panel.chip('Sans courriel')).toBeVisible();
      await expect(panel.select('Courriel')).toHaveValue('without');
    });

    test('the toolbar popup greets with no structure id: nothing before the accounts are read, then the school’s name', async ({ ext, api, consolePage }) => {
      await loginAs(consolePage, api, 'adml', MASSMAIL);
      const tabId = await tabIdFor(ext, MASSMAIL);
      const before = await PopupPage.open(ext, tabId);
      await before.page.setViewportSize(size);
      await expect(before.count).toBeVisible();
      expect(await before.page.evaluate(() => document.body.innerText)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|Structure/);
      const panel = await PanelPage.open(ext, tabId, size);
      await panel.waitReady();
      await expect(before.page.getByText('Structure : École élémentaire Jules Ferry')).toBeVisible();
      expect(await before.page.evaluate(() => document.body.innerText)).not.toContain(DEMO);
    });

    test('click targets of at least 24 × 24 px and axe (WCAG 2.2 AA) clean in each state, panel and Réglages', async ({ ext, keptConsole }) => {
      test.setTimeout(360_000); // eight axe runs: slow on a loaded machine
      const panel = await openPanel(keptConsole, size);
      const page = panel.page;
      const check = async (state: string) => {
        expect(await smallTargets(page), `${state}: small targets`).toEqual([]);
        expect(await seriousViolations(page), `${state}: axe`).toEqual([]);
      };
      // Each group open in turn (one at a time at 360 px), then a value, the reprint note and its chips.
      for (const group of ['Classes', 'Autres critères', 'Profils']) {
        await panel.openGroup(group);
        expect(await smallTargets(page), `group ${group} open: small targets`).toEqual([]);
      }
      await panel.profile('Parent').check();
      await panel.button('Réimprimer les manquants').click();
      await expect(page.getByText(/Manquants seulement/)).toBeVisible();
      await check('filters open, a chip, the reprint note');
      await page.getByText('Plan de distribution').click();
      await check('plan open');
      await page.getByText('Mode réunion').click();
      await page.getByLabel('Rechercher un élève ou un parent').fill('ndiaye');
      await page.getByRole('button', { name: /^Afficher le code/ }).first().click();
      await check('meeting mode, a code shown');
      await page.getByRole('button', { name: 'Quitter la réunion', exact: true }).click();

      const o = await OptionsPage.open(ext);
      await o.page.setViewportSize(size);
      expect(await smallTargets(o.page), 'Réglages: small targets').toEqual([]);
      expect(await seriousViolations(o.page), 'Réglages: axe').toEqual([]);
    });

    test('a right-to-left override in a name does not reorder the rest of its row', async ({ api, fake, keptConsole }) => {
      const users = await api.users(DEMO);
      const student = users.find((u) => u.profile === 'Student' && u.activationCode && u.classes.length === 1)!;
      // A name as it could come from an import: an unterminated RIGHT-TO-LEFT OVERRIDE (U+202E) inside.
      const lastName = `\u202EZed${student.lastName}`;
      const data = (fake as FakeConsole & { state: { data: { usersById: Map<string, FakeUser> } } }).state.data;
      data.usersById.get(student.id)!.lastName = lastName;
      const panel = await openPanel(keptConsole, size);
      const page = panel.page;
      await page.getByRole('searchbox', { name: 'Rechercher (nom, prénom, identifiant)' }).fill(shownLogin(student));
      const row = panel.rows.first();
      await expect(row).toHaveAttribute('data-id', student.id);
      // Reading order kept: the last name, then the first name, on the left of the code / profile.
      const x = async (el: Locator) => (await el.boundingBox())!.x;
      // (each isolated: a <bdi>, the name's link with dir="auto", or a table cell of its own)
      const last = row.locator('bdi, [dir="auto"]', { hasText: 'Zed' }).first();
      const first = row.locator('bdi, td', { hasText: new RegExp(`^${student.firstName}$`) }).first();
      expect(await x(first)).toBeGreaterThan(await x(last));
      if (narrow) {
        expect(await x(row.locator('.meta'))).toBeGreaterThan(await x(first));
        expect(await x(panel.codeOf(row))).toBeLessThan(await x(panel.emailOf(row)));
      }
      // Meeting mode: the profile and class come after the name, as for anyone.
      await page.getByText('Mode réunion').click();
      await page.getByLabel('Rechercher un élève ou un parent').fill(shownLogin(student));
      const who = page.locator('.family .who', { hasText: 'Zed' }).first();
      const name = who.locator('bdi').first();
      const box = (await name.boundingBox())!;
      const range = await who.evaluate((el) => {
        const text = [...el.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.includes('·'))!;
        const r = document.createRange();
        r.selectNodeContents(text);
        return r.getBoundingClientRect().x;
      });
      expect(range).toBeGreaterThanOrEqual(box.x + box.width - 0.5);
    });
  });
}
