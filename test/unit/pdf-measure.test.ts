import { test, expect } from '@playwright/test';
import { checkFit, type SheetOptions } from '../../src/pdf/index';
import { measuringDoc } from '../../src/pdf/fit';
import { say, SHEETS_FR } from '../../src/i18n/sheets';
import { population } from './fixtures/pdf-accounts';
import { FONT } from './fixtures/pdf-tools';

test('the measurer the preview keeps between runs holds no activation code, and keeps the instructions', () => {
  const accounts = population(40).filter((a) => a.activationCode);
  expect(accounts.length).toBeGreaterThan(20);
  for (const model of ['simplePdf', 'newPdf', 'pdf'] as const) {
    const opts: SheetOptions = { model, lang: 'fr', entUrl: 'https://ent.example.test', qr: 'full', font: FONT };
    expect(checkFit(accounts, opts).adaptations.length).toBe(accounts.length);
  }
  const { m } = measuringDoc(FONT);
  const kept = m as unknown as { units: Map<string, number>[]; cache: Map<string, unknown>[] };
  const held = [...kept.units, ...kept.cache].flatMap((u) => [...u.keys()]);
  // the cache does work: the 8-per-page card's own steps are in it
  expect(held.some((t) => t.startsWith(say(SHEETS_FR, 'qr.secret').slice(0, 20)))).toBe(true);
  for (const a of accounts) expect(held.filter((t) => t.includes(a.activationCode!)), a.activationCode!).toEqual([]);
});
