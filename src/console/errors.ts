/** What can go wrong when talking to the console, in terms the panel can explain and act on. */
export type ConsoleErrorKind =
  | 'session' // expired session: log in again
  | 'mfa' // MFA to validate in the console (kept for the campaign's stop reasons; the console client says 'check')
  | 'refused' // a 401 while the session is alive: the console refuses this request; a new login changes nothing
  | 'check' // a mandatory check the ENT wants first (MFA, terms of use, e-mail or phone validation)
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

/**
 * The checks entcore's `MandatoryUserValidationFilter` redirects to (entcore-common, at entcore
 * `bfeee774ea^`: common/src/main/java/org/entcore/common/http/filter/MandatoryUserValidationFilter.java),
 * in the order it tries them: terms of use, e-mail, mobile phone, MFA. `unknown`: a redirect while
 * the session is alive and the ENT names no check.
 */
export type MandatoryCheck = 'terms' | 'mail' | 'sms' | 'mfa' | 'unknown';

/** What the console refused or redirected, so the director reads what did not happen. */
export type ConsoleRequestWhat = 'accounts' | 'classes' | 'class-users' | 'teacher-classes' | 'structures' | 'user' | 'mail';

export interface ConsoleError {
  kind: ConsoleErrorKind;
  /** For developers and the "details" line: which route, status, field or selector. Never user data. */
  detail: string;
  status?: number;
  /** The console request that failed (its path, see requestLabel), so the director can be told which. */
  request?: string;
  /** `check`: which check the ENT wants. */
  check?: MandatoryCheck;
  /** `check`: the ENT's own page for it, on the console's origin, coming back to the console page afterwards. */
  link?: string;
  /** `refused` / `check`: what was asked (the account list, a class list, the mails…). */
  what?: ConsoleRequestWhat;
  /** `what: 'class-users'`: the class's name. */
  className?: string;
}

/**
 * A request's path as shown to the director: no query, ids as « … » (a structure id means nothing to
 * them, and the label must not differ from one school to the next).
 */
export function requestLabel(path: string): string {
  return path.split('?')[0]!.split('/').map((seg) => (/^[0-9a-f-]{16,}$/i.test(seg) || /%/.test(seg) ? '…' : seg)).join('/');
}

/**
 * Which check `GET /auth/user/requirements` says is owed (`AuthController.userRequirements`: the
 * flags of `UserValidationService`: needRevalidateTerms, needRevalidateEmail, needRevalidateMobile,
 * needMfa), in the filter's order; null when none is.
 */
export function pendingCheck(requirements: unknown): Exclude<MandatoryCheck, 'unknown'> | null {
  if (typeof requirements !== 'object' || requirements === null) return null;
  const r = requirements as Record<string, unknown>;
  if (r.needRevalidateTerms === true) return 'terms';
  if (r.needRevalidateEmail === true) return 'mail';
  if (r.needRevalidateMobile === true) return 'sms';
  if (r.needMfa === true) return 'mfa';
  return null;
}

/**
 * The ENT's page for a check, coming back to `returnUrl` (the console page) afterwards: the same
 * URLs the filter redirects to, with our page as `redirect` (entcore's validate-mfa and validate-mail
 * pages go there once done: auth/src/main/resources/public/ts/validate-m{fa,ail}/…directive.ts).
 * The terms page takes no return address (`termsRevalidation.ts` goes to /timeline/timeline), and an
 * unnamed check is met by loading the console page itself, which the filter redirects as needed.
 */
export function checkLink(origin: string, check: MandatoryCheck, returnUrl: string): string {
  const back = encodeURIComponent(returnUrl);
  switch (check) {
    case 'mfa':
      return `${origin}/auth/validate-mfa?force=true&redirect=${back}`;
    case 'mail':
      return `${origin}/auth/validate-mail?force=true&type=email&redirect=${back}`;
    case 'sms':
      return `${origin}/auth/validate-mail?force=true&type=sms&redirect=${back}`;
    case 'terms':
      return `${origin}/auth/revalidate-terms`;
    default:
      return returnUrl;
  }
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
 * Classifies an HTTP answer the way the console's own front end would have to: a login page is an
 * expired session, a page of /auth/validate-mfa (or a refusal naming MFA) a check — never an empty
 * list. A 401 reads `session` here: only `/auth/oauth2/userinfo` tells a refusal (session alive)
 * from a lost session, which the console client asks (content/console-client.ts).
 */
export function classifyAnswer(a: HttpAnswer, bodyHint = ''): ConsoleError | null {
  let path = '';
  try {
    path = new URL(a.url).pathname;
  } catch {
    path = a.url;
  }
  if (path.startsWith('/auth/validate-mfa') || /mfa/i.test(bodyHint) && (a.status === 401 || a.status === 403))
    return { kind: 'check', check: 'mfa', detail: `${a.status} ${path}`, status: a.status };
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
