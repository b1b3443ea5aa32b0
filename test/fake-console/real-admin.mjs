// The real entcore admin console (test/real-console, entcore 6.15.4 built from source) mounted on
// the fake console for /admin/*, in place of a hand-written imitation. real-console.mjs answers the
// page, its static files and the boot routes a fake lacks; this file gives it the fake's session
// rules and records. The JSON routes that carry accounts stay the fake's own (routes-directory.mjs).
import { realConsole } from '../real-console/real-console.mjs';
import { mfaCheckLocation } from './http-util.mjs';
import { isAdmin, managedStructureIds, visibleUsers, allUsersRow, sortByLastName } from './model.mjs';
import { structureAdminRow, classAdminRow } from './routes-directory.mjs';

/**
 * The answer to a request that needs a session and has none: the same rules as server.mjs's own
 * routes (a login redirect; 401 JSON with expiredAnswer '401'; a foreign login page with 'sso').
 */
export function noSessionAnswer(state, req, { page }) {
  const callBack = encodeURIComponent(req.url);
  if (state.knobs.expiredAnswer === 'sso') return { redirect: `https://sso.example.test:${state.port}/auth/login?callBack=${callBack}` };
  if (page || state.knobs.expiredAnswer !== '401') return { redirect: `/auth/login?callBack=${callBack}` };
  return { status: 401, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: '{"error":"unauthorized"}' };
}

/**
 * @param {object} state the fake console's live state (sessions, data, knobs)
 * @returns {(ctx: object) => Promise<boolean>} answers ctx's request when it is the real console's
 */
export function mountRealConsole(state) {
  // real-console.mjs calls back with the bare request; the fake has already resolved its session.
  const ctxOf = new WeakMap();
  const rc = realConsole({
    // admin/.../controllers/AdminController.java: the page is @ResourceFilter(AdminFilter.class) +
    // @MfaProtected; AdminFilter (entcore-common) lets in ADMC and ADML, refuses anyone else (401,
    // the fake's refusal, routes-directory.mjs). The same for platform/config, groups, sources…
    canSeeAdmin(req, route) {
      const { session, user } = ctxOf.get(req);
      if (!user) return noSessionAnswer(state, req, route);
      if (route.mfa && state.knobs.mfaRequired && !session.mfaValidated) {
        // The filter answers before AdminFilter, for the page and its JSON routes alike.
        return { redirect: mfaCheckLocation(req, state.https) };
      }
      return isAdmin(user) ? 'ok' : 401;
    },
    // /theme, /zendeskGuide/config, /userbook/preference/:app: ActionType.AUTHENTICATED only.
    isLoggedIn(req, route) {
      return ctxOf.get(req).user ? 'ok' : noSessionAnswer(state, req, route);
    },
    data: {
      structures: (req) => {
        const u = ctxOf.get(req).user;
        return u && isAdmin(u) ? managedStructureIds(state.data, u).map((id) => state.data.structuresById.get(id)).filter(Boolean).map(structureAdminRow) : [];
      },
      classes: (structureId, req) => {
        const u = ctxOf.get(req).user;
        if (!u || !isAdmin(u) || !managedStructureIds(state.data, u).includes(structureId)) return [];
        return (state.data.structuresById.get(structureId)?.classes ?? []).map(classAdminRow);
      },
      users: (structureId, req) => {
        const u = ctxOf.get(req).user;
        return u ? sortByLastName(visibleUsers(state.data, u, structureId).map((x) => ({ ...allUsersRow(state.data, x), source: x.source ?? 'AAF' }))) : [];
      },
    },
  });
  return async (ctx) => {
    ctxOf.set(ctx.req, ctx);
    return rc.handle(ctx.req, ctx.res, ctx.url);
  };
}
