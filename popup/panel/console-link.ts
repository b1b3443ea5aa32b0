/** The panel's line to the content script of its console tab. */
import type { PageInfo } from '../../src/console/endpoints';
import { MAIL_RUN_PORT, type JoinClassesReply, type LoadReply, type LoadWireReply, type PanelToContent, type PingReply, type PlatformRulesReply, type SchoolClassesReply, type SendMailReply } from '../../src/messages';
import { NO_RULES, type PlatformRules } from '../../src/console/auth-context';
import { ext } from '../../src/platform/browser-api';
import { unpackAccounts } from '../../src/model/packed';

export async function askContent<R>(tabId: number, msg: PanelToContent): Promise<R> {
  return (await ext().tabs.sendMessage(tabId, msg)) as R;
}

export async function ping(tabId: number): Promise<PageInfo | null> {
  return (await pingInstance(tabId))?.page ?? null;
}

async function pingInstance(tabId: number): Promise<PingReply | null> {
  try {
    return (await askContent<PingReply | undefined>(tabId, { type: 'ping' })) ?? null;
  } catch {
    return null;
  }
}

/** Teacher page, no class yet: a school's classes, as the page's own class chooser lists them. */
export async function schoolClasses(tabId: number, structureId: string): Promise<SchoolClassesReply> {
  try {
    return (await askContent<SchoolClassesReply | undefined>(tabId, { type: 'school-classes', structureId }))
      ?? { ok: false, error: { kind: 'network', detail: 'no answer' } };
  } catch (e) {
    return { ok: false, error: { kind: 'network', detail: (e as Error).message } };
  }
}

/**
 * Joins classes through the console (`PUT /directory/class/add-self`); the content script then reloads
 * its page. Resolves once the reloaded page's content script answers (a new instance), or after 30 s.
 */
export async function joinClasses(tabId: number, classIds: string[]): Promise<JoinClassesReply> {
  const before = (await pingInstance(tabId))?.instance;
  let r: JoinClassesReply | undefined;
  try {
    r = await askContent<JoinClassesReply | undefined>(tabId, { type: 'join-classes', classIds });
  } catch (e) {
    return { ok: false, error: { kind: 'network', detail: (e as Error).message } };
  }
  if (!r?.ok) return r ?? { ok: false, error: { kind: 'network', detail: 'no answer' } };
  const end = Date.now() + 30_000;
  while (Date.now() < end) {
    await new Promise((res) => setTimeout(res, 300));
    const now = await pingInstance(tabId);
    if (now?.instance && now.instance !== before) break;
  }
  return r;
}

/** The ENT's rules for the sheets; when they cannot be read, none (the sheets then print a neutral sentence). */
export async function readPlatformRules(tabId: number): Promise<PlatformRules> {
  try {
    const r = await askContent<PlatformRulesReply | undefined>(tabId, { type: 'read-platform-rules' });
    return r?.ok ? r.rules : NO_RULES;
  } catch {
    return NO_RULES;
  }
}

export async function loadAccounts(tabId: number, structureId: string | null): Promise<LoadReply> {
  const r = await askContent<LoadWireReply | undefined>(tabId, { type: 'load', structureId });
  return (r?.ok ? { ...r, accounts: unpackAccounts(r.accounts) } : r) as LoadReply;
}

/**
 * The content script took the chunk (its listener answered "async"), then its page went away (reload,
 * navigation) before answering: the POST may have reached the console. Chrome: "A listener indicated
 * an asynchronous response by returning true, but the message channel closed before a response was
 * received"; Firefox: "Promised response from onMessage listener went out of scope". Not to be
 * confused with "Receiving end does not exist" (never delivered: safe to retry).
 */
const LOST = /asynchronous response|went out of scope/i;

/** `origin`, `structureId`: where the accounts were read (the content script checks the origin). */
export async function sendMail(
  tabId: number, origin: string, structureId: string, ids: string[], timeoutMs?: number,
  run?: { id: string; slots: number },
): Promise<SendMailReply> {
  try {
    const r = await askContent<SendMailReply | undefined>(tabId, {
      type: 'send-mail', origin, structureId, ids, ...(timeoutMs ? { timeoutMs } : {}), ...(run ? { run: run.id, slots: run.slots } : {}),
    });
    // No answer at all: no content script took it (not on the massmail page); nothing was sent.
    return r ?? { ok: false, kind: (await tabGone(tabId)) ? 'tab-closed' : 'network', message: 'the console tab did not take the request' };
  } catch (e) {
    const message = (e as Error).message;
    if (LOST.test(message)) return { ok: false, kind: 'lost', message };
    // Never delivered. A closed tab will not come back: the run stops instead of retrying each chunk
    // and reporting accounts never requested as « en échec ».
    return { ok: false, kind: (await tabGone(tabId)) ? 'tab-closed' : 'network', message };
  }
}

async function tabGone(tabId: number): Promise<boolean> {
  try {
    await ext().tabs.get(tabId);
    return false;
  } catch {
    return true;
  }
}

/** The run stopped or was cancelled: the console tab gives back the chunks it holds (answered `not-sent`). */
export async function giveBackQueued(tabId: number, run: string): Promise<void> {
  await askContent(tabId, { type: 'give-back-queued', run }).catch(() => undefined);
}

/**
 * Held open for the length of a run: if this page dies (closed, crashed), the console tab sees the
 * port close and does not send the chunks it still holds for the run. Returns its closer.
 */
export function holdRunPort(tabId: number, run: string): () => void {
  try {
    const port = ext().tabs.connect(tabId, { name: MAIL_RUN_PORT + run, frameId: 0 });
    // A port that cannot connect (no content script yet) closes by itself: nothing to hold then.
    port.onDisconnect.addListener(() => void ext().runtime.lastError);
    return () => port.disconnect();
  } catch {
    return () => undefined;
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
