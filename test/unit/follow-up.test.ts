import { test, expect } from '@playwright/test';
import type { Account, Profile } from '../../src/model/account';
import { emptyLog, record } from '../../src/model/distribution';
import { parseMetrics } from '../../src/console/parse';
import { blockedIn, chaseTargets, followUpRows, metricsGap, lastHandoutDay, mailable, percent, totalOf } from '../../src/model/follow-up';
import { addSnapshot, countsOf, prune, sanitizeHistory, trendOf, type Snapshot } from '../../src/model/follow-up-history';
import { summaryCsv, summaryTable } from '../../src/model/follow-up-summary';
import { isPlural, ofName, shortDay, trendSentence } from '../../src/i18n/follow-up';
import { translator } from '../../src/i18n/ui';
import { renderSummary, summaryStyle } from '../../src/pdf/summary';
import { execFileSync } from 'node:child_process';
import { FONT, tmp, save, pageCount } from './fixtures/pdf-tools';

let seq = 0;
function acc(profile: Profile, classes: string[], o: Partial<Account> = {}): Account {
  const id = `id-${++seq}`;
  return {
    id, profile, firstName: 'Prénom', lastName: `Nom${seq}`, login: `login${seq}`, activationCode: 'abcd2345', email: null,
    classes: classes.map((name) => ({ id: `cls-${name}`, name })), creationDate: null, blocked: false, isLocalAdmin: false, children: [], ...o,
  };
}
const CLASSES = ['CM2 A', 'CP A', 'CE1 A', 'ULIS'].map((name) => ({ id: `cls-${name}`, name }));

test('rows: classes in school-level order, then Sans classe, Enseignants, Personnels, Invités; each account in one row', () => {
  const accounts = [
    acc('Student', ['CE1 A'], { activationCode: null }),
    acc('Student', ['CE1 A']),
    acc('Relative', ['CM2 A', 'CP A']), // a parent of a CP and a CM2 pupil goes with CP
    acc('Student', []),
    acc('Teacher', ['CE1 A'], { activationCode: null }),
    acc('Personnel', ['CP A']),
    acc('Guest', ['CM2 A']),
  ];
  const rows = followUpRows(accounts, CLASSES, emptyLog('s'));
  expect(rows.map((r) => r.key)).toEqual(['c:CP A', 'c:CE1 A', 'c:CM2 A', 'c:ULIS', 'none', 'teachers', 'personnel', 'guests']);
  const by = Object.fromEntries(rows.map((r) => [r.key, r]));
  expect(by['c:CP A']!.all).toEqual({ total: 1, activated: 0, reached: 0, notReached: 1, blocked: 0 });
  expect(by['c:CP A']!.parents.total).toBe(1);
  expect(by['c:CM2 A']!.all.total).toBe(0);
  expect(by['c:CE1 A']!.all).toEqual({ total: 2, activated: 1, reached: 0, notReached: 1, blocked: 0 });
  expect(by['c:CE1 A']!.students).toEqual({ total: 2, activated: 1, reached: 0, notReached: 1, blocked: 0 });
  expect(by['teachers']!.all.activated).toBe(1);
  expect(totalOf(rows).all.total).toBe(accounts.length);
  // Without guests, no « Invités » row; « Enseignants » and « Personnels » always.
  expect(followUpRows([], CLASSES, emptyLog('s')).map((r) => r.key)).toEqual(['c:CP A', 'c:CE1 A', 'c:CM2 A', 'c:ULIS', 'teachers', 'personnel']);
});

test('reached = not activated but handed over or mailed (log or campaign); chase targets and mailable follow', () => {
  const a = acc('Student', ['CP A']);
  const b = acc('Relative', ['CP A'], { email: 'b@example.test' });
  const c = acc('Relative', ['CP A'], { email: 'c@example.test' });
  const d = acc('Relative', ['CP A'], { activationCode: null });
  const t = acc('Teacher', ['CP A'], { email: 't@example.test' });
  let log = record(emptyLog('s'), [a.id], 'handed', Date.UTC(2026, 8, 2, 9));
  log = record(log, [d.id], 'handed', Date.UTC(2026, 8, 2, 9)); // activated wins over handed
  const mailed = new Set([b.id]); // sent by a campaign whose end was never recorded
  const [row] = followUpRows([a, b, c, d, t], CLASSES.slice(1, 2), log, mailed);
  expect(row!.all).toEqual({ total: 4, activated: 1, reached: 2, notReached: 1, blocked: 0 });
  expect(row!.parents).toEqual({ total: 3, activated: 1, reached: 1, notReached: 1, blocked: 0 });
  expect(chaseTargets([row!], log, mailed, { includeReached: false }).map((x) => x.id)).toEqual([c.id]);
  const all = chaseTargets([row!], log, mailed, { includeReached: true });
  expect(all.map((x) => x.id)).toEqual([a.id, b.id, c.id]);
  expect(mailable(all).map((x) => x.id)).toEqual([b.id, c.id]);
  // A teacher with a code is chased like everyone (entcore gives teachers codes; the sheets print them).
  const [teachers] = followUpRows([a, b, c, d, t], CLASSES.slice(1, 2), log, mailed).filter((r) => r.kind === 'teachers');
  expect(teachers!.all).toEqual({ total: 1, activated: 0, reached: 0, notReached: 1, blocked: 0 });
  expect(chaseTargets([teachers!], log, mailed, { includeReached: false }).map((x) => x.id)).toEqual([t.id]);
  expect(mailable(chaseTargets([teachers!], log, mailed, { includeReached: false })).map((x) => x.id)).toEqual([t.id]);
  expect(lastHandoutDay(row!, log)).toBe('2026-09-02');
  expect(percent(row!.all)).toBe(25);
  expect(percent({ total: 3, activated: 2 })).toBe(66);
  expect(percent({ total: 0, activated: 0 })).toBeNull();
});

test('blocked accounts (or of a blocked profile) that are not activated: counted « bloqués », never « pas encore atteints », never chased', () => {
  const open = acc('Student', ['CP A'], { email: 'o@example.test' });
  const blockedOpen = acc('Relative', ['CP A'], { blocked: true, email: 'b@example.test' });
  const blockedHanded = acc('Student', ['CP A'], { blocked: true });
  const blockedDone = acc('Relative', ['CP A'], { blocked: true, activationCode: null }); // activated, then blocked: still activated
  const guest = acc('Guest', [], { profileBlocked: true, email: 'g@example.test' });
  const log = record(emptyLog('s'), [blockedHanded.id], 'handed', 1);
  const rows = followUpRows([open, blockedOpen, blockedHanded, blockedDone, guest], CLASSES.slice(1, 2), log);
  const by = Object.fromEntries(rows.map((r) => [r.key, r]));
  expect(by['c:CP A']!.all).toEqual({ total: 4, activated: 1, reached: 0, notReached: 1, blocked: 2 });
  expect(by['c:CP A']!.parents).toEqual({ total: 2, activated: 1, reached: 0, notReached: 0, blocked: 1 });
  expect(by['guests']!.all).toEqual({ total: 1, activated: 0, reached: 0, notReached: 0, blocked: 1 });
  expect(totalOf(rows).all).toEqual({ total: 5, activated: 1, reached: 0, notReached: 1, blocked: 3 });
  for (const includeReached of [false, true]) expect(chaseTargets(rows, log, new Set(), { includeReached }).map((a) => a.id)).toEqual([open.id]);
  expect(blockedIn(rows).map((a) => a.id).sort()).toEqual([blockedOpen.id, blockedHanded.id, guest.id].sort());
  expect(percent(by['c:CP A']!.all)).toBe(25);
});

test('snapshots: counts only, the first of the day kept and completed, older than a school year dropped', () => {
  const rows = followUpRows([acc('Student', ['CP A'], { activationCode: null }), acc('Student', ['CP A'])], CLASSES.slice(1, 2), emptyLog('s'));
  const counts = countsOf(rows);
  expect(counts).toEqual({ 'c:CP A': { n: 2, a: 1 }, teachers: { n: 0, a: 0 }, personnel: { n: 0, a: 0 } });
  let h = addSnapshot([], counts, '2026-09-02');
  h = addSnapshot(h, { 'c:CP A': { n: 2, a: 2 }, 'c:CE1 A': { n: 5, a: 1 } }, '2026-09-02');
  expect(h).toEqual([{ day: '2026-09-02', rows: { ...counts, 'c:CE1 A': { n: 5, a: 1 } } }]);
  h = addSnapshot(h, { 'c:CP A': { n: 2, a: 2 } }, '2026-09-03');
  expect(h.map((s) => s.day)).toEqual(['2026-09-02', '2026-09-03']);
  // One school year later (365 days) the first is still there; one day more and it is gone.
  expect(prune(h, '2027-09-02').map((s) => s.day)).toEqual(['2026-09-02', '2026-09-03']);
  expect(addSnapshot(h, {}, '2027-09-03').map((s) => s.day)).toEqual(['2026-09-03', '2027-09-03']);
  // What is read back is counts only: an id, a name or a code smuggled in is dropped.
  const raw = [
    { day: '2026-09-02', rows: { 'c:CP A': { n: 2, a: 1, ids: ['id-1'] }, 'id-1': { n: 1, a: 0 }, 'c:X': { n: 1, a: 3 }, none: { n: '3', a: 0 } }, codes: ['abcd2345'] },
    { day: 'hier', rows: {} },
    'abcd2345',
  ];
  expect(sanitizeHistory(raw)).toEqual([{ day: '2026-09-02', rows: { 'c:CP A': { n: 2, a: 1 } } }]);
  expect(sanitizeHistory({})).toEqual([]);
});

test('trend: since the last handout, from the snapshot on or before that day, up to the current read', () => {
  const h: Snapshot[] = [
    { day: '2026-08-30', rows: { 'c:CE1 A': { n: 40, a: 5 } } },
    { day: '2026-09-02', rows: { 'c:CE1 A': { n: 40, a: 12 } } },
    { day: '2026-09-10', rows: { 'c:CE1 A': { n: 41, a: 16 } } },
    { day: '2026-09-20', rows: { 'c:CE1 A': { n: 41, a: 18 } } },
  ];
  const tr = trendOf(h, 'c:CE1 A', '2026-09-02', { n: 41, a: 19 }, '2026-09-20')!;
  expect(tr).toMatchObject({ fromDay: '2026-09-02', from: 12, to: 19 });
  expect(tr.points.map((p) => [p.day, p.a])).toEqual([['2026-09-02', 12], ['2026-09-10', 16], ['2026-09-20', 19]]);
  // Handout on a day without snapshot: the one before it.
  expect(trendOf(h, 'c:CE1 A', '2026-09-05', { n: 41, a: 19 }, '2026-09-20')!.fromDay).toBe('2026-09-02');
  // Handout before every snapshot: the first one after it. No handout: the first snapshot.
  expect(trendOf(h, 'c:CE1 A', '2026-08-01', { n: 41, a: 19 }, '2026-09-20')!.fromDay).toBe('2026-08-30');
  expect(trendOf(h, 'c:CE1 A', null, { n: 41, a: 19 }, '2026-09-20')!.from).toBe(5);
  expect(trendOf(h, 'c:CP A', null, { n: 1, a: 1 }, '2026-09-20')).toBeNull();
  // Handout today, first snapshot this morning: two points, both today.
  const today = trendOf(h, 'c:CE1 A', '2026-09-20', { n: 41, a: 20 }, '2026-09-20')!;
  expect(today.points.map((p) => p.a)).toEqual([18, 20]);
});

test('French as a director writes it: agreement, elision, « 1er », short months; English too', () => {
  // French typography (src/i18n/french.ts) puts a no-break space before the colon: checked once, then read as a space
  expect(translator('fr')('fuSelection', { of: 'de CP', accounts: '1 compte', mailable: 0 })).toContain('CP\u00a0:');
  const fr: typeof translator extends (l: never) => infer T ? T : never = (k, subs) => translator('fr')(k, subs).replace(/\u00a0/g, ' ');
  const en = translator('en');
  const base = { fromDay: '2026-09-02', from: 12, to: 19 };
  expect(trendSentence(fr, 'fr', 'CE1 A', base, '2026-11-26')).toBe('CE1 A : 12 → 19 activés depuis le 2 sept.');
  expect(trendSentence(fr, 'fr', 'CP B', { fromDay: '2026-10-01', from: 0, to: 1 }, '2026-11-26')).toBe('CP B : 0 → 1 activé depuis le 1er oct.');
  expect(trendSentence(fr, 'fr', 'CM2 A', { fromDay: '2026-09-02', from: 7, to: 7 }, '2026-11-26')).toBe('CM2 A : toujours 7 activés depuis le 2 sept.');
  expect(trendSentence(fr, 'fr', 'ULIS', { fromDay: '2026-02-14', from: 0, to: 0 }, '2026-11-26')).toBe('ULIS : aucun compte activé depuis le 14 févr.');
  expect(trendSentence(fr, 'fr', 'CP A', { fromDay: '2026-11-26', from: 3, to: 3 }, '2026-11-26')).toBe('CP A : 3 activés, premier relevé aujourd’hui');
  expect(trendSentence(fr, 'fr', 'CP A', { fromDay: '2026-11-26', from: 3, to: 5 }, '2026-11-26')).toBe('CP A : 3 → 5 activés aujourd’hui');
  expect(trendSentence(en, 'en', 'CE1 A', base, '2026-11-26')).toBe('CE1 A: 12 → 19 activated since 2 Sept');
  expect(isPlural(0)).toBe(false);
  expect(isPlural(1)).toBe(false);
  expect(isPlural(2)).toBe(true);
  expect(ofName('CE1 A', 'fr')).toBe('de CE1 A');
  expect(ofName('ULIS', 'fr')).toBe('d’ULIS');
  expect(ofName('Étoiles', 'fr')).toBe('d’Étoiles');
  expect(ofName('UPE2A', 'en')).toBe('of UPE2A');
  expect(shortDay('2026-08-15', 'fr')).toBe('15 août');
  expect(shortDay('2026-12-01', 'fr')).toBe('1er déc.');
  expect(shortDay('2026-12-01', 'en')).toBe('1 Dec');
  expect(fr('fuSelection', { of: ofName('ULIS', 'fr'), accounts: '1 compte', mailable: 0 })).toBe('Sélection d’ULIS : 1 compte à relancer, dont 0 avec une adresse courriel.');
});

test('summary table and CSV: counts and % per row and in total, no name, no login, no code', () => {
  const accounts = [
    acc('Student', ['CP A'], { activationCode: null }),
    acc('Student', ['CP A']),
    acc('Relative', ['CP A'], { activationCode: null }),
    acc('Teacher', ['CP A'], { activationCode: null }),
    acc('Student', ['CP A'], { blocked: true }),
  ];
  const pct = (a: number, n: number) => `${percent({ activated: a, total: n })} %`;
  const rows = followUpRows(accounts, CLASSES.slice(1, 2), record(emptyLog('s'), [accounts[1]!.id], 'handed', 1));
  const tb = summaryTable(rows, 'fr');
  expect(tb.head).toEqual(['Classe', 'Comptes', 'Activés', '%', 'Élèves activés', 'Parents activés', 'Remis ou envoyés', 'Pas encore atteints', 'Bloqués']);
  expect(tb.body).toEqual([
    ['CP A', '4', '2', pct(2, 4), '1 / 3', '1 / 1', '1', '0', '1'],
    ['Enseignants', '1', '1', '100 %', '—', '—', '0', '0', '0'],
    ['Personnels', '0', '0', '—', '—', '—', '0', '0', '0'],
  ]);
  expect(tb.total).toEqual(['Total', '5', '3', pct(3, 5), '1 / 3', '1 / 1', '1', '0', '1']);
  const csv = summaryCsv(rows, 'fr');
  expect(csv.startsWith('\uFEFF"Classe";"Comptes";"Activés";"%"')).toBe(true);
  expect(csv.split('\r\n')[1]).toBe(`"CP A";"4";"2";"${pct(2, 4).replace(' %', '')}";"1 / 3";"1 / 1";"1";"0";"1"`);
  expect(csv.split('\r\n')[3]).toBe('"Personnels";"0";"0";"";"—";"—";"0";"0";"0"');
  for (const a of accounts) for (const s of [a.id, a.lastName, a.login, a.activationCode ?? 'none-left']) expect(csv).not.toContain(s);
});

test('summary PDF: one page even for a big school (60 classes), the table read back by pdftotext, no warning', async () => {
  const names = Array.from({ length: 60 }, (_, i) => `${['CP', 'CE1', 'CE2', 'CM1', 'CM2'][i % 5]} ${String.fromCharCode(65 + Math.floor(i / 5))}`);
  const classes = names.map((name) => ({ id: `cls-${name}`, name }));
  const accounts = names.flatMap((n, i) => [acc('Student', [n], { activationCode: i % 2 ? null : 'abcd2345' }), acc('Relative', [n])]);
  const rows = followUpRows(accounts, classes, emptyLog('s'));
  const warnings: string[] = [];
  const orig = console.warn;
  console.warn = (...a: unknown[]) => void warnings.push(a.map(String).join(' '));
  try {
    const r = await renderSummary(summaryTable(rows, 'fr'), { lang: 'fr', font: FONT, schoolName: 'École Jean-Zay', date: new Date(2026, 10, 26) });
    const file = save(tmp(), 'bilan.pdf', r.bytes);
    expect(r.pages).toBe(1);
    expect(pageCount(file)).toBe(1);
    const all = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(all).toContain('École Jean-Zay — Situation au 26 novembre 2026');
    // At this small size pdftotext may squeeze the space inside « 0 % » or « 1 / 1 ».
    expect(all).toMatch(/CP A\s+2\s+0\s+0\s?%\s+0\s?\/\s?1\s+0\s?\/\s?1\s+0\s+2\s+0\n/);
    expect(all).toMatch(/CE1 A\s+2\s+1\s+50\s?%\s+1\s?\/\s?1\s+0\s?\/\s?1\s+0\s+1\s+0\n/);
    expect(all).toMatch(/Total\s+120\s+30\s+25 %/);
    expect(all).not.toContain('login');
    expect(warnings).toEqual([]);
  } finally {
    console.warn = orig;
  }
  expect(summaryStyle(18)).toEqual({ fontSize: 10, padding: 1.2 });
  expect(summaryStyle(63).fontSize).toBeLessThan(7);
});

test('the console’s own statistics (/directory/structure/:id/metrics) against the list: a gap only when they differ', () => {
  const accounts = [acc('Student', ['CP A'], { activationCode: null }), acc('Student', ['CP A']), acc('Relative', ['CP A'])];
  expect(metricsGap(null, accounts)).toBeNull();
  expect(metricsGap([{ active: 1, inactive: 1 }, { active: 0, inactive: 1 }], accounts)).toBeNull();
  // entcore's statistics count the central administrator, whom allUsers hides from a local administrator
  expect(metricsGap([{ active: 2, inactive: 1 }, { active: 0, inactive: 1 }], accounts)).toEqual({ console: { n: 4, a: 2 }, list: { n: 3, a: 1 } });
  expect(parseMetrics({ metrics: [{ profile: 'Student', active: 3, inactive: 2 }] })).toEqual([{ profile: 'Student', active: 3, inactive: 2 }]);
  for (const bad of [null, [], { metrics: null }, { metrics: [{ profile: 'Student', active: '3', inactive: 2 }] }, { metrics: [{ active: 1, inactive: 1 }] }]) expect(parseMetrics(bad)).toBeNull();
});
