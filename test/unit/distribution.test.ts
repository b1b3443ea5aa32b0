import { test, expect } from '@playwright/test';
import { channelOf, countOf, planChannels, planCounts, sanitizeLog } from '../../src/model/distribution';
import { PROFILES } from '../../src/model/account';
import type { Account, Profile } from '../../src/model/account';
import { pseudonymizeTableIds, tableId, tableIdKey } from '../../src/model/table-ids';
import { accountsFromTable } from '../../src/console/table';

test('table mode ids are keyed hashes of the login: stable per install, different per secret, no login in them', async () => {
  const [a] = accountsFromTable([{ lastName: 'Martin', firstName: 'Léa', profileClass: 'Student', profileLabel: 'Élève', login: 'lea.martin', code: 'X1', email: '', classText: '', dateText: '' }], []);
  const k1 = await tableIdKey(new Uint8Array(32).fill(1));
  const k2 = await tableIdKey(new Uint8Array(32).fill(2));
  const [p1] = await pseudonymizeTableIds([a!], k1);
  expect(p1!.id).toMatch(/^t:[A-Za-z0-9_-]{22}$/);
  expect(p1!.id).not.toContain('lea');
  expect(p1!.login).toBe('lea.martin'); // still shown and printed, just not the key
  expect(p1!.id).toBe(await tableId(k1, 'lea.martin'));
  expect(p1!.id).not.toBe(await tableId(k2, 'lea.martin'));
  expect(await tableId(k1, 'lea.martin2')).not.toBe(p1!.id);
});

test('a stored log keyed by `login:` (older table mode) is dropped on load', () => {
  const log = sanitizeLog('s1', { entries: { 'login:lea.martin': { handed: 1 }, u1: { printed: 2 }, 't:abc': { mailed: 3 } } });
  expect(log.entries).toEqual({ u1: { printed: 2 }, 't:abc': { mailed: 3 } });
});

test('channel plan: parents and guests with an address by e-mail, teachers already activated on their account, the rest on paper', () => {
  const acc = (profile: Profile, email: string | null, activationCode: string | null = 'abcd2345', o: Partial<Account> = {}): Account => ({
    id: `${profile}-${email}-${activationCode}`, profile, firstName: 'P', lastName: 'N', login: 'p.n', activationCode, email,
    classes: [], creationDate: null, blocked: false, isLocalAdmin: false, children: [], ...o,
  });
  expect(channelOf(acc('Relative', 'a@b.fr'))).toBe('mail');
  expect(channelOf(acc('Relative', '  '))).toBe('paper');
  expect(channelOf(acc('Relative', null))).toBe('paper');
  expect(channelOf(acc('Relative', null, 'abcd2345', { emailOnFile: true }))).toBe('mail'); // teacher page: hasEmail without the address
  expect(channelOf(acc('Guest', 'g@b.fr'))).toBe('mail');
  expect(channelOf(acc('Guest', null))).toBe('paper');
  expect(channelOf(acc('Student', 's@b.fr'))).toBe('paper');
  expect(channelOf(acc('Personnel', 'p@b.fr'))).toBe('paper');
  expect(channelOf(acc('Teacher', 't@b.fr', null))).toBe('academie');
  expect(channelOf(acc('Teacher', 't@b.fr'))).toBe('paper');
});

test('the plan counted in one pass gives, per channel and profile, what the plan lists hold, with and without the accounts already activated', () => {
  // every combination of profile, address (none, blank, given, on file) and activation, three times over
  const accounts: Account[] = [];
  for (let k = 0; k < 3; k++)
    for (const profile of PROFILES)
      for (const email of [null, '  ', 'x@y.fr', 'onFile'])
        for (const activationCode of [null, 'abcd2345'])
          accounts.push({
            id: `${k}-${profile}-${email}-${activationCode}`, profile, firstName: 'P', lastName: 'N', login: 'p.n', activationCode,
            email: email === 'onFile' ? null : email, ...(email === 'onFile' ? { emailOnFile: true } : {}),
            classes: [], creationDate: null, blocked: false, isLocalAdmin: false, children: [],
          });
  const c = planCounts(accounts);
  const byProfile = (list: Account[]) => Object.fromEntries(PROFILES.map((p) => [p, list.filter((a) => a.profile === p).length]));
  const all = planChannels(accounts);
  const notActivated = planChannels(accounts.filter((a) => a.activationCode));
  for (const ch of ['paper', 'mail', 'academie'] as const) {
    expect(c.all[ch], ch).toEqual(byProfile(all[ch]));
    expect(c.notActivated[ch], ch).toEqual(byProfile(notActivated[ch]));
    expect(countOf(c.all[ch])).toBe(all[ch].length);
  }
  expect(c.activated).toBe(accounts.filter((a) => !a.activationCode).length);
  expect(c.activatedTeachers).toBe(accounts.filter((a) => !a.activationCode && a.profile === 'Teacher').length);
  expect(countOf(c.all.mail)).toBeGreaterThan(0);
  expect(countOf(c.notActivated.academie)).toBe(0);
});
