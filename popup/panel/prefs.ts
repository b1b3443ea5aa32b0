/**
 * Filter, sort and model choices, remembered per structure in extension storage.
 * Only choices: never an account, a code or an address.
 */
import { EMPTY_FILTERS, type Filters } from '../../src/model/filters';
import { DEFAULT_SORT, type SortOrder } from '../../src/model/sort';
import type { SheetModel } from '../../src/pdf';
import { ext } from '../../src/platform/browser-api';

export interface Prefs {
  filters: Filters;
  sort: SortOrder;
  model: SheetModel;
}

export const DEFAULT_PREFS: Prefs = { filters: EMPTY_FILTERS, sort: DEFAULT_SORT, model: 'pdf' };

const key = (structureId: string) => `prefs:${structureId}`;

/** On the teacher's page the accounts go class by class, as the page shows them. */
export const TEACHER_DEFAULT_SORT: SortOrder = { first: 'class', second: 'none' };

export async function loadPrefs(structureId: string, defaultModel: SheetModel = 'pdf', defaultSort: SortOrder = DEFAULT_SORT): Promise<Prefs> {
  try {
    const got = await ext().storage.local.get(key(structureId));
    const p = got[key(structureId)] as Partial<Prefs> | undefined;
    if (!p) return { ...DEFAULT_PREFS, sort: defaultSort, model: defaultModel };
    // Keep only known fields, so a search text (which may hold a name) is not restored either.
    return {
      filters: { ...EMPTY_FILTERS, ...(p.filters ?? {}), search: '' },
      sort: { ...DEFAULT_SORT, ...(p.sort ?? {}) },
      model: p.model === 'newPdf' || p.model === 'simplePdf' || p.model === 'pdf' || p.model === 'letter' ? p.model : defaultModel,
    };
  } catch {
    return { ...DEFAULT_PREFS, sort: defaultSort, model: defaultModel };
  }
}

export async function savePrefs(structureId: string, prefs: Prefs): Promise<void> {
  const { search: _drop, ...filters } = prefs.filters;
  await ext().storage.local.set({ [key(structureId)]: { filters, sort: prefs.sort, model: prefs.model } });
}

/** Nothing that savePrefs stores differs (the search is never stored): typing a name writes nothing. */
export function sameStored(a: Prefs, b: Prefs): boolean {
  if (a.sort !== b.sort || a.model !== b.model) return false;
  return (Object.keys(a.filters) as Array<keyof Filters>).every((k) => k === 'search' || a.filters[k] === b.filters[k]);
}
