import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { UI } from '../../src/i18n/ui';

test('French and English UI strings have the same keys and placeholders', () => {
  const fr = UI.fr as Record<string, string>;
  const en = UI.en as Record<string, string>;
  expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
  for (const k of Object.keys(fr)) {
    // `{name}`, `{de name}` (elision) and `{n|one|other}` (agreement): the variables a string uses
    const ph = (s: string) => [...new Set([...s.matchAll(/\{(?:de )?(\w+)(?:\|[^{}]*)?\}/g)].map((m) => m[1]))].sort();
    expect(ph(en[k]!), k).toEqual(ph(fr[k]!));
    expect(en[k]!.trim(), k).not.toBe('');
  }
});

test('the generated _locales are in sync (built by build.mjs)', () => {
  const fr = JSON.parse(readFileSync('dist/chrome/_locales/fr/messages.json', 'utf8'));
  const en = JSON.parse(readFileSync('dist/chrome/_locales/en/messages.json', 'utf8'));
  expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
  expect(fr.extName.message).toBe('Publipostage ONE');
});

test('extension pages CSP is pinned: no remote script, no eval, no remote connection', () => {
  const m = JSON.parse(readFileSync('manifest.json', 'utf8'));
  expect(m.content_security_policy.extension_pages).toBe(
    "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; img-src 'self' blob: data:; style-src 'self'; connect-src 'self'; form-action 'none'",
  );
  expect(m.permissions.sort()).toEqual(['scripting', 'sidePanel', 'storage']);
  expect(m.host_permissions).toBeUndefined();
  expect(m.optional_host_permissions).toEqual(['https://*/*']);
});
