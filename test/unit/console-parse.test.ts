import { test, expect } from '@playwright/test';
import { isLocalAdminOf, parseAllUsers, parseClassList } from '../../src/console/parse';
import { applyFilters, EMPTY_FILTERS, type Filters } from '../../src/model/filters';
import { accountsFromTable, parseFrDate, splitClasses } from '../../src/console/table';
import { classifyAnswer, ConsoleFormatError, requestLabel } from '../../src/console/errors';
import { isMessage } from '../../src/messages';
import { readWhy, translator } from '../../src/i18n/ui';
import { detectPage, routes } from '../../src/console/endpoints';

const row = {
  type: 'Relative', id: 'u1', firstName: 'Anne', lastName: "N'Diaye", email: null, login: 'anne.ndiaye', code: 'AB12CD34',
  creationDate: '2025-09-01T10:00:00.000+02:00', blocked: false, functions: [[null, null]],
  classes: [{ id: null, name: null }], classname: null, isInClass: false,
  children: [{ firstName: 'Léa', lastName: "N'Diaye", classname: 'CE1 A' }],
};

test('allUsers rows become accounts with the console semantics', () => {
  const [a] = parseAllUsers([row]);
  expect(a).toEqual({
    id: 'u1', profile: 'Relative', firstName: 'Anne', lastName: "N'Diaye", login: 'anne.ndiaye', activationCode: 'AB12CD34',
    email: null, classes: [], creationDate: '2025-09-01T10:00:00.000+02:00', blocked: false, isLocalAdmin: false,
    children: [{ firstName: 'Léa', lastName: "N'Diaye", classname: 'CE1 A' }],
  });
  const [admin] = parseAllUsers([{ ...row, type: 'Teacher', code: null, functions: [['ADMIN_LOCAL', ['s1']]], classes: [{ id: 'c1', name: 'CP A' }], children: null }]);
  expect(admin!.isLocalAdmin).toBe(true);
  expect(admin!.activationCode).toBeNull();
  expect(admin!.classes).toEqual([{ id: 'c1', name: 'CP A' }]);
});

test('a missing field is named, never turned into a blank account', () => {
  const { login: _l, ...noLogin } = row;
  expect(() => parseAllUsers([noLogin])).toThrow(/login/);
  expect(() => parseAllUsers({ error: 'forbidden' })).toThrow(ConsoleFormatError);
  expect(() => parseAllUsers([{ ...row, type: 'Alien' }])).toThrow(/profil inconnu/);
});

test('class list is sorted by name, numerically', () => {
  expect(parseClassList([{ id: '2', name: 'CM2' }, { id: '1', name: 'CE1' }]).map((c) => c.name)).toEqual(['CE1', 'CM2']);
});

test('table fallback splits class names that contain spaces using the class list', () => {
  const known = [{ id: 'a', name: 'CP A' }, { id: 'b', name: 'CE2-CM1' }, { id: 'c', name: 'CE1 A' }];
  expect(splitClasses('CP A CE2-CM1', known).map((c) => c.id)).toEqual(['a', 'b']);
  expect(splitClasses('', known)).toEqual([]);
  expect(parseFrDate('01/09/2024')).toBe(new Date(2024, 8, 1).toISOString());
  const [a] = accountsFromTable([{ lastName: 'Martin', firstName: 'Léa', profileClass: 'Student', profileLabel: 'Élève', login: 'lea.martin', code: 'X1', email: '', classText: 'CE1 A', dateText: '01/09/2024' }], known);
  expect(a).toMatchObject({ id: 'login:lea.martin', profile: 'Student', activationCode: 'X1', email: null, classes: [{ id: 'c' }] });
});

test('answers are classified: login redirect or 401 = session, MFA, 403, 404, 5xx', () => {
  const base = { contentType: 'text/html', redirected: true };
  expect(classifyAnswer({ ...base, status: 200, url: 'https://h/auth/login?callBack=x' })?.kind).toBe('session');
  expect(classifyAnswer({ ...base, status: 401, url: 'https://h/directory/x' })?.kind).toBe('session');
  expect(classifyAnswer({ ...base, status: 200, url: 'https://h/auth/validate-mfa' })?.kind).toBe('mfa');
  expect(classifyAnswer({ ...base, status: 401, url: 'https://h/d' }, '{"error":"mfa.protected"}')?.kind).toBe('mfa');
  expect(classifyAnswer({ ...base, status: 403, url: 'https://h/d' })?.kind).toBe('forbidden');
  expect(classifyAnswer({ ...base, status: 400, url: 'https://h/d' }, '{"error":"forbidden"}')?.kind).toBe('forbidden');
  expect(classifyAnswer({ ...base, status: 404, url: 'https://h/d' })?.kind).toBe('not-found');
  expect(classifyAnswer({ ...base, status: 502, url: 'https://h/d' })?.kind).toBe('server');
  expect(classifyAnswer({ ...base, status: 200, url: 'https://h/d' })).toBeNull();
});

test('page detection: the massmail route and the teacher page only', () => {
  expect(detectPage('https://oneconnect.edifice.io/admin/abc/imports-exports/massmail')).toMatchObject({ kind: 'massmail', structureId: 'abc' });
  expect(detectPage('https://x.fr:8443/directory/class-admin')).toMatchObject({ kind: 'class-admin', structureId: null });
  expect(detectPage('https://x.fr/admin/abc/imports-exports/export')).toBeNull();
  expect(detectPage('https://x.fr/admin/abc/users/list')).toBeNull();
  expect(routes.allUsers('a b')).toBe('/directory/structure/a%20b/massMail/allUsers');
  // A malformed percent-escape anywhere in the URL never throws.
  expect(() => detectPage('https://x.fr/admin/%E0%A4%A/imports-exports/massmail')).not.toThrow();
  expect(detectPage('https://x.fr/admin/%E0%A4%A/imports-exports/massmail')).toMatchObject({ kind: 'massmail', structureId: '%E0%A4%A' });
  expect(detectPage('https://x.fr/admin/abc/imports-exports/massmail?q=%zz#%')).toMatchObject({ kind: 'massmail', structureId: 'abc' });
});

test("teacher roster: every member of the teacher's classes once with all their classes, parents with their children named, hasEmail kept", async () => {
  const { teacherRoster } = await import('../../src/console/class-admin');
  const { hasEmail } = await import('../../src/model/account');
  const ce1 = { id: 'c1', name: 'CE1 A' };
  const dbl = { id: 'c2', name: 'CE2-CM1' };
  // Fields exactly as DefaultClassService.findUsers returns them (one-console.md §9).
  const base = { hasEmail: false, originalLogin: 'x', displayName: 'x', birthDate: null, lastLogin: null, blocked: null, source: 'AAF', relativeList: [] };
  const student = (id: string, first: string, rel: string[]) => ({ ...base, id, type: 'Student', firstName: first, lastName: 'Martin', login: `${first}.martin`, activationCode: 'abcd3456',
    relativeList: rel.map((r) => ({ relatedId: r, relatedName: 'Anne Martin', relatedType: ['Relative'] })) });
  const parent = { ...base, id: 'p1', type: 'Relative', firstName: 'Anne', lastName: 'Martin', login: 'amartin', originalLogin: 'anne.martin', activationCode: null, hasEmail: true };
  const teacher = { ...base, id: 't1', type: 'Teacher', firstName: 'Jean', lastName: 'Prof', login: 'jean.prof', activationCode: 'kmnp3456', blocked: true };
  const { accounts: roster, unlistedRelatives } = teacherRoster([
    { cls: ce1, users: [parent, student('s1', 'Léa', ['p1', 'p9']), teacher] },
    { cls: dbl, users: [parent, student('s1', 'Léa', ['p1', 'p9']), student('s2', 'Tom', ['p1'])] },
  ]);
  expect(roster.map((a) => a.id).sort()).toEqual(['p1', 's1', 's2', 't1']);
  const byId = new Map(roster.map((a) => [a.id, a]));
  expect(byId.get('s1')!.classes.map((c) => c.name)).toEqual(['CE1 A', 'CE2-CM1']);
  expect(byId.get('p1')!.classes.map((c) => c.name)).toEqual(['CE1 A', 'CE2-CM1']);
  expect(byId.get('p1')!.login).toBe('amartin');
  expect(byId.get('p1')!.email).toBeNull();
  expect(hasEmail(byId.get('p1')!)).toBe(true);
  expect(hasEmail(byId.get('s1')!)).toBe(false);
  expect(byId.get('t1')!).toMatchObject({ activationCode: 'kmnp3456', blocked: true, profile: 'Teacher' });
  expect(byId.get('s1')!.blocked).toBe(false);
  expect(byId.get('p1')!.children).toEqual([
    { firstName: 'Léa', lastName: 'Martin', classname: 'CE1 A' },
    { firstName: 'Tom', lastName: 'Martin', classname: 'CE2-CM1' },
  ]);
  expect(unlistedRelatives).toBe(1); // p9: a parent in no class (old import), not in any list
  expect(() => teacherRoster([{ cls: ce1, users: [{ id: 'x', type: 'Student' }] }])).toThrow(/login/);
});

test('allUsers parsing is type-strict: a mistyped field raises ConsoleFormatError naming it', () => {
  const bad = (patch: Record<string, unknown>) => () => parseAllUsers([{ ...row, ...patch }]);
  // A numeric code would otherwise read as "no code", i.e. an activated account.
  expect(bad({ code: 12345678 })).toThrow(ConsoleFormatError);
  expect(bad({ code: 12345678 })).toThrow(/« code »/);
  // "true" as a string would otherwise read as not blocked.
  expect(bad({ blocked: 'true' })).toThrow(/« blocked »/);
  expect(bad({ email: 42 })).toThrow(/« email »/);
  expect(bad({ firstName: ['Anne'] })).toThrow(/« firstName »/);
  expect(bad({ classes: 'CP A' })).toThrow(/« classes »/);
  expect(bad({ functions: 'ADMIN_LOCAL' })).toThrow(/« functions »/);
  expect(bad({ id: 7 })).toThrow(/« id »/);
  // Nulls the console does send stay accepted.
  expect(parseAllUsers([{ ...row, blocked: null, email: null, children: null, code: null }])[0]!.blocked).toBe(false);
});

test('allUsers: an empty login or a duplicate id is refused', () => {
  expect(() => parseAllUsers([{ ...row, login: '' }])).toThrow(/« login » vide/);
  expect(() => parseAllUsers([{ ...row, login: '   ' }])).toThrow(ConsoleFormatError);
  expect(() => parseAllUsers([row, { ...row, login: 'other' }])).toThrow(/en double/);
});

test('class users are type-strict too: a non-string type is an error, not a dropped user; hasEmail is a boolean', async () => {
  const { teacherRoster } = await import('../../src/console/class-admin');
  const cls = { id: 'c1', name: 'CE1 A' };
  const user = { id: 's1', type: 'Student', firstName: 'Léa', lastName: 'Martin', login: 'lea.martin', activationCode: 'X1', relativeList: [] };
  expect(teacherRoster([{ cls, users: [user] }]).accounts.map((a) => a.id)).toEqual(['s1']);
  expect(() => teacherRoster([{ cls, users: [{ ...user, type: ['Student'] }] }])).toThrow(/« type »/);
  expect(() => teacherRoster([{ cls, users: [{ ...user, type: 3 }] }])).toThrow(ConsoleFormatError);
  expect(() => teacherRoster([{ cls, users: [{ ...user, activationCode: 1234 }] }])).toThrow(/« activationCode »/);
  expect(() => teacherRoster([{ cls, users: [{ ...user, blocked: 'true' }] }])).toThrow(/« blocked »/);
  expect(() => teacherRoster([{ cls, users: [{ ...user, login: '' }] }])).toThrow(/login/);
  expect(() => teacherRoster([{ cls, users: [user, { ...user }] }])).toThrow(/en double/);
  // The class page describes an address as "has one" (hasEmail), without the address.
  expect(teacherRoster([{ cls, users: [{ ...user, hasEmail: true }] }]).accounts[0]!.emailOnFile).toBe(true);
  expect(teacherRoster([{ cls, users: [{ ...user, blocked: null, hasEmail: null }] }]).accounts[0]).toMatchObject({ blocked: false, emailOnFile: false });
  expect(() => teacherRoster([{ cls, users: [{ ...user, hasEmail: 'yes' }] }])).toThrow(/« hasEmail »/);
});

test('a failed read names its request without ids and says why in a few words; the popup message is checked on receipt', () => {
  expect(requestLabel(routes.allUsers('a1b2c3d4-0000-4000-8000-000000000001'))).toBe('/directory/structure/…/massMail/allUsers');
  expect(requestLabel(routes.classes('a1b2c3d4-0000-4000-8000-000000000001'))).toBe('/directory/class/admin/list');
  expect(requestLabel(routes.structures())).toBe('/directory/structure/admin/list');
  const t = translator('fr');
  expect(readWhy(t, 'read-failed', 404)).toBe('erreur 404');
  expect(readWhy(t, 'read-failed')).toBe('réponse illisible ou tronquée');
  expect(readWhy(t, 'session', 401)).toBe('session expirée');
  expect(readWhy(translator('en'), 'timeout')).toBe('no answer');
  expect(isMessage({ type: 'read-failed', request: '/directory/structure/…/massMail/allUsers', kind: 'read-failed', status: 404 }, 'read-failed')).toBe(true);
  expect(isMessage({ type: 'read-failed', request: 12, kind: 'format' }, 'read-failed')).toBe(false);
  expect(isMessage({ type: 'read-failed', request: 'x'.repeat(301), kind: 'format' }, 'read-failed')).toBe(false);
  expect(isMessage({ type: 'read-failed', request: 'x', kind: 'format', status: 'bad' }, 'read-failed')).toBe(false);
});

test('« Administrateurs locaux » keeps ADMIN_LOCAL holders whose scope includes this school, as the console’s filter (userlist.filters.service.ts)', () => {
  const S = 'school-1';
  const rows = [
    { ...row, id: 'here', login: 'a', functions: [['ADMIN_LOCAL', [S, 'school-2']]] },
    { ...row, id: 'elsewhere', login: 'b', functions: [['ADMIN_LOCAL', ['school-2']]] },
    { ...row, id: 'class-admin', login: 'c', functions: [['CLASS_ADMIN', [S]]] },
    { ...row, id: 'none', login: 'd', functions: [[null, null]] },
    { ...row, id: 'odd', login: 'e', functions: [['ADMIN_LOCAL', null]] },
  ];
  const accounts = parseAllUsers(rows, S);
  const ids = (f: Partial<Filters>) => applyFilters(accounts, { ...EMPTY_FILTERS, ...f }).map((a) => a.id);
  expect(ids({ localAdmin: 'only' })).toEqual(['here']);
  expect(ids({ localAdmin: 'excluded' })).toEqual(['elsewhere', 'class-admin', 'none', 'odd']);
  expect(isLocalAdminOf([['ADMIN_LOCAL', ['school-2']]], S)).toBe(false);
  expect(isLocalAdminOf([['ADMIN_LOCAL', [S]]], S)).toBe(true);
});
