import { useMemo, useRef, useState } from 'preact/hooks';
import { PROFILES, type ClassRef, type Profile } from '../../src/model/account';
import { type Filters, NO_CLASS, fold, EMPTY_FILTERS } from '../../src/model/filters';
import { filterChips } from './filter-chips';
import { NARROW } from './use-narrow';
import type { Translate } from '../../src/i18n/ui';

interface Props {
  t: Translate;
  lang: string;
  filters: Filters;
  classes: ClassRef[];
  onChange: (f: Filters) => void;
  /** On the teacher's page: no local-admin or blocking filter (not about a class's families). */
  teacher?: boolean;
}

function toggle<T>(list: T[], v: T): T[] {
  return list.includes(v) ? list.filter((x) => x !== v) : [...list, v];
}

export function FiltersForm({ t, lang, filters: f, classes, onChange, teacher = false }: Props) {
  const [classQuery, setClassQuery] = useState('');
  // Wide (a tab, a wide side panel): every group open as before. At ~360 px: closed, the chips say what is on.
  const [openGroups] = useState(() => !matchMedia(NARROW).matches);
  const searchRef = useRef<HTMLInputElement>(null);
  /**
   * At ~360 px one group open at a time: opening one closes the others, so a chosen filter's result
   * (the list) stays in view under them (issue 22 item 3). Wide, every group stays as the user set it.
   */
  const oneOpen = (e: Event) => {
    const opened = e.currentTarget as HTMLDetailsElement;
    if (!opened.open || !matchMedia(NARROW).matches) return;
    opened.parentElement?.querySelectorAll<HTMLDetailsElement>(':scope > details.group[open]').forEach((d) => {
      if (d !== opened) d.open = false;
    });
  };
  const chipsRef = useRef<HTMLDivElement>(null);
  const set = (patch: Partial<Filters>) => {
    onChange({ ...f, ...patch });
    setTimeout(revealResult, 0);
  };
  const shownClasses = useMemo(() => {
    const q = fold(classQuery.trim());
    const all = [...classes, { id: NO_CLASS, name: t('noClass') }];
    return q ? all.filter((c) => fold(c.name).includes(q)) : all;
  }, [classes, classQuery, t]);
  // A school's classes (dozens of boxes) drawn again only when they or the classes chosen change,
  // not at every letter typed or other filter chosen; a box's click reads the filters of that moment.
  const latest = useRef({ f, set });
  latest.current = { f, set };
  const classBoxes = useMemo(
    () => (
      <div class="class-list">
        {shownClasses.map((c) => (
          <label key={c.id} class="check">
            <input type="checkbox" checked={f.classIds.includes(c.id)} onChange={() => latest.current.set({ classIds: toggle(latest.current.f.classIds, c.id) })} />
            <bdi>{c.name}</bdi>
          </label>
        ))}
      </div>
    ),
    [shownClasses, f.classIds],
  );
  const chips = filterChips(f, classes, t, lang);
  const others = chips.filter((c) => !c.key.startsWith('p:') && !c.key.startsWith('c:') && c.key !== 'search').length;

  /** Removing a chip keeps the keyboard where it was: on the next chip, else back in the search box. */
  const removeChip = (i: number, next: Filters) => {
    onChange(next);
    setTimeout(() => {
      const left = chipsRef.current?.querySelectorAll<HTMLButtonElement>('button.chip') ?? [];
      (left[Math.min(i, left.length - 1)] ?? searchRef.current)?.focus();
    }, 0);
  };

  return (
    <section class="filters" aria-labelledby="filters-title">
      <h2 id="filters-title">{t('filtersTitle')}</h2>
      <label class="search">
        <span>{t('search')}</span>
        <input ref={searchRef} type="search" autoComplete="off" data-typed-name value={f.search} onInput={(e) => set({ search: e.currentTarget.value })} />
      </label>
      {/* Always there, one line high: the first filter chosen (or the last removed) no longer moves
          the list and everything under it, a relayout and a repaint of the whole window (issue 23). */}
      <div class="chips" ref={chipsRef} role="group" aria-label={t('chipsLabel')}>
        {chips.length === 0 && <span class="none">{t('chipsNone')}</span>}
        {chips.length > 0 && <>
          {chips.map((c, i) => (
            <button key={c.key} type="button" class="chip" aria-label={t('chipRemove', { label: c.label })} title={t('chipRemove', { label: c.label })} onClick={() => removeChip(i, c.without)}>
              <bdi>{c.label}</bdi> <span aria-hidden="true">×</span>
            </button>
          ))}
          <button type="button" class="link reset" onClick={() => removeChip(0, EMPTY_FILTERS)}>
            {t('resetFilters')}
          </button>
        </>}
      </div>
      <div class="filter-grid">
        <details class="group" open={openGroups} onToggle={oneOpen}>
          <summary>
            {t('profiles')} <small>({f.profiles.length ? f.profiles.length : t('profilesHint')})</small>
          </summary>
          <fieldset>
            <legend class="visually-hidden">
              {t('profiles')} ({t('profilesHint')})
            </legend>
            {PROFILES.map((p: Profile) => (
              <label key={p} class="check">
                <input type="checkbox" checked={f.profiles.includes(p)} onChange={() => set({ profiles: toggle(f.profiles, p) })} />
                {t(p)}
              </label>
            ))}
          </fieldset>
        </details>
        <details class="group" open={openGroups} onToggle={oneOpen}>
          <summary>
            {t('classes')} {f.classIds.length > 0 && <small>({f.classIds.length})</small>}
          </summary>
          <fieldset class="classes">
            <legend class="visually-hidden">{t('classes')}</legend>
            <input
              type="search"
              autoComplete="off"
              data-typed-name
              aria-label={t('classSearch')}
              placeholder={t('classSearch')}
              value={classQuery}
              onInput={(e) => setClassQuery(e.currentTarget.value)}
            />
            {classBoxes}
          </fieldset>
        </details>
        <details class="group" open={openGroups} onToggle={oneOpen}>
          <summary>
            {t('otherFilters')} {others > 0 && <small>({others})</small>}
          </summary>
          <div class="selects">
            <Choice label={t('activation')} value={f.activation} onChange={(activation) => set({ activation })}
              options={[['all', t('activationAll')], ['activated', t('activationActivated')], ['notActivated', t('activationNotActivated')]]} />
            <Choice label={t('email')} value={f.email} onChange={(email) => set({ email })}
              options={[['all', t('emailAll')], ['with', t('emailWith')], ['without', t('emailWithout')]]} />
            {!teacher && (
              <Choice label={t('localAdmins')} value={f.localAdmin} onChange={(localAdmin) => set({ localAdmin })}
                options={[['all', t('localAdminsAll')], ['only', t('localAdminsOnly')], ['excluded', t('localAdminsExcluded')]]} />
            )}
            <Choice label={t('blocked')} value={f.blocked} onChange={(blocked) => set({ blocked })}
              options={[['all', t('blockedAll')], ['blocked', t('blockedOnly')], ['notBlocked', t('blockedNot')]]} />
            <label>
              <span>{t('created')}</span>
              <select
                value={f.created?.mode ?? 'any'}
                onChange={(e) => {
                  const mode = e.currentTarget.value;
                  set({ created: mode === 'any' ? null : { mode: mode as 'before' | 'since', date: f.created?.date ?? today() } });
                }}
              >
                <option value="any">{t('createdAny')}</option>
                <option value="before">{t('createdBefore')}</option>
                <option value="since">{t('createdSince')}</option>
              </select>
            </label>
            {f.created && (
              <label>
                <span>{t('createdDate')}</span>
                <input
                  type="date"
                  value={f.created.date}
                  onChange={(e) => {
                    const date = e.currentTarget.value;
                    if (date && f.created) set({ created: { mode: f.created.mode, date } });
                  }}
                />
              </label>
            )}
          </div>
        </details>
      </div>
    </section>
  );
}

/**
 * At ~360 px, after a filter change, the list gets the room: when fewer than three of its rows
 * would show under the filters, the page scrolls just enough (the sticky summary stays) so the
 * director sees the result without scrolling (issue 22 item 3). Never upwards, never when the list
 * is out of view (the director works elsewhere).
 */
function revealResult(): void {
  if (!matchMedia(NARROW).matches) return;
  const list = document.querySelector<HTMLElement>('.list');
  const rows = list ? [...list.querySelectorAll<HTMLElement>('[data-index]')].slice(0, 3) : [];
  if (!list || !rows.length) return;
  const box = list.getBoundingClientRect();
  if (box.top < 0 || box.top > innerHeight) return;
  const bottom = Math.min(rows[rows.length - 1]!.getBoundingClientRect().bottom, box.bottom);
  if (bottom > innerHeight) scrollBy({ top: bottom - innerHeight + 2 });
}

/** One of the console's three-way filters (tous / l'un / l'autre) as a labelled select. */
function Choice<V extends string>({ label, value, options, onChange }: { label: string; value: V; options: [V, string][]; onChange: (v: V) => void }) {
  return (
    <label>
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.currentTarget.value as V)}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
