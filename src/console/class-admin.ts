/**
 * The teacher's side (one-console.md §5): the classes a teacher administers and their users.
 * Routes as the class-admin page itself calls them (entcore directory/public/ts/admin/service.ts):
 * the current user from `/auth/oauth2/userinfo` (entcore's `model.me`), their schools and classes from
 * `GET /directory/class-admin/:userId`, each class's users from `GET /directory/class/:id/users?collectRelative=true`.
 */
import { type Account, type ClassRef, PROFILES, type Profile, type Structure } from '../model/account';
import { ConsoleFormatError } from './errors';
import { compareClassNames } from '../model/class-order';

import { isObj, optArray, optBool, optString, reqString } from './strict';
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * `/auth/oauth2/userinfo`: the user's id and schools. `structureNames` runs in the order of
 * `structures` (the real page's class chooser pairs them by index, choose-class.ts).
 */
export function parseUserInfo(body: unknown): { userId: string; structures: Structure[] } {
  const id = isObj(body) ? str(body.userId) ?? str(body.id) : null;
  if (!id) throw new ConsoleFormatError('userinfo : champ « userId » absent');
  const ids = isObj(body) && Array.isArray(body.structures) ? body.structures : [];
  const names = isObj(body) && Array.isArray(body.structureNames) ? body.structureNames : [];
  const structures = ids.flatMap((sid, i) => (str(sid) ? [{ id: sid as string, name: str(names[i]) ?? (sid as string) }] : []));
  return { userId: id, structures };
}

/**
 * The classes of a school as the real page's class chooser lists them: `GET /userbook/structure/:id`
 * → `classes: [{id, name, level}]` (UserBookController.showStructure; the page's service.ts fetchSchool),
 * in school-level order.
 */
export function parseSchoolClasses(body: unknown): ClassRef[] {
  const classes = isObj(body) ? body.classes : null;
  if (!Array.isArray(classes)) throw new ConsoleFormatError('userbook/structure : champ « classes » absent');
  const seen = new Set<string>();
  return classes.filter(isObj)
    .filter((c) => str(c.id) && str(c.name) && !seen.has(c.id as string) && seen.add(c.id as string))
    .map((c) => ({ id: c.id as string, name: c.name as string }))
    .sort((a, b) => compareClassNames(a.name, b.name));
}

export interface TeacherSchool extends Structure {
  classes: ClassRef[];
}

/**
 * Parses `GET /directory/class-admin/:userId` (DefaultUserService.getUserInfos): only the schools
 * where the user is in a class; a user in no class gets one placeholder school whose id, name and
 * class are null, which means "no class of your own" (the real page then offers a class chooser).
 */
export function parseTeacherSchools(body: unknown): TeacherSchool[] {
  const schools = isObj(body) ? body.schools : null;
  if (!Array.isArray(schools)) throw new ConsoleFormatError('class-admin : champ « schools » absent');
  return schools.filter(isObj).map((s) => ({
    id: str(s.id) ?? '',
    name: str(s.name) ?? '',
    classes: (Array.isArray(s.classes) ? s.classes : [])
      .filter(isObj)
      .filter((c) => str(c.id) && str(c.name))
      .map((c) => ({ id: c.id as string, name: c.name as string }))
      .sort((a, b) => compareClassNames(a.name, b.name)),
  })).filter((s) => s.id && s.classes.length);
}

/**
 * A class-list user as an account, from exactly what entcore's DefaultClassService.findUsers returns
 * (one-console.md §9): `type`, `login` (alias if set), `activationCode`, `hasEmail` — no address and no
 * creation date; `blocked` is null on accounts never blocked. The caller adds the class it was listed in.
 * Type-strict (src/console/strict.ts): a wrong type raises ConsoleFormatError naming the field.
 */
function parseClassUser(u: unknown, where: string): { account: Account; relatives: string[] } | null {
  if (!isObj(u)) throw new ConsoleFormatError(`${where} : pas un objet`);
  const id = reqString(u, 'id', where);
  const type = optString(u, 'type', where);
  if (type === null) throw new ConsoleFormatError(`${where} : champ « type » absent`);
  if (!(PROFILES as readonly string[]).includes(type)) return null;
  const login = reqString(u, 'login', where);
  const relatives = optArray(u, 'relativeList', where)
    .filter(isObj)
    .map((r) => str(r.relatedId))
    .filter((r): r is string => !!r);
  return {
    account: {
      id, profile: type as Profile, firstName: optString(u, 'firstName', where) ?? '', lastName: optString(u, 'lastName', where) ?? '', login,
      activationCode: optString(u, 'activationCode', where) || null, email: null, emailOnFile: optBool(u, 'hasEmail', where),
      loggedInOnce: !!optString(u, 'lastLogin', where), classes: [], creationDate: null,
      blocked: optBool(u, 'blocked', where), isLocalAdmin: false, children: [],
    },
    relatives,
  };
}

export interface TeacherRoster {
  accounts: Account[];
  /** Parents linked to the students (relativeList) but absent from every class list: no account data to print. */
  unlistedRelatives: number;
}

/**
 * Builds the teacher's roster: every member of their classes (students, the parents entcore puts in
 * their children's classes, teachers, personnels), each once with every class they are listed in,
 * and each parent's children named from the students' `relativeList`.
 */
export function teacherRoster(perClass: Array<{ cls: ClassRef; users: unknown }>): TeacherRoster {
  const byId = new Map<string, Account>();
  const students: Array<{ acc: Account; relatives: string[] }> = [];
  for (const { cls, users } of perClass) {
    if (!Array.isArray(users)) throw new ConsoleFormatError(`class/${cls.id}/users : la réponse n’est pas une liste`);
    // One user may come twice in one list: entcore's relatives collect can split a pupil over two rows
    // (Neo4j grouping, one-console.md §10). The rows are merged (their relatives joined); across classes
    // a user listed again is normal too (a guardian of siblings).
    users.forEach((raw, i) => {
      const parsed = parseClassUser(raw, `class/${cls.name}/users[${i}]`);
      if (!parsed) return;
      let acc = byId.get(parsed.account.id);
      if (!acc) byId.set(parsed.account.id, (acc = parsed.account));
      else if (acc.profile !== parsed.account.profile || acc.login !== parsed.account.login || acc.activationCode !== parsed.account.activationCode)
        // Two different accounts under one id: mail and the distribution log are keyed by id.
        throw new ConsoleFormatError(`class/${cls.name}/users : identifiant « id » en double (${acc.id}) pour deux comptes différents`);
      if (!acc.classes.some((c) => c.id === cls.id)) acc.classes.push(cls);
      if (acc.profile === 'Student') {
        const seen = students.find((s) => s.acc === acc);
        if (seen) seen.relatives.push(...parsed.relatives.filter((r) => !seen.relatives.includes(r)));
        else students.push({ acc, relatives: parsed.relatives });
      }
    });
  }
  const unlisted = new Set<string>();
  for (const { acc: child, relatives } of students)
    for (const rid of relatives) {
      const parent = byId.get(rid);
      if (!parent) {
        unlisted.add(rid);
        continue;
      }
      if (!parent.children.some((c) => c.firstName === child.firstName && c.lastName === child.lastName))
        parent.children.push({ firstName: child.firstName, lastName: child.lastName, classname: child.classes[0]?.name ?? null });
    }
  for (const a of byId.values()) a.classes.sort((x, y) => compareClassNames(x.name, y.name));
  return { accounts: [...byId.values()], unlistedRelatives: unlisted.size };
}
