import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Account, ClassRef } from '../../src/model/account';
import type { ProfileMetrics } from '../../src/console/parse';
import type { DistributionLog } from '../../src/model/distribution';
import { type FollowUpRow, type Tally, blockedIn, chaseTargets, followUpRows, metricsGap, lastHandoutDay, localDay, mailable, totalOf } from '../../src/model/follow-up';
import { countsOf, daysBetween, trendOf, type Snapshot, type Trend } from '../../src/model/follow-up-history';
import { percentText } from '../../src/model/percent';
import { summaryCsv, summaryFileName, summaryTable } from '../../src/model/follow-up-summary';
import { accountsText, isPlural, ofName, trendSentence } from '../../src/i18n/follow-up';
import { MailPanel } from './MailPanel';
import { ModelChoice } from './ModelChoice';
import { LetterLangChoice } from './LetterLangChoice';
import type { LetterLang } from '../../src/i18n/letter';
import type { SheetModel } from '../../src/pdf';
import { deliver } from './pdf-job';
import { renderInWorker } from './pdf-worker-client';
import { blobUrl } from './blob-url';
import { defaultRequest, usePdf, type ActionsBase } from './use-pdf';
import { useRememberedLangs } from './letter-lang-store';
import { loadMailedIds, recordSnapshot, watchHistory, watchMailedIds } from './follow-up-store';
import { lang, t } from '../shared/lang';

interface Props {
  accounts: Account[];
  /** The classes to show: the school's on the console page, the teacher's own on the teacher page. */
  classes: ClassRef[];
  structureId: string;
  log: DistributionLog;
  actions: ActionsBase;
  /** Teacher page: its own snapshot series (it sees only its classes). */
  teacher: boolean;
  /** Console page: the structure's own activation counts, to cross-check the list's. */
  metrics?: ProfileMetrics[] | undefined;
  /** The publishing section's model: the follow-up's prints start with it, shown and changeable here. */
  model?: SheetModel;
}

/** Above this width the follow-up is a full table; below, compact rows (Chrome's side panel is ~360 px). */
const WIDE = '(min-width: 720px)';

function useWide(): boolean {
  const mq = useMemo(() => window.matchMedia(WIDE), []);
  const [wide, setWide] = useState(mq.matches);
  useEffect(() => {
    const on = () => setWide(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, [mq]);
  return wide;
}

const label = (r: Pick<FollowUpRow, 'kind' | 'name'>): string =>
  r.kind === 'class' ? r.name : t(({ none: 'fuRowNone', teachers: 'fuRowTeachers', personnel: 'fuRowPersonnel', guests: 'fuRowGuests' } as const)[r.kind]);
const ofRow = (r: Pick<FollowUpRow, 'kind' | 'name'>): string =>
  r.kind === 'class' ? ofName(r.name, lang()) : t(({ none: 'fuOfNone', teachers: 'fuOfTeachers', personnel: 'fuOfPersonnel', guests: 'fuOfGuests' } as const)[r.kind]);
const pctText = (x: Tally): string => percentText(x.activated, x.total);
const ratio = (x: Tally): string => (x.total ? `${x.activated} / ${x.total}` : '—');
/** Rows split by profile: the classes and « Sans classe » (students and their parents). */
const split = (r: Pick<FollowUpRow, 'kind'>) => r.kind === 'class' || r.kind === 'none';

/**
 * « Suivi »: where each class stands after the handout, its progress since, and the actions that
 * chase the rest through the same PDF and mail paths as the rest of the panel.
 *
 * Counted once the panel's counter is on screen (at 5,000 accounts the rows and their table cost as
 * much as the rest of the opening): until then the section says it is counting (« calcul en
 * cours… », aria-busy), never a zero. The `<details>` stays the same element, so a section opened
 * meanwhile stays open.
 */
export function FollowUp(props: Props) {
  const ready = useAfterFirstPaint();
  return (
    <details class="follow-up" aria-busy={ready ? 'false' : 'true'}>
      {ready ? (
        <FollowUpBody {...props} />
      ) : (
        <>
          <summary>
            <h2>{t('fuTitle')}</h2> <span class="fu-headline">{t('fuComputing')}</span>
          </summary>
          <p class="hint" role="status">{t('fuComputing')}</p>
        </>
      )}
    </details>
  );
}

/** False for the first render, true once it has been painted (preact runs effects after the paint). */
function useAfterFirstPaint(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const id = setTimeout(() => setReady(true), 0);
    return () => clearTimeout(id);
  }, []);
  return ready;
}

function FollowUpBody({ accounts, classes, structureId, log, actions, teacher, metrics, model }: Props) {
  const wide = useWide();
  const pdf = usePdf(actions);
  const [history, setHistory] = useState<Snapshot[]>([]);
  const [mailed, setMailed] = useState<Set<string>>(new Set());
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [includeReached, setIncludeReached] = useState(false);
  const [mailOpen, setMailOpen] = useState(false);
  const [summary, setSummary] = useState<{ busy: boolean; file?: string; error?: string }>({ busy: false });
  const today = localDay(new Date());

  const rows = useMemo(() => followUpRows(accounts, classes, log, mailed), [accounts, classes, log, mailed]);
  const rowsNow = useRef(rows);
  rowsNow.current = rows;
  // Each read leaves its dated counts (at most one snapshot a day) and learns what a campaign sent.
  useEffect(() => {
    let live = true;
    // Accounts and activated per row: the log and the campaigns do not change them (rows of this render).
    const counts = countsOf(rowsNow.current);
    recordSnapshot(teacher ? 'classes' : 'school', structureId, counts, today)
      .then((h) => live && setHistory(h))
      .catch(() => undefined);
    // An empty set read for an empty one keeps the rows as they are (no recount of 5,000 accounts).
    loadMailedIds(structureId).then((m) => live && setMailed((prev) => (m.size || prev.size ? m : prev))).catch(() => undefined);
    setPicked(new Set());
    // What other panels on this school record shows here too.
    const unwatch = [
      watchHistory(teacher ? 'classes' : 'school', structureId, (h) => live && setHistory(h)),
      watchMailedIds(structureId, (m) => live && setMailed(m)),
    ];
    return () => {
      live = false;
      for (const u of unwatch) u();
    };
  }, [accounts, classes, structureId, teacher]);

  const total = useMemo(() => totalOf(rows), [rows]);
  const gap = useMemo(() => (teacher ? null : metricsGap(metrics, accounts)), [teacher, metrics, accounts]);
  const trends = useMemo(() => {
    const m = new Map<string, { trend: Trend; text: string }>();
    for (const r of rows) {
      const trend = trendOf(history, r.key, lastHandoutDay(r, log), { n: r.all.total, a: r.all.activated }, today);
      // A first reading today with nothing moved yet says nothing worth a line in a 360 px panel.
      if (trend && !(trend.fromDay === today && trend.from === trend.to)) m.set(r.key, { trend, text: trendSentence(t, lang(), label(r), trend, today) });
    }
    return m;
  }, [rows, history, log, today]);

  const chosen = useMemo(() => rows.filter((r) => picked.has(r.key)), [rows, picked]);
  const targets = useMemo(() => chaseTargets(chosen, log, mailed, { includeReached }), [chosen, log, mailed, includeReached]);
  const toMail = useMemo(() => mailable(targets), [targets]);
  const blocked = useMemo(() => blockedIn(chosen).length, [chosen]);
  // Several rows: one bundle per class, each with its cover page, as the class sorting would give.
  const [ownModel, setOwnModel] = useState<SheetModel | null>(null);
  const printModel = ownModel ?? model ?? actions.settings.defaultModel;
  const base = defaultRequest(actions, printModel);
  const [letterLang, setLetterLang] = useState<LetterLang>('fr');
  // the relaunch letter: « Vous n’avez pas encore activé… », with when the codes first went out (this browser's log)
  const since = useMemo(() => {
    const out: Record<string, string> = {};
    for (const a of targets) {
      const e = log.entries[a.id];
      const first = [e?.handed, e?.printed, e?.mailed].filter((x): x is number => typeof x === 'number').sort((x, y) => x - y)[0];
      if (first !== undefined) out[a.id] = new Date(first).toISOString();
    }
    return out;
  }, [targets, log]);
  // families remembered in meeting mode keep their language in the relaunch letter too
  const remembered = useRememberedLangs(structureId, targets, printModel === 'letter');
  const request = {
    ...base, bundles: base.bundles || chosen.length > 1,
    ...(printModel === 'letter' ? { letterLang, letterLangs: remembered, relaunch: { since } } : {}),
  };

  const pick = (key: string, on: boolean) =>
    setPicked((p) => {
      const next = new Set(p);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });

  const schoolName = actions.settings.schoolName || actions.structureName;
  const exportPdf = async () => {
    setSummary({ busy: true });
    try {
      const date = new Date();
      // In the PDF worker too: jsPDF stays out of the panel's bundle and off its main thread.
      const { bytes, pages } = await renderInWorker({ type: 'pdf-summary', table: summaryTable(rows, lang()), options: { lang: lang(), schoolName }, date: date.getTime() }, () => undefined);
      const fileName = summaryFileName(schoolName, date, lang(), 'pdf');
      deliver({ url: blobUrl(new Blob([bytes as BlobPart], { type: 'application/pdf' })), fileName, pages, bytes: bytes.byteLength, accounts: 0 });
      setSummary({ busy: false, file: fileName });
    } catch (e) {
      setSummary({ busy: false, error: (e as Error).message });
    }
  };
  const exportCsv = () => {
    const fileName = summaryFileName(schoolName, new Date(), lang(), 'csv');
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([summaryCsv(rows, lang())], { type: 'text/csv;charset=utf-8' }));
    a.download = fileName;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
    setSummary({ busy: false, file: fileName });
  };

  const selection =
    chosen.length === 0
      ? t('fuNoneSelected')
      : t('fuSelection', {
          of: chosen.length === 1 ? ofRow(chosen[0]!) : t('fuSelectionRows', { n: chosen.length }),
          accounts: accountsText(t, targets.length),
          mailable: toMail.length,
        });

  return (
    <>
      <summary>
        <h2>{t('fuTitle')}</h2>{' '}
        <span class="fu-headline">
          {t(isPlural(total.all.activated) ? 'fuActivatedMany' : 'fuActivatedOne', { a: total.all.activated, n: total.all.total })} · {pctText(total.all)}
        </span>
      </summary>
      <p class="hint">{t('fuIntro')}</p>
      {!teacher && <p class="hint fu-status-note">{t('fuStatusNote')}</p>}
      {gap && (
        <p class="hint fu-metrics-gap" role="note">
          {t('fuMetricsGap', { cn: gap.console.n, ca: gap.console.a, ln: gap.list.n, la: gap.list.a })}
        </p>
      )}
      {wide ? <FollowUpTable rows={rows} total={total} picked={picked} onPick={pick} trends={trends} /> : <FollowUpList rows={rows} total={total} picked={picked} onPick={pick} trends={trends} />}
      <div class="fu-actions" role="group" aria-label={t('fuTitle')}>
        <div class="buttons">
          <button type="button" class="small" onClick={() => setPicked(new Set(rows.map((r) => r.key)))}>
            {t('fuSelectAll')}
          </button>
          <button type="button" class="small" disabled={!picked.size} onClick={() => setPicked(new Set())}>
            {t('fuSelectNone')}
          </button>
        </div>
        <p class="fu-selection" role="status" aria-live="polite">
          {selection}
        </p>
        {blocked > 0 && (
          <p class="hint fu-blocked-note" role="note">
            {t(isPlural(blocked) ? 'fuBlockedSelectionMany' : 'fuBlockedSelectionOne', { n: blocked })}
          </p>
        )}
        <label class="check">
          <input type="checkbox" checked={includeReached} onChange={(e) => setIncludeReached(e.currentTarget.checked)} />
          {t('fuIncludeReached')}
        </label>
        <ModelChoice id="fu-model" label={t('fuModel')} value={printModel} onChange={setOwnModel} />
        {printModel === 'letter' && <LetterLangChoice id="fu-letter-lang" label={t('fuLetterLang')} value={letterLang} onChange={setLetterLang} />}
        <div class="buttons">
          <button type="button" class="primary" disabled={!targets.length || pdf.busy} onClick={() => pdf.generate(targets, request)}>
            {t('fuPrint', { n: targets.length })}
          </button>
          <button type="button" disabled={!toMail.length || !actions.canMail || pdf.busy} onClick={() => setMailOpen(true)}>
            {t('fuMail', { n: toMail.length })}
          </button>
          <button type="button" disabled={!targets.length || pdf.busy} onClick={() => pdf.generate(targets, { ...request, kind: 'roster' })}>
            {t('fuRoster', { n: targets.length })}
          </button>
        </div>
        {!actions.canMail && toMail.length > 0 && <p class="hint">{t('mailNeedsJson')}</p>}
        {pdf.status}
        <div class="buttons">
          <button type="button" disabled={summary.busy} onClick={exportPdf}>
            {t('fuSummaryPdf')}
          </button>
          <button type="button" onClick={exportCsv}>
            {t('fuSummaryCsv')}
          </button>
        </div>
        {summary.file && <p role="status" class="done">{t('fuSummaryDone', { file: summary.file })}</p>}
        {summary.error && <p role="alert" class="error">{t('pdfError', { detail: summary.error })}</p>}
      </div>
      {mailOpen && (
        <MailPanel
          t={t}
          lang={lang()}
          tabId={actions.tabId}
          origin={actions.origin}
          structureId={structureId}
          everyone={actions.everyone}
          accounts={toMail}
          onClose={() => setMailOpen(false)}
          onPrint={(list) => pdf.generate(list, request)}
          onMailed={actions.onMailed}
          mailedAt={actions.mailedAt}
        />
      )}
    </>
  );
}

interface ViewProps {
  rows: FollowUpRow[];
  total: Pick<FollowUpRow, 'all' | 'students' | 'parents'>;
  picked: Set<string>;
  onPick: (key: string, on: boolean) => void;
  trends: Map<string, { trend: Trend; text: string }>;
}

/** Full width: one table line per row, every count in its own column. */
function FollowUpTable({ rows, total, picked, onPick, trends }: ViewProps) {
  return (
    <table class="fu-table">
      <caption class="visually-hidden">{t('fuCaption')}</caption>
      <thead>
        <tr>
          <td />
          <th scope="col">{t('fuColRow')}</th>
          <th scope="col">{t('fuColAccounts')}</th>
          <th scope="col">{t('fuColActivated')}</th>
          <th scope="col">{t('fuColPercent')}</th>
          <th scope="col">{t('fuColStudents')}</th>
          <th scope="col">{t('fuColParents')}</th>
          <th scope="col">{t('fuColReached')}</th>
          <th scope="col">{t('fuColNotReached')}</th>
          <th scope="col">{t('fuColBlocked')}</th>
          <th scope="col">{t('fuColTrend')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const tr = trends.get(r.key);
          return (
            <tr key={r.key} data-key={r.key} class="fu-row">
              <td class="fu-pick">
                {/* The label fills the cell: a 24 px click target around the box. */}
                <label>
                  <input type="checkbox" checked={picked.has(r.key)} aria-label={t('fuSelectRow', { of: ofRow(r) })} onChange={(e) => onPick(r.key, e.currentTarget.checked)} />
                </label>
              </td>
              <th scope="row" class="fu-name">{label(r)}</th>
              <td class="fu-total num">{r.all.total}</td>
              <td class="fu-activated num">{r.all.activated}</td>
              <td class="fu-percent num">
                <Bar t={r.all} /> {pctText(r.all)}
              </td>
              <td class="fu-students num">{split(r) ? ratio(r.students) : '—'}</td>
              <td class="fu-parents num">{split(r) ? ratio(r.parents) : '—'}</td>
              <td class="fu-reached num">{r.all.reached}</td>
              <td class="fu-not-reached num">{r.all.notReached}</td>
              <td class="fu-blocked num">{r.all.blocked}</td>
              <td class="fu-trend">{tr && <Trendline r={r} {...tr} />}</td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr class="fu-total-row">
          <td />
          <th scope="row">{t('fuTotal')}</th>
          <td class="fu-total num">{total.all.total}</td>
          <td class="fu-activated num">{total.all.activated}</td>
          <td class="fu-percent num">{pctText(total.all)}</td>
          <td class="fu-students num">{ratio(total.students)}</td>
          <td class="fu-parents num">{ratio(total.parents)}</td>
          <td class="fu-reached num">{total.all.reached}</td>
          <td class="fu-not-reached num">{total.all.notReached}</td>
          <td class="fu-blocked num">{total.all.blocked}</td>
          <td />
        </tr>
      </tfoot>
    </table>
  );
}

/** Side panel (~360 px): compact rows, the name and % on one line, the details below. */
function FollowUpList({ rows, total, picked, onPick, trends }: ViewProps) {
  const line = (r: Pick<FollowUpRow, 'kind' | 'all' | 'students' | 'parents'>) => (
    <>
      <span class="fu-detail">
        {t(isPlural(r.all.reached) ? 'fuReachedMany' : 'fuReachedOne', { n: r.all.reached })} · {t(isPlural(r.all.notReached) ? 'fuNotReachedMany' : 'fuNotReachedOne', { n: r.all.notReached })}
        {r.all.blocked > 0 && <> · {t(isPlural(r.all.blocked) ? 'fuBlockedMany' : 'fuBlockedOne', { n: r.all.blocked })}</>}
      </span>
      {split(r) && (r.students.total > 0 || r.parents.total > 0) && (
        <span class="fu-detail">{t('fuSplit', { sa: r.students.activated, sn: r.students.total, pa: r.parents.activated, pn: r.parents.total })}</span>
      )}
    </>
  );
  return (
    <ul class="fu-list" aria-label={t('fuCaption')}>
      {rows.map((r) => {
        const tr = trends.get(r.key);
        return (
          <li key={r.key} data-key={r.key} class="fu-row">
            <div class="fu-head">
              <label class="check">
                <input type="checkbox" checked={picked.has(r.key)} aria-label={t('fuSelectRow', { of: ofRow(r) })} onChange={(e) => onPick(r.key, e.currentTarget.checked)} />
                <strong class="fu-name">{label(r)}</strong>
              </label>
              <span class="fu-count">
                {t(isPlural(r.all.activated) ? 'fuActivatedMany' : 'fuActivatedOne', { a: r.all.activated, n: r.all.total })} · {pctText(r.all)}
              </span>
            </div>
            <Bar t={r.all} />
            {line(r)}
            {tr && <Trendline r={r} {...tr} />}
          </li>
        );
      })}
      <li class="fu-row fu-total-row">
        <div class="fu-head">
          <strong>{t('fuTotal')}</strong>
          <span class="fu-count">
            {t(isPlural(total.all.activated) ? 'fuActivatedMany' : 'fuActivatedOne', { a: total.all.activated, n: total.all.total })} · {pctText(total.all)}
          </span>
        </div>
        {line({ ...total, kind: 'class' })}
      </li>
    </ul>
  );
}

/** Activated | handed over or mailed | not reached, as one bar (decorative: the numbers are in text). */
function Bar({ t: x }: { t: Tally }) {
  if (!x.total) return null;
  const w = (n: number) => `${(n * 100) / x.total}%`;
  return (
    <span class="fu-bar" aria-hidden="true">
      <span class="fu-bar-activated" style={{ width: w(x.activated) }} />
      <span class="fu-bar-reached" style={{ width: w(x.reached) }} />
    </span>
  );
}

/** The trend sentence with a small inline chart of the activated count, one point per snapshot. */
function Trendline({ r, trend, text }: { r: FollowUpRow; trend: Trend; text: string }) {
  const W = 72, H = 20, P = 2;
  const first = trend.points[0]!.day;
  const span = Math.max(1, daysBetween(first, trend.points[trend.points.length - 1]!.day));
  const top = Math.max(1, ...trend.points.map((p) => p.n));
  const xy = trend.points.map((p, i) => {
    const x = trend.points.length > 1 && daysBetween(first, p.day) === 0 && i > 0 ? W - P : P + ((W - 2 * P) * daysBetween(first, p.day)) / span;
    return `${x.toFixed(1)},${(H - P - ((H - 2 * P) * p.a) / top).toFixed(1)}`;
  });
  return (
    <span class="fu-trendline">
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('fuChart', { of: ofRow(r) })}>
        <polyline points={xy.join(' ')} fill="none" stroke="currentColor" stroke-width="1.5" />
        <circle cx={xy[xy.length - 1]!.split(',')[0]} cy={xy[xy.length - 1]!.split(',')[1]} r="2" fill="currentColor" />
      </svg>
      <span class="fu-trend-text">{text}</span>
    </span>
  );
}
