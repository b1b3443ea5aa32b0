/**
 * The accounts' packing for the content script → panel message (src/model/packed.ts): what the panel
 * unpacks is exactly what the content script read, for the demo school, the 5,000-account structure
 * and the fields only some pages give; and it is much smaller than the accounts' own JSON.
 */
import { test, expect } from '@playwright/test';
import { startFakeConsole } from '../fake-console/server.mjs';
import { BIG_STRUCTURE_ID } from '../fake-console/demo-data.mjs';
import { markBlockedProfiles, parseAllUsers } from '../../src/console/parse';
import type { Account } from '../../src/model/account';
import { packAccounts, unpackAccounts } from '../../src/model/packed';
import { demoSchool } from './fixtures/demo-school';

/** A copy through JSON, as the extension's messaging copies it. */
const wire = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

test('packed then unpacked: the same accounts, at a fraction of the bytes (demo school and 5,000 accounts)', async () => {
  const demo = await demoSchool();
  const fc = await startFakeConsole({ http: true, port: 0 });
  let big: Account[];
  try {
    big = parseAllUsers(await (await fetch(`${fc.url}/__test/allUsers?structureId=${BIG_STRUCTURE_ID}`)).json(), BIG_STRUCTURE_ID);
  } finally {
    await fc.close();
  }
  expect(big.length).toBe(5000);
  for (const accounts of [demo, [...markBlockedProfiles(big, ['Guest'])]]) {
    const back = unpackAccounts(wire(packAccounts(accounts)));
    expect(back).toEqual(wire(accounts));
    // every account a fresh object with fresh classes: the panel narrows a copy's classes, never a neighbour's
    expect(new Set(back.flatMap((a) => a.classes)).size).toBe(back.reduce((n, a) => n + a.classes.length, 0));
    expect(JSON.stringify(packAccounts(accounts)).length).toBeLessThan(0.6 * JSON.stringify(accounts).length);
  }
});

test('the optional fields keep their presence and value: true, false or absent', () => {
  const base: Account = {
    id: 'u1', profile: 'Relative', firstName: '', lastName: 'N’Diaye', login: 'x', activationCode: null, email: '  ',
    classes: [], creationDate: null, blocked: true, isLocalAdmin: false, children: [{ firstName: 'Aïssa', lastName: 'N’Diaye', classname: null }],
  };
  const variants: Account[] = [
    base,
    { ...base, id: 'u2', profile: 'Teacher', isLocalAdmin: true, blocked: false, emailOnFile: true, loggedInOnce: false },
    { ...base, id: 'u3', profile: 'Guest', emailOnFile: false, loggedInOnce: true, profileBlocked: true, classesDerived: true,
      classes: [{ id: 'c1', name: 'CP A' }, { id: 'c2', name: 'CE1 A' }] },
    { ...base, id: 'u4', profile: 'Personnel', profileBlocked: false, classesDerived: false, classes: [{ id: 'c2', name: 'CE1 A' }], activationCode: 'abcd2345' },
    { ...base, id: 'u5', profile: 'Student', children: [], email: 'a@b.c', creationDate: '2025-09-01T08:12:33.123+02:00' },
  ];
  const back = unpackAccounts(wire(packAccounts(variants)));
  expect(back).toEqual(variants);
  for (const [i, a] of back.entries()) expect(Object.keys(a).sort()).toEqual(Object.keys(variants[i]!).sort());
});
