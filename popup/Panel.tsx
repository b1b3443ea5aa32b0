import { useEffect, useMemo, useState } from 'preact/hooks';
import { type Account, hasEmail, isActivated } from '../src/model/account';
import { type Filters, buildSearchIndex, makePredicate } from '../src/model/filters';
import { type SortKey, type SortOrder, sortAccounts } from '../src/model/sort';
import { routes } from '../src/console/endpoints';
import { pickLang, translator, type Translate } from '../src/i18n/ui';
import { navigateConsole } from './console-link';
import { FiltersForm } from './FiltersForm';
import { VerificationList } from './VerificationList';
import { DEFAULT_PREFS, loadPrefs, savePrefs, type Prefs } from './prefs';
import { type RosterState, useRoster, type Roster } from './use-roster';
import { deliver, makePdf, type PdfResult } from './pdf-job';
import type { SheetModel } from './sheet-model';
import { MailPanel } from './MailPanel';

const lang = pickLang(navigator.language);
const t = translator(lang);

export function Panel({ tabId }: { tabId: number | null }) {
  const { status, page, reload } = useRoster(tabId);
  return (
    <main class="panel">
      <header>
        <h1>{t('panelTitle')}</h1>
      </header>
      <StatusView status={status} tabId={tabId} origin={page?.origin ?? ''} reload={reload} />
    </main>
  );
}

function StatusView({ status, tabId, origin, reload }: { status: RosterState; tabId: number | null; origin: string; reload: (s?: string) => void }) {
  if (status.state === 'no-page') return <p class="notice" role="status">{t('noConsole')}</p>;
  if (status.state === 'loading')
    return (
      <div class="notice" role="status" aria-live="polite">
        <progress aria-label={t('loading')} />
        <p>{status.receivedBytes ? t('loadingBytes', { kb: Math.round(status.receivedBytes / 1024) }) : t('loading')}</p>
      </div>
    );
  if (status.state === 'error') return <ErrorView error={status.error} tabId={tabId} origin={origin} reload={reload} />;
  if (!status.roster.accounts.length)
    return (
      <div class="notice" role="status">
        <p>{t('empty')}</p>
        <StructureSwitch roster={status.roster} reload={reload} />
      </div>
    );
  return <Workspace roster={status.roster} tabId={tabId!} origin={origin} reload={reload} />;
}

function ErrorView({ error, tabId, origin, reload }: { error: { kind: string; detail: string; status?: number }; tabId: number | null; origin: string; reload: () => void }) {
  const go = (path: string) => tabId !== null && navigateConsole(tabId, origin + path);
  const msg: Record<string, string> = {
    session: 'status' in error && error.status === 401 ? t('errSession401') : t('errSession'),
    mfa: t('errMfa'),
    forbidden: t('errForbidden'),
    format: t('errFormat', { detail: error.detail }),
    'not-found': t('errFormat', { detail: error.detail }),
    'bad-request': t('errServer', { detail: error.detail }),
    server: t('errServer', { detail: error.detail }),
    timeout: t('errServer', { detail: error.detail }),
    network: t('errNetwork', { detail: error.detail }),
    content: t('errContent'),
  };
  return (
    <div class={`error error-${error.kind}`} role="alert">
      <p>{msg[error.kind] ?? t('errServer', { detail: error.detail })}</p>
      <p class="actions">
        {error.kind === 'session' && (
          <button type="button" onClick={() => go(routes.login(location.pathname))}>
            {t('errSessionLink')}
          </button>
        )}
        {error.kind === 'mfa' && (
          <button type="button" onClick={() => go(routes.validateMfa())}>
            {t('errMfaLink')}
          </button>
        )}
        <button type="button" onClick={() => reload()}>
          {t('retry')}
        </button>
      </p>
    </div>
  );
}

function StructureSwitch({ roster, reload }: { roster: Roster; reload: (s?: string) => void }) {
  if (roster.structures.length < 2) return null;
  return (
    <label class="structure">
      <span>{t('structure')}</span>
      <select value={roster.structureId} onChange={(e) => reload(e.currentTarget.value)}>
        {roster.structures.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </label>
  );
}

function Workspace({ roster, tabId, origin, reload }: { roster: Roster; tabId: number; origin: string; reload: (s?: string) => void }) {
  const [prefs, setPrefs] = useState<Prefs>(DEFAULT_PREFS);
  const [prefsLoaded, setPrefsLoaded] = useState(false);
  const [excluded, setExcluded] = useState<Set<string>>(new Set());

  useEffect(() => {
    let live = true;
    setPrefsLoaded(false);
    loadPrefs(roster.structureId).then((p) => {
      if (!live) return;
      // `?q=` comes from the popup's quick search (parents' meeting).
      const q = new URLSearchParams(location.search).get('q');
      setPrefs(q ? { ...p, filters: { ...p.filters, search: q } } : p);
      setPrefsLoaded(true);
    });
    setExcluded(new Set());
    return () => {
      live = false;
    };
  }, [roster.structureId]);

  useEffect(() => {
    if (prefsLoaded) savePrefs(roster.structureId, prefs).catch(() => undefined);
  }, [prefs, prefsLoaded, roster.structureId]);

  const index = useMemo(() => buildSearchIndex(roster.accounts), [roster.accounts]);
  // Sort once per roster and order; filtering keeps that order, so a filter change never re-sorts.
  const sorted = useMemo(() => sortAccounts(roster.accounts, prefs.sort), [roster.accounts, prefs.sort]);
  const filtered = useMemo(() => sorted.filter(makePredicate(prefs.filters, index)), [sorted, prefs.filters, index]);
  const selected = useMemo(() => (excluded.size ? filtered.filter((a) => !excluded.has(a.id)) : filtered), [filtered, excluded]);
  const counts = useMemo(() => {
    let noEmail = 0;
    let activated = 0;
    for (const a of selected) {
      if (!hasEmail(a)) noEmail++;
      if (isActivated(a)) activated++;
    }
    return { noEmail, activated };
  }, [selected]);

  const setFilters = (filters: Filters) => setPrefs((p) => ({ ...p, filters }));
  const setSort = (sort: SortOrder) => setPrefs((p) => ({ ...p, sort }));
  const structureName = roster.structures.find((s) => s.id === roster.structureId)?.name ?? roster.structureId;

  const toggle = (id: string) =>
    setExcluded((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div class="workspace">
      <StructureSwitch roster={roster} reload={reload} />
      {roster.source === 'table' && <p class="warning" role="status">{t('sourceTable', { detail: roster.sourceDetail ?? '' })}</p>}
      <FiltersForm t={t} filters={prefs.filters} classes={roster.classes} onChange={setFilters} />
      <SortBox t={t} sort={prefs.sort} onChange={setSort} />
      <Actions
        t={t}
        selected={selected}
        model={prefs.model}
        onModel={(model) => setPrefs((p) => ({ ...p, model }))}
        origin={origin}
        structureName={structureName}
        sortByClass={prefs.sort.first === 'class'}
        tabId={tabId}
        structureId={roster.structureId}
        canMail={roster.source === 'json'}
        noEmail={counts.noEmail}
      />
      <div class="counters" role="status" aria-live="polite">
        <span class="count-selected">{t('countSelected', { n: selected.length })}</span>
        <span class="count-no-email">{t('countNoEmail', { n: counts.noEmail })}</span>
        <span class="count-activated">{t('countActivated', { n: counts.activated })}</span>
      </div>
      <div class="bulk">
        <button type="button" onClick={() => setExcluded(new Set())}>
          {t('includeAll')}
        </button>
        <button type="button" onClick={() => setExcluded(new Set(filtered.map((a) => a.id)))}>
          {t('excludeAll')}
        </button>
      </div>
      <VerificationList t={t} lang={lang} rows={filtered} excluded={excluded} onToggle={toggle} />
    </div>
  );
}

function SortBox({ t, sort, onChange }: { t: Translate; sort: SortOrder; onChange: (s: SortOrder) => void }) {
  const opts: [SortKey, string][] = [
    ['none', t('sortNone')],
    ['profile', t('sortProfile')],
    ['class', t('sortClass')],
  ];
  return (
    <section class="sort" aria-labelledby="sort-title">
      <h2 id="sort-title">{t('sortTitle')}</h2>
      <label>
        <span>{t('sortBy')}</span>
        <select
          value={sort.first}
          onChange={(e) => {
            const first = e.currentTarget.value as SortKey;
            onChange({ first, second: first === 'none' || sort.second === first ? 'none' : sort.second });
          }}
        >
          {opts.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      </label>
      {sort.first !== 'none' && (
        <label>
          <span>{t('sortThen')}</span>
          <select value={sort.second} onChange={(e) => onChange({ ...sort, second: e.currentTarget.value as SortKey })}>
            {opts
              .filter(([v]) => v !== sort.first)
              .map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
          </select>
        </label>
      )}
      <p class="hint">{t('sortNotice')}</p>
    </section>
  );
}

interface ActionsProps {
  t: Translate;
  selected: Account[];
  model: SheetModel;
  onModel: (m: SheetModel) => void;
  origin: string;
  structureName: string;
  sortByClass: boolean;
  tabId: number;
  structureId: string;
  canMail: boolean;
  noEmail: number;
}

function Actions(p: ActionsProps) {
  const { t } = p;
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<PdfResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [mailOpen, setMailOpen] = useState(false);
  const none = p.selected.length === 0;
  const mailReason = none ? t('nothingSelected') : !p.canMail ? t('mailNeedsJson') : p.noEmail === p.selected.length ? t('noEmailSelected') : null;

  const generate = async (accounts: Account[] = p.selected) => {
    setError(null);
    setResult(null);
    setProgress({ done: 0, total: accounts.length });
    try {
      const pdf = await makePdf(
        accounts,
        { model: p.model, lang, entUrl: p.origin, qr: 'full', bundles: p.sortByClass, date: new Date() },
        p.structureName,
        (done, total) => setProgress({ done, total }),
      );
      setResult(pdf);
      deliver(pdf);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setProgress(null);
    }
  };

  return (
    <section class="publish" aria-label={t('generatePdf')}>
      <label>
        <span>{t('model')}</span>
        <select value={p.model} onChange={(e) => p.onModel(e.currentTarget.value as SheetModel)}>
          <option value="pdf">{t('model1')}</option>
          <option value="newPdf">{t('model2')}</option>
          <option value="simplePdf">{t('model8')}</option>
        </select>
      </label>
      <div class="buttons">
        <button type="button" class="primary" disabled={none || !!progress} aria-describedby={none ? 'why-disabled' : undefined} onClick={() => generate()}>
          {t('generatePdf')}
        </button>
        <button
          type="button"
          disabled={!!mailReason || !!progress}
          aria-describedby={mailReason ? 'why-mail-disabled' : undefined}
          onClick={() => setMailOpen(true)}
        >
          {t('sendMail')}
        </button>
      </div>
      {none && <p id="why-disabled" class="hint">{t('nothingSelected')}</p>}
      {!none && mailReason && <p id="why-mail-disabled" class="hint">{mailReason}</p>}
      {progress && (
        <div role="status" aria-live="polite" class="progress">
          <progress max={progress.total} value={progress.done} aria-label={t('pdfProgress', progress)} />
          <span>{t('pdfProgress', progress)}</span>
        </div>
      )}
      {result && (
        <p role="status" class="done">
          {t('pdfDone', { pages: result.pages, accounts: p.selected.length, kb: Math.round(result.bytes / 1024) })}{' '}
          <a href={result.url} download={result.fileName}>
            {result.fileName}
          </a>
        </p>
      )}
      {error && <p role="alert" class="error">{t('pdfError', { detail: error })}</p>}
      {mailOpen && (
        <MailPanel
          t={t}
          lang={lang}
          tabId={p.tabId}
          structureId={p.structureId}
          accounts={p.selected}
          onClose={() => setMailOpen(false)}
          onPrint={(accounts) => generate(accounts)}
        />
      )}
    </section>
  );
}
