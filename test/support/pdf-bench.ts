import type { Account } from '../../src/model/account';
import type { FontBytes } from '../../src/pdf/fonts';
import { renderSheets } from '../../src/pdf';

/** n accounts cycled from `accounts` (ids and logins made unique), or synthetic ones if empty. */
export function benchAccounts(accounts: Account[], n = 1000): Account[] {
  const out: Account[] = [];
  for (let i = 0; i < n; i++) {
    const src = accounts[i % Math.max(1, accounts.length)];
    const a: Account = src
      ? { ...src }
      : {
          id: `b${i}`, profile: 'Student', firstName: `Prénom${i}`, lastName: `Nom${i}`, login: '', activationCode: null,
          email: null, classes: [{ id: `c${i % 5}`, name: ['CP', 'CE1', 'CE2', 'CM1', 'CM2'][i % 5]! }], creationDate: null,
          blocked: false, isLocalAdmin: false, children: [],
        };
    a.id = `${a.id}-${i}`;
    a.login = `${a.login || 'prenom.nom'}${i}`;
    if (a.profile !== 'Teacher') a.activationCode = `X${(100000 + i * 7919) % 1000000}`;
    out.push(a);
  }
  return out;
}

/** Renders 1000 accounts (cycled from `accounts`), 8 per page, full QR on every card, DejaVu embedded. */
export async function benchSheets(accounts: Account[], font: FontBytes, n = 1000): Promise<{ ms: number; bytes: number; pages: number }> {
  const list = benchAccounts(accounts, n);
  const t0 = performance.now();
  const r = await renderSheets(list, {
    model: 'simplePdf', lang: 'fr', entUrl: 'https://oneconnect.edifice.io', qr: 'full', font, date: new Date(),
  });
  return { ms: Math.round(performance.now() - t0), bytes: r.bytes.length, pages: r.pages };
}
