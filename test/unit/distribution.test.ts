import { test, expect } from '@playwright/test';
import { sanitizeLog } from '../../src/model/distribution';
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
