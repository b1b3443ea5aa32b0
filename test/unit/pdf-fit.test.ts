/**
 * Issue 20: what you see is what prints. The demo school (a 70-character name, a 46-character
 * login, a female teacher, a family of five across three classes) printed with everything on: a
 * 50-character school name, a custom paragraph (100 characters at 8 per page, 500 at 1 and 2),
 * ONE Pocket and the académie notice, with a lenient and a strict ENT's password rule.
 * The verdict on every card comes from the pure core (checkFit: nothing left out, nothing broken,
 * the PDF's page count); pdftotext -bbox-layout then reads back the cards that matter (every card
 * checkFit laid out otherwise than the model's usual card, every hard case, one card of each
 * profile): each element whole and in order, no « … », every login one word on one line, sizes
 * within the README's minimums.
 */
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { displayName, type Account } from '../../src/model/account';
import { checkFit, renderSheets, renderRoster, CUSTOM_TEXT_LIMITS, type SheetOptions, type CardFit } from '../../src/pdf/index';
import { HOST_FLOOR_PT, LOGIN_WIDE_FLOOR_PT, MIN_PT, perPage, slotBox, type SheetModel } from '../../src/pdf/cards';
import { paginate, type Slot } from '../../src/pdf/pages';
import { renderSummary } from '../../src/pdf/summary';
import { SUMMARY } from '../../src/i18n/follow-up';
import { SHEETS_FR, say } from '../../src/i18n/sheets';
import { FONT, tmp, save, pageCount } from './fixtures/pdf-tools';
import { demoSchool, demoPdf, everythingOn, pageLines, paragraph, MODELS, SCHOOL50, NOTICE, LONG_RULE, type Line } from './fixtures/demo-school';

let demo: Account[] = [];

test.beforeAll(async () => {
  demo = await demoSchool();
});

const opts = everythingOn;
const lines = pageLines;

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
  // the ENT's password rule, whole, in the first-connection steps
  if (a.activationCode) out.push(a.activationCode, o.passwordHint!);
  if (a.profile === 'Teacher') out.push(model === 'simplePdf' ? '' : NOTICE); // 8 per page: the short form, checked below
  out.push(model === 'simplePdf' ? 'ONE Pocket' : say(SHEETS_FR, 'app.one'));
  out.push(o.customText!);
  return out.filter(Boolean).map(norm);
}

const fits = new Map<string, ReturnType<typeof checkFit>>();
/** checkFit on the whole demo school (pure: no drawing), once per options. */
function fitOf(model: SheetModel, extra: Partial<SheetOptions> = {}) {
  const key = `${model} ${JSON.stringify(extra)}`;
  let f = fits.get(key);
  if (!f) fits.set(key, (f = checkFit(demo, opts(model, extra))));
  return f;
}

/**
 * What a director would find wrong on these cards, read back from the PDF's word boxes: an element
 * missing, cut or out of order, a login not one word on one line, a word below its model's minimum.
 * One verdict per card, collected (an expect() per word would cost more than the PDF itself).
 */
function cardIssues(file: string, model: SheetModel, o: SheetOptions, cards: CardFit[], pageOf: (c: CardFit) => number = (c) => c.page): string[] {
  const byId = new Map(demo.map((a) => [a.id, a]));
  const issues: string[] = [];
  const min = MIN_PT[model];
  const eps = 0.06;
  for (const c of cards) {
    const a = byId.get(c.accountId)!;
    const { text, lines: ls } = cardText(lines(file, pageOf(c)), model, c.slot, c.qrColumn);
    const where = `${model} p${c.page} s${c.slot} ${displayName(a)}`;
    let at = -1;
    for (const e of expected(a, model, o)) {
      // Right-to-left text (Arabic names) is drawn in visual order: poppler reads it reversed.
      let i = text.indexOf(e, at + 1);
      if (i < 0 && /[\u0590-\u08ff]/.test(e)) i = text.indexOf([...e].reverse().join(''), at + 1);
      if (i <= at) {
        issues.push(`${where}: « ${e} » missing after position ${at} in « ${text} »`);
        break;
      }
      at = i;
    }
    if (a.profile === 'Teacher' && model === 'simplePdf' && ![say(SHEETS_FR, 'teacher.academie.short'), say(SHEETS_FR, 'teacher.academie.dense')].some((s) => text.includes(norm(s))))
      issues.push(`${where}: no académie notice in « ${text} »`);
    // the login: one word on one line, once
    const loginWords = ls.flatMap((l) => l.words).filter((w) => w.text === a.login);
    if (loginWords.length !== 1) {
      issues.push(`${where}: the login is ${loginWords.length} words`);
      continue;
    }
    const lw = loginWords[0]!;
    // at its usual minimum, or (reported by checkFit) shrunk on its own full-width line, never below 7 pt
    const loginFloor = c.adaptations.includes('login-shrunk') ? LOGIN_WIDE_FLOOR_PT : min.login;
    if (lw.size < loginFloor - eps) issues.push(`${where}: login at ${lw.size.toFixed(2)} pt`);
    // every other word at body size or larger, but a long name's own line (down to `long`)
    const name = new Set(norm(displayName(a)).split(/\s+/).flatMap((w) => [w, ...w.split(/(?<=-)/)]));
    for (const w of ls.flatMap((l) => l.words)) {
      if (w === lw) continue;
      const floor = name.has(w.text) ? min.long : min.body;
      if (w.size < floor - eps) issues.push(`${where}: « ${w.text} » at ${w.size.toFixed(2)} pt < ${floor} pt`);
    }
  }
  return issues;
}

/** The cards worth reading back: every card checkFit did not lay out as the model's usual card, and every hard case. */
function sampleOf(fit: ReturnType<typeof checkFit>): CardFit[] {
  const byId = new Map(demo.map((a) => [a.id, a]));
  const kind = (c: CardFit) => c.adaptations.join('+');
  const counts = new Map<string, number>();
  for (const c of fit.adaptations) counts.set(kind(c), (counts.get(kind(c)) ?? 0) + 1);
  const usual = [...counts].sort((x, y) => y[1] - x[1])[0]![0];
  const hard = (a: Account) => {
    const n = displayName(a);
    return n.length > 40 || a.login.length > 24 || /[\u0590-\u08ff]/.test(n) || (n.match(/-/g) ?? []).length >= 3 || a.profile === 'Teacher';
  };
  // and the first usual card of each profile, activated or not: the common case is read too
  const seen = new Set<string>();
  const firstOfKind = (a: Account) => {
    const k = `${a.profile} ${!!a.activationCode}`;
    return !seen.has(k) && (seen.add(k), true);
  };
  return fit.adaptations.filter((c) => kind(c) !== usual || hard(byId.get(c.accountId)!) || firstOfKind(byId.get(c.accountId)!));
}

for (const model of MODELS) {
  test(`${model}: checkFit lays every card of the demo school out whole, with a lenient and a strict ENT rule; the print agrees`, async () => {
    const o = opts(model);
    expect(Array.from(o.schoolName!).length).toBe(50);
    expect(o.customText!.length).toBe(model === 'simplePdf' ? 100 : 500);
    // the pure core on every card: nothing left out, nothing broken, whatever the ENT's rule
    for (const extra of [{}, { passwordHint: LONG_RULE }]) {
      const fit = fitOf(model, extra);
      expect(fit.problems.map((p) => p.message), JSON.stringify(extra)).toEqual([]);
      expect(fit.adaptations.filter((c) => c.dropped.length || c.broken.length).map((c) => `${c.name}: ${[...c.dropped, ...c.broken]}`)).toEqual([]);
      expect(fit.adaptations.map((c) => c.accountId).sort()).toEqual(demo.map((a) => a.id).sort());
    }
    // the page count before printing is the PDF's
    const fit = fitOf(model);
    const { file, pages } = await demoPdf(model);
    expect(fit.pages).toBe(pages);
    expect(pageCount(file)).toBe(pages);
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8', maxBuffer: 1 << 26 })).not.toContain('…');
    // read back: the cards checkFit had to adapt beyond the usual, the hard cases, one of each kind
    const sample = sampleOf(fit);
    expect(sample.length).toBeGreaterThan(20);
    expect(cardIssues(file, model, o, sample)).toEqual([]);
  });

  test(`${model}: with a strict ENT's long password rule, the tight cards and the hard cases read back whole (only their pages rendered)`, async () => {
    const o = opts(model, { passwordHint: LONG_RULE });
    const fit = fitOf(model, { passwordHint: LONG_RULE });
    const sample = sampleOf(fit);
    // no covers nor packs here: page p holds accounts (p - 1) × n … p × n - 1, so its pages alone render the same cards
    const n = perPage(model);
    const pages = [...new Set(sample.map((c) => c.page))].sort((x, y) => x - y);
    const r = await renderSheets(pages.flatMap((p) => demo.slice((p - 1) * n, p * n)), o);
    const file = save(tmp(), `${model}-strict.pdf`, r.bytes);
    expect(r.pages).toBe(pages.length);
    expect(cardIssues(file, model, o, sample, (c) => pages.indexOf(c.page) + 1)).toEqual([]);
  });
}

test('the hard cases of the demo school are in it, and the 46-character login stands whole at full width', async () => {
  const long = demo.find((a) => displayName(a).length === 70)!;
  expect(long, 'a 70-character name').toBeTruthy();
  expect(demo.some((a) => a.login.length === 46)).toBe(true);
  const fiveFamily = demo.filter((a) => a.lastName === "D'Almeida" || a.children.some((c) => c.lastName === "D'Almeida"));
  expect(fiveFamily.length).toBe(5);
  const fit = fitOf('simplePdf');
  const card = fit.adaptations.find((c) => c.accountId === demo.find((a) => a.login.length === 46)!.id)!;
  expect(card.adaptations).toContain('login-full-width');
  expect(card.dropped).toEqual([]);
  // a female teacher reads the same neutral line as anyone: « Classe de CP A et CP B »
  const { file } = await demoPdf('simplePdf');
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
    // (sheets alone: the whole school's count is checked above, for every model)
    for (const extra of [{ bundles: true, roster: true }, { bundles: true, households: true, roster: true, envelopeLabels: true }, { roster: true, households: true }] as Partial<SheetOptions>[]) {
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
  // the summary's own columns (src/i18n/follow-up.ts), « Bloqués » included
  const head = [...SUMMARY.fr.cols];
  expect(head.length).toBe(9);
  // jspdf-autotable warns when it must squeeze columns (« 20 units width could not fit page »)
  const warnings: string[] = [];
  const warn = console.warn, log = console.log, error = console.error;
  console.warn = console.log = console.error = (...a: unknown[]) => void warnings.push(a.join(' '));
  try {
    for (const classes of [5, 60]) {
      const body = Array.from({ length: classes }, (_, i) => [`CE2-CM1 bilingue ${i}`, '12', '6', '50 %', '3/6', '3/6', '2', '4', '1']);
      const r = await renderSummary({ head, body, total: ['Total', '1', '1', '1 %', '1', '1', '1', '1', '1'] }, { lang: 'fr', font: FONT, schoolName: SCHOOL50, date: new Date(2026, 8, 1) });
    const file = save(tmp(), 'summary.pdf', r.bytes);
    const words = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).split(/\s+/).filter(Boolean);
      for (const h of head.flatMap((x) => x.split(' '))) expect(words, `${classes} classes: « ${h} » whole`).toContain(h);
      expect(words.filter((w) => /^(Compte|s|Activé|Élève|Parent|envoyé|atteint|Bloqué)$/.test(w)), `${classes} classes`).toEqual([]);
    }
  } finally {
    Object.assign(console, { warn, log, error });
  }
  expect(warnings.filter((w) => /could not fit/.test(w))).toEqual([]);
});

test('the QR’s host stays on one line under the QR (shrunk, never cut inside a word)', async () => {
  for (const model of MODELS) {
    const { file } = await demoPdf(model);
    const fit = fitOf(model);
    const c = fit.adaptations.find((x) => !x.adaptations.includes('qr-smaller'))!;
    const b = slotBox(model, c.slot);
    const ls = lines(file, c.page).filter((l) => l.x0 >= b.x && l.x0 < b.x + b.w && l.y0 >= b.y && l.y0 < b.y + b.h);
    const host = ls.filter((l) => l.words.length === 1 && l.words[0]!.text.includes('edifice') && !l.text.startsWith('http'));
    expect(host.map((l) => l.text), model).toEqual(['oneconnect.edifice.io']);
    expect(host[0]!.words[0]!.size, model).toBeGreaterThanOrEqual(HOST_FLOOR_PT - 0.06);
  }
});
