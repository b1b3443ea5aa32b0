import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type Account, type ClassRef, hasEmail, isActivated } from '../../src/model/account';
import { EMPTY_FILTERS, type Filters, buildSearchIndex, focusOnClasses, makePredicate } from '../../src/model/filters';
import { type SortKey, type SortOrder, sortAccounts, sortsByClass } from '../../src/model/sort';
import { type DistributionLog, emptyLog, missing, record, unrecord, type DistributionEvent } from '../../src/model/distribution';
import { routes } from '../../src/console/endpoints';
import { requestLabel } from '../../src/console/errors';
import { readWhy } from '../../src/i18n/ui';
import type { Settings } from '../../src/settings';
import { joinClasses, navigateConsole, schoolClasses } from './console-link';
import { FiltersForm } from './FiltersForm';
import { VerificationList } from './VerificationList';
import { DEFAULT_PREFS, loadPrefs, sameStored, savePrefs, TEACHER_DEFAULT_SORT, type Prefs } from './prefs';
import { type RosterState, useRoster, type Roster } from './use-roster';
import { dropLog, loadLog, LogUnreadable, updateLog, watchLog } from './distribution-store';
import { Actions } from './Actions';
import { MeetingMode } from './MeetingMode';
import { ChannelPlan } from './ChannelPlan';
import { FollowUp } from './FollowUp';
import { lang, t } from '../shared/lang';
import { ConsoleProblem, isConsoleProblem, type Problem } from '../shared/ConsoleProblem';
import type { ConsoleError } from '../../src/console/errors';
import { filterChips } from './filter-chips';
import { Summary } from './Summary';
import { Isolate } from '../shared/isolate';
import { useCampaignElsewhere } from './use-campaign-elsewhere';
import { useSameProps } from './same-props';
import { counts as campaignCounts } from '../../src/campaign/campaign';
import { ext } from '../../src/platform/browser-api';
import { isMessage, type PageClass } from '../../src/messages';
import type { PageKind } from '../../src/console/endpoints';

export function Panel({ tabId, settings }: { tabId: number | null; settings: Settings }) {
  const { status, page, reload } = useRoster(tabId);
  return (
    <main class="panel">
      <header class="panel-header">
        <h1>{t('panelTitle')}</h1>
        <button type="button" class="link" onClick={() => ext().runtime.openOptionsPage()}>
          {t('popupSettings')}
        </button>
      </header>
      <StatusView status={status} tabId={tabId} origin={page?.origin ?? ''} consolePath={page?.path ?? '/'} kind={page?.kind ?? 'massmail'} reload={reload} settings={settings} />
    </main>
  );
}

interface StatusProps {
  status: RosterState;
  tabId: number | null;
  consolePath: string;
  origin: string;
  kind: PageKind;
  reload: (s?: string | null) => void;
  settings: Settings;
}

function StatusView({ status, tabId, origin, consolePath, kind, reload, settings }: StatusProps) {
  if (status.state === 'no-page') return <p class="notice" role="status">{t('noConsole')}</p>;
  if (status.state === 'loading')
    return (
      <div class="notice" role="status" aria-live="polite">
        <progress aria-label={t('loading')} />
        <p>
          {status.tableWaitS ? t('loadingTable', { s: status.tableWaitS })
            : status.receivedBytes ? t('loadingBytes', { kb: Math.round(status.receivedBytes / 1024) }) : t('loading')}
        </p>
      </div>
    );
  if (status.state === 'error') return <ErrorView error={status.error} tabId={tabId} origin={origin} consolePath={consolePath} teacher={kind === 'class-admin'} reload={reload} />;
  if (status.roster.chooseClass && tabId !== null) return <ClassChooser roster={status.roster} tabId={tabId} reload={() => reload()} />;
  if (!status.roster.accounts.length)
    return (
      <div class="notice" role="status">
        <p>{t('empty')}</p>
        <StructureSwitch roster={status.roster} reload={reload} />
      </div>
    );
  return <Workspace roster={status.roster} tabId={tabId!} origin={origin} kind={kind} reload={reload} settings={settings} />;
}

function ErrorView({ error, tabId, origin, consolePath, teacher, reload }: { error: { kind: string; detail: string; status?: number } & Partial<Omit<ConsoleError, 'kind'>>; tabId: number | null; origin: string; consolePath: string; teacher: boolean; reload: () => void }) {
  const go = (path: string) => tabId !== null && navigateConsole(tabId, origin + path);
  if (isConsoleProblem(error))
    return (
      <div class={`error error-${error.kind}`} role="alert">
        <ConsoleProblem t={t} problem={error as Problem} go={(url) => tabId !== null && navigateConsole(tabId, url)} consoleUrl={origin + consolePath} />
        <p class="actions">
          <button type="button" onClick={() => reload()}>
            {t('retry')}
          </button>
        </p>
      </div>
    );
  const msg: Record<string, string> = {
    session: error.status === 401 ? t('errSession401') : t('errSession'),
    mfa: t('errMfa'),
    // On the teacher page nobody is asked to be an administrator: the class is what is missing.
    forbidden: teacher ? t('errNoClassRight') : t('errForbidden'),
    format: t('errFormat', { detail: error.detail }),
    'not-found': t('errFormat', { detail: error.detail }),
    network: t('errNetwork', { detail: error.detail }),
    content: t('errContent'),
    'read-failed': t('errReadFailed', { request: requestLabel(error.request ?? ''), why: readWhy(t, error.kind, error.status) }),
  };
  return (
    <div class={`error error-${error.kind}`} role="alert">
      <p>{msg[error.kind] ?? t('errServer', { detail: error.detail })}</p>
      <p class="actions">
        {error.kind === 'session' && (
          // Back to the console page after the login, never to this extension page's path.
          <button type="button" onClick={() => go(routes.login(consolePath))}>
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

/**
 * A teacher with no class yet (September): the same choice as the class page's own chooser
 * (choose-class.ts): a school among theirs, its classes from `GET /userbook/structure/:id`, then
 * joining them with `PUT /directory/class/add-self`. The page reloads, then the panel reads the class.
 */
function ClassChooser({ roster, tabId, reload }: { roster: Roster; tabId: number; reload: () => void }) {
  const schools = roster.structures;
  const [school, setSchool] = useState<string | null>(schools.length === 1 ? schools[0]!.id : null);
  const [pending, setPending] = useState(schools.length === 1 ? schools[0]!.id : '');
  const [classes, setClasses] = useState<ClassRef[] | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [joining, setJoining] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [listFailure, setListFailure] = useState<string | null>(null);
  useEffect(() => {
    if (!school) return;
    let live = true;
    setClasses(null);
    setPicked([]);
    setListFailure(null);
    schoolClasses(tabId, school).then((r) => {
      if (!live) return;
      if (r.ok) setClasses(r.classes);
      else setListFailure(r.error.detail);
    });
    return () => {
      live = false;
    };
  }, [school, tabId]);
  const join = async () => {
    setJoining(true);
    setFailure(null);
    const r = await joinClasses(tabId, picked);
    if (r.ok) return reload();
    setJoining(false);
    setFailure(r.error.detail);
  };
  return (
    <form class="notice class-chooser" onSubmit={(e) => (e.preventDefault(), picked.length && !joining && join())}>
      <p role="status">{t('chooseClassIntro')}</p>
      {schools.length > 1 && (
        <p class="actions">
          <label class="structure">
            <span>{t('chooseClassSchool')}</span>
            <select value={pending} onChange={(e) => setPending(e.currentTarget.value)}>
              <option value="" />
              {schools.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            </select>
          </label>
          <button type="button" disabled={!pending || pending === school} onClick={() => setSchool(pending)}>{t('chooseClassSchoolGo')}</button>
        </p>
      )}
      {school && !classes && !listFailure && <p role="status">{t('chooseClassLoading')}</p>}
      {listFailure && <p class="warning" role="alert">{t('chooseClassListFailed', { detail: listFailure })}</p>}
      {classes && !classes.length && <p role="status">{t('chooseClassNone')}</p>}
      {classes && classes.length > 0 && (
        <>
          <fieldset disabled={joining}>
            <legend>{t('chooseClassLegend')}</legend>
            {classes.map((c) => (
              <label key={c.id}>
                <input type="checkbox" checked={picked.includes(c.id)}
                  onChange={(e) => setPicked((p) => (e.currentTarget.checked ? [...p, c.id] : p.filter((x) => x !== c.id)))} />
                {c.name}
              </label>
            ))}
          </fieldset>
          <button type="submit" disabled={!picked.length || joining}>{t('chooseClassGo')}</button>
        </>
      )}
      {joining && <p role="status">{t('chooseClassJoining')}</p>}
      {failure && <p class="warning" role="alert">{t('chooseClassFailed', { detail: failure })}</p>}
    </form>
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

interface WorkspaceProps {
  roster: Roster;
  tabId: number;
  origin: string;
  kind: PageKind;
  reload: (s?: string | null) => void;
  settings: Settings;
}

function Workspace({ roster, tabId, origin, kind, reload, settings }: WorkspaceProps) {
  const [prefs, setPrefs] = useState<Prefs>({ ...DEFAULT_PREFS, model: settings.defaultModel });
  const [prefsLoaded, setPrefsLoaded] = useState(false);
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const [log, setLog] = useState<DistributionLog>(emptyLog(roster.structureId));
  /** The stored log could not be read (nothing is written over it), or a mark could not be saved. */
  const [logProblem, setLogProblem] = useState<'unreadable' | 'unsaved' | null>(null);
  /** The school's choices (filters, sort, model) could not be saved for next time. */
  const [prefsUnsaved, setPrefsUnsaved] = useState(false);
  const [missingOnly, setMissingOnly] = useState(false);
  /** What « Réimprimer les manquants » changed, so « Annuler » puts it back. */
  const [reprint, setReprint] = useState<{ filters: Filters; excluded: Set<string>; replaced: string[] } | null>(null);
  const reprintNote = useRef<HTMLDivElement>(null);
  /** Meeting mode open: a parent may see the screen, so nothing but the family found is shown. */
  const [meeting, setMeeting] = useState(false);

  useEffect(() => {
    let live = true;
    setPrefsLoaded(false);
    const teacher = kind === 'class-admin';
    Promise.all([loadPrefs(roster.structureId, settings.defaultModel, teacher ? TEACHER_DEFAULT_SORT : undefined), loadLog(roster.structureId).catch(() => {
      setLogProblem('unreadable');
      return emptyLog(roster.structureId);
    })]).then(([p, l]) => {
      if (!live) return;
      // The class the teacher's page shows is the one they are working on: the panel starts on it.
      const pageClass = teacher ? roster.pageClassId : undefined;
      setPrefs(pageClass ? { ...p, filters: { ...p.filters, classIds: [pageClass] } } : p);
      setLog(l);
      setPrefsLoaded(true);
    });
    setExcluded(new Set());
    setMissingOnly(false);
    setReprint(null);
    setLogProblem(null);
    // Another panel on this school marks, prints or mails: this one shows it at once.
    const unwatch = watchLog(roster.structureId, (l) => live && (setLog(l), setLogProblem(null)), () => live && setLogProblem('unreadable'));
    return () => {
      live = false;
      unwatch();
    };
  }, [roster.structureId, roster.pageClassId]);

  // The teacher switches class on the page: the panel follows, as it started on the page's class.
  useEffect(() => {
    if (kind !== 'class-admin') return;
    const onMessage = (msg: unknown, sender: chrome.runtime.MessageSender) => {
      if (sender.tab?.id !== tabId || !isMessage<PageClass>(msg, 'page-class')) return;
      if (roster.classes.some((c) => c.id === msg.classId))
        setPrefs((p) => ({ ...p, filters: { ...p.filters, classIds: [msg.classId] } }));
      // A class of their other school: read that school, the page's class then preselected.
      else reload(null);
    };
    ext().runtime.onMessage.addListener(onMessage);
    return () => ext().runtime.onMessage.removeListener(onMessage);
  }, [kind, tabId, roster.classes, reload]);

  // Saved as soon as the user changes a choice (not in an effect, which may run after the panel closes).
  const changePrefs = (fn: (p: Prefs) => Prefs) =>
    setPrefs((prev) => {
      const next = fn(prev);
      if (prefsLoaded && !sameStored(prev, next)) savePrefs(roster.structureId, next).then(() => setPrefsUnsaved(false), () => setPrefsUnsaved(true));
      return next;
    });

  // Shown at once; stored as a delta merged into what other panels wrote (distribution-store.ts).
  const mark = (ids: Iterable<string>, event: DistributionEvent, on = true) => {
    const list = [...ids];
    const at = Date.now();
    const structureId = roster.structureId;
    setLog((prev) => (on ? record(prev, list, event, at) : unrecord(prev, list, event)));
    updateLog(structureId, list, event, on, at)
      .then((stored) => setLog((prev) => (prev.structureId === structureId ? stored : prev)))
      .catch((e) => setLogProblem(e instanceof LogUnreadable ? 'unreadable' : 'unsaved'));
  };

  const resetLog = () => {
    const structureId = roster.structureId;
    dropLog(structureId)
      .then(() => loadLog(structureId))
      .then((l) => {
        setLog(l);
        setLogProblem(null);
      })
      .catch(() => setLogProblem('unreadable'));
  };

  const elsewhere = useCampaignElsewhere(roster.structureId);
  const index = useMemo(() => buildSearchIndex(roster.accounts), [roster.accounts]);
  // Sort once per roster and order; other filters keep that order and never re-sort. A class ticked
  // sorts again only when the order is by class (the classes an account is seen in change it).
  const byClass = sortsByClass(prefs.sort);
  const presorted = useMemo(() => (byClass ? null : sortAccounts(roster.accounts, prefs.sort)), [roster.accounts, prefs.sort, byClass]);
  const sorted = useMemo(
    () => (presorted ? focusOnClasses(presorted, prefs.filters.classIds) : sortAccounts(focusOnClasses(roster.accounts, prefs.filters.classIds), prefs.sort)),
    [presorted, roster.accounts, prefs.filters.classIds, prefs.sort],
  );
  const filtered = useMemo(() => {
    const f = sorted.filter(makePredicate(prefs.filters, index));
    return missingOnly ? missing(f, log) : f;
  }, [sorted, prefs.filters, index, missingOnly, log]);
  const selected = useMemo(() => (excluded.size ? filtered.filter((a) => !excluded.has(a.id)) : filtered), [filtered, excluded]);
  const counts = useMemo(() => {
    let noEmail = 0;
    let activated = 0;
    for (const a of selected) {
      if (!hasEmail(a)) noEmail++;
      if (isActivated(a)) activated++;
    }
    return { noEmail, activated, excluded: filtered.length - selected.length };
  }, [selected, filtered]);

  const setFilters = (filters: Filters) => changePrefs((p) => ({ ...p, filters }));
  const setSort = (sort: SortOrder) => changePrefs((p) => ({ ...p, sort }));
  const structureName = roster.structures.find((s) => s.id === roster.structureId)?.name ?? roster.structureId;

  // The same functions from render to render: the list's rows compare their props to skip a redraw.
  const toggle = useCallback(
    (id: string) =>
      setExcluded((prev) => {
        const next = new Set(prev);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    [],
  );
  const sheetUrl = useMemo(
    () => (kind === 'massmail' && roster.source === 'json' ? (a: Account) => origin + routes.userSheet(roster.structureId, a.id) : undefined),
    [kind, roster.source, roster.structureId, origin],
  );
  const openSheet = useCallback((url: string) => navigateConsole(tabId, url), [tabId]);

  /**
   * The parents absent from the meeting: keeps the class and profile filters (the class being
   * followed up) and the courriel one (« Sans courriel » is the paper relaunch), drops the others —
   * named in the note, with « Annuler » to put them back.
   */
  const reprintMissing = () => {
    const before = prefs.filters;
    const replaced = filterChips(before, roster.classes, t, lang())
      .filter((c) => !kept(c.key))
      .map((c) => c.label);
    setReprint({ filters: before, excluded, replaced });
    changePrefs((p) => ({ ...p, filters: { ...EMPTY_FILTERS, profiles: before.profiles, classIds: before.classIds, email: before.email } }));
    setExcluded(new Set());
    setMissingOnly(true);
    setTimeout(() => reprintNote.current?.focus(), 0);
  };
  const undoReprint = () => {
    if (!reprint) return;
    changePrefs((p) => ({ ...p, filters: reprint.filters }));
    setExcluded(reprint.excluded);
    setMissingOnly(false);
    setReprint(null);
  };
  // only said in the « Réimprimer les manquants » note
  const keptScope = !missingOnly ? [] : filterChips({ ...EMPTY_FILTERS, profiles: prefs.filters.profiles, classIds: prefs.filters.classIds, email: prefs.filters.email }, roster.classes, t, lang())
    .map((c) => c.label);

  // The same functions from render to render (they call the latest `mark`), so the props made of
  // them compare equal while nothing they stand for has changed (useSameProps below).
  const latestMark = useRef(mark);
  latestMark.current = mark;
  const onPrinted = useCallback((ids: string[]) => latestMark.current(ids, 'printed'), []);
  const onMailed = useCallback((ids: string[]) => latestMark.current(ids, 'mailed'), []);
  const latestLog = useRef(log);
  latestLog.current = log;
  const mailedAt = useCallback((id: string) => latestLog.current.entries[id]?.mailed, []);
  const actionsBase = {
    origin,
    structureName,
    settings,
    sortByClass: prefs.sort.first === 'class',
    tabId,
    structureId: roster.structureId,
    canMail: roster.source === 'json',
    onPrinted,
    onMailed,
    mailedAt,
    everyone: roster.accounts,
  };

  // The same element until what it shows changes: a filter change (5,000 accounts) no longer redraws
  // the follow-up's table. Its props are compared as they are (useSameProps), not through a list of
  // dependencies kept by hand.
  const followUpProps = useSameProps({ accounts: roster.accounts, classes: roster.classes, structureId: roster.structureId, log, actions: actionsBase, teacher: kind === 'class-admin', metrics: roster.metrics, model: prefs.model });
  const followUp = useMemo(() => <FollowUp {...followUpProps} />, [followUpProps]);
  // Likewise the meeting mode: nothing of it changes with a filter.
  const onHandedMark = useCallback((ids: string[], on: boolean) => latestMark.current(ids, 'handed', on), []);
  const meetingProps = useSameProps({ accounts: roster.accounts, index, log, onMark: onHandedMark, actions: actionsBase, open: meeting, onOpen: setMeeting });
  const meetingMode = useMemo(() => <MeetingMode {...meetingProps} />, [meetingProps]);

  // Until this school's saved choices are read, no control shows: a click made before they arrive
  // would be silently replaced by them (and not saved).
  if (!prefsLoaded)
    return (
      <div class="notice" role="status" aria-live="polite">
        <progress aria-label={t('loading')} />
      </div>
    );

  return (
    <div class={meeting ? 'workspace in-meeting' : 'workspace'}>
      {/* In meeting mode only the family found shows (the summary stays out too: it is sticky, not wrappable). */}
      {!meeting && <Summary selected={selected.length} noEmail={counts.noEmail} activated={counts.activated} excluded={counts.excluded} />}
      {logProblem && (
        <div class="warning log-problem" role="alert">
          <p>{t(logProblem === 'unreadable' ? 'logUnreadable' : 'logUnsaved')}</p>
          {logProblem === 'unreadable' && (
            <p>
              <button type="button" onClick={resetLog}>{t('logReset')}</button> {t('logResetHint')}
            </p>
          )}
        </div>
      )}
      {!meeting && prefsUnsaved && (
        <p class="warning" role="alert">
          {t('prefsUnsaved')}
        </p>
      )}
      {!meeting && elsewhere && <ElsewhereNote campaign={elsewhere} />}
      {!meeting && <StructureSwitch roster={roster} reload={reload} />}
      {!meeting && roster.source === 'table' && <p class="warning" role="status">{t('sourceTable', { detail: roster.sourceDetail ?? '' })}</p>}
      {!meeting && !!roster.unlistedRelatives && <p class="warning" role="status">{t('unlistedRelatives', { n: roster.unlistedRelatives })}</p>}
      {meetingMode}
      {/* Hidden, not unmounted: filters, ticks and the list's place are kept for after the meeting. */}
      <div class="after-meeting" hidden={meeting}>
      {followUp}
      <FiltersForm t={t} lang={lang()} filters={prefs.filters} classes={roster.classes} onChange={setFilters} teacher={kind === 'class-admin'} />
      {missingOnly && (
        <div class="warning reprint-note" role="status" tabIndex={-1} ref={reprintNote}>
          <p>{t('missingOnly', { n: filtered.length })}</p>
          <p>{keptScope.length ? <Isolate text={t('reprintKept', { list: keptScope.join(', ') })} values={keptScope} /> : t('reprintWholeSchool')}</p>
          {reprint && reprint.replaced.length > 0 && (
            <p>
              <Isolate text={t('reprintReplaced', { list: reprint.replaced.join(', ') })} values={reprint.replaced} />
            </p>
          )}
          <p class="buttons">
            {reprint && (
              <button type="button" onClick={undoReprint}>
                {t('cancel')}
              </button>
            )}
            <button type="button" class="link" onClick={() => (setMissingOnly(false), setReprint(null))}>
              {t('showAll')}
            </button>
          </p>
        </div>
      )}
      <div class="bulk">
        <button type="button" onClick={() => setExcluded(new Set())}>
          {t('includeAll')}
        </button>
        <button type="button" onClick={() => setExcluded(new Set(filtered.map((a) => a.id)))}>
          {t('excludeAll')}
        </button>
        <button type="button" onClick={reprintMissing}>
          {t('reprintMissing')}
        </button>
      </div>
      <VerificationList
        t={t}
        lang={lang()}
        rows={filtered}
        excluded={excluded}
        onToggle={toggle}
        log={log}
        sheetUrl={sheetUrl}
        onOpenSheet={openSheet}
      />
      <SortBox sort={prefs.sort} onChange={setSort} />
      <Actions
        {...actionsBase}
        selected={selected}
        model={prefs.model}
        onModel={(model) => changePrefs((p) => ({ ...p, model }))}
        noEmail={counts.noEmail}
        onHanded={onHandedMark}
      />
      <ChannelPlan accounts={selected} actions={actionsBase} />
      </div>
    </div>
  );
}

/** The filters « Réimprimer les manquants » keeps, by chip key (filter-chips.ts). */
const kept = (key: string) => key.startsWith('p:') || key.startsWith('c:') || key === 'email';

/** A campaign of this school runs in another window: said at the top, with its progress, live. */
function ElsewhereNote({ campaign }: { campaign: Exclude<ReturnType<typeof useCampaignElsewhere>, null> }) {
  const n = campaign === 'starting' ? null : campaignCounts(campaign);
  return (
    <p class="warning mail-elsewhere" role="status">
      {n ? t('mailElsewhereProgress', { done: n.sent + n.failed + n.unknown, total: n.total - n.skipped }) : t('mailElsewhere')}
    </p>
  );
}

function SortBox({ sort, onChange }: { sort: SortOrder; onChange: (s: SortOrder) => void }) {
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
