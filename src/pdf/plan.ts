/** Print planning: which accounts go in which section (class bundles, households), and classes in order. */
import type { Account } from '../model/account';
import { firstClassName } from '../model/account';
import { compareClassNames } from '../model/class-order';
import type { SheetDict } from '../i18n/sheets';
import { groupClass, householdGroups } from './households';
import type { SheetOptions } from './options';
import { dictFor } from './wording';

/** Accounts by first class, classes in school-level order (PS … CM2), « Sans classe » last. */
export function byClass(accounts: Account[], d: SheetDict): { name: string; accounts: Account[] }[] {
  const map = new Map<string, Account[]>();
  const none: Account[] = [];
  for (const a of accounts) {
    const k = firstClassName(a);
    if (k === null) {
      none.push(a);
      continue;
    }
    const l = map.get(k);
    if (l) l.push(a);
    else map.set(k, [a]);
  }
  const out = [...map].sort(([a], [b]) => compareClassNames(a, b)).map(([name, accounts]) => ({ name, accounts }));
  if (none.length) out.push({ name: d.noClass, accounts: none });
  return out;
}

export interface Section {
  className?: string;
  accounts: Account[];
  /** Print units: one family (households) or one account; a unit is never split across pages when it fits. */
  groups: Account[][];
}

/** Print plan: one section (no bundles) or one per class in order of first appearance. */
export function planSections(accounts: Account[], opts: Pick<SheetOptions, 'bundles' | 'households' | 'lang'>): Section[] {
  const d = dictFor(opts.lang);
  const groups = opts.households ? householdGroups(accounts) : accounts.map((a) => [a]);
  if (!opts.bundles) return [{ accounts: groups.flat(), groups }];
  const map = new Map<string, Account[][]>();
  for (const g of groups) {
    const k = (opts.households ? groupClass(g) : firstClassName(g[0]!)) ?? d.noClass;
    const l = map.get(k);
    if (l) l.push(g);
    else map.set(k, [g]);
  }
  return [...map].map(([className, gs]) => ({ className, accounts: gs.flat(), groups: gs }));
}
