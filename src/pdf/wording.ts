import type { Account } from '../model/account';
import { displayName } from '../model/account';
import { SHEET_DICTS, fmt, type SheetDict } from '../i18n/sheets';

export type Lang = 'fr' | 'en';
/** Which text a sheet carries. */
export type Branch = 'activate' | 'activated' | 'teacher';
export type QrMode = 'full' | 'login' | 'none';

export const dictFor = (lang: Lang): SheetDict => SHEET_DICTS[lang] ?? SHEET_DICTS.fr;

/** Teachers are activated by the académie (never a code); otherwise the activation code decides. */
export function branchOf(a: Account): Branch {
  if (a.profile === 'Teacher') return 'teacher';
  return a.activationCode ? 'activate' : 'activated';
}

/** "a", "a et b", "a, b et c". */
export function joinList(items: string[], d: SheetDict): string {
  if (items.length <= 1) return items.join('');
  return items.slice(0, -1).join(d.listSep) + d.and + items[items.length - 1];
}

export function profileLabel(a: Pick<Account, 'profile'>, d: SheetDict): string {
  return d[`profile.${a.profile}`];
}

/** "Élève en classe de CE1 et CM2", "Parent de Léa Martin (CE1) et Tom Martin", or the profile alone. */
export function profileLine(a: Account, d: SheetDict): string {
  if (a.profile === 'Relative' && a.children.length) {
    const kids = a.children.map((c) => {
      const name = `${c.firstName} ${c.lastName}`.trim();
      return c.classname ? fmt(d.childWithClass, { name, class: c.classname }) : name;
    });
    return fmt(d.parentOf, { children: joinList(kids, d) });
  }
  const classes = a.classes.map((c) => c.name).filter((n): n is string => !!n);
  if (!classes.length) return profileLabel(a, d);
  return fmt(d.inClasses, { profile: profileLabel(a, d), classes: joinList(classes, d) });
}

export const cleanUrl = (u: string): string => u.trim().replace(/\/+$/, '');

/**
 * What the QR code of a sheet encodes, or null for none. Activation links only for 'activate';
 * activated accounts and teachers get the site address (never a code).
 */
export function qrText(a: Account, entUrl: string, mode: QrMode): string | null {
  if (mode === 'none') return null;
  const base = cleanUrl(entUrl);
  if (branchOf(a) !== 'activate') return base || null;
  const login = `login=${encodeURIComponent(a.login)}`;
  if (mode === 'login') return `${base}/auth/activation?${login}`;
  return `${base}/auth/activation?${login}&activationCode=${encodeURIComponent(a.activationCode ?? '')}`;
}

export { displayName };

/** `publipostage-<slug>-<yyyy-mm-dd>.pdf` (sheets) or `emargement-<slug>-<yyyy-mm-dd>.pdf` (roster). */
export function sheetFileName(structureName: string, date: Date, kind: 'sheets' | 'roster' = 'sheets'): string {
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
  return `${kind === 'roster' ? 'emargement' : 'publipostage'}-${slug}-${ymd}.pdf`;
}

export function formatDate(date: Date, lang: Lang): string {
  try {
    return date.toLocaleDateString(lang === 'en' ? 'en-GB' : 'fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });
  } catch {
    return date.toISOString().slice(0, 10);
  }
}
