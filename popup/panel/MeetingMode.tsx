import { useEffect, useMemo, useState } from 'preact/hooks';
import { type Account, displayName } from '../../src/model/account';
import { fold, type SearchIndex } from '../../src/model/filters';
import { type DistributionLog, isDone } from '../../src/model/distribution';
import { householdGroups } from '../../src/pdf/households';
import { defaultRequest, usePdf, type ActionsBase } from './use-pdf';
import { t } from '../shared/lang';
import { takeQuickSearch } from '../shared/quick-search';

interface Props {
  accounts: Account[];
  index: SearchIndex;
  log: DistributionLog;
  onMark: (ids: string[], on: boolean) => void;
  actions: ActionsBase;
  initialQuery?: string;
}

const MAX_FAMILIES = 6;

/**
 * Parents' meeting: a few letters find a student or a parent, their family shows at once, one
 * click prints that sheet or the whole family, and marks it handed over. Keyboard only works:
 * type, Enter prints the first family, Tab reaches every button.
 */
export function MeetingMode({ accounts, index, log, onMark, actions, initialQuery = '' }: Props) {
  const [query, setQuery] = useState(initialQuery);
  const [fromPopup, setFromPopup] = useState(!!initialQuery);
  // The toolbar popup's quick search (popup/quick-search.ts): the section opens with it.
  useEffect(() => {
    takeQuickSearch(actions.tabId).then(
      (q) => {
        if (!q) return;
        setQuery(q);
        setFromPopup(true);
      },
      () => undefined,
    );
  }, [actions.tabId]);
  const pdf = usePdf(actions);
  const families = useMemo(() => {
    const byId = new Map<string, Account[]>();
    for (const g of householdGroups(accounts)) for (const a of g) byId.set(a.id, g);
    return byId;
  }, [accounts]);

  const matches = useMemo(() => {
    const terms = fold(query).split(/\s+/).filter(Boolean);
    if (!terms.length || terms.join('').length < 2) return [];
    const out: Account[][] = [];
    const seen = new Set<Account[]>();
    for (const a of accounts) {
      const hay = index.text.get(a.id) ?? '';
      if (!terms.every((w) => hay.includes(w))) continue;
      const fam = families.get(a.id) ?? [a];
      if (seen.has(fam)) continue;
      seen.add(fam);
      out.push(fam);
      if (out.length >= MAX_FAMILIES) break;
    }
    return out;
  }, [query, accounts, index, families]);

  const req = defaultRequest(actions, actions.settings.defaultModel);
  const printFamily = (fam: Account[]) => pdf.generate(fam, { ...req, bundles: false });

  return (
    <details class="meeting" open={fromPopup || undefined}>
      <summary>
        <h2>{t('meetingTitle')}</h2>
      </summary>
      <label>
        <span>{t('meetingSearch')}</span>
        <input
          type="search"
          // A parent's name: never into the browser's saved form state (issue 18.5).
          autoComplete="off"
          data-typed-name
          value={query}
          aria-describedby="meeting-hint"
          onInput={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && matches[0]) printFamily(matches[0]);
          }}
        />
      </label>
      <p id="meeting-hint" class="hint">{t('meetingHint')}</p>
      {query.trim().length >= 2 && !matches.length && <p role="status">{t('meetingNoMatch')}</p>}
      <ul class="families" aria-live="polite">
        {matches.map((fam) => {
          const handed = fam.every((a) => log.entries[a.id]?.handed !== undefined);
          return (
            <li key={fam[0]!.id} class="family" aria-label={`${t('family')} ${fam[0]!.lastName}`}>
              <ul>
                {fam.map((a) => (
                  <li key={a.id} class={isDone(a, log) ? 'done' : ''}>
                    <span class="who">
                      {displayName(a)} · {t(a.profile)}
                      {a.classes.length ? ` · ${a.classes.map((c) => c.name).join(', ')}` : ''}
                    </span>{' '}
                    <span class="state">
                      {!a.activationCode ? t('followActivated') : log.entries[a.id]?.handed ? t('followHanded', { date: new Date(log.entries[a.id]!.handed!).toLocaleDateString('fr-FR') }) : ''}
                    </span>{' '}
                    <button type="button" class="small" disabled={pdf.busy} onClick={() => pdf.generate([a], { ...req, bundles: false })}>
                      {t('printOne', { name: displayName(a) })}
                    </button>
                  </li>
                ))}
              </ul>
              <div class="buttons">
                <button type="button" class="primary" disabled={pdf.busy} onClick={() => printFamily(fam)}>
                  {t('printFamily')}
                </button>
                <button type="button" onClick={() => onMark(fam.map((a) => a.id), !handed)}>
                  {handed ? t('unmarkHanded') : t('markHanded')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      {pdf.status}
    </details>
  );
}
