/**
 * A random secret drawn once per install (storage.local, readable by extension pages only: the
 * background sets storage.local to TRUSTED_CONTEXTS), the key of the table mode's stand-in ids
 * (src/model/table-ids.ts). Not account data: 32 random bytes.
 */
import { tableIdKey } from '../../src/model/table-ids';
import { ext } from '../../src/platform/browser-api';

const KEY = 'install-secret';
let cached: Promise<CryptoKey> | null = null;

const toB64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));
const fromB64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

export function installKey(): Promise<CryptoKey> {
  cached ??= (async () => {
    const area = ext().storage.local;
    const got = (await area.get(KEY))[KEY];
    let secret: Uint8Array;
    if (typeof got === 'string' && got.length >= 40) secret = fromB64(got);
    else {
      secret = crypto.getRandomValues(new Uint8Array(32));
      await area.set({ [KEY]: toB64(secret) });
    }
    return tableIdKey(secret);
  })();
  cached.catch(() => (cached = null));
  return cached;
}
