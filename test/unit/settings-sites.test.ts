/** « Activer sur ce site »: parsing the typed address, the permission pattern, the script, the sync plan. */
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { grantedSites, knownHosts, parseSite, planSync, scriptFor, sitePattern } from '../../popup/shared/enable-site';

const manifest = JSON.parse(readFileSync('manifest.json', 'utf8'));

test('a typed ENT address becomes one https origin', () => {
  expect(parseSite('ent.mon-ecole.fr')).toEqual({ origin: 'https://ent.mon-ecole.fr', host: 'ent.mon-ecole.fr' });
  expect(parseSite(' https://ENT.Mon-Ecole.fr/admin/123/imports-exports/massmail?x#y ')).toEqual({ origin: 'https://ent.mon-ecole.fr', host: 'ent.mon-ecole.fr' });
  expect(parseSite('https://ent.mon-ecole.fr:8443/')).toEqual({ origin: 'https://ent.mon-ecole.fr', host: 'ent.mon-ecole.fr' });
  expect(() => parseSite('')).toThrow('saisissez l’adresse de votre ENT');
  expect(() => parseSite('http://ent.mon-ecole.fr')).toThrow('https://');
  expect(() => parseSite('file:///etc/passwd')).toThrow('https://');
  expect(() => parseSite('localhost')).toThrow('n’est pas un nom de site');
  expect(() => parseSite('https://a b')).toThrow('n’est pas une adresse web');
});

test('the permission asked and the script registered cover that host only, on the console pages', () => {
  expect(sitePattern('ent.mon-ecole.fr')).toBe('https://ent.mon-ecole.fr/*');
  expect(scriptFor('ent.mon-ecole.fr')).toEqual({
    id: 'ent-ent.mon-ecole.fr',
    matches: ['https://ent.mon-ecole.fr/admin/*', 'https://ent.mon-ecole.fr/directory/class-admin*'],
    js: ['content.js'],
    runAt: 'document_idle',
    persistAcrossSessions: true,
  });
  // Same pages as the manifest's static content script.
  const staticMatches: string[] = manifest.content_scripts[0].matches;
  expect(staticMatches).toContain('https://oneconnect.edifice.io/admin/*');
  expect(staticMatches).toContain('https://oneconnect.edifice.io/directory/class-admin*');
  expect(manifest.content_scripts[0].js).toEqual(scriptFor('x.fr').js);
});

test('granted sites leave out the known hosts and wildcards; the plan registers and unregisters the difference', () => {
  const known = knownHosts(manifest);
  expect(known.has('oneconnect.edifice.io')).toBe(true);
  expect(known.has('www.parisclassenumerique.fr')).toBe(true);
  const granted = grantedSites(
    ['https://ent.b.fr/*', 'https://oneconnect.edifice.io/*', 'https://*/*', 'https://oneconnect.edifice.io/admin/*', 'https://ent.a.fr/*', 'https://ent.a.fr/*'],
    known,
  );
  expect(granted).toEqual(['ent.a.fr', 'ent.b.fr']);
  expect(planSync(granted, ['ent-ent.a.fr', 'ent-old.fr', 'someone-else'])).toEqual({ register: ['ent.b.fr'], unregister: ['ent-old.fr'] });
  expect(planSync([], ['ent-ent.a.fr'])).toEqual({ register: [], unregister: ['ent-ent.a.fr'] });
  expect(planSync(['ent.a.fr'], ['ent-ent.a.fr'])).toEqual({ register: [], unregister: [] });
});
