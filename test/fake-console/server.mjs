// Fake ONE/entcore admin console for the test suite (spec: /work/shared/one-console.md).
// startFakeConsole(options) -> { url, port, host, state, close() }. Run directly:
//   node test/fake-console/server.mjs [port] [--http]
import http from 'node:http';
import https from 'node:https';
import { pathToFileURL } from 'node:url';
import { selfSignedCert } from './tls.mjs';
import { makeKnobs, pickKnobs } from './knobs.mjs';
import { mulberry32, ROLE_LOGINS, DEMO_STRUCTURE_ID, DEMO_PASSWORD } from './demo-data.mjs';
import { freshData, applyDataKnobs, visibleUsers, allUsersRow, sortByLastName } from './model.mjs';
import { parseCookies, queryObject, send, sendJson, redirect, readJson, javaUrlEncode } from './http-util.mjs';
import { handleAuth, createSession, sessionCookies, findByLogin, DEFAULT_LANDING } from './auth.mjs';
import { handleDirectory, isMfaProtected } from './routes-directory.mjs';
import { handlePage, isPagePath } from './pages.mjs';
import { mountRealClassPage } from './real-class-page.mjs';
import { mountRealConsole } from './real-admin.mjs';

export { DEMO_STRUCTURE_ID, BIG_STRUCTURE_ID, EMPTY_STRUCTURE_ID, DEMO_CLASS_NAMES, ROLE_LOGINS, DEMO_PASSWORD } from './demo-data.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** What entcore's DefaultPages.UNAUTHORIZED serves (ActionFilter.deny): an HTML page, status 401. */
const UNAUTHORIZED_HTML = '<!DOCTYPE html><html><head><title>401</title></head><body><h1>Unauthorized</h1></body></html>';


/**
 * The check MandatoryUserValidationFilter redirects to, in its order (terms, e-mail, mobile, MFA),
 * or null. Terms, e-mail and mobile apply to every secured route; MFA to MFA-protected ones only.
 * A location ending in `redirect=` gets the request's absolute URI (`request.absoluteURI()`).
 */
function owedCheck(knobs, session, method, path) {
  if (knobs.termsRequired && !session.termsValidated) return '/auth/revalidate-terms';
  if (knobs.mailCheckRequired && !session.mailValidated && !path.includes('/directory/user/mailstate')) return '/auth/validate-mail?force=true&type=email&redirect=';
  if (knobs.smsCheckRequired && !session.mobileValidated && !path.includes('/directory/user/mobilestate')) return '/auth/validate-mail?force=true&type=sms&redirect=';
  if (knobs.mfaRequired && !session.mfaValidated && isMfaProtected(method, path)) return '/auth/validate-mfa?force=true&redirect=';
  return null;
}

/**
 * @param {object} [options]
 * @param {number} [options.port=0]
 * @param {string} [options.host='127.0.0.1']
 * @param {boolean} [options.http=false] plain HTTP instead of HTTPS
 * @param {object} [options.knobs] initial knobs (see knobs.mjs); knob names are also accepted at top level
 */
export async function startFakeConsole(options = {}) {
  const initialKnobs = { ...pickKnobs(options), ...(options.knobs ?? {}) };
  const state = {
    https: !options.http,
    data: freshData(),
    knobs: makeKnobs(initialKnobs),
    sessions: new Map(),
    requests: [],
    mails: [],
    directoryCount: 0,
    failRng: null,
    timers: new Set(),
    holdSeen: 0,          // requests matching the hold's path since it was set
    holdWaiters: new Set(), // held requests: { ticket, release }
    open: new Map(),      // method + path → requests received and not yet answered
  };
  state.failRng = mulberry32(state.knobs.failSeed);
  applyDataKnobs(state.data, state.knobs);
  const realClassPage = mountRealClassPage(state);
  const realAdmin = mountRealConsole(state);
  const resetKnobs = () => { state.knobs = makeKnobs(initialKnobs); state.failRng = mulberry32(state.knobs.failSeed); state.directoryCount = 0; setHold(state.knobs.hold); };
  /** A new hold counts its requests afresh; a larger `pass` on the same path lets more of them go. */
  function setHold(next, prev = null) {
    if (!next || !prev || next.path !== prev.path) state.holdSeen = 0;
    for (const w of [...state.holdWaiters]) if (!holds(w.ticket, w.path)) w.release();
  }
  const holds = (ticket, path) => {
    const h = state.knobs.hold;
    return !!h && typeof h.path === 'string' && h.path !== '' && path.includes(h.path) && ticket >= (Number(h.pass) || 0);
  };

  const handler = (req, res) => {
    handle(req, res).catch((err) => {
      console.error('[fake-console]', err);
      sendJson(res, 500, { error: String(err?.message ?? err) });
    });
  };

  async function handle(req, res) {
    const url = new URL(req.url, 'http://fake.invalid');
    const path = url.pathname;
    const query = queryObject(url.searchParams);
    const cookies = parseCookies(req.headers.cookie);
    const isTest = path.startsWith('/__test/');
    const record = {
      method: req.method, path, query,
      headers: {
        host: req.headers.host ?? null, accept: req.headers.accept ?? null, contentType: req.headers['content-type'] ?? null,
        origin: req.headers.origin ?? null, referer: req.headers.referer ?? null, userAgent: req.headers['user-agent'] ?? null,
        cookie: !!req.headers.cookie, sessionCookie: 'oneSessionId' in cookies, xsrfCookie: 'XSRF-TOKEN' in cookies,
        xXsrfToken: req.headers['x-xsrf-token'] ?? null, xRequestedWith: req.headers['x-requested-with'] ?? null,
      },
      time: new Date().toISOString(), status: null, durationMs: null, user: null,
    };
    const t0 = Date.now();
    if (!isTest) {
      state.requests.push(record);
      res.on('finish', () => { record.status = res.statusCode; record.durationMs = Date.now() - t0; });
      res.on('close', () => { if (record.status === null) { record.status = res.writableFinished ? res.statusCode : 0; record.durationMs = Date.now() - t0; } });
      // How many requests to this route the console held at once, counted here rather than from the
      // browser's timings (whose clocks differ by a millisecond or two): a request is open from its
      // arrival until its answer is handed to the socket, before the browser can see it.
      const key = `${req.method} ${path}`;
      const open = (state.open.get(key) ?? 0) + 1;
      state.open.set(key, open);
      record.openAtArrival = open;
      let closed = false;
      const close = () => { if (!closed) { closed = true; state.open.set(key, state.open.get(key) - 1); } };
      const end = res.end.bind(res);
      res.end = (...args) => { close(); return end(...args); };
      res.on('close', close);
    }

    // session
    let session = state.sessions.get(cookies.oneSessionId) ?? null;
    if (session && !isTest) {
      session.count++;
      if (state.knobs.expireSessionAfter > 0 && session.count > state.knobs.expireSessionAfter) {
        state.sessions.delete(session.id);
        session = null;
      }
    }
    const user = session ? state.data.usersById.get(session.userId) ?? null : null;
    record.user = user?.login ?? null;
    const ctx = { req, res, url, path, query, cookies, state, session, user, record };

    if (isTest) return handleTest(ctx);
    if (path === '/favicon.ico') return send(res, 204, '');
    if (await realClassPage(ctx)) return; // the teacher's page: entcore's own (test/real-class-admin)
    if (path.startsWith('/auth/')) return handleAuth(ctx);
    if (path === '/') return redirect(res, session ? '/timeline/timeline' : '/auth/login');

    const isDirectory = path.startsWith('/directory/');
    const page = isPagePath(req.method, path);
    if (isDirectory) {
      const n = ++state.directoryCount;
      const k = state.knobs;
      if (k.latencyMs > 0) await sleep(k.latencyMs);
      if (k.hold?.path && path.includes(k.hold.path)) {
        const ticket = state.holdSeen++;
        if (holds(ticket, path)) {
          await new Promise((resolve) => {
            const w = { ticket, path, release: () => { state.holdWaiters.delete(w); resolve(); } };
            state.holdWaiters.add(w);
          });
        }
      }
      if (k.timeoutEveryNth > 0 && n % k.timeoutEveryNth === 0) {
        const t = setTimeout(() => { state.timers.delete(t); req.socket.destroy(); }, k.hangMs);
        state.timers.add(t);
        return;
      }
      if (k.failEveryNth > 0 && n % k.failEveryNth === 0) return sendJson(res, 500, { error: 'fake failure (failEveryNth)' });
      if (!page && k.failRate > 0 && state.failRng() < k.failRate) return sendJson(res, 500, { error: 'fake failure (failRate)' });
    }

    // /admin/*: entcore's real admin console (test/real-console); after the knobs, so that latency and
    // failures also hit the /directory/* boot routes it answers, before the session check, which it
    // makes itself (its static files and i18n need no session, as in entcore).
    if (await realAdmin(ctx)) return;

    if (!user) {
      const callBack = encodeURIComponent(path + url.search);
      // class-admin/massmail without a session: the login redirect, whatever the JSON routes do (one-console.md §9).
      if (req.method === 'POST' && path === '/directory/class-admin/massmail' && state.knobs.expiredAnswer === '401') return redirect(res, `/auth/login?callBack=${callBack}`);
      // 'sso': the login page lives on another origin (a regional SSO), as on some ENTs.
      if (state.knobs.expiredAnswer === 'sso') return redirect(res, `https://sso.example.test:${state.port}/auth/login?callBack=${callBack}`);
      if (page || state.knobs.expiredAnswer !== '401') return redirect(res, `/auth/login?callBack=${callBack}`);
      return sendJson(res, 401, { error: 'unauthorized' });
    }
    if (isDirectory && !['GET', 'HEAD', 'OPTIONS'].includes(req.method)) {
      const h = req.headers['x-xsrf-token'];
      if (!h || !cookies['XSRF-TOKEN'] || h !== cookies['XSRF-TOKEN']) return sendJson(res, 403, { error: 'xsrf' });
    }
    // Checks the user owes: a 302 to the check's page, pages and JSON routes alike, after the CSRF filter
    // and before the resource filters (entcore-common BaseServer: CsrfFilter, MandatoryUserValidationFilter,
    // ActionFilter, in that order; read at entcore bfeee774ea^, common/src/main/java/org/entcore/common/
    // http/filter/MandatoryUserValidationFilter.java, whose Renders.redirect writes an absolute Location).
    const owed = owedCheck(state.knobs, session, req.method, path);
    const here = `${state.https ? 'https' : 'http'}://${req.headers.host}`;
    if (owed) return redirect(res, `${here}${owed}${owed.endsWith('=') ? javaUrlEncode(`${here}${path}${url.search}`) : ''}`);
    // ActionFilter.deny: a right the account lacks is a 401 with errors/401.html, never a login redirect.
    if (state.knobs.denyPaths.some((p) => path.includes(p)))
      return send(res, 401, UNAUTHORIZED_HTML, { 'Content-Type': 'text/html; charset=utf-8' });
    if (page) return handlePage(ctx);
    if (isDirectory && (await handleDirectory(ctx))) return;
    return send(res, 404, 'Not found');
  }

  async function handleTest(ctx) {
    const { req, res, path, query } = ctx;
    if (path === '/__test/login') {
      const role = String(query.as ?? 'adml');
      const login = ROLE_LOGINS[role] ?? (query.login ? String(query.login) : null);
      const u = login ? findByLogin(state, login) : null;
      if (!u) return sendJson(res, 400, { error: `unknown role ${role}`, roles: Object.keys(ROLE_LOGINS) });
      const s = createSession(state, u, { mfaValidated: query.mfa === 'true' || query.mfa === '1' });
      const cookies = sessionCookies(state, s);
      if (query.redirect) return redirect(res, String(query.redirect), { 'Set-Cookie': cookies });
      return sendJson(res, 200, { sessionId: s.id, xsrf: s.xsrf, userId: u.id, login: u.login, cookie: `oneSessionId=${s.id}; XSRF-TOKEN=${s.xsrf}` }, { 'Set-Cookie': cookies });
    }
    if (path === '/__test/knobs') {
      if (req.method === 'POST') {
        const body = (await readJson(req)) ?? {};
        const prevHold = state.knobs.hold;
        Object.assign(state.knobs, pickKnobs(body));
        if ('hold' in body) setHold(state.knobs.hold, prevHold);
        if ('failSeed' in body || 'failRate' in body) state.failRng = mulberry32(state.knobs.failSeed);
        applyDataKnobs(state.data, pickKnobs(body));
      }
      return sendJson(res, 200, state.knobs);
    }
    if (path === '/__test/requests') return sendJson(res, 200, state.requests);
    if (path === '/__test/mails') return sendJson(res, 200, state.mails);
    if (path === '/__test/reset' && req.method === 'POST') {
      state.data = freshData();
      state.requests.length = 0;
      state.mails.length = 0;
      resetKnobs();
      applyDataKnobs(state.data, state.knobs);
      return sendJson(res, 200, { ok: true });
    }
    if (path === '/__test/activate' && req.method === 'POST') {
      const body = (await readJson(req)) ?? {};
      let n = 0;
      for (const id of body.ids ?? []) {
        const u = state.data.usersById.get(id);
        if (u && u.activationCode) { u.activationCode = null; u.password = DEMO_PASSWORD; n++; }
      }
      return sendJson(res, 200, { activated: n });
    }
    if (path === '/__test/users') {
      const sid = query.structureId ? String(query.structureId) : null;
      const list = state.data.structures.filter((s) => !sid || s.id === sid);
      return sendJson(res, 200, list.map((s) => ({ id: s.id, name: s.name, classes: s.classes, users: s.users })));
    }
    if (path === '/__test/allUsers') { // allUsers as an ADMC would get it, without session/knobs (oracle)
      const admc = findByLogin(state, ROLE_LOGINS.admc);
      return sendJson(res, 200, sortByLastName(visibleUsers(state.data, admc, String(query.structureId ?? DEMO_STRUCTURE_ID)).map((u) => allUsersRow(state.data, u))));
    }
    return sendJson(res, 404, { error: 'unknown test route' });
  }

  const server = state.https ? https.createServer(selfSignedCert(), handler) : http.createServer(handler);
  server.keepAliveTimeout = 1000;
  const host = options.host ?? '127.0.0.1';
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => { server.off('error', reject); resolve(); });
  });
  const port = server.address().port;
  state.port = port;
  const url = `${state.https ? 'https' : 'http'}://${host}:${port}`;
  let closed = false;
  return {
    url, port, host, state,
    landing: DEFAULT_LANDING,
    async close() {
      if (closed) return;
      closed = true;
      for (const t of state.timers) clearTimeout(t);
      state.timers.clear();
      for (const w of [...state.holdWaiters]) w.release();
      await new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const port = Number(args.find((a) => /^\d+$/.test(a)) ?? 8443);
  const fc = await startFakeConsole({ port, http: args.includes('--http') });
  console.log(`Fake ONE console: ${fc.url}  (browse as https://oneconnect.edifice.io:${fc.port} with --host-resolver-rules="MAP oneconnect.edifice.io 127.0.0.1")`);
  console.log(`Log in: ${fc.url}/__test/login?as=adml&redirect=${encodeURIComponent(DEFAULT_LANDING)}  (or ${ROLE_LOGINS.adml} / ${DEMO_PASSWORD})`);
  const stop = () => fc.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
