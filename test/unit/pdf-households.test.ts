import { test, expect } from '@playwright/test';
import { orderForHouseholds, householdGroups } from '../../src/pdf/households';
import { planSections } from '../../src/pdf/render';
import { acc, cls } from './fixtures/pdf-accounts';
import type { Account } from '../../src/model/account';

const names = (l: Account[]) => l.map((a) => a.firstName);
const rel = (firstName: string, kids: [string, string, string | null][]) =>
  acc({ profile: 'Relative', firstName, lastName: 'R', children: kids.map(([f, l, c]) => ({ firstName: f, lastName: l, classname: c })) });

test('each student is followed by their guardians; a shared guardian is printed once; siblings brought together', () => {
  const lea = acc({ firstName: 'Lea', lastName: 'Martin', classes: [cls('CE1')] });
  const zoe = acc({ firstName: 'Zoe', lastName: 'Petit', classes: [cls('CE1')] });
  const tom = acc({ firstName: 'Tom', lastName: 'Martin', classes: [cls('CM2')] });
  const mum = rel('Mum', [['Tom', 'Martin', 'CM2'], ['Lea', 'Martin', 'CE1']]);
  const dad = rel('Dad', [['Léa', 'MARTIN', 'CE1']]); // case/accents: "Léa" ≠ "Lea" → not matched
  const dadOk = rel('Dad2', [[' lea ', 'martin', null]]); // case and spaces ignored
  const zoeMum = rel('ZoeMum', [['Zoe', 'Petit', 'CE1']]);
  const teacher = acc({ profile: 'Teacher', firstName: 'Prof', lastName: 'X', classes: [cls('CE1')] });
  const input = [teacher, mum, lea, zoe, tom, dad, dadOk, zoeMum];
  const out = orderForHouseholds(input);
  // Dad's child "Léa MARTIN" does not match "Lea Martin" (accents count): Dad stays alone at his place
  expect(names(out)).toEqual(['Prof', 'Lea', 'Mum', 'Dad2', 'Tom', 'Zoe', 'ZoeMum', 'Dad']);
  // every account exactly once
  expect(new Set(out).size).toBe(input.length);
  expect(out.length).toBe(input.length);
});

test('unmatched relatives stay at their place; families keep the order of their first student', () => {
  const a = acc({ firstName: 'A', lastName: 'One' });
  const b = acc({ firstName: 'B', lastName: 'Two' });
  const orphan = rel('Orphan', [['Nobody', 'Here', null]]);
  const bMum = rel('BMum', [['B', 'Two', null]]);
  const aDad = rel('ADad', [['A', 'One', null]]);
  expect(names(orderForHouseholds([bMum, orphan, a, b, aDad]))).toEqual(['Orphan', 'A', 'ADad', 'B', 'BMum']);
  expect(householdGroups([bMum, orphan, a, b, aDad]).map(names)).toEqual([['Orphan'], ['A', 'ADad'], ['B', 'BMum']]);
});

test('homonym students are told apart by the child class name', () => {
  const s1 = acc({ firstName: 'Sam', lastName: 'Roy', classes: [cls('CP')] });
  const s2 = acc({ firstName: 'Sam', lastName: 'Roy', classes: [cls('CM2')] });
  const p2 = rel('P2', [['Sam', 'Roy', 'CM2']]);
  expect(orderForHouseholds([s1, s2, p2])).toEqual([s1, s2, p2]);
  const pAny = rel('PAny', [['Sam', 'Roy', null]]); // no class: linked to both → both siblings, printed together
  expect(orderForHouseholds([s1, pAny, s2])).toEqual([s1, pAny, s2]);
});

test('pure: input untouched, empty input', () => {
  const l = [acc({ firstName: 'A', lastName: 'B' }), rel('R', [['A', 'B', null]])];
  const copy = [...l];
  orderForHouseholds(l);
  expect(l).toEqual(copy);
  expect(orderForHouseholds([])).toEqual([]);
});

test('bundles with households: a family is filed under its first student class', () => {
  const lea = acc({ firstName: 'Lea', lastName: 'M', classes: [cls('CE1')] });
  const tom = acc({ firstName: 'Tom', lastName: 'M', classes: [cls('CM2')] });
  const kid = acc({ firstName: 'Kid', lastName: 'K', classes: [cls('CM2')] });
  const mum = rel('Mum', [['Tom', 'M', 'CM2'], ['Lea', 'M', 'CE1']]);
  const secs = planSections([tom, kid, lea, mum], { bundles: true, households: true, lang: 'fr' });
  expect(secs.map((s) => [s.className, names(s.accounts)])).toEqual([['CM2', ['Tom', 'Mum', 'Lea', 'Kid']]]);
  const plain = planSections([tom, kid, lea, mum], { bundles: true, lang: 'fr' });
  expect(plain.map((s) => [s.className, names(s.accounts)])).toEqual([['CM2', ['Tom', 'Kid']], ['CE1', ['Lea']], ['Sans classe', ['Mum']]]);
});
