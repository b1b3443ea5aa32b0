/**
 * The teacher's side (one-console.md §5): the classes a teacher administers and their users.
 * Routes as the class-admin page itself calls them (entcore directory/public/ts/admin/service.ts):
 * the current user from `/auth/oauth2/userinfo` (entcore's `model.me`), their schools and classes from
 * `GET /directory/class-admin/:userId`, each class's users from `GET /directory/class/:id/users?collectRelative=true`.
 */
import { type Account, type ClassRef, PROFILES, type Profile, type Structure } from '../model/account';
import { ConsoleFormatError } from './errors';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export function parseUserInfo(body: unknown): { userId: string } {
  const id = isObj(body) ? str(body.userId) ?? str(body.id) : null;
  if (!id) throw new ConsoleFormatError('userinfo : champ « userId » absent');
  return { userId: id };
}

export interface TeacherSchool extends Structure {
  classes: ClassRef[];
}

export function parseTeacherSchools(body: unknown): TeacherSchool[] {
  const schools = isObj(body) ? body.schools : null;
  if (!Array.isArray(schools)) throw new ConsoleFormatError('class-admin : champ « schools » absent');
  return schools.filter(isObj).map((s) => ({
    id: str(s.id) ?? '',
    name: str(s.name) ?? '',
    classes: (Array.isArray(s.classes) ? s.classes : [])
      .filter(isObj)
      .filter((c) => str(c.id) && str(c.name))
      .map((c) => ({ id: c.id as string, name: c.name as string })),
  })).filter((s) => s.id);
}

/** A class-list user as an account (no class yet: the caller adds the class it was listed in). */
function parseClassUser(u: unknown, where: string): { account: Account; relatives: string[] } | null {
  if (!isObj(u)) return null;
  const id = str(u.id);
  const type = str(u.type) ?? str(u.profile);
  if (!id) throw new ConsoleFormatError(`${where} : champ « id » absent`);
  if (!type || !(PROFILES as readonly string[]).includes(type)) return null;
  const login = str(u.loginAlias) ?? str(u.login);
  if (!login) throw new ConsoleFormatError(`${where} : champ « login » absent`);
  const relatives = Array.isArray(u.relativeList)
    ? u.relativeList.filter(isObj).map((r) => str(r.relatedId)).filter((r): r is string => !!r)
    : [];
  return {
    account: {
      id, profile: type as Profile, firstName: str(u.firstName) ?? '', lastName: str(u.lastName) ?? '', login,
      activationCode: str(u.activationCode), email: str(u.email), classes: [], creationDate: str(u.created) ?? str(u.creationDate),
      blocked: u.blocked === true, isLocalAdmin: false, children: [],
    },
    relatives,
  };
}

/**
 * Builds the teacher's roster: their classes' students and those students' guardians, each once,
 * with every class they belong to, and each guardian's children named from the students' lists.
 */
export function teacherRoster(perClass: Array<{ cls: ClassRef; users: unknown }>): Account[] {
  const byId = new Map<string, Account>();
  const students: Array<{ acc: Account; relatives: string[] }> = [];
  for (const { cls, users } of perClass) {
    if (!Array.isArray(users)) throw new ConsoleFormatError(`class/${cls.id}/users : la réponse n’est pas une liste`);
    users.forEach((raw, i) => {
      const parsed = parseClassUser(raw, `class/${cls.name}/users[${i}]`);
      if (!parsed || (parsed.account.profile !== 'Student' && parsed.account.profile !== 'Relative')) return;
      let acc = byId.get(parsed.account.id);
      if (!acc) byId.set(parsed.account.id, (acc = parsed.account));
      // Guardians come with the class list through collectRelative, but are not members of the class.
      if (acc.profile === 'Student') {
        if (!acc.classes.some((c) => c.id === cls.id)) acc.classes.push(cls);
        students.push({ acc, relatives: parsed.relatives });
      }
    });
  }
  for (const { acc: child, relatives } of students)
    for (const rid of relatives) {
      const parent = byId.get(rid);
      if (parent && !parent.children.some((c) => c.firstName === child.firstName && c.lastName === child.lastName))
        parent.children.push({ firstName: child.firstName, lastName: child.lastName, classname: child.classes[0]?.name ?? null });
    }
  return [...byId.values()];
}
