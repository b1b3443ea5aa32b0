import type { Account } from '../model/account';
import { firstClassName } from '../model/account';

/** Key used to match a Relative's child to a Student: NFKC, case- and space-insensitive first+last name. */
export function personKey(firstName: string, lastName: string): string {
  const n = (s: string) => s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('fr');
  return `${n(firstName)}\u0000${n(lastName)}`;
}

/**
 * Families in print order. Each family is placed where its first student appears in `accounts`;
 * inside it, students in order of appearance, each followed by their guardians not printed yet
 * (so a guardian shared by siblings is printed once, after the first sibling). Siblings = students
 * sharing a guardian, even across classes. Accounts not linked to any student (teachers, staff,
 * relatives whose children are not in the list) stay alone at their own position.
 * A child is matched by first+last name; homonyms are told apart by the child's `classname` when possible.
 */
export function householdGroups(accounts: Account[]): Account[][] {
  const n = accounts.length;
  const studentsByName = new Map<string, number[]>();
  accounts.forEach((a, i) => {
    if (a.profile !== 'Student') return;
    const k = personKey(a.firstName, a.lastName);
    const l = studentsByName.get(k);
    if (l) l.push(i);
    else studentsByName.set(k, [i]);
  });

  // union-find over indexes
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a), rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };

  const guardiansOf = new Map<number, number[]>(); // student index -> relative indexes (in order)
  const linked = new Set<number>();
  accounts.forEach((a, i) => {
    if (a.profile !== 'Relative') return;
    for (const c of a.children) {
      let cands = studentsByName.get(personKey(c.firstName, c.lastName)) ?? [];
      if (cands.length > 1 && c.classname) {
        const byClass = cands.filter((s) => accounts[s]!.classes.some((k) => k.name === c.classname));
        if (byClass.length) cands = byClass;
      }
      for (const s of cands) {
        union(i, s);
        linked.add(i);
        linked.add(s);
        const g = guardiansOf.get(s) ?? [];
        if (!g.includes(i)) g.push(i);
        guardiansOf.set(s, g);
      }
    }
  });

  const members = new Map<number, number[]>(); // root -> indexes in order
  for (let i = 0; i < n; i++) {
    if (!linked.has(i)) continue;
    const r = find(i);
    const l = members.get(r);
    if (l) l.push(i);
    else members.set(r, [i]);
  }

  const out: Account[][] = [];
  const done = new Set<number>();
  for (let i = 0; i < n; i++) {
    if (done.has(i)) continue;
    if (!linked.has(i)) {
      out.push([accounts[i]!]);
      done.add(i);
      continue;
    }
    if (accounts[i]!.profile !== 'Student') continue; // a linked relative waits for its first student
    const fam: Account[] = [];
    for (const m of members.get(find(i))!) {
      if (accounts[m]!.profile !== 'Student' || done.has(m)) continue;
      fam.push(accounts[m]!);
      done.add(m);
      for (const g of guardiansOf.get(m) ?? []) {
        if (done.has(g)) continue;
        fam.push(accounts[g]!);
        done.add(g);
      }
    }
    out.push(fam);
  }
  return out;
}

/** Household packs: see {@link householdGroups}; the same accounts, each exactly once. */
export function orderForHouseholds(accounts: Account[]): Account[] {
  return householdGroups(accounts).flat();
}

/** The class a group is filed under for bundles: the first class of its first member having one. */
export function groupClass(group: Account[]): string | null {
  const student = group.find((a) => a.profile === 'Student' && a.classes.length);
  if (student) return firstClassName(student);
  for (const a of group) {
    const c = firstClassName(a);
    if (c !== null) return c;
  }
  return null;
}

/** What a family's header or envelope label says: its name and its children with their classes. */
export interface FamilyInfo {
  name: string;
  children: { firstName: string; className: string | null }[];
  size: number;
}

/**
 * A household pack is labelled when it holds several sheets and a pupil or a parent: a lone sheet
 * is its own envelope, a lone teacher no family.
 */
export const isFamily = (group: Account[]): boolean => group.length > 1 && group.some((a) => a.profile === 'Student' || a.profile === 'Relative');

/**
 * The family's name: the surname most of its pupils share (then its parents'), as written first;
 * its children: the pupils of the pack, else the children its parents' records name.
 */
export function familyInfo(group: Account[]): FamilyInfo {
  const students = group.filter((a) => a.profile === 'Student');
  const pool = students.length ? students : group;
  const counts = new Map<string, { n: number; name: string }>();
  for (const a of pool) {
    const k = a.lastName.trim().toLocaleLowerCase('fr');
    const c = counts.get(k);
    if (c) c.n++;
    else counts.set(k, { n: 1, name: a.lastName.trim() });
  }
  let best = { n: 0, name: '' };
  for (const c of counts.values()) if (c.n > best.n) best = c;
  const children = students.length
    ? students.map((s) => ({ firstName: s.firstName, className: firstClassName(s) }))
    : group.flatMap((r) => r.children.map((c) => ({ firstName: c.firstName, className: c.classname })));
  const seen = new Set<string>();
  const unique = children.filter((c) => {
    const k = `${c.firstName}\u0000${c.className ?? ''}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  return { name: best.name, children: unique, size: group.length };
}
