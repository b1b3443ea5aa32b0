import { type Account, firstClassName } from './account';
import { compareClassNames } from './class-order';

export type SortKey = 'none' | 'profile' | 'class';
export interface SortOrder {
  first: SortKey;
  second: SortKey;
}

export const DEFAULT_SORT: SortOrder = { first: 'none', second: 'none' };

/** French collation: case and accents ignored ("Élodie" sorts with E), digits numerically. */
export const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true, ignorePunctuation: false });

/** The console sorts profiles by their English name (Guest < Personnel < Relative < Student < Teacher). */
const PROFILE_RANK: Record<string, number> = { Guest: 0, Personnel: 1, Relative: 2, Student: 3, Teacher: 4 };

type Cmp = (a: Account, b: Account) => number;

function classCmp(): Cmp {
  const cache = new Map<string, string | null>();
  const cls = (a: Account) => {
    if (!cache.has(a.id)) cache.set(a.id, firstClassName(a));
    return cache.get(a.id)!;
  };
  return (a, b) => {
    const x = cls(a);
    const y = cls(b);
    // Users without a class come last, as null does in the console's ascending sort.
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return compareClassNames(x, y);
  };
}

const profileCmp: Cmp = (a, b) => (PROFILE_RANK[a.profile] ?? 9) - (PROFILE_RANK[b.profile] ?? 9);
const nameCmp: Cmp = (a, b) =>
  collator.compare(a.lastName, b.lastName) || collator.compare(a.firstName, b.firstName);

/** Sort by the chosen keys, then last name and first name. Stable (Array.prototype.sort is). */
export function sortAccounts(accounts: readonly Account[], order: SortOrder): Account[] {
  const keys: Cmp[] = [];
  for (const k of [order.first, order.first === 'none' ? 'none' : order.second]) {
    if (k === 'profile') keys.push(profileCmp);
    else if (k === 'class') keys.push(classCmp());
  }
  keys.push(nameCmp);
  return [...accounts].sort((a, b) => {
    for (const k of keys) {
      const r = k(a, b);
      if (r) return r;
    }
    return 0;
  });
}
