/**
 * Ids for accounts read from the console's table (no account id there): the login stands in, but
 * a login must never reach extension storage (the distribution log is keyed by id). So the table's
 * stand-in id is a keyed hash of the login — HMAC-SHA-256 with a secret drawn once per install —
 * stable for the same login on this browser, meaningless anywhere else, and not reversible by
 * trying likely logins without the secret.
 */
import type { Account } from './account';

export const TABLE_ID_PREFIX = 't:';

const b64url = (bytes: Uint8Array): string => {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

export async function tableIdKey(secret: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', secret as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/** `t:` + the first 128 bits of HMAC-SHA-256(secret, login), base64url. */
export async function tableId(key: CryptoKey, login: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(login));
  return TABLE_ID_PREFIX + b64url(new Uint8Array(mac).subarray(0, 16));
}

/** The same accounts with their login-derived ids replaced by keyed hashes. */
export async function pseudonymizeTableIds(accounts: readonly Account[], key: CryptoKey): Promise<Account[]> {
  return Promise.all(accounts.map(async (a) => ({ ...a, id: await tableId(key, a.login) })));
}
