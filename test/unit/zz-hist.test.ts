import { test } from '@playwright/test';
import { startFakeConsole } from '../fake-console/server.mjs';
import { parseAllUsers } from '../../src/console/parse';
import { sortAccounts } from '../../src/model/sort';
import { checkFit } from '../../src/pdf/index';
import { SHEETS_FR } from '../../src/i18n/sheets';
import { FONT } from './fixtures/pdf-tools';
const SENTENCE = 'Réunion de rentrée jeudi 4 septembre à 18 h, salle polyvalente : venez avec vos questions. ';
const paragraph = (n: number) => { let s = ''; while (s.length < n) s += SENTENCE; return s.slice(0, n).replace(/\s+\S*$/, '').padEnd(n, '.'); };
test('h', async () => {
  const fc = await startFakeConsole({ http: true, port: 0 });
  const rows = await (await fetch(`${fc.url}/__test/allUsers`)).json();
  await fc.close();
  const demo = sortAccounts(parseAllUsers(rows), { first: 'class', second: 'none' });
  for (const hint of ['Votre mot de passe doit contenir au moins 8 caractères.', 'Le mot de passe doit contenir au moins 12 caractères, dont une majuscule, une minuscule, un chiffre et un caractère spécial, sans espace.']) for (const model of ['simplePdf', 'newPdf', 'pdf'] as const) {
    const o = { model, lang: 'fr' as const, entUrl: 'https://oneconnect.edifice.io', qr: 'full' as const, font: FONT, date: new Date(2026, 8, 1),
      schoolName: 'École élémentaire publique Jules-Ferry de Pantin 2', customText: paragraph(model === 'simplePdf' ? 100 : 500), academieNotice: SHEETS_FR['teacher.academie'], mobileApp: true,
      passwordHint: hint };
    const fit = checkFit(demo, o);
    const h: Record<string, number> = {};
    for (const c of fit.adaptations) { const k = c.adaptations.join('+') || '(none)'; h[k] = (h[k] ?? 0) + 1; }
    console.log(model, hint.length, JSON.stringify(h), fit.problems.map((p) => p.message));
  }
});
