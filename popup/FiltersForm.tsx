import { useMemo, useState } from 'preact/hooks';
import { PROFILES, type ClassRef, type Profile } from '../src/model/account';
import { type Filters, NO_CLASS, fold, isFiltering, EMPTY_FILTERS } from '../src/model/filters';
import type { Translate } from '../src/i18n/ui';

interface Props {
  t: Translate;
  filters: Filters;
  classes: ClassRef[];
  onChange: (f: Filters) => void;
  /** On the teacher's page: no local-admin or blocking filter (not about a class's families). */
  teacher?: boolean;
}

function toggle<T>(list: T[], v: T): T[] {
  return list.includes(v) ? list.filter((x) => x !== v) : [...list, v];
}

export function FiltersForm({ t, filters: f, classes, onChange, teacher = false }: Props) {
  const [classQuery, setClassQuery] = useState('');
  const set = (patch: Partial<Filters>) => onChange({ ...f, ...patch });
  const shownClasses = useMemo(() => {
    const q = fold(classQuery.trim());
    const all = [...classes, { id: NO_CLASS, name: t('noClass') }];
    return q ? all.filter((c) => fold(c.name).includes(q)) : all;
  }, [classes, classQuery, t]);

  return (
    <section class="filters" aria-labelledby="filters-title">
      <h2 id="filters-title">{t('filtersTitle')}</h2>
      <label class="search">
        <span>{t('search')}</span>
        <input type="search" value={f.search} onInput={(e) => set({ search: e.currentTarget.value })} />
      </label>
      <div class="filter-grid">
        <fieldset>
          <legend>
            {t('profiles')} <small>({t('profilesHint')})</small>
          </legend>
          {PROFILES.map((p: Profile) => (
            <label key={p} class="check">
              <input type="checkbox" checked={f.profiles.includes(p)} onChange={() => set({ profiles: toggle(f.profiles, p) })} />
              {t(p)}
            </label>
          ))}
        </fieldset>
        <fieldset class="classes">
          <legend>{t('classes')}</legend>
          <input
            type="search"
            aria-label={t('classSearch')}
            placeholder={t('classSearch')}
            value={classQuery}
            onInput={(e) => setClassQuery(e.currentTarget.value)}
          />
          <div class="class-list">
            {shownClasses.map((c) => (
              <label key={c.id} class="check">
                <input type="checkbox" checked={f.classIds.includes(c.id)} onChange={() => set({ classIds: toggle(f.classIds, c.id) })} />
                {c.name}
              </label>
            ))}
          </div>
        </fieldset>
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
      </div>
      {isFiltering(f) && (
        <button type="button" class="link" onClick={() => onChange(EMPTY_FILTERS)}>
          {t('resetFilters')}
        </button>
      )}
    </section>
  );
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
