import { test, expect } from '@playwright/test';
import {
  DEFAULT_SETTINGS,
  LOGO_MAX_BYTES,
  SettingsError,
  exportSettings,
  importSettings,
  sheetSettings,
  uiLangOf,
  validateSettings,
  type Settings,
} from '../../src/settings';

import { dataUrl, jpegHeader, makePng } from './fixtures/images';

const png = (bytes: number) => dataUrl(makePng(1, 1, { totalBytes: bytes }));

const FULL: Settings = {
  entUrl: 'https://ent.mon-ecole.fr',
  schoolName: 'École Jules Ferry',
  customText: 'Réunion de rentrée le 12 septembre.',
  logo: { dataUrl: png(80), format: 'PNG' },
  defaultModel: 'simplePdf',
  qrMode: 'login',
  bundles: 'on',
  sheetLang: 'en',
  uiLang: 'fr',
  academieNotice: true,
  academieText: 'Connectez-vous aussi avec votre compte de l’académie de Créteil.',
  mobileApp: false,
  pageCovers: true,
  helpUrl: 'https://aide.mon-ecole.fr',
};

const errorOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SettingsError);
    return (e as Error).message;
  }
  throw new Error('no error thrown');
};

test('defaults validate to themselves; missing keys take their default, unknown keys are dropped', () => {
  expect(validateSettings(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
  expect(validateSettings({})).toEqual(DEFAULT_SETTINGS);
  expect(validateSettings({ schoolName: '  École  ', extra: 'x' })).toEqual({ ...DEFAULT_SETTINGS, schoolName: 'École' });
  expect(validateSettings(FULL)).toEqual(FULL);
});

test('the ENT address must be https and is normalised', () => {
  expect(validateSettings({ entUrl: ' https://ent.mon-ecole.fr/ ' }).entUrl).toBe('https://ent.mon-ecole.fr');
  expect(validateSettings({ entUrl: 'https://ent.fr/one/?x=1#y' }).entUrl).toBe('https://ent.fr/one');
  expect(validateSettings({ entUrl: '' }).entUrl).toBe('');
  expect(errorOf(() => validateSettings({ entUrl: 'http://ent.fr' }))).toBe('Réglage « Adresse de l’ENT » : l’adresse doit commencer par https://.');
  expect(errorOf(() => validateSettings({ entUrl: 'javascript:alert(1)' }))).toContain('https://');
  expect(errorOf(() => validateSettings({ entUrl: 'ent.fr' }))).toContain('n’est pas une adresse web');
  expect(errorOf(() => validateSettings({ entUrl: 'https://a:b@ent.fr' }))).toContain('mot de passe');
  expect(errorOf(() => validateSettings({ entUrl: 42 }))).toContain('un texte est attendu');
});

test('wrong types and unknown choices name the setting in French', () => {
  expect(errorOf(() => validateSettings(null))).toContain('un objet JSON est attendu');
  expect(errorOf(() => validateSettings([]))).toContain('un objet JSON est attendu');
  expect(errorOf(() => validateSettings({ schoolName: 3 }))).toBe('Réglage « Nom de l’école » : un texte est attendu.');
  expect(errorOf(() => validateSettings({ customText: 'x'.repeat(1001) }))).toContain('1000 caractères au plus');
  expect(errorOf(() => validateSettings({ defaultModel: 'pdf4' }))).toContain('« Modèle par défaut » : valeur inconnue "pdf4"');
  expect(errorOf(() => validateSettings({ qrMode: true }))).toContain('« QR code »');
  expect(errorOf(() => validateSettings({ bundles: 'yes' }))).toContain('« Lots par classe »');
  expect(errorOf(() => validateSettings({ sheetLang: 'de' }))).toContain('« Langue des fiches »');
  expect(errorOf(() => validateSettings({ uiLang: 'es' }))).toContain('« Langue de l’interface »');
});

test('the logo: PNG or JPEG, content matching its type, at most 300 KB', () => {
  expect(validateSettings({ logo: { dataUrl: png(LOGO_MAX_BYTES), format: 'PNG' } }).logo?.format).toBe('PNG');
  expect(errorOf(() => validateSettings({ logo: { dataUrl: png(LOGO_MAX_BYTES + 1), format: 'PNG' } }))).toContain('image trop lourde (301 Ko, 300 Ko au plus)');
  expect(errorOf(() => validateSettings({ logo: { dataUrl: png(80), format: 'GIF' } }))).toContain('PNG et JPEG');
  expect(errorOf(() => validateSettings({ logo: { dataUrl: png(80), format: 'JPEG' } }))).toContain('ne correspond pas');
  const fakePng = `data:image/png;base64,${Buffer.from('<svg onload=alert(1)>').toString('base64')}`;
  expect(errorOf(() => validateSettings({ logo: { dataUrl: fakePng, format: 'PNG' } }))).toContain('n’est pas une image PNG');
  expect(errorOf(() => validateSettings({ logo: { dataUrl: 'https://evil.example/x.png', format: 'PNG' } }))).toContain('image illisible');
  expect(errorOf(() => validateSettings({ logo: 'x' }))).toContain('« Logo »');
  const jpeg = dataUrl(jpegHeader(300, 100), 'jpeg');
  expect(validateSettings({ logo: { dataUrl: jpeg, format: 'JPEG' } }).logo).toEqual({ dataUrl: jpeg, format: 'JPEG' });
});

test('export then import round-trips; the file says what it is', () => {
  const text = exportSettings(FULL);
  const file = JSON.parse(text);
  expect(file.format).toBe('publipostage-one-settings');
  expect(file.version).toBe(1);
  expect(importSettings(text)).toEqual(FULL);
  expect(importSettings('\uFEFF' + text)).toEqual(FULL);
});

test('importing a bad file throws a clear French error', () => {
  expect(errorOf(() => importSettings('not json'))).toContain('pas du JSON valide');
  expect(errorOf(() => importSettings('{"a":1}'))).toContain('n’est pas un export de réglages de Publipostage ONE');
  expect(errorOf(() => importSettings('[]'))).toContain('n’est pas un export de réglages');
  expect(errorOf(() => importSettings('{"format":"publipostage-one-settings"}'))).toContain('version');
  expect(errorOf(() => importSettings('{"format":"publipostage-one-settings","version":9,"settings":{}}'))).toContain('version plus récente');
  expect(errorOf(() => importSettings('{"format":"publipostage-one-settings","version":1,"settings":{"entUrl":"http://x.fr"}}'))).toContain('https://');
  expect(errorOf(() => importSettings('{"format":"publipostage-one-settings","version":1}'))).toContain('un objet JSON est attendu');
});

test('interface language and what the settings mean for one PDF', () => {
  expect(uiLangOf({ uiLang: 'auto' }, 'en-GB')).toBe('en');
  expect(uiLangOf({ uiLang: 'auto' }, 'de-DE')).toBe('fr');
  expect(uiLangOf({ uiLang: 'en' }, 'fr-FR')).toBe('en');

  const base = sheetSettings(DEFAULT_SETTINGS, { consoleOrigin: 'https://oneconnect.edifice.io', sortByClass: false });
  expect(base).toEqual({
    entUrl: 'https://oneconnect.edifice.io', lang: 'fr', qr: 'full', bundles: false, mobileApp: true, pageCovers: false,
    academieNotice: "Si votre académie le propose, vous pouvez aussi vous connecter avec votre compte académique, par le bouton de l’académie sur la page de connexion.",
  });
  expect(sheetSettings({ ...DEFAULT_SETTINGS, academieNotice: false }, { consoleOrigin: 'x', sortByClass: false }).academieNotice).toBeUndefined();
  expect(() => validateSettings({ mobileApp: 'yes' })).toThrow(/Application mobile/);
  expect(() => validateSettings({ helpUrl: 'http://aide.fr' })).toThrow(/Adresse d’aide.*https/);
  expect(sheetSettings(DEFAULT_SETTINGS, { consoleOrigin: 'x', sortByClass: true }).bundles).toBe(true);
  const full = sheetSettings(FULL, { consoleOrigin: 'https://oneconnect.edifice.io', sortByClass: false });
  expect(full).toMatchObject({ entUrl: 'https://ent.mon-ecole.fr', lang: 'en', qr: 'login', bundles: true, schoolName: 'École Jules Ferry',
    academieNotice: FULL.academieText, mobileApp: false, pageCovers: true, helpUrl: 'https://aide.mon-ecole.fr' });
  expect(full.logo?.data.slice(0, 4)).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
  expect(full.logo?.data.length).toBe(80);
  expect(sheetSettings({ ...FULL, bundles: 'off' }, { consoleOrigin: 'x', sortByClass: true }).bundles).toBe(false);
});

test('the logo is checked whole: declared size at most 2000 × 2000, no truncated file or base64', () => {
  // Issue 13: a 249 KB PNG declaring 8000 × 8000 pixels froze the panel on every print.
  const bomb = makePng(8000, 8000);
  expect(bomb.length).toBeLessThan(LOGO_MAX_BYTES);
  expect(errorOf(() => validateSettings({ logo: { dataUrl: dataUrl(bomb), format: 'PNG' } }))).toContain('image trop grande (8000 × 8000 pixels, 2000 × 2000 au plus)');
  expect(errorOf(() => validateSettings({ logo: { dataUrl: dataUrl(jpegHeader(2001, 10), 'jpeg'), format: 'JPEG' } }))).toContain('2001 × 10 pixels');
  expect(validateSettings({ logo: { dataUrl: dataUrl(makePng(2000, 20)), format: 'PNG' } }).logo?.format).toBe('PNG');
  // Truncated: base64 cut mid-way, or a file without its end marker.
  const whole = dataUrl(makePng(40, 40));
  expect(errorOf(() => validateSettings({ logo: { dataUrl: whole.slice(0, -7), format: 'PNG' } }))).toMatch(/tronqué/);
  const cut = makePng(40, 40).subarray(0, 60);
  expect(errorOf(() => validateSettings({ logo: { dataUrl: dataUrl(Buffer.from(cut.subarray(0, 60 - (60 % 3)))), format: 'PNG' } }))).toMatch(/tronqué/);
  const jpegCut = jpegHeader(10, 10).subarray(0, 21);
  expect(errorOf(() => validateSettings({ logo: { dataUrl: dataUrl(Buffer.from(jpegCut), 'jpeg'), format: 'JPEG' } }))).toMatch(/tronqué/);
});

test('the ENT address: at most 200 characters, fits a QR, trusted only for known hosts', async () => {
  const { ENT_URL_MAX, entUrlFitsQr, entUrlTrusted, entHost } = await import('../../src/settings');
  // Issue 13: a 5 MB address passed validation and broke every PDF.
  const long = 'https://ent.mon-ecole.fr/' + 'a'.repeat(5_000_000);
  expect(errorOf(() => validateSettings({ entUrl: long }))).toContain(`${ENT_URL_MAX} caractères au plus`);
  const at200 = 'https://ent.mon-ecole.fr/' + 'a'.repeat(ENT_URL_MAX - 25);
  expect(validateSettings({ entUrl: at200 }).entUrl).toHaveLength(ENT_URL_MAX);
  expect(entUrlFitsQr(at200)).toBe(true);
  expect(entUrlFitsQr('https://x.fr/' + 'a'.repeat(600))).toBe(false);
  const trusted = new Set(['oneconnect.edifice.io', 'ent.mon-ecole.fr']);
  expect(entUrlTrusted('', trusted)).toBe(true);
  expect(entUrlTrusted('https://oneconnect.edifice.io', trusted)).toBe(true);
  expect(entUrlTrusted('https://ent.mon-ecole.fr/portail', trusted)).toBe(true);
  // The review's example: a look-alike host under another domain.
  expect(entUrlTrusted('https://ent-ecole.fr.evil.example', trusted)).toBe(false);
  expect(entUrlTrusted('https://oneconnect.edifice.io.evil.example', trusted)).toBe(false);
  expect(entUrlTrusted('http://oneconnect.edifice.io', trusted)).toBe(false);
  expect(entHost('https://ent.mon-ecole.fr/portail')).toBe('ent.mon-ecole.fr');
});
