import { test, expect } from '@playwright/test';
import type { Account } from '../../src/model/account';
import { deriveParentClasses, linksFromClassLists, manyParentsWithoutClass } from '../../src/model/parent-classes';

const cp = { id: 'c1', name: 'CP A' };
const cm2 = { id: 'c2', name: 'CM2 B' };
function acc(p: Partial<Account> & { id: string }): Account {
  return { profile: 'Student', firstName: 'A', lastName: 'Z', login: p.id, activationCode: null, email: null,
    classes: [], creationDate: null, blocked: false, isLocalAdmin: false, children: [], ...p };
}

test('a parent in no class takes the classes of their children, marked derived, children named; others untouched', () => {
  const accounts = [
    acc({ id: 's1', firstName: 'Moussa', lastName: "N'Diaye", classes: [cm2] }),
    acc({ id: 's2', firstName: 'Aïssatou', lastName: "N'Diaye", classes: [cp] }),
    acc({ id: 'p1', profile: 'Relative', firstName: 'Fatou', lastName: "N'Diaye" }),
    acc({ id: 'p2', profile: 'Relative', classes: [cp] }),
    acc({ id: 'p3', profile: 'Relative' }), // no known child: stays without class
  ];
  const links = linksFromClassLists([
    [{ id: 's1', type: 'Student', relativeList: [{ relatedId: 'p1' }] }, { id: 'p1', type: 'Relative', relativeList: [] }],
    [{ id: 's2', type: 'Student', relativeList: [{ relatedId: 'p1' }, { relatedId: 'p2' }] }],
  ]);
  expect(links.get('p1')).toEqual(['s1', 's2']);
  const out = deriveParentClasses(accounts, links);
  const p1 = out.find((a) => a.id === 'p1')!;
  expect(p1.classes.map((c) => c.name)).toEqual(['CP A', 'CM2 B']); // school-level order
  expect(p1.classesDerived).toBe(true);
  expect(p1.children.map((c) => `${c.firstName}:${c.classname}`)).toEqual(['Moussa:CM2 B', 'Aïssatou:CP A']);
  expect(out.find((a) => a.id === 'p2')).toBe(accounts[3]);
  expect(out.find((a) => a.id === 'p3')!.classes).toEqual([]);
  expect(accounts[2]!.classes).toEqual([]); // input not mutated
  const unchanged = accounts.slice(3, 4);
  expect(deriveParentClasses(unchanged)).toBe(unchanged); // nothing to derive: same array
});

test('old imports are told from the parents of a pupil not yet placed', () => {
  const placed = Array.from({ length: 40 }, (_, i) => acc({ id: `p${i}`, profile: 'Relative', classes: [cp] }));
  expect(manyParentsWithoutClass([...placed, acc({ id: 'x', profile: 'Relative' })])).toBe(false);
  expect(manyParentsWithoutClass([...placed.slice(10), ...Array.from({ length: 10 }, (_, i) => acc({ id: `n${i}`, profile: 'Relative' }))])).toBe(true);
});
