// In-memory data of the fake console: structures, users, permissions and the projections of
// one-console.md (§1.1 allUsers row, §1.7 massmail user) plus the §1.2/§1.3 filters and sorts.
import { buildAllStructures, PROFILE_FR } from './demo-data.mjs';

let pristine = null;
export function freshData() {
  if (!pristine) pristine = buildAllStructures();
  const structures = structuredClone(pristine);
  const usersById = new Map();
  const classesById = new Map();
  for (const s of structures) {
    for (const c of s.classes) classesById.set(c.id, c);
    for (const u of s.users) usersById.set(u.id, u);
  }
  const structuresById = new Map(structures.map((s) => [s.id, s]));
  // RELATED runs child → parent in entcore's graph: a parent's children are the users naming them.
  const students = new Map();
  for (const u of usersById.values()) for (const pid of u.parents) {
    if (!students.has(pid)) students.set(pid, []);
    students.get(pid).push(u);
  }
  return { structures, structuresById, usersById, classesById, students };
}

/**
 * Knobs that change the data itself, applied when set (a reset rebuilds the data):
 * - classlessRelatives: true or [ids] → those parents belong to no class (accounts from old imports);
 * - detachedIds: [ids] → those accounts left the school between the panel's read and the send;
 * - foreignAdmlIds: [ids] → those users hold ADMIN_LOCAL on another structure only (scope = the big
 *   school), as an `allUsers` row shows an ADML of another school: `functions: [["ADMIN_LOCAL", [<other id>]]]`.
 */
export function applyDataKnobs(data, knobs) {
  const rel = knobs.classlessRelatives;
  if (rel) {
    for (const s of data.structures) for (const u of s.users) {
      if (u.profile === 'Relative' && (rel === true || (Array.isArray(rel) && rel.includes(u.id)))) u.classes = [];
    }
  }
  for (const id of knobs.foreignAdmlIds ?? []) {
    const u = data.usersById.get(id);
    if (!u) continue;
    const other = data.structures.find((x) => !u.structures.includes(x.id));
    if (other) u.functions = [...u.functions.filter(([f]) => f !== 'ADMIN_LOCAL'), ['ADMIN_LOCAL', [other.id]]];
  }
  for (const id of knobs.detachedIds ?? []) {
    const u = data.usersById.get(id);
    if (!u) continue;
    for (const sid of u.structures) {
      const s = data.structuresById.get(sid);
      if (s) s.users = s.users.filter((x) => x !== u);
    }
    u.structures = [];
    u.classes = [];
  }
}

// ---------------------------------------------------------------- permissions
export const isAdmc = (u) => !!u && u.functions.some(([f]) => f === 'SUPER_ADMIN');
export const admlScope = (u) => (u ? u.functions.filter(([f]) => f === 'ADMIN_LOCAL').flatMap(([, scope]) => scope) : []);
export const isAdml = (u) => admlScope(u).length > 0;
/** Structure ids of the CLASS_ADMIN function (DirectoryResourcesProvider.getIds adds them to the ADML scope). */
export const classAdminScope = (u) => (u ? u.functions.filter(([f]) => f === 'CLASS_ADMIN').flatMap(([, scope]) => scope) : []);
export const isAdmin = (u) => isAdmc(u) || isAdml(u);
export const isLocalAdminUser = (u) => u.functions.some(([f]) => f === 'ADMIN_LOCAL');
/** Structures an admin manages (ADMC: all). */
export function managedStructureIds(data, u) {
  if (isAdmc(u)) return data.structures.map((s) => s.id);
  return [...new Set(admlScope(u))];
}
/** Users of a structure as an admin caller sees them (§1.1: ADML scope, ADMC users hidden from non-ADMC). */
export function visibleUsers(data, caller, structureId) {
  const s = data.structuresById.get(structureId);
  if (!s) return [];
  if (!isAdmc(caller) && !admlScope(caller).includes(structureId)) return [];
  return isAdmc(caller) ? s.users : s.users.filter((u) => !isAdmc(u));
}

// ---------------------------------------------------------------- projections
const classNames = (data, u) => u.classes.map((id) => data.classesById.get(id)?.name).filter(Boolean);
const firstClassName = (data, u) => classNames(data, u).sort()[0] ?? null;
/**
 * `children` as entcore computes it (DefaultMassMailService, allUsers and massmailUsers queries):
 * `OPTIONAL MATCH (u)<-[:RELATED]-(child)-[:IN]->(:ProfileGroup)-[:DEPENDS]->(c)` where `c` is one of
 * the user's OWN classes, then `CASE count(child) WHEN 0 THEN null`: one entry per (child, shared
 * class), with that class as `classname`; null for a parent in no class (old imports), even with
 * children, and null for everyone who is not a parent.
 */
function childrenOf(data, u) {
  const out = [];
  for (const cid of u.classes) {
    const c = data.classesById.get(cid);
    if (!c) continue;
    for (const kid of data.students.get(u.id) ?? []) {
      if (kid.classes.includes(cid)) out.push({ firstName: kid.firstName, lastName: kid.lastName, classname: c.name });
    }
  }
  return out.length ? out : null;
}

/** §1.1 row. */
export function allUsersRow(data, u) {
  const classes = u.classes.map((id) => data.classesById.get(id)).filter(Boolean).map((c) => ({ id: c.id, name: c.name }));
  return {
    type: u.profile,
    id: u.id,
    firstName: u.firstName,
    lastName: u.lastName,
    email: u.email,
    login: u.loginAlias || u.login,
    code: u.activationCode,
    creationDate: u.created,
    blocked: !!u.blocked,
    functions: u.functions.length ? u.functions.map(([f, s]) => [f, [...s]]) : [[null, null]],
    classes: classes.length ? classes : [{ id: null, name: null }],
    classname: firstClassName(data, u),
    isInClass: classes.length > 0,
    children: childrenOf(data, u),
  };
}

/** Sort of §1.1: lastName, case-sensitive (code-unit order); stable. */
export function sortByLastName(rows) {
  return rows.slice().sort((a, b) => (a.lastName < b.lastName ? -1 : a.lastName > b.lastName ? 1 : 0));
}

/** §1.7 "massmail user". */
export function massmailUser(data, u) {
  const classes = classNames(data, u).sort();
  const children = childrenOf(data, u);
  return {
    profile: u.profile,
    id: u.id,
    firstName: u.firstName,
    lastName: u.lastName,
    displayName: u.displayName,
    email: u.email,
    login: u.loginAlias || u.login,
    originalLogin: u.login,
    activationCode: u.activationCode,
    creationDate: u.created,
    classes,
    firstClass: classes[0] ?? null,
    otherClasses: classes.length < 2 ? null : classes.slice(1),
    children,
    firstChild: children?.[0] ?? null,
    otherChildren: children && children.length >= 2 ? children.slice(1) : null,
    classname: classes[0] ?? null,
    isInClass: classes.length > 0,
    child: children?.[0] ?? null,
  };
}

/** §1.4 reduced row. */
export function singleUserRow(data, u) {
  const m = massmailUser(data, u);
  return { profile: m.profile, id: m.id, firstName: m.firstName, lastName: m.lastName, email: m.email, login: m.login,
    activationCode: m.activationCode, classes: m.classes, classname: m.classname, isInClass: m.isInClass, child: m.child };
}

// ---------------------------------------------------------------- filters (§1.2, §1.3)
const list = (v) => (v === undefined ? [] : [].concat(v));

/** @param q query object (repeated keys -> arrays); withAdmlB: read `adml` and `b` (§1.3 only). */
export function filterUsers(data, users, q, { withAdmlB = false } = {}) {
  const p = list(q.p), c = list(q.c), l = list(q.l);
  const a = q.a === undefined ? 'false' : String([].concat(q.a)[0]); // absent = non-activated only
  const mail = q.mail === undefined ? undefined : String([].concat(q.mail)[0]);
  const dateFilter = q.dateFilter && String([].concat(q.dateFilter)[0]);
  const date = q.date && String([].concat(q.date)[0]);
  const dateMs = dateFilter && date && /^\d+$/.test(date) ? Number(date) : null;
  const adml = withAdmlB && q.adml !== undefined ? String([].concat(q.adml)[0]) : undefined;
  const b = withAdmlB && q.b !== undefined ? String([].concat(q.b)[0]) : undefined;
  return users.filter((u) => {
    if (p.length && !p.includes(u.profile)) return false;
    if (c.length && !u.classes.some((id) => c.includes(id))) return false;
    if (l.length && !l.includes(u.level)) return false;
    if (a === 'true' && u.activationCode != null) return false;
    if (a === 'false' && u.activationCode == null) return false;
    if (mail === 'true' && !(u.email && u.email.trim())) return false;
    if (mail === 'false' && u.email && u.email.trim()) return false;
    if (dateMs != null) {
      const t = Date.parse(u.created);
      if (dateFilter === 'before' && !(t <= dateMs)) return false;
      if (dateFilter === 'after' && !(t >= dateMs)) return false;
    }
    if (adml === 'true' && !isLocalAdminUser(u)) return false;
    if (adml === 'false' && isLocalAdminUser(u)) return false;
    if (b !== undefined && (b === 'false' ? u.blocked : !u.blocked)) return false;
    return true;
  });
}

/** ORDER BY TOLOWER(TOSTRING(k1)), ..., TOLOWER(lastName) over massmail-user rows; nulls last. */
export function sortMassmailRows(rows, sortKeys) {
  const keys = [...list(sortKeys), 'lastName'];
  const val = (r, k) => (r[k] == null ? null : (Array.isArray(r[k]) ? r[k].join(',') : String(r[k])).toLowerCase());
  return rows.slice().sort((x, y) => {
    for (const k of keys) {
      const a = val(x, k), b = val(y, k);
      if (a === b) continue;
      if (a === null) return 1;
      if (b === null) return -1;
      return a < b ? -1 : 1;
    }
    return 0;
  });
}

export function profileFr(p) {
  return PROFILE_FR[p] ?? p;
}
