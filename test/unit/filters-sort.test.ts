import { test, expect } from '@playwright/test';
import type { Account } from '../../src/model/account';
import { EMPTY_FILTERS, NO_CLASS, applyFilters, buildSearchIndex, fold, type Filters } from '../../src/model/filters';
import { sortAccounts } from '../../src/model/sort';

const cls = (id: string, name = id) => ({ id, name });
function acc(p: Partial<Account> & { id: string }): Account {
  return {
    profile: 'Student', firstName: 'A', lastName: 'Z', login: p.id, activationCode: 'CODE', email: null,
    classes: [], creationDate: '2025-09-01T08:00:00.000Z', blocked: false, isLocalAdmin: false, children: [], ...p,
  };
}

const roster: Account[] = [
  acc({ id: '1', lastName: 'Élodie', firstName: 'Zoé', classes: [cls('c1', 'CP A')] }),
  acc({ id: '2', lastName: 'eloi', firstName: 'Anne', profile: 'Relative', email: 'a@x.fr', activationCode: null }),
  acc({ id: '3', lastName: 'Żółkiewski', firstName: 'Łukasz', classes: [cls('c2', 'CE1 A')], blocked: true }),
  acc({ id: '4', lastName: 'Martin', firstName: 'Léa', profile: 'Teacher', isLocalAdmin: true, classes: [cls('c2', 'CE1 A'), cls('c1', 'CP A')], creationDate: '2026-09-02T08:00:00.000Z' }),
  acc({ id: '5', lastName: 'Ange', firstName: 'Paul', profile: 'Guest', email: '  ' }),
];
const run = (f: Partial<Filters>) => applyFilters(roster, { ...EMPTY_FILTERS, ...f }, buildSearchIndex(roster)).map((a) => a.id);

test('no filter keeps everybody', () => {
  expect(run({})).toEqual(['1', '2', '3', '4', '5']);
});

test('profiles, classes (with "sans classe"), activation, e-mail, admins and blocking combine', () => {
  expect(run({ profiles: ['Student', 'Guest'] })).toEqual(['1', '3', '5']);
  expect(run({ classIds: ['c1'] })).toEqual(['1', '4']);
  expect(run({ classIds: [NO_CLASS] })).toEqual(['2', '5']);
  expect(run({ classIds: ['c2', NO_CLASS] })).toEqual(['2', '3', '4', '5']);
  expect(run({ activation: 'activated' })).toEqual(['2']);
  expect(run({ activation: 'notActivated' })).toEqual(['1', '3', '4', '5']);
  expect(run({ email: 'with' })).toEqual(['2']);
  expect(run({ email: 'without' })).toEqual(['1', '3', '4', '5']);
  expect(run({ localAdmin: 'only' })).toEqual(['4']);
  expect(run({ localAdmin: 'excluded' })).toEqual(['1', '2', '3', '5']);
  expect(run({ blocked: 'blocked' })).toEqual(['3']);
  expect(run({ blocked: 'notBlocked', profiles: ['Student'] })).toEqual(['1']);
});

test('creation date: before keeps created <= date, since keeps created >= date', () => {
  expect(run({ created: { mode: 'since', date: '2026-01-01' } })).toEqual(['4']);
  expect(run({ created: { mode: 'before', date: '2026-01-01' } })).toEqual(['1', '2', '3', '5']);
});

test('search ignores case and accents, on names and login', () => {
  expect(run({ search: 'elo' })).toEqual(['1', '2']);
  expect(run({ search: 'lukasz zolk' })).toEqual(['3']);
  expect(run({ search: 'LÉA' })).toEqual(['4']);
  expect(fold('Œdipe Çağrı Łódź')).toBe('oedipe cagri lodz');
});

test('sort by name uses French collation: Élodie sorts with E, case ignored', () => {
  const names = sortAccounts(roster, { first: 'none', second: 'none' }).map((a) => a.lastName);
  expect(names).toEqual(['Ange', 'Élodie', 'eloi', 'Martin', 'Żółkiewski']);
});

test('sort by profile uses the console order (Guest < Personnel < Relative < Student < Teacher)', () => {
  expect(sortAccounts(roster, { first: 'profile', second: 'none' }).map((a) => a.id)).toEqual(['5', '2', '1', '3', '4']);
});

test('sort by class goes by school level (CP before CE1), a user in two classes under the lower one, users without class last, then profile, then name', () => {
  expect(sortAccounts(roster, { first: 'class', second: 'profile' }).map((a) => a.id)).toEqual(['1', '4', '3', '5', '2']);
});

test('sorting is stable and does not mutate its input', () => {
  const twins = [acc({ id: 'x', lastName: 'Dupont', firstName: 'Marie' }), acc({ id: 'y', lastName: 'DUPONT', firstName: 'marie' })];
  expect(sortAccounts(twins, { first: 'none', second: 'none' }).map((a) => a.id)).toEqual(['x', 'y']);
  expect(sortAccounts([...twins].reverse(), { first: 'none', second: 'none' }).map((a) => a.id)).toEqual(['y', 'x']);
  expect(twins.map((a) => a.id)).toEqual(['x', 'y']);
});

test('with a class filter on, an account in several classes is seen in the chosen ones only', async () => {
  const { focusOnClasses } = await import('../../src/model/filters');
  const out = focusOnClasses(roster, ['c2']);
  expect(out.find((a) => a.id === '4')!.classes.map((c) => c.name)).toEqual(['CE1 A']);
  expect(out.find((a) => a.id === '1')).toBe(roster[0]); // one class: untouched
  expect(roster[3]!.classes).toHaveLength(2); // input not mutated
  expect(focusOnClasses(roster, [])).toBe(roster);
  // sorted by class under that focus, the teacher of CP A and CE1 A now files under CE1 A
  expect(sortAccounts(out, { first: 'class', second: 'none' }).map((a) => a.id)).toEqual(['1', '4', '3', '5', '2']); // CE1 A: Martin before Żółkiewski
});

test('sorting again (the name order kept between sorts) gives the collation’s order, also after a rename, a new account or a subset', () => {
  const { collator } = { collator: new Intl.Collator('fr', { sensitivity: 'base', numeric: true }) };
  const names = ['Élodie', 'eloi', 'Éloi', 'Martin', 'martin', 'Ange', 'Żółkiewski', 'de la Tour', 'Dupont 10', 'Dupont 9', "N'Diaye", 'Nguyen'];
  const firsts = ['Zoé', 'anne', 'Anne', 'Léa', 'Paul', 'Łukasz'];
  const profiles = ['Student', 'Relative', 'Teacher', 'Guest', 'Personnel'] as const;
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), Math.floor(seed / 65536) % n);
  const many = Array.from({ length: 300 }, (_, i) =>
    acc({ id: `a${i}`, lastName: names[rnd(names.length)]!, firstName: firsts[rnd(firsts.length)]!, profile: profiles[rnd(profiles.length)]!, classes: rnd(3) ? [cls(`c${rnd(4)}`, ['CP A', 'CE1 A', 'CM2 B', 'CE2'][rnd(4)])] : [] }),
  );
  // the order asked for: the keys chosen, then last name, then first name, stable for equal names
  const byName = (a: Account, b: Account) => collator.compare(a.lastName, b.lastName) || collator.compare(a.firstName, b.firstName);
  // Each misplaced pair is named in one list, asserted once: an `expect` per pair (thousands here)
  // cost the test 11 s in Playwright's per-call bookkeeping, for the same checks.
  const name = (a: Account) => `${a.lastName} ${a.firstName}`;
  const check = (list: Account[]) => {
    const wrong: string[] = [];
    for (const first of ['none', 'profile', 'class'] as const) {
      const sorted = sortAccounts(list, { first, second: first === 'class' ? 'profile' : 'none' });
      expect(sorted.map((a) => a.id).sort()).toEqual(list.map((a) => a.id).sort());
      const noKeys = sortAccounts(list, { first: 'none', second: 'none' });
      for (let i = 1; i < noKeys.length; i++) {
        const [a, b] = [noKeys[i - 1]!, noKeys[i]!];
        const c = byName(a, b);
        if (c > 0) wrong.push(`${name(a)} before ${name(b)}`);
        // equal names keep their input order
        if (c === 0 && list.indexOf(a) > list.indexOf(b)) wrong.push(`${a.id} (${name(a)}) before ${b.id}: input order lost`);
      }
      if (first === 'profile')
        for (let i = 1; i < sorted.length; i++) {
          const [a, b] = [sorted[i - 1]!, sorted[i]!];
          if (a.profile === b.profile && byName(a, b) > 0) wrong.push(`${a.profile}: ${name(a)} before ${name(b)}`);
        }
    }
    expect(wrong).toEqual([]);
  };
  expect(new Set(many.map((a) => a.lastName)).size).toBe(names.length);
  check(many);
  check(many.slice(0, 120).reverse());
  // renamed: « Ange » becomes « Zz », and must move to the end
  const renamed = many.map((a) => (a.lastName === 'Ange' ? { ...a, lastName: 'Zz' } : a));
  check(renamed);
  expect(sortAccounts(renamed, { first: 'none', second: 'none' }).at(-1)!.lastName).toBe('Zz');
  // an account never seen before
  check([...many, acc({ id: 'new', lastName: 'Aaron', firstName: 'Zoé' })]);
  expect(sortAccounts([...many, acc({ id: 'new', lastName: 'Aaron', firstName: 'Zoé' })], { first: 'none', second: 'none' })[0]!.id).toBe('new');
});
