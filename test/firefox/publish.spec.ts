/**
 * Firefox ESR: « Générer en PDF » gives one file, checked with pdftotext, and one tab showing it;
 * « Envoyer par mail » mails every selected account with an address exactly once, through the
 * console's own endpoint — checked against the fake console's records.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { expected, shownLogin } from '../e2e/oracle';
import { cardTexts, pdfPages } from '../e2e/pdf-tools';
import type { ConsoleApi } from '../e2e/fixtures';
import {
  DEMO, MASSMAIL, allRows, chooseOption, clickButton, clickCheckbox, consoleTabId, expect, loginAs, openExtPage, test, textOf, until, waitText,
  type Firefox, type Page, type WebExt,
} from './fixtures';

async function panelFor(ff: Firefox, api: ConsoleApi, consolePage: Page): Promise<Page> {
  await loginAs(consolePage, api, 'adml', MASSMAIL);
  const helper = await openExtPage(ff.browser, 'options.html');
  const tabId = await consoleTabId(helper, MASSMAIL);
  await helper.close();
  const panel = await openExtPage(ff.browser, `panel.html?tab=${tabId}`);
  await waitText(panel, '.count-selected', /^\d+ comptes sélectionnés$/);
  return panel;
}

const tabCount = (page: Page) => page.evaluate(async () => (await (globalThis as unknown as WebExt).browser.tabs.query({})).length);

/** The one new, complete PDF in the downloads folder (Firefox writes `<name>.part` until it is done). */
async function newPdf(dir: string, before: Set<string>): Promise<string> {
  let size = -1;
  return until('the PDF download to complete', () => {
    const files = readdirSync(dir).filter((f) => !before.has(f));
    const pdfs = files.filter((f) => f.endsWith('.pdf'));
    if (files.some((f) => f.endsWith('.part')) || pdfs.length !== 1) return null;
    const file = path.join(dir, pdfs[0]!);
    const now = statSync(file).size;
    const stable = now > 0 && now === size;
    size = now;
    return stable ? file : null;
  }, 60_000);
}

test('« Générer en PDF »: one file with every selected account, and one tab showing it', async ({ ff, api, consolePage }) => {
  const users = await api.users(DEMO);
  const classes = await api.classes(DEMO);
  const panel = await panelFor(ff, api, consolePage);
  await clickCheckbox(panel, 'Classes', 'CE1 A');
  await chooseOption(panel, 'Modèle de publipostage PDF', '8 par page');
  const ce1a = classes.find((c) => c.name === 'CE1 A')!;
  const want = expected(users, { classIds: [ce1a.id] });
  await waitText(panel, '.count-selected', `${want.length} comptes sélectionnés`);
  const rows = await allRows(panel);
  expect(rows.map((r) => r.id).sort()).toEqual(want.map((u) => u.id).sort());

  const before = new Set(readdirSync(ff.downloadsDir));
  const tabsBefore = await tabCount(panel);
  await clickButton(panel, 'Générer en PDF');
  const file = await newPdf(ff.downloadsDir, before);
  expect(path.basename(file)).toMatch(/^publipostage-ecole-elementaire-jules-ferry-8-par-page-\d{4}-\d{2}-\d{2}\.pdf$/);
  await waitText(panel, '.publish .done', /^PDF prêt : \d+ pages/);

  // Every account once, in the panel's order (8 per page: 2 × 4 cards; bundles are off when sorted by name).
  const cards = cardTexts(file, 2, 4, () => false);
  const shown = cards.map((c) => /Identifiant :\s+(\S+)/.exec(c)?.[1] ?? '(no login)');
  expect(shown).toEqual(rows.map((r) => r.cells[4]!.trim()));
  expect(pdfPages(file)).toBe(Math.ceil(want.length / 8));
  // The print preview beside the button said that count before, and draws the first card (code masked).
  await panel.evaluate(() => document.querySelector('.print-preview')?.scrollIntoView());
  const said = new RegExp(`^${pdfPages(file)} pages? A4 pour ${want.length} comptes, 8 par page$`);
  await waitText(panel, '.print-preview[aria-busy="false"] .pv-pages', said, 90_000);
  const first = users.find((u) => u.id === rows[0]!.id)!;
  const svg = await waitText(panel, '.print-preview .pv-card svg', /\S/);
  expect(svg).toContain(first.lastName);
  if (first.activationCode) expect(svg).not.toContain(first.activationCode);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  for (const u of want) if (u.activationCode) expect(text, shownLogin(u)).toContain(u.activationCode);

  // Firefox opens the downloaded PDF itself, ready to print: one new tab, not a second one.
  await until('the PDF to be opened in a tab', async () => (await tabCount(panel)) > tabsBefore);
  await new Promise((r) => setTimeout(r, 2000));
  expect(await tabCount(panel), 'tabs opened by one « Générer en PDF »').toBe(tabsBefore + 1);
  const urls = (await ff.browser.pages()).map((p) => p.url());
  expect(urls, 'the downloaded file is the one shown').toContain(`file://${file}`);
});

test('« Envoyer par mail »: every selected parent with an address is mailed exactly once, through the console', async ({ ff, api, consolePage }) => {
  const users = await api.users(DEMO);
  const want = expected(users, { profiles: ['Relative'], activated: true });
  const withEmail = want.filter((u) => u.email?.trim());
  expect(withEmail.length).toBeGreaterThan(30);
  const panel = await panelFor(ff, api, consolePage);
  await clickCheckbox(panel, 'Profils', 'Parent');
  await chooseOption(panel, 'Activation', 'Utilisateurs activés');
  await waitText(panel, '.count-selected', `${want.length} comptes sélectionnés`);

  await clickButton(panel, 'Envoyer par mail', 'section.publish');
  await waitText(panel, '[role=dialog]', /Êtes-vous sûr de vouloir envoyer leur identifiant par courriel à \d+ utilisateurs?, dont \d+ déjà activés? \(rappel d’identifiant\) \?/);
  expect(await textOf(panel, '[role=dialog]')).toContain(`à ${withEmail.length} utilisateurs, dont ${withEmail.length} déjà activés (rappel d’identifiant) ?`);
  await api.knobs({ latencyMs: 100 }); // chunks overlap, as on a real console
  await clickButton(panel, 'Envoyer', '[role=dialog]');
  await until('the report', () => panel.evaluate(() => Array.from(document.querySelectorAll('[role=dialog] button')).some((b) => b.textContent?.trim() === 'Exporter le bilan (CSV)')), 60_000);
  await waitText(panel, '[role=dialog] .report', `Bilan pour ${want.length} comptes : ${withEmail.length} envoyés, ${want.length - withEmail.length} sans courriel, 0 en échec, 0 incertain, 0 refusé, 0 non envoyé (envoi arrêté).`);

  // The console's record: each one mailed once, through the class-admin route, and nobody else.
  const mails = (await api.mails()).filter((m) => m.via === 'class-admin').map((m) => m.userId);
  expect(mails.sort()).toEqual(withEmail.map((u) => u.id).sort());
  const posts = (await api.requests()).filter((r) => r.method === 'POST' && r.path === '/directory/class-admin/massmail');
  expect(posts.length).toBe(Math.ceil(withEmail.length / 5));
  for (const p of posts) {
    expect(p.status).toBe(200);
    expect(p.headers?.xXsrfToken, 'X-XSRF-TOKEN sent').toBeTruthy();
    expect(p.headers?.origin ?? api.origin()).toBe(api.origin());
  }
});

test('« Lettre aux familles » in French and Arabic: one letter per family of the class, the Arabic joined and in reading order', async ({ ff, api, consolePage }) => {
  const users = await api.users(DEMO);
  const classes = await api.classes(DEMO);
  const panel = await panelFor(ff, api, consolePage);
  await clickCheckbox(panel, 'Classes', 'CE1 A');
  const ce1a = classes.find((c) => c.name === 'CE1 A')!;
  const want = expected(users, { classIds: [ce1a.id] });
  await waitText(panel, '.count-selected', `${want.length} comptes sélectionnés`);
  await chooseOption(panel, 'Modèle de publipostage PDF', 'Lettre aux familles (1 par famille)');
  await chooseOption(panel, 'Langue de la lettre', 'Français + arabe (العربية)');
  const before = new Set(readdirSync(ff.downloadsDir));
  await clickButton(panel, 'Générer en PDF');
  const file = await newPdf(ff.downloadsDir, before);
  expect(path.basename(file)).toMatch(/^publipostage-ecole-elementaire-jules-ferry-lettres-familles-\d{4}-\d{2}-\d{2}\.pdf$/);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  // every account of the class once, each letter opening with its family
  for (const u of want) expect(text.split(/\s+/).filter((w) => w === shownLogin(u)).length, shownLogin(u)).toBe(1);
  expect(text).toMatch(/Famille /);
  // Arabic drawn in its joined forms, read back in logical order
  expect(text).toMatch(/[\uFE70-\uFEFF]{4}/);
  expect(text.normalize('NFKC')).toContain('احتفظوا بهذه الرسالة');
});
