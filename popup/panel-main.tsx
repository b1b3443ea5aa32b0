import { render } from 'preact';
import { Panel } from './Panel';
import { boundTabId } from './console-link';
import { loadSettings } from './settings-store';
import { initLang } from './lang';

(async () => {
  const [tabId, settings] = await Promise.all([boundTabId(), loadSettings()]);
  initLang(settings.uiLang);
  render(<Panel tabId={tabId} settings={settings} />, document.getElementById('app')!);
})();
