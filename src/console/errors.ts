/** What can go wrong when talking to the console, in terms the panel can explain and act on. */
export type ConsoleErrorKind =
  | 'session' // expired session: log in again
  | 'mfa' // MFA to validate in the console
  | 'forbidden' // not an administrator of this structure
  | 'format' // the console changed: a field or selector is missing
  | 'server' // 5xx
  | 'timeout'
  | 'network'
  | 'not-found' // the route does not exist here (older console): fall back to the table
  | 'bad-request'
  // the JSON read failed and the console's table holds no row to fall back on: no count at all,
  // never « 0 comptes » (on the real console a failed allUsers also leaves its own table empty)
  | 'read-failed';

export interface ConsoleError {
  kind: ConsoleErrorKind;
  /** For developers and the "details" line: which route, status, field or selector. Never user data. */
  detail: string;
  status?: number;
  /** The console request that failed (its path, see requestLabel), so the director can be told which. */
  request?: string;
}

/**
 * A request's path as shown to the director: no query, ids as « … » (a structure id means nothing to
 * them, and the label must not differ from one school to the next).
 */
export function requestLabel(path: string): string {
  return path.split('?')[0]!.split('/').map((seg) => (/^[0-9a-f-]{16,}$/i.test(seg) || /%/.test(seg) ? '…' : seg)).join('/');
}

export class ConsoleFormatError extends Error {
  constructor(public readonly what: string) {
    super(`La console a changé : ${what}`);
  }
}

export interface HttpAnswer {
  status: number;
  /** Final URL after redirects (fetch follows them). */
  url: string;
  contentType: string;
  redirected: boolean;
}

/**
 * Classifies an HTTP answer the way the console's own front end would have to:
 * an expired session is a redirect to /auth/login (an HTML page) or a 401, MFA is a refusal that
 * names MFA or a landing on /auth/validate-mfa — never an empty list.
 */
export function classifyAnswer(a: HttpAnswer, bodyHint = ''): ConsoleError | null {
  let path = '';
  try {
    path = new URL(a.url).pathname;
  } catch {
    path = a.url;
  }
  if (path.startsWith('/auth/validate-mfa') || /mfa/i.test(bodyHint) && (a.status === 401 || a.status === 403))
    return { kind: 'mfa', detail: `${a.status} ${path}`, status: a.status };
  if (path.startsWith('/auth/login') || a.status === 401) return { kind: 'session', detail: `${a.status} ${path}`, status: a.status };
  if (a.status === 403) return { kind: 'forbidden', detail: `403 ${path}`, status: 403 };
  if (a.status === 404) return { kind: 'not-found', detail: `404 ${path}`, status: 404 };
  if (a.status === 400) return /forbidden/.test(bodyHint)
    ? { kind: 'forbidden', detail: `400 forbidden ${path}`, status: 400 }
    : { kind: 'bad-request', detail: `400 ${path}`, status: 400 };
  if (a.status >= 500) return { kind: 'server', detail: `${a.status} ${path}`, status: a.status };
  if (a.status < 200 || a.status >= 300) return { kind: 'server', detail: `${a.status} ${path}`, status: a.status };
  return null;
}
