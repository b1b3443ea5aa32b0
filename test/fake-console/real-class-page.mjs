// The teacher's real class page (test/real-class-admin: entcore 6.15.4's « Paramétrage de la classe »,
// /directory/class-admin, built from source) mounted on the fake console in place of a hand-written
// imitation. real-class-admin.mjs answers the page, its static files and the boot routes a fake lacks;
// this file gives it the fake's session rules and records, and answers the few JSON routes the page
// needs that are no /directory route of the fake (routes-directory.mjs keeps those that carry accounts:
// class-admin/:userId, class/:id/users, class/add-self, class-admin/massmail).
import { realClassAdmin } from '../real-class-admin/real-class-admin.mjs';
import { userInfoOf } from './auth.mjs';
import { isAdmc } from './model.mjs';
import { mfaCheckLocation, readBody, send, sendJson } from './http-util.mjs';

/** A request that needs a session and has none: the same answers as server.mjs's own routes. */
function noSession(state, req, page) {
  const callBack = encodeURIComponent(req.url);
  if (state.knobs.expiredAnswer === 'sso') return { redirect: `https://sso.example.test:${state.port}/auth/login?callBack=${callBack}` };
  if (page || state.knobs.expiredAnswer !== '401') return { redirect: `/auth/login?callBack=${callBack}` };
  return { status: 401, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: '{"error":"unauthorized"}' };
}

function answer(res, d) {
  if (d.redirect) return send(res, 302, '', { Location: d.redirect });
  return send(res, d.status, d.body ?? '', d.headers ?? {});
}

/**
 * @param {object} state the fake console's live state (sessions, data, knobs)
 * @returns {(ctx: object) => Promise<boolean>} answers ctx's request when it is the class page's
 */
export function mountRealClassPage(state) {
  // real-class-admin.mjs calls back with the bare request; the fake has already resolved its session.
  const ctxOf = new WeakMap();
  const userOf = (req) => ctxOf.get(req)?.user ?? null;
  // The ids the directory's resource filters count as the caller's (DirectoryResourcesProvider.getIds):
  // their structures and classes.
  const mayReadClass = (u, c) => !!u && !!c && (isAdmc(u) || u.structures.includes(c.structureId) || u.classes.includes(c.id));
  // UserBookController.updatePreference stores the body as is, per user; getPreference gives it back.
  // Kept with the data, so that /__test/reset forgets them.
  const prefs = () => (state.data.userPreferences ??= new Map());

  const rca = realClassAdmin({
    // DirectoryController.classAdmin: @SecuredAction("classadmin.address") (the class-admin workflow right,
    // every right for SUPER_ADMIN) + @MfaProtected. Without the right, the security filter's 401.
    canSeeClassAdmin(req, route) {
      const { session, user } = ctxOf.get(req);
      if (!user) return noSession(state, req, true);
      if (state.knobs.mfaRequired && !session.mfaValidated) return { redirect: mfaCheckLocation(req, state.https) };
      return user.classAdmin || isAdmc(user) ? 'ok' : 401;
    },
    userinfo: (req) => (userOf(req) ? userInfoOf(state, userOf(req)) : null),
    loggedOut: 401,
    data: {
      // ClassController.get → DirectoryResourcesProvider.isClassMember: a class of the caller's structures or classes.
      class: (classId, req) => {
        const c = state.data.classesById.get(classId);
        if (!mayReadClass(userOf(req), c)) return null;
        return { id: c.id, name: c.name, structureId: c.structureId, externalId: `EXT-${c.id.slice(0, 8)}`, level: c.level ?? null };
      },
      structure: (id) => {
        const s = state.data.structuresById.get(id);
        return s ? { id: s.id, name: s.name, UAI: s.UAI ?? null } : null;
      },
      classMembers: (classId, req) => {
        const c = state.data.classesById.get(classId);
        if (!mayReadClass(userOf(req), c)) return [];
        return state.data.structuresById.get(c.structureId).users.filter((u) => u.classes.includes(c.id))
          .map((u) => ({ id: u.id, displayName: u.displayName, firstName: u.firstName, lastName: u.lastName, type: u.profile }));
      },
    },
  });

  const STATIC = rca.routes.filter((r) => r.path.endsWith('*')).map((r) => r.path.slice(0, -1));
  const refererPath = (req) => { try { return new URL(req.headers.referer ?? '').pathname; } catch { return ''; } };
  const USERBOOK_STRUCTURE = /^\/userbook\/structure\/([^/]+)$/;
  const PREFERENCE = /^\/userbook\/preference\/([^/]+)$/;

  return async function handle(ctx) {
    const { req, res, url, user, cookies } = ctx;
    const path = url.pathname;
    let m;
    if (req.method === 'GET' && (m = path.match(USERBOOK_STRUCTURE))) {
      if (!user) return answer(res, noSession(state, req, false)), true;
      // UserBookController.showStructure (AUTHENTICATED): {users: the school's Personnel the caller sees
      // (type, id, displayName, mood, photo), classes: {id, name, level} of the class profile groups the
      // caller sees, profileGroups, manualGroups}. A member of the school sees its classes (the default
      // communication rules); anyone else gets the empty collects.
      const s = state.data.structuresById.get(decodeURIComponent(m[1]));
      const member = !!s && (isAdmc(user) || user.structures.includes(s.id));
      const classes = member ? s.classes : [];
      return sendJson(res, 200, {
        users: member ? s.users.filter((u) => u.profile === 'Personnel' && !isAdmc(u))
          .sort((a, b) => (a.displayName < b.displayName ? -1 : a.displayName > b.displayName ? 1 : 0))
          .map((u) => ({ type: 'Personnel', id: u.id, displayName: u.displayName, mood: 'default', photo: null })) : [],
        classes: classes.map((c) => ({ id: c.id, name: c.name, level: c.level ?? null })),
        profileGroups: classes.flatMap((c) => ['Student', 'Teacher', 'Relative'].map((p) => ({ id: `${c.id}-${p}`, name: `${c.name}-${p}`, groupDisplayName: null }))),
        manualGroups: [],
      }), true;
    }
    if ((m = path.match(PREFERENCE)) && (req.method === 'PUT' || req.method === 'GET')) {
      if (!user) return answer(res, noSession(state, req, false)), true;
      const key = `${user.id}:${decodeURIComponent(m[1]).replace(/\W+/g, '')}`;
      if (req.method === 'PUT') {
        // entcore's CsrfFilter on every non-GET request: the X-XSRF-TOKEN header must repeat the cookie.
        const h = req.headers['x-xsrf-token'];
        if (!h || h !== cookies['XSRF-TOKEN']) return sendJson(res, 403, { error: 'xsrf' }), true;
        prefs().set(key, await readBody(req));
        return send(res, 200, ''), true;
      }
      // A stored preference; otherwise real-class-admin.mjs's defaults (language, theme, null).
      if (prefs().has(key)) return sendJson(res, 200, { preference: prefs().get(key) }), true;
    }
    // The page, its files and GET /directory/class/:id always; the boot routes it shares with other
    // pages (/i18n, /theme, /userbook/preference/:app…) only for the class page's own requests, so that
    // another real page mounted on this fake (the admin console) keeps its own answers.
    const mine = path === '/directory/class-admin' || /^\/directory\/class\/[^/]+$/.test(path)
      || STATIC.some((p) => path.startsWith(p)) || refererPath(req).startsWith('/directory/class-admin');
    if (mine && (req.method === 'GET' || req.method === 'HEAD')) {
      ctxOf.set(req, ctx);
      return rca.handle(req, res, url);
    }
    return false;
  };
}
