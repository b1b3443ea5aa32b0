import { test, expect } from '@playwright/test';
import { layoutAll, measurerFor, renderSheets, type SheetOptions, type SheetModel } from '../../src/pdf/index';
import { benchSheets } from '../support/pdf-bench';
import { layoutProblems } from '../../src/pdf/layout';
import { GRID, slotBox } from '../../src/pdf/cards';
import { acc, cls, population, HARD_NAMES } from './fixtures/pdf-accounts';
import { FONT, tmp, save, renderGray } from './fixtures/pdf-tools';

const LONG = 'Anticonstitutionnellement-Intergouvernementalisation ';
const longAccounts = () => [
  acc({ firstName: 'Maximilien-Alexandre-Jean-Baptiste-Marie', lastName: 'de La Rochefoucauld-Montmorency-Laval-Bourbon-Conti',
    classes: [cls('CE2-CM1 bilingue'), cls('CM2 classe à horaires aménagés musique'), cls('ULIS école'), cls('UPE2A')],
    login: 'maximilien-alexandre-jean-baptiste.de-la-rochefoucauld-montmorency-laval-bourbon', activationCode: 'ABCDEFGHIJKLMNOP' }),
  acc({ firstName: 'Supercalifragilisticexpialidociousanticonstitutionnellement', lastName: 'X', classes: [cls('CP')] }),
  acc({ profile: 'Relative', firstName: 'Marie-Christine-Bénédicte', lastName: 'Dupont-Aignan-Saint-Exupéry',
    children: Array.from({ length: 6 }, (_, i) => ({ firstName: `Enfant-Numéro-${i}`, lastName: 'Dupont-Aignan-Saint-Exupéry', classname: `CE${i}` })) }),
  acc({ profile: 'Teacher', firstName: 'Ana', lastName: LONG.repeat(3), classes: [cls('CM1')] }),
  acc({ firstName: 'Bob', lastName: 'Activé', activationCode: null, login: 'x'.repeat(120) }),
  ...HARD_NAMES.map(([f, l]) => acc({ firstName: f.repeat(6), lastName: l.repeat(4) })),
];

const opts = (model: SheetModel, extra: Partial<SheetOptions> = {}): SheetOptions => ({
  model, lang: 'fr', entUrl: 'https://oneconnect.edifice.io', qr: 'full', font: FONT,
  schoolName: "École élémentaire publique d'application Jean-Jacques Rousseau et Marie Curie du quartier des Lilas", customText: LONG.repeat(12),
  ...extra,
});

test('layout boxes: every line fits its width, every box inside its card (long names, long texts)', () => {
  const m = measurerFor(FONT);
  for (const model of ['simplePdf', 'newPdf', 'pdf'] as const) {
    for (const lang of ['fr', 'en'] as const) {
      const layouts = layoutAll([...longAccounts(), ...population(10)], opts(model, { lang }));
      for (const l of layouts) expect(layoutProblems(l, m), `${model}/${lang}`).toEqual([]);
      // the essentials survive: name, login and code blocks are never dropped
      for (const l of layouts) for (const id of ['name', 'login']) expect(l.texts.some((t) => t.id === id), `${model} ${id}`).toBe(true);
    }
  }
});

test('long names shrink first, then wrap; short ones keep the full size', () => {
  const [short, long] = layoutAll([acc({ firstName: 'Léa', lastName: 'Roy' }), longAccounts()[0]!], opts('simplePdf', { customText: undefined, schoolName: undefined }));
  const name = (l: typeof short) => l!.texts.find((t) => t.id === 'name')!;
  expect(name(short).size).toBeGreaterThanOrEqual(13); // a short card grows into its space
  expect(name(short).lines).toEqual(['Léa Roy']);
  expect(name(long).size).toBeLessThan(13);
  expect(name(long).size).toBeGreaterThanOrEqual(8); // never below 8 pt, then it wraps
  expect(name(long).lines.length).toBeGreaterThan(1);
  // only the long line shrank: the body and the code keep their size
  const size = (l: typeof short, id: string) => l!.texts.find((t) => t.id === id)!.size;
  expect(size(long, 'steps')).toBeGreaterThanOrEqual(8.5);
  expect(size(long, 'code')).toBeGreaterThanOrEqual(11);
  const login = long!.texts.find((t) => t.id === 'login')!;
  // an 81-character login cannot stand whole on one line even at 7 pt: the layout says so
  expect(login.size).toBeGreaterThanOrEqual(7);
  expect(long!.broken).toContain('login');
  expect(login.lead?.inline).toBe(false); // « Identifiant : » on its line, the long login below
  // a 46-character one: whole, on one full-width line, monospaced, ≥ 7 pt, nothing reported
  const [l46] = layoutAll([acc({ firstName: 'Charles-Édouard', lastName: 'de Montmorency', login: 'charles-edouard.demontmorencylavalsaintgermain', activationCode: 'abcd2345' })], opts('simplePdf', { customText: undefined }));
  const login46 = l46!.texts.find((t) => t.id === 'login')!;
  expect(login46.lines).toEqual(['charles-edouard.demontmorencylavalsaintgermain']);
  expect(login46.size).toBeGreaterThanOrEqual(7);
  expect(l46!.broken).toEqual([]);
  expect(l46!.adaptations).toContain('login-full-width');
});

test('rendered 8-up page with very long names: nothing but cut marks near card edges', async () => {
  const r = await renderSheets(longAccounts().slice(0, 8), opts('simplePdf'));
  const file = save(tmp(), 'long.pdf', r.bytes);
  const img = renderGray(file, 1, 100);
  const mm = (v: number) => Math.round((v * img.dpi) / 25.4);
  let dark = 0;
  const where: string[] = [];
  for (let slot = 0; slot < 8; slot++) {
    const b = slotBox('simplePdf', slot);
    // band from 0.8 mm to 3.2 mm inside each card edge (content starts at 4 mm; cut marks sit on the edge)
    for (let y = mm(b.y + 0.8); y < mm(b.y + b.h - 0.8); y++)
      for (let x = mm(b.x + 0.8); x < mm(b.x + b.w - 0.8); x++) {
        const inner = x >= mm(b.x + 3.2) && x < mm(b.x + b.w - 3.2) && y >= mm(b.y + 3.2) && y < mm(b.y + b.h - 3.2);
        if (inner) continue;
        if (img.px(x, y) < 128) {
          dark++;
          if (where.length < 5) where.push(`slot ${slot} (${x},${y})`);
        }
      }
  }
  expect(dark, where.join(' ')).toBe(0);
  // the margins outside the grid are blank too
  let outside = 0;
  for (let y = 0; y < mm(GRID.y0 - 0.8); y++) for (let x = 0; x < img.w; x++) if (img.px(x, y) < 200) outside++;
  expect(outside).toBe(0);
});

test('bench: 1000 accounts, 8 per page, full QR, DejaVu regular + bold (timing printed, size asserted)', async () => {
  await benchSheets(population(50), FONT, 50); // warm-up
  const best = await benchSheets(population(1000), FONT);
  console.log(`[pdf bench] 1000 accounts 8-up + QR + DejaVu: ${best.ms} ms, ${(best.bytes / 1024).toFixed(0)} KiB, ${best.pages} pages`);
  expect(best.pages).toBe(125);
  expect(best.bytes).toBeLessThanOrEqual(600 * 1024);
});
