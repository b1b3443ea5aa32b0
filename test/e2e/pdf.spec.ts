import { test, expect, type FakeUser, type KeptConsoleFixture } from './fixtures';
import { PanelPage } from './pages/panel-page';
import { cardTexts, cellTexts, pdfPages, pdfText, qrCodes, saveDownload } from './pdf-tools';
import { shownLogin } from './oracle';

const DEMO = 'a1b2c3d4-0000-4000-8000-000000000001';
const MASSMAIL = `/admin/${DEMO}/imports-exports/massmail`;

const panelFor = async (kept: KeptConsoleFixture): Promise<PanelPage> => (await kept('adml', MASSMAIL)).panel();

async function generate(panel: PanelPage, button = 'Générer en PDF'): Promise<string> {
  const [download] = await Promise.all([panel.page.waitForEvent('download', { timeout: 60_000 }), panel.button(button).click()]);
  return saveDownload(download);
}

/** One card per selected account, in the panel's order: card i shows login i. */
function expectOnceInOrder(cards: string[], logins: string[]) {
  const shown = cards.map((c) => /Identifiant :\s+(\S+)/.exec(c)?.[1] ?? '(no login)');
  expect(shown).toEqual(logins);
}
const isCover = (pageText: string) => /Classe : /.test(pageText) && !/Identifiant :/.test(pageText);

test('8 per page, sorted by class: class bundles with a cover card, every account once in order, filename', async ({ api, keptConsole }) => {
  const users = await api.users(DEMO);
  const classes = await api.classes(DEMO);
  const panel = await panelFor(keptConsole);
  await panel.classBox('CE1 A').check();
  await panel.classBox('CE2-CM1').check();
  await panel.select('Par').selectOption({ label: 'Classe' });
  await panel.select('Modèle de publipostage PDF').selectOption({ label: '8 par page' });
  const rows = await panel.allRows();
  const ids = new Set(classes.filter((c) => ['CE1 A', 'CE2-CM1'].includes(c.name)).map((c) => c.id));
  const want = users.filter((u) => u.classes.some((c) => ids.has(c)));
  expect(rows.length).toBe(want.length);
  const file = await generate(panel);
  expect(file).toMatch(/publipostage-ecole-elementaire-jules-ferry-8-par-page-\d{4}-\d{2}-\d{2}\.pdf$/);
  const text = pdfText(file);
  expectOnceInOrder(cardTexts(file, 2, 4, isCover), rows.map((r) => r.cells[4]!));
  // Bundles: one cover card per class (the first card of its pages), and 8-up pages never mix two classes.
  const byClass = new Map<string, number>();
  for (const r of rows) byClass.set(r.cells[7]!.split(', ')[0]!, (byClass.get(r.cells[7]!.split(', ')[0]!) ?? 0) + 1);
  const expectedPages = [...byClass.values()].reduce((n, k) => n + Math.ceil((k + 1) / 8), 0);
  expect(pdfPages(file)).toBe(expectedPages);
  expect((text.match(/Classe : /g) ?? []).length).toBe(byClass.size);
  // the cover card names the class's teacher and counts what the director needs to know
  const covers = cellTexts(file, 2, 4).filter((t) => /Classe : /.test(t)).map((t) => t.replace(/\s+/g, ' '));
  expect(covers.length).toBe(byClass.size);
  const ce1 = covers.find((c) => c.includes('Classe : CE1 A'))!;
  expect(ce1).toContain('Enseignant : Jean-Baptiste Moreau');
  const ce1Rows = rows.filter((r) => r.cells[7]!.split(', ')[0] === 'CE1 A');
  expect(ce1).toContain(`${ce1Rows.length} fiches`);
  expect(ce1).toMatch(/\d+ comptes? non activés? \d+ sans adresse courriel/);
  await expect(panel.page.locator('p.done')).toContainText(`PDF prêt : ${expectedPages} pages, ${rows.length} comptes`);
  // The panel records "printed" (follow-up column) — dates only, in storage.
  await expect(panel.page.locator('td.follow').filter({ hasText: /Imprimé le|Activé/ }).first()).toBeVisible();
});

test('1 and 2 per page: page counts, and each branch says the right thing', async ({ api, keptConsole }) => {
  const users = await api.users(DEMO);
  const panel = await panelFor(keptConsole);
  await panel.classBox('CE2-CM1').check();
  const rows = await panel.allRows();
  const n = rows.length;
  const byLogin = new Map(users.map((u) => [shownLogin(u), u]));

  await panel.select('Modèle de publipostage PDF').selectOption({ label: '1 par page' });
  const one = await generate(panel);
  expect(pdfPages(one)).toBe(n);
  for (let i = 0; i < n; i++) {
    const u = byLogin.get(rows[i]!.cells[4]!)!;
    const page = pdfText(one, i + 1).replace(/\s+/g, ' ');
    expect(page).toContain(`Identifiant : ${shownLogin(u)}`);
    if (u.profile === 'Teacher' && !u.activationCode) {
      expect(page).toContain('Votre compte est activé : connectez-vous avec votre identifiant ONE ci-dessous (ce n’est pas votre adresse courriel).');
      expect(page).toContain('Si votre académie le propose'); // the académie notice, on by default
    } else if (u.activationCode) {
      expect(page).toContain(`Code d’activation : ${u.activationCode}`);
      expect(page).toContain('Ce document s’adresse à');
    } else {
      expect(page).toContain('Mot de passe oublié');
      expect(page).not.toContain('Code d’activation :');
    }
  }

  await panel.select('Modèle de publipostage PDF').selectOption({ label: '2 par page' });
  const two = await generate(panel);
  expect(pdfPages(two)).toBe(Math.ceil(n / 2));
  expectOnceInOrder(cardTexts(two, 2, 1), rows.map((r) => r.cells[4]!));
});

test('hard names print exactly and every QR opens the activation page pre-filled', async ({ api, keptConsole }) => {
  const users = await api.users(DEMO);
  const hard = users.filter((u) => /[^\u0000-\u00ff]/.test(u.firstName + u.lastName) && /^[\p{Script=Latin}\s'-]+$/u.test(u.firstName + u.lastName));
  expect(hard.length).toBeGreaterThan(10);
  const panel = await panelFor(keptConsole);
  // The list shows the names as written too.
  await panel.page.getByLabel('Rechercher (nom, prénom, identifiant)').fill('nguyen');
  await expect(panel.page.locator('.list tbody')).toContainText('Nguyễn');
  await panel.page.getByLabel('Rechercher (nom, prénom, identifiant)').fill('');
  // Keep only the hard names: exclude everyone, then include them back row by row.
  await panel.button('Tout exclure').click();
  for (const u of hard) {
    await panel.page.getByLabel('Rechercher (nom, prénom, identifiant)').fill(shownLogin(u));
    await panel.page.locator(`tr[data-id="${u.id}"]`).getByRole('checkbox', { name: `Inclure ${u.firstName} ${u.lastName}` }).check();
  }
  await panel.page.getByLabel('Rechercher (nom, prénom, identifiant)').fill('');
  await expect(panel.selectedCounter).toHaveText(`${hard.length} comptes sélectionnés`);
  await panel.select('Modèle de publipostage PDF').selectOption({ label: '8 par page' });
  const file = await generate(panel);
  // a long name wraps after one of its hyphens (« Montmorency- / Laval »): read it back joined
  const text = pdfText(file).replace(/\s+/g, ' ').replace(/(\p{L})- (?=\p{L})/gu, '$1-');
  for (const u of hard) expect(text).toContain(`${u.firstName} ${u.lastName}`.normalize('NFKC'));

  const origin = api.origin();
  const codes = qrCodes(file, 1, pdfPages(file));
  // Not activated (teachers too): the activation page pre-filled; activated accounts: the site only, never a code.
  const expected = hard.map((u) =>
    u.activationCode
      ? `${origin}/auth/activation?login=${encodeURIComponent(shownLogin(u))}&activationCode=${encodeURIComponent(u.activationCode)}`
      : `${origin}/`,
  );
  const norm = (s: string) => {
    const url = new URL(s);
    return `${url.origin}${url.pathname}?login=${url.searchParams.get('login')}&activationCode=${url.searchParams.get('activationCode')}`;
  };
  expect(codes.map(norm).sort()).toEqual(expected.map(norm).sort());
});

test('the activation page opened by a QR is pre-filled with login and code', async ({ api, plainPage }) => {
  const u = (await api.users(DEMO)).find((x: FakeUser) => x.activationCode && x.profile === 'Student')!;
  await plainPage.goto(`${api.origin()}/auth/activation?login=${encodeURIComponent(shownLogin(u))}&activationCode=${u.activationCode}`);
  await expect(plainPage.locator('input[name="login"]')).toHaveValue(shownLogin(u));
  await expect(plainPage.locator('input[name="activationCode"]')).toHaveValue(u.activationCode!);
});

test('settings apply to the sheets: ENT address, school name, custom paragraph, QR without code, English', async ({ ext, api, keptConsole }) => {
  await ext.sw.evaluate(() =>
    chrome.storage.local.set({
      settings: { entUrl: 'https://ent1d.ac-reunion.fr', schoolName: 'École Les Flamboyants', customText: 'Réunion de rentrée le 2 septembre à 18 h.', qrMode: 'login', sheetLang: 'en', defaultModel: 'simplePdf', bundles: 'off' },
    }),
  );
  const users = await api.users(DEMO);
  const panel = await panelFor(keptConsole);
  await expect(panel.select('Modèle de publipostage PDF')).toHaveValue('simplePdf');
  await panel.classBox('CP A').check();
  await panel.select('Activation').selectOption({ label: 'Utilisateurs non activés' });
  const rows = await panel.allRows();
  const file = await generate(panel);
  expect(file).toMatch(/publipostage-ecole-les-flamboyants-8-par-page-\d{4}-\d{2}-\d{2}\.pdf$/);
  const text = pdfText(file).replace(/\s+/g, ' ');
  expect(text).toContain('Log in at: ent1d.ac-reunion.fr');
  expect(text).not.toContain('oneconnect.edifice.io');
  expect(text).toContain('École Les Flamboyants');
  expect(text).toContain('Réunion de rentrée le 2 septembre à 18 h.');
  expect(text).toContain('Activation code');
  // QR « identifiant seulement »: the ENT's login page (its activation page has no field for the code), never the code.
  const codes = qrCodes(file, 1, pdfPages(file));
  const byId = new Map(users.map((u) => [u.id, u]));
  const want = rows.map((r) => (byId.get(r.id)!.activationCode ? 'https://ent1d.ac-reunion.fr/auth/login' : 'https://ent1d.ac-reunion.fr'));
  expect(codes.sort()).toEqual(want.sort());
  for (const c of codes) expect(c).not.toContain('activationCode');
  expect(text).toContain('Scan to log in');
  expect(text).not.toContain('Scan to activate');
});

test('sign-off roster on its own: one table per class with name, profile, login, « Remis le », « Signature »', async ({ api, keptConsole }) => {
  const users = await api.users(DEMO);
  const classes = await api.classes(DEMO);
  const cm2 = classes.find((c) => c.name === 'CM2 A')!;
  const panel = await panelFor(keptConsole);
  await panel.classBox('CM2 A').check();
  await panel.profile('Élève').check();
  const file = await generate(panel, 'Feuille d’émargement seule');
  expect(file).toMatch(/emargement-ecole-elementaire-jules-ferry-\d{4}-\d{2}-\d{2}\.pdf$/);
  const text = pdfText(file);
  expect(text).toContain('CM2 A');
  for (const h of ['Nom', 'Prénom', 'Profil', 'Identifiant', 'Remis le', 'Signature']) expect(text).toContain(h);
  const students = users.filter((u) => u.profile === 'Student' && u.classes.includes(cm2.id));
  for (const u of students) expect(text).toContain(shownLogin(u));
  expect(text).not.toMatch(/Code d’activation/);
});

test('the activation page opened with the login alone has no field for the code, as entcore', async ({ api, plainPage }) => {
  const u = (await api.users(DEMO)).find((x: FakeUser) => x.activationCode && x.profile === 'Student')!;
  await plainPage.goto(`${api.origin()}/auth/activation?login=${encodeURIComponent(shownLogin(u))}`);
  await expect(plainPage.locator('#login-shown')).toHaveText(shownLogin(u));
  await expect(plainPage.locator('input[name="activationCode"]')).toHaveCount(0);
});

test('the password rule on the sheets is the one the ENT enforces (its regex), its text only when it agrees; else a neutral sentence', async ({ api, keptConsole }) => {
  test.slow(); // six PDFs in a row: on a loaded machine they outlast the default timeout
  const panel = await panelFor(keptConsole);
  await panel.classBox('CP A').check();
  await panel.select('Activation').selectOption({ label: 'Utilisateurs non activés' });
  await panel.select('Modèle de publipostage PDF').selectOption({ label: '1 par page' });
  const sheets = async () => pdfText(await generate(panel)).replace(/\s+/g, ' ');
  const step3 = '3. Choisissez votre mot de passe et confirmez-le.';

  // entcore's defaults: the regex `.{8}.*` asks 8 characters, its text says 6: the sheets say 8.
  let text = await sheets();
  expect(text).toContain(`${step3} Votre mot de passe doit contenir au moins 8 caractères.`);
  expect(text).not.toContain('6 caractères');
  const reads = (await api.requests()).filter((r) => r.path === '/auth/context');
  expect(reads.length).toBeGreaterThanOrEqual(1);
  expect(reads.length).toBeLessThanOrEqual(2);
  for (const r of reads) {
    expect(r.headers?.sessionCookie).toBe(true); // same-origin, from the console page
    expect(r.headers?.origin ?? null).toBeNull();
  }

  // An ENT whose text states its regex: its own words.
  const rule = 'Votre mot de passe doit contenir au moins 12 caractères, dont un chiffre.';
  await api.knobs({ passwordRule: { regex: '(?=.*[0-9]).{12,}', fr: rule, en: 'At least 12 characters, one digit.' }, mandatoryMail: true });
  text = await sheets();
  expect(text).toContain(`${step3} ${rule}`);
  expect(text).toContain('Indiquez votre adresse courriel (demandée à l’activation)');

  // A platform without the translation sends the i18n key: resolved through /auth/i18n, never printed raw.
  await api.knobs({ passwordHintAsKey: true });
  text = await sheets();
  expect(text).toContain(rule);
  expect(text).not.toContain('password.rules');

  // A text that does not state the regex (a digit it does not ask): the rule derived from the regex.
  await api.knobs({ passwordHintAsKey: false, passwordRule: { regex: '.{12}.*', fr: rule, en: 'At least 12 characters, one digit.' } });
  text = await sheets();
  expect(text).toContain(`${step3} Votre mot de passe doit contenir au moins 12 caractères.`);
  expect(text).not.toContain('dont un chiffre');

  // A regex we cannot read for sure: the neutral sentence, not the text beside it.
  await api.knobs({ passwordRule: { regex: '[A-Za-z0-9]{8,}', fr: 'Au moins 8 caractères.', en: 'At least 8 characters.' } });
  text = await sheets();
  expect(text).toContain(`${step3} Les règles du mot de passe s’affichent à l’écran.`);
  expect(text).not.toMatch(/\d+ caractères/);

  // Unavailable: a neutral sentence, never a rule of ours.
  await api.knobs({ authContextStatus: 500 });
  text = await sheets();
  expect(text).toContain("3. Choisissez votre mot de passe et confirmez-le. Les règles du mot de passe s’affichent à l’écran.");
  expect(text).not.toMatch(/\d+ caractères/);
  // « Mot de passe oublié » promises nothing the platform does not do
  expect(text).not.toMatch(/directeur/i);
});

test('an oversize login (3,000 characters) loses only its own QR code: the panel names it, the PDF holds every sheet', async ({ api, keptConsole }) => {
  const users = await api.users(DEMO);
  const ce1a = (await api.classes(DEMO)).find((c) => c.name === 'CE1 A')!;
  const target = users.find((u) => u.profile === 'Student' && u.classes.includes(ce1a.id) && u.activationCode && !u.loginAlias)!;
  // Hostile or broken import data: the console serves the login as stored.
  await api.knobs({ hugeLoginIds: [target.id] });
  const panel = await panelFor(keptConsole);
  await panel.classBox('CE1 A').check();
  await panel.select('Modèle de publipostage PDF').selectOption({ label: '8 par page' });
  const rows = await panel.allRows();
  expect(rows.map((r) => r.id)).toContain(target.id);
  const file = await generate(panel);
  // Said in the panel, by name, beside the result; the PDF is there.
  const notice = panel.page.locator('.pdf-no-qr');
  await expect(notice).toContainText('1 fiche sans QR code');
  await expect(notice).toContainText(`${target.firstName} ${target.lastName}`);
  await expect(panel.page.locator('p.done')).toContainText(`${rows.length} comptes`);
  const text = pdfText(file).replace(/\s+/g, ' ');
  expect((text.match(/Pas de QR code sur cette fiche/g) ?? []).length).toBe(1);
  // Every other card keeps its QR code (covers have none).
  const codes = qrCodes(file, 1, pdfPages(file));
  expect(codes.length).toBe(rows.length - 1);
  expect(codes.some((c) => c.includes(target.login))).toBe(false);
});
