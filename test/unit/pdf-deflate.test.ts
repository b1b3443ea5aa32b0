import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { test, expect } from '@playwright/test';
import { renderSheets, type SheetOptions } from '../../src/pdf/index';
import { streamDeflate } from '../../src/pdf/document';
import { deflateHeld, nativeDeflate, placeholder } from '../../src/pdf/deflate';
import { population } from './fixtures/pdf-accounts';
import { FONT, tmp, save, text, makePng } from './fixtures/pdf-tools';

/** Every object of a PDF read through its cross-reference table: its dictionary, and its stream inflated. */
function objects(bytes: Uint8Array) {
  const s = Buffer.from(bytes).toString('latin1');
  const sx = s.lastIndexOf('startxref\n');
  const xref = Number(/^startxref\n(\d+)\n%%EOF/.exec(s.slice(sx))![1]);
  expect(s.startsWith('xref\n0 ', xref)).toBe(true);
  const [, , n] = /^xref\n(0) (\d+)\n/.exec(s.slice(xref))!;
  const head = s.indexOf('\n', xref + 5) + 1;
  const out: { dict: string; stream: string | null }[] = [];
  for (let k = 1; k < Number(n); k++) {
    const at = Number(s.slice(head + 20 * k, head + 20 * k + 10));
    expect(s.startsWith(`${k} 0 obj\n`, at), `object ${k} at its offset`).toBe(true);
    const body = at + `${k} 0 obj\n`.length;
    const end = s.indexOf('\nendobj', body);
    const st = s.indexOf('\nstream\n', body);
    if (st < 0 || st > end) {
      out.push({ dict: s.slice(body, end), stream: null });
      continue;
    }
    const dict = s.slice(body, st);
    const len = Number(/\/Length (\d+)/.exec(dict)![1]);
    const data = bytes.subarray(st + 8, st + 8 + len);
    expect(s.slice(st + 8 + len, st + 8 + len + 10), `object ${k}: its /Length ends its stream`).toBe('\nendstream');
    const flate = /\/Filter \/FlateDecode/.test(dict);
    out.push({ dict: dict.replace(/\/Length \d+/, '/Length ?'), stream: (flate ? inflateSync(data) : Buffer.from(data)).toString('latin1') });
  }
  return out;
}

const pngs = (file: string) => {
  const dir = tmp();
  execFileSync('pdftoppm', ['-r', '60', '-png', file, join(dir, 'p')]);
  return readdirSync(dir).sort().map((f) => readFileSync(join(dir, f)).toString('base64'));
};

const OPTS = (extra: Partial<SheetOptions> = {}): SheetOptions => ({
  model: 'newPdf', lang: 'fr', entUrl: 'https://ent.example.test', qr: 'full', font: FONT,
  date: new Date('2026-09-02T10:00:00Z'), schoolName: 'École du Centre', logo: { data: makePng(40, 20), format: 'PNG' }, ...extra,
});

test('the native deflate writes the same document as fflate: every object, its stream once inflated, the text and the pages', async () => {
  expect(nativeDeflate, 'Node has CompressionStream, as Chromium and Firefox do').not.toBeNull();
  // 30 accounts, classes, codes (the mono face), a logo (an image stream jsPDF leaves to its own filters)
  const accounts = population(30);
  const native = await renderSheets(accounts, OPTS());
  streamDeflate.native = null;
  let old: Awaited<ReturnType<typeof renderSheets>>;
  try {
    old = await renderSheets(accounts, OPTS());
  } finally {
    streamDeflate.native = nativeDeflate;
  }
  expect(native.pages).toBe(old.pages);
  const [a, b] = [objects(native.bytes), objects(old.bytes)];
  expect(a.length).toBe(b.length);
  const stable = (d: string) => d.replace(/\/CreationDate \(D:[^)]*\)/, '').replace(/<[0-9A-F]{32}>/g, '');
  for (let k = 0; k < a.length; k++) {
    expect(stable(a[k]!.dict), `object ${k + 1}`).toBe(stable(b[k]!.dict));
    expect(a[k]!.stream === b[k]!.stream, `object ${k + 1}'s stream`).toBe(true);
  }
  expect(a.filter((o) => o.stream !== null).length).toBeGreaterThan(10);
  // the native route did run: zlib's bytes are not fflate's
  expect(Buffer.from(native.bytes).equals(Buffer.from(old.bytes))).toBe(false);
  const dir = tmp();
  const [fa, fb] = [save(dir, 'native.pdf', native.bytes), save(dir, 'fflate.pdf', old.bytes)];
  expect(text(fa)).toBe(text(fb));
  expect(text(fa)).toContain('École du Centre');
  expect(pngs(fa)).toEqual(pngs(fb));
  expect(execFileSync('pdfinfo', [fa], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })).toMatch(new RegExp(`Pages:\\s+${old.pages}\\n`));
});

test('a native deflate that fails leaves the document to fflate, whole', async () => {
  streamDeflate.native = () => Promise.reject(new Error('no zlib here'));
  try {
    const r = await renderSheets(population(9), OPTS({ model: 'simplePdf', logo: undefined }));
    const dir = tmp();
    expect(text(save(dir, 'out.pdf', r.bytes))).toContain('École du Centre');
    expect(objects(r.bytes).filter((o) => o.stream !== null).length).toBeGreaterThan(5);
  } finally {
    streamDeflate.native = nativeDeflate;
  }
});

test('deflateHeld refuses a document whose placeholders are not where jsPDF writes them', async () => {
  const z = async (d: Uint8Array) => d;
  const ok = `%PDF-1.3\n1 0 obj\n<<\n/Length 15\n/Filter /FlateDecode\n>>\nstream\n${placeholder(0)}\nendstream\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<<\n/Size 2\n>>\nstartxref\n`;
  const pdf = (body: string) => `${body}${body.indexOf('xref\n0 ')}\n%%EOF`;
  const out = Buffer.from(await deflateHeld(pdf(ok), ['hello'], z)).toString('latin1');
  expect(out).toContain('/Length 5\n/Filter /FlateDecode\n>>\nstream\nhello\nendstream');
  expect(out).toMatch(new RegExp(`startxref\\n${out.indexOf('xref\n0 ')}\\n%%EOF$`));
  await expect(deflateHeld(pdf(ok.replace('/Length 15', '/Length 16')), ['hello'], z)).rejects.toThrow();
  await expect(deflateHeld(pdf(ok.replace(placeholder(0), placeholder(1))), ['hello'], z)).rejects.toThrow();
  await expect(deflateHeld(pdf(ok).replace(/startxref\n\d+/, 'startxref\n3'), ['hello'], z)).rejects.toThrow();
});
