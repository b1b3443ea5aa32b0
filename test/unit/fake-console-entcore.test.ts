// The fake console against what entcore 6.15.4 really serves (one-console.md §9): each assertion
// names the entcore source it stands for, so a kinder fake fails here first.
import { test, expect } from '@playwright/test';
import { DEMO_STRUCTURE_ID as D, BIG_STRUCTURE_ID, type DemoUser } from '../fake-console/demo-data.mjs';
import { startFakeConsole, type FakeConsole } from '../fake-console/server.mjs';

let fc: FakeConsole;
const get = (path: string, cookie?: string, init: RequestInit = {}) =>
  fetch(fc.url + path, { redirect: 'manual', ...init, headers: { ...(cookie ? { cookie } : {}), ...(init.headers as Record<string, string> ?? {}) } });
const login = async (as: string, extra = '') => (await (await get(`/__test/login?as=${as}${extra}&mfa=true`)).json()) as { cookie: string; xsrf: string; userId: string };
const json = async (path: string, cookie: string) => { const r = await get(path, cookie); expect(r.status, path).toBe(200); return r.json(); };
const oracle = async (sid = D) => ((await (await get(`/__test/users?structureId=${sid}`)).json()) as { users: DemoUser[]; classes: { id: string; name: string }[] }[])[0]!;
const knobs = (k: Record<string, unknown>) => get('/__test/knobs', undefined, { method: 'POST', body: JSON.stringify(k) });
const massmail = (t: { cookie: string; xsrf: string }, body: unknown) => get('/directory/class-admin/massmail', t.cookie,
  { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'x-xsrf-token': t.xsrf } });

test.beforeAll(async () => { fc = await startFakeConsole({ http: true }); });
test.afterAll(async () => { await fc.close(); });
test.beforeEach(async () => { await get('/__test/reset', undefined, { method: 'POST' }); });

type Row = { id: string; type: string; lastName: string; classes: { id: string | null; name: string | null }[]; classname: string | null; isInClass: boolean; children: { firstName: string; lastName: string; classname: string }[] | null };

test('activation codes use entcore\'s alphabet (feeder Validator.activationCodeGenerator)', async () => {
  const { users } = await oracle();
  const codes = users.map((u) => u.activationCode).filter((c): c is string => !!c);
  expect(codes.length).toBeGreaterThan(100);
  for (const c of codes) expect(c).toMatch(/^[abcdefghjkmnprstvwxyz3456789]{8}$/);
});

test('allUsers: a parent is in the classes of their children, children listed per shared class (DefaultMassMailService)', async () => {
  const { cookie } = await login('adml');
  const rows = (await json(`/directory/structure/${D}/massMail/allUsers`, cookie)) as Row[];
  const { users, classes } = await oracle();
  const name = new Map(classes.map((c) => [c.id, c.name]));
  const relatives = rows.filter((r) => r.type === 'Relative');
  // Every parent of a placed child is in a class: no « sans classe » parents in a normal school.
  const kidsOf = (id: string) => users.filter((u) => u.parents.includes(id));
  for (const r of relatives) {
    const kidClasses = [...new Set(kidsOf(r.id).flatMap((k) => k.classes))];
    expect(r.classes.map((c) => c.id).sort(), r.id).toEqual(kidClasses.length ? kidClasses.sort() : [null]);
    expect(r.isInClass).toBe(kidClasses.length > 0);
    expect(r.classname).toBe(kidClasses.length ? kidClasses.map((c) => name.get(c)!).sort()[0] : null);
  }
  // Fatou N'Diaye: Aïssatou in CP A and Moussa in CM2 B.
  const fatou = relatives.find((r) => r.lastName === "N'Diaye" && r.children?.some((c) => c.firstName === 'Moussa'))!;
  expect(fatou.classes.map((c) => c.name).sort()).toEqual(['CM2 B', 'CP A']);
  expect(fatou.children!.map((c) => `${c.firstName}:${c.classname}`).sort()).toEqual(['Aïssatou:CP A', 'Moussa:CM2 B']);
  // The parent of the child who has no class yet is in no class, and then entcore lists no children.
  const cœurderoy = relatives.find((r) => r.lastName === 'Cœurderoy')!;
  expect(cœurderoy.classes).toEqual([{ id: null, name: null }]);
  expect(cœurderoy.children).toBeNull();
  // Non-parents: children null.
  expect(rows.filter((r) => r.type !== 'Relative').every((r) => r.children === null)).toBe(true);
});

test('knob classlessRelatives: parents from old imports are in no class, and allUsers then gives them no children', async () => {
  await knobs({ classlessRelatives: true });
  const { cookie } = await login('adml');
  const rows = (await json(`/directory/structure/${D}/massMail/allUsers`, cookie)) as Row[];
  const relatives = rows.filter((r) => r.type === 'Relative');
  expect(relatives.length).toBeGreaterThan(100);
  for (const r of relatives) expect([r.classes, r.isInClass, r.children]).toEqual([[{ id: null, name: null }], false, null]);
});

test('class users: exactly the fields of DefaultClassService.findUsers, members only, ordered by type then last name', async () => {
  const t = await login('teacher');
  const { users } = await oracle();
  const ce1a = users.find((u) => u.login === 'jean-baptiste.moreau')!.classes[0]!;
  const list = (await json(`/directory/class/${ce1a}/users?collectRelative=true`, t.cookie)) as Record<string, unknown>[];
  const keys = ['lastName', 'firstName', 'id', 'hasEmail', 'login', 'originalLogin', 'activationCode', 'displayName', 'birthDate', 'lastLogin', 'type', 'blocked', 'source', 'relativeList'];
  for (const u of list) expect(Object.keys(u).sort()).toEqual([...keys].sort());
  expect(list.some((u) => 'email' in u || 'created' in u || 'creationDate' in u || 'profile' in u)).toBe(false);
  // members: the class's students, their parents (in the class through them) and its teacher
  const members = users.filter((u) => u.classes.includes(ce1a));
  expect([...new Set(list.map((u) => u.id))].sort()).toEqual(members.map((u) => u.id).sort());
  // The relatives' collect splits one pupil over two rows (Neo4j grouping, one-console.md §10), one parent on each.
  const twice = list.filter((u, i) => list.findIndex((x) => x.id === u.id) !== i);
  expect(twice.map((u) => u.type)).toEqual(['Student']);
  expect(new Set(list.map((u) => u.type))).toEqual(new Set(['Relative', 'Student', 'Teacher']));
  const order = list.map((u) => `${u.type}\u0000${u.lastName}`);
  expect(order).toEqual([...order].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  for (const u of list) {
    const rec = users.find((x) => x.id === u.id)!;
    expect(u.hasEmail).toBe(!!rec.email);
    expect(u.blocked === null || u.blocked === true).toBe(true);
    const rels = list.filter((x) => x.id === u.id).flatMap((x) => (x.relativeList as { relatedId: string }[]).map((r) => r.relatedId));
    if (u.type === 'Student') expect(rels.sort()).toEqual([...rec.parents].sort());
    else expect(u.relativeList).toEqual([]);
    // lastLogin: null before a first login, and on some activated accounts too (a sync, a merge)
    if (rec.activationCode) expect(u.lastLogin).toBeNull();
  }
  const student = list.find((u) => u.type === 'Student' && (u.relativeList as unknown[]).length)!;
  expect((student.relativeList as unknown[])[0]).toEqual({ relatedName: expect.any(String), relatedId: expect.any(String), relatedType: ['Relative'] });
  // without collectRelative: no relativeList content
  const plain = (await json(`/directory/class/${ce1a}/users`, t.cookie)) as { relativeList: unknown[] }[];
  expect(plain.every((u) => u.relativeList.length === 0)).toBe(true);
});

test('class-admin/massmail refuses like entcore: 401 page for foreign ids, repeats, no right; 302 without session; silent drop across the caller\'s structures', async () => {
  const { users } = await oracle();
  const students = users.filter((u) => u.profile === 'Student' && u.email);
  const t = await login('teacher');
  const ok = await massmail(t, { ids: [students[0]!.id], type: 'mail', structureId: D, theme: '' });
  expect(ok.status).toBe(200);
  const bigId = (await oracle(BIG_STRUCTURE_ID)).users[0]!.id;
  for (const ids of [[students[1]!.id, bigId], [students[1]!.id, students[1]!.id]]) {
    const r = await massmail(t, { ids, type: 'mail', structureId: D, theme: '' });
    expect(r.status, JSON.stringify(ids)).toBe(401);
    expect(r.headers.get('content-type')).toContain('text/html');
    expect(r.headers.get('location')).toBeNull();
  }
  // a plain parent has no class-admin right
  const parent = await login('none');
  expect((await massmail(parent, { ids: [students[1]!.id], type: 'mail', structureId: D })).status).toBe(401);
  // no session: 302 to the login page, even where JSON routes answer 401
  await knobs({ expiredAnswer: '401' });
  const anon = await get('/directory/class-admin/massmail', undefined, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
  expect(anon.status).toBe(302);
  expect(anon.headers.get('location')).toMatch(/^\/auth\/login/);
  // ADMC passes the filter; ids outside structureId are dropped with a 200 and nobody is mailed for them
  const admc = await login('admc');
  const bigWithMail = (await oracle(BIG_STRUCTURE_ID)).users.filter((u) => u.email).slice(0, 2).map((u) => u.id);
  const mixed = await massmail(admc, { ids: [students[2]!.id, ...bigWithMail], type: 'mail', structureId: D });
  expect(mixed.status).toBe(200);
  const mails = (await (await get('/__test/mails')).json()) as { userId: string }[];
  expect(mails.map((m) => m.userId)).toEqual([students[0]!.id, students[2]!.id]);
  // a pupil who left between the read and the send: the whole request is refused
  await knobs({ detachedIds: [students[3]!.id] });
  expect((await massmail(t, { ids: [students[3]!.id, students[4]!.id], type: 'mail', structureId: D })).status).toBe(401);
  expect((await massmail(t, { ids: [students[4]!.id], type: 'mail', structureId: D })).status).toBe(200);
});

test('teacher side: class-admin/:userId lists own classes only; no class → entcore\'s null placeholder; class/admin/list refuses teachers; the page is MFA-protected', async () => {
  const t = await login('teacher');
  const me = await json(`/directory/class-admin/${t.userId}`, t.cookie);
  expect(me.schools).toEqual([{ name: 'École élémentaire Jules Ferry', id: D, source: 'AAF', classes: expect.arrayContaining([expect.objectContaining({ name: 'CE1 A' })]) }]);
  expect(me.schools[0].classes).toHaveLength(2);
  const s = await login('teacherNoClass');
  const none = await json(`/directory/class-admin/${s.userId}`, s.cookie);
  expect(none.schools).toEqual([{ name: null, id: null, classes: [{ name: null, id: null }], source: null }]);
  // DirectoryResourcesProvider.isAdmin(user, allowClass): 401 to a teacher with the workflow right alone;
  // DefaultClassService.listAdmin fails on a CLASS_ADMIN holder without ADMIN_LOCAL (null scope).
  expect((await get(`/directory/class/admin/list?structureId=${D}`, t.cookie)).status).toBe(401);
  expect((await get(`/directory/class/admin/list?structureId=${D}`, s.cookie)).status).toBe(500);
  expect((await json(`/directory/class/admin/list?structureId=${D}`, (await login('adml')).cookie)).length).toBe(11);
  // the class list of a class she has not joined: her CLASS_ADMIN scope covers the school
  const { classes } = await oracle();
  expect((await get(`/directory/class/${classes[0]!.id}/users?collectRelative=true`, s.cookie)).status).toBe(200);
  await knobs({ mfaRequired: true });
  const fresh = (await (await get('/__test/login?as=teacher')).json()) as { cookie: string };
  const page = await get('/directory/class-admin', fresh.cookie);
  expect(page.status).toBe(302);
  expect(page.headers.get('location')).toBe(`${fc.url}/auth/validate-mfa?force=true&redirect=${encodeURIComponent(`${fc.url}/directory/class-admin`)}`);
});

test('mandatory checks are 302s to their page, in MandatoryUserValidationFilter’s order; /auth/* passes; requirements name them', async () => {
  // entcore-common MandatoryUserValidationFilter (entcore bfeee774ea^): terms, e-mail, mobile, then MFA
  // (MFA-protected routes only); /auth/ always passes; Renders.redirect writes scheme://host + location.
  const host = fc.url; // scheme://host, as Renders.redirect writes it
  const allUsers = `/directory/structure/${D}/massMail/allUsers`;
  const back = (p: string) => encodeURIComponent(`${host}${p}`);
  const a = await login('adml');
  expect(await json('/auth/user/requirements', a.cookie)).toEqual({ forceChangePassword: false, needRevalidateTerms: false, needRevalidateEmail: false, needRevalidateMobile: false, needMfa: false });

  await knobs({ termsRequired: true, mailCheckRequired: true, smsCheckRequired: true });
  await get('/auth/logout');
  const b = (await (await get('/__test/login?as=adml')).json()) as { cookie: string };
  await knobs({ mfaRequired: true });
  expect(await json('/auth/user/requirements', b.cookie)).toMatchObject({ needRevalidateTerms: true, needRevalidateEmail: true, needRevalidateMobile: true, needMfa: true });
  const first = await get(allUsers, b.cookie);
  expect(first.status).toBe(302);
  expect(first.headers.get('location')).toBe(`${host}/auth/revalidate-terms`);
  expect((await get('/auth/oauth2/userinfo', b.cookie)).status).toBe(200); // /auth/ always passes
  expect((await get('/auth/cgu/revalidate', b.cookie, { method: 'PUT' })).status).toBe(200);
  expect((await get(allUsers, b.cookie)).headers.get('location')).toBe(`${host}/auth/validate-mail?force=true&type=email&redirect=${back(allUsers)}`);
  expect((await get('/auth/validate-mail', b.cookie, { method: 'POST', body: new URLSearchParams({ type: 'email', redirect: `${host}${allUsers}` }) })).headers.get('location')).toBe(allUsers);
  expect((await get('/directory/profiles', b.cookie)).headers.get('location')).toBe(`${host}/auth/validate-mail?force=true&type=sms&redirect=${back('/directory/profiles')}`);
  await get('/auth/validate-mail', b.cookie, { method: 'POST', body: new URLSearchParams({ type: 'sms' }) });
  expect((await get('/directory/structure/admin/list', b.cookie)).status).toBe(200); // StructureController.listAdmin is not MFA-protected
  expect((await get(allUsers, b.cookie)).headers.get('location')).toBe(`${host}/auth/validate-mfa?force=true&redirect=${back(allUsers)}`);
  await get('/auth/validate-mfa', b.cookie, { method: 'POST', body: new URLSearchParams({ code: '123456' }) });
  expect((await get(allUsers, b.cookie)).status).toBe(200);
  expect(await json('/auth/user/requirements', b.cookie)).toMatchObject({ needRevalidateTerms: false, needRevalidateEmail: false, needRevalidateMobile: false, needMfa: false });
});

test('denyPaths: the resource filter’s refusal is a 401 with an HTML page, the session stays', async () => {
  // ActionFilter.deny (entcore-common, entcore bfeee774ea^): 401 + DefaultPages.UNAUTHORIZED, text/html.
  const a = await login('adml');
  await knobs({ denyPaths: ['/massMail/allUsers'] });
  const r = await get(`/directory/structure/${D}/massMail/allUsers`, a.cookie);
  expect(r.status).toBe(401);
  expect(r.headers.get('content-type')).toMatch(/text\/html/);
  expect((await get('/auth/oauth2/userinfo', a.cookie)).status).toBe(200);
  expect((await get('/directory/profiles', a.cookie)).status).toBe(200);
});

test('blocked accounts never activate, nor users of a blocked profile (auth DefaultUserAuthAccount.activateAccount); /directory/profiles says which profiles are blocked (DefaultProfileService, true or null)', async () => {
  const { cookie } = await login('adml');
  const { users } = await oracle();
  const post = (u: DemoUser) => get('/auth/activation', undefined, {
    method: 'POST', body: new URLSearchParams({ login: u.loginAlias ?? u.login, activationCode: u.activationCode!, password: 'Nouveau1!abc', confirmPassword: 'Nouveau1!abc', acceptCGU: 'true' }),
  });
  const blocked = users.find((u) => u.activationCode && u.blocked)!;
  const refused = await post(blocked);
  expect(refused.status).toBe(200);
  const page = (await refused.text()).replace(/&#39;|&#x27;/g, "'");
  expect(page).toContain("Erreur lors de l'activation, veuillez vérifier votre identifiant et votre code d'activation.");
  expect((await oracle()).users.find((u) => u.id === blocked.id)!.activationCode).toBe(blocked.activationCode);

  expect((await json('/directory/profiles', cookie)).find((p: { name: string }) => p.name === 'Guest')).toEqual({ name: 'Guest', blocked: null });
  await knobs({ blockedProfiles: ['Guest'] });
  expect((await json('/directory/profiles', cookie)).find((p: { name: string }) => p.name === 'Guest')).toEqual({ name: 'Guest', blocked: true });
  const guest = users.find((u) => u.activationCode && !u.blocked && u.profile === 'Guest')!;
  expect((await (await post(guest)).text()).replace(/&#39;|&#x27;/g, "'")).toContain("Erreur lors de l'activation");
  await knobs({ blockedProfiles: [] });
  expect((await post(guest)).status).toBe(302);
  // ProfileController.listProfiles: AdminFilter
  expect((await get('/directory/profiles', (await login('teacher')).cookie)).status).toBe(401);
});

test('knob foreignAdmlIds: an ADML of another school shows in allUsers with that other scope only', async () => {
  const { cookie } = await login('adml');
  const { users } = await oracle();
  const someone = users.find((u) => u.profile === 'Teacher' && !u.functions.length)!;
  await knobs({ foreignAdmlIds: [someone.id] });
  const rows = (await json(`/directory/structure/${D}/massMail/allUsers`, cookie)) as Array<{ id: string; functions: [string | null, string[] | null][] }>;
  expect(rows.find((r) => r.id === someone.id)!.functions).toEqual([['ADMIN_LOCAL', [BIG_STRUCTURE_ID]]]);
});

test('structure metrics as StructureController.metrics serves them: every user of the structure per profile (the ADMC too), ADML of that structure only', async () => {
  const { users } = await oracle();
  const { cookie } = await login('adml');
  const body = await json(`/directory/structure/${D}/metrics`, cookie);
  const want = new Map<string, { active: number; inactive: number }>();
  for (const u of users) {
    const t = want.get(u.profile) ?? { active: 0, inactive: 0 };
    if (u.activationCode) t.inactive++;
    else t.active++;
    want.set(u.profile, t);
  }
  expect(Object.keys(body)).toEqual(['metrics']);
  expect(Object.fromEntries(body.metrics.map((m: { profile: string; active: number; inactive: number }) => [m.profile, { active: m.active, inactive: m.inactive }]))).toEqual(Object.fromEntries(want));
  // allUsers hides the ADMC from an ADML; the metrics count it
  const rows = await json(`/directory/structure/${D}/massMail/allUsers`, cookie);
  expect(body.metrics.reduce((n: number, m: { active: number; inactive: number }) => n + m.active + m.inactive, 0)).toBe(rows.length + 1);
  // AdmlOfStructure: an ADML of another structure, a teacher are refused
  expect((await get(`/directory/structure/${BIG_STRUCTURE_ID}/metrics`, (await login('user', '&login=laetitia.coeur')).cookie)).status).toBe(401);
  expect((await get(`/directory/structure/${D}/metrics`, (await login('teacher')).cookie)).status).toBe(401);
});

test('the real class page\'s routes: authenticated cookie, userinfo as UserInfoAdapterV1_0Json, class-admin/:userId rights, userbook/structure, class/add-self', async () => {
  // AuthController.createSession: `authenticated=true`, readable by scripts (infra-front checks it before any XHR).
  const r = await get('/__test/login?as=teacher');
  expect(r.headers.getSetCookie().some((c) => /^authenticated=true; Path=\//.test(c) && !/HttpOnly/i.test(c))).toBe(true);
  const t = await login('teacher');
  const me = await json('/auth/oauth2/userinfo', t.cookie);
  expect(me).toMatchObject({ userId: t.userId, type: 'ENSEIGNANT', structures: [D], structureNames: ['École élémentaire Jules Ferry'] });
  expect(me.classNames.sort()).toEqual(['CE1 A', 'CE2-CM1']);
  expect((await json('/auth/oauth2/userinfo', (await login('none')).cookie)).type).toBe('PERSRELELEVE');
  expect((await json('/auth/oauth2/userinfo', (await login('adml')).cookie)).type).toBe('PERSEDUCNAT');
  // class-admin/:userId (isClassTeacherForUserId): the class-admin right or ADML, and a user of one of the caller's structures.
  const { users } = await oracle();
  const colleague = users.find((u) => u.profile === 'Teacher' && u.login !== 'jean-baptiste.moreau')!;
  expect((await get(`/directory/class-admin/${colleague.id}`, t.cookie)).status).toBe(200);
  const parent = await login('none');
  expect((await get(`/directory/class-admin/${parent.userId}`, parent.cookie)).status).toBe(401);
  const bigUser = (await oracle(BIG_STRUCTURE_ID)).users[0]!;
  expect((await get(`/directory/class-admin/${bigUser.id}`, t.cookie)).status).toBe(401);
  // UserBookController.showStructure: the school's classes for a member, nothing for anyone else.
  const school = await json(`/userbook/structure/${D}`, t.cookie);
  expect(Object.keys(school).sort()).toEqual(['classes', 'manualGroups', 'profileGroups', 'users']);
  expect(school.classes).toHaveLength(11);
  for (const c of school.classes) expect(Object.keys(c).sort()).toEqual(['id', 'level', 'name']);
  expect((await json(`/userbook/structure/${BIG_STRUCTURE_ID}`, t.cookie)).classes).toEqual([]);
  // ClassController.addSelf: only a Teacher in no class; XSRF like every PUT; then she is in the class.
  const s = await login('teacherNoClass');
  const put = (who: { cookie: string; xsrf: string }, body: unknown, xsrf = who.xsrf) => get('/directory/class/add-self', who.cookie,
    { method: 'PUT', body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'x-xsrf-token': xsrf } });
  const cm1a = school.classes.find((c: { name: string }) => c.name === 'CM1 A').id;
  expect((await put(t, { classIds: [cm1a] })).status).toBe(401); // already in classes
  expect((await put(s, { classIds: [] })).status).toBe(400);
  expect((await put(s, { classIds: [cm1a] }, 'wrong')).status).toBe(403);
  expect((await put(s, { classIds: [cm1a] })).status).toBe(200);
  const after = await json(`/directory/class-admin/${s.userId}`, s.cookie);
  expect(after.schools).toEqual([{ name: 'École élémentaire Jules Ferry', id: D, source: 'AAF', classes: [{ name: 'CM1 A', id: cm1a }] }]);
  expect((await put(s, { classIds: [cm1a] })).status).toBe(401); // WB-516: once in a class, no more
});
