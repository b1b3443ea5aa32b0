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

/**
 * Each account's place in name order (equal names, equal places), kept between sorts: the panel sorts
 * the school again at each class ticked (a parent is then filed under the class chosen), and the
 * French collation of 5,000 names, about 120,000 comparisons, was most of that. An entry holds the
 * names it was ranked with: an account renamed, or one not seen yet, makes the table again.
 */
let nameRanks = new Map<string, { last: string; first: string; rank: number }>();
function nameRankCmp(accounts: readonly Account[]): Cmp {
  const fresh = accounts.every((a) => {
    const e = nameRanks.get(a.id);
    return !!e && e.last === a.lastName && e.first === a.firstName;
  });
  if (!fresh) {
    const byName = [...accounts].sort(nameCmp);
    const next = new Map<string, { last: string; first: string; rank: number }>();
    let rank = 0;
    byName.forEach((a, i) => {
      if (i > 0 && nameCmp(byName[i - 1]!, a) !== 0) rank = i;
      next.set(a.id, { last: a.lastName, first: a.firstName, rank });
    });
    nameRanks = next;
  }
  const ranks = nameRanks;
  return (a, b) => ranks.get(a.id)!.rank - ranks.get(b.id)!.rank;
}

/** Sort by the chosen keys, then last name and first name. Stable (Array.prototype.sort is). */
export function sortAccounts(accounts: readonly Account[], order: SortOrder): Account[] {
  const keys: Cmp[] = [];
  for (const k of [order.first, order.first === 'none' ? 'none' : order.second]) {
    if (k === 'profile') keys.push(profileCmp);
    else if (k === 'class') keys.push(classCmp());
  }
  keys.push(nameRankCmp(accounts));
  return [...accounts].sort((a, b) => {
    for (const k of keys) {
      const r = k(a, b);
      if (r) return r;
    }
    return 0;
  });
}

/**
 * Whether the order depends on the classes an account is seen in: only then must a class ticked
 * (focusOnClasses) sort the school again; otherwise the order sorted once is kept and focused.
 */
export const sortsByClass = (o: SortOrder): boolean => o.first === 'class' || (o.first !== 'none' && o.second === 'class');
