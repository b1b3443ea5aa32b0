import { type Account, type ChildRef, type ClassRef, PROFILES, type Profile, type Structure } from '../model/account';
import { ConsoleFormatError } from './errors';
import { compareClassNames } from '../model/class-order';

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
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

/** `functions` is an array of [externalId, scope] pairs; `[[null,null]]` without functions. */
function hasLocalAdmin(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  return v.some((f) => Array.isArray(f) && f[0] === 'ADMIN_LOCAL');
}

/** Parses `GET …/massMail/allUsers` (one-console.md §1.1). Throws ConsoleFormatError naming the missing field. */
export function parseAllUsers(body: unknown): Account[] {
  if (!Array.isArray(body)) throw new ConsoleFormatError('allUsers : la réponse n’est pas une liste');
  const out: Account[] = new Array(body.length);
  for (let i = 0; i < body.length; i++) {
    const u = body[i];
    const where = `allUsers[${i}]`;
    if (!isObj(u)) throw new ConsoleFormatError(`${where} : pas un objet`);
    out[i] = {
      id: need(str(u.id), `${where} : champ « id » absent`),
      profile: asProfile(u.type, where),
      firstName: str(u.firstName) ?? '',
      lastName: need(str(u.lastName), `${where} : champ « lastName » absent`),
      login: need(str(u.login), `${where} : champ « login » absent`),
      activationCode: str(u.code) || null,
      email: str(u.email) || null,
      classes: parseClasses(u.classes),
      creationDate: str(u.creationDate),
      blocked: u.blocked === true,
      isLocalAdmin: hasLocalAdmin(u.functions),
      children: parseChildren(u.children),
    };
    if (!('code' in u)) throw new ConsoleFormatError(`${where} : champ « code » absent`);
  }
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

/** Parses `/directory/profiles` → profile names the console knows. */
export function parseProfiles(body: unknown): Profile[] {
  if (!Array.isArray(body)) return [...PROFILES];
  const names = body.map((p) => (isObj(p) ? str(p.name) : null)).filter((n): n is string => !!n);
  return PROFILES.filter((p) => names.includes(p));
}
