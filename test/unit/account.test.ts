import { test, expect } from '@playwright/test';
import { firstClassName, isActivated } from '../../src/model/account';

test('firstClassName is the alphabetically-first class, null without class', () => {
  expect(firstClassName({ classes: [{ id: '2', name: 'CM2' }, { id: '1', name: 'CE1' }] })).toBe('CE1');
  expect(firstClassName({ classes: [] })).toBeNull();
});

test('an account is activated when it has no activation code', () => {
  const base = { id: 'x', profile: 'Student' as const, firstName: 'A', lastName: 'B', login: 'a.b', email: null,
    classes: [], creationDate: null, blocked: false, isLocalAdmin: false, children: [] };
  expect(isActivated({ ...base, activationCode: null })).toBe(true);
  expect(isActivated({ ...base, activationCode: 'ABC123' })).toBe(false);
});
