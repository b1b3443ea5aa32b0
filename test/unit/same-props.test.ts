/** The follow-up's element is kept while its props hold the same (popup/panel/same-props.ts). */
import { test, expect } from '@playwright/test';
import { sameProps } from '../../popup/panel/same-props';

test('props are the same when every value is, one level into plain objects; any changed value, added or removed key makes them differ', () => {
  const accounts = [{ id: '1' }];
  const settings = { logo: null };
  const onPrinted = () => {};
  const props = (over: Record<string, unknown> = {}, actions: Record<string, unknown> = {}) => ({
    accounts, log: { entries: {} as Record<string, unknown> }, model: 'pdf', teacher: false,
    actions: { settings, tabId: 3, onPrinted, ...actions }, ...over,
  });
  const a = props();
  // a bundle made afresh from the same parts is the same
  expect(sameProps(a, props({ log: a.log }))).toBe(true);
  // a new log (a mark), a new model, a changed part of the bundle, another callback: not the same
  expect(sameProps(a, props())).toBe(false);
  expect(sameProps(a, props({ log: a.log, model: 'newPdf' }))).toBe(false);
  expect(sameProps(a, props({ log: a.log }, { tabId: 4 }))).toBe(false);
  expect(sameProps(a, props({ log: a.log }, { settings: { logo: null } }))).toBe(false);
  expect(sameProps(a, props({ log: a.log }, { onPrinted: () => {} }))).toBe(false);
  expect(sameProps(a, props({ log: a.log, metrics: undefined }))).toBe(false);
  const { teacher: _, ...fewer } = props({ log: a.log });
  expect(sameProps(a, fewer)).toBe(false);
  // the same array with the same content is not enough: a new roster is a new array
  expect(sameProps(a, props({ log: a.log, accounts: [...accounts] }))).toBe(false);
});
