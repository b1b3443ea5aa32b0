import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { TabState } from '../src/messages';
import { pickLang, translator } from '../src/i18n/ui';
import { ext } from '../src/platform/browser-api';

const t = translator(pickLang(navigator.language));

/** Opens the panel beside the console tab: Chrome side panel, Firefox sidebar, else a tab. */
async function openPanel(tabId: number): Promise<void> {
  const api = ext() as typeof chrome & { sidebarAction?: { open(): Promise<void> } };
  try {
    if (api.sidePanel?.open) await api.sidePanel.open({ tabId });
    else if (api.sidebarAction?.open) await api.sidebarAction.open();
    else throw new Error('no side panel');
  } catch {
    await api.tabs.create({ url: api.runtime.getURL(`panel.html?tab=${tabId}`) });
  }
  window.close();
}

function Popup() {
  const [tabId, setTabId] = useState<number | null>(null);
  const [state, setState] = useState<TabState | null>(null);
  useEffect(() => {
    (async () => {
      const [tab] = await ext().tabs.query({ active: true, currentWindow: true });
      if (tab?.id === undefined) return;
      setTabId(tab.id);
      setState((await ext().runtime.sendMessage({ type: 'get-tab-state', tabId: tab.id })) as TabState);
    })();
  }, []);
  const onConsole = !!state?.page;
  return (
    <main class="popup">
      <h1>{t('extName')}</h1>
      {onConsole && tabId !== null ? (
        <>
          {state?.read && <p class="count">{t('countSelected', { n: state.read.count })}</p>}
          <button type="button" class="primary" onClick={() => openPanel(tabId)}>
            {t('actionTitle')}
          </button>
        </>
      ) : (
        <p>{t('extDescription')}</p>
      )}
      <p class="hint">{t('noConsole')}</p>
    </main>
  );
}

render(<Popup />, document.getElementById('app')!);
