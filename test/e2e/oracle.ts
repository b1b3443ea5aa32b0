/**
 * The expected selection, computed straight from the fake console's own records with plain code,
 * independently of the extension's filter and sort modules.
 */
import type { FakeUser } from './fixtures';

export interface OracleFilter {
  profiles?: string[];
  classIds?: Array<string | 'none'>;
  activated?: boolean;
  withEmail?: boolean;
  /** ADMIN_LOCAL with `structureId` in its scope, as the console's own filter (userlist.filters.service.ts). */
  localAdmin?: { of: string; is: boolean };
  blocked?: boolean;
  createdSince?: string; // yyyy-mm-dd
  createdBefore?: string;
  search?: string;
}

const strip = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'L').toLowerCase();
const midnight = (d: string) => new Date(`${d}T00:00:00`).getTime();

export function expected(users: FakeUser[], f: OracleFilter): FakeUser[] {
  return users.filter((u) => {
    if (f.profiles && !f.profiles.includes(u.profile)) return false;
    if (f.classIds) {
      const ok = f.classIds.some((c) => (c === 'none' ? u.classes.length === 0 : u.classes.includes(c)));
      if (!ok) return false;
    }
    if (f.activated !== undefined && (u.activationCode === null) !== f.activated) return false;
    if (f.withEmail !== undefined && !!(u.email && u.email.trim()) !== f.withEmail) return false;
    if (f.localAdmin !== undefined) {
      const adml = (u.functions as Array<[string | null, string[] | null]>).some(([fn, scope]) => fn === 'ADMIN_LOCAL' && !!scope?.includes(f.localAdmin!.of));
      if (adml !== f.localAdmin.is) return false;
    }
    if (f.blocked !== undefined && u.blocked !== f.blocked) return false;
    if (f.createdSince && new Date(u.created).getTime() < midnight(f.createdSince)) return false;
    if (f.createdBefore && new Date(u.created).getTime() > midnight(f.createdBefore)) return false;
    if (f.search) {
      const hay = strip(`${u.lastName} ${u.firstName} ${u.loginAlias ?? u.login} ${u.firstName} ${u.lastName}`);
      if (!strip(f.search).split(/\s+/).every((w) => hay.includes(w))) return false;
    }
    return true;
  });
}

export const shownLogin = (u: FakeUser) => u.loginAlias ?? u.login;

/** A family from the fake's records: students sharing a guardian are siblings; a family = siblings + guardians. */
export function familyOf(users: FakeUser[], start: FakeUser): Set<string> {
  const byId = new Map(users.map((u) => [u.id, u]));
  const fam = new Set<string>();
  const todo = [start.id];
  while (todo.length) {
    const id = todo.pop()!;
    if (fam.has(id)) continue;
    fam.add(id);
    const u = byId.get(id);
    if (!u) continue;
    if (u.profile === 'Student') todo.push(...(u.parents ?? []));
    if (u.profile === 'Relative') todo.push(...(u.children ?? []));
  }
  return fam;
}
