import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '../src/settings';
import { Panel } from './Panel';
import { boundTabId } from './console-link';
import { loadSettings, onSettingsChanged } from './settings-store';
import { initLang } from './lang';
import { ext } from '../src/platform/browser-api';

/** Settings saved in the options page apply to an open panel at once (the language at next opening). */
function Root({ tabId: first, initial }: { tabId: number | null; initial: Settings }) {
  const [settings, setSettings] = useState(initial);
  const [tabId, setTabId] = useState(first);
  useEffect(() => onSettingsChanged(setSettings), []);
  useEffect(() => {
    // Firefox's sidebar is one per window, not per tab: it follows the active tab unless `?tab=` binds it.
    if (new URLSearchParams(location.search).has('tab')) return;
    const follow = (info: { tabId: number }) => setTabId(info.tabId);
    ext().tabs.onActivated.addListener(follow);
    return () => ext().tabs.onActivated.removeListener(follow);
  }, []);
  return <Panel key={tabId ?? 0} tabId={tabId} settings={settings} />;
}

(async () => {
  const [tabId, settings] = await Promise.all([boundTabId(), loadSettings()]);
  initLang(settings.uiLang);
  render(<Root tabId={tabId} initial={settings} />, document.getElementById('app')!);
})();
