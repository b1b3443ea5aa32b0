import { test, expect } from '@playwright/test';
import { EMPTY_FILTERS, NO_CLASS, isFiltering, type Filters } from '../../src/model/filters';
import { translator } from '../../src/i18n/ui';
import { filterChips } from '../../popup/panel/filter-chips';

const classes = [
  { id: 'c1', name: 'CP A' },
  { id: 'c2', name: 'CE1 A' },
];
const t = translator('fr');

test('no filter, no chip', () => {
  expect(filterChips(EMPTY_FILTERS, classes, t, 'fr')).toEqual([]);
});

test('one chip per active filter, in French, each removing exactly its own filter', () => {
  const f: Filters = {
    ...EMPTY_FILTERS,
    search: ' zolk ',
    profiles: ['Student', 'Relative'],
    classIds: ['c2', NO_CLASS],
    activation: 'notActivated',
    email: 'without',
    localAdmin: 'excluded',
    blocked: 'blocked',
    created: { mode: 'since', date: '2026-09-01' },
  };
  const chips = filterChips(f, classes, t, 'fr');
  expect(chips.map((c) => c.label)).toEqual([
    // French guillemets hold their word with no-break spaces
    '«\u00a0zolk\u00a0»', 'Élève', 'Parent', 'CE1 A', 'Sans classe', 'Non activés', 'Sans courriel', 'Non administrateurs locaux', 'Bloqués', 'Créés depuis le 01/09/2026',
  ]);
  // Removing every chip one after the other leaves no filter at all; each removal touches only its own.
  let rest = f;
  for (const label of chips.map((c) => c.label)) {
    const chip = filterChips(rest, classes, t, 'fr').find((c) => c.label === label)!;
    const left = filterChips(chip.without, classes, t, 'fr').map((c) => c.label);
    expect(left).toEqual(filterChips(rest, classes, t, 'fr').map((c) => c.label).filter((l) => l !== label));
    rest = chip.without;
  }
  expect(isFiltering(rest)).toBe(false);
});

test('an unknown class id still gets a chip (its id), so it can be removed', () => {
  const chips = filterChips({ ...EMPTY_FILTERS, classIds: ['gone'] }, classes, t, 'fr');
  expect(chips.map((c) => c.label)).toEqual(['gone']);
  expect(chips[0]!.without.classIds).toEqual([]);
});
