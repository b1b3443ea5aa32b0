// JSON / PDF / CSV routes under /directory (one-console.md §1). The session, knobs, XSRF and MFA
// checks happen in server.mjs before these handlers run; here: authorisation and payloads.
import { makePdf } from './pdf-stub.mjs';
import { send, sendJson, readJson } from './http-util.mjs';
import { PROFILES } from './demo-data.mjs';
import {
  allUsersRow, sortByLastName, massmailUser, singleUserRow, filterUsers, sortMassmailRows, visibleUsers,
  isAdmc, isAdmin, isAdml, admlScope, managedStructureIds, profileFr,
} from './model.mjs';

const PDF_TYPES = ['pdf', 'newPdf', 'simplePdf'];
const refuse = (res) => send(res, 401, ''); // security layer refusal (status "likely 401" in the spec)

/** Routes protected by @MfaProtected (§1.1-1.4). */
export function isMfaProtected(method, path) {
  return method === 'GET' && (/^\/directory\/structure\/[^/]+\/massMail\/(allUsers|users|process\/[^/]+)$/.test(path)
    || /^\/directory\/structure\/massMail\/[^/]+\/[^/]+$/.test(path));
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

/** @returns {Promise<boolean>} true when handled */
export async function handleDirectory(ctx) {
  const { req, res, path, query, state, user } = ctx;
  const data = state.data;
  let m;

  if (req.method === 'GET' && path === '/directory/profiles') {
    return sendJson(res, 200, PROFILES.map((name) => ({ name, blocked: false }))), true;
  }
  if (req.method === 'GET' && path === '/directory/structure/admin/list') {
    if (!isAdmin(user)) return refuse(res), true;
    const ids = managedStructureIds(data, user);
    return sendJson(res, 200, ids.map((id) => data.structuresById.get(id)).filter(Boolean)
      .map((s) => ({ id: s.id, name: s.name, UAI: s.UAI, externalId: `EXT-${s.UAI}`, parents: [], children: [], source: 'AAF' }))), true;
  }
  if (req.method === 'GET' && path === '/directory/class/admin/list') {
    if (!isAdmin(user)) return refuse(res), true;
    const sid = String(query.structureId ?? '');
    if (!managedStructureIds(data, user).includes(sid)) return sendJson(res, 200, []), true;
    const s = data.structuresById.get(sid);
    return sendJson(res, 200, (s?.classes ?? []).map((c) => ({ id: c.id, name: c.name, level: c.level, externalId: `EXT-${c.id.slice(0, 8)}` }))), true;
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
  // §1.5 class-admin massmail (XSRF checked by the server beforehand)
  if (req.method === 'POST' && path === '/directory/class-admin/massmail') {
    const body = await readJson(req);
    if (!body || !Array.isArray(body.ids) || !body.type || !body.structureId) return sendJson(res, 400, { error: 'invalid.body' }), true;
    const callerStructures = new Set([...(user.structures ?? []), ...admlScope(user)]);
    const ok = isAdmc(user) || ((isAdml(user) || user.classAdmin)
      && body.ids.every((id) => data.usersById.get(id)?.structures.some((s) => callerStructures.has(s))));
    if (!ok) return refuse(res), true;
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
  // Teacher side: the classes the caller administers, per school, as the class-admin page reads
  // them (entcore directory/public/ts/admin/service.ts getSchoolsForUser: GET /directory/class-admin/:userId).
  if (req.method === 'GET' && (m = path.match(/^\/directory\/class-admin\/([^/]+)$/)) && m[1] !== 'massmail') {
    if (m[1] !== user.id && !isAdmc(user)) return refuse(res), true;
    const target = data.usersById.get(m[1]);
    if (!target) return sendJson(res, 404, { error: 'user.not.found' }), true;
    const schools = target.structures.map((sid) => data.structuresById.get(sid)).filter(Boolean).map((s) => ({
      id: s.id, name: s.name,
      classes: s.classes.filter((c) => target.classes.includes(c.id) || admlScope(target).includes(s.id)).map((c) => ({ id: c.id, name: c.name, level: c.level })),
    }));
    return sendJson(res, 200, { id: target.id, displayName: target.displayName, schools }), true;
  }
  // §5 class list of the teacher side
  if (req.method === 'GET' && (m = path.match(/^\/directory\/class\/([^/]+)\/users$/))) {
    const cls = data.classesById.get(m[1]);
    if (!cls) return sendJson(res, 404, { error: 'class.not.found' }), true;
    const ok = isAdmc(user) || admlScope(user).includes(cls.structureId) || (user.classAdmin && user.classes.includes(cls.id));
    if (!ok) return refuse(res), true;
    const s = data.structuresById.get(cls.structureId);
    let members = s.users.filter((u) => u.classes.includes(cls.id));
    if (String(query.collectRelative) === 'true') {
      const rel = new Set(members.filter((u) => u.profile === 'Student').flatMap((u) => u.parents));
      members = members.concat([...rel].map((id) => data.usersById.get(id)).filter((u) => u && !members.includes(u)));
    }
    if (query.type) members = members.filter((u) => [].concat(query.type).includes(u.profile));
    if (query.format === 'csv') {
      return send(res, 200, csvBody(members.map((u) => massmailUser(data, u))), { 'Content-Type': 'application/csv', 'Content-Disposition': 'attachment; filename.csv' }), true;
    }
    return sendJson(res, 200, members.map((u) => ({
      id: u.id, type: u.profile, profile: u.profile, firstName: u.firstName, lastName: u.lastName, displayName: u.displayName,
      login: u.login, loginAlias: u.loginAlias, originalLogin: u.login, activationCode: u.activationCode, email: u.email,
      blocked: !!u.blocked, source: 'MANUAL', birthDate: null, created: u.created,
      relativeList: u.profile === 'Student' ? u.parents.map((pid) => data.usersById.get(pid)).filter(Boolean)
        .map((p) => ({ relatedId: p.id, relatedName: p.displayName, relatedType: 'Relative' })) : [],
      childrenList: u.profile === 'Relative' ? u.children : [],
    }))), true;
  }
  return false;
}
