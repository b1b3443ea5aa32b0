import type { Account } from '../model/account';
import { displayName } from '../model/account';
import { SHEET_DICTS, say, type SheetDict } from '../i18n/sheets';

export type Lang = 'fr' | 'en';
/** Which text a sheet carries. */
export type Branch = 'activate' | 'activated' | 'teacher';
export type QrMode = 'full' | 'login' | 'none';

export const dictFor = (lang: Lang): SheetDict => SHEET_DICTS[lang] ?? SHEET_DICTS.fr;

/**
 * The activation code decides, whatever the profile, as in every entcore template: an account
 * with a code gets it on its sheet. 'teacher' is a teacher whose account is already activated
 * (their card recalls the ONE login, and the académie notice follows).
 */
export function branchOf(a: Account): Branch {
  if (a.activationCode) return 'activate';
  return a.profile === 'Teacher' ? 'teacher' : 'activated';
}

/** A class name never broken across lines (« CM1 A »): its spaces become no-break spaces. */
export const unbreakable = (s: string): string => s.replace(/ /g, '\u00a0');

/** "a", "a et b", "a, b et c". */
export function joinList(items: string[], d: SheetDict): string {
  if (items.length <= 1) return items.join('');
  return items.slice(0, -1).join(d.listSep) + d.and + items[items.length - 1];
}

export function profileLabel(a: Pick<Account, 'profile'>, d: SheetDict): string {
  return d[`profile.${a.profile}`];
}

/** "Élève en classe de CE1 et CM2", "Classe de CP A" (a teacher), "Parent de Léa Martin (CE1) et Tom Martin", or the profile alone. */
export function profileLine(a: Account, d: SheetDict): string {
  if (a.profile === 'Relative' && a.children.length) {
    const kids = a.children.map((c) => {
      // « Parent d’Arthur (CE2-CM1) et Louise (CP A) »: the family name once, when it is the parent's
      const same = c.lastName.trim().toLocaleLowerCase('fr') === a.lastName.trim().toLocaleLowerCase('fr');
      const name = same ? c.firstName.trim() || c.lastName.trim() : `${c.firstName} ${c.lastName}`.trim();
      return c.classname ? say(d, 'childWithClass', { name, class: unbreakable(c.classname) }) : name;
    });
    return say(d, 'parentOf', { children: joinList(kids, d) });
  }
  const classes = a.classes.map((c) => c.name).filter((n): n is string => !!n);
  if (!classes.length) return profileLabel(a, d);
  // « Classe de CP A »: the same words for every teacher, whoever she or he is
  if (a.profile === 'Teacher') return say(d, 'teacherOf', { n: classes.length, classes: joinList(classes, d) });
  return say(d, 'inClasses', { profile: profileLabel(a, d), classes: joinList(classes, d) });
}

export const cleanUrl = (u: string): string => u.trim().replace(/\/+$/, '');

/**
 * What the QR code of a sheet encodes, or null for none. 'full' on an account with a code: the
 * activation page with login and code pre-filled (entcore reads both from the query). 'login': the
 * ENT's login page, because entcore's activation page has no field for the code
 * (`auth/.../template/activation-form.html`): a link with the login alone cannot activate.
 * Activated accounts get the site address (never a code).
 */
export function qrText(a: Account, entUrl: string, mode: QrMode): string | null {
  if (mode === 'none') return null;
  const base = cleanUrl(entUrl);
  if (branchOf(a) !== 'activate') return base || null;
  if (mode === 'login') return `${base}/auth/login`;
  const login = `login=${encodeURIComponent(a.login)}`;
  return `${base}/auth/activation?${login}&activationCode=${encodeURIComponent(a.activationCode ?? '')}`;
}

/** ONE's hosts as listed in manifest.json (Edifice's and ONE Réunion's). */
const ONE_HOSTS = /(^|\.)(oneconnect|formationone)\.edifice\.io$|(^|\.)oneconnect\.opendigitaleducation\.com$|^ent1d\.ac-reunion\.fr$|\.one1d\.fr$/;

/** ONE's hosts: only there do the sheets name ONE and its mobile app, ONE Pocket. */
export function isOneHost(entUrl: string): boolean {
  try {
    const h = new URL(cleanUrl(entUrl)).hostname;
    return ONE_HOSTS.test(h);
  } catch {
    return false;
  }
}

/** The platform's name on a card: ONE on ONE's hosts, the generic ENT elsewhere. */
export const entName = (entUrl: string): string => (isOneHost(entUrl) ? 'ONE' : 'ENT');

export { displayName };

/** The file name's model part: the console's model names (pdf, newPdf, simplePdf) said plainly. */
export const MODEL_SLUG = { pdf: '1-par-page', newPdf: '2-par-page', simplePdf: '8-par-page', letter: 'lettres-familles' } as const;

/**
 * `publipostage-<school>-<n>-par-page-<yyyy-mm-dd>.pdf` (sheets), `emargement-<school>-<yyyy-mm-dd>.pdf`
 * (roster alone), `etiquettes-…` (envelope labels): the name says what the file holds, so two runs
 * with different models never overwrite each other.
 */
export function sheetFileName(
  structureName: string,
  date: Date,
  kind: 'sheets' | 'roster' | 'labels' = 'sheets',
  model?: keyof typeof MODEL_SLUG,
): string {
  const slug =
    structureName
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'structure';
  const p = (n: number) => String(n).padStart(2, '0');
  const ymd = `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}`;
  const prefix = kind === 'roster' ? 'emargement' : kind === 'labels' ? 'etiquettes' : 'publipostage';
  const what = kind === 'sheets' && model ? `-${MODEL_SLUG[model]}` : '';
  return `${prefix}-${slug}${what}-${ymd}.pdf`;
}

export function formatDate(date: Date, lang: Lang): string {
  try {
    return date.toLocaleDateString(lang === 'en' ? 'en-GB' : 'fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });
  } catch {
    return date.toISOString().slice(0, 10);
  }
}
