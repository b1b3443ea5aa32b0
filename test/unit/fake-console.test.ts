import { test, expect } from '@playwright/test';
import https from 'node:https';
import {
  buildDemoSchool, buildBigStructure, DEMO_STRUCTURE_ID, BIG_STRUCTURE_ID, EMPTY_STRUCTURE_ID, DEMO_CLASS_NAMES, PROFILES,
  type DemoUser,
} from '../fake-console/demo-data.mjs';
import { startFakeConsole, type FakeConsole } from '../fake-console/server.mjs';

const ALL_USERS_KEYS = ['type', 'id', 'firstName', 'lastName', 'email', 'login', 'code', 'creationDate', 'blocked', 'functions', 'classes', 'classname', 'isInClass', 'children'];
const MASSMAIL_KEYS = ['profile', 'id', 'firstName', 'lastName', 'displayName', 'email', 'login', 'originalLogin', 'activationCode', 'creationDate',
  'classes', 'firstClass', 'otherClasses', 'children', 'firstChild', 'otherChildren', 'classname', 'isInClass', 'child'];
const D = DEMO_STRUCTURE_ID;

// ------------------------------------------------------------------ data
test.describe('demo data', () => {
  const demo = buildDemoSchool();
  const byId = new Map(demo.users.map((u) => [u.id, u]));

  test('is deterministic', () => {
    expect(JSON.stringify(buildDemoSchool())).toBe(JSON.stringify(demo));
  });

  test('has ~300 diverse accounts', () => {
    expect(demo.users.length).toBeGreaterThanOrEqual(280);
    expect(demo.users.length).toBeLessThanOrEqual(320);
    for (const p of PROFILES) expect(demo.users.some((u) => u.profile === p), p).toBe(true);
    expect(demo.classes.map((c) => c.name)).toEqual(DEMO_CLASS_NAMES);
    expect(DEMO_CLASS_NAMES).toContain('CE2-CM1');
    const activated = demo.users.filter((u) => u.activationCode === null).length;
    expect(activated).toBeGreaterThan(50);
    expect(demo.users.length - activated).toBeGreaterThan(50);
    expect(demo.users.filter((u) => u.activationCode).every((u) => /^[A-Za-z0-9]{8}$/.test(u.activationCode!))).toBe(true);
    expect(demo.users.some((u) => u.email) && demo.users.some((u) => !u.email)).toBe(true);
    expect(demo.users.some((u) => u.blocked)).toBe(true);
    expect(demo.users.some((u) => u.loginAlias)).toBe(true);
    expect(demo.users.filter((u) => u.functions.some(([f]) => f === 'ADMIN_LOCAL')).length).toBeGreaterThanOrEqual(2);
    expect(demo.users.some((u) => u.profile === 'Student' && u.classes.length === 0)).toBe(true);
    expect(demo.users.some((u) => u.profile === 'Teacher' && u.classes.length === 2)).toBe(true);
    expect(new Set(demo.users.map((u) => u.login)).size).toBe(demo.users.length);
    expect(demo.users.some((u) => /\d$/.test(u.login))).toBe(true); // collision digits
    const years = new Set(demo.users.map((u) => u.created.slice(0, 7)));
    expect(years.has('2025-09') && [...years].some((y) => y >= '2026-09')).toBe(true);
  });

  test('siblings in different classes share the same guardians', () => {
    const families = demo.users.filter((u) => u.profile === 'Relative' && u.children.length >= 2);
    expect(families.length).toBeGreaterThan(3);
    const ndiaye = demo.users.filter((u) => u.lastName === "N'Diaye" && u.profile === 'Student');
    expect(ndiaye).toHaveLength(2);
    expect(ndiaye[0].classes).not.toEqual(ndiaye[1].classes);
    expect([...ndiaye[0].parents].sort()).toEqual([...ndiaye[1].parents].sort());
    for (const pid of ndiaye[0].parents) expect(byId.get(pid)!.children.sort()).toEqual(ndiaye.map((k) => k.id).sort());
  });

  test('contains the hard names', () => {
    const names = demo.users.map((u: DemoUser) => `${u.firstName} ${u.lastName}`).join('\n');
    for (const s of ['Łukasz Żółkiewski', 'Małgorzata', 'Nguyễn', 'Thị Hương', 'Trần', 'Çağrı Şahin', 'Gülşen Öztürk', 'İlayda', 'محمد العلي',
      "N'Diaye", "D'Almeida", 'Jean-Baptiste', 'Le Gall-Kerouac', 'Lætitia', 'Cœur', 'Élodie', 'Chloé', 'Noël', 'Dupont <b>test</b>']) {
      expect(names, s).toContain(s);
    }
  });

  test('big structure has 5000 accounts', () => {
    const big = buildBigStructure();
    expect(big.users).toHaveLength(5000);
    expect(big.id).toBe(BIG_STRUCTURE_ID);
  });
});

// ------------------------------------------------------------------ server (plain HTTP)
test.describe('fake console server', () => {
  let fc: FakeConsole;
  const get = (path: string, cookie?: string, init: RequestInit = {}) =>
    fetch(fc.url + path, { redirect: 'manual', ...init, headers: { ...(cookie ? { cookie } : {}), ...(init.headers as Record<string, string> ?? {}) } });
  const login = async (as: string, extra = '') => (await (await get(`/__test/login?as=${as}${extra}`)).json()) as { cookie: string; xsrf: string; userId: string };
  const json = async (path: string, cookie: string) => { const r = await get(path, cookie); expect(r.status, path).toBe(200); return r.json(); };
  const oracle = async (sid = D) => ((await (await get(`/__test/users?structureId=${sid}`)).json()) as { users: DemoUser[] }[])[0].users;

  test.beforeAll(async () => { fc = await startFakeConsole({ http: true }); });
  test.afterAll(async () => { await fc.close(); });
  test.beforeEach(async () => { await get('/__test/reset', undefined, { method: 'POST' }); });

  test('allUsers has the §1.1 shape, lastName order and admin scoping', async () => {
    const { cookie } = await login('adml');
    const rows = await json(`/directory/structure/${D}/massMail/allUsers`, cookie);
    const users = await oracle();
    expect(rows.length).toBe(users.length - 1); // the ADMC account is hidden from an ADML
    for (const r of rows) expect(Object.keys(r).sort()).toEqual([...ALL_USERS_KEYS].sort());
    const lastNames = rows.map((r: { lastName: string }) => r.lastName);
    expect(lastNames).toEqual([...lastNames].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const noFn = rows.find((r: { functions: unknown[][] }) => r.functions[0][0] === null);
    expect(noFn.functions).toEqual([[null, null]]);
    expect(rows.find((r: { isInClass: boolean }) => !r.isInClass).classes).toEqual([{ id: null, name: null }]);
    const adml = rows.find((r: { login: string }) => r.login === 'francoise.lefevre');
    expect(adml.functions).toEqual([['ADMIN_LOCAL', [D, BIG_STRUCTURE_ID, EMPTY_STRUCTURE_ID]]]);
    const teacher = rows.find((r: { login: string }) => r.login === 'jbmoreau'); // login = alias when set
    expect(teacher.classes.map((c: { name: string }) => c.name).sort()).toEqual(['CE1 A', 'CE2-CM1']);
    expect(teacher.classname).toBe('CE1 A');
    const rel = rows.find((r: { type: string; children: unknown[] | null }) => r.type === 'Relative' && r.children && r.children.length > 1);
    expect(rel.children[0]).toEqual({ firstName: expect.any(String), lastName: expect.any(String), classname: expect.anything() });
    expect(rows.some((r: { code: string | null }) => r.code === null) && rows.some((r: { code: string | null }) => r.code)).toBe(true);

    const admc = await login('admc');
    expect((await json(`/directory/structure/${D}/massMail/allUsers`, admc.cookie)).length).toBe(users.length);
    expect((await json(`/directory/structure/${BIG_STRUCTURE_ID}/massMail/allUsers`, cookie)).length).toBe(5000);
    expect(await json(`/directory/structure/${EMPTY_STRUCTURE_ID}/massMail/allUsers`, cookie)).toEqual([]);
    // an ADML of the demo school only gets [] for another structure
    const other = await login('user', '&login=laetitia.coeur');
    expect(await json(`/directory/structure/${BIG_STRUCTURE_ID}/massMail/allUsers`, other.cookie)).toEqual([]);
    // non admins are refused
    for (const role of ['none', 'teacher']) {
      expect((await get(`/directory/structure/${D}/massMail/allUsers`, (await login(role)).cookie)).status).toBe(401);
    }
    const classes = await json(`/directory/class/admin/list?structureId=${D}`, cookie);
    expect(classes.map((c: { name: string }) => c.name)).toEqual(DEMO_CLASS_NAMES);
    // entcore: DefaultClassService.listAdmin returns id, name, externalId only.
    for (const c of classes) expect(Object.keys(c).sort()).toEqual(['externalId', 'id', 'name']);
    // ProfileController.listProfiles: blocked is null on a profile never blocked; AdminFilter refuses non-admins.
    expect(await json('/directory/profiles', cookie)).toEqual(PROFILES.map((name) => ({ name, blocked: null })));
    const structures = await json('/directory/structure/admin/list', cookie);
    expect(structures.map((s: { id: string }) => s.id)).toEqual([D, BIG_STRUCTURE_ID, EMPTY_STRUCTURE_ID]);
    // DefaultSchoolService.listAdmin: no children, parents null without an attachment, levels [1, 2] by default.
    for (const s of structures) expect(s).toMatchObject({ parents: null, levelsOfEducation: [1, 2], distributions: [] });
    expect(structures.some((s: object) => 'children' in s)).toBe(false);
    for (const role of ['none', 'teacher']) {
      const c = (await login(role)).cookie;
      expect((await get('/directory/profiles', c)).status).toBe(401);
      const refused = await get('/directory/structure/admin/list', c); // the service's Left "forbidden", arrayResponseHandler's 400
      expect([refused.status, await refused.json()]).toEqual([400, { error: 'forbidden' }]);
    }
  });

  test('massMail/users filters: a defaults to non-activated, p/c/mail/date/s', async () => {
    const { cookie } = await login('adml');
    const users = (await oracle()).filter((u) => !u.functions.some(([f]) => f === 'SUPER_ADMIN'));
    const base = `/directory/structure/${D}/massMail/users`;
    const def = await json(base, cookie);
    expect(def.length).toBe(users.filter((u) => u.activationCode).length);
    for (const r of def) expect(Object.keys(r).sort()).toEqual([...MASSMAIL_KEYS].sort());
    expect((await json(`${base}?a=true`, cookie)).length).toBe(users.filter((u) => !u.activationCode).length);
    expect((await json(`${base}?a=all`, cookie)).length).toBe(users.length);
    const tr = await json(`${base}?a=all&p=Teacher&p=Personnel`, cookie);
    expect(tr.length).toBe(users.filter((u) => u.profile === 'Teacher' || u.profile === 'Personnel').length);
    const classes = await json(`/directory/class/admin/list?structureId=${D}`, cookie);
    const ce1a = classes.find((c: { name: string }) => c.name === 'CE1 A').id;
    const inCe1a = await json(`${base}?a=all&c=${ce1a}`, cookie);
    expect(inCe1a.length).toBe(users.filter((u) => u.classes.includes(ce1a)).length);
    expect(inCe1a.every((r: { classes: string[] }) => r.classes.includes('CE1 A'))).toBe(true);
    expect((await json(`${base}?a=all&mail=true`, cookie)).length).toBe(users.filter((u) => u.email).length);
    const cut = Date.parse('2026-01-01T00:00:00Z');
    expect((await json(`${base}?a=all&dateFilter=before&date=${cut}`, cookie)).length).toBe(users.filter((u) => Date.parse(u.created) <= cut).length);
    expect((await json(`${base}?a=all&dateFilter=before`, cookie)).length).toBe(users.length); // date missing: no filter
    const sorted = await json(`${base}?a=all&s=profile&s=classname`, cookie);
    const profiles = sorted.map((r: { profile: string }) => r.profile);
    expect(profiles).toEqual([...profiles].sort());
    expect(sorted[0].profile).toBe('Guest');
  });

  test('process: types, filters (adml, b), PDF and mail records', async () => {
    const { cookie } = await login('adml');
    const users = (await oracle()).filter((u) => !u.functions.some(([f]) => f === 'SUPER_ADMIN'));
    const p = `/directory/structure/${D}/massMail/process`;
    const pdf = await get(`${p}/pdf`, cookie);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe('attachment; filename=null.pdf');
    expect(Number(pdf.headers.get('x-fake-console-count'))).toBe(users.filter((u) => u.activationCode).length); // a absent = non-activated
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
    const named = await get(`${p}/simplePdf?a=all&filename=publipostage_pdf`, cookie);
    expect(named.headers.get('content-disposition')).toBe('attachment; filename=publipostage_pdf.pdf');
    expect(Number(named.headers.get('x-fake-console-count'))).toBe(users.length);
    expect((await get(`${p}/newPdf?a=all&adml=true`, cookie)).headers.get('x-fake-console-count'))
      .toBe(String(users.filter((u) => u.functions.some(([f]) => f === 'ADMIN_LOCAL')).length));
    expect((await get(`${p}/newPdf?a=all&b=yes`, cookie)).headers.get('x-fake-console-count')).toBe(String(users.filter((u) => u.blocked).length));
    expect((await get(`${p}/newPdf?a=all&b=false`, cookie)).headers.get('x-fake-console-count')).toBe(String(users.filter((u) => !u.blocked).length));
    expect((await get(`${p}/csv`, cookie)).status).toBe(400);
    expect((await get(`${p}/xls`, cookie)).status).toBe(400);

    const mail = await get(`${p}/mail?a=all&p=Relative`, cookie);
    expect(mail.status).toBe(200);
    expect(await mail.text()).toBe('');
    const mails = await (await get('/__test/mails')).json();
    const relWithMail = users.filter((u) => u.profile === 'Relative' && u.email);
    expect(mails.length).toBe(relWithMail.length);
    expect(new Set(mails.map((m: { userId: string }) => m.userId))).toEqual(new Set(relWithMail.map((u) => u.id)));
    const notAct = mails.find((m: { userId: string }) => relWithMail.find((u) => u.id === m.userId)!.activationCode);
    expect(notAct.subjectKey).toBe('directory.massmail.mail.subject.not.activated');
    expect(notAct.via).toBe('process');

    const one = relWithMail[0];
    const single = await get(`/directory/structure/massMail/${one.id}/pdf`, cookie);
    expect(single.headers.get('content-disposition')).toBe("attachment; filename=mettre le nom de de l'utilisateur.pdf");
    expect((await get(`/directory/structure/massMail/${one.id}/mail`, cookie)).status).toBe(200);
    expect((await (await get('/__test/mails')).json()).at(-1)).toMatchObject({ userId: one.id, via: 'single' });

    const reqs = await (await get('/__test/requests')).json();
    const rec = reqs.find((r: { path: string; query: Record<string, unknown> }) => r.path === `${p}/mail`);
    expect(rec).toMatchObject({ method: 'GET', status: 200, query: { a: 'all', p: 'Relative' }, user: 'francoise.lefevre' });
    expect(rec.headers.sessionCookie).toBe(true);
  });

  test('class-admin POST needs X-XSRF-TOKEN and returns the CSV of §1.5', async () => {
    const t = await login('teacher');
    const demo = await oracle();
    const ids = demo.filter((u) => u.profile === 'Student').slice(0, 3).map((u) => u.id);
    const body = JSON.stringify({ ids, type: 'csv', structureId: D, theme: 'one' });
    const post = (headers: Record<string, string>) => get('/directory/class-admin/massmail', t.cookie, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
    expect((await post({})).status).toBe(403);
    expect((await post({ 'x-xsrf-token': 'wrong' })).status).toBe(403);
    const ok = await post({ 'x-xsrf-token': t.xsrf });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/csv');
    expect(ok.headers.get('content-disposition')).toBe('attachment; filename.csv');
    const raw = Buffer.from(await ok.arrayBuffer());
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM
    const lines = raw.subarray(3).toString('utf8').trim().split('\n');
    expect(lines[0]).toBe('"Type";"Nom";"Prénom";"Login";"Alias de login";"Code d\'activation"');
    expect(lines).toHaveLength(4);
    expect(lines[1].startsWith('"Élève";')).toBe(true);
    // mail via class-admin; ids outside the teacher's structure are refused
    const mail = await get('/directory/class-admin/massmail', t.cookie, { method: 'POST', body: JSON.stringify({ ids, type: 'mail', structureId: D }), headers: { 'x-xsrf-token': t.xsrf } });
    expect(mail.status).toBe(200);
    const bigId = (await oracle(BIG_STRUCTURE_ID))[0].id;
    const refused = await get('/directory/class-admin/massmail', t.cookie, { method: 'POST', body: JSON.stringify({ ids: [bigId], type: 'pdf', structureId: BIG_STRUCTURE_ID }), headers: { 'x-xsrf-token': t.xsrf } });
    expect(refused.status).toBe(401);
    const reqs = await (await get('/__test/requests')).json();
    expect(reqs.filter((r: { path: string }) => r.path === '/directory/class-admin/massmail').map((r: { status: number }) => r.status)).toEqual([403, 403, 200, 200, 401]);
    // teacher class list
    const ce1a = demo.find((u) => u.login === 'jean-baptiste.moreau')!.classes[0];
    const list = await json(`/directory/class/${ce1a}/users?collectRelative=true`, t.cookie);
    expect(list.some((u: { type: string }) => u.type === 'Relative')).toBe(true);
    expect(list[0]).toMatchObject({ id: expect.any(String), login: expect.any(String), firstName: expect.any(String) });
  });

  test('session: redirect to /auth/login, 401 knob, login form, expiry', async () => {
    const r = await get(`/directory/structure/${D}/massMail/allUsers`);
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toBe(`/auth/login?callBack=${encodeURIComponent(`/directory/structure/${D}/massMail/allUsers`)}`);
    const page = await get(`/admin/${D}/imports-exports/massmail`);
    expect(page.status).toBe(302);
    await get('/__test/knobs', undefined, { method: 'POST', body: JSON.stringify({ expiredAnswer: '401' }) });
    expect((await get(`/directory/structure/${D}/massMail/allUsers`)).status).toBe(401);
    expect((await get(`/admin/${D}/imports-exports/massmail`)).status).toBe(302);
    const loginPage = await (await get('/auth/login?callBack=%2Ftimeline%2Ftimeline')).text();
    expect(loginPage).toContain('name="email"');
    expect(loginPage).toContain('name="password"');
    const bad = await get('/auth/login', undefined, { method: 'POST', body: new URLSearchParams({ email: 'francoise.lefevre', password: 'nope' }) });
    expect(bad.status).toBe(200);
    const good = await get('/auth/login', undefined, { method: 'POST', body: new URLSearchParams({ email: 'francoise.lefevre', password: 'Motdepasse1!', callBack: '/timeline/timeline' }) });
    expect(good.status).toBe(302);
    expect(good.headers.get('location')).toBe('/timeline/timeline');
    const setCookies = good.headers.getSetCookie();
    expect(setCookies.some((c) => c.startsWith('oneSessionId=') && c.includes('HttpOnly'))).toBe(true);
    expect(setCookies.some((c) => c.startsWith('XSRF-TOKEN=') && !c.includes('HttpOnly'))).toBe(true);
    const cookie = setCookies.map((c) => c.split(';')[0]).join('; ');
    expect((await get(`/directory/structure/${D}/massMail/allUsers`, cookie)).status).toBe(200);
    await get('/__test/knobs', undefined, { method: 'POST', body: JSON.stringify({ expireSessionAfter: 2 }) });
    const fresh = await login('adml');
    expect((await get('/directory/profiles', fresh.cookie)).status).toBe(200);
    expect((await get('/directory/profiles', fresh.cookie)).status).toBe(200);
    expect((await get('/directory/profiles', fresh.cookie)).status).toBe(401);
    // activation: non-activated user logging in with the code gets the activation page, then activates
    const u = (await oracle()).find((x) => x.activationCode && !x.blocked)!;
    const act = await (await get('/auth/login', undefined, { method: 'POST', body: new URLSearchParams({ email: u.login, password: u.activationCode! }) })).text();
    expect(act).toContain('name="activationCode"');
    const prefilled = await (await get(`/auth/activation?login=${u.login}&activationCode=${u.activationCode}`)).text();
    expect(prefilled).toContain(`value="${u.activationCode}"`);
    const form = { login: u.login, activationCode: u.activationCode!, password: 'Nouveau1!', confirmPassword: 'Nouveau1!' };
    expect((await get('/auth/activation', undefined, { method: 'POST', body: new URLSearchParams(form) })).status).toBe(200); // no CGU
    expect((await get('/auth/activation', undefined, { method: 'POST', body: new URLSearchParams({ ...form, acceptCGU: 'true' }) })).status).toBe(302);
    expect((await oracle()).find((x) => x.id === u.id)!.activationCode).toBeNull();
  });

  test('/auth/context tells the platform rule as entcore does; knobs for another platform; activation page has no code field', async () => {
    const setKnobs = (k: object) => get('/__test/knobs', undefined, { method: 'POST', body: JSON.stringify(k) });
    const ctx = await (await get('/auth/context')).json();
    expect(Object.keys(ctx).sort()).toEqual(['callBack', 'cgu', 'mandatory', 'mfaConfig', 'passwordRegex', 'passwordRegexI18n', 'passwordRegexI18nActivation']);
    expect(ctx.passwordRegex).toBe('.{8}.*');
    // entcore's own default text (auth/src/main/resources/i18n/fr.json) says 6 beside the 8 the regex asks
    expect(ctx.passwordRegexI18nActivation).toEqual({ fr: 'Votre mot de passe doit contenir au moins 6 caractères.', en: 'Your password must contain at least 6 characters.' });
    expect(ctx.mandatory).toEqual({ mail: false, phone: false });
    await setKnobs({ passwordRule: { regex: '.{12}.*', fr: 'Au moins 12 caractères, dont un chiffre.', en: 'At least 12 characters, one digit.' }, mandatoryMail: true });
    const paris = await (await get('/auth/context')).json();
    expect(paris.passwordRegex).toBe('.{12}.*');
    expect(paris.passwordRegexI18nActivation.fr).toBe('Au moins 12 caractères, dont un chiffre.');
    expect(paris.mandatory.mail).toBe(true);
    await setKnobs({ passwordHintAsKey: true });
    expect((await (await get('/auth/context')).json()).passwordRegexI18nActivation.fr).toBe('password.rules.activation');
    const bundle = await (await get('/auth/i18n', undefined, { headers: { 'Accept-Language': 'en' } })).json();
    expect(bundle['password.rules.activation']).toBe('At least 12 characters, one digit.');
    await setKnobs({ authContextStatus: 500 });
    expect((await get('/auth/context')).status).toBe(500);

    // The activation page: login shown, no field for the code; with the login alone, activation fails.
    const u = (await oracle()).find((x) => x.activationCode && !x.blocked)!;
    const loginOnly = await (await get(`/auth/activation?login=${u.login}`)).text();
    expect(loginOnly).toContain(u.login);
    expect(loginOnly).not.toContain('name="activationCode"');
    expect(loginOnly).not.toMatch(/<input[^>]*type="text"[^>]*activation/i);
    const post = (f: Record<string, string>) => get('/auth/activation', undefined, { method: 'POST', body: new URLSearchParams(f) });
    const noCode = await post({ login: u.login, password: 'Motdepasse12!', confirmPassword: 'Motdepasse12!', acceptCGU: 'true', mail: 'a@b.fr' });
    expect(noCode.status).toBe(200);
    expect(await noCode.text()).toContain('code d&#39;activation est manquant');
    // the platform's rule is enforced: 9 characters are refused where 12 are asked
    const short = await post({ login: u.login, activationCode: u.activationCode!, password: 'Nouveau1!', confirmPassword: 'Nouveau1!', acceptCGU: 'true', mail: 'a@b.fr' });
    expect(await short.text()).toContain('règles de la plateforme');
    const ok = await post({ login: u.login, activationCode: u.activationCode!, password: 'Nouveau1!abc', confirmPassword: 'Nouveau1!abc', acceptCGU: 'true', mail: 'a@b.fr' });
    expect(ok.status).toBe(302);
  });

  test('knobs: failEveryNth, malformedJson, allUsersStatus, mfaRequired', async () => {
    const { cookie } = await login('adml');
    const setKnobs = (k: object) => get('/__test/knobs', undefined, { method: 'POST', body: JSON.stringify(k) });
    await setKnobs({ failEveryNth: 3 });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await get('/directory/profiles', cookie)).status);
    expect(statuses).toEqual([200, 200, 500, 200, 200, 500]);
    await get('/__test/reset', undefined, { method: 'POST' });

    await setKnobs({ malformedJson: true });
    const bad = await get(`/directory/structure/${D}/massMail/allUsers`, cookie);
    expect(bad.status).toBe(200);
    await expect(bad.json()).rejects.toThrow();
    await setKnobs({ malformedJson: false, allUsersStatus: 404 });
    expect((await get(`/directory/structure/${D}/massMail/allUsers`, cookie)).status).toBe(404);
    await setKnobs({ allUsersStatus: 0, mfaRequired: true });
    // As entcore's MandatoryUserValidationFilter: a 302 to the MFA page, coming back to the request.
    const mfa = await get(`/directory/structure/${D}/massMail/allUsers`, cookie);
    expect(mfa.status).toBe(302);
    expect(mfa.headers.get('location')).toMatch(/^https?:\/\/[^/]+\/auth\/validate-mfa\?force=true&redirect=https?%3A%2F%2F[^&]+%2Fdirectory%2Fstructure%2F[^&]+%2FmassMail%2FallUsers$/);
    expect((await get('/directory/profiles', cookie)).headers.get('location')).toMatch(/^https?:\/\/[^/]+\/auth\/validate-mfa\?force=true&redirect=https?%3A%2F%2F[^&]+%2Fdirectory%2Fprofiles$/); // ProfileController.listProfiles is @MfaProtected
    expect((await get('/directory/structure/admin/list', cookie)).status).toBe(200); // StructureController.listAdmin is not
    // The real console's page and its guarded boot routes (AdminController, PlatformInfoController: @MfaProtected).
    const page = await get(`/admin/${D}/imports-exports/massmail`, cookie, { redirect: 'manual' });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toMatch(/\/auth\/validate-mfa\?force=true&redirect=https?%3A%2F%2F[^&]+%2Fadmin%2F[^&]+%2Fimports-exports%2Fmassmail$/);
    expect((await get('/admin/api/platform/config', cookie)).status).toBe(302);
    expect((await get('/admin/i18n', cookie)).status).toBe(200); // web-utils' i18n route has no check
    expect((await get('/auth/validate-mfa', cookie, { method: 'POST', body: new URLSearchParams({ code: '123456' }) })).status).toBe(302);
    expect((await get(`/directory/structure/${D}/massMail/allUsers`, cookie)).status).toBe(200);
    const knobs = await (await get('/__test/knobs')).json();
    expect(knobs).toMatchObject({ mfaRequired: true, latencyMs: 0 });
    await get('/__test/reset', undefined, { method: 'POST' });
    expect(await (await get('/__test/knobs')).json()).toMatchObject({ mfaRequired: false });
  });

  test('pages: the real console for /admin/* (AdminFilter), sibling pages, teacher page', async () => {
    const { cookie } = await login('adml');
    const massmail = await get(`/admin/${D}/imports-exports/massmail`, cookie);
    expect(massmail.headers.get('x-real-console')).toBe('admin-page');
    const html = await massmail.text();
    expect(html).toContain('<ode-admin-app>');
    expect(html).toContain("<title>Console d'administration</title>");
    for (const p of [`/admin/${D}/users/list`, `/admin/${D}/imports-exports/export`, '/timeline/timeline']) expect((await get(p, cookie)).status, p).toBe(200);
    // Its build and boot routes: the scripts the page names are served, the i18n bundle is entcore's.
    for (const src of [...html.matchAll(/src="([^"]+\.js)"/g)].map((m) => m[1]!)) expect((await get(`/admin/public/dist/${src}`)).status, src).toBe(200);
    expect((await json('/admin/i18n', cookie))['massmail.pdf']).toBe('Générer en PDF');
    // AdminFilter: a teacher or a parent is refused the page; no session goes to the login page.
    for (const role of ['none', 'teacher']) expect((await get(`/admin/${D}/imports-exports/massmail`, (await login(role)).cookie, { redirect: 'manual' })).status, role).toBe(401);
    const anon = await get(`/admin/${D}/imports-exports/massmail`, undefined, { redirect: 'manual' });
    expect([anon.status, anon.headers.get('location')]).toEqual([302, `/auth/login?callBack=${encodeURIComponent(`/admin/${D}/imports-exports/massmail`)}`]);
    // The teacher's page is entcore's own (test/real-class-admin): its view, filled by its AngularJS app.
    const t = await login('teacher');
    const ca = await (await get('/directory/class-admin', t.cookie)).text();
    expect(ca).toContain('ng-controller="ClassAdminController"');
    expect(ca).toContain('ng-click="goToExport()"');
    expect((await get('/directory/class-admin', (await login('none')).cookie)).status).toBe(401); // no classadmin.address right
  });

  test('activate and reset restore the data', async () => {
    const u = (await oracle()).find((x) => x.activationCode)!;
    await get('/__test/activate', undefined, { method: 'POST', body: JSON.stringify({ ids: [u.id] }) });
    expect((await oracle()).find((x) => x.id === u.id)!.activationCode).toBeNull();
    await get('/__test/reset', undefined, { method: 'POST' });
    expect((await oracle()).find((x) => x.id === u.id)!.activationCode).toBe(u.activationCode);
    expect(await (await get('/__test/requests')).json()).toEqual([]);
  });
});

test('HTTPS with the expected SAN; start/stop many times', async () => {
  for (let i = 0; i < 3; i++) {
    const fc = await startFakeConsole();
    expect(fc.url.startsWith('https://127.0.0.1:')).toBe(true);
    const { status, san, location } = await new Promise<{ status: number; san: string; location: string }>((resolve, reject) => {
      const req = https.get(`${fc.url}/admin/${D}/imports-exports/massmail`, { rejectUnauthorized: false, headers: { host: `oneconnect.edifice.io:${fc.port}` } }, (res) => {
        const cert = (res.socket as import('node:tls').TLSSocket).getPeerCertificate();
        res.resume();
        resolve({ status: res.statusCode!, san: cert.subjectaltname ?? '', location: String(res.headers.location) });
      });
      req.on('error', reject);
    });
    expect(status).toBe(302);
    expect(location.startsWith('/auth/login?callBack=')).toBe(true); // relative: no host hard-coded
    expect(san).toContain('DNS:oneconnect.edifice.io');
    expect(san).toContain('DNS:*.example.test');
    expect(san).toContain('IP Address:127.0.0.1');
    await fc.close();
  }
});

test('timeoutEveryNth hangs and close() still returns promptly', async () => {
  const fc = await startFakeConsole({ http: true, knobs: { timeoutEveryNth: 1, hangMs: 300 } });
  const { cookie } = await (await fetch(`${fc.url}/__test/login?as=adml`)).json();
  const t0 = Date.now();
  await expect(fetch(`${fc.url}/directory/profiles`, { headers: { cookie } })).rejects.toThrow();
  expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
  const hanging = fetch(`${fc.url}/directory/profiles`, { headers: { cookie } }).catch(() => 'closed');
  await new Promise((r) => setTimeout(r, 50));
  await fc.close();
  expect(await hanging).toBe('closed');
});

test('hold: matching requests wait (all but the first `pass`) until released; others and test routes go through', async () => {
  const fc = await startFakeConsole({ http: true });
  const { cookie } = await (await fetch(`${fc.url}/__test/login?as=adml`)).json();
  const knobs = (k: object) => fetch(`${fc.url}/__test/knobs`, { method: 'POST', body: JSON.stringify(k) });
  const answered: string[] = [];
  const call = (tag: string) => fetch(`${fc.url}/directory/profiles`, { headers: { cookie } }).then((r) => (answered.push(tag), r.status));
  // Settled: every request the server has received has either been answered or is waiting in the hold.
  const settled = async (received: number, held: number) => {
    for (let i = 0; i < 200 && !(fc.state.requests.length === received && fc.state.holdWaiters.size === held); i++) await new Promise((r) => setTimeout(r, 10));
    expect([fc.state.requests.length, fc.state.holdWaiters.size]).toEqual([received, held]);
  };
  await knobs({ hold: { path: '/directory/profiles', pass: 1 } });
  const first = call('a');
  const held = [call('b'), call('c')];
  expect(await first).toBe(200);
  await settled(3, 2);
  expect((await fetch(`${fc.url}/directory/structure/admin/list`, { headers: { cookie } })).status).toBe(200); // another path
  expect(answered).toEqual(['a']);
  await knobs({ hold: { path: '/directory/profiles', pass: 2 } }); // one more goes
  await settled(4, 1);
  await expect.poll(() => answered.length).toBe(2);
  await knobs({ hold: null });
  expect(await Promise.all(held)).toEqual([200, 200]);
  // A reset lifts a hold too, and close() never waits for a held request.
  await knobs({ hold: { path: '/directory/profiles', pass: 0 } });
  const pending = call('d');
  await settled(5, 1);
  await fetch(`${fc.url}/__test/reset`, { method: 'POST' });
  expect(await pending).toBe(200);
  await knobs({ hold: { path: '/directory/profiles', pass: 0 } });
  const hanging = call('e').catch(() => 'closed');
  await settled(1, 1); // (the reset cleared the records)
  await fc.close();
  expect(await hanging).not.toBe(200);
});
