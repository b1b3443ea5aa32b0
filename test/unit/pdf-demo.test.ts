/**
 * The demo school's sheets, read the way a director checks a print: word boxes for the type sizes
 * (pdftotext -bbox-layout), the French of every line, and families kept together.
 */
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { startFakeConsole } from '../fake-console/server.mjs';
import { parseAllUsers } from '../../src/console/parse';
import { sortAccounts } from '../../src/model/sort';
import { displayName, type Account } from '../../src/model/account';
import { renderSheets, type SheetOptions } from '../../src/pdf/index';
import { HOST_FLOOR_PT, LOGIN_WIDE_FLOOR_PT, MIN_PT, slotBox, type SheetModel } from '../../src/pdf/cards';
import { ASPIRATED_H } from '../../src/i18n/french';
import { FONT, tmp, save, text, flat } from './fixtures/pdf-tools';

let demo: Account[] = [];
const MODELS: SheetModel[] = ['simplePdf', 'newPdf', 'pdf'];
const files = new Map<string, string>();

test.beforeAll(async () => {
  const fc = await startFakeConsole({ http: true, port: 0 });
  try {
    const rows = await (await fetch(`${fc.url}/__test/allUsers`)).json();
    // the panel's order when sorted by class: what a director prints for the September handout
    demo = sortAccounts(parseAllUsers(rows), { first: 'class', second: 'none' });
  } finally {
    await fc.close();
  }
});

const opts = (model: SheetModel, extra: Partial<SheetOptions> = {}): SheetOptions => ({
  model, lang: 'fr', entUrl: 'https://oneconnect.edifice.io', qr: 'full', font: FONT, date: new Date(2026, 8, 1),
  schoolName: 'École élémentaire Jules Ferry', academieNotice: 'Si votre académie le propose, vous pouvez aussi vous connecter avec votre compte académique.',
  mobileApp: true, passwordHint: 'Votre mot de passe doit contenir au moins 8 caractères.', ...extra,
});

async function demoPdf(model: SheetModel, extra: Partial<SheetOptions> = {}, key: string = model): Promise<string> {
  const hit = files.get(key);
  if (hit) return hit;
  const r = await renderSheets(demo, opts(model, extra));
  const file = save(tmp(), `${key}.pdf`, r.bytes);
  files.set(key, file);
  return file;
}

interface Word { text: string; size: number; page: number; line: string[]; index: number; prevLine: string }

/** Every word with its size in pt: poppler's word box is the font's ascent + descent, 1.164 em for DejaVu. */
function words(file: string): Word[] {
  const xml = execFileSync('pdftotext', ['-bbox-layout', file, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const out: Word[] = [];
  let page = 0;
  for (const chunk of xml.split('<page ').slice(1)) {
    page++;
    let prevLine = '';
    for (const [, body] of chunk.matchAll(/<line[^>]*>([\s\S]*?)<\/line>/g)) {
      const ws = [...body!.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)];
      const line = ws.map((w) => w[5]!.replace(/&apos;/g, "'").replace(/&amp;/g, '&').replace(/&quot;/g, '"'));
      ws.forEach((w, index) => out.push({ text: line[index]!, size: (Number(w[4]) - Number(w[2])) / 1.164, page, line, index, prevLine }));
      prevLine = line.join(' ');
    }
  }
  return out;
}

/** Text blocks as poppler finds them (one column of one card: a QR caption never runs into the text beside it). */
function blocks(file: string): { lines: string[] }[] {
  const xml = execFileSync('pdftotext', ['-bbox-layout', file, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const unescape = (w: string) => w.replace(/&apos;/g, "'").replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  return [...xml.matchAll(/<block[^>]*>([\s\S]*?)<\/block>/g)].map(([, b]) => ({
    lines: [...b!.matchAll(/<line[^>]*>([\s\S]*?)<\/line>/g)].map(([, l]) => [...l!.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => unescape(w[1]!)).join(' ')),
  }));
}

for (const model of MODELS) {
  test(`${model}: minimum type sizes read from the word boxes (body, ENT address, identifiant, code)`, async () => {
    const min = MIN_PT[model];
    const ws = words(await demoPdf(model));
    const eps = 0.06;
    const names = new Set(demo.flatMap((a) => [...displayName(a).split(/\s+/), a.login]));
    // the value after its label, or alone on the next line when the label stands on its own line
    const after = (label: RegExp) =>
      ws.filter((w) => (w.index > 0 && label.test(w.line.slice(0, w.index).join(' '))) || (w.index === 0 && w.line.length === 1 && label.test(w.prevLine)));
    const logins = after(/Identifiant :$/);
    const codes = after(/d’activation :$/);
    // the ENT address: after its label, or alone on the next line when the label wrapped
    const label = model === 'simplePdf' ? /Connectez-vous sur :$/ : /Adresse de connexion :$/;
    // (the host printed under each QR, at body size, is not the address line)
    const address = ws.filter((w) => w.text.includes('oneconnect.edifice.io') && ((w.line.length === 1 && label.test(w.prevLine)) || label.test(w.line.slice(0, w.index).join(' '))));
    expect(logins.length).toBeGreaterThan(200);
    expect(codes.length).toBeGreaterThan(100);
    expect(address.length).toBeGreaterThan(200);
    const short = new Set(demo.filter((a) => a.login.length <= 24).map((a) => a.login));
    // a login too long to stand beside the QR: alone on a full-width line, mono, down to 7 pt
    for (const w of logins) expect(w.size, `login ${w.text} p${w.page}`).toBeGreaterThanOrEqual((short.has(w.text) ? min.login : LOGIN_WIDE_FLOOR_PT) - eps);
    for (const w of codes) expect(w.size, `code ${w.text} p${w.page}`).toBeGreaterThanOrEqual(min.code - eps);
    for (const w of address) expect(w.size, `address p${w.page}`).toBeGreaterThanOrEqual(min.address - eps);
    // every other word is body text or larger; only a long name or login line may go down to `long`
    // (the host under each QR shrinks to the QR's width, down to HOST_FLOOR_PT; a long login to 7 pt)
    const small = ws.filter((w) => w.size < min.body - eps);
    const host = (t: string) => /^(oneconnect\.)?(edifice\.io)?$/.test(t) && t.length > 0;
    for (const w of small) {
      expect(names.has(w.text) || host(w.text), `"${w.text}" at ${w.size.toFixed(2)} pt, p${w.page}`).toBe(true);
      const floor = host(w.text) ? HOST_FLOOR_PT : w.text.length > 24 && demo.some((a) => a.login === w.text) ? LOGIN_WIDE_FLOOR_PT : min.long;
      expect(w.size, `"${w.text}" p${w.page}`).toBeGreaterThanOrEqual(floor - eps);
    }
    // the code is printed in DejaVu Sans Mono Bold (similar characters told apart)
    const fonts = execFileSync('pdffonts', [await demoPdf(model)], { encoding: 'utf8' });
    expect(fonts).toContain('DejaVuSansMono');
  });
}

test('the 8-per-page cards use their space: no card leaves its bottom third empty', async () => {
  const file = await demoPdf('simplePdf');
  const ws = words(file);
  const xml = execFileSync('pdftotext', ['-bbox-layout', '-f', '1', '-l', '3', file, '-'], { encoding: 'utf8' });
  expect(ws.length).toBeGreaterThan(0);
  // lowest text of each card on the first 3 pages, as a share of the card's height
  const k = 72 / 25.4;
  let page = 0;
  for (const chunk of xml.split('<page ').slice(1)) {
    page++;
    const boxes = [...chunk.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">/g)].map((m) => m.slice(1, 5).map(Number));
    for (let slot = 0; slot < 8; slot++) {
      const b = slotBox('simplePdf', slot);
      const inCard = boxes.filter(([x0, y0]) => x0! / k >= b.x && x0! / k < b.x + b.w && y0! / k >= b.y && y0! / k < b.y + b.h);
      if (!inCard.length) continue;
      const bottom = Math.max(...inCard.map(([, , , y1]) => y1! / k));
      expect((bottom - b.y) / b.h, `page ${page} slot ${slot}`).toBeGreaterThan(2 / 3);
    }
  }
});

test('French of every printed line: elision, agreement, no « (s) », no punctuation starting a line', async () => {
  for (const [model, extra] of [['simplePdf', { bundles: true, roster: true }], ['newPdf', { households: true, bundles: true }], ['pdf', { households: true }]] as const) {
    const file = await demoPdf(model, extra, `${model}-french`);
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
  }
});

test('households: the demo siblings in three classes land contiguous under one family label, on one page', async () => {
  const file = await demoPdf('simplePdf', { households: true, bundles: true }, 'households');
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  const family = demo.filter((a) => a.lastName === "D'Almeida" || (a.profile === 'Relative' && a.children.some((c) => c.lastName === "D'Almeida")));
  expect(family.length).toBe(5);
  expect(new Set(family.filter((a) => a.profile === 'Student').map((a) => a.classes[0]!.name)).size).toBe(3);
  let found = false;
  for (let p = 1; p <= pages && !found; p++) {
    const cells = Array.from({ length: 8 }, (_, s) => flat(text(file, p, slotBox('simplePdf', s))));
    const at = cells.findIndex((c) => c.startsWith("Famille D'Almeida 5 fiches"));
    if (at < 0) continue;
    found = true;
    expect(cells[at]).toContain('Jean-Baptiste (CE2 B)');
    expect(at + 5).toBeLessThanOrEqual(7); // the whole family on this page
    const next = cells.slice(at + 1, at + 6);
    for (const a of family) expect(next.filter((c) => c.includes(`Identifiant : ${a.login}`)).length, displayName(a)).toBe(1);
  }
  expect(found).toBe(true);
});
