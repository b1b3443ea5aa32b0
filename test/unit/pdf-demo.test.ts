/**
 * The demo school's sheets, read the way a director checks a print: word boxes for the type sizes
 * (pdftotext -bbox-layout), the French of every line, and families kept together.
 */
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { displayName, type Account } from '../../src/model/account';
import { HOST_FLOOR_PT, LOGIN_WIDE_FLOOR_PT, MIN_PT, slotBox } from '../../src/pdf/cards';
import { ASPIRATED_H } from '../../src/i18n/french';
import { demoSchool, demoPdf, bbox, pageLines, MODELS } from './fixtures/demo-school';
import { text, flat } from './fixtures/pdf-tools';

let demo: Account[] = [];

test.beforeAll(async () => {
  demo = await demoSchool();
});

interface Word { text: string; size: number; page: number; line: string[]; index: number; prevLine: string }

/** Every word with its size in pt, its line and the line before it on the page. */
function words(file: string): Word[] {
  const out: Word[] = [];
  bbox(file).forEach((blocks, i) => {
    let prevLine = '';
    for (const l of blocks.flatMap((b) => b.lines)) {
      const line = l.words.map((w) => w.text);
      l.words.forEach((w, index) => out.push({ text: w.text, size: w.size, page: i + 1, line, index, prevLine }));
      prevLine = l.text;
    }
  });
  return out;
}

/** Text blocks as poppler finds them (one column of one card: a QR caption never runs into the text beside it). */
const blocks = (file: string): { lines: string[] }[] => bbox(file).flat().map((b) => ({ lines: b.lines.map((l) => l.text) }));

for (const model of MODELS) {
  test(`${model}: minimum type sizes read from the word boxes (body, ENT address, identifiant, code)`, async () => {
    const min = MIN_PT[model];
    const { file } = await demoPdf(model);
    const ws = words(file);
    const eps = 0.06;
    const names = new Set(demo.flatMap((a) => [...displayName(a).normalize('NFKC').split(/\s+/), a.login]));
    // the value after its label, or alone on the next line when the label stands on its own line
    const after = (label: RegExp) =>
      ws.filter((w) => (w.index > 0 && label.test(w.line.slice(0, w.index).join(' '))) || (w.index === 0 && w.line.length === 1 && label.test(w.prevLine)));
    const logins = after(/Identifiant :$/);
    const codes = after(/d’activation :$/);
    // the ENT address: after its label, or alone on the next line when the label wrapped
    const label = model === 'simplePdf' ? /(Connectez-vous sur|Site) :$/ : /Adresse de connexion :$/;
    // (the host printed under each QR, at body size, is not the address line)
    const address = ws.filter((w) => w.text.includes('oneconnect.edifice.io') && ((w.line.length === 1 && label.test(w.prevLine)) || label.test(w.line.slice(0, w.index).join(' '))));
    expect(logins.length).toBeGreaterThan(200);
    expect(codes.length).toBeGreaterThan(100);
    expect(address.length).toBeGreaterThan(200);
    const short = new Set(demo.filter((a) => a.login.length <= 24).map((a) => a.login));
    // one verdict per word, collected: thousands of expect() calls would cost more than the PDF
    const under: string[] = [];
    const atLeast = (what: string, w: Word, floor: number) => w.size >= floor - eps || under.push(`${what} « ${w.text} » at ${w.size.toFixed(2)} pt < ${floor} pt, p${w.page}`);
    // a login too long to stand beside the QR: alone on a full-width line, mono, down to 7 pt
    for (const w of logins) atLeast('login', w, short.has(w.text) ? min.login : LOGIN_WIDE_FLOOR_PT);
    for (const w of codes) atLeast('code', w, min.code);
    for (const w of address) atLeast('address', w, min.address);
    // every other word is body text or larger; only a long name or login line may go down to `long`
    // (the host under each QR shrinks to the QR's width, down to HOST_FLOOR_PT; a long login to 7 pt)
    const host = (t: string) => /^(oneconnect\.)?(edifice\.io)?$/.test(t) && t.length > 0;
    for (const w of ws.filter((x) => x.size < min.body - eps)) {
      if (!names.has(w.text) && !host(w.text)) under.push(`« ${w.text} » at ${w.size.toFixed(2)} pt: body text below ${min.body} pt, p${w.page}`);
      else atLeast('name, login or host', w, host(w.text) ? HOST_FLOOR_PT : w.text.length > 24 && demo.some((a) => a.login === w.text) ? LOGIN_WIDE_FLOOR_PT : min.long);
    }
    expect(under).toEqual([]);
    // the code is printed in DejaVu Sans Mono Bold (similar characters told apart)
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toContain('DejaVuSansMono');
  });
}

test('the 8-per-page cards use their space: no card leaves its bottom third empty', async () => {
  const { file } = await demoPdf('simplePdf');
  // lowest text of each card on the first 3 pages, as a share of the card's height
  let cards = 0;
  for (let page = 1; page <= 3; page++) {
    const ws = pageLines(file, page).flatMap((l) => l.words);
    for (let slot = 0; slot < 8; slot++) {
      const b = slotBox('simplePdf', slot);
      const inCard = ws.filter((w) => w.x0 >= b.x && w.x0 < b.x + b.w && w.y0 >= b.y && w.y0 < b.y + b.h);
      if (!inCard.length) continue;
      cards++;
      const bottom = Math.max(...inCard.map((w) => w.y1));
      expect((bottom - b.y) / b.h, `page ${page} slot ${slot}`).toBeGreaterThan(2 / 3);
    }
  }
  expect(cards).toBe(24);
});

// the documents the French and the households tests read (one render each, shared)
const FRENCH = [['simplePdf', { households: true, bundles: true, roster: true }], ['newPdf', { households: true, bundles: true }], ['pdf', { households: true }]] as const;

test('French of every printed line: elision, agreement, no « (s) », no punctuation starting a line, ’ in our own texts', async () => {
  // the names as they come from the directory: they may hold a straight apostrophe (« D'Almeida »)
  const data = [...new Set(demo.flatMap((a) => [a.firstName, a.lastName, ...a.children.flatMap((c) => [c.firstName, c.lastName])]).filter((n) => n.includes("'")))];
  for (const [model, extra] of FRENCH) {
    const { file } = await demoPdf(model, extra);
    const bs = blocks(file);
    expect(bs.length).toBeGreaterThan(100);
    // line by line: words on one line are read together, never a caption beside them
    const t = bs.flatMap((b) => b.lines).join(' ¶ ');
    // « de » before a vowel or a mute h is an error (« Parent de Arthur »); an aspirated h keeps « de »
    const bad = [...t.matchAll(/\b[Dd]e ((?:[AEIOUÉÈÊÀÂÎÏÔŒÆaeiouéèêàâîïôœæ]|[Hh][aeiouyéèêàâîôû])[\p{L}'-]*)/gu)]
      .filter((m) => !ASPIRATED_H.has(m[1]!.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')));
    expect(bad.map((m) => m[0]), model).toEqual([]);
    // agreement
    expect(t.match(/\b[01] (pages|fiches|comptes|utilisateurs|enseignants)\b/g) ?? [], model).toEqual([]);
    expect(t.match(/(?<![\d,])(?:[2-9]|\d{2,}) (page|fiche|compte|utilisateur)(?![\p{L}])/gu) ?? [], model).toEqual([]);
    expect(t.match(/Enseignant : [^:¶]* et /g) ?? [], model).toEqual([]);
    // a class name in brackets never breaks: « (CM1 A) » stays on one line
    expect(bs.flatMap((b) => b.lines).filter((l) => /\((?:CP|CE\d|CM\d)$/.test(l)), model).toEqual([]);
    expect(t, model).not.toContain('(s)');
    // no line of the sheets starts with a closing guillemet or a high punctuation mark
    expect(bs.flatMap((b) => b.lines).filter((l) => /^[»:;!?]/.test(l)), model).toEqual([]);
    // ’ in every text of ours: a straight apostrophe is only ever a name's own
    let rest = t;
    for (const n of data) rest = rest.split(n).join('');
    expect(data.length).toBeGreaterThan(1);
    expect(rest.match(/.{0,30}'.{0,30}/g) ?? [], model).toEqual([]);
  }
});

test('households: the demo siblings in three classes land contiguous under one family label, on one page', async () => {
  const { file, pages } = await demoPdf(FRENCH[0][0], FRENCH[0][1]);
  const family = demo.filter((a) => a.lastName === "D'Almeida" || (a.profile === 'Relative' && a.children.some((c) => c.lastName === "D'Almeida")));
  expect(family.length).toBe(5);
  expect(new Set(family.filter((a) => a.profile === 'Student').map((a) => a.classes[0]!.name)).size).toBe(3);
  // the family's label card: found in the word boxes, then its page read card by card
  const p = Array.from({ length: pages }, (_, i) => i + 1).find((n) => pageLines(file, n).some((l) => l.text.startsWith("Famille D'Almeida")));
  expect(p).toBeTruthy();
  const cells = Array.from({ length: 8 }, (_, s) => flat(text(file, p!, slotBox('simplePdf', s))));
  const at = cells.findIndex((c) => c.startsWith("Famille D'Almeida 5 fiches"));
  expect(at).toBeGreaterThanOrEqual(0);
  expect(cells[at]).toContain('Jean-Baptiste (CE2 B)');
  expect(at + 5).toBeLessThanOrEqual(7); // the whole family on this page
  const next = cells.slice(at + 1, at + 6);
  for (const a of family) expect(next.filter((c) => c.includes(`Identifiant : ${a.login}`)).length, displayName(a)).toBe(1);
});
