/**
 * The active filters as short labels, each with the filters it leaves once removed: the chips of
 * the filter bar, and the list « Réimprimer les manquants » names when it replaces some.
 */
import type { ClassRef } from '../../src/model/account';
import { type Filters, NO_CLASS } from '../../src/model/filters';
import type { Translate } from '../../src/i18n/ui';

export interface Chip {
  key: string;
  label: string;
  /** The filters once this one is removed. */
  without: Filters;
}

function frDay(iso: string, lang: string): string {
  const d = new Date(`${iso}T00:00:00`);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString(lang === 'en' ? 'en-GB' : 'fr-FR');
}

export function filterChips(f: Filters, classes: ClassRef[], t: Translate, lang: string): Chip[] {
  const chips: Chip[] = [];
  const className = (id: string) => (id === NO_CLASS ? t('noClass') : classes.find((c) => c.id === id)?.name ?? id);
  if (f.search.trim()) chips.push({ key: 'search', label: t('chipSearch', { text: f.search.trim() }), without: { ...f, search: '' } });
  for (const p of f.profiles) chips.push({ key: `p:${p}`, label: t(p), without: { ...f, profiles: f.profiles.filter((x) => x !== p) } });
  for (const id of f.classIds) chips.push({ key: `c:${id}`, label: className(id), without: { ...f, classIds: f.classIds.filter((x) => x !== id) } });
  if (f.activation !== 'all')
    chips.push({ key: 'activation', label: t(f.activation === 'activated' ? 'chipActivated' : 'chipNotActivated'), without: { ...f, activation: 'all' } });
  if (f.email !== 'all') chips.push({ key: 'email', label: t(f.email === 'with' ? 'chipWithEmail' : 'chipWithoutEmail'), without: { ...f, email: 'all' } });
  if (f.localAdmin !== 'all')
    chips.push({ key: 'adml', label: t(f.localAdmin === 'only' ? 'chipAdml' : 'chipNotAdml'), without: { ...f, localAdmin: 'all' } });
  if (f.blocked !== 'all') chips.push({ key: 'blocked', label: t(f.blocked === 'blocked' ? 'chipBlocked' : 'chipNotBlocked'), without: { ...f, blocked: 'all' } });
  if (f.created)
    chips.push({
      key: 'created',
      label: t(f.created.mode === 'before' ? 'chipCreatedBefore' : 'chipCreatedSince', { date: frDay(f.created.date, lang) }),
      without: { ...f, created: null },
    });
  return chips;
}
