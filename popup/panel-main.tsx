import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '../src/settings';
import { Panel } from './Panel';
import { boundTabId } from './console-link';
import { loadSettings, onSettingsChanged } from './settings-store';
import { initLang } from './lang';

/** Settings saved in the options page apply to an open panel at once (the language at next opening). */
function Root({ tabId, initial }: { tabId: number | null; initial: Settings }) {
  const [settings, setSettings] = useState(initial);
  useEffect(() => onSettingsChanged(setSettings), []);
  return <Panel tabId={tabId} settings={settings} />;
}

(async () => {
  const [tabId, settings] = await Promise.all([boundTabId(), loadSettings()]);
  initLang(settings.uiLang);
  render(<Root tabId={tabId} initial={settings} />, document.getElementById('app')!);
})();
