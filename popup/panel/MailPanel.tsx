import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { counts, createCampaign, requeue, resumeFrom, toCsv, type Campaign } from '../../src/campaign/campaign';
import { runCampaign } from '../../src/campaign/runner';
import { type Account, hasEmail } from '../../src/model/account';
import type { Lang, Translate } from '../../src/i18n/ui';
import { navigateConsole, sendMail } from './console-link';
import { ConsoleProblem, type Problem } from '../shared/ConsoleProblem';
import type { TabState } from '../../src/messages';
import { ext } from '../../src/platform/browser-api';
import { blobUrl, revokeLater } from './blob-url';
import { dropCampaign, loadCampaign, saveCampaign } from './campaign-store';

interface Props {
  t: Translate;
  lang: Lang;
  tabId: number;
  /** The console origin the accounts were read from. */
  origin: string;
  structureId: string;
  accounts: Account[];
  onClose: () => void;
  onPrint: (accounts: Account[]) => void;
  onMailed: (ids: string[]) => void;
}

/**
 * Per-request timeout of the sends (the console tab's fetch). `panel.html?mailTimeoutMs=` shortens the
 * 30 s default, for tests; the runner's own guard fires a little later, so the fetch is aborted first.
 */
const MAIL_TIMEOUT_MS = (() => {
  const v = Number(new URLSearchParams(location.search).get('mailTimeoutMs'));
  return Number.isInteger(v) && v >= 1_000 && v <= 120_000 ? v : 30_000;
})();

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

type Stage = { kind: 'checking' } | { kind: 'confirm' } | { kind: 'resume'; saved: Campaign } | { kind: 'running' } | { kind: 'ended' };

/**
 * "Envoyer par mail": confirm, then send the exact previewed ids through the console, in small
 * chunks, recording each account's state so a reload resumes without sending anyone twice.
 */
export function MailPanel({ t, lang, tabId, origin, structureId, accounts, onClose, onPrint, onMailed }: Props) {
  const [stage, setStage] = useState<Stage>({ kind: 'checking' });
  const [campaign, setCampaign] = useState<Campaign | null>(null);
  const stop = useRef<AbortController | null>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const withoutEmail = useMemo(() => accounts.filter((a) => !hasEmail(a)), [accounts]);
  const names = useMemo(() => new Map(accounts.map((a) => [a.id, a])), [accounts]);

  useEffect(() => {
    loadCampaign(structureId).then((saved) => {
      const resumable = saved && resumeFrom(saved);
      if (resumable && resumable.status !== 'done') setStage({ kind: 'resume', saved: resumable });
      else setStage({ kind: 'confirm' });
    });
  }, [structureId]);

  useEffect(() => {
    dialog.current?.querySelector<HTMLElement>('button.primary, button')?.focus();
  }, [stage.kind]);

  const run = async (c: Campaign) => {
    setCampaign(c);
    setStage({ kind: 'running' });
    stop.current = new AbortController();
    const end = await runCampaign(c, {
      send: (ids) => sendMail(tabId, origin, structureId, ids, MAIL_TIMEOUT_MS),
      timeoutMs: MAIL_TIMEOUT_MS + 2_000,
      save: saveCampaign,
      onUpdate: setCampaign,
      signal: stop.current.signal,
    });
    setCampaign(end);
    setStage({ kind: 'ended' });
    onMailed(end.order.filter((id) => end.entries[id]!.state === 'sent'));
  };

  const exportCsv = (c: Campaign) => {
    const blob = new Blob([toCsv(c, names, lang)], { type: 'text/csv;charset=utf-8' });
    const a = document.createElement('a');
    a.href = blobUrl(blob);
    a.download = `publipostage-mail-${new Date().toISOString().slice(0, 10)}.csv`;
    a.click();
    revokeLater(a.href);
  };

  const n = campaign ? counts(campaign) : null;
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && stage.kind !== 'running') onClose();
  };

  return (
    <div class="dialog-backdrop">
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="mail-title" ref={dialog} onKeyDown={onKey}>
        <h2 id="mail-title">{t('confirmTitle')}</h2>
        {stage.kind === 'checking' && <progress aria-label={t('loading')} />}
        {stage.kind === 'resume' && (
          <>
            <p>{t('mailResumeOffer', { pending: counts(stage.saved).pending })}</p>
            <p class="buttons">
              <button type="button" class="primary" onClick={() => run(stage.saved)}>
                {t('mailResume')}
              </button>
              <button
                type="button"
                onClick={async () => {
                  await dropCampaign(structureId);
                  setStage({ kind: 'confirm' });
                }}
              >
                {t('mailDiscard')}
              </button>
              <button type="button" onClick={onClose}>
                {t('cancel')}
              </button>
            </p>
          </>
        )}
        {stage.kind === 'confirm' && (
          <>
            <p>{t('confirmText', { n: accounts.length - withoutEmail.length })}</p>
            {withoutEmail.length > 0 && (
              <p>
                {t('confirmNoEmail', { n: withoutEmail.length })}{' '}
                <button type="button" onClick={() => onPrint(withoutEmail)}>
                  {t('printThose')}
                </button>
              </p>
            )}
            <p class="buttons">
              <button type="button" class="primary" onClick={() => run(createCampaign(structureId, accounts))}>
                {t('confirmSend')}
              </button>
              <button type="button" onClick={onClose}>
                {t('cancel')}
              </button>
            </p>
          </>
        )}
        {(stage.kind === 'running' || stage.kind === 'ended') && campaign && n && (
          <div class="mail-run">
            <progress max={n.total - n.skipped} value={n.sent + n.failed + n.unknown} aria-label={t('mailProgress', { done: n.sent + n.failed + n.unknown, total: n.total - n.skipped })} />
            <p role="status" aria-live="polite">
              {stage.kind === 'running'
                ? t('mailProgress', { done: n.sent + n.failed + n.unknown, total: n.total - n.skipped })
                : campaign.status === 'stopped'
                  ? campaign.stopReason === 'mfa'
                    ? t('mailStoppedMfa')
                    : campaign.stopReason === 'forbidden'
                      ? t('mailStoppedForbidden')
                      : campaign.stopReason === 'wrong-console'
                        ? t('mailStoppedWrongConsole', { origin })
                        : t('mailStoppedSession')
                  : campaign.status === 'paused'
                    ? t('mailPaused', { pending: n.pending })
                    : ''}
            </p>
            {stage.kind === 'ended' && campaign.status === 'stopped' && campaign.stopReason === 'mfa' && <MailCheck t={t} tabId={tabId} />}
            <p class="report">{t('mailReport', { sent: n.sent, skipped: n.skipped, failed: n.failed, unknown: n.unknown })}</p>
            <p class="buttons">
              {stage.kind === 'running' && (
                <button type="button" onClick={() => stop.current?.abort()}>
                  {t('mailStop')}
                </button>
              )}
              {stage.kind === 'ended' && n.pending > 0 && (
                <button type="button" class="primary" onClick={() => run(campaign)}>
                  {t('mailResume')}
                </button>
              )}
              {stage.kind === 'ended' && n.unknown > 0 && (
                <button type="button" onClick={() => run(requeue(campaign, campaign.order.filter((id) => campaign.entries[id]!.state === 'unknown')))}>
                  {t('mailResendUnknown')}
                </button>
              )}
              {stage.kind === 'ended' && (
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
