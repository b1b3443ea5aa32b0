import { test, expect } from '@playwright/test';
import { isConsoleContentSender, isExtensionPageSender } from '../../src/sender-policy';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const HOSTS = new Set(['oneconnect.edifice.io', 'ent.mon-ecole.fr']);
const content = { id: ID, url: 'https://oneconnect.edifice.io/admin/s1/imports-exports/massmail', frameId: 0, tab: { id: 7 } };

test('content messages: our extension, a tab, its top frame, a known or enabled console host', () => {
  expect(isConsoleContentSender(content, ID, HOSTS)).toBe(true);
  expect(isConsoleContentSender({ ...content, url: 'https://ent.mon-ecole.fr:8443/directory/class-admin' }, ID, HOSTS)).toBe(true);
  expect(isConsoleContentSender({ ...content, frameId: 3 }, ID, HOSTS)).toBe(false); // an iframe
  expect(isConsoleContentSender({ ...content, frameId: undefined }, ID, HOSTS)).toBe(false);
  expect(isConsoleContentSender({ ...content, tab: undefined }, ID, HOSTS)).toBe(false);
  expect(isConsoleContentSender({ ...content, id: 'another-extension' }, ID, HOSTS)).toBe(false);
  expect(isConsoleContentSender({ ...content, url: 'https://evil.example/admin/' }, ID, HOSTS)).toBe(false);
  expect(isConsoleContentSender({ ...content, url: 'https://oneconnect.edifice.io.evil.example/admin/' }, ID, HOSTS)).toBe(false);
  expect(isConsoleContentSender({ ...content, url: 'http://oneconnect.edifice.io/admin/' }, ID, HOSTS)).toBe(false);
  expect(isConsoleContentSender({ ...content, url: undefined }, ID, HOSTS)).toBe(false);
});

test('get-tab-state: extension pages only, with our runtime id', () => {
  const base = `chrome-extension://${ID}/`;
  expect(isExtensionPageSender({ id: ID, url: `${base}panel.html?tab=7`, tab: { id: 9 } }, ID, base)).toBe(true);
  expect(isExtensionPageSender({ id: ID, url: `${base}popup.html` }, ID, base)).toBe(true);
  expect(isExtensionPageSender({ id: ID, url: 'moz-extension://1234/panel.html' }, ID, 'moz-extension://1234/')).toBe(true);
  // A content script: our id, but a console page's URL.
  expect(isExtensionPageSender(content, ID, base)).toBe(false);
  expect(isExtensionPageSender({ id: 'other', url: `${base}popup.html` }, ID, base)).toBe(false);
  expect(isExtensionPageSender({ id: ID }, ID, base)).toBe(false);
});
