/**
 * « Lettre aux familles » (src/pdf/letter.ts): the demo school's letters read as a director checks
 * them: one letter per family, every account exactly once, each QR its account's activation link,
 * the D'Almeida family on one page, a family of eight continued on a second page.
 */
import { test, expect } from '@playwright/test';
import { startFakeConsole } from '../fake-console/server.mjs';
import { parseAllUsers } from '../../src/console/parse';
import { sortAccounts } from '../../src/model/sort';
import { isActivated, type Account } from '../../src/model/account';
import { renderSheets, checkFit, householdGroups, type SheetOptions } from '../../src/pdf/index';
import { qrText } from '../../src/pdf/wording';
import { LETTER_COLS } from '../../src/pdf/letter';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FONT, tmp, save, text, flat, norm, pageCount } from './fixtures/pdf-tools';
import { acc, cls } from './fixtures/pdf-accounts';

let demo: Account[] = [];

test.beforeAll(async () => {
  const fc = await startFakeConsole({ http: true, port: 0 });
  try {
    const rows = await (await fetch(`${fc.url}/__test/allUsers`)).json();
    demo = sortAccounts(parseAllUsers(rows), { first: 'class', second: 'none' });
  } finally {
    await fc.close();
  }
});

const ENT = 'https://oneconnect.edifice.io';
const opts = (extra: Partial<SheetOptions> = {}): SheetOptions => ({
  model: 'letter', lang: 'fr', entUrl: ENT, qr: 'full', font: FONT, date: new Date(2026, 8, 1),
  schoolName: 'École élémentaire Jules Ferry', mobileApp: true,
  passwordRule: { min: 8, max: null, digit: true, lower: true, upper: true, letter: false, special: false, noSpace: false }, ...extra,
});

const family = (name: string) => householdGroups(demo).find((g) => g.some((a) => a.lastName === name && a.profile === 'Student'))!;

test('demo school: one letter per family, every account exactly once, each QR its activation link', async () => {
  const pupilsAndParents = demo.filter((a) => a.profile === 'Student' || a.profile === 'Relative');
  const groups = householdGroups(pupilsAndParents);
  const fit = checkFit(pupilsAndParents, opts());
  const r = await renderSheets(pupilsAndParents, opts());
  const file = save(tmp(), 'letters.pdf', r.bytes);
  expect(pageCount(file)).toBe(fit.pages);
  // one pdftotext for the whole file, cut at its page breaks (a process per page costs more than the render)
  const pages = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 1 << 26 }).split('\f').slice(0, r.pages).map((p) => flat(norm(p)));
  // one letter per family: a letter's first page opens with the date and « Famille … », its next pages with « Famille … (2/2) »
  const firsts = pages.filter((p) => /^\s*1 septembre 2026 Famille /.test(p));
  const more = pages.filter((p) => /^\s*Famille .{1,60} \(\d\/\d\)/.test(p));
  expect(firsts.length + more.length).toBe(r.pages);
  expect(firsts.length).toBe(groups.length);
  // every account exactly once: its login stands once in the whole print, and checkFit places it once
  const words = pages.join(' ').split(/\s+/);
  for (const a of pupilsAndParents) expect.soft(words.filter((w) => w === a.login).length, a.login).toBe(1);
  const byPage = fit.adaptations.map((c) => c.accountId);
  expect(new Set(byPage).size).toBe(pupilsAndParents.length);
  expect(byPage.length).toBe(pupilsAndParents.length);
  // each QR decodes to its account's activation link; activated accounts have none. Only the QR
  // column is rendered (150 dpi, as every QR test), and every page goes to one zbarimg.
  const dir = tmp();
  const px = (mm: number) => String(Math.round((mm * 150) / 25.4));
  execFileSync('pdftoppm', ['-r', '150', '-gray', '-png', '-x', px(LETTER_COLS.qr.x - 2), '-y', '0', '-W', px(LETTER_COLS.qr.size + 4), '-H', px(297), file, join(dir, 'p')]);
  const pngs = readdirSync(dir).filter((f) => f.endsWith('.png')).map((f) => join(dir, f));
  let out = '';
  try {
    out = execFileSync('zbarimg', ['-q', '--raw', '-Sdisable', '-Sqrcode.enable', ...pngs], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (e) {
    out = String((e as { stdout?: string }).stdout ?? ''); // exit 4: some page without a QR
  }
  const qrs = out.split('\n').filter(Boolean);
  const want = pupilsAndParents.filter((a) => !isActivated(a)).map((a) => qrText(a, ENT, 'full'));
  expect(qrs.sort()).toEqual(want.sort());
});

test('the D’Almeida family (five accounts, three classes) fits one page; a family of eight continues on a second page', async () => {
  // the demo's D'Almeida have activated their accounts: the worst case is the same family with a code (and a QR) on every row
  const dal = family("D'Almeida").map((a, i) => ({ ...a, activationCode: `abcd${'efghj'[i]}kmn` }));
  expect(dal.length).toBe(5);
  expect(new Set(dal.flatMap((a) => a.classes.map((c) => c.name))).size).toBeGreaterThanOrEqual(3);
  const one = await renderSheets(dal, opts());
  expect(one.pages).toBe(1);
  const file = save(tmp(), 'dalmeida.pdf', one.bytes);
  const t = flat(text(file, 1));
  expect(t).toContain("Famille D'Almeida");
  expect(t).toContain('École élémentaire Jules Ferry');
  expect(t).toContain('1 septembre 2026');
  expect(t).toContain('Conservez cette lettre');
  expect(t).toContain('Votre mot de passe doit contenir au moins 8 caractères, dont une majuscule, une minuscule et un chiffre.');
  for (const a of dal) expect(t).toContain(a.login);

  // eight: six children and two parents
  const kids = Array.from({ length: 6 }, (_, i) => acc({ firstName: `Enfant${i + 1}`, lastName: 'Huit', classes: [cls(['CP A', 'CE1 B', 'CM2 A'][i % 3]!)] }));
  const parents = ['Mère', 'Père'].map((f) => acc({ profile: 'Relative', firstName: f, lastName: 'Huit', children: kids.map((k) => ({ firstName: k.firstName, lastName: 'Huit', classname: k.classes[0]!.name })) }));
  const eight = [kids[0]!, ...parents, ...kids.slice(1)];
  const fit = checkFit(eight, opts());
  const r = await renderSheets(eight, opts());
  expect(r.pages).toBe(2);
  expect(fit.pages).toBe(2);
  const f8 = save(tmp(), 'eight.pdf', r.bytes);
  const p1 = flat(text(f8, 1));
  const p2 = flat(text(f8, 2));
  expect(p1).toMatch(/^\s*1 septembre 2026 Famille Huit \(1\/2\)/);
  expect(p2).toContain('Famille Huit (2/2)');
  // rows on page 1 first, the rest on page 2, each once; the instructions after the last row
  const onPage = (p: string) => eight.filter((a) => p.includes(a.login)).length;
  expect(onPage(p1) + onPage(p2)).toBe(8);
  expect(onPage(p1)).toBeGreaterThanOrEqual(5);
  expect(p2).toContain('Conservez cette lettre');
  expect(fit.adaptations.filter((c) => c.page === 2).map((c) => c.accountId)).toEqual(eight.slice(onPage(p1)).map((a) => a.id));
});

test('a pupil without a parent account, and a teacher alone, each get a one-row letter', async () => {
  const pupil = acc({ firstName: 'Maëlys', lastName: 'Cœurderoy' });
  const teacher = acc({ profile: 'Teacher', firstName: 'Jean', lastName: 'Moreau', classes: [cls('CE1 A')], activationCode: null });
  const r = await renderSheets([pupil, teacher], opts());
  expect(r.pages).toBe(2);
  const file = save(tmp(), 'single.pdf', r.bytes);
  expect(flat(text(file, 1))).toMatch(/^\s*1 septembre 2026 Famille Cœurderoy/);
  const p2 = flat(text(file, 2));
  expect(p2).toMatch(/^\s*1 septembre 2026 Jean Moreau/);
  expect(p2).toContain('compte activé');
  expect(p2).toContain('Pour un compte déjà activé');
  expect(p2).not.toContain('Pour activer un compte');
});

test('« QR : aucun »: no QR column and no « scannez » on the letter, in French and in its second language', async () => {
  const pupil = acc({ firstName: 'Maëlys', lastName: 'Cœurderoy' });
  const read = async (qr: SheetOptions['qr']) => flat(text(save(tmp(), `qr-${qr}.pdf`, (await renderSheets([pupil], opts({ qr, letterLang: 'en' }))).bytes), 1));
  const withQr = await read('full');
  expect(withQr).toContain('scannez le QR code');
  expect(withQr).toContain('scan the account’s QR code');
  const table = (t: string) => t.split('Pour activer un compte')[0]!; // the heads and the rows
  expect(table(withQr)).toContain('QR code');
  const none = await read('none');
  expect(table(none)).toContain(pupil.activationCode!);
  expect(none).not.toMatch(/QR|scann|scan /);
  expect(none).toContain('Rendez-vous sur https://oneconnect.edifice.io.');
  expect(none).toContain('Go to https://oneconnect.edifice.io.');
  expect(none).toContain('Les codes sont personnels : ne les communiquez pas.');
});

test('the preview shows the first letter’s first page, every code masked and no QR leading to an account', async () => {
  const { previewReport } = await import('../../src/pdf/preview');
  const kid = acc({ firstName: 'Inès', lastName: 'Benali', classes: [cls('CP A')], activationCode: 'abcd3456' });
  const mum = acc({ profile: 'Relative', firstName: 'Samia', lastName: 'Benali', activationCode: 'wxyz7899', children: [{ firstName: 'Inès', lastName: 'Benali', classname: 'CP A' }] });
  const rep = previewReport([kid, mum], opts(), 'fr');
  expect(rep.pages).toBe(1);
  const svg = JSON.stringify(rep.card!.svg);
  expect(rep.card!.name).toBe('Famille Benali');
  expect(rep.card!.w).toBe(210);
  expect(svg).toContain('Famille Benali');
  expect(svg).toContain(kid.login);
  expect(svg).not.toContain('abcd3456');
  expect(svg).not.toContain('wxyz7899');
  expect(svg).toContain('••••••••');
});

const kidA = acc({ firstName: 'Inès', lastName: 'Benali', classes: [cls('CP A')], activationCode: 'abcd3456' });
const mumA = acc({ profile: 'Relative', firstName: 'Samia', lastName: 'Benali', activationCode: null, children: [{ firstName: 'Inès', lastName: 'Benali', classname: 'CP A' }] });

test('every language renders with only the embedded DejaVu faces; its sections follow their French ones', async () => {
  const { LETTERS } = await import('../../src/i18n/letter');
  const { SECOND_LANGS } = await import('../../src/i18n/letter/types');
  const { execFileSync } = await import('node:child_process');
  for (const lang of SECOND_LANGS) {
    const r = await renderSheets([kidA, mumA], opts({ letterLang: lang }));
    const file = save(tmp(), `${lang}.pdf`, r.bytes);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length, lang).toBeGreaterThan(0);
    for (const f of fonts) expect.soft(f, `${lang}: ${f}`).toMatch(/^DejaVuSans(-Bold|Mono-Bold|Mono)?\s+CID TrueType\s+Identity-H\s+yes/);
    const t = flat(text(file));
    const L = LETTERS[lang];
    // section by section: each French section, then the same section in the chosen language, before the next French one
    const order = ['Pour activer un compte', L['activate.title'], 'Pour un compte déjà activé', L['activated.title'], 'Conservez cette lettre', L.keep.split(/[:：]/)[0]!];
    const at = order.map((s) => t.indexOf(flat(s)));
    expect.soft(at.every((i) => i >= 0), `${lang}: ${order.filter((_, i) => at[i]! < 0).join(' | ')}`).toBe(true);
    expect.soft(at, lang).toEqual([...at].sort((a, b) => a - b));
  }
});

test('Arabic: joined letters (presentation forms), set right to left and right-aligned', async () => {
  const r = await renderSheets([kidA, mumA], opts({ letterLang: 'ar' }));
  const file = save(tmp(), 'ar.pdf', r.bytes);
  const { execFileSync } = await import('node:child_process');
  const raw = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  // the letters drawn in their joined forms (Arabic Presentation Forms-B), not the bare letters
  expect(raw).toMatch(/[\uFE70-\uFEFF]{4}/);
  // poppler reads them back in logical order only when they were drawn right to left
  const t = flat(text(file, 1));
  expect(t).toContain('لتفعيل حساب');
  expect(t).toContain('احتفظوا بهذه الرسالة');
  // right-aligned: the Arabic « Conservez » line ends at the right margin (195 mm), the French ones start at 15 mm
  const xml = execFileSync('pdftotext', ['-bbox-layout', file, '-'], { encoding: 'utf8' });
  const k = 72 / 25.4;
  const lineOf = (word: string) => {
    // the word boxes hold right-to-left words as drawn: their letters from left to right
    const drawn = [...word].reverse().join('');
    for (const [, attrs, body] of xml.matchAll(/<line xMin="([^"]+)"[^>]*>([\s\S]*?)<\/line>/g)) if (body!.normalize('NFKC').includes(word) || body!.normalize('NFKC').includes(drawn)) return { xMin: Number(attrs) / k, xMax: Math.max(...[...body!.matchAll(/xMax="([\d.]+)"/g)].map((m) => Number(m[1]) / k)) };
    return null;
  };
  const ar = lineOf('احتفظوا')!;
  expect(ar.xMax).toBeGreaterThan(193);
  expect(ar.xMax).toBeLessThan(196);
  expect(lineOf('Pour')!.xMin).toBeLessThan(16);
});

test('the relaunch letter: « Vous n’avez pas encore activé… », the first handout’s date, only the accounts still not activated', async () => {
  const kid = acc({ firstName: 'Yanis', lastName: 'Haddad', classes: [cls('CE1 A')], activationCode: 'hjkm3456' });
  const done = acc({ firstName: 'Lina', lastName: 'Haddad', classes: [cls('CP B')], activationCode: null });
  const dad = acc({ profile: 'Relative', firstName: 'Karim', lastName: 'Haddad', activationCode: 'prst7899', children: [{ firstName: 'Yanis', lastName: 'Haddad', classname: 'CE1 A' }, { firstName: 'Lina', lastName: 'Haddad', classname: 'CP B' }] });
  const since = { [kid.id]: new Date(2026, 8, 3, 10).toISOString(), [dad.id]: new Date(2026, 8, 2, 17).toISOString() };
  const r = await renderSheets([kid, done, dad], opts({ relaunch: { since }, letterLang: 'es' }));
  expect(r.pages).toBe(1);
  const file = save(tmp(), 'relaunch.pdf', r.bytes);
  const t = flat(text(file, 1));
  // two accounts still to activate (Yanis and his father): « vos comptes », in both languages
  expect(t).toContain('Vous n’avez pas encore activé vos comptes ENT');
  expect(t).toContain('Vos codes vous ont été remis une première fois le 02/09/2026 ; les voici de nouveau.');
  expect(t).toContain('Todavía no ha activado sus cuentas ENT');
  expect(t).toContain('Sus códigos se le entregaron por primera vez el 02/09/2026');
  expect(t).toContain(kid.login);
  expect(t).toContain(dad.login);
  expect(t).not.toContain(done.login);
  expect(t).not.toContain('compte activé');
  // no date known: the opening alone
  const r2 = await renderSheets([kid], opts({ relaunch: {} }));
  const t2 = flat(text(save(tmp(), 'relaunch2.pdf', r2.bytes), 1));
  expect(t2).toContain('Vous n’avez pas encore activé votre compte ENT');
  expect(t2).not.toContain('remis une première fois');
});

test('« Recto verso »: every letter on an even number of pages, so no sheet carries two families', async () => {
  const big = Array.from({ length: 9 }, (_, i) => acc({ firstName: `Enfant${i}`, lastName: 'Neuf', classes: [cls('CP A')] }));
  const mum = acc({ profile: 'Relative', firstName: 'Maman', lastName: 'Neuf', children: big.map((k) => ({ firstName: k.firstName, lastName: 'Neuf', classname: 'CP A' })) });
  const alone = acc({ firstName: 'Seul', lastName: 'Unique', classes: [cls('CE1 A')] });
  const plain = await renderSheets([...big, mum, alone], opts());
  expect(plain.pages).toBe(3); // 2 + 1
  const duplex = await renderSheets([...big, mum, alone], opts({ letterDuplex: true }));
  const fit = checkFit([...big, mum, alone], opts({ letterDuplex: true }));
  expect(duplex.pages).toBe(4); // 2 + (1 + a blank back)
  expect(fit.pages).toBe(4);
  const file = save(tmp(), 'duplex.pdf', duplex.bytes);
  expect(flat(text(file, 3))).toMatch(/Famille Unique/);
  expect(text(file, 4).trim()).toBe('');
  expect(fit.adaptations.find((c) => c.accountId === alone.id)!.page).toBe(3);
  // With class bundles and their sign-off rosters, a one-page roster gets a blank back too: the next
  // class's first family never takes home a roster (names, logins) on the back of its letter.
  const rostered = opts({ letterDuplex: true, bundles: true, roster: true });
  const r2 = await renderSheets([...big, mum, alone], rostered);
  const f2 = save(tmp(), 'duplex-roster.pdf', r2.bytes);
  expect(r2.pages).toBe(checkFit([...big, mum, alone], rostered).pages);
  const pages = Array.from({ length: r2.pages }, (_, i) => flat(text(f2, i + 1)));
  const starts = pages.map((p, i) => (/Famille |Feuille d’émargement/.test(p) && !/\(2\/2\)/.test(p) ? i + 1 : 0)).filter(Boolean);
  expect(starts.length).toBe(4); // two letters, two rosters
  for (const n of starts) expect(n % 2, `part starting on page ${n}`).toBe(1);
});
