/**
 * Issue 20: what you see is what prints. The demo school (a 70-character name, a 46-character
 * login, a female teacher, a family of five across three classes) printed with everything on: a
 * 50-character school name, a custom paragraph (100 characters at 8 per page, 500 at 1 and 2),
 * ONE Pocket and the académie notice. Read back from the PDF with pdftotext -bbox-layout: every
 * card carries each element whole and in order, no « … », every login one word on one line, sizes
 * within the README's minimums; checkFit's page count is pdfinfo's.
 */
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { startFakeConsole } from '../fake-console/server.mjs';
import { parseAllUsers } from '../../src/console/parse';
import { sortAccounts } from '../../src/model/sort';
import { displayName, type Account } from '../../src/model/account';
import { checkFit, renderSheets, renderRoster, CUSTOM_TEXT_LIMITS, type SheetOptions } from '../../src/pdf/index';
import { HOST_FLOOR_PT, LOGIN_WIDE_FLOOR_PT, MIN_PT, slotBox, type SheetModel } from '../../src/pdf/cards';
import { paginate, type Slot } from '../../src/pdf/pages';
import { renderSummary } from '../../src/pdf/summary';
import { SHEETS_FR, say } from '../../src/i18n/sheets';
import { FONT, tmp, save, pageCount } from './fixtures/pdf-tools';

let demo: Account[] = [];
// the whole demo school in each model, read back word by word: minutes on a loaded 2-core machine
test.setTimeout(900_000);
const MODELS: SheetModel[] = ['simplePdf', 'newPdf', 'pdf'];
const SCHOOL = 'École élémentaire publique Jules-Ferry de Pantin'; // 48 characters…
const SCHOOL50 = `${SCHOOL} 2`; // …50
const SENTENCE = 'Réunion de rentrée jeudi 4 septembre à 18 h, salle polyvalente : venez avec vos questions. ';
const paragraph = (n: number) => {
  let s = '';
  while (s.length < n) s += SENTENCE;
  return s.slice(0, n).replace(/\s+\S*$/, '').padEnd(n, '.');
};
const NOTICE = SHEETS_FR['teacher.academie'];

test.beforeAll(async () => {
  const fc = await startFakeConsole({ http: true, port: 0 });
  try {
    const rows = await (await fetch(`${fc.url}/__test/allUsers`)).json();
    demo = sortAccounts(parseAllUsers(rows), { first: 'class', second: 'none' });
  } finally {
    await fc.close();
  }
});

const opts = (model: SheetModel, extra: Partial<SheetOptions> = {}): SheetOptions => ({
  model, lang: 'fr', entUrl: 'https://oneconnect.edifice.io', qr: 'full', font: FONT, date: new Date(2026, 8, 1),
  schoolName: SCHOOL50, customText: paragraph(model === 'simplePdf' ? 100 : 500), academieNotice: NOTICE, mobileApp: true,
  passwordHint: 'Votre mot de passe doit contenir au moins 8 caractères.', ...extra,
});

interface Line { words: { text: string; x0: number; y0: number; x1: number; y1: number; size: number }[]; x0: number; y0: number; text: string }

/** Lines of one page with their words in mm, as poppler reads them. */
const xmlPages = new Map<string, string[]>();
function lines(file: string, page: number): Line[] {
  // one pdftotext run per file, split by page
  let pages = xmlPages.get(file);
  if (!pages) xmlPages.set(file, (pages = execFileSync('pdftotext', ['-bbox-layout', file, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 }).split('<page ').slice(1)));
  const xml = pages[page - 1] ?? '';
  const mm = 25.4 / 72;
  const un = (w: string) => w.replace(/&apos;/g, "'").replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  return [...xml.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([\s\S]*?)<\/line>/g)].map(([, x, y, body]) => {
    const words = [...body!.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((w) => ({
      text: un(w[5]!).normalize('NFKC'), x0: Number(w[1]) * mm, y0: Number(w[2]) * mm, x1: Number(w[3]) * mm, y1: Number(w[4]) * mm,
      // poppler's word box is the font's ascent + descent: 1.164 em for DejaVu
      size: (Number(w[4]) - Number(w[2])) / 1.164,
    }));
    return { words, x0: Number(x) * mm, y0: Number(y) * mm, text: words.map((w) => w.text).join(' ') };
  });
}

/** One card's text, top to bottom, without the QR's captions (the words standing in its QR column). */
function cardText(all: Line[], model: SheetModel, slot: number, qr?: { x: number; y: number; w: number; h: number }): { text: string; lines: Line[] } {
  const b = slotBox(model, slot);
  const inQr = (w: Line['words'][number]) => !!qr && (w.x0 + w.x1) / 2 >= qr.x - 0.3 && (w.y0 + w.y1) / 2 >= qr.y && (w.y0 + w.y1) / 2 <= qr.y + qr.h + 0.3;
  const mine = all
    .filter((l) => l.x0 >= b.x && l.x0 < b.x + b.w && l.y0 >= b.y && l.y0 < b.y + b.h)
    .map((l) => ({ ...l, words: l.words.filter((w) => !inQr(w)) }))
    .filter((l) => l.words.length)
    .map((l) => ({ ...l, x0: l.words[0]!.x0, text: l.words.map((w) => w.text).join(' ') }))
    .sort((p, q) => p.y0 - q.y0 || p.x0 - q.x0);
  // a line broken after a hyphen reads on: « Montmorency- » + « Laval » is one word
  const text = mine.map((l) => l.text).join(' ').replace(/[\u00a0\u202f]/g, ' ').replace(/(\p{L})- (?=\p{L})/gu, '$1-');
  return { text, lines: mine };
}

const norm = (s: string) => s.normalize('NFKC').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();

/** What each card must carry, in this order. */
function expected(a: Account, model: SheetModel, o: SheetOptions): string[] {
  const out = [o.schoolName!, displayName(a), a.login];
  if (a.activationCode) out.push(a.activationCode);
  if (a.profile === 'Teacher') out.push(model === 'simplePdf' ? '' : NOTICE); // 8 per page: the short form, checked below
  out.push(model === 'simplePdf' ? 'ONE Pocket' : say(SHEETS_FR, 'app.one'));
  out.push(o.customText!);
  return out.filter(Boolean).map(norm);
}

const files = new Map<string, { file: string; pages: number; fit: ReturnType<typeof checkFit> }>();
async function rendered(model: SheetModel, extra: Partial<SheetOptions> = {}, key = model) {
  const hit = files.get(key);
  if (hit) return hit;
  const o = opts(model, extra);
  const fit = checkFit(demo, o);
  const r = await renderSheets(demo, o);
  const file = save(tmp(), `${key}.pdf`, r.bytes);
  const out = { file, pages: r.pages, fit };
  files.set(key, out);
  return out;
}

for (const model of MODELS) {
  // FIXME(issue 20, open): written this session and never run to the end here — minutes per model on
  // a loaded 2-core machine, and its last runs stopped on an Arabic name read in visual order (fixed
  // above) before the rest of the school was checked. checkFit and the page counts are checked below.
  test(`${model}: every card carries school, name, login, code, académie, ONE Pocket and the paragraph, whole and in order; checkFit agrees`, async () => {
    const o = opts(model);
    expect(Array.from(o.schoolName!).length).toBe(50);
    expect(o.customText!.length).toBe(model === 'simplePdf' ? 100 : 500);
    const { file, pages, fit } = await rendered(model);
    // the page count before printing is the PDF's
    expect(fit.pages).toBe(pages);
    expect(pageCount(file)).toBe(pages);
    // nothing left out, nothing broken: no problem to report
    expect(fit.problems.map((p) => p.message)).toEqual([]);
    expect(fit.adaptations.map((c) => c.accountId).sort()).toEqual(demo.map((a) => a.id).sort());
    const all = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(all).not.toContain('…');
    const byId = new Map(demo.map((a) => [a.id, a]));
    const pageLines = new Map<number, Line[]>();
    const min = MIN_PT[model];
    const eps = 0.06;
    for (const c of fit.adaptations) {
      const a = byId.get(c.accountId)!;
      if (!pageLines.has(c.page)) pageLines.set(c.page, lines(file, c.page));
      const { text, lines: ls } = cardText(pageLines.get(c.page)!, model, c.slot, c.qrColumn);
      const where = `${model} p${c.page} s${c.slot} ${displayName(a)}`;
      let at = -1;
      for (const e of expected(a, model, o)) {
        // Right-to-left text (Arabic names) is drawn in visual order: poppler reads it reversed.
        let i = text.indexOf(e, at + 1);
        if (i < 0 && /[\u0590-\u08ff]/.test(e)) i = text.indexOf([...e].reverse().join(''), at + 1);
        expect(i, `${where}: « ${e} » after position ${at} in « ${text} »`).toBeGreaterThan(at);
        at = i;
      }
      if (a.profile === 'Teacher' && model === 'simplePdf')
        expect([say(SHEETS_FR, 'teacher.academie.short'), say(SHEETS_FR, 'teacher.academie.dense')].some((s) => text.includes(norm(s))), where).toBe(true);
      // the login: one word on one line, once
      const loginWords = ls.flatMap((l) => l.words).filter((w) => w.text === a.login);
      expect(loginWords.length, `${where}: login as one word`).toBe(1);
      const lw = loginWords[0]!;
      // at its usual minimum, or (reported by checkFit) shrunk on its own full-width line, never below 7 pt
      expect(lw.size, `${where}: login size`).toBeGreaterThanOrEqual((c.adaptations.includes('login-shrunk') ? LOGIN_WIDE_FLOOR_PT : min.login) - eps);
      // every other word at body size or larger, but a long name's own line
      const name = new Set(displayName(a).split(/\s+/).flatMap((w) => [w, ...w.split(/(?<=-)/)]));
      for (const w of ls.flatMap((l) => l.words)) {
        if (w === lw || name.has(w.text)) continue;
        expect(w.size, `${where}: « ${w.text} »`).toBeGreaterThanOrEqual(min.body - eps);
      }
      for (const w of ls.flatMap((l) => l.words).filter((x) => name.has(x.text))) expect(w.size, `${where}: name`).toBeGreaterThanOrEqual(min.long - eps);
    }
  });
}

test('the hard cases of the demo school are in it, and the 46-character login stands whole at full width', async () => {
  const long = demo.find((a) => displayName(a).length === 70)!;
  expect(long, 'a 70-character name').toBeTruthy();
  expect(demo.some((a) => a.login.length === 46)).toBe(true);
  const fiveFamily = demo.filter((a) => a.lastName === "D'Almeida" || a.children.some((c) => c.lastName === "D'Almeida"));
  expect(fiveFamily.length).toBe(5);
  const { fit } = await rendered('simplePdf');
  const card = fit.adaptations.find((c) => c.accountId === demo.find((a) => a.login.length === 46)!.id)!;
  expect(card.adaptations).toContain('login-full-width');
  expect(card.dropped).toEqual([]);
  // a female teacher reads the same neutral line as anyone: « Classe de CP A et CP B »
  const { file } = await rendered('simplePdf');
  const k = demo.find((a) => a.firstName === 'Małgorzata' && a.profile === 'Teacher')!;
  const c = fit.adaptations.find((x) => x.accountId === k.id)!;
  expect(cardText(lines(file, c.page), 'simplePdf', c.slot, c.qrColumn).text).toContain('Classes de CP A et CP B');
});

test('a paragraph too long for 8 per page: checkFit says so before printing, with the limit and « 2 par page »', async () => {
  const text = paragraph(300);
  const fit = checkFit(demo.slice(0, 24), opts('simplePdf', { customText: text }));
  const p = fit.problems.find((x) => x.kind === 'custom-too-long')!;
  expect(p).toBeTruthy();
  expect(p.limit).toBe(CUSTOM_TEXT_LIMITS.simplePdf);
  expect(p.length).toBe(300);
  expect(p.fix?.model).toBe('newPdf');
  expect(p.message).toContain('choisissez 2 par page'.replace(/^c/, 'C'));
  expect(p.message).toContain(`${CUSTOM_TEXT_LIMITS.simplePdf}`);
  // the cards it names are exactly those printed without it
  const r = await renderSheets(demo.slice(0, 24), opts('simplePdf', { customText: text }));
  const file = save(tmp(), 'long.pdf', r.bytes);
  for (const c of fit.adaptations) {
    const t = cardText(lines(file, c.page), 'simplePdf', c.slot, c.qrColumn).text;
    expect(t.includes(norm(text)), c.name).toBe(!p.accountIds.includes(c.accountId));
  }
  // at 2 per page the same paragraph fits every card
  expect(checkFit(demo.slice(0, 24), opts('newPdf', { customText: text })).problems).toEqual([]);
});

test('checkFit counts pages as the PDF has them: covers, rosters, family packs, envelope labels, every model', async () => {
  const sample = demo.slice(0, 90);
  for (const model of MODELS) {
    for (const extra of [{}, { bundles: true, roster: true }, { bundles: true, households: true, roster: true, envelopeLabels: true }, { roster: true, households: true }] as Partial<SheetOptions>[]) {
      const o = opts(model, extra);
      const fit = checkFit(sample, o);
      const r = await renderSheets(sample, o);
      const file = save(tmp(), 'count.pdf', r.bytes);
      expect(fit.pages, `${model} ${JSON.stringify(extra)}`).toBe(pageCount(file));
    }
  }
});

test('2 per page: a class cover is half a sheet, the class’s first sheet beside it', async () => {
  const sample = demo.slice(0, 30);
  const r = await renderSheets(sample, opts('newPdf', { bundles: true }));
  const file = save(tmp(), 'covers.pdf', r.bytes);
  const ls = lines(file, 1);
  const left = ls.filter((l) => l.x0 < 297 / 2).map((l) => l.text).join(' ');
  const right = ls.filter((l) => l.x0 >= 297 / 2).map((l) => l.text).join(' ');
  expect(norm(left)).toContain('Fiches de connexion');
  // the right half is the class's first sheet (whatever its branch)
  expect(norm(right)).toMatch(/Ce document s’adresse à .* Identifiant : \S+/);
});

test('family packs at 8 per page: leftover slots take whole smaller families, never part of one', () => {
  const unit = (n: number, tag: string): Slot[] => Array.from({ length: n }, (_, i) => ({ kind: 'cover', cover: { className: `${tag}${i}` } }) as unknown as Slot);
  const name = (s: Slot) => (s as unknown as { cover: { className: string } }).cover.className;
  const pages = paginate([unit(3, 'a'), unit(6, 'b'), unit(2, 'c'), unit(4, 'd'), unit(1, 'e')], 8, true).map((p) => p.map(name));
  // 3 + 2 + 1 on the first page: the family of 4 does not fit the 3 slots left, the lone sheet does
  expect(pages).toEqual([
    ['a0', 'a1', 'a2', 'c0', 'c1', 'e0'],
    ['b0', 'b1', 'b2', 'b3', 'b4', 'b5'],
    ['d0', 'd1', 'd2', 'd3'],
  ]);
  // every unit whole on one page
  for (const tag of 'abcde') expect(pages.filter((p) => p.some((x) => x.startsWith(tag))).length, tag).toBe(1);
});

test('family packs: fewer pages than before, the roster attached to each pack sorted by name', async () => {
  const o = opts('simplePdf', { households: true, bundles: true, roster: true, customText: undefined });
  const fit = checkFit(demo, o);
  const r = await renderSheets(demo, o);
  expect(fit.pages).toBe(r.pages);
  const file = save(tmp(), 'packs.pdf', r.bytes);
  const txt = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 1 << 26 }).split('\f');
  const roster = txt.find((p) => p.includes('Feuille d’émargement — CP A'))!;
  const rows = roster.split('\n').map((l) => l.trim().split(/\s{2,}/)).filter((c) => c.length >= 4 && demo.some((a) => a.login === c[3]));
  const last = rows.map((r) => r[0]!);
  const sorted = [...last].sort((x, y) => x.localeCompare(y, 'fr', { sensitivity: 'base' }));
  expect(last.length).toBeGreaterThan(10);
  expect(last).toEqual(sorted);
});

/**
 * Words of a table that are not whole words of its data: a word cut inside (« Enseignan », « t »).
 * A hyphenated name may end a line after one of its hyphens. Right-to-left words are left out
 * (pdftotext gives them in visual order).
 */
function brokenWords(words: string[], data: string[]): string[] {
  const ok = new Set<string>();
  for (const d of data) for (const w of d.normalize('NFKC').split(/\s+/)) {
    ok.add(w);
    // pdftotext joins a line ending in a hyphen with the next one and drops the hyphen
    ok.add(w.replace(/-/g, ''));
    const parts = w.split(/(?<=-)/);
    for (let i = 0; i < parts.length; i++) for (let j = i + 1; j <= parts.length; j++) for (const k of [parts.slice(i, j).join(''), parts.slice(i, j).join('').replace(/-(?!$)/g, '')]) ok.add(k);
  }
  // pdftotext drops the hyphen of each line it joins, so a name wrapped at several hyphens reads with
  // some of them gone: compared without hyphens, it must still be whole parts of a word.
  const stripped = new Set<string>();
  for (const d of data) for (const w of d.normalize('NFKC').split(/\s+/)) {
    const parts = w.split('-');
    for (let i = 0; i < parts.length; i++) for (let j = i + 1; j <= parts.length; j++) stripped.add(parts.slice(i, j).join(''));
  }
  const whole = (w: string) => ok.has(w) || stripped.has(w.replace(/-/g, ''));
  return [...new Set(words.map((w) => w.normalize('NFKC')).filter((w) => !whole(w) && !/[\u0590-\u08ff\ufb1d-\ufeff]/.test(w)))];
}

test('roster: no broken word, every login whole on one line (the 46-character one too), headers whole', async () => {
  const d = SHEETS_FR;
  const data = [
    ...demo.flatMap((a) => [a.lastName, a.firstName, a.login, d[`profile.${a.profile}`]]),
    d['roster.lastName'], d['roster.firstName'], d['roster.profile'], d['roster.login'], d['roster.given'], d['roster.signature'],
    'Feuille d’émargement —', ...demo.flatMap((a) => a.classes.map((c) => c.name)), d.noClass, SCHOOL50, '— 1 septembre 2026',
  ];
  const long = demo.find((a) => a.login.length === 46)!;
  for (const orientation of ['portrait', 'landscape'] as const) {
    const r = orientation === 'portrait'
      ? await renderRoster(demo, { lang: 'fr', font: FONT, schoolName: SCHOOL50, date: new Date(2026, 8, 1) })
      : await renderSheets([...demo.slice(0, 40), long], opts('newPdf', { roster: true }));
    const file = save(tmp(), `roster-${orientation}.pdf`, r.bytes);
    const rosterPages: number[] = [];
    for (let p = 1; p <= pageCount(file); p++) if (lines(file, p).some((l) => l.text.startsWith('Feuille'))) rosterPages.push(p);
    expect(rosterPages.length, orientation).toBeGreaterThan(0);
    const words = rosterPages.flatMap((p) => execFileSync('pdftotext', ['-f', String(p), '-l', String(p), file, '-'], { encoding: 'utf8' }).split(/\s+/).filter(Boolean));
    expect(words.length, orientation).toBeGreaterThan(100);
    expect(brokenWords(words, data), orientation).toEqual([]);
    const hit = rosterPages.flatMap((p) => lines(file, p)).flatMap((l) => l.words).filter((w) => w.text === long.login);
    expect(hit.length, `${orientation}: the long login as one word`).toBe(1);
    expect(hit[0]!.size, orientation).toBeGreaterThanOrEqual(6 - 0.06);
  }
});

test('council summary: headers and class names whole at every size (no « Compte / s »)', async () => {
  const head = ['Classe', 'Comptes', 'Activés', '%', 'Élèves activés', 'Parents activés', 'Remis ou envoyés', 'Pas encore atteints'];
  for (const classes of [5, 60]) {
    const body = Array.from({ length: classes }, (_, i) => [`CE2-CM1 bilingue ${i}`, '12', '6', '50 %', '3/6', '3/6', '2', '4']);
    const r = await renderSummary({ head, body, total: ['Total', '1', '1', '1 %', '1', '1', '1', '1'] }, { lang: 'fr', font: FONT, schoolName: SCHOOL50, date: new Date(2026, 8, 1) });
    const file = save(tmp(), 'summary.pdf', r.bytes);
    const words = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).split(/\s+/).filter(Boolean);
    for (const h of head.flatMap((x) => x.split(' '))) expect(words, `${classes} classes: « ${h} » whole`).toContain(h);
    expect(words.filter((w) => /^(Compte|s|Activé|Élève|Parent|envoyé|atteint)$/.test(w)), `${classes} classes`).toEqual([]);
  }
});

test('the QR’s host stays on one line under the QR (shrunk, never cut inside a word)', async () => {
  for (const model of MODELS) {
    const { file, fit } = await rendered(model);
    const c = fit.adaptations.find((x) => !x.adaptations.includes('qr-smaller'))!;
    const b = slotBox(model, c.slot);
    const ls = lines(file, c.page).filter((l) => l.x0 >= b.x && l.x0 < b.x + b.w && l.y0 >= b.y && l.y0 < b.y + b.h);
    const host = ls.filter((l) => l.words.length === 1 && l.words[0]!.text.includes('edifice') && !l.text.startsWith('http'));
    expect(host.map((l) => l.text), model).toEqual(['oneconnect.edifice.io']);
    expect(host[0]!.words[0]!.size, model).toBeGreaterThanOrEqual(HOST_FLOOR_PT - 0.06);
  }
});
