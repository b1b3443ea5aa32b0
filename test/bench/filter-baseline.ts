// Baseline of the filter benchmark: the panel's filter core (src/model/filters.ts, same parse and
// sort), but every matching row rendered into a plain <table> (innerHTML, no virtualisation).
// Same French labels and class names as the panel, so the same Playwright steps drive both pages.
import { parseAllUsers } from '../../src/console/parse';
import { type Account, PROFILES, hasEmail, isActivated, displayName } from '../../src/model/account';
import { EMPTY_FILTERS, NO_CLASS, buildSearchIndex, makePredicate, type Filters } from '../../src/model/filters';
import { DEFAULT_SORT, sortAccounts } from '../../src/model/sort';
import { translator } from '../../src/i18n/ui';

const t = translator('fr');
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const dateFmt = new Intl.DateTimeFormat('fr-FR');
const frDate = (iso: string | null) => {
  const d = iso ? new Date(iso) : null;
  return d && !Number.isNaN(d.getTime()) ? dateFmt.format(d) : '';
};

function rowHtml(a: Account): string {
  return (
    `<tr data-id="${esc(a.id)}"><td class="c-inc"><input type="checkbox" checked aria-label="${esc(t('include', { name: displayName(a) }))}"></td>` +
    `<td>${a.activationCode ? `<span class="lock" title="${esc(t('notActivated'))}">🔒</span>` : ''}${esc(a.lastName)}</td>` +
    `<td>${esc(a.firstName)}</td><td class="${a.profile}">${esc(t(a.profile))}</td><td>${esc(a.login)}</td>` +
    `<td class="code">${esc(a.activationCode ?? '')}</td><td title="${esc(a.email ?? '')}">${esc(a.email ?? '')}</td>` +
    `<td>${esc(a.classes.map((c) => c.name).join(', '))}</td><td>${frDate(a.creationDate)}</td>` +
    `<td>${esc(a.children.map((c) => `${c.firstName} ${c.lastName}`).join(', '))}</td></tr>`
  );
}

const select = (label: string, key: string, opts: [string, string][]) =>
  `<label><span>${esc(label)}</span><select data-key="${key}">${opts.map(([v, l]) => `<option value="${v}">${esc(l)}</option>`).join('')}</select></label>`;

export function start(rows: unknown): number {
  const accounts = sortAccounts(parseAllUsers(rows), DEFAULT_SORT);
  const index = buildSearchIndex(accounts);
  const classes = new Map<string, string>();
  for (const a of accounts) for (const c of a.classes) classes.set(c.id, c.name);
  const classList = [...classes].sort((x, y) => x[1].localeCompare(y[1], 'fr'));
  classList.push([NO_CLASS, t('noClass')]);
  const f: Filters = { ...EMPTY_FILTERS, profiles: [], classIds: [] };

  document.body.innerHTML = `<main class="panel"><div class="workspace">
  <section class="filters"><h2>${esc(t('filtersTitle'))}</h2>
    <label class="search"><span>${esc(t('search'))}</span><input type="search"></label>
    <div class="filter-grid">
      <fieldset class="profiles"><legend>${esc(t('profiles'))}</legend>${PROFILES.map((p) => `<label class="check"><input type="checkbox" value="${p}">${esc(t(p))}</label>`).join('')}</fieldset>
      <fieldset class="classes"><legend>${esc(t('classes'))}</legend><div class="class-list">${classList.map(([id, name]) => `<label class="check"><input type="checkbox" value="${esc(id)}">${esc(name)}</label>`).join('')}</div></fieldset>
      <div class="selects">
        ${select(t('activation'), 'activation', [['all', t('activationAll')], ['activated', t('activationActivated')], ['notActivated', t('activationNotActivated')]])}
        ${select(t('email'), 'email', [['all', t('emailAll')], ['with', t('emailWith')], ['without', t('emailWithout')]])}
      </div>
    </div>
  </section>
  <div class="counters"><span class="count-selected"></span><span class="count-no-email"></span><span class="count-activated"></span></div>
  <div class="list"><table><thead><tr><th class="c-inc">${esc(t('colInclude'))}</th><th>${esc(t('colLastName'))}</th><th>${esc(t('colFirstName'))}</th><th>${esc(t('colProfile'))}</th><th>${esc(t('colLogin'))}</th><th>${esc(t('colCode'))}</th><th>${esc(t('colEmail'))}</th><th>${esc(t('colClass'))}</th><th>${esc(t('colCreated'))}</th><th>${esc(t('colChildren'))}</th></tr></thead><tbody></tbody></table></div>
</div></main>`;

  const tbody = document.querySelector('tbody')!;
  const [cSel, cNoMail, cAct] = ['.count-selected', '.count-no-email', '.count-activated'].map((s) => document.querySelector(s)!);
  const render = () => {
    const shown = accounts.filter(makePredicate(f, index));
    let noEmail = 0;
    let activated = 0;
    for (const a of shown) {
      if (!hasEmail(a)) noEmail++;
      if (isActivated(a)) activated++;
    }
    tbody.innerHTML = shown.map(rowHtml).join('');
    (document.querySelector('.list') as HTMLElement).scrollTop = 0;
    cSel.textContent = t('countSelected', { n: shown.length });
    cNoMail.textContent = t('countNoEmail', { n: noEmail });
    cAct.textContent = t('countActivated', { n: activated });
  };
  const toggle = <T,>(list: T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
  document.querySelector('fieldset.profiles')!.addEventListener('change', (e) => {
    f.profiles = toggle(f.profiles, (e.target as HTMLInputElement).value as Filters['profiles'][number]);
    render();
  });
  document.querySelector('fieldset.classes')!.addEventListener('change', (e) => {
    f.classIds = toggle(f.classIds, (e.target as HTMLInputElement).value);
    render();
  });
  for (const s of document.querySelectorAll<HTMLSelectElement>('select[data-key]'))
    s.addEventListener('change', () => {
      (f as unknown as Record<string, string>)[s.dataset.key!] = s.value;
      render();
    });
  document.querySelector('.search input')!.addEventListener('input', (e) => {
    f.search = (e.target as HTMLInputElement).value;
    render();
  });
  render();
  return accounts.length;
}
