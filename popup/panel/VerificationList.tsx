import { Fragment, type VNode } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { type Account, displayName, isActivated, isBlocked } from '../../src/model/account';
import type { Translate } from '../../src/i18n/ui';
import type { DistributionLog } from '../../src/model/distribution';
import { useNarrow } from './use-narrow';
import { skipWhenSame } from './same-props';
import { WHOLE_BOX, rowRuns, rowWindow, seenOf, type Seen } from './list-window';

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

/*
 * ROW_KEY: the rows in view are keyed by their place in the list, not by account: after a filter
 * change the same places show other accounts, and preact patches their texts in the rows already
 * there, where keys by account removed every row and built new ones (about 1,000 elements per change,
 * the largest part of the panel's work). Scrolling still adds and removes the rows at the edges.
 */
const ROW_HEIGHT = 30;
/** Two-line rows below ~720 px (see use-narrow.ts): must match `.list.compact li` in panel.css (two 24 px click lines). */
const COMPACT_ROW_HEIGHT = 54;
/**
 * Rows drawn beyond each edge of what the director sees (the list's box, clipped by the panel's
 * window). Every row drawn is patched, laid out and painted again at each filter change (the largest
 * part of a change's work at 5,000 accounts): enough for a scroll to find its rows drawn, no more.
 */
const OVERSCAN = 3;
/**
 * The IntersectionObserver reports the list's visible part each time it crosses one of these
 * fractions of the box: a step of 1/64 is under 9 px at 60vh of a 900 px window, well within the
 * rows drawn beyond the edge.
 */
const SEEN_STEPS = Array.from({ length: 65 }, (_, i) => i / 64);

/** One formatter per language: toLocaleDateString builds one per call (40 rows per filter change). */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dayText(d: Date, lang: string): string {
  const locale = lang === 'en' ? 'en-GB' : 'fr-FR';
  let f = dateFormats.get(locale);
  if (!f) dateFormats.set(locale, (f = new Intl.DateTimeFormat(locale)));
  return f.format(d);
}

function frDate(iso: string | null, lang: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : dayText(d, lang);
}

/**
 * The console's lock icon for a non-activated account (drawn, not an emoji: fonts vary). One box
 * whose shape is a CSS mask (panel.css `.lock`): an inline SVG was four layout objects, made and
 * dropped in the rows a filter change patches.
 */
function LockIcon({ label }: { label: string }) {
  return <span class="lock" role="img" aria-label={label} title={label} />;
}

/** The lock of a not-activated account and the last name, linked to the console's user sheet like its own rows. */
/** A row's « inclus » box, the same in the compact rows and the table. */
function IncludeBox({ a, out, tabbable, t, onToggle }: Pick<RowProps, 'a' | 'out' | 'tabbable' | 't' | 'onToggle'>) {
  return (
    <input
      type="checkbox"
      tabIndex={tabbable ? 0 : -1}
      checked={!out}
      aria-label={t('include', { name: displayName(a) })}
      onChange={() => onToggle(a.id)}
    />
  );
}

function LastName({ a, t, sheetUrl, onOpenSheet }: { a: Account; t: Translate; sheetUrl: Props['sheetUrl']; onOpenSheet: Props['onOpenSheet'] }) {
  return (
    <>
      {a.activationCode && <LockIcon label={t('notActivated')} />}
      {sheetUrl ? (
        // dir="auto" isolates the name as a <bdi> would, one element fewer per row
        <a
          href={sheetUrl(a)}
          dir="auto"
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
        <bdi>{a.lastName}</bdi>
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

type Stamp = 'handed' | 'mailed' | 'printed';

/** The latest step of a not-activated account's hand-over, with its sentence (« Imprimé le 06/12/2026 »). */
function stampOf(e: DistributionLog['entries'][string] | undefined, t: Translate, lang: string): { kind: Stamp; text: string } | null {
  if (!e) return null;
  const d = (ms: number) => dayText(new Date(ms), lang);
  if (e.handed) return { kind: 'handed', text: t('followHanded', { date: d(e.handed) }) };
  if (e.mailed) return { kind: 'mailed', text: t('followMailed', { date: d(e.mailed) }) };
  if (e.printed) return { kind: 'printed', text: t('followPrinted', { date: d(e.printed) }) };
  return null;
}

/**
 * « Activé » is the console's status (no code left), which a sync or a merge can set too; where the
 * console says who has logged in (the teacher's class list), that is said beside it.
 */
function activatedText(a: Account, t: Translate): string {
  return a.loggedInOnce ? `${t('followActivated')} · ${t('loggedInOnce')}` : t('followActivated');
}

function followUp(a: Account, e: DistributionLog['entries'][string] | undefined, t: Translate, lang: string): string {
  if (!a.activationCode) return activatedText(a, t);
  return stampOf(e, t, lang)?.text ?? '';
}

const STAMP_PATHS: Record<Stamp, string> = {
  // a printer
  printed: 'M4 1h6v4H4zM1 5h12v6h-2.5V9h-7v2H1zM4.5 10h5v3h-5z',
  // a paper plane
  mailed: 'M1 6.5 13 1 9.5 13 7 8.5zM7 8.5 13 1',
  // a sheet with a tick
  handed: 'M2 1h7l3 3v9H2zM4.2 7.8l1.8 1.9 3.8-4.1',
};

/**
 * At 360 px the hand-over stamp is an icon, so the code and the e-mail keep the line; its sentence
 * is its accessible name and its tooltip (issue 22 item 2).
 */
function StampIcon({ kind, text }: { kind: Stamp; text: string }) {
  return (
    <span class={`follow stamp-${kind}`} role="img" aria-label={text} title={text}>
      <svg viewBox="0 0 14 14" width="14" height="14" aria-hidden="true">
        <path d={STAMP_PATHS[kind]} fill={kind === 'printed' ? 'currentColor' : 'none'} stroke="currentColor" stroke-width={kind === 'printed' ? 0 : 1.4} stroke-linejoin="round" />
      </svg>
    </span>
  );
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
  // The part of the box the panel's window shows: read by the browser after its own layout
  // (IntersectionObserver), never measured inside a change's task.
  const [seen, setSeen] = useState<Seen>(WHOLE_BOX);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight || 600));
    ro.observe(el);
    const io = new IntersectionObserver(
      (entries) => {
        const e = entries[entries.length - 1];
        if (!e) return;
        const root = e.rootBounds ?? { top: 0, bottom: innerHeight };
        const next = seenOf(e.boundingClientRect, root, e.isIntersecting ? e.intersectionRect : null);
        const top = Math.floor(next.top);
        const bottom = Math.ceil(next.bottom);
        setSeen((prev) => (prev.top === top && prev.bottom === bottom ? prev : { top, bottom }));
      },
      { threshold: SEEN_STEPS },
    );
    io.observe(el);
    return () => {
      ro.disconnect();
      io.disconnect();
    };
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
  // The row that has the keyboard's focus: always drawn, even scrolled out of view (and so is the
  // one an arrow key sends it to, pendingFocus, until it has it).
  const [held, setHeld] = useState<number | null>(null);

  useEffect(() => {
    // A new filter result starts at the top, where the user looks.
    if (box.current) box.current.scrollTop = 0;
    setScrollTop(0);
    setActive(0);
  }, [rows]);

  const rowHeight = compact ? COMPACT_ROW_HEIGHT : ROW_HEIGHT;
  const { first, last } = rowWindow({ scrollTop, height, seen, rowHeight, count: rows.length, overscan: OVERSCAN });
  const runs = rowRuns(first, last, [held, pendingFocus.current], rows.length);
  const tabbable = runs.some(([a, b]) => active >= a && active < b) ? active : Math.min(first + OVERSCAN, last - 1);
  const slice = { runs, rowHeight, tabbable };

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
        if (row) {
          setActive(Number(row.dataset.index));
          setHeld(Number(row.dataset.index));
        }
      }}
      onFocusOut={(e) => {
        const to = e.relatedTarget instanceof Element ? e.relatedTarget : null;
        if (!to?.closest('[data-index]') || !box.current?.contains(to)) setHeld(null);
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
  /** the rows drawn, as runs [from, to) in order (rowRuns); the places between are empty spacers */
  runs: Array<[number, number]>;
  rowHeight: number;
  /** The one row whose include box is in the Tab order. */
  tabbable: number;
}

/**
 * At ~360 px: two lines per account, so the two columns the guide's step 2 asks to check — the
 * code (or « Activé ») and the e-mail — are on screen without scrolling sideways.
 */
function CompactRows({ t, lang, rows, excluded, onToggle, log, sheetUrl, onOpenSheet, runs, rowHeight, tabbable }: Props & Slice) {
  return (
    <ul aria-label={t('listLabel')} data-count={rows.length}>
      {spaced(runs, rows.length, (key, n) => <li key={key} class="spacer" style={{ height: `${n * rowHeight}px` }} aria-hidden="true" />, (i) => {
        const a = rows[i]!;
        return (
          <CompactRow key={i} a={a} index={i} out={excluded.has(a.id)} entry={log.entries[a.id]} tabbable={i === tabbable}
            t={t} lang={lang} sheetUrl={sheetUrl} onOpenSheet={onOpenSheet} onToggle={onToggle} />
        );
      })}
    </ul>
  );
}

/**
 * The rows of `runs`, keyed by place (see ROW_KEY), with a spacer for each stretch of rows not
 * drawn, so the list keeps its full height and its scroll.
 */
function spaced(runs: Slice['runs'], count: number, spacer: (key: string, rows: number) => VNode, row: (i: number) => VNode): VNode[] {
  const out: VNode[] = [];
  let at = 0;
  for (const [from, to] of runs) {
    if (from > at) out.push(spacer(at === 0 ? 'before' : 'gap', from - at));
    for (let i = from; i < to; i++) out.push(row(i));
    at = to;
  }
  if (at < count) out.push(spacer('after', count - at));
  return out;
}

/**
 * What one row shows, nothing else: a row whose props are the same as at the last render (same
 * account at the same place, same tick, same stamp) is skipped whole (skipWhenSame). The callbacks
 * come from the panel unchanged from render to render.
 */
type RowProps = {
  a: Account;
  index: number;
  out: boolean;
  entry: DistributionLog['entries'][string] | undefined;
  tabbable: boolean;
  t: Translate;
  lang: string;
  sheetUrl: Props['sheetUrl'];
  onOpenSheet: Props['onOpenSheet'];
  onToggle: Props['onToggle'];
};

const CompactRow = skipWhenSame<RowProps>(({ a, index, out, entry, tabbable, t, lang, sheetUrl, onOpenSheet, onToggle }) => {
  const stamp = a.activationCode ? stampOf(entry, t, lang) : null;
  const classes = a.classes.map((c) => c.name);
  return (
    <li class={out ? 'excluded' : ''} data-id={a.id} data-index={index}>
      <div class="l1">
        <span class="name">
          <LastName a={a} t={t} sheetUrl={sheetUrl} onOpenSheet={onOpenSheet} />{' '}
          <bdi>{a.firstName}</bdi>
        </span>
        <span class={`meta ${a.profile}`}>
          {t(a.profile)}
          {classes.length ? ' · ' : ''}
          <List items={classes} />
        </span>
      </div>
      <div class="l2">
        {a.activationCode ? (
          <span class="code" data-cell="code">{a.activationCode}</span>
        ) : (
          <span class="activated" data-cell="code">✓ {activatedText(a, t)}</span>
        )}
        {a.email?.trim() ? (
          <span class="mail" data-cell="email" title={a.email}>
            <span aria-hidden="true">✉ </span>
            <bdi>{a.email}</bdi>
          </span>
        ) : a.emailOnFile ? (
          // The teacher's class list says an address exists without giving it (`hasEmail`).
          <span class="mail" data-cell="email">
            <span aria-hidden="true">✉ </span>
            {t('emailOnFile')}
          </span>
        ) : (
          <span class="mail none" data-cell="email">{t('noEmailMark')}</span>
        )}
        {stamp && <StampIcon {...stamp} />}
        <label class="inc">
          <IncludeBox a={a} out={out} tabbable={tabbable} t={t} onToggle={onToggle} />
          {/* The box says « inclus »; only the exception is written, so the e-mail keeps the room. */}
          {out && <span aria-hidden="true">{t('excludedMark')}</span>}
        </label>
      </div>
    </li>
  );
});

/**
 * Several names in one cell, each isolated: a right-to-left name cannot reorder the ones after it.
 * A name alone needs no <bdi> in a table cell (`unicode-bidi: plaintext`), only in a compact row.
 */
function List({ items, alone = false }: { items: string[]; alone?: boolean }) {
  if (alone && items.length === 1) return <>{items[0]}</>;
  return (
    <>
      {items.map((x, i) => (
        <Fragment key={i}>
          {i > 0 && ', '}
          <bdi>{x}</bdi>
        </Fragment>
      ))}
    </>
  );
}

/**
 * The table's columns: with a fixed layout the widest (names, e-mail, children, follow-up) give up
 * width and end in an ellipsis, their full text in a tooltip, instead of the list scrolling sideways
 * and clipping the last column (issue 22 item 8). Percentages add up to 94 %, the rest is the include box's.
 */
const COLUMNS: Array<[key: Parameters<Translate>[0], width: string, cls?: string]> = [
  ['colInclude', '68px', 'c-inc'],
  ['colLastName', '10%'],
  ['colFirstName', '8%'],
  ['colProfile', '6.5%'],
  ['colLogin', '9.5%'],
  ['colCode', '7.5%'],
  ['colEmail', '15.5%'],
  ['colClass', '6%'],
  ['colCreated', '7.5%'],
  ['colChildren', '11%'],
  ['colFollowUp', '12.5%'],
];

function TableRows({ t, lang, rows, excluded, onToggle, log, sheetUrl, onOpenSheet, runs, rowHeight, tabbable }: Props & Slice) {
  return (
      <table aria-rowcount={rows.length + 1}>
        <colgroup>
          {COLUMNS.map(([key, width]) => <col key={key} style={{ width }} />)}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {COLUMNS.map(([key, , cls]) => (
              <th key={key} scope="col" class={cls} title={t(key)}>{t(key)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {spaced(runs, rows.length, (key, n) => <tr key={key} class="spacer" style={{ height: `${n * rowHeight}px` }} aria-hidden="true" />, (i) => {
            const a = rows[i]!;
            return (
              // keyed by place (see ROW_KEY): a filter change patches the rows in view instead of replacing them
              <TableRow key={i} a={a} index={i} out={excluded.has(a.id)} entry={log.entries[a.id]} tabbable={i === tabbable}
                t={t} lang={lang} sheetUrl={sheetUrl} onOpenSheet={onOpenSheet} onToggle={onToggle} />
            );
          })}
        </tbody>
      </table>
  );
}

const TableRow = skipWhenSame<RowProps>(({ a, index, out, entry, tabbable, t, lang, sheetUrl, onOpenSheet, onToggle }) => {
  const classes = a.classes.map((c) => c.name);
  const children = a.children.map((c) => `${c.firstName} ${c.lastName}`);
  const follow = followUp(a, entry, t, lang);
  return (
    <tr aria-rowindex={index + 2} class={out ? 'excluded' : ''} data-id={a.id} data-index={index}>
      <td class="c-inc">
        {/* The label fills the cell: the whole cell is the click target. */}
        <label>
          <IncludeBox a={a} out={out} tabbable={tabbable} t={t} onToggle={onToggle} />
        </label>
      </td>
      <td title={a.lastName}>
        <LastName a={a} t={t} sheetUrl={sheetUrl} onOpenSheet={onOpenSheet} />
      </td>
      {/* A cell of one value from the data needs no <bdi>: the table's cells are `unicode-bidi: plaintext` (panel.css). */}
      <td title={a.firstName}>{a.firstName}</td>
      <td class={a.profile} title={t(a.profile)}>{t(a.profile)}</td>
      <td title={a.login}>{a.login}</td>
      <td class="code">{a.activationCode ?? ''}</td>
      <td title={a.email ?? ''}>{a.email ? a.email : a.emailOnFile ? t('emailOnFile') : ''}</td>
      <td title={classes.join(', ')}>
        <List items={classes} alone />
        {a.classesDerived && <span class="derived" title={t('derivedClasses')}> *<span class="visually-hidden"> ({t('derivedClasses')})</span></span>}
      </td>
      <td>{frDate(a.creationDate, lang)}</td>
      <td title={children.join(', ')}>
        <List items={children} alone />
      </td>
      <td class="follow" title={follow}>{follow}</td>
    </tr>
  );
});
