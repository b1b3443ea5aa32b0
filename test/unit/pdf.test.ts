import { execFileSync } from 'node:child_process';
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
      if (a.activationCode) {
        // every account with a code gets it, teachers included
        expect(t, where).toContain(`Code d’activation : ${a.activationCode}`);
        expect(t, where).toContain(model === 'simplePdf' ? 'choisissez votre mot de passe' : 'charte d’utilisation');
        expect(t, where).toContain('Code et QR code personnels');
        expect(t, where).not.toContain('Mot de passe oublié ?');
        if (a.profile === 'Teacher') expect(t, where).not.toContain('Votre compte est activé');
      } else if (a.profile === 'Teacher') {
        expect(t, where).toContain('Votre compte est activé : connectez-vous avec votre identifiant ONE ci-dessous (ce n’est pas votre adresse courriel)');
        // the login once: in its own « Identifiant : » line only
        expect(t.split(a.login).length - 1, where).toBe(1);
        expect(t, where).not.toContain('Code d’activation');
      } else {
        expect(t, where).toContain(model === 'simplePdf' ? 'Compte activé.' : 'Vous possédez déjà un compte');
        expect(t, where).toContain('Mot de passe oublié');
        expect(t, where).toContain('adressez-vous à l’école');
        expect(t, where).not.toContain('Code d’activation');
      }
      if (a.profile === 'Student') expect(t, where).toContain(`Élève en classe de ${a.classes[0]!.name}`);
    });
  }
});

test('teachers: the code when the account has one, the ONE login when activated, then the académie notice (a setting)', async () => {
  const withCode = acc({ profile: 'Teacher', firstName: 'Inès', lastName: 'Roy', classes: [cls('CP')], login: 'ines.roy', activationCode: 'ab3d5f7g' });
  const active = acc({ profile: 'Teacher', firstName: 'Hugo', lastName: 'Martin', classes: [cls('CE1')], login: 'hugo.martin', activationCode: null });
  const notice = "Si votre académie le propose, connectez-vous aussi avec votre compte académique.";
  for (const model of ['simplePdf', 'newPdf', 'pdf'] as const) {
    const r = await render([withCode, active], base(model, { academieNotice: notice }));
    const n = perPage(model);
    const [a, b] = [0, 1].map((i) => cardText(r.file, model, Math.floor(i / n) + 1, i % n));
    expect(a, model).toContain('Code d’activation : ab3d5f7g');
    expect(a, model).toContain(notice);
    expect(b, model).toContain('Votre compte est activé : connectez-vous avec votre identifiant ONE ci-dessous');
    // the login once, on its « Identifiant : » line; a neutral class line (« Classe de CE1 »), whoever teaches
    expect(b.split('hugo.martin').length - 1, model).toBe(1);
    expect(b, model).toContain('Identifiant : hugo.martin');
    expect(a, model).toContain('Classe de CP');
    expect(a, model).not.toContain('Enseignant');
    expect(b, model).toContain(notice);
    expect(b.indexOf(notice), model).toBeGreaterThan(b.indexOf('Votre compte est activé'));
    expect(b, model).not.toContain('Code d’activation');
  }
  const off = await render([withCode, active], base('simplePdf'));
  expect(flat(text(off.file))).not.toContain('académie');
  // on another ENT the card does not claim a ONE login
  const other = await render([active], base('simplePdf', { entUrl: 'https://ent.example.fr' }));
  expect(flat(text(other.file))).toContain('identifiant ENT ci-dessous');
});

test('detailed sheet: numbered first-connection steps, address, the ENT password rule, help, « Conservez »', async () => {
  const a = acc({ firstName: 'Léa', lastName: 'Martin', classes: [cls('CE2-CM1')], login: 'lea.martin', activationCode: 'zx8kqw4p' });
  const rule = 'Votre mot de passe doit contenir au moins 12 caractères.';
  const r = await render([a], base('pdf', { schoolName: 'École Jules Ferry', customText: 'Réunion le 12 septembre.', passwordHint: rule, mobileApp: true }));
  const t = flat(text(r.file));
  for (const s of [
    'Ce document s’adresse à', 'Léa Martin', 'Élève en classe de CE2-CM1', `Adresse de connexion : ${URL}`,
    'Identifiant : lea.martin', 'Code d’activation : zx8kqw4p', `1. Rendez-vous sur ${URL}`,
    `3. Choisissez votre mot de passe et confirmez-le. ${rule}`, 'adresse courriel',
    'Acceptez la charte d’utilisation', 'Scannez pour activer', 'École Jules Ferry', 'Réunion le 12 septembre.',
    'Besoin d’aide ? Adressez-vous à l’école.', 'Conservez ce document : votre identifiant vous servira à chaque connexion.',
    'ONE Pocket',
  ]) expect(t).toContain(s);
  // without the ENT's rule: a neutral sentence, never a rule of ours
  const n = flat(text((await render([a], base('pdf'))).file));
  expect(n).toContain("Les règles du mot de passe s’affichent à l’écran.");
  expect(n).not.toMatch(/\d+ caractères/);
  expect(n).not.toContain('ONE Pocket'); // a setting
  // another ENT: no ONE Pocket line even when the setting is on; an e-mail the ENT requires is said so
  const o = flat(text((await render([a], base('newPdf', { entUrl: 'https://ent.example.fr', mobileApp: true, mailRequired: true, helpUrl: 'https://aide.example.fr' }))).file));
  expect(o).not.toContain('ONE Pocket');
  expect(o).toContain('(demandée à l’activation)');
  expect(o).toContain('Besoin d’aide ? https://aide.example.fr, ou adressez-vous à l’école.');
  // forgotten password: nothing promised to the director; without e-mail, « adressez-vous à l'école »
  const act = flat(text((await render([{ ...a, activationCode: null }], base('pdf'))).file));
  expect(act).toContain('Sans adresse courriel enregistrée, ce lien ne peut pas vous parvenir : adressez-vous à l’école.');
  expect(act).not.toMatch(/directeur/i);
});

test('relative and class lines: "Parent de … (CE1) et …", several classes joined', async () => {
  const parent = acc({ profile: 'Relative', firstName: 'Anne', lastName: 'Martin', activationCode: 'P1',
    children: [{ firstName: 'Léa', lastName: 'Martin', classname: 'CE1' }, { firstName: 'Tom', lastName: 'Martin', classname: 'CM2' }] });
  const multi = acc({ firstName: 'Zoé', lastName: 'Petit', classes: [cls('CE1'), cls('CE2'), cls('ULIS')] });
  const none = acc({ profile: 'Personnel', firstName: 'Marc', lastName: 'Roux', classes: [], activationCode: null });
  const r = await render([parent, multi, none], base('simplePdf'));
  // the family name once when it is the parent's
  expect(cardText(r.file, 'simplePdf', 1, 0)).toContain('Parent de Léa (CE1) et Tom (CM2)');
  const arthur = acc({ profile: 'Relative', firstName: 'Anne', lastName: 'Roy', children: [{ firstName: 'Arthur', lastName: 'Roy', classname: 'CP' }] });
  const r2 = await render([arthur], base('simplePdf'));
  expect(cardText(r2.file, 'simplePdf', 1, 0)).toContain('Parent d’Arthur (CP)');
  const other = acc({ profile: 'Relative', firstName: 'Anne', lastName: 'Roy', children: [{ firstName: 'Inès', lastName: 'Durand', classname: 'CP' }] });
  expect(cardText((await render([other], base('simplePdf'))).file, 'simplePdf', 1, 0)).toContain('Parent d’Inès Durand (CP)');
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
  test.setTimeout(180_000); // four renders and zbar on every page: a minute and more on a loaded machine
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
    // activation links for every account with a code (teachers too); activated accounts point at the site
    const t = accounts.find((a) => a.profile === 'Teacher')!;
    expect(qrText(t, URL, qr)).toBe(qr === 'full' ? `${URL}/auth/activation?login=${t.login}&activationCode=${t.activationCode}` : `${URL}/auth/login`);
    expect(qrText({ ...t, activationCode: null }, URL, qr)).toBe(URL);
  }
  const special = accounts[accounts.length - 1]!;
  expect(qrText(special, URL + '/', 'full')).toBe(
    `${URL}/auth/activation?login=maximilien-alexandre.de-la-rochefoucauld-montmorency&activationCode=A%26B%3DC%20D%2F%C3%A9`);
  // « identifiant seulement »: the ENT's login page (entcore's activation page has no field for the code)
  expect(qrText(special, URL, 'login')).toBe(`${URL}/auth/login`);
  expect(qrText(special, URL, 'none')).toBeNull();
});

test('qr: none prints no QR image', async () => {
  const r = await render(population(8), base('simplePdf', { qr: 'none' }));
  expect(decodeQrs(r.file, 150)[0]).toEqual([]);
  expect(text(r.file)).not.toContain('Scannez');
});

test('an oversize login (3,000 characters) loses only its own QR code, with a note on its card; every other card is whole', async () => {
  const others = population(9);
  // Logins come from the directory: an import can hold anything. 3,000 bytes is more than any QR holds.
  const huge = acc({ firstName: 'Trop', lastName: 'Long', login: `x${'y'.repeat(2998)}z`, classes: [cls('CE1')] });
  const accounts = [...others.slice(0, 3), huge, ...others.slice(3)];
  for (const model of ['simplePdf', 'pdf', 'newPdf'] as const) {
    const r = await render(accounts, base(model));
    // The PDF is produced, one slot per account as usual.
    expect(Buffer.from(r.bytes.subarray(0, 5)).toString(), model).toBe('%PDF-');
    const n = perPage(model);
    expect(pageCount(r.file), model).toBe(Math.ceil(accounts.length / n));
    accounts.forEach((a, i) => {
      const t = cardText(r.file, model, Math.floor(i / n) + 1, i % n);
      const where = `${model} #${i} ${displayName(a)}`;
      expect(t, where).toContain(displayName(a));
      if (a === huge) {
        expect(t, where).toContain('Pas de QR code sur cette fiche');
        return;
      }
      // Whole: login, code or the activated text, and the QR's own lines under it.
      expect(t, where).toContain(`Identifiant : ${a.login}`);
      if (a.activationCode) expect(t, where).toContain(`Code d’activation : ${a.activationCode}`);
      expect(t, where).toContain('oneconnect.edifice.io');
      expect(t, where).not.toContain('Pas de QR code');
    });
    if (model === 'simplePdf') {
      // Page 1 holds the oversize card among 7 others: their 7 QR codes decode, and no 8th.
      const [page1] = decodeQrs(r.file, 150, 1);
      expect(new Set(page1), model).toEqual(new Set(accounts.slice(0, 8).filter((a) => a !== huge).map((a) => qrText(a, URL, 'full')!)));
    }
  }
  // « identifiant seulement » puts no login in the QR: the oversize card keeps its QR there.
  const r = await render([huge], base('simplePdf', { qr: 'login' }));
  expect(decodeQrs(r.file, 150, 1)[0]).toEqual([`${URL}/auth/login`]);
  expect(text(r.file)).not.toContain('Pas de QR code');
});

test('English wording', async () => {
  const accounts = population(10); // includes activated, relative, teacher
  const r = await render(accounts, base('simplePdf', { lang: 'en' }));
  const t = flat(text(r.file));
  for (const s of ['Student in class CP', 'Login: ', 'Activation code: ', 'Scan to activate', 'Forgot your password?',
    'Account activated.', 'Class CE2', 'Parent of Léa Martin8 (CE2)', 'The password rules are shown on screen.'])
    expect(t).toContain(s);
  for (const s of ['Code d’activation', 'Identifiant', 'Élève']) expect(t).not.toContain(s);
});

test('bundles: at 8 per page the cover is one card (a page on request), no page mixing two classes, roster after each bundle', async () => {
  const accounts = population(17); // CP ×4, CE1 ×4, CE2 ×4, CM1 ×4, CM2 ×1
  const r = await render(accounts, base('simplePdf', { bundles: true, schoolName: 'École Jules Ferry' }));
  expect(r.pages).toBe(5); // 5 × (cover card + its cards on one page)
  const classes = ['CP', 'CE1', 'CE2', 'CM1', 'CM2'];
  classes.forEach((c, k) => {
    const cover = cardText(r.file, 'simplePdf', k + 1, 0);
    expect(cover).toContain(`Classe : ${c}`);
    expect(cover).toContain(c === 'CM2' ? '1 fiche' : '4 fiches');
    expect(cover).toContain('12 septembre 2025');
    expect(cover).toContain('École Jules Ferry');
    expect(cover).toMatch(/\d+ comptes? non activés? \d+ sans adresse courriel/);
    const cards = flat(text(r.file, k + 1));
    for (const a of accounts) expect(cards.includes(displayName(a) + ' '), `${c} page / ${displayName(a)}`).toBe(firstClassName(a) === c);
  });
  // the teacher of the class is named on its cover (population: a teacher in CE2)
  expect(cardText(r.file, 'simplePdf', 3, 0)).toMatch(/Enseignant : \S+ \S+/);
  const pages = await render(accounts, base('simplePdf', { bundles: true, pageCovers: true }));
  expect(pages.pages).toBe(10);
  expect(flat(text(pages.file, 1))).toContain('Classe : CP');
  expect(flat(text(pages.file, 1))).not.toContain('Identifiant');

  // bundles keep the order of first appearance, even when classes are interleaved
  const mixed = [acc({ firstName: 'A', lastName: 'Un', classes: [cls('CM1')] }), acc({ firstName: 'B', lastName: 'Deux', classes: [cls('CP')] }),
    acc({ firstName: 'C', lastName: 'Trois', classes: [cls('CM1')] }), acc({ firstName: 'D', lastName: 'Quatre', classes: [] })];
  const r2 = await render(mixed, base('simplePdf', { bundles: true, roster: true }));
  // CM1: cover, cards, roster; CP: cover, cards, roster; no class: cover, cards, roster
  expect(r2.pages).toBe(6);
  expect(flat(text(r2.file, 1))).toContain('Classe : CM1');
  expect(flat(text(r2.file, 1))).toMatch(/A Un .*C Trois/);
  expect(flat(text(r2.file, 2))).toContain('Feuille d’émargement — CM1');
  expect(flat(text(r2.file, 3))).toContain('Classe : CP');
  expect(flat(text(r2.file, 5))).toContain('Classe : Sans classe');
  expect(flat(text(r2.file, 6))).toContain('Feuille d’émargement — Sans classe');
});

test('2 per page: covers and rosters share the landscape orientation of the sheets', async () => {
  const r = await render(population(5), base('newPdf', { bundles: true, roster: true }));
  const sizes = execFileSync('pdfinfo', ['-f', '1', '-l', String(r.pages), r.file], { encoding: 'utf8' })
    .split('\n').filter((l) => /Page +\d+ size/.test(l));
  expect(sizes.length).toBe(r.pages);
  for (const l of sizes) expect(l, l).toMatch(/841\.8\d* x 595\.\d+ pts/);
});

test('roster alone: classes in school-level order (PS … CM2, « CE2-CM1 » by its first level), others after', async () => {
  const names = ['CM2 A', 'ULIS', 'CE2-CM1', 'CP B', 'GS', 'CP A', 'CE1', 'Anglais'];
  const accounts = names.map((c, i) => acc({ firstName: `É${i}`, lastName: 'Test', classes: [cls(c)] }));
  const r = await renderRoster(accounts, { lang: 'fr', font: FONT, date: new Date(2025, 8, 12) });
  const file = save(tmp(), 'order.pdf', r.bytes);
  const titles = Array.from({ length: r.pages }, (_, p) => /émargement — (.+?) 12 septembre 2025/.exec(flat(text(file, p + 1)))?.[1]);
  expect(titles).toEqual(['GS', 'CP A', 'CP B', 'CE1', 'CE2-CM1', 'CM2 A', 'Anglais', 'ULIS']);
});

test('roster alone and appended at the end without bundles', async () => {
  const accounts = population(17);
  const r = await renderRoster(accounts, { lang: 'fr', font: FONT, schoolName: 'École Jules Ferry', date: new Date(2025, 8, 12) });
  const file = save(tmp(), 'roster.pdf', r.bytes);
  expect(r.pages).toBe(5);
  const p1 = flat(text(file, 1));
  for (const s of ['Feuille d’émargement — CP', 'Nom', 'Prénom', 'Profil', 'Identifiant', 'Remis le', 'Signature', 'École Jules Ferry', '12 septembre 2025'])
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
  expect(flat(text(s.file, 18))).toContain('Feuille d’émargement — CP');
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
  // each sheet of the family says so: « Famille Martin — fiche 2 sur 3 · Léa (CE1) et Tom (CM2) »
  expect(flat(text(r.file, 3))).toContain('Famille Martin — fiche 2 sur 3 · Léa (CE1) et Tom (CM2)');
  expect(flat(text(r.file, 5))).not.toContain('Famille');
});

test('households at 8 per page: a label card opens each family, a family never split across pages when it fits; envelope labels', async () => {
  // 5 single pupils, then a family of 4 (label + 4 sheets = 5 slots): it must start on page 2
  const singles = Array.from({ length: 5 }, (_, i) => acc({ firstName: `Solo${i}`, lastName: `Seul${i}`, classes: [cls('CP')] }));
  const lina = acc({ firstName: 'Lina', lastName: "D'Almeida", classes: [cls('CP A')] });
  const eloise = acc({ firstName: 'Éloïse', lastName: "D'Almeida", classes: [cls('CE2-CM1')] });
  const kids = [{ firstName: 'Lina', lastName: "D'Almeida", classname: 'CP A' }, { firstName: 'Éloïse', lastName: "D'Almeida", classname: 'CE2-CM1' }];
  const mum = acc({ profile: 'Relative', firstName: 'Sara', lastName: "D'Almeida", children: kids });
  const dad = acc({ profile: 'Relative', firstName: 'Hugo', lastName: "D'Almeida", children: kids });
  const r = await render([...singles, lina, eloise, mum, dad], base('simplePdf', { households: true, envelopeLabels: true }));
  const p1 = flat(text(r.file, 1));
  const p2 = flat(text(r.file, 2));
  expect(p1).not.toContain("D'Almeida");
  expect(cardText(r.file, 'simplePdf', 2, 0)).toContain("Famille D'Almeida 4 fiches Lina (CP A) et Éloïse (CE2-CM1)");
  for (const n of ["Lina D'Almeida", "Éloïse D'Almeida", "Sara D'Almeida", "Hugo D'Almeida"]) expect(p2).toContain(n);
  // the envelope labels: one per family of several sheets, no address
  expect(r.pages).toBe(3);
  const labels = flat(text(r.file, 3));
  expect(labels).toContain("Famille D'Almeida");
  expect(labels).toContain('Lina (CP A) et Éloïse (CE2-CM1)');
  expect(labels).not.toContain('Seul0'); // a lone sheet is its own envelope
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

test('sheetFileName: school, model, date', () => {
  const d = new Date(2026, 8, 1);
  expect(sheetFileName('École Jules Ferry', d, 'sheets', 'simplePdf')).toBe('publipostage-ecole-jules-ferry-8-par-page-2026-09-01.pdf');
  expect(sheetFileName('École Jules Ferry', d, 'sheets', 'newPdf')).toBe('publipostage-ecole-jules-ferry-2-par-page-2026-09-01.pdf');
  expect(sheetFileName('École Jules Ferry', d, 'sheets', 'pdf')).toBe('publipostage-ecole-jules-ferry-1-par-page-2026-09-01.pdf');
});

test('sheetFileName', () => {
  const d = new Date(2025, 8, 3);
  expect(sheetFileName('École élémentaire Jules-Ferry (Lyon 3e)', d)).toBe('publipostage-ecole-elementaire-jules-ferry-lyon-3e-2025-09-03.pdf');
  expect(sheetFileName('École Jules Ferry', d, 'roster')).toBe('emargement-ecole-jules-ferry-2025-09-03.pdf');
  expect(sheetFileName('محمد', d)).toBe('publipostage-structure-2025-09-03.pdf');
});

test('the host each QR leads to is printed in small type under it, on every card and model', async () => {
  // Issue 13: an imported address sent every QR elsewhere, invisibly. The sheet now says where.
  const other = 'https://ent-ecole.fr.evil.example';
  for (const model of ['simplePdf', 'newPdf', 'pdf'] as const) {
    const list = population(perPage(model));
    const r = await render(list, base(model, { entUrl: other }));
    for (let slot = 0; slot < list.length; slot++) {
      const t = cardText(r.file, model, 1, slot);
      expect(t, `${model} slot ${slot}`).toContain('ent-ecole.fr.evil.example');
    }
    // Under the QR: the host's line sits below the QR's top, in the QR's column (layout check).
    const { layoutAll } = await import('../../src/pdf/index');
    for (const l of layoutAll(list, base(model, { entUrl: other }))) {
      const host = l.texts.find((x) => x.id === 'qr.host')!;
      expect(host.lines.join('')).toBe('ent-ecole.fr.evil.example');
      expect(host.y).toBeGreaterThanOrEqual(l.qr!.y + l.qr!.size - 0.01);
      // Small type: the sheets' smallest body size, muted, not bold (the caption above it is bold).
      expect(host.size).toBeLessThanOrEqual(l.texts.find((x) => x.id === 'qr.caption')!.size);
      expect([host.bold, host.tone]).toEqual([false, 'muted']);
    }
  }
  const { layoutAll } = await import('../../src/pdf/index');
  expect(layoutAll(population(2), base('simplePdf', { entUrl: other, qr: 'none' })).flatMap((l) => l.texts.map((x) => x.id))).not.toContain('qr.host');
});

test('documents rendered one after another never share glyphs: the parsed fonts are shared, what each document prints is its own', async () => {
  // src/pdf/fonts.ts keeps jsPDF's parse of each font between renders; each document must still
  // embed the glyphs it prints, all of them, and no other document's.
  const plain = population(3);
  const rare = [acc({ firstName: 'Ǆemal', lastName: 'Ŋgo Ξένια' }), acc({ firstName: 'Þóra', lastName: 'Œdipe' })];
  const stable = (b: Uint8Array) => Buffer.from(b).toString('latin1').replace(/\/(CreationDate|ModDate) \([^)]*\)|\/ID \[[^\]]*\]/g, '');
  const first = await render(plain, base('simplePdf'), 'first.pdf');
  const other = await render(rare, base('simplePdf'), 'rare.pdf');
  const again = await render(plain, base('simplePdf'), 'again.pdf');
  expect(stable(again.bytes)).toBe(stable(first.bytes));
  const t = flat(text(other.file));
  for (const a of rare) expect(norm(t)).toContain(norm(displayName(a)));
});
