/**
 * Blob URLs of files holding activation codes (the sheets' PDF, the mail report's CSV) live only
 * as long as the delivery needs: the download has started and the opened tab has loaded the file
 * well within a minute. `?blobTtlMs=` shortens it, for tests.
 */
export const BLOB_TTL_MS = (() => {
  const v = Number(new URLSearchParams(globalThis.location?.search ?? '').get('blobTtlMs'));
  return Number.isInteger(v) && v >= 500 && v <= 60_000 ? v : 60_000;
})();

const live = new Set<string>();

export function blobUrl(blob: Blob): string {
  const url = URL.createObjectURL(blob);
  live.add(url);
  return url;
}

export function revoke(url: string): void {
  if (!live.delete(url)) return;
  URL.revokeObjectURL(url);
}

/** Revokes `url` after the delivery delay; `then` runs once it is gone (e.g. to hide a link to it). */
export function revokeLater(url: string, then?: () => void): void {
  setTimeout(() => {
    revoke(url);
    then?.();
  }, BLOB_TTL_MS);
}

// Closing the page ends every delivery: nothing of it stays reachable.
globalThis.addEventListener?.('pagehide', () => {
  for (const url of [...live]) revoke(url);
});
