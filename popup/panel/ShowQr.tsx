/**
 * « Montrer le QR » (meeting mode): one account's activation QR full-screen, so that a parent scans
 * it with a phone on the spot; the code itself is never shown. « Remis » records the handover only
 * when the director confirms it with that button; « Fermer » or Escape record nothing.
 */
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { type Account, displayName } from '../../src/model/account';
import { qrText } from '../../src/pdf/wording';
import { QR_QUIET, qrLeftOut, qrRuns } from '../../src/pdf/qr';
import { t } from '../shared/lang';
import { Isolate } from '../shared/isolate';

/** The QR's dark modules as one SVG path (quiet zone of 4 modules), as the sheets draw it. */
function qrPath(text: string): { d: string; n: number } {
  const { n, runs } = qrRuns(text);
  let d = '';
  for (const [r, c, len] of runs) d += `M${c + QR_QUIET} ${r + QR_QUIET}h${len}v1h-${len}z`;
  return { d, n: n + 2 * QR_QUIET };
}

export function ShowQr({ account, entUrl, onHanded, onClose }: { account: Account; entUrl: string; onHanded: () => void; onClose: () => void }) {
  // the activation link with its code: in this page's memory and on screen as a QR only
  // a login too long for any QR (as on the sheets, qrLeftOut): said, instead of a blank panel
  const qr = useMemo(() => {
    const text = qrText(account, entUrl, 'full') ?? entUrl;
    return qrLeftOut(text) ? null : qrPath(text);
  }, [account, entUrl]);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const back = document.activeElement as HTMLElement | null;
    root.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      back?.focus?.();
    };
  }, []);
  const name = displayName(account);
  return (
    <div class="show-qr" role="dialog" aria-modal="true" aria-labelledby="show-qr-title" tabIndex={-1} ref={root}>
      <h2 id="show-qr-title">
        <Isolate text={t('showQrTitle', { name })} values={[name]} />
      </h2>
      {qr ? (
        <svg class="show-qr-code" viewBox={`0 0 ${qr.n} ${qr.n}`} role="img" aria-label={t('showQrAlt', { name })} shape-rendering="crispEdges">
          <rect width={qr.n} height={qr.n} fill="#fff" />
          <path d={qr.d} fill="#000" />
        </svg>
      ) : null}
      <p role={qr ? undefined : 'alert'}>{t(qr ? 'showQrHint' : 'showQrTooLong')}</p>
      <div class="buttons">
        <button type="button" class="primary" onClick={onHanded}>
          {t('showQrHanded')}
        </button>
        <button type="button" onClick={onClose}>
          {t('close')}
        </button>
      </div>
    </div>
  );
}
