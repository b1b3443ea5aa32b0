import { test, expect } from '@playwright/test';
import { renderSheets, renderRoster, sheetFileName, qrText, type SheetOptions } from '../../src/pdf/index';
import { slotBox, perPage, type SheetModel } from '../../src/pdf/cards';
import { displayName, firstClassName, type Account } from '../../src/model/account';
import { acc, cls, population, HARD_NAMES } from './fixtures/pdf-accounts';
import { FONT, tmp, save, pageCount, text, flat, decodeQrs, norm, makePng } from './fixtures/pdf-tools';

const URL = 'https://oneconnect.edifice.io';
const base = (model: SheetModel, extra: Partial<SheetOptions> = {}): SheetOptions => ({
  model, lang: 'fr', entUrl: URL, qr: 'full', font: FONT, date: new Date(2025, 8, 12), ...extra,
});

async function render(accounts: Account[], opts: SheetOptions, name = 'out.pdf') {
  const warnings: string[] = [];
  const orig = console.warn;
  console.warn = (...a: unknown[]) => void warnings.push(a.map(String).join(' '));
  try {
    const r = await renderSheets(accounts, opts);
    const file = save(tmp(), name, r.bytes);
    return { ...r, file, warnings };
  } finally {
    console.warn = orig;
  }
}

/** Text of the card/sheet in `slot` of `page` (pdftotext cropped to the card box). */
const cardText = (file: string, model: SheetModel, page: number, slot: number) => flat(text(file, page, slotBox(model, slot)));

test.describe.configure({ mode: 'serial' });

test('page counts: 17 accounts → 17 / 9 / 3 pages, no font warnings', async () => {
  const accounts = population(17);
  for (const [model, pages] of [['pdf', 17], ['newPdf', 9], ['simplePdf', 3]] as const) {
    const r = await render(accounts, base(model));
    expect(r.pages, model).toBe(pages);
    expect(pageCount(r.file), model).toBe(pages);
    expect(r.warnings, model).toEqual([]);
    expect(Buffer.from(r.bytes.subarray(0, 5)).toString()).toBe('%PDF-');
  }
});

test('every account appears once, in order, in its own card, with the right branch', async () => {
  const accounts = population(17);
  for (const model of ['pdf', 'newPdf', 'simplePdf'] as const) {
    const r = await render(accounts, base(model));
    const n = perPage(model);
    accounts.forEach((a, i) => {
      const t = cardText(r.file, model, Math.floor(i / n) + 1, i % n);
      const where = `${model} #${i} ${displayName(a)}`;
      expect(t, where).toContain(displayName(a));
      expect(t, where).toContain(`${'Identifiant :'} ${a.login}`);
      // no other account's name in this card
      for (const b of accounts) if (b !== a) expect(t.includes(displayName(b) + ' '), where).toBe(false);
      if (a.profile === 'Teacher') {
        expect(t, where).toContain("Votre compte est activé par l'académie : connectez-vous avec votre identifiant académique");
        expect(t, where).not.toContain("Code d'activation");
        expect(t, where).not.toContain(a.activationCode!);
      } else if (a.activationCode) {
        expect(t, where).toContain(`Code d'activation : ${a.activationCode}`);
        expect(t, where).toContain("charte d'utilisation");
        expect(t, where).toContain('Ce QR code est aussi confidentiel que le code');
        expect(t, where).not.toContain('Mot de passe oublié ?');
      } else {
        expect(t, where).toContain('Vous possédez déjà un compte');
        expect(t, where).toContain('Mot de passe oublié');
        expect(t, where).toContain('Envoyer');
        expect(t, where).not.toContain("Code d'activation");
      }
      if (a.profile === 'Student') expect(t, where).toContain(`Élève en classe de ${a.classes[0]!.name}`);
    });
  }
});

test('detailed sheet: numbered first-connection steps, address, password rules', async () => {
  const a = acc({ firstName: 'Léa', lastName: 'Martin', classes: [cls('CE2-CM1')], login: 'lea.martin', activationCode: 'ZX81QW' });
  const r = await render([a], base('pdf', { schoolName: 'École Jules Ferry', customText: 'Réunion le 12 septembre.' }));
  const t = flat(text(r.file));
  for (const s of [
    "Ce document s'adresse à", 'Léa Martin', 'Élève en classe de CE2-CM1', `Adresse de connexion : ${URL}`,
    'Identifiant : lea.martin', "Code d'activation : ZX81QW", `1. Rendez-vous sur ${URL}`,
    "au moins 8 caractères, avec au moins une majuscule, une minuscule et un chiffre", 'adresse e-mail',
    "Acceptez la charte d'utilisation", 'Scannez pour activer', 'École Jules Ferry', 'Réunion le 12 septembre.',
  ]) expect(t).toContain(s);
});

test('relative and class lines: "Parent de … (CE1) et …", several classes joined', async () => {
  const parent = acc({ profile: 'Relative', firstName: 'Anne', lastName: 'Martin', activationCode: 'P1',
    children: [{ firstName: 'Léa', lastName: 'Martin', classname: 'CE1' }, { firstName: 'Tom', lastName: 'Martin', classname: 'CM2' }] });
  const multi = acc({ firstName: 'Zoé', lastName: 'Petit', classes: [cls('CE1'), cls('CE2'), cls('ULIS')] });
  const none = acc({ profile: 'Personnel', firstName: 'Marc', lastName: 'Roux', classes: [], activationCode: null });
  const r = await render([parent, multi, none], base('simplePdf'));
  expect(cardText(r.file, 'simplePdf', 1, 0)).toContain('Parent de Léa Martin (CE1) et Tom Martin (CM2)');
  expect(cardText(r.file, 'simplePdf', 1, 1)).toContain('Élève en classe de CE1, CE2 et ULIS');
  expect(cardText(r.file, 'simplePdf', 1, 2)).toMatch(/Marc Roux Personnel /);
});

test('hard names print exactly (Polish, Vietnamese, Turkish, Arabic; NFKC)', async () => {
  const accounts = HARD_NAMES.map(([f, l]) => acc({ firstName: f, lastName: l, classes: [cls('CE1')] }));
  for (const model of ['simplePdf', 'pdf'] as const) {
    const r = await render(accounts, base(model));
    const n = perPage(model);
    accounts.forEach((a, i) => {
      const t = cardText(r.file, model, Math.floor(i / n) + 1, i % n);
      expect(t, model).toContain(norm(displayName(a)));
    });
  }
});

test('every QR decodes (zbarimg, 150 dpi) to the expected URL', async () => {
  const accounts = [...population(17), ...HARD_NAMES.map(([f, l]) => acc({ firstName: f, lastName: l, login: `${f}.${l}`.toLowerCase() }))];
  accounts.push(acc({ firstName: 'Long', lastName: 'Login', login: 'maximilien-alexandre.de-la-rochefoucauld-montmorency', activationCode: 'A&B=C D/é' }));
  for (const [model, qr] of [['simplePdf', 'full'], ['simplePdf', 'login'], ['pdf', 'full'], ['newPdf', 'full']] as const) {
    // detailed models: a few accounts of each kind (zbar on A4 renders is slow)
    const list = model === 'simplePdf' ? accounts : [accounts[0]!, accounts[3]!, accounts[8]!, accounts[9]!, accounts[accounts.length - 1]!];
    const r = await render(list, base(model, { qr }));
    const got = decodeQrs(r.file, 150);
    const n = perPage(model);
    got.forEach((codes, p) => {
      const expected = list.slice(p * n, p * n + n).map((a) => qrText(a, URL, qr)!);
      expect(new Set(codes), `${model}/${qr} page ${p + 1}`).toEqual(new Set(expected));
    });
    // activation links carry the code only for not-activated non-teachers; others point at the site
    const t = accounts.find((a) => a.profile === 'Teacher')!;
    expect(qrText(t, URL, qr)).toBe(URL);
  }
  const special = accounts[accounts.length - 1]!;
  expect(qrText(special, URL + '/', 'full')).toBe(
    `${URL}/auth/activation?login=maximilien-alexandre.de-la-rochefoucauld-montmorency&activationCode=A%26B%3DC%20D%2F%C3%A9`);
  expect(qrText(special, URL, 'login')).toBe(`${URL}/auth/activation?login=maximilien-alexandre.de-la-rochefoucauld-montmorency`);
  expect(qrText(special, URL, 'none')).toBeNull();
});

test('qr: none prints no QR image', async () => {
  const r = await render(population(8), base('simplePdf', { qr: 'none' }));
  expect(decodeQrs(r.file, 150)[0]).toEqual([]);
  expect(text(r.file)).not.toContain('Scannez');
});

test('English wording', async () => {
  const accounts = population(10); // includes activated, relative, teacher
  const r = await render(accounts, base('simplePdf', { lang: 'en' }));
  const t = flat(text(r.file));
  for (const s of ['Student in class CP', 'Login: ', 'Activation code: ', 'Scan to activate', 'Forgot your password?',
    'You already have an account.', 'Your account is activated by the académie', 'Parent of Léa Martin8 (CE2)'])
    expect(t).toContain(s);
  for (const s of ["Code d'activation", 'Identifiant', 'Élève']) expect(t).not.toContain(s);
});

test('bundles: a cover page per class, no 8-up page mixing two classes, roster after each bundle', async () => {
  const accounts = population(17); // CP ×4, CE1 ×4, CE2 ×4, CM1 ×4, CM2 ×1
  const r = await render(accounts, base('simplePdf', { bundles: true, schoolName: 'École Jules Ferry' }));
  expect(r.pages).toBe(10); // 5 × (cover + 1 card page)
  const classes = ['CP', 'CE1', 'CE2', 'CM1', 'CM2'];
  classes.forEach((c, k) => {
    const cover = flat(text(r.file, 2 * k + 1));
    expect(cover).toContain(`Classe : ${c}`);
    expect(cover).toContain(c === 'CM2' ? '1 fiche' : '4 fiches');
    expect(cover).toContain('12 septembre 2025');
    expect(cover).toContain('École Jules Ferry');
    const cards = flat(text(r.file, 2 * k + 2));
    for (const a of accounts) expect(cards.includes(displayName(a) + ' '), `${c} page / ${displayName(a)}`).toBe(firstClassName(a) === c);
  });

  // bundles keep the order of first appearance, even when classes are interleaved
  const mixed = [acc({ firstName: 'A', lastName: 'Un', classes: [cls('CM1')] }), acc({ firstName: 'B', lastName: 'Deux', classes: [cls('CP')] }),
    acc({ firstName: 'C', lastName: 'Trois', classes: [cls('CM1')] }), acc({ firstName: 'D', lastName: 'Quatre', classes: [] })];
  const r2 = await render(mixed, base('simplePdf', { bundles: true, roster: true }));
  // CM1: cover, cards, roster; CP: cover, cards, roster; no class: cover, cards, roster
  expect(r2.pages).toBe(9);
  expect(flat(text(r2.file, 1))).toContain('Classe : CM1');
  expect(flat(text(r2.file, 2))).toMatch(/A Un .*C Trois/);
  expect(flat(text(r2.file, 3))).toContain("Feuille d'émargement — CM1");
  expect(flat(text(r2.file, 4))).toContain('Classe : CP');
  expect(flat(text(r2.file, 7))).toContain('Classe : Sans classe');
  expect(flat(text(r2.file, 9))).toContain("Feuille d'émargement — Sans classe");
});

test('roster alone and appended at the end without bundles', async () => {
  const accounts = population(17);
  const r = await renderRoster(accounts, { lang: 'fr', font: FONT, schoolName: 'École Jules Ferry', date: new Date(2025, 8, 12) });
  const file = save(tmp(), 'roster.pdf', r.bytes);
  expect(r.pages).toBe(5);
  const p1 = flat(text(file, 1));
  for (const s of ["Feuille d'émargement — CP", 'Nom', 'Prénom', 'Profil', 'Identifiant', 'Remis le', 'Signature', 'École Jules Ferry', '12 septembre 2025'])
    expect(p1).toContain(s);
  for (const a of accounts.filter((x) => firstClassName(x) === 'CP')) {
    expect(p1).toContain(a.lastName);
    expect(p1).toContain(a.login);
  }
  expect(p1).not.toContain('Code');

  const big = population(60).map((a) => ({ ...a, classes: [cls('CE1')] }));
  const rb = await renderRoster(big, { lang: 'en', font: FONT });
  const fb = save(tmp(), 'roster-en.pdf', rb.bytes);
  expect(rb.pages).toBeGreaterThan(1);
  expect(flat(text(fb, 2))).toContain('Sign-off sheet — CE1'); // title repeated on continuation pages

  const s = await render(accounts, base('pdf', { roster: true }));
  expect(s.pages).toBe(17 + 5);
  expect(flat(text(s.file, 18))).toContain("Feuille d'émargement — CP");
});

test('households: each student followed by guardians, siblings together across classes', async () => {
  const lea = acc({ firstName: 'Léa', lastName: 'Martin', classes: [cls('CE1')] });
  const zoe = acc({ firstName: 'Zoé', lastName: 'Petit', classes: [cls('CE1')] });
  const tom = acc({ firstName: 'Tom', lastName: 'Martin', classes: [cls('CM2')] });
  const mum = acc({ profile: 'Relative', firstName: 'Anne', lastName: 'Martin', children: [{ firstName: 'Tom', lastName: 'Martin', classname: 'CM2' }, { firstName: 'Léa', lastName: 'Martin', classname: 'CE1' }] });
  const r = await render([lea, zoe, tom, mum], base('pdf', { households: true, bundles: true }));
  // CE1 bundle: cover, Léa, Anne, Tom (sibling from CM2), Zoé — no CM2 bundle left
  expect(r.pages).toBe(5);
  expect(flat(text(r.file, 1))).toContain('4 fiches');
  expect([2, 3, 4, 5].map((p) => flat(text(r.file, p)))).toEqual([
    expect.stringContaining('Léa Martin'), expect.stringContaining('Anne Martin'),
    expect.stringContaining('Tom Martin'), expect.stringContaining('Zoé Petit')]);
});

test('progress is reported and the loop yields', async () => {
  const calls: [number, number][] = [];
  let ticks = 0;
  const timer = setInterval(() => ticks++, 0);
  await renderSheets(population(120), base('simplePdf', { onProgress: (d, t) => calls.push([d, t]) }));
  clearInterval(timer);
  expect(calls[0]).toEqual([0, 120]);
  expect(calls[calls.length - 1]).toEqual([120, 120]);
  expect(calls.length).toBeGreaterThanOrEqual(5);
  expect(ticks).toBeGreaterThan(0);
});

test('logo and school name on every card', async () => {
  const png = makePng(40, 20);
  const r = await render(population(3), base('simplePdf', { logo: { data: png, format: 'PNG' }, schoolName: 'École du Centre' }));
  expect(r.warnings).toEqual([]);
  for (let i = 0; i < 3; i++) expect(cardText(r.file, 'simplePdf', 1, i)).toContain('École du Centre');
  expect((Buffer.from(r.bytes).toString('latin1').match(/\/Subtype \/Image/g) ?? []).length).toBe(1); // embedded once
});

test('sheetFileName', () => {
  const d = new Date(2025, 8, 3);
  expect(sheetFileName('École élémentaire Jules-Ferry (Lyon 3e)', d)).toBe('publipostage-ecole-elementaire-jules-ferry-lyon-3e-2025-09-03.pdf');
  expect(sheetFileName('École Jules Ferry', d, 'roster')).toBe('emargement-ecole-jules-ferry-2025-09-03.pdf');
  expect(sheetFileName('محمد', d)).toBe('publipostage-structure-2025-09-03.pdf');
});
