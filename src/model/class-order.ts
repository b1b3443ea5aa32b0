/**
 * Classes in the order a French primary school lists them: by school level (PS, MS, GS, CP, CE1,
 * CE2, CM1, CM2), then by name. A mixed class such as « CE2-CM1 » goes with its first level; a class
 * whose name starts with no known level (« ULIS », « UPE2A ») comes after every level, in French
 * collation. Plain alphabetical order puts CP after CM2, which no director reads that way.
 */

const LEVELS = ['TPS', 'PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2'] as const;
const RANK: ReadonlyMap<string, number> = new Map(LEVELS.map((l, i) => [l, i]));

const nameCollator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** The level a class name starts with (« CE2-CM1 » → CE2, « cm1 b » → CM1), or null. */
export function classLevel(name: string): string | null {
  const m = /^\s*(TPS|PS|MS|GS|CP|CE1|CE2|CM1|CM2)(?![0-9])/i.exec(name);
  return m ? m[1]!.toUpperCase() : null;
}

function rank(name: string): number {
  const l = classLevel(name);
  return l === null ? LEVELS.length : RANK.get(l)!;
}

/** Comparator of class names: school level first, then French collation (numbers numerically). */
export function compareClassNames(a: string, b: string): number {
  return rank(a) - rank(b) || nameCollator.compare(a, b);
}
