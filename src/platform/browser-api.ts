/**
 * The only module that touches the WebExtension namespace. Chrome (MV3) and Firefox both return
 * promises from `chrome.*` / `browser.*`, so no polyfill is bundled: we pick whichever exists.
 */
type Api = typeof chrome;

export function ext(): Api {
  const g = globalThis as unknown as { browser?: Api; chrome?: Api };
  const api = g.browser ?? g.chrome;
  if (!api?.runtime?.id) throw new Error('Extension context invalidated');
  return api;
}

/** After an update the old content script loses its context; it must go quiet, not throw. */
export function contextAlive(): boolean {
  try {
    return !!ext().runtime.id;
  } catch {
    return false;
  }
}

/** Firefox alone has runtime.getBrowserInfo (Chromium also defines `browser` since version 144 or so). */
export const isFirefox = (): boolean => typeof (ext().runtime as { getBrowserInfo?: unknown }).getBrowserInfo === 'function';
