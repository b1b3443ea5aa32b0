/**
 * The print preview's data (src/pdf/preview.ts): its page count is the PDF's, and its card is the
 * PDF's card (same lines, same order, same sizes), the code masked and never in the output.
 */
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { renderSheets, type SheetModel, type SheetOptions } from '../../src/pdf/index';
import { previewCard, previewQuick, previewQuickPlan, previewReport, type SvgNode } from '../../src/pdf/preview';
import { checkFit, fitSteps } from '../../src/pdf/fit';
import { PT } from '../../src/pdf/layout';
import { acc, cls, population } from './fixtures/pdf-accounts';
import { FONT, norm, pageCount, save, tmp } from './fixtures/pdf-tools';

const opts = (model: SheetModel, extra: Partial<SheetOptions> = {}): SheetOptions => ({
  model, lang: 'fr', entUrl: 'https://oneconnect.edifice.io', qr: 'full', font: FONT, schoolName: 'École élémentaire Jules Ferry',
  mobileApp: true, academieNotice: 'Enseignants : activez aussi votre compte académique.', ...extra,
});

/** The SVG's text elements in document order: [text, font size in pt]. */
function svgTexts(n: SvgNode): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  const walk = (x: SvgNode) => {
    if (x.tag === 'text') out.push([(x.children ?? []).filter((c): c is string => typeof c === 'string').join(''), Number(x.attrs['font-size']) / PT]);
    for (const c of x.children ?? []) if (typeof c !== 'string') walk(c);
  };
  walk(n);
  return out;
}

const words = (s: string) => norm(s).split(/\s+/).filter(Boolean);

test('the preview card is the PDF’s card: its words, its size, the code masked', async () => {
  test.setTimeout(180_000);
  const a = acc({ firstName: 'Charles-Édouard', lastName: 'de Montmorency-Laval', classes: [cls('CE1 A')], activationCode: 'kx7m3pq9' });
  for (const model of ['simplePdf', 'newPdf', 'pdf'] as const) {
    const o = opts(model, { customText: 'Réunion de rentrée le 4 septembre à 18 h.' });
    const card = previewCard([a], o)!;
    expect(card.masked).toBe(true);
    const texts = svgTexts(card.svg);
    const all = texts.map(([s]) => s).join(' ');
    expect(all).not.toContain('kx7m3pq9');
    expect(all).toContain('••••••••');
    expect(JSON.stringify(card.svg)).not.toContain('kx7m3pq9');
    // The PDF of that one account, read back: the same words in the same order (the code aside).
    const file = save(tmp(), `${model}.pdf`, (await renderSheets([a], o)).bytes);
    const pdf = words(execFileSync('pdftotext', ['-raw', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' })).filter((w) => w !== 'kx7m3pq9');
    const shown = words(all).filter((w) => w !== '••••••••');
    expect(shown.slice().sort()).toEqual(pdf.slice().sort());
    // The name in bold at its printed size (11 pt or more on every model), first after the school's name.
    const name = texts.find(([s]) => s.includes('Montmorency'))!;
    expect(name[1]).toBeGreaterThanOrEqual(11 - 0.05);
    // Actual size: the SVG is as wide as the card on paper.
    expect(card.svg.attrs.width).toBe(`${card.w}mm`);
    expect(card.w).toBe(model === 'simplePdf' ? 95 : model === 'newPdf' ? 148.5 : 210);
  }
});

test('the preview’s page count is the PDF’s (bundles, families, rosters, labels), and its problems say what will not fit', async () => {
  test.setTimeout(240_000);
  const accounts = population(21);
  const cases: Array<[SheetModel, Partial<SheetOptions>]> = [
    ['pdf', { bundles: true }],
    ['simplePdf', { bundles: true, roster: true }],
    ['newPdf', { households: true, envelopeLabels: true }],
  ];
  for (const [model, extra] of cases) {
    const o = opts(model, extra);
    const report = previewReport(accounts, o, 'fr');
    const file = save(tmp(), 'p.pdf', (await renderSheets(accounts, o)).bytes);
    expect(report.pages, `${model} ${JSON.stringify(extra)}`).toBe(pageCount(file));
    // the count shown at once (the plan alone, before any card is checked) is that same count
    expect(previewQuick(accounts, o).pages, `quick ${model}`).toBe(report.pages);
    // the check in steps (as the preview's worker runs it) gives way and ends with checkFit's report
    // (one card a step, on the plan the quick part made)
    const { report: quick, plan } = previewQuickPlan(accounts, o);
    expect(quick.pages, `quick ${model}`).toBe(report.pages);
    const steps = fitSteps(accounts, o, 'fr', 1, plan);
    let r = steps.next();
    let stops = 0;
    for (; !r.done; r = steps.next()) stops++;
    expect(stops).toBeGreaterThan(1);
    expect(r.value).toEqual(checkFit(accounts, o, 'fr'));
  }
  // 450 characters: more than any 8-per-page card holds (its tightest variant holds about 300 on a plain card), within 2 per page's 500
  const long = 'x'.repeat(10) + ' Réunion de rentrée pour toutes les familles, avec les enseignants de chaque classe. '.repeat(6);
  const tooLong = previewReport(accounts.slice(0, 8), opts('simplePdf', { customText: long.slice(0, 450) }), 'fr');
  const p = tooLong.problems.find((x) => x.kind === 'custom-too-long');
  expect(p?.fix?.model).toBe('newPdf');
  expect(p?.message).toContain('Choisissez 2 par page');
  expect(previewReport(accounts.slice(0, 8), opts('newPdf', { customText: long.slice(0, 450) }), 'fr').problems).toEqual([]);
});
