import { test, expect } from '@playwright/test';
import { firstClassName, isActivated } from '../../src/model/account';
import { classLevel, compareClassNames } from '../../src/model/class-order';

test('firstClassName is the lowest school level, null without class', () => {
  expect(firstClassName({ classes: [{ id: '2', name: 'CM2 B' }, { id: '1', name: 'CP A' }] })).toBe('CP A');
  expect(firstClassName({ classes: [{ id: '2', name: 'CM2' }, { id: '1', name: 'CE1' }] })).toBe('CE1');
  expect(firstClassName({ classes: [] })).toBeNull();
});

test('classes go by school level: PS … CM2, a mixed class by its first level, other names after in French order', () => {
  const names = ['ULIS', 'CM2 B', 'CE2-CM1', 'CP B', 'cm1 a', 'GS', 'CE1 A', 'CP A', 'Classe découverte', 'PS-MS', 'CE2 A', 'CM2 A', 'MS'];
  expect([...names].sort(compareClassNames)).toEqual(
    ['PS-MS', 'MS', 'GS', 'CP A', 'CP B', 'CE1 A', 'CE2 A', 'CE2-CM1', 'cm1 a', 'CM2 A', 'CM2 B', 'Classe découverte', 'ULIS']);
  expect(classLevel('CE2-CM1')).toBe('CE2');
  expect(classLevel('CM10')).toBeNull();
  expect(classLevel('Atelier')).toBeNull();
});

test('an account is activated when it has no activation code', () => {
  const base = { id: 'x', profile: 'Student' as const, firstName: 'A', lastName: 'B', login: 'a.b', email: null,
    classes: [], creationDate: null, blocked: false, isLocalAdmin: false, children: [] };
  expect(isActivated({ ...base, activationCode: null })).toBe(true);
  expect(isActivated({ ...base, activationCode: 'abcd3456' })).toBe(false);
});
