/**
 * The page plan of a sheets render: which cards go on which page, where class covers, rosters and
 * envelope labels fall. Pure (no jsPDF): renderSheets draws it and checkFit counts it, so the
 * count shown before printing is the PDF's by construction.
 */
import type { Account } from '../model/account';
import { displayName, hasEmail, isActivated } from '../model/account';
import type { SheetDict } from '../i18n/sheets';
import { perPage } from './cards';
import { familyLine, LABELS, type CoverInfo } from './covers';
import { familyInfo, isFamily, type FamilyInfo } from './households';
import type { SheetOptions } from './options';
import { byClass, planSections } from './plan';
import type { LetterLang } from '../i18n/letter/types';

/** What one slot of a page holds. */
export type Slot =
  | { kind: 'account'; account: Account; familyLine?: string }
  | { kind: 'family'; family: FamilyInfo }
  | { kind: 'cover'; cover: CoverInfo };

/** One entry of the plan: a page of slots, a whole-page cover, a roster (one page or more), label pages. */
export type PlanEntry =
  | { kind: 'slots'; slots: Slot[] }
  | { kind: 'cover'; cover: CoverInfo }
  | { kind: 'roster'; className: string; accounts: Account[] }
  | { kind: 'labels'; families: FamilyInfo[] }
  /** « Lettre aux familles »: one family's letter (one page or more, src/pdf/letter.ts). */
  | { kind: 'letter'; accounts: Account[]; lang2?: LetterLang; since?: string };

/** What the plan needs to know beyond the options: the wording, the printed date, the school. */
export interface PlanEnv {
  d: SheetDict;
  date: string;
  schoolName?: string;
}

/** Teachers of each class among the accounts (covers name them when the caller gives none). */
function teachersFrom(accounts: Account[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const a of accounts) {
    if (a.profile !== 'Teacher') continue;
    for (const c of a.classes) (out[c.name] ??= []).includes(displayName(a)) || out[c.name]!.push(displayName(a));
  }
  return out;
}

function coverInfo(env: PlanEnv, className: string, accounts: Account[], teachers: Record<string, string[]>): CoverInfo {
  return {
    className,
    teachers: teachers[className] ?? [],
    sheets: accounts.length,
    notActivated: accounts.filter((a) => !isActivated(a)).length,
    noEmail: accounts.filter((a) => !hasEmail(a)).length,
    date: env.date,
    ...(env.schoolName ? { schoolName: env.schoolName } : {}),
  };
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
/** A roster read by a parent looking for a name: last name, then first name, in French order. */
export const byName = (accounts: Account[]): Account[] =>
  accounts.slice().sort((a, b) => collator.compare(a.lastName, b.lastName) || collator.compare(a.firstName, b.firstName));

/**
 * Cuts units (one account, or a family: its label card then its sheets) into pages of `n` slots.
 * A unit that fits on a page never straddles two; with `fill`, the slots it leaves free at the
 * bottom of a page take the next whole units that fit there (smaller families, lone sheets),
 * never part of one.
 */
export function paginate(units: Slot[][], n: number, fill: boolean): Slot[][] {
  const pages: Slot[][] = [];
  let page: Slot[] = [];
  const pending = units.slice();
  const flush = () => {
    if (page.length) pages.push(page);
    page = [];
  };
  while (pending.length) {
    const unit = pending[0]!;
    if (page.length && unit.length <= n && page.length + unit.length > n) {
      if (fill) {
        for (let i = 1; i < pending.length && page.length < n; i++) {
          if (pending[i]!.length <= n - page.length) {
            page.push(...pending[i]!);
            pending.splice(i--, 1);
          }
        }
      }
      flush();
      continue;
    }
    pending.shift();
    for (const item of unit) {
      if (page.length === n) flush();
      page.push(item);
    }
  }
  flush();
  return pages;
}

/**
 * The letters' plan: one letter per family of the household packs (a lone account is its own
 * family), in the packs' order, by class with bundles; a relaunch keeps only the accounts still
 * not activated (a family grouped first, so a parent still links children whose accounts are done).
 */
function planLetters(accounts: Account[], opts: SheetOptions, env: PlanEnv): PlanEntry[] {
  const out: PlanEntry[] = [];
  const families: FamilyInfo[] = [];
  const sections = planSections(accounts, { ...opts, households: true });
  for (const sec of sections) {
    for (const g of sec.groups) {
      const members = opts.relaunch ? g.filter((a) => !isActivated(a)) : g;
      if (!members.length) continue;
      const lang2 = members.map((a) => opts.letterLangs?.[a.id]).find(Boolean) ?? opts.letterLang;
      const dates = members.map((a) => opts.relaunch?.since?.[a.id]).filter((d): d is string => !!d).sort();
      out.push({ kind: 'letter', accounts: members, ...(lang2 && lang2 !== 'fr' ? { lang2 } : {}), ...(dates[0] ? { since: dates[0] } : {}) });
      if (isFamily(members)) families.push(familyInfo(members));
    }
    if (opts.roster && opts.bundles && sec.className !== undefined) out.push({ kind: 'roster', className: sec.className, accounts: byName(sec.accounts) });
  }
  if (opts.roster && !opts.bundles) for (const g of byClass(accounts, env.d)) out.push({ kind: 'roster', className: g.name, accounts: byName(g.accounts) });
  if (opts.envelopeLabels && families.length) {
    for (let i = 0; i < families.length; i += LABELS.perPage) out.push({ kind: 'labels', families: families.slice(i, i + LABELS.perPage) });
  }
  return out;
}

/** The whole plan of a sheets render, in print order. */
export function planPages(accounts: Account[], opts: SheetOptions, env: PlanEnv): PlanEntry[] {
  const model = opts.model;
  if (model === 'letter') return planLetters(accounts, opts, env);
  const sections = planSections(accounts, opts);
  const n = perPage(model);
  const teachers = { ...teachersFrom(accounts), ...opts.classTeachers };
  const families: FamilyInfo[] = [];
  const out: PlanEntry[] = [];
  for (const sec of sections) {
    const units: Slot[][] = [];
    const cover = sec.className !== undefined ? coverInfo(env, sec.className, sec.accounts, teachers) : null;
    // A cover is a card at 8 per page and half a sheet at 2 per page; a page of its own at 1 per
    // page, or at 8 per page when « Pages de garde » asks for one.
    if (cover && model === 'simplePdf' && opts.pageCovers) out.push({ kind: 'cover', cover });
    else if (cover) units.push([{ kind: 'cover', cover }]);
    for (const g of sec.groups) {
      if (!opts.households || !isFamily(g)) {
        units.push(g.map((account) => ({ kind: 'account', account })));
        continue;
      }
      const family = familyInfo(g);
      families.push(family);
      if (model === 'simplePdf') units.push([{ kind: 'family', family }, ...g.map((account) => ({ kind: 'account' as const, account }))]);
      else units.push(g.map((account, i) => ({ kind: 'account', account, familyLine: familyLine(env.d, family, i + 1) })));
    }
    // the cover stays first: only what follows it may move up into a page's free slots
    for (const slots of paginate(units, n, !!opts.households && n > 1)) out.push({ kind: 'slots', slots });
    if (opts.roster && opts.bundles && sec.className !== undefined)
      out.push({ kind: 'roster', className: sec.className, accounts: opts.households ? byName(sec.accounts) : sec.accounts });
  }
  if (opts.roster && !opts.bundles) {
    for (const g of byClass(sections.flatMap((s) => s.accounts), env.d))
      out.push({ kind: 'roster', className: g.name, accounts: opts.households ? byName(g.accounts) : g.accounts });
  }
  if (opts.households && opts.envelopeLabels && families.length) {
    for (let i = 0; i < families.length; i += LABELS.perPage) out.push({ kind: 'labels', families: families.slice(i, i + LABELS.perPage) });
  }
  return out;
}
