/**
 * Every console route the extension uses, in one place (../shared/one-console.md §1, §4, §5).
 * Paths are relative to the console's own origin: requests never go anywhere else.
 */
export type PdfType = 'pdf' | 'newPdf' | 'simplePdf';

const enc = encodeURIComponent;

export const routes = {
  allUsers: (structureId: string) => `/directory/structure/${enc(structureId)}/massMail/allUsers`,
  classes: (structureId: string) => `/directory/class/admin/list?structureId=${enc(structureId)}`,
  profiles: () => '/directory/profiles',
  /** The structure's own activation counts (StructureController.metrics, ADML of the structure). */
  metrics: (structureId: string) => `/directory/structure/${enc(structureId)}/metrics`,
  structures: () => '/directory/structure/admin/list',
  classAdminMassmail: () => '/directory/class-admin/massmail',
  userMassmail: (userId: string, type: 'pdf' | 'mail') => `/directory/structure/massMail/${enc(userId)}/${type}`,
  userInfo: () => '/auth/oauth2/userinfo',
  teacherSchools: (userId: string) => `/directory/class-admin/${enc(userId)}`,
  classUsers: (classId: string) => `/directory/class/${enc(classId)}/users?collectRelative=true`,
  login: (callBack: string) => `/auth/login?callBack=${enc(callBack)}`,
  validateMfa: () => '/auth/validate-mfa',
  activation: () => '/auth/activation',
  /** The ENT's rules shown on the activation page: password rule text, mandatory fields (AuthController.context). */
  authContext: () => '/auth/context',
  /** The auth module's i18n bundle, in the language of the Accept-Language header (entcore's pages load it). */
  authI18n: () => '/auth/i18n',
  /** The user's sheet in the admin console (the console's own row link, one-console.md §4.1). */
  userSheet: (structureId: string, userId: string) => `/admin/${enc(structureId)}/users/list/${enc(userId)}/details`,
  massmailPage: (structureId: string) => `/admin/${enc(structureId)}/imports-exports/massmail`,
} as const;

export type PageKind = 'massmail' | 'class-admin';

export interface PageInfo {
  kind: PageKind;
  /** Known from the URL on the massmail page; on the teacher page it comes from the session. */
  structureId: string | null;
  origin: string;
  path: string;
}

const MASSMAIL = /^\/admin\/([^/?#]+)\/imports-exports\/massmail\/?$/;
const CLASS_ADMIN = /^\/directory\/class-admin\/?$/;

/** A malformed escape (« %E0%A4%A ») must not stop page detection: keep the raw text then. */
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Which of our pages a console URL is, or null: the extension stays silent everywhere else. */
export function detectPage(href: string): PageInfo | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  const m = MASSMAIL.exec(url.pathname);
  if (m) return { kind: 'massmail', structureId: safeDecode(m[1]!), origin: url.origin, path: url.pathname };
  if (CLASS_ADMIN.test(url.pathname)) return { kind: 'class-admin', structureId: null, origin: url.origin, path: url.pathname };
  return null;
}
