import { type Account, type ChildRef, type ClassRef, PROFILES, type Profile, type Structure } from '../model/account';
import { ConsoleFormatError } from './errors';
import { compareClassNames } from '../model/class-order';

import { isObj, optArray, optBool, optString, refuseDuplicates, reqString } from './strict';
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function need<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new ConsoleFormatError(what);
  return value;
}

function asProfile(v: unknown, where: string): Profile {
  const s = str(v);
  if (s && (PROFILES as readonly string[]).includes(s)) return s as Profile;
  throw new ConsoleFormatError(`${where} : profil inconnu « ${String(v)} »`);
}

function parseClasses(v: unknown): ClassRef[] {
  if (!Array.isArray(v)) return [];
  const out: ClassRef[] = [];
  // A user without class comes as [{id:null,name:null}].
  for (const c of v) if (isObj(c) && str(c.id) && str(c.name)) out.push({ id: c.id as string, name: c.name as string });
  return out.sort((a, b) => compareClassNames(a.name, b.name));
}

function parseChildren(v: unknown): ChildRef[] {
  if (!Array.isArray(v)) return [];
  const out: ChildRef[] = [];
  for (const c of v)
    if (isObj(c) && (str(c.firstName) || str(c.lastName)))
      out.push({ firstName: str(c.firstName) ?? '', lastName: str(c.lastName) ?? '', classname: str(c.classname) });
  return out;
}

/**
 * Whether `functions` (an array of [externalId, scope] pairs; `[[null,null]]` without functions) holds
 * ADMIN_LOCAL with a scope that includes `structureId`: the console's own « Administrateurs locaux »
 * filter keeps only those (admin/.../core/services/userlist.filters.service.ts, AdmlFilter, which
 * reads the structure id from the page's URL); an ADML of another school is not a local admin here.
 * Without a structure id (a list read out of a page), any scope.
 */
export function isLocalAdminOf(v: unknown, structureId?: string): boolean {
  if (!Array.isArray(v)) return false;
  return v.some((f) => Array.isArray(f) && f[0] === 'ADMIN_LOCAL' && (structureId === undefined || (Array.isArray(f[1]) && f[1].includes(structureId))));
}

/**
 * Parses `GET …/massMail/allUsers` (one-console.md §1.1) of the structure `structureId`. Type-strict
 * (src/console/strict.ts): a missing or mistyped field, an empty login or a duplicate id throws
 * ConsoleFormatError naming it.
 */
export function parseAllUsers(body: unknown, structureId?: string): Account[] {
  if (!Array.isArray(body)) throw new ConsoleFormatError('allUsers : la réponse n’est pas une liste');
  const out: Account[] = new Array(body.length);
  for (let i = 0; i < body.length; i++) {
    const u = body[i];
    const where = `allUsers[${i}]`;
    if (!isObj(u)) throw new ConsoleFormatError(`${where} : pas un objet`);
    if (!('code' in u)) throw new ConsoleFormatError(`${where} : champ « code » absent`);
    out[i] = {
      id: reqString(u, 'id', where),
      profile: asProfile(u.type, where),
      firstName: optString(u, 'firstName', where) ?? '',
      lastName: need(optString(u, 'lastName', where), `${where} : champ « lastName » absent`),
      login: reqString(u, 'login', where),
      activationCode: optString(u, 'code', where) || null,
      email: optString(u, 'email', where) || null,
      classes: parseClasses(optArray(u, 'classes', where)),
      creationDate: optString(u, 'creationDate', where),
      blocked: optBool(u, 'blocked', where),
      isLocalAdmin: isLocalAdminOf(optArray(u, 'functions', where), structureId),
      children: parseChildren(optArray(u, 'children', where)),
    };
  }
  refuseDuplicates(out.map((a) => a.id), 'allUsers');
  return out;
}

/** Parses `/directory/class/admin/list?structureId=` → classes in school-level order. */
export function parseClassList(body: unknown): ClassRef[] {
  if (!Array.isArray(body)) throw new ConsoleFormatError('class/admin/list : la réponse n’est pas une liste');
  return parseClasses(body);
}

/** Parses `/directory/structure/admin/list` → the structures this admin manages. */
export function parseStructureList(body: unknown): Structure[] {
  if (!Array.isArray(body)) throw new ConsoleFormatError('structure/admin/list : la réponse n’est pas une liste');
  const out: Structure[] = [];
  for (const s of body) if (isObj(s) && str(s.id)) out.push({ id: s.id as string, name: str(s.name) ?? (s.id as string) });
  return out;
}

/**
 * Parses `/directory/profiles` (`ProfileController.listProfiles` → `[{name, blocked}]`, `blocked`
 * true or null: DefaultProfileService) → the profiles the platform has blocked. Anything else → none.
 */
export function parseBlockedProfiles(body: unknown): Profile[] {
  if (!Array.isArray(body)) return [];
  const names = body.filter((p) => isObj(p) && p.blocked === true).map((p) => str((p as Record<string, unknown>).name));
  return PROFILES.filter((p) => names.includes(p));
}

/** The accounts, those of a blocked profile marked (a new array only when one is). */
export function markBlockedProfiles(accounts: readonly Account[], blocked: readonly Profile[]): readonly Account[] {
  if (!blocked.length) return accounts;
  return accounts.map((a) => (blocked.includes(a.profile) ? { ...a, profileBlocked: true } : a));
}

/** Parses `/directory/profiles` → profile names the console knows. */
export function parseProfiles(body: unknown): Profile[] {
  if (!Array.isArray(body)) return [...PROFILES];
  const names = body.map((p) => (isObj(p) ? str(p.name) : null)).filter((n): n is string => !!n);
  return PROFILES.filter((p) => names.includes(p));
}

/** One line of `GET /directory/structure/:id/metrics`: a profile's active (activationCode IS NULL) and inactive accounts. */
export interface ProfileMetrics {
  profile: string;
  active: number;
  inactive: number;
}

/**
 * Parses `GET /directory/structure/:id/metrics` (`{metrics: [{profile, active, inactive}]}`,
 * DefaultSchoolService.getMetrics); null when the answer has another shape (then nothing is compared).
 */
export function parseMetrics(body: unknown): ProfileMetrics[] | null {
  if (!isObj(body) || !Array.isArray(body.metrics)) return null;
  const out: ProfileMetrics[] = [];
  for (const m of body.metrics) {
    if (!isObj(m) || typeof m.profile !== 'string') return null;
    const { active, inactive } = m;
    if (!Number.isInteger(active) || !Number.isInteger(inactive) || (active as number) < 0 || (inactive as number) < 0) return null;
    out.push({ profile: m.profile, active: active as number, inactive: inactive as number });
  }
  return out;
}
