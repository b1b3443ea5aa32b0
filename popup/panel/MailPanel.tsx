import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { counts, createCampaign, requeue, resumeFrom, toCsv, type Campaign } from '../../src/campaign/campaign';
import { uncertainCampaign, type StoredCampaign } from '../../src/campaign/compact';
import { mailSummary } from '../../src/campaign/mail-summary';
import { formatTime, tally } from '../../src/campaign/report';
import { runCampaign } from '../../src/campaign/runner';
import type { Account } from '../../src/model/account';
import type { Lang, Translate, UiKey } from '../../src/i18n/ui';
import type { StopReason } from '../../src/campaign/types';
import { giveBackQueued, holdRunPort, navigateConsole, sendMail } from './console-link';
import { ConsoleProblem, type Problem } from '../shared/ConsoleProblem';
import type { TabState } from '../../src/messages';
import { ext } from '../../src/platform/browser-api';
import { afterNextPaint } from './after-paint';
import { holdPreviewWhileMailing } from './pdf-worker-client';
import { pin } from './dialog-pin';
import { blobUrl, revokeLater } from './blob-url';
import { dropCampaign, readCampaign, saveCampaign, watchCampaignEvery } from './campaign-store';
import { campaignLockReleased, campaignRunningElsewhere, withCampaignLock } from './locks';

interface Props {
  t: Translate;
  lang: Lang;
  tabId: number;
  /** The console origin the accounts were read from. */
  origin: string;
  structureId: string;
  accounts: Account[];
  /** Every account read, for the names of a resumed campaign's report (its accounts need not be selected now). */
  everyone?: readonly Account[];
  onClose: () => void;
  onPrint: (accounts: Account[]) => void;
  /** Accounts just mailed (called during the run too, so a closed panel loses none of them). */
  onMailed: (ids: string[]) => void;
  /** When the distribution log last saw an account mailed: the dialog says who would get a second mail. */
  mailedAt?: (id: string) => number | undefined;
}

/**
 * Per-request timeout of the sends (the console tab's fetch). `panel.html?mailTimeoutMs=` shortens the
 * 30 s default, for tests; the runner's own guard fires a little later, so the fetch is aborted first.
 */
const MAIL_TIMEOUT_MS = (() => {
  const v = Number(new URLSearchParams(location.search).get('mailTimeoutMs'));
  return Number.isInteger(v) && v >= 1_000 && v <= 120_000 ? v : 30_000;
})();

/** Requests at the console at once (the runner's default), each lane with its next chunk handed over ahead. */
const MAIL_CONCURRENCY = 4;

/** Why a run stopped, as the director reads it: every reason has its own words (none falls back on another's). */
const STOPPED: Record<StopReason, UiKey> = {
  session: 'mailStoppedSession',
  mfa: 'mailStoppedMfa',
  forbidden: 'mailStoppedForbidden',
  'wrong-console': 'mailStoppedWrongConsole',
  storage: 'mailStoppedStorage',
  'tab-closed': 'mailStoppedTabClosed',
};

/**
 * A run stopped because the ENT wants a check first (MFA, terms, e-mail…): which one, and the link
 * to its page, as the console client reported it for the mail request (tab record, issue 18.8).
 */
function MailCheck({ t, tabId }: { t: Translate; tabId: number }) {
  const [problem, setProblem] = useState<Problem | null>(null);
  const [consoleUrl, setConsoleUrl] = useState<string | undefined>(undefined);
  useEffect(() => {
    let tries = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The content script's report may reach the background a moment after the run stopped.
    const read = () =>
      ext().runtime.sendMessage({ type: 'get-tab-state', tabId }).then((s: TabState | undefined) => {
        if (s?.page) setConsoleUrl(s.page.origin + s.page.path);
        if (s?.problem?.kind === 'check') setProblem(s.problem);
        else if (++tries < 10) timer = setTimeout(read, 300);
      }, () => undefined);
    read();
    return () => clearTimeout(timer);
  }, [tabId]);
  if (!problem) return null;
  return <ConsoleProblem t={t} problem={problem} go={(url) => void navigateConsole(tabId, url)} {...(consoleUrl ? { consoleUrl } : {})} />;
}

type Stage =
  | { kind: 'checking' }
  | { kind: 'confirm' }
  /** Another page holds the school's campaign lock: its progress, live, and nothing to click but « Fermer ». */
  | { kind: 'elsewhere' }
  | { kind: 'resume'; saved: Campaign; resumable: Campaign }
  | { kind: 'unreadable'; stored: Extract<StoredCampaign, { kind: 'unreadable' }> }
  | { kind: 'running' }
  | { kind: 'ended' };

const same = (a: Campaign, b: Campaign) => a.id === b.id && a.updatedAt === b.updatedAt;
/** The record still is the one this dialog showed (nobody resumed, finished or replaced it meanwhile). */
const stillThere = (fresh: StoredCampaign, shown: Campaign) => fresh.kind === 'ok' && same(fresh.campaign, shown);

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/**
 * "Envoyer par courriel": says who gets what, then sends the exact previewed ids through the console,
 * in small chunks, recording each account's state so a reload resumes without sending anyone twice.
 *
 * One campaign per school at a time, across every page of the extension: the run holds the school's
 * Web Lock (locks.ts), and every action that writes the stored campaign (send, resume, resend,
 * discard) takes it first and checks that the record is still the one the director saw.
 */
export function MailPanel({ t, lang, tabId, origin, structureId, accounts, everyone, onClose, onPrint, onMailed, mailedAt }: Props) {
  const [stage, setStage] = useState<Stage>({ kind: 'checking' });
  const [campaign, setCampaign] = useState<Campaign | null>(null);
  /** A campaign running in another page, as its last write says (null: not written yet). */
  const [other, setOther] = useState<StoredCampaign | null>(null);
  const [notice, setNotice] = useState<'changed' | null>(null);
  const [starting, setStarting] = useState(false);
  const [onlyNotActivated, setOnlyNotActivated] = useState<boolean | null>(null);
  const stop = useRef<AbortController | null>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  const alive = useRef(true);
  const names = useMemo(() => new Map([...(everyone ?? []), ...accounts].map((a) => [a.id, a])), [accounts, everyone]);
  const [skipMailed, setSkipMailed] = useState(false);
  const plain = useMemo(() => mailSummary(accounts, false, { mailedAt }), [accounts, mailedAt]);
  // Checked by default when the selection mixes activated and not-activated accounts with an address.
  const only = onlyNotActivated ?? plain.mixed;
  const summary = useMemo(
    () => (only || skipMailed ? mailSummary(accounts, only, { mailedAt, skipMailed }) : plain),
    [accounts, only, skipMailed, plain, mailedAt],
  );

  /** Where the stored campaign stands now: decides the stage (and waits out a run elsewhere). */
  const refresh = async (afterOther = false): Promise<void> => {
    if (!alive.current) return;
    if (await campaignRunningElsewhere(structureId)) {
      setStage({ kind: 'elsewhere' });
      setOther(await readCampaign(structureId));
      const ac = new AbortController();
      waits.current.push(ac);
      campaignLockReleased(structureId, ac.signal)
        .then(() => refresh(true))
        .catch(() => undefined);
      return;
    }
    const s = await readCampaign(structureId);
    if (!alive.current) return;
    campaignSeen.current = s.kind === 'ok' ? s.campaign : null;
    if (s.kind === 'unreadable') return setStage({ kind: 'unreadable', stored: s });
    if (s.kind === 'ok') {
      const resumable = resumeFrom(s.campaign);
      if (resumable.status !== 'done') {
        setCampaign(null);
        return setStage({ kind: 'resume', saved: s.campaign, resumable });
      }
      if (afterOther) {
        // The run of another page (or the one this page was about to redo) has ended: its report.
        setCampaign(s.campaign);
        return setStage({ kind: 'ended' });
      }
    }
    setStage({ kind: 'confirm' });
  };
  const waits = useRef<AbortController[]>([]);
  const stageKind = useRef<Stage['kind']>('checking');
  stageKind.current = stage.kind;
  /** The stored campaign as this dialog last showed it: a new send may replace it only if still that one. */
  const campaignSeen = useRef<Campaign | null>(null);

  // Firefox's sidebar stays on this tab while the dialog is open (dialog-pin.ts).
  useEffect(() => pin(), []);

  useEffect(() => {
    alive.current = true;
    refresh();
    // Only a run elsewhere needs it (this page's own run updates `campaign` directly).
    const unwatch = watchCampaignEvery(structureId, 250, (c) => stageKind.current === 'elsewhere' && setOther(c.read()));
    return () => {
      alive.current = false;
      unwatch();
      for (const w of waits.current) w.abort();
    };
  }, [structureId]);

  // A new phase, a new title: focus goes to it, so a screen reader reads where the dialog now is.
  useEffect(() => {
    title.current?.focus();
  }, [stage.kind]);

  /**
   * Takes the school's lock, reads the stored record again and lets `make` decide from it: a campaign
   * to run, 'handled' (it did its work under the lock), or null when the record is no longer the one
   * shown (then the dialog shows it as it now is).
   */
  const start = async (make: (fresh: StoredCampaign) => Campaign | 'handled' | null | Promise<Campaign | 'handled' | null>) => {
    setNotice(null);
    setStarting(true);
    const r = await withCampaignLock(structureId, async () => {
      const c = await make(await readCampaign(structureId));
      setStarting(false);
      if (!c) return false;
      if (c !== 'handled') await run(c);
      return true;
    }).finally(() => setStarting(false));
    if (!r.ok) return refresh();
    if (!r.value) {
      setNotice('changed');
      await refresh(true);
    }
  };

  /**
   * The last state of a run this page stored. When a later write failed (the run stopped for
   * `storage`), the stored record is older than the campaign shown, yet nobody else touched it:
   * the shown one, which this page knows to be true, is then the one to go on from.
   */
  const lastSaved = useRef<{ id: string; updatedAt: number } | null>(null);
  const current = (fresh: StoredCampaign, shown: Campaign) =>
    stillThere(fresh, shown) ||
    (fresh.kind === 'ok' && fresh.campaign.id === shown.id && fresh.campaign.updatedAt === lastSaved.current?.updatedAt && lastSaved.current.id === shown.id);

  /** Runs `c` (the lock is held by `start`). */
  const run = async (c: Campaign) => {
    setCampaign(c);
    setStage({ kind: 'running' });
    stop.current = new AbortController();
    // The distribution log learns who was mailed as the run goes, not only at its end.
    const reported = new Set(c.order.filter((id) => c.entries[id]!.state === 'sent'));
    let flushedAt = Date.now();
    const flush = (x: Campaign) => {
      const fresh = x.order.filter((id) => x.entries[id]!.state === 'sent' && !reported.has(id));
      for (const id of fresh) reported.add(id);
      flushedAt = Date.now();
      if (fresh.length) onMailed(fresh);
    };
    // Each lane's next chunk is recorded and handed over while its current one is at the console, which
    // then never waits for this page: a thousand accounts went ×1.3 slower than the console itself.
    const runId = crypto.randomUUID();
    const releasePort = holdRunPort(tabId, runId);
    const releasePreview = holdPreviewWhileMailing();
    const end = await runCampaign(c, {
      send: (ids) => sendMail(tabId, origin, structureId, ids, MAIL_TIMEOUT_MS, { id: runId, slots: MAIL_CONCURRENCY }),
      concurrency: MAIL_CONCURRENCY,
      depth: 2,
      abandon: () => void giveBackQueued(tabId, runId),
      // A handed-over chunk may wait one request's time at the console tab before its own request.
      timeoutMs: 2 * MAIL_TIMEOUT_MS + 2_000,
      save: async (x) => {
        const at = x.updatedAt;
        await saveCampaign(x);
        lastSaved.current = { id: x.id, updatedAt: at };
      },
      // saveCampaign encodes the campaign before its storage write: no snapshot to copy for it.
      saveReadsAtOnce: true,
      onUpdate: (x) => {
        setCampaign(x);
        if (Date.now() - flushedAt > 10_000) flush(x);
      },
      // The dialog redraws at most every 250 ms, not twice per chunk: on a school of a thousand
      // accounts those redraws (each a copy of every entry) held the page's thread while the next
      // chunk waited to be handed over.
      updateEveryMs: 250,
      signal: stop.current.signal,
    }).finally(() => {
      releasePort();
      releasePreview();
    });
    setCampaign(end);
    setStage({ kind: 'ended' });
    // The report first: the log's last marks redraw the whole panel (the follow-up recounts every
    // account), which held the report back, by a quarter of a second under load.
    afterNextPaint(() => flush(end));
  };

  const resumeSaved = (saved: Campaign) => start((fresh) => (stillThere(fresh, saved) ? resumeFrom((fresh as { campaign: Campaign }).campaign) : null));
  const discard = (saved: Campaign) =>
    start(async (fresh) => {
      if (!stillThere(fresh, saved)) return null;
      await dropCampaign(structureId);
      campaignSeen.current = null;
      setStage({ kind: 'confirm' });
      return 'handled';
    });
  const sendNew = () =>
    start((fresh) => {
      // Only over nothing, or over a finished campaign this dialog knew about.
      if (fresh.kind === 'unreadable') return null;
      if (fresh.kind === 'ok' && resumeFrom(fresh.campaign).status !== 'done') return null;
      if (fresh.kind === 'ok' && !(campaignSeen.current && same(fresh.campaign, campaignSeen.current))) return null;
      return createCampaign(structureId, summary.recipients);
    });

  const showUncertain = (stored: Extract<StoredCampaign, { kind: 'unreadable' }>) =>
    start(async (fresh) => {
      if (fresh.kind !== 'unreadable' || !stored.ids) return null;
      // Written back readable: its accounts stay « incertain » (never resent without asking).
      const c = uncertainCampaign(structureId, stored.ids, Date.now());
      await saveCampaign(c);
      setCampaign(c);
      setStage({ kind: 'ended' });
      return 'handled';
    });
  const forgetUnreadable = () =>
    start(async (fresh) => {
      if (fresh.kind !== 'unreadable') return null;
      await dropCampaign(structureId);
      campaignSeen.current = null;
      setStage({ kind: 'confirm' });
      return 'handled';
    });

  const exportCsv = (c: Campaign) => {
    const blob = new Blob([toCsv(c, names, lang)], { type: 'text/csv;charset=utf-8' });
    const a = document.createElement('a');
    a.href = blobUrl(blob);
    a.download = `publipostage-mail-${new Date().toISOString().slice(0, 10)}.csv`;
    a.click();
    revokeLater(a.href);
  };

  // Between a click and its run (the lock, a fresh read of the record) nothing is offered twice.
  const view: Stage = starting ? { kind: 'checking' } : stage;
  const idle = view.kind !== 'running' && !starting;
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && idle) {
      e.preventDefault();
      onClose();
      return;
    }
    if (e.key !== 'Tab' || !dialog.current) return;
    // Modal: Tab and Shift+Tab cycle inside the dialog, never to the page behind.
    const items = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
    if (!items.length) return e.preventDefault();
    const first = items[0]!;
    const last = items[items.length - 1]!;
    const at = document.activeElement;
    if (e.shiftKey && (at === first || at === title.current || !dialog.current.contains(at))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (at === last || !dialog.current.contains(at))) {
      e.preventDefault();
      first.focus();
    }
  };

  const titleKey =
    view.kind === 'running' || starting ? 'mailTitleRunning'
    : view.kind === 'ended' ? 'mailTitleEnded'
    : view.kind === 'resume' ? 'mailTitleResume'
    : view.kind === 'elsewhere' ? 'mailTitleElsewhere'
    : view.kind === 'unreadable' ? 'mailTitleUnreadable'
    : 'confirmTitle';

  const report = (c: Campaign) => {
    const n = tally(c);
    return <p class="report">{t('mailReport', { ...n })}</p>;
  };
  const progress = (c: Campaign) => {
    const n = counts(c);
    const total = n.total - n.skipped;
    const done = n.sent + n.failed + n.unknown;
    return (
      <>
        <progress max={total} value={done} aria-label={t('mailProgress', { done, total })} />
        <p role="status" aria-live="polite">{t('mailProgress', { done, total })}</p>
      </>
    );
  };

  return (
    <div class="dialog-backdrop">
      <div class="dialog mail-dialog" role="dialog" aria-modal="true" aria-labelledby="mail-title" ref={dialog} onKeyDown={onKey}>
        <h2 id="mail-title" tabIndex={-1} ref={title}>{t(titleKey)}</h2>
        {notice === 'changed' && <p class="warning mail-changed">{t('mailChanged')}</p>}
        {view.kind === 'checking' && <progress aria-label={t('loading')} />}
        {view.kind === 'elsewhere' && (
          <div class="mail-run">
            <p class="warning">{t('mailElsewhere')}</p>
            {other?.kind === 'ok' ? (
              progress(other.campaign)
            ) : (
              <p role="status" aria-live="polite">{t('mailElsewhereStarting')}</p>
            )}
            <p class="hint">{t('mailElsewhereHint')}</p>
            <p class="buttons">
              <button type="button" onClick={onClose}>{t('close')}</button>
            </p>
          </div>
        )}
        {view.kind === 'unreadable' && (
          <>
            <p class="warning">{t('mailUnreadable')}</p>
            <p>{view.stored.ids ? t('mailUnreadableIds', { n: view.stored.ids.length }) : t('mailUnreadableNoIds', { n: view.stored.count ?? '?' })}</p>
            <p class="buttons">
              {view.stored.ids ? (
                <button type="button" class="primary" onClick={() => showUncertain(view.stored)}>{t('mailUnreadableShow')}</button>
              ) : (
                <button type="button" onClick={forgetUnreadable}>{t('mailUnreadableForget')}</button>
              )}
              <button type="button" onClick={onClose}>{t('cancel')}</button>
            </p>
          </>
        )}
        {view.kind === 'resume' && (
          <>
            <p>{t('mailResumeOffer', { pending: counts(view.resumable).pending })}</p>
            <p>{t('mailResumeScope', { total: view.saved.order.length, date: formatTime(view.saved.createdAt, lang).slice(0, 16), sel: accounts.length })}</p>
            {report(view.resumable)}
            <p class="buttons">
              <button type="button" class="primary" onClick={() => resumeSaved(view.saved)}>
                {t('mailResume')}
              </button>
              <button type="button" onClick={() => discard(view.saved)}>
                {t('mailDiscard')}
              </button>
              <button type="button" onClick={onClose}>
                {t('cancel')}
              </button>
            </p>
          </>
        )}
        {view.kind === 'confirm' && (
          <>
            {summary.lines.map((l) => (
              <p key={l.key}>
                {t(l.key, l.vars.at === undefined ? l.vars : { ...l.vars, date: formatTime(l.vars.at, lang).slice(0, 10) })}
                {l.action === 'print-no-email' && (
                  <>
                    {' '}
                    <button type="button" onClick={() => onPrint(summary.withoutEmail)}>
                      {t('printThose')}
                    </button>
                  </>
                )}
              </p>
            ))}
            {plain.reminders > 0 && (
              <label class="check">
                <input type="checkbox" checked={only} onChange={(e) => setOnlyNotActivated(e.currentTarget.checked)} />
                {t('mailOnlyNotActivated')}
              </label>
            )}
            {summary.mailedBefore > 0 && (
              <label class="check">
                <input type="checkbox" checked={skipMailed} onChange={(e) => setSkipMailed(e.currentTarget.checked)} />
                {t('mailSkipMailed')}
              </label>
            )}
            <p class="buttons">
              <button type="button" onClick={onClose}>
                {t('cancel')}
              </button>
              <button type="button" class="primary" disabled={summary.reminders + summary.activations === 0} onClick={sendNew}>
                {t('confirmSend')}
              </button>
            </p>
          </>
        )}
        {(view.kind === 'running' || view.kind === 'ended') && campaign && (
          <div class="mail-run">
            {view.kind === 'running' ? (
              progress(campaign)
            ) : (
              <p role="status" aria-live="polite">
                {campaign.status === 'stopped'
                  ? t(STOPPED[campaign.stopReason ?? 'session'], { origin })
                  : campaign.status === 'paused'
                    ? t('mailPaused', { pending: counts(campaign).pending })
                    : ''}
              </p>
            )}
            {view.kind === 'ended' && campaign.status === 'stopped' && campaign.stopReason === 'mfa' && <MailCheck t={t} tabId={tabId} />}
            {view.kind === 'ended' && report(campaign)}
            {view.kind === 'ended' && counts(campaign).unknown > 0 && <p class="hint">{t('mailUnknownNote', { n: counts(campaign).unknown })}</p>}
            <p class="buttons">
              {view.kind === 'running' && (
                <button type="button" onClick={() => stop.current?.abort()}>
                  {t('mailStop')}
                </button>
              )}
              {view.kind === 'ended' && counts(campaign).pending > 0 && campaign.stopReason !== 'tab-closed' && (
                <button type="button" class="primary" onClick={() => start((fresh) => (current(fresh, campaign) ? campaign : null))}>
                  {t('mailResume')}
                </button>
              )}
              {view.kind === 'ended' && counts(campaign).unknown > 0 && (
                <button
                  type="button"
                  onClick={() => start((fresh) => (current(fresh, campaign) ? requeue(campaign, campaign.order.filter((id) => campaign.entries[id]!.state === 'unknown')) : null))}
                >
                  {t('mailResendUnknown')}
                </button>
              )}
              {view.kind === 'ended' && (
                <>
                  <button type="button" onClick={() => exportCsv(campaign)}>
                    {t('mailExportCsv')}
                  </button>
                  <button type="button" onClick={onClose}>
                    {t('close')}
                  </button>
                </>
              )}
            </p>
          </div>
        )}
      </div>
    </div>
  );
}
