import { useEffect, useRef, useState } from 'preact/hooks';
import { type Account, displayName, isActivated, isBlocked } from '../../src/model/account';
import type { Translate } from '../../src/i18n/ui';
import type { DistributionLog } from '../../src/model/distribution';
import { useNarrow } from './use-narrow';

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
/** Two-line rows below ~720 px (see use-narrow.ts): must match `.list.compact li` in panel.css. */
const COMPACT_ROW_HEIGHT = 48;
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

/** The lock of a not-activated account and the last name, linked to the console's user sheet like its own rows. */
function LastName({ a, t, sheetUrl, onOpenSheet }: { a: Account; t: Translate; sheetUrl: Props['sheetUrl']; onOpenSheet: Props['onOpenSheet'] }) {
  return (
    <>
      {a.activationCode && <LockIcon label={t('notActivated')} />}
      {sheetUrl ? (
        <a
          href={sheetUrl(a)}
          tabIndex={-1}
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
      {isBlocked(a) && <BlockedMark a={a} t={t} />}
    </>
  );
}

/** « bloqué » beside the name: entcore never activates a blocked account (or one of a blocked profile). */
function BlockedMark({ a, t }: { a: Account; t: Translate }) {
  const title = isActivated(a) ? t('blockedActivatedTitle') : a.blocked ? t('blockedMarkTitle') : t('profileBlockedTitle');
  return (
    <>
      {' '}
      <span class="blocked-mark" title={title}>
        {t('blockedMark')}
        <span class="visually-hidden"> ({title})</span>
      </span>
    </>
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
export function VerificationList(props: Props) {
  const { t, rows } = props;
  const compact = useNarrow();
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

  // One Tab stop for the whole list (roving tabindex): a row's include box; the arrows move between
  // rows. Without it, Tab would walk every account of the school before reaching « Générer en PDF ».
  const [active, setActiveState] = useState(0);
  // Also kept in a ref: a held arrow key fires faster than the list re-renders.
  const activeRef = useRef(0);
  const setActive = (i: number) => {
    activeRef.current = i;
    setActiveState(i);
  };
  const pendingFocus = useRef<number | null>(null);

  useEffect(() => {
    // A new filter result starts at the top, where the user looks.
    if (box.current) box.current.scrollTop = 0;
    setScrollTop(0);
    setActive(0);
  }, [rows]);

  const rowHeight = compact ? COMPACT_ROW_HEIGHT : ROW_HEIGHT;
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);
  const tabbable = active >= first && active < last ? active : Math.min(first + OVERSCAN, last - 1);
  const slice = { first, last, rowHeight, tabbable };

  useEffect(() => {
    if (pendingFocus.current === null) return;
    box.current?.querySelector<HTMLInputElement>(`[data-index="${pendingFocus.current}"] input[type=checkbox]`)?.focus();
    pendingFocus.current = null;
  });

  const goTo = (i: number) => {
    const el = box.current;
    if (!el || !rows.length) return;
    const idx = Math.max(0, Math.min(rows.length - 1, i));
    const top = idx * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
    setScrollTop(el.scrollTop);
    setActive(idx);
    pendingFocus.current = idx;
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (!(e.target as HTMLElement).closest('[data-index]')) return;
    const i = activeRef.current;
    const page = Math.max(1, Math.floor((box.current?.clientHeight ?? 300) / rowHeight) - 1);
    const to = { ArrowDown: i + 1, ArrowUp: i - 1, PageDown: i + page, PageUp: i - page, Home: 0, End: rows.length - 1 }[e.key];
    if (to !== undefined) {
      e.preventDefault();
      goTo(to);
    } else if (e.key === 'Enter' && props.sheetUrl && rows[i]) {
      e.preventDefault();
      props.onOpenSheet?.(props.sheetUrl(rows[i]));
    }
  };

  return (
    <div
      class={compact ? 'list compact' : 'list'}
      ref={box}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
      onFocusIn={(e) => {
        const row = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
        if (row) setActive(Number(row.dataset.index));
      }}
      role="region"
      aria-label={t('listLabel')}
      aria-describedby="list-keys"
    >
      <p id="list-keys" class="visually-hidden">
        {t(props.sheetUrl ? 'listKeysSheet' : 'listKeys')}
      </p>
      {compact ? <CompactRows {...props} {...slice} /> : <TableRows {...props} {...slice} />}
    </div>
  );
}

interface Slice {
  first: number;
  last: number;
  rowHeight: number;
  /** The one row whose include box is in the Tab order. */
  tabbable: number;
}

/**
 * At ~360 px: two lines per account, so the two columns the guide's step 2 asks to check — the
 * code (or « Activé ») and the e-mail — are on screen without scrolling sideways.
 */
function CompactRows({ t, lang, rows, excluded, onToggle, log, sheetUrl, onOpenSheet, first, last, rowHeight, tabbable }: Props & Slice) {
  const visible = rows.slice(first, last);
  return (
    <ul aria-label={t('listLabel')} data-count={rows.length}>
      {first > 0 && <li class="spacer" style={{ height: `${first * rowHeight}px` }} aria-hidden="true" />}
      {visible.map((a, k) => {
        const out = excluded.has(a.id);
        const follow = a.activationCode ? followUp(a.activationCode, log.entries[a.id], t, lang) : '';
        const classes = a.classes.map((c) => c.name).join(', ');
        return (
          <li key={a.id} class={out ? 'excluded' : ''} data-id={a.id} data-index={first + k}>
            <div class="l1">
              <span class="name">
                <LastName a={a} t={t} sheetUrl={sheetUrl} onOpenSheet={onOpenSheet} />{' '}
                {a.firstName}
              </span>
              <span class={`meta ${a.profile}`}>
                {t(a.profile)}
                {classes ? ` · ${classes}` : ''}
              </span>
            </div>
            <div class="l2">
              {a.activationCode ? (
                <span class="code" data-cell="code">{a.activationCode}</span>
              ) : (
                <span class="activated" data-cell="code">✓ {t('followActivated')}</span>
              )}
              {a.email?.trim() ? (
                <span class="mail" data-cell="email" title={a.email}>
                  <span aria-hidden="true">✉ </span>
                  {a.email}
                </span>
              ) : (
                <span class="mail none" data-cell="email">{t('noEmailMark')}</span>
              )}
              {follow && <span class="follow">{follow}</span>}
              <label class="inc">
                <input
                  type="checkbox"
                  tabIndex={first + k === tabbable ? 0 : -1}
                  checked={!out}
                  aria-label={t('include', { name: displayName(a) })}
                  onChange={() => onToggle(a.id)}
                />
                <span aria-hidden="true">{out ? t('excludedMark') : t('includedMark')}</span>
              </label>
            </div>
          </li>
        );
      })}
      {last < rows.length && <li class="spacer" style={{ height: `${(rows.length - last) * rowHeight}px` }} aria-hidden="true" />}
    </ul>
  );
}

function TableRows({ t, lang, rows, excluded, onToggle, log, sheetUrl, onOpenSheet, first, last, rowHeight: ROW_HEIGHT, tabbable }: Props & Slice) {
  const visible = rows.slice(first, last);
  return (
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
            <tr key={a.id} aria-rowindex={first + i + 2} class={excluded.has(a.id) ? 'excluded' : ''} data-id={a.id} data-index={first + i}>
              <td class="c-inc">
                <input
                  type="checkbox"
                  tabIndex={first + i === tabbable ? 0 : -1}
                  checked={!excluded.has(a.id)}
                  aria-label={t('include', { name: displayName(a) })}
                  onChange={() => onToggle(a.id)}
                />
              </td>
              <td>
                <LastName a={a} t={t} sheetUrl={sheetUrl} onOpenSheet={onOpenSheet} />
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
  );
}
