/** The panel's line to the content script of its console tab. */
import type { PageInfo } from '../src/console/endpoints';
import type { LoadReply, PanelToContent, PingReply, SendMailReply } from '../src/messages';
import { ext } from '../src/platform/browser-api';

export async function askContent<R>(tabId: number, msg: PanelToContent): Promise<R> {
  return (await ext().tabs.sendMessage(tabId, msg)) as R;
}

export async function ping(tabId: number): Promise<PageInfo | null> {
  try {
    const r = await askContent<PingReply | undefined>(tabId, { type: 'ping' });
    return r?.page ?? null;
  } catch {
    return null;
  }
}

export function loadAccounts(tabId: number, structureId: string | null): Promise<LoadReply> {
  return askContent<LoadReply>(tabId, { type: 'load', structureId });
}

export async function sendMail(tabId: number, structureId: string, ids: string[]): Promise<SendMailReply> {
  try {
    return await askContent<SendMailReply>(tabId, { type: 'send-mail', structureId, ids });
  } catch (e) {
    return { ok: false, kind: 'network', message: (e as Error).message };
  }
}

/** Sends the console tab to one of the console's own pages (log in again, validate MFA). */
export async function navigateConsole(tabId: number, url: string): Promise<void> {
  await ext().tabs.update(tabId, { url, active: true });
}

/** The tab the panel serves: `?tab=` when opened for a tab, else the active tab (Firefox sidebar). */
export async function boundTabId(): Promise<number | null> {
  const fromUrl = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromUrl) && fromUrl > 0) return fromUrl;
  const [tab] = await ext().tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}
