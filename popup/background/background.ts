/**
 * Background (service worker on Chrome, event page on Firefox). Deliberately small: it remembers,
 * per tab, which console page is open and how many accounts were read (no account data), and
 * binds the side panel to that tab.
 */
import { isMessage, type AccountsRead, type GetTabState, type OpenPanel, type OpenPanelReply, type PageDetected, type ReadFailed, type TabState } from '../../src/messages';
import { ext } from '../../src/platform/browser-api';
import { isConsoleContentSender, isExtensionPageSender } from '../../src/sender-policy';
import { enabledSites, knownHosts } from '../shared/enable-site';

const api = ext();
const KEY = 'tabs';

// Content scripts (code running inside the console's pages) have no business in storage.local:
// only extension pages and the background may read it (settings, logs, the install secret).
// Chrome 102+ supports it; where the call is missing or refused, storage.local holds no account data anyway.
try {
  (api.storage.local as chrome.storage.StorageArea & { setAccessLevel?: (o: { accessLevel: string }) => Promise<void> })
    .setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })
    ?.catch(() => undefined);
} catch {
  /* not supported here */
}

/** Console hosts content messages may come from: the manifest's, and the ones the user enabled. */
let consoleHosts: Promise<Set<string>> | null = null;
function trustedConsoleHosts(): Promise<Set<string>> {
  consoleHosts ??= enabledSites()
    .catch(() => [] as string[])
    .then((sites) => new Set([...knownHosts(api.runtime.getManifest()), ...sites]));
  return consoleHosts;
}
const forgetHosts = () => void (consoleHosts = null);

async function readStates(): Promise<Record<string, TabState>> {
  // storage.session survives a service-worker restart but never reaches the disk.
  const area = api.storage.session ?? api.storage.local;
  const got = await area.get(KEY);
  return (got[KEY] as Record<string, TabState> | undefined) ?? {};
}

// Read-modify-write of one record: chained, so two messages arriving together never lose an update.
let writes: Promise<unknown> = Promise.resolve();

function writeState(tabId: number, patch: Partial<TabState> | null): Promise<void> {
  const run = writes.then(async () => {
    const area = api.storage.session ?? api.storage.local;
    const all = await readStates();
    if (patch === null) delete all[tabId];
    else all[tabId] = { ...(all[tabId] ?? { page: null, read: null }), ...patch };
    await area.set({ [KEY]: all });
  });
  writes = run.catch(() => undefined);
  return run;
}

export function panelPath(tabId: number): string {
  return `panel.html?tab=${tabId}`;
}

async function bindSidePanel(tabId: number): Promise<void> {
  const sidePanel = (api as typeof chrome).sidePanel;
  if (!sidePanel?.setOptions) return;
  await sidePanel.setOptions({ tabId, path: panelPath(tabId), enabled: true }).catch(() => undefined);
}

type SidebarApi = { sidebarAction?: { open(): Promise<void>; isOpen(d: { windowId?: number }): Promise<boolean> } };

/**
 * The in-page « Publipostage avancé » button. Chrome: `sidePanel.open` is called synchronously in
 * the message listener, which Chrome (≥ 116) runs with the click's user gesture; the path is set
 * just before, in the same tick, so the panel is bound to that tab. Firefox never passes a content
 * script's click on as a user action (bugzilla 1398833), so `sidebarAction.open` is refused there:
 * if the sidebar is already open it already follows this tab, else the panel opens in a tab
 * beside the console.
 */
function openPanelFor(tab: chrome.tabs.Tab & { id: number }): Promise<OpenPanelReply> {
  const sidePanel = (api as typeof chrome).sidePanel;
  const inTab = async (): Promise<OpenPanelReply> => {
    await api.tabs.create({ url: api.runtime.getURL(panelPath(tab.id)), index: tab.index + 1, openerTabId: tab.id, windowId: tab.windowId });
    return { opened: 'tab' };
  };
  if (sidePanel?.open) {
    sidePanel.setOptions({ tabId: tab.id, path: panelPath(tab.id), enabled: true }).catch(() => undefined);
    return sidePanel.open({ tabId: tab.id }).then(
      (): OpenPanelReply => ({ opened: 'side-panel' }),
      () => inTab(),
    );
  }
  const sidebar = (api as unknown as SidebarApi).sidebarAction;
  if (sidebar?.open) {
    return sidebar.open().then(
      (): OpenPanelReply => ({ opened: 'sidebar' }),
      async () => ((await sidebar.isOpen({ windowId: tab.windowId }).catch(() => false)) ? { opened: 'sidebar' } : inTab()),
    );
  }
  return inTab();
}

api.runtime.onMessage.addListener((msg: unknown, sender, sendResponse: (r: unknown) => void) => {
  const tabId = sender.tab?.id;
  if (isMessage<OpenPanel>(msg, 'open-panel')) {
    // Only our own content script, in a tab's top frame (not an iframe the page could plant). Checked
    // synchronously: Chrome's sidePanel.open needs the click's user gesture, which an await would lose.
    if (tabId === undefined || sender.frameId !== 0 || sender.id !== api.runtime.id) return false;
    openPanelFor(sender.tab as chrome.tabs.Tab & { id: number })
      .catch((e: Error): OpenPanelReply => ({ opened: 'none', reason: e.message }))
      .then(sendResponse);
    return true;
  }
  if (isMessage<GetTabState>(msg, 'get-tab-state')) {
    // The tab record says which console page a tab shows: for our own pages only.
    if (!isExtensionPageSender(sender, api.runtime.id, api.runtime.getURL(''))) return false;
    readStates().then((all) => sendResponse(all[msg.tabId] ?? { page: null, read: null }));
    return true;
  }
  const isPage = isMessage<PageDetected>(msg, 'page-detected');
  const isRead = !isPage && isMessage<AccountsRead>(msg, 'accounts-read');
  const isFailed = !isPage && !isRead && isMessage<ReadFailed>(msg, 'read-failed');
  if (!isPage && !isRead && !isFailed) return false;
  trustedConsoleHosts().then((hosts) => {
    // Only our content script, in a tab's top frame, on a console we know or the user enabled.
    if (!isConsoleContentSender(sender, api.runtime.id, hosts)) return;
    const tabId = sender.tab!.id!;
    if (isPage) {
      const m = msg as PageDetected;
      // Bound once the tab shows a console page, and left open when the director browses elsewhere in
      // the console (a user's sheet…): the panel keeps the list it read.
      writeState(tabId, { page: m.page, ...(m.page ? {} : { read: null }) }).then(() => m.page && bindSidePanel(tabId));
    } else if (isFailed) {
      const m = msg as ReadFailed;
      // No count survives a failed read: the popup must not show the previous one as current.
      writeState(tabId, { read: null, failed: { request: m.request, kind: m.kind, status: m.status } });
    } else {
      const m = msg as AccountsRead;
      writeState(tabId, { read: { structureId: m.structureId, structureName: m.structureName, count: m.count, source: m.source }, failed: null });
    }
  });
  return false;
});

api.tabs.onRemoved.addListener((tabId) => {
  writeState(tabId, null).catch(() => undefined);
});

// --- « Activer sur ce site »: dynamic content scripts for ENTs granted at run time --------------
// Self-contained: keeps one registered content script per granted `https://<host>/*` origin
// (popup/enable-site.ts), re-synced whenever a permission is added or removed, and at start-up.
import { syncSiteScripts } from '../shared/enable-site';

api.permissions.onAdded.addListener(() => (forgetHosts(), void syncSiteScripts()));
api.permissions.onRemoved.addListener(() => (forgetHosts(), void syncSiteScripts()));
api.runtime.onInstalled.addListener(() => void syncSiteScripts());
api.runtime.onStartup.addListener(() => void syncSiteScripts());

// Distribution logs and mail campaigns are kept one school year (popup/storage-prune.ts).
import { pruneStorage } from './storage-prune';

api.runtime.onInstalled.addListener(() => void pruneStorage().catch(() => undefined));
api.runtime.onStartup.addListener(() => void pruneStorage().catch(() => undefined));
