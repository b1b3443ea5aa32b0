import { test, expect } from '@playwright/test';
import { percentOf, percentText } from '../../src/model/percent';
import { followUpRows, totalOf } from '../../src/model/follow-up';
import { summaryCsv, summaryTable } from '../../src/model/follow-up-summary';
import { emptyLog } from '../../src/model/distribution';
import type { Account } from '../../src/model/account';

test('percent: half-up as a reader computes it (3/7 → 43 %), halves go up', () => {
  expect(percentOf(3, 7)).toBe(43);
  expect(percentOf(1, 8)).toBe(13); // 12.5
  expect(percentOf(1, 3)).toBe(33);
  expect(percentOf(2, 3)).toBe(67);
  expect(percentOf(7, 8)).toBe(88); // 87.5
  expect(percentText(3, 7)).toBe('43 %');
});

test('percent: never « 100 % » unless all, never « 0 % » unless none', () => {
  expect(percentOf(199, 200)).toBe(99);
  expect(percentOf(1, 200)).toBe(1);
  expect(percentOf(1, 1000)).toBe(1);
  expect(percentOf(999, 1000)).toBe(99);
  expect(percentOf(0, 200)).toBe(0);
  expect(percentOf(200, 200)).toBe(100);
  expect(percentOf(0, 0)).toBeNull();
  expect(percentText(0, 0)).toBe('—');
  // Every fraction up to 400: half-up rounding, except at the two guarded ends.
  const wrong: string[] = [];
  for (let n = 1; n <= 400; n++)
    for (let a = 0; a <= n; a++) {
      const p = percentOf(a, n)!;
      const exact = (a * 100) / n;
      const ok = a === 0 ? p === 0 : a === n ? p === 100 : p >= 1 && p <= 99 && (exact < 0.5 || exact >= 99.5 || Math.abs(p - exact) <= 0.5);
      if (!ok) wrong.push(`${a}/${n} → ${p}`);
    }
  expect(wrong).toEqual([]);
});

test('percent: the council summary (PDF table and CSV) carries the panel’s figure', () => {
  const acc = (i: number, activated: boolean): Account => ({
    id: `id${i}`, profile: 'Student', firstName: 'P', lastName: `N${i}`, login: `l${i}`, activationCode: activated ? null : 'abcd2345', email: null,
    classes: [{ id: 'c', name: 'CP A' }], creationDate: null, blocked: false, isLocalAdmin: false, children: [],
  });
  const accounts = Array.from({ length: 7 }, (_, i) => acc(i, i < 3));
  const rows = followUpRows(accounts, [{ id: 'c', name: 'CP A' }], emptyLog('s'));
  const tb = summaryTable(rows, 'fr');
  expect(tb.body[0]![3]).toBe('43 %');
  expect(tb.total[3]).toBe(percentText(totalOf(rows).all.activated, totalOf(rows).all.total));
  expect(summaryCsv(rows, 'fr').split('\r\n')[1]).toContain('"43"');
});
