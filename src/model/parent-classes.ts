/**
 * Parents' classes when the console gives none. entcore puts a parent in the classes of their
 * children, so on a healthy console this does nothing; accounts from old imports can be in no class,
 * and then class filters, class sort, bundles and rosters would tear families apart. Their classes
 * are taken from their children's, and marked as derived.
 */
import type { Account, ClassRef } from './account';
import { compareClassNames } from './class-order';

/**
 * @param links parent id → ids of their children, from the class lists' `relativeList` (entcore's
 *   allUsers gives a parent in no class no children at all, so the link has to come from there).
 * @returns the same array when nothing changes, else a copy with new objects for the parents concerned.
 */
export function deriveParentClasses(accounts: readonly Account[], links: ReadonlyMap<string, readonly string[]> = new Map()): readonly Account[] {
  const byId = new Map(accounts.map((a) => [a.id, a]));
  let changed = false;
  const out = accounts.map((a) => {
    if (a.profile !== 'Relative' || a.classes.length) return a;
    const kids = (links.get(a.id) ?? []).map((id) => byId.get(id)).filter((k): k is Account => !!k && k.profile === 'Student');
    const classes = new Map<string, ClassRef>();
    for (const k of kids) for (const c of k.classes) classes.set(c.id, c);
    if (!classes.size) return a;
    changed = true;
    const children = a.children.length ? a.children : kids.map((k) => ({
      firstName: k.firstName, lastName: k.lastName,
      classname: [...k.classes].sort((x, y) => compareClassNames(x.name, y.name))[0]?.name ?? null,
    }));
    return { ...a, classes: [...classes.values()].sort((x, y) => compareClassNames(x.name, y.name)), children, classesDerived: true };
  });
  return changed ? out : accounts;
}

/** Parent id → child ids, from class lists whose students carry `relativeList` (collectRelative=true). */
export function linksFromClassLists(lists: readonly unknown[]): Map<string, string[]> {
  const links = new Map<string, string[]>();
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const u of list) {
      if (typeof u !== 'object' || u === null) continue;
      const { id, type, relativeList } = u as { id?: unknown; type?: unknown; relativeList?: unknown };
      if (type !== 'Student' || typeof id !== 'string' || !Array.isArray(relativeList)) continue;
      for (const r of relativeList) {
        const pid = (r as { relatedId?: unknown } | null)?.relatedId;
        if (typeof pid !== 'string') continue;
        const kids = links.get(pid) ?? [];
        if (!kids.includes(id)) kids.push(id);
        links.set(pid, kids);
      }
    }
  }
  return links;
}

/**
 * Whether the parents look like old imports: enough of them in no class that it is not just the
 * parents of a pupil not yet placed (whose parents are rightly in no class).
 */
export function manyParentsWithoutClass(accounts: readonly Account[]): boolean {
  let rel = 0;
  let none = 0;
  for (const a of accounts) if (a.profile === 'Relative') {
    rel++;
    if (!a.classes.length) none++;
  }
  return none >= 2 && none > rel * 0.05;
}
