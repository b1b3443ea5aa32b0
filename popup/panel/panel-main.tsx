import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '../../src/settings';
import { Panel } from './Panel';
import { boundTabId } from './console-link';
import { onUnpinned, pinned } from './dialog-pin';
import { loadSettings, onSettingsChanged } from '../shared/settings-store';
import { initLang } from '../shared/lang';
import { forgetTypedNamesOnPageHide } from '../shared/forget-typed-names';
import { ext } from '../../src/platform/browser-api';
import { isMessage, type GetTabState, type PageDetected, type TabState } from '../../src/messages';
import type { PageInfo } from '../../src/console/endpoints';

/** Settings saved in the options page apply to an open panel at once (the language at next opening). */
function Root({ tabId: first, initial }: { tabId: number | null; initial: Settings }) {
  const [settings, setSettings] = useState(initial);
  const [tabId, setTabId] = useState(first);
  // Bumped to read the list again from scratch (a new Panel) for the same tab.
  const [generation, setGeneration] = useState(0);
  useEffect(() => onSettingsChanged(setSettings), []);
  useEffect(() => {
    // Firefox's sidebar is one per window, not per tab: it follows the active tab unless `?tab=` binds it.
    if (new URLSearchParams(location.search).has('tab')) return;
    const api = ext();
    // tabs.onActivated fires for the tabs of every window: only this window's count.
    let windowId: number | undefined;
    api.windows.getCurrent().then((w) => (windowId = w.id), () => undefined);
    // While the mail dialog pins the sidebar, the tab to follow once it closes.
    let later: number | null = null;
    const follow = (info: { tabId: number; windowId: number }) => {
      if (info.windowId !== windowId) return;
      if (pinned()) later = info.tabId;
      else setTabId(info.tabId);
    };
    const unwatch = onUnpinned(() => {
      if (later !== null) setTabId(later);
      later = null;
    });
    api.tabs.onActivated.addListener(follow);
    return () => {
      unwatch();
      api.tabs.onActivated.removeListener(follow);
    };
  }, []);
  useEffect(() => {
    // Chrome reloads its side panel when the tab reaches the console page (sidePanel.setOptions in
    // the background); nothing reloads Firefox's sidebar: it reads the list when the content script
    // of its tab announces a console page other than the one it last saw there.
    if (tabId === null || new URLSearchParams(location.search).has('tab')) return;
    const api = ext();
    let seen: string | null | undefined;
    api.runtime
      .sendMessage({ type: 'get-tab-state', tabId } satisfies GetTabState)
      .then((s: TabState | undefined) => (seen ??= pageKey(s?.page ?? null)), () => undefined);
    const onMessage = (msg: unknown, sender: chrome.runtime.MessageSender) => {
      if (sender.tab?.id !== tabId || !isMessage<PageDetected>(msg, 'page-detected')) return;
      // Leaving for another console page and coming back to this one is no new page: the panel keeps
      // what it shows (a mail run's dialog among it) instead of starting over.
      const key = pageKey(msg.page);
      if (key === null) return;
      if (key !== seen) setGeneration((g) => g + 1);
      seen = key;
    };
    api.runtime.onMessage.addListener(onMessage);
    return () => api.runtime.onMessage.removeListener(onMessage);
  }, [tabId]);
  return <Panel key={`${tabId ?? 0}:${generation}`} tabId={tabId} settings={settings} />;
}

const pageKey = (page: PageInfo | null): string | null => (page ? `${page.origin}${page.path}` : null);

(async () => {
  const [tabId, settings] = await Promise.all([boundTabId(), loadSettings()]);
  initLang(settings.uiLang);
  forgetTypedNamesOnPageHide();
  render(<Root tabId={tabId} initial={settings} />, document.getElementById('app')!);
})();
