import { Fragment } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { type Account, displayName } from '../../src/model/account';
import { fold, type SearchIndex } from '../../src/model/filters';
import { type DistributionLog, isDone } from '../../src/model/distribution';
import { householdGroups } from '../../src/pdf/households';
import { defaultRequest, usePdf, type ActionsBase } from './use-pdf';
import { t } from '../shared/lang';
import { takeQuickSearch, watchQuickSearch } from '../shared/quick-search';
import { Isolate } from '../shared/isolate';
import type { SheetModel } from '../../src/pdf';
import { ModelChoice } from './ModelChoice';
import { ShowQr } from './ShowQr';
import { sheetSettings } from '../../src/settings';
import { LetterLangChoice } from './LetterLangChoice';
import type { LetterLang } from '../../src/i18n/letter';
import { accountHash, rememberedLang, type LetterLangMemory } from '../../src/model/letter-langs';
import { loadLetterLangs, saveLetterLang } from './letter-lang-store';
import { installKey } from './install-secret';

interface Props {
  accounts: Account[];
  index: SearchIndex;
  log: DistributionLog;
  onMark: (ids: string[], on: boolean) => void;
  actions: ActionsBase;
  initialQuery?: string;
  /** Meeting mode is open: the panel shows nothing else (Panel.tsx), a parent may be looking. */
  open: boolean;
  onOpen: (open: boolean) => void;
}

const MAX_FAMILIES = 6;

/**
 * Parents' meeting: a few letters find a student or a parent, their family shows at once, one
 * click prints that sheet or the whole family, and marks it handed over. Keyboard only works:
 * type, Enter prints the first family, Tab reaches every button. A parent sits beside the screen:
 * open, it is all the panel shows, and a code appears only when asked for (« Afficher le code »).
 */
export function MeetingMode({ accounts, index, log, onMark, actions, initialQuery = '', open, onOpen }: Props) {
  const [query, setQuery] = useState(initialQuery);
  const [shown, setShown] = useState<ReadonlySet<string>>(new Set());
  // « Montrer le QR »: the account whose QR fills the screen
  const [qrFor, setQrFor] = useState<Account | null>(null);
  // The toolbar popup's quick search (popup/quick-search.ts): the section opens with it.
  useEffect(() => {
    if (initialQuery) onOpen(true);
    takeQuickSearch(actions.tabId).then(
      (q) => {
        if (!q) return;
        setQuery(q);
        onOpen(true);
      },
      () => undefined,
    );
    return watchQuickSearch(actions.tabId, (q) => {
      setQuery(q);
      onOpen(true);
    });
  }, [actions.tabId]);
  // A code shown for one family is hidden again for the next one.
  useEffect(() => {
    setShown(new Set());
    setQrFor(null);
  }, [query, open]);
  const toggleCode = (id: string) =>
    setShown((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const pdf = usePdf(actions);
  // Grouped on the first search, not when the panel opens (5,000 accounts: felt before the counter).
  const families = useMemo(() => {
    let byId: Map<string, Account[]> | null = null;
    return (): Map<string, Account[]> => {
      if (byId) return byId;
      byId = new Map();
      for (const g of householdGroups(accounts)) for (const a of g) byId.set(a.id, g);
      return byId;
    };
  }, [accounts]);

  const matches = useMemo(() => {
    const terms = fold(query).split(/\s+/).filter(Boolean);
    if (!terms.length || terms.join('').length < 2) return [];
    const out: Account[][] = [];
    const seen = new Set<Account[]>();
    for (const a of accounts) {
      const hay = index.text.get(a.id) ?? '';
      if (!terms.every((w) => hay.includes(w))) continue;
      const fam = families().get(a.id) ?? [a];
      if (seen.has(fam)) continue;
      seen.add(fam);
      out.push(fam);
      if (out.length >= MAX_FAMILIES) break;
    }
    return out;
  }, [query, accounts, index, families]);

  // the meeting's own model, from Réglages' default: a family's letter is one click away
  const [model, setModel] = useState<SheetModel>(actions.settings.defaultModel);
  const req = defaultRequest(actions, model);
  const entUrl = useMemo(() => sheetSettings(actions.settings, { consoleOrigin: actions.origin, sortByClass: false }).entUrl, [actions.settings, actions.origin]);
  const letter = model === 'letter';

  // « Langue de la lettre » per family: for this session, or remembered (« Se souvenir pour cette
  // famille ») under keyed hashes of its accounts' ids (src/model/letter-langs.ts), never in clear
  const [chosen, setChosen] = useState<ReadonlyMap<string, LetterLang>>(new Map());
  const [memory, setMemory] = useState<LetterLangMemory>({});
  const [hashes, setHashes] = useState<ReadonlyMap<string, string>>(new Map());
  /** The remembered languages could not be read, or a choice could not be remembered: said, not lost silently. */
  const [langProblem, setLangProblem] = useState<'read' | 'save' | null>(null);
  useEffect(() => {
    if (letter) loadLetterLangs(actions.structureId).then(setMemory, () => setLangProblem('read'));
  }, [letter, actions.structureId]);
  useEffect(() => {
    if (!letter) return;
    const missing = matches.flat().filter((a) => !hashes.has(a.id));
    if (!missing.length) return;
    let live = true;
    installKey()
      .then((key) => Promise.all(missing.map(async (a) => [a.id, await accountHash(key, a.id)] as const)))
      .then((pairs) => live && setHashes((prev) => new Map([...prev, ...pairs])), () => live && setLangProblem('save'));
    return () => {
      live = false;
    };
  }, [letter, matches]);
  const familyHashes = (fam: Account[]) => fam.map((a) => hashes.get(a.id)).filter((h): h is string => !!h);
  const remembered = (fam: Account[]) => rememberedLang(memory, familyHashes(fam));
  const familyLang = (fam: Account[]): LetterLang => chosen.get(fam[0]!.id) ?? remembered(fam) ?? 'fr';
  const chooseLang = (fam: Account[], l: LetterLang) => {
    setChosen((prev) => new Map(prev).set(fam[0]!.id, l));
    if (remembered(fam)) saveLetterLang(actions.structureId, familyHashes(fam), l).then(setMemory, () => setLangProblem('save'));
  };
  const remember = (fam: Account[], on: boolean) =>
    saveLetterLang(actions.structureId, familyHashes(fam), on ? familyLang(fam) : null).then(
      (m) => (setMemory(m), setLangProblem(null)),
      () => setLangProblem('save'),
    );
  const letterReq = (fam: Account[]) => (letter ? { letterLangs: Object.fromEntries(fam.map((a) => [a.id, familyLang(fam)])) } : {});
  const printFamily = (fam: Account[]) => pdf.generate(fam, { ...req, bundles: false, ...letterReq(fam) });

  return (
    <details class="meeting" open={open} onToggle={(e) => e.currentTarget.open !== open && onOpen(e.currentTarget.open)}>
      <summary>
        <h2>{t('meetingTitle')}</h2>
      </summary>
      <div class="meeting-privacy">
        <p>{t('meetingPrivacy')}</p>
        <button type="button" class="small" onClick={() => onOpen(false)}>
          {t('meetingLeave')}
        </button>
      </div>
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
      <ModelChoice id="meeting-model" label={t('meetingModel')} value={model} onChange={setModel} />
      {query.trim().length >= 2 && !matches.length && <p role="status">{t('meetingNoMatch')}</p>}
      <ul class="families" aria-live="polite">
        {matches.map((fam) => {
          // A family all activated has nothing left to receive: no « Marquer comme remis » then.
          const toHand = fam.some((a) => a.activationCode);
          const handed = fam.every((a) => log.entries[a.id]?.handed !== undefined);
          return (
            <li key={fam[0]!.id} class="family" aria-label={`${t('family')} ${fam[0]!.lastName}`}>
              <ul>
                {fam.map((a) => (
                  <li key={a.id} class={isDone(a, log) ? 'done' : ''} data-id={a.id}>
                    <span class="who">
                      <bdi>{displayName(a)}</bdi> · {t(a.profile)}
                      {a.classes.map((c, i) => (
                        <Fragment key={c.id}>
                          {i ? ', ' : ' · '}
                          <bdi>{c.name}</bdi>
                        </Fragment>
                      ))}
                    </span>{' '}
                    <span class="state">
                      {!a.activationCode ? t('followActivated') : log.entries[a.id]?.handed ? t('followHanded', { date: new Date(log.entries[a.id]!.handed!).toLocaleDateString('fr-FR') }) : ''}
                    </span>{' '}
                    {a.activationCode && (
                      <>
                        <button type="button" class="small show-code" aria-label={t(shown.has(a.id) ? 'hideCodeOf' : 'showCodeOf', { name: displayName(a) })} onClick={() => toggleCode(a.id)}>
                          {t(shown.has(a.id) ? 'hideCode' : 'showCode')}
                        </button>{' '}
                        {shown.has(a.id) && <span class="code">{a.activationCode}</span>}{' '}
                        <button type="button" class="small" aria-label={t('showQrOf', { name: displayName(a) })} onClick={() => setQrFor(a)}>
                          {t('showQr')}
                        </button>{' '}
                      </>
                    )}
                    <button type="button" class="small" disabled={pdf.busy} onClick={() => pdf.generate([a], { ...req, bundles: false, ...letterReq(fam) })}>
                      <Isolate text={t(letter ? 'printOneLetter' : 'printOne', { name: displayName(a) })} values={[displayName(a)]} />
                    </button>
                  </li>
                ))}
              </ul>
              {letter && (
                <div class="options letter-options">
                  <LetterLangChoice id={`meeting-lang-${fam[0]!.id}`} value={familyLang(fam)} onChange={(l) => chooseLang(fam, l)} />
                  <label class="check">
                    <input type="checkbox" checked={remembered(fam) !== null} disabled={familyHashes(fam).length < fam.length} onChange={(e) => remember(fam, e.currentTarget.checked)} />
                    {t('letterRemember')}
                  </label>
                  {langProblem && (
                    <p class="warning" role="alert">
                      {t(langProblem === 'read' ? 'letterLangsUnread' : 'letterLangUnsaved')}
                    </p>
                  )}
                </div>
              )}
              <div class="buttons">
                <button type="button" class="primary" disabled={pdf.busy} onClick={() => printFamily(fam)}>
                  {t('printFamily')}
                </button>
                {toHand ? (
                  <button type="button" onClick={() => onMark(fam.map((a) => a.id), !handed)}>
                    {handed ? t('unmarkHanded') : t('markHanded')}
                  </button>
                ) : (
                  <span class="hint">{t('meetingAllActivated')}</span>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      {pdf.status}
      {qrFor && (
        <ShowQr
          account={qrFor}
          entUrl={entUrl}
          onClose={() => setQrFor(null)}
          onHanded={() => {
            onMark([qrFor.id], true);
            setQrFor(null);
          }}
        />
      )}
    </details>
  );
}
