import { test, expect } from '@playwright/test';
import { makeDoc } from '../../src/pdf/document';
import { TextWriter } from '../../src/pdf/text';
import { setFont } from '../../src/pdf/draw';
import type { Ctx } from '../../src/pdf/context';
import type { Tone } from '../../src/pdf/layout';
import { HARD_NAMES } from './fixtures/pdf-accounts';
import { FONT } from './fixtures/pdf-tools';

/** Lines as the cards print them, and lines the writer must leave to jsPDF (right-to-left, direction marks, a character DejaVu lacks). */
const LINES = [
  'Élise Dupont-Aignan', 'Identifiant :', 'elise.dupont12', 'Code d’activation :', 'X1158K3', 'Parent d’Arthur (CE2-CM1) et Louise (CP A)',
  '« Classe de CP\u00a0A »', 'Prix\u202f: 12,50 €', 'Ὀδυσσεύς Ἰθάκη', 'Пётр Чайковский', 'Nguyễn Thị Hương', 'a\u0301 e\u0300 combining', '½ ¼ © ® ‰ … — –',
  ...HARD_NAMES.slice(0, 4).map(([f, l]) => `${f} ${l}`),
];
const JSPDF_ONLY = ['محمد العلي', 'שלום', 'Ali \u200fB', '漢字 Kanji', 'emoji 😀', 'tab\there', ''];

/** The same lines, states and positions, through jsPDF's text() and through the writer. */
function render(direct: boolean) {
  const { doc, hasBold, hasMono } = makeDoc('portrait', FONT, [...LINES, ...JSPDF_ONLY], true);
  const ctx = { doc, hasBold, hasMono } as Ctx;
  const w = new TextWriter(doc);
  let jspdfCalls = 0;
  const text = doc.text.bind(doc);
  doc.text = ((...a: Parameters<typeof doc.text>) => (jspdfCalls++, text(...a))) as typeof doc.text;
  const states: [number, boolean, Tone, boolean][] = [[11.5, true, 'text', false], [8.5, false, 'muted', false], [11.1, true, 'code', true], [14.040000000000001, true, 'accent', false]];
  let n = 0;
  for (let page = 0; page < 2; page++) {
    if (page) doc.addPage();
    for (const [i, [size, bold, tone, mono]] of states.entries()) {
      setFont(ctx, size, bold, tone, mono);
      [...LINES, ...JSPDF_ONLY].forEach((l, k) => {
        const x = 7.5 + i * 40.3 + k * 0.01;
        const y = 20 + k * 6.123;
        // one call in three as several lines with their own spacing, as a wrapped name is printed
        const lines = k % 3 ? l : [l, l.split(' ').reverse().join(' ')];
        if (direct) w.lines(lines, x, y, tone, k % 3 ? undefined : 1.21);
        else doc.text(lines, x, y, k % 3 ? undefined : { lineHeightFactor: 1.21 });
        n++;
      });
    }
  }
  const bytes = new TextDecoder('latin1').decode(new Uint8Array(doc.output('arraybuffer')));
  // the creation date and the file identifier (made from it) differ between any two documents
  return { pdf: bytes.replace(/\/CreationDate \(D:[^)]*\)/, '').replace(/\/ID \[[^\]]*\]/, ''), jspdfCalls, n };
}

test('the writer prints the cards’ lines byte for byte as jsPDF’s text() would, and leaves bidi, missing glyphs and empty lines to jsPDF', () => {
  const a = render(false);
  const b = render(true);
  expect(b.pdf.length).toBe(a.pdf.length);
  expect(b.pdf === a.pdf, 'the same PDF, fonts, widths, ToUnicode and subset included').toBe(true);
  expect(a.jspdfCalls).toBe(a.n);
  // jsPDF writes only the first line of each state (4 faces/colours × 2 spacings), the lines it must
  // shape or reorder, and « Nguyễn » (twice per page) in the mono face, which has no « ễ »
  expect(b.jspdfCalls).toBe(4 * 2 + 2 * 4 * JSPDF_ONLY.length + 2 * 2);
});

test('the embedded font subset is written as jsPDF writes it, byte for byte, through our directory encoder', () => {
  const { doc } = makeDoc('portrait', FONT, LINES, true);
  doc.text(LINES, 10, 10);
  type Dir = { scalarType: number; encode(t: Record<string, number[]>): ArrayLike<number>; ppFast?: boolean; ppJspdfEncode?: Dir['encode'] };
  type Meta = { directory: Dir; glyIdsUsed: number[]; subset: { encode(ids: number[], fmt: number): ArrayLike<number> } };
  const meta = (doc.internal as unknown as { getFont(): { metadata: Meta } }).getFont().metadata;
  const proto = Object.getPrototypeOf(meta.directory) as Dir;
  expect(proto.ppFast, 'jsPDF’s encoder replaced').toBe(true);
  const ours = proto.encode;
  let tables: Record<string, number[]> | null = null;
  proto.encode = function (this: Dir, t) {
    tables = t;
    return ours.call(this, t);
  };
  let written: ArrayLike<number>;
  try {
    written = meta.subset.encode(meta.glyIdsUsed, 1);
  } finally {
    proto.encode = ours;
  }
  expect(Object.keys(tables!)).toEqual(expect.arrayContaining(['cmap', 'glyf', 'loca', 'hmtx', 'head', 'name']));
  const jspdf = Array.from(proto.ppJspdfEncode!.call(meta.directory, tables!));
  expect(jspdf.length).toBeGreaterThan(50_000);
  expect(Array.from(written).length).toBe(jspdf.length);
  expect(Array.from(written).every((b, i) => b === jspdf[i])).toBe(true);
});
