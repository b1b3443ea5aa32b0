import { useEffect, useRef, useState } from 'preact/hooks';
import { type Account, displayName } from '../src/model/account';
import type { Translate } from '../src/i18n/ui';
import type { DistributionLog } from '../src/model/distribution';

interface Props {
  t: Translate;
  lang: string;
  rows: Account[];
  excluded: ReadonlySet<string>;
  onToggle: (id: string) => void;
  log: DistributionLog;
  /** The account's sheet in the console (admin page, JSON source), opened in the console tab. */
  sheetUrl?: ((a: Account) => string) | undefined;
  onOpenSheet?: (url: string) => void;
}

const ROW_HEIGHT = 30;
const OVERSCAN = 10;

function frDate(iso: string | null, lang: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleDateString(lang === 'en' ? 'en-GB' : 'fr-FR');
}

/** The console's lock icon for a non-activated account (drawn, not an emoji: fonts vary). */
function LockIcon({ label }: { label: string }) {
  return (
    <span class="lock" role="img" aria-label={label} title={label}>
      <svg viewBox="0 0 12 14" width="10" height="12" aria-hidden="true">
        <path d="M3 6V4a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" stroke-width="1.6" />
        <rect x="1" y="6" width="10" height="8" rx="1.5" fill="currentColor" />
      </svg>
    </span>
  );
}

function followUp(code: string | null, e: DistributionLog['entries'][string] | undefined, t: Translate, lang: string): string {
  if (!code) return t('followActivated');
  if (!e) return '';
  const d = (ms: number) => new Date(ms).toLocaleDateString(lang === 'en' ? 'en-GB' : 'fr-FR');
  if (e.handed) return t('followHanded', { date: d(e.handed) });
  if (e.mailed) return t('followMailed', { date: d(e.mailed) });
  if (e.printed) return t('followPrinted', { date: d(e.printed) });
  return '';
}

/**
 * The verification list: every filtered account, but only the rows in view are in the DOM, so a
 * 5,000-account structure scrolls and filters as fast as a small school.
 */
export function VerificationList({ t, lang, rows, excluded, onToggle, log, sheetUrl, onOpenSheet }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight || 600));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    // A new filter result starts at the top, where the user looks.
    if (box.current) box.current.scrollTop = 0;
    setScrollTop(0);
  }, [rows]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const visible = rows.slice(first, last);

  return (
    <div class="list" ref={box} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} tabIndex={0} aria-label={t('listLabel')}>
      <table aria-rowcount={rows.length + 1}>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col" class="c-inc">{t('colInclude')}</th>
            <th scope="col">{t('colLastName')}</th>
            <th scope="col">{t('colFirstName')}</th>
            <th scope="col">{t('colProfile')}</th>
            <th scope="col">{t('colLogin')}</th>
            <th scope="col">{t('colCode')}</th>
            <th scope="col">{t('colEmail')}</th>
            <th scope="col">{t('colClass')}</th>
            <th scope="col">{t('colCreated')}</th>
            <th scope="col">{t('colChildren')}</th>
            <th scope="col">{t('colFollowUp')}</th>
          </tr>
        </thead>
        <tbody>
          {first > 0 && <tr class="spacer" style={{ height: `${first * ROW_HEIGHT}px` }} aria-hidden="true" />}
          {visible.map((a, i) => (
            <tr key={a.id} aria-rowindex={first + i + 2} class={excluded.has(a.id) ? 'excluded' : ''} data-id={a.id}>
              <td class="c-inc">
                <input
                  type="checkbox"
                  checked={!excluded.has(a.id)}
                  aria-label={t('include', { name: displayName(a) })}
                  onChange={() => onToggle(a.id)}
                />
              </td>
              <td>
                {a.activationCode && <LockIcon label={t('notActivated')} />}
                {sheetUrl ? (
                  <a
                    href={sheetUrl(a)}
                    title={t('openSheet')}
                    onClick={(e) => {
                      e.preventDefault();
                      onOpenSheet?.(sheetUrl(a));
                    }}
                  >
                    {a.lastName}
                  </a>
                ) : (
                  a.lastName
                )}
              </td>
              <td>{a.firstName}</td>
              <td class={a.profile}>{t(a.profile)}</td>
              <td>{a.login}</td>
              <td class="code">{a.activationCode ?? ''}</td>
              <td title={a.email ?? ''}>{a.email ?? (a.emailOnFile ? t('emailOnFile') : '')}</td>
              <td>
                {a.classes.map((c) => c.name).join(', ')}
                {a.classesDerived && <span class="derived" title={t('derivedClasses')}> *<span class="visually-hidden"> ({t('derivedClasses')})</span></span>}
              </td>
              <td>{frDate(a.creationDate, lang)}</td>
              <td>{a.children.map((c) => `${c.firstName} ${c.lastName}`).join(', ')}</td>
              <td class="follow">{followUp(a.activationCode, log.entries[a.id], t, lang)}</td>
            </tr>
          ))}
          {last < rows.length && <tr class="spacer" style={{ height: `${(rows.length - last) * ROW_HEIGHT}px` }} aria-hidden="true" />}
        </tbody>
      </table>
    </div>
  );
}
