/**
 * Who may talk to the background (pure, so it is unit-tested). A message's `sender` is filled in by
 * the browser, not by the sender, so these checks hold even against a compromised console page.
 */

/** The parts of runtime.MessageSender we look at (Chrome and Firefox fill them alike). */
export interface SenderInfo {
  id?: string | undefined;
  url?: string | undefined;
  frameId?: number | undefined;
  tab?: { id?: number | undefined } | undefined;
}

function hostOf(url: string | undefined): string | null {
  try {
    const u = new URL(url ?? '');
    return u.protocol === 'https:' ? u.hostname.toLowerCase() : null;
  } catch {
    return null;
  }
}

/**
 * A content script's report (page detected, accounts read): from our extension, in a tab's top frame,
 * on a console host known in the manifest or enabled by the user.
 */
export function isConsoleContentSender(s: SenderInfo, runtimeId: string, consoleHosts: ReadonlySet<string>): boolean {
  if (s.id !== runtimeId || s.tab?.id === undefined || s.frameId !== 0) return false;
  const host = hostOf(s.url);
  return host !== null && consoleHosts.has(host);
}

/** A request only extension pages may make (get-tab-state): our id, and a page of our own origin. */
export function isExtensionPageSender(s: SenderInfo, runtimeId: string, extensionBaseUrl: string): boolean {
  return s.id === runtimeId && typeof s.url === 'string' && extensionBaseUrl !== '' && s.url.startsWith(extensionBaseUrl);
}
