// JSON / PDF / CSV routes under /directory (one-console.md §1). The session, knobs, XSRF and MFA
// checks happen in server.mjs before these handlers run; here: authorisation and payloads.
import { makePdf } from './pdf-stub.mjs';
import { send, sendJson, readJson } from './http-util.mjs';
import { PROFILES } from './demo-data.mjs';
import {
  allUsersRow, sortByLastName, massmailUser, singleUserRow, filterUsers, sortMassmailRows, visibleUsers,
  isAdmc, isAdmin, isAdml, admlScope, classAdminScope, managedStructureIds, profileFr,
} from './model.mjs';

const PDF_TYPES = ['pdf', 'newPdf', 'simplePdf'];
// What entcore's security filter answers on a refused resource (a 401 page, not JSON).
const UNAUTHORIZED_HTML = '<!DOCTYPE html><html><head><title>401</title></head><body><h1>Unauthorized</h1></body></html>';
// Stable made-up values derived from the id (the demo data has no birth dates or logins).
const idNum = (u) => parseInt(u.id.replace(/-/g, '').slice(0, 8), 16);
const birthDateOf = (u) => `${2015 + (idNum(u) % 6)}-${String(1 + (idNum(u) % 12)).padStart(2, '0')}-${String(1 + (idNum(u) % 28)).padStart(2, '0')}`;
const lastLoginOf = (u) => `2026-${String(9 + (idNum(u) % 3)).padStart(2, '0')}-${String(1 + (idNum(u) % 28)).padStart(2, '0')}T08:00:00.000+02:00`;
const refuse = (res) => send(res, 401, ''); // security layer refusal (status "likely 401" in the spec)

/** Routes protected by @MfaProtected (§1.1-1.4). */
export function isMfaProtected(method, path) {
  return method === 'GET' && (/^\/directory\/structure\/[^/]+\/massMail\/(allUsers|users|process\/[^/]+)$/.test(path)
    || /^\/directory\/structure\/massMail\/[^/]+\/[^/]+$/.test(path)
    // DirectoryController.classAdmin (the teacher page) and ClassController.listAdmin are @MfaProtected too.
    || path === '/directory/class-admin' || path === '/directory/class/admin/list'
    // ProfileController.listProfiles and StructureController.metrics are @MfaProtected
    || path === '/directory/profiles' || /^\/directory\/structure\/[^/]+\/metrics$/.test(path));
}

function pdfLines(rows) {
  return rows.map((r) => `${r.displayName} — ${r.login} — ${r.activationCode ? `Code d'activation : ${r.activationCode}` : 'Compte activé'}`);
}

function sendPdf(ctx, type, rows, filename) {
  const pdf = makePdf(`Publipostage ${type} — ${rows.length} compte(s) — ${ctx.req.headers.host ?? ''}`, pdfLines(rows));
  ctx.record.selected = rows.map((r) => r.id);
  send(ctx.res, 200, pdf, {
    'Content-Type': 'application/pdf',
    'Content-Disposition': `attachment; filename=${filename}`,
    'X-Fake-Console-Count': String(rows.length),
  });
}

function sendMails(ctx, users, via) {
  ctx.record.selected = users.map((u) => u.id);
  let n = 0;
  for (const u of users) {
    if (!u.email || !u.email.trim()) continue; // silently skipped (§3)
    n++;
    ctx.state.mails.push({
      userId: u.id, email: u.email, login: u.loginAlias || u.login,
      subjectKey: u.activationCode ? 'directory.massmail.mail.subject.not.activated' : 'directory.massmail.mail.subject.activated',
      time: new Date().toISOString(), via,
    });
  }
  send(ctx.res, 200, '', { 'X-Fake-Console-Count': String(n) });
}

function csvBody(rows) {
  const q = (v) => `"${String(v ?? '').replace(/"/g, '""')}"`;
  const lines = ['"Type";"Nom";"Prénom";"Login";"Alias de login";"Code d\'activation"'];
  for (const r of rows) lines.push([profileFr(r.profile), r.lastName, r.firstName, r.originalLogin, r.login, r.activationCode].map(q).join(';'));
  return `\ufeff${lines.join('\n')}\n`;
}

/**
 * A row of GET /directory/structure/admin/list, as DefaultSchoolService.listAdmin returns it: no
 * `children` (the console computes them from `parents`), `parents` null when the structure has none
 * (`CASE WHEN any(p in parents …) THEN parents END`), levelsOfEducation defaulting to [1, 2] and
 * distributions to [].
 */
export function structureAdminRow(s) {
  return {
    id: s.id, UAI: s.UAI, name: s.name, externalId: `EXT-${s.UAI}`, timetable: null, punctualTimetable: null,
    hasApp: null, ignoreMFA: null, levelsOfEducation: [1, 2], distributions: [], manualName: null,
    feederName: null, source: 'AAF', exports: null, parents: null,
  };
}

/** A row of GET /directory/class/admin/list: DefaultClassService.listAdmin `RETURN c.id as id, c.name as name, c.externalId as externalId`. */
export function classAdminRow(c) {
  return { id: c.id, name: c.name, externalId: `EXT-${c.id.slice(0, 8)}` };
}

/** @returns {Promise<boolean>} true when handled */
export async function handleDirectory(ctx) {
  const { req, res, path, query, state, user } = ctx;
  const data = state.data;
  let m;

  // StructureController.metrics (@ResourceFilter(AdmlOfStructure): ADMC, or ADML whose scope holds the structure;
  // @MfaProtected) → DefaultSchoolService.getMetrics: every user of the structure's profile groups (ADMC
  // accounts included, which allUsers hides from ADMLs), per profile, active = activationCode IS NULL;
  // validUniqueResultHandler → the one row `{metrics: [{profile, active, inactive}]}`.
  if (req.method === 'GET' && (m = /^\/directory\/structure\/([^/]+)\/metrics$/.exec(path))) {
    const sid = decodeURIComponent(m[1]);
    if (!isAdmc(user) && !admlScope(user).includes(sid)) return refuse(res), true;
    const s = data.structuresById.get(sid);
    const by = new Map();
    for (const u of s?.users ?? []) {
      const t = by.get(u.profile) ?? { profile: u.profile, active: 0, inactive: 0 };
      if (u.activationCode) t.inactive++;
      else t.active++;
      by.set(u.profile, t);
    }
    return sendJson(res, 200, { metrics: [...by.values()] }), true;
  }
  // ProfileController.listProfiles (@ResourceFilter(AdminFilter), @MfaProtected) → DefaultProfileService.listProfiles:
  // `MATCH (p:Profile) RETURN DISTINCT p.name as name, p.blocked as blocked`; blockProfiles sets `true` or null
  // (never false). A blocked profile's users cannot activate (auth/.../users/DefaultUserAuthAccount.java).
  if (req.method === 'GET' && path === '/directory/profiles') {
    if (!isAdmin(user)) return refuse(res), true;
    const blocked = new Set(state.knobs.blockedProfiles ?? []);
    return sendJson(res, 200, PROFILES.map((name) => ({ name, blocked: blocked.has(name) ? true : null }))), true;
  }
  // StructureController.listAdmin has no resource filter: DefaultSchoolService.listAdmin answers Left
  // "forbidden" to a caller without SUPER_ADMIN / ADMIN_LOCAL, which entcore-common's
  // DefaultResponseHandler.arrayResponseHandler renders as 400 {"error":"forbidden"}.
  if (req.method === 'GET' && path === '/directory/structure/admin/list') {
    if (!isAdmin(user)) return sendJson(res, 400, { error: 'forbidden' }), true;
    const ids = managedStructureIds(data, user);
    return sendJson(res, 200, ids.map((id) => data.structuresById.get(id)).filter(Boolean).map(structureAdminRow)), true;
  }
  // ClassController.listAdmin (@MfaProtected): DirectoryResourcesProvider.isAdmin(user, allowClass=true) lets
  // the CLASS_ADMIN function in too, scoped like ADMIN_LOCAL (structure ids).
  if (req.method === 'GET' && path === '/directory/class/admin/list') {
    if (!isAdmin(user) && !classAdminScope(user).length) return refuse(res), true;
    const sid = String(query.structureId ?? '');
    if (![...managedStructureIds(data, user), ...classAdminScope(user)].includes(sid)) return sendJson(res, 200, []), true;
    const s = data.structuresById.get(sid);
    return sendJson(res, 200, (s?.classes ?? []).map(classAdminRow)), true;
  }

  // §1.1 allUsers
  if (req.method === 'GET' && (m = path.match(/^\/directory\/structure\/([^/]+)\/massMail\/allUsers$/))) {
    if (!isAdmin(user)) return refuse(res), true;
    if (state.knobs.allUsersStatus) return sendJson(res, state.knobs.allUsersStatus, { error: 'forced by knob allUsersStatus' }), true;
    const rows = sortByLastName(visibleUsers(data, user, m[1]).map((u) => allUsersRow(data, u)));
    if (state.knobs.malformedJson) {
      const t = JSON.stringify(rows);
      return send(res, 200, t.slice(0, Math.max(1, Math.floor(t.length * 0.6))), { 'Content-Type': 'application/json; charset=utf-8' }), true;
    }
    return sendJson(res, 200, rows), true;
  }
  // §1.2 users
  if (req.method === 'GET' && (m = path.match(/^\/directory\/structure\/([^/]+)\/massMail\/users$/))) {
    if (!isAdmin(user)) return refuse(res), true;
    const users = filterUsers(data, visibleUsers(data, user, m[1]), query);
    return sendJson(res, 200, sortMassmailRows(users.map((u) => massmailUser(data, u)), query.s)), true;
  }
  // §1.3 process
  if (req.method === 'GET' && (m = path.match(/^\/directory\/structure\/([^/]+)\/massMail\/process\/([^/]+)$/))) {
    if (!isAdmin(user)) return refuse(res), true;
    const type = m[2];
    if (![...PDF_TYPES, 'mail'].includes(type)) return send(res, 400, ''), true;
    const users = filterUsers(data, visibleUsers(data, user, m[1]), query, { withAdmlB: true });
    const rows = sortMassmailRows(users.map((u) => massmailUser(data, u)), query.s);
    if (type === 'mail') return sendMails(ctx, rows.map((r) => data.usersById.get(r.id)), 'process'), true;
    return sendPdf(ctx, type, rows, `${query.filename === undefined ? 'null' : [].concat(query.filename)[0]}.pdf`), true;
  }
  // §1.4 single user
  if (req.method === 'GET' && (m = path.match(/^\/directory\/structure\/massMail\/([^/]+)\/([^/]+)$/))) {
    const target = data.usersById.get(m[1]);
    const allowed = target && (isAdmc(user) || target.structures.some((s) => admlScope(user).includes(s)));
    if (!allowed) return refuse(res), true;
    if (!['pdf', 'mail'].includes(m[2])) return send(res, 400, ''), true;
    if (isAdmc(target) && !isAdmc(user)) return sendJson(res, 404, { error: 'not.found' }), true;
    if (m[2] === 'mail') return sendMails(ctx, [target], 'single'), true;
    const row = { ...singleUserRow(data, target), displayName: target.displayName };
    return sendPdf(ctx, 'pdf', [row], "mettre le nom de de l'utilisateur.pdf"), true;
  }
  // §1.5 class-admin massmail (XSRF checked by the server beforehand; no session → 302, server.mjs).
  if (req.method === 'POST' && path === '/directory/class-admin/massmail') {
    const body = await readJson(req);
    if (!body || !Array.isArray(body.ids) || !body.type || !body.structureId) return sendJson(res, 400, { error: 'invalid.body' }), true;
    // DirectoryResourcesProvider.isClassTeacherForUserIds: ADMC passes; otherwise TeacherOfClass.userNotHasClassParam
    // (needs ADML or the class-admin workflow right), then "MATCH (:User {id: teacherId})-[:IN]->(:Group)-[:DEPENDS]->
    // (:Structure)<-[:DEPENDS]-(:Group)<-[:IN]-(u) WHERE u.id IN ids RETURN count(distinct u) = size(ids)":
    // every id must be in a structure the caller BELONGS to, and a repeated id fails the count. A refusal of the
    // resource filter is a 401 with an HTML page (one-console.md §9), never a login redirect.
    if (!isAdmc(user)) {
      const mine = new Set(user.structures ?? []);
      const inMine = (id) => data.usersById.get(id)?.structures.some((sid) => mine.has(sid)) ?? false;
      const rightOk = isAdml(user) || user.classAdmin;
      if (!rightOk || new Set(body.ids).size !== body.ids.length || !body.ids.length || !body.ids.every(inMine)) {
        return send(res, 401, UNAUTHORIZED_HTML, { 'Content-Type': 'text/html; charset=utf-8' }), true;
      }
    }
    // StructureController.classAdminMassMail + DefaultMassMailService: users of `structureId` among the ids,
    // ordered by displayName; ids of another of the caller's structures are dropped without a word (200).
    const s = data.structuresById.get(body.structureId);
    const users = (s?.users ?? []).filter((u) => body.ids.includes(u.id))
      .sort((a, b) => (a.displayName < b.displayName ? -1 : a.displayName > b.displayName ? 1 : 0));
    const rows = users.map((u) => massmailUser(data, u));
    if (PDF_TYPES.includes(body.type)) return sendPdf(ctx, body.type, rows, 'massmail.pdf'), true;
    if (body.type === 'mail') return sendMails(ctx, users, 'class-admin'), true;
    if (body.type === 'csv') {
      ctx.record.selected = rows.map((r) => r.id);
      return send(res, 200, csvBody(rows), { 'Content-Type': 'application/csv', 'Content-Disposition': 'attachment; filename.csv' }), true;
    }
    return send(res, 400, ''), true;
  }
  // Teacher side: DirectoryController.classAdminUsers → DefaultUserService.getUserInfos: the schools come from
  // "OPTIONAL MATCH s<-[:BELONGS]-(c:Class)<-[:DEPENDS]-(cpg)…, cpg<-[:IN]-u" collected per school, so only the
  // user's OWN classes count, a school without one of them is absent, and a user in no class at all gets the
  // one placeholder the collect leaves: [{name:null, id:null, classes:[{name:null,id:null}], source:null}].
  if (req.method === 'GET' && (m = path.match(/^\/directory\/class-admin\/([^/]+)$/)) && m[1] !== 'massmail') {
    if (m[1] !== user.id && !isAdmc(user)) return refuse(res), true;
    const target = data.usersById.get(m[1]);
    if (!target) return send(res, 404, ''), true;
    const schools = target.structures.map((sid) => data.structuresById.get(sid)).filter(Boolean).map((s) => ({
      name: s.name, id: s.id, source: 'AAF',
      classes: s.classes.filter((c) => target.classes.includes(c.id)).map((c) => ({ name: c.name, id: c.id })),
    })).filter((s) => s.classes.length);
    return sendJson(res, 200, {
      profiles: [target.profile], id: target.id, firstName: target.firstName, lastName: target.lastName, displayName: target.displayName,
      email: target.email, homePhone: null, mobile: null, birthDate: null, originalLogin: target.login, relativeList: [],
      motto: null, health: null, mood: null, hobbies: [], hasTotp: false,
      schools: schools.length ? schools : [{ name: null, id: null, classes: [{ name: null, id: null }], source: null }],
    }), true;
  }
  // §5 class list of the teacher side: ClassController.findUsers → DefaultClassService.findUsers (one-console.md §9).
  if (req.method === 'GET' && (m = path.match(/^\/directory\/class\/([^/]+)\/users$/))) {
    const cls = data.classesById.get(m[1]);
    if (!cls) return sendJson(res, 404, { error: 'class.not.found' }), true;
    // DirectoryResourcesProvider.isClassTeacher: the class in the caller's ADML/class-admin scope, or a
    // Teacher/Personnel member of the class; and TeacherOfClass.userNotHasClassParam first.
    const ok = isAdmc(user) || [...admlScope(user), ...classAdminScope(user)].includes(cls.structureId)
      || (user.classAdmin && ['Teacher', 'Personnel'].includes(user.profile) && user.classes.includes(cls.id));
    if (!ok) return send(res, 401, UNAUTHORIZED_HTML, { 'Content-Type': 'text/html; charset=utf-8' }), true;
    const s = data.structuresById.get(cls.structureId);
    // Members only: users IN one of the class's profile groups (parents are, through their children;
    // collectRelative adds `relativeList` to each member, it adds no rows).
    let members = s.users.filter((u) => u.classes.includes(cls.id));
    const types = query.type === undefined ? [] : [].concat(query.type);
    if (types.length) members = members.filter((u) => types.includes(u.profile));
    // ORDER BY type, lastName (Neo4j string order: code units).
    const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
    members = members.slice().sort((a, b) => cmp(a.profile, b.profile) || cmp(a.lastName, b.lastName));
    if (query.format === 'csv') {
      return send(res, 200, csvBody(members.map((u) => massmailUser(data, u))), { 'Content-Type': 'application/csv', 'Content-Disposition': `attachment; filename=${cls.name.replace(/\s+/g, '_')}.csv` }), true;
    }
    const collect = String(query.collectRelative) === 'true';
    return sendJson(res, 200, members.map((u) => ({
      lastName: u.lastName,
      firstName: u.firstName,
      id: u.id,
      hasEmail: !!(u.email && u.email.length > 0), // (LENGTH(m.email)>0 AND EXISTS(m.email))
      login: u.loginAlias || u.login,
      originalLogin: u.login,
      activationCode: u.activationCode,
      displayName: u.displayName,
      birthDate: u.profile === 'Student' ? birthDateOf(u) : null,
      lastLogin: u.activationCode ? null : lastLoginOf(u),
      type: u.profile,
      blocked: u.blocked ? true : null, // m.blocked, not coalesced: null on accounts never blocked
      source: u.source ?? 'AAF',
      // (m)-[:RELATED]->(relative): only children point to parents; relatedType is the `profiles` array.
      relativeList: collect
        ? u.parents.map((pid) => data.usersById.get(pid)).filter(Boolean)
          .map((p) => ({ relatedName: p.displayName, relatedId: p.id, relatedType: ['Relative'] }))
        : [],
    }))), true;
  }
  return false;
}
