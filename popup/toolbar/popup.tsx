/**
 * Toolbar popup. On a console page: the structure, the number of accounts read, « Ouvrir le
 * publipostage » and a quick search that opens the panel filtered (the text through storage.session: popup/quick-search.ts).
 * Elsewhere: what the extension is for, where it works, and « Activer sur ce site ».
 *
 * `popup.html?tab=<id>` shows the popup for that tab instead of the active one: in a normal tab the
 * active tab is the popup itself, so that is how the e2e tests (and a curious user) open it.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { TabState } from '../../src/messages';
import { readWhy, translator, type Translate } from '../../src/i18n/ui';
import { uiLangOf } from '../../src/settings';
import { ext } from '../../src/platform/browser-api';
import { loadSettings } from '../shared/settings-store';
import { parseSite } from '../shared/enable-site';
import { EnableSiteForm } from '../shared/OptionsSites';
import { stashQuickSearch } from '../shared/quick-search';
import { Isolate } from '../shared/isolate';
import { ConsoleProblem, isConsoleProblem } from '../shared/ConsoleProblem';
import { forgetTypedNamesOnPageHide } from '../shared/forget-typed-names';

const forcedTab = Number(new URLSearchParams(location.search).get('tab'));
const asTab = Number.isInteger(forcedTab) && forcedTab > 0;
const closePopup = () => {
  if (!asTab) window.close();
};

/**
 * Opens the panel beside the console tab: Chrome side panel, Firefox sidebar, else a tab.
 * The first call must happen synchronously in the click handler: both browsers want the gesture.
 */
function openPanel(tabId: number, before?: Promise<unknown>): void {
  const api = ext() as typeof chrome & { sidebarAction?: { open(): Promise<void> } };
  const fallback = () => api.tabs.create({ url: api.runtime.getURL(`panel.html?tab=${tabId}`) });
  let opening: Promise<unknown>;
  try {
    if (api.sidePanel?.open) opening = api.sidePanel.open({ tabId });
    else if (api.sidebarAction?.open) opening = api.sidebarAction.open();
    else opening = fallback();
  } catch {
    opening = fallback();
  }
  // The popup closes once `before` (the quick search's hand-over) is written too: closing ends its script.
  Promise.allSettled([before, opening.catch(fallback)]).finally(closePopup);
}

/** Follows a link of the console's own origin in the console tab (the ENT's check page). */
function goConsole(tabId: number, url: string): void {
  ext().tabs.update(tabId, { url, active: true }).catch(() => undefined).finally(closePopup);
}

/**
 * The quick search opens the side panel (or the sidebar) like « Ouvrir le panneau », not a new tab at
 * each search: a panel already open takes the search at once (popup/shared/quick-search.ts).
 */
function openSearch(tabId: number, q: string): void {
  // The typed name goes through storage.session, never into the URL (browser history). Its write
  // starts first; the panel opens within the same click, as both browsers want the gesture.
  const stashed = stashQuickSearch(tabId, q).catch(() => undefined);
  openPanel(tabId, stashed);
}

async function currentTab(): Promise<chrome.tabs.Tab | undefined> {
  if (asTab) return ext().tabs.get(forcedTab).catch(() => undefined);
  const [tab] = await ext().tabs.query({ active: true, currentWindow: true });
  return tab;
}

function ConsoleView({ t, tabId, state }: { t: Translate; tabId: number; state: TabState }) {
  const [q, setQ] = useState('');
  // The school's name once the panel has read it; never the raw structure id a director cannot read.
  const school = state.read?.structureName?.trim();
  return (
    <>
      {school && (
        <p class="structure-name">
          <Isolate text={t('popupStructure', { name: school })} values={[school]} />
        </p>
      )}
      {/* A failed read gives no count at all (never « 0 comptes lus »): which request, and what to do. */}
      {/* A refusal, a check or a lost session says so below instead (with its link). */}
      {!state.read && state.failed && !state.problem ? (
        <p class="count read-failed" role="alert">
          {t('popupReadFailed', { request: state.failed.request, why: readWhy(t, state.failed.kind, state.failed.status) })}
        </p>
      ) : (
        <p class="count" role="status">
          {state.read ? t('popupCount', { n: state.read.count }) : t('popupNotRead')}
        </p>
      )}
      {state.problem?.kind === 'session' && (
        <p class="notice" role="alert">
          {t('errSession')}
        </p>
      )}
      {state.problem && isConsoleProblem(state.problem) && (
        // The panel's last read was refused or sent to a check: said here too, with the same link.
        <div class="notice" role="alert">
          <ConsoleProblem t={t} problem={state.problem} go={(url) => goConsole(tabId, url)}
            {...(state.page ? { consoleUrl: state.page.origin + state.page.path } : {})} />
        </div>
      )}
      <p class="buttons">
        <button type="button" class="primary" onClick={() => openPanel(tabId)}>
          {t('popupOpen')}
        </button>
      </p>
      <form
        class="quick-search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          openSearch(tabId, q);
        }}
      >
        <label for="quick-search">{t('popupQuickSearch')}</label>
        <div class="row">
          <input id="quick-search" type="search" autoComplete="off" data-typed-name value={q} onInput={(e) => setQ(e.currentTarget.value)} />
          <button type="submit">{t('popupQuickSearchGo')}</button>
        </div>
      </form>
    </>
  );
}

/** Not on a console page: what it is for, where it works, and enabling another ENT. */
function ElsewhereView({ t, url }: { t: Translate; url: string | undefined }) {
  // The URL is only known for hosts we already have access to (no `tabs` permission).
  let reachable = false;
  try {
    reachable = !!url?.startsWith('https://') && !!parseSite(url);
  } catch {
    reachable = false;
  }
  return (
    <>
      <p>{t('popupAbout')}</p>
      <p class="hint">{t('popupWhere')}</p>
      {/* A readable https address means a known host or a site enabled earlier: only the page is wrong. */}
      {reachable ? <p class="notice">{t('noConsole')}</p> : <EnableSiteForm t={t} />}
    </>
  );
}

function Popup({ t }: { t: Translate }) {
  const [tab, setTab] = useState<chrome.tabs.Tab | undefined | null>(null);
  const [state, setState] = useState<TabState | null>(null);
  useEffect(() => {
    let live = true;
    let tabId: number | undefined;
    const refresh = async () => {
      if (tabId === undefined) return;
      const s = (await ext().runtime.sendMessage({ type: 'get-tab-state', tabId })) as TabState | undefined;
      if (live) setState(s ?? { page: null, read: null });
    };
    // The count appears as soon as the panel has read the accounts, even with the popup open.
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'session' && 'tabs' in changes) refresh();
    };
    (async () => {
      const got = await currentTab();
      if (!live) return;
      setTab(got);
      tabId = got?.id;
      if (tabId === undefined) return setState({ page: null, read: null });
      await refresh();
      ext().storage.onChanged.addListener(onChanged);
    })();
    return () => {
      live = false;
      ext().storage.onChanged.removeListener(onChanged);
    };
  }, []);

  const onConsole = !!state?.page && tab?.id !== undefined;
  return (
    <main class="popup" aria-busy={state === null}>
      <h1>{t('extName')}</h1>
      {state === null ? null : onConsole ? <ConsoleView t={t} tabId={tab!.id!} state={state} /> : <ElsewhereView t={t} url={tab?.url} />}
      <p class="footer">
        <a
          href="options.html"
          onClick={(e) => {
            e.preventDefault();
            ext().runtime.openOptionsPage().finally(closePopup);
          }}
        >
          {t('popupSettings')}
        </a>
      </p>
    </main>
  );
}

loadSettings().then((s) => {
  const lang = uiLangOf(s, navigator.language);
  document.documentElement.lang = lang;
  forgetTypedNamesOnPageHide();
  render(<Popup t={translator(lang)} />, document.getElementById('app')!);
});
