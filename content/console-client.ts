/**
 * Same-origin requests to the console, made from the console page with its session cookie.
 * Nothing here ever talks to another origin: no other URL is built, and no redirect is followed.
 */
import { checkLink, classifyAnswer, pendingCheck, type ConsoleError } from '../src/console/errors';
import { routes } from '../src/console/endpoints';

export type Answer<T> = { ok: true; data: T } | { ok: false; error: ConsoleError };

function fail(kind: ConsoleError['kind'], detail: string, status?: number): { ok: false; error: ConsoleError } {
  return { ok: false, error: { kind, detail, ...(status !== undefined ? { status } : {}) } };
}

function cookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

async function readBody(res: Response, onProgress?: (received: number, total: number | null) => void): Promise<string> {
  if (!onProgress || !res.body) return res.text();
  const total = Number(res.headers.get('content-length')) || null;
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let out = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    out += decoder.decode(value, { stream: true });
    onProgress(received, total);
  }
  return out + decoder.decode();
}

export async function request(
  path: string,
  init: RequestInit & { timeoutMs?: number; onAnswered?: () => void } = {},
  onProgress?: (received: number, total: number | null) => void,
): Promise<Answer<string>> {
  const r = await send(path, init, onProgress);
  if (!r.ok) r.error.request ??= path;
  return r;
}

async function send(
  path: string,
  { timeoutMs, onAnswered, ...init }: RequestInit & { timeoutMs?: number; onAnswered?: () => void },
  onProgress?: (received: number, total: number | null) => void,
): Promise<Answer<string>> {
  const url = new URL(path, location.origin);
  if (url.origin !== location.origin) return fail('network', `refused: ${url.origin} is not the console`);
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), timeoutMs ?? 60_000);
  try {
    // Never follow a redirect: the console's JSON routes only redirect to a login page (an expired
    // session), which may live on another origin (an SSO); following it would send a request there.
    const res = await fetch(url, { credentials: 'same-origin', ...init, redirect: 'manual', signal: ctrl.signal });
    if (res.ok) onAnswered?.();
    // The redirect's target is hidden from us (an opaque redirect): ask the console what it wants.
    if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) return { ok: false, error: await explain(path, 'redirect') };
    const body = await readBody(res, onProgress);
    const err = classifyAnswer(
      { status: res.status, url: res.url, contentType: res.headers.get('content-type') ?? '', redirected: res.redirected },
      body.slice(0, 200),
    );
    if (err?.kind === 'session' && res.status === 401) return { ok: false, error: await explain(path, 401) };
    if (err) return { ok: false, error: err };
    return { ok: true, data: body };
  } catch (e) {
    if (ctrl.signal.aborted) return fail('timeout', `${path}: no answer`);
    return fail('network', `${path}: ${(e as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}

/** A GET of one of the console's own /auth routes that never follows a redirect; null when it fails in any way. */
async function probe(path: string): Promise<{ status: number; data: unknown } | 'redirect' | null> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), 15_000);
  try {
    const res = await fetch(new URL(path, location.origin), {
      credentials: 'same-origin', headers: { Accept: 'application/json' }, redirect: 'manual', signal: ctrl.signal,
    });
    if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) return 'redirect';
    const text = await res.text();
    try {
      return { status: res.status, data: JSON.parse(text) };
    } catch {
      return { status: res.status, data: null };
    }
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Whose fault a 401 or a redirect is. On entcore a 401 is a refusal (`ActionFilter.deny`), a lost
 * session a redirect to the login page (`UserAuthFilter.redirectLogin`), and a check the user owes a
 * redirect too (`MandatoryUserValidationFilter`). Only `/auth/oauth2/userinfo` says whether the session
 * is still there, and `/auth/user/requirements` which check is owed (both under /auth/, which that
 * filter always lets through). When the console cannot say, the old reading stays: session.
 */
async function explain(path: string, answer: 401 | 'redirect'): Promise<ConsoleError> {
  const status = answer === 401 ? { status: 401 } : {};
  const me = await probe(routes.userInfo());
  const alive = me !== null && me !== 'redirect' && me.status === 200 && typeof (me.data as { userId?: unknown } | null)?.userId === 'string';
  if (!alive) return { kind: 'session', detail: `${path}: ${answer === 401 ? '401' : 'redirected'}, no session`, ...status };
  if (answer === 401) return { kind: 'refused', detail: `401 ${path}`, status: 401 };
  const req = await probe(routes.userRequirements());
  const check = (req && req !== 'redirect' && req.status === 200 ? pendingCheck(req.data) : null) ?? 'unknown';
  return { kind: 'check', check, link: checkLink(location.origin, check, location.href), detail: `${path}: redirected (${check})` };
}

/** GET a JSON route; an HTML answer where JSON was expected is a login page, i.e. the session is over. */
export async function getJson(
  path: string,
  onProgress?: (received: number, total: number | null) => void,
  headers: Record<string, string> = {},
): Promise<Answer<unknown>> {
  const r = await request(path, { headers: { Accept: 'application/json', ...headers } }, onProgress);
  if (!r.ok) return r;
  try {
    return { ok: true, data: JSON.parse(r.data) };
  } catch {
    const f = /^\s*</.test(r.data) ? fail('session', `${path}: HTML instead of JSON`) : fail('format', `${path} : JSON illisible`);
    f.error.request = path;
    return f;
  }
}

/** POST JSON the way the console's axios layer does: session cookie plus X-XSRF-TOKEN from the XSRF-TOKEN cookie. */
/** `onAnswered`: the console answered 2xx (its headers are in; the body may still be on its way). */
export async function postJson(path: string, body: unknown, timeoutMs = 30_000, method: 'POST' | 'PUT' = 'POST', onAnswered?: () => void): Promise<Answer<string>> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  const xsrf = cookie('XSRF-TOKEN');
  if (xsrf) headers['X-XSRF-TOKEN'] = xsrf;
  return request(path, { method, headers, body: JSON.stringify(body), timeoutMs, ...(onAnswered ? { onAnswered } : {}) });
}
