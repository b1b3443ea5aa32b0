/**
 * User settings of Publipostage ONE: how the sheets look and which defaults the panel starts with.
 * Pure (no chrome.*, no DOM): validated on load, on save and on import; exported as a small JSON
 * file a director can hand to a colleague. Never an account, a code, a login or an e-mail address.
 */
import QRCode from 'qrcode';
import { SHEET_DICTS } from './i18n/sheets';

export type SettingsModel = 'pdf' | 'newPdf' | 'simplePdf' | 'letter';
export type SettingsQrMode = 'full' | 'login' | 'none';
export type SettingsBundles = 'auto' | 'on' | 'off';
export type SettingsLogo = { dataUrl: string; format: 'PNG' | 'JPEG' };

export interface Settings {
  /** ENT address printed on the sheets; '' = the console's own origin. */
  entUrl: string;
  schoolName: string;
  customText: string;
  logo: SettingsLogo | null;
  defaultModel: SettingsModel;
  qrMode: SettingsQrMode;
  /** Class bundles (cover page per class): auto = on when the list is sorted by class. */
  bundles: SettingsBundles;
  sheetLang: 'fr' | 'en';
  uiLang: 'auto' | 'fr' | 'en';
  /** The académie notice on teachers' sheets (an extra line, never instead of a code). */
  academieNotice: boolean;
  /** Its text; '' = the sheets' default wording in the sheets' language. */
  academieText: string;
  /** A line about the ONE Pocket mobile app, printed on ONE's hosts only. */
  mobileApp: boolean;
  /** At 8 per page with class bundles: a whole cover page per class instead of one cover card. */
  pageCovers: boolean;
  /** A help page printed on 1 and 2 per page; '' = « adressez-vous à l'école ». */
  helpUrl: string;
}

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  entUrl: '',
  schoolName: '',
  customText: '',
  logo: null,
  defaultModel: 'pdf',
  qrMode: 'full',
  bundles: 'auto',
  sheetLang: 'fr',
  uiLang: 'auto',
  academieNotice: true,
  academieText: '',
  mobileApp: true,
  pageCovers: false,
  helpUrl: '',
});

export const SETTINGS_FORMAT = 'publipostage-one-settings';
export const SETTINGS_VERSION = 1;
export const LOGO_MAX_BYTES = 300 * 1024;
/** A logo is drawn a few centimetres wide: more pixels only cost memory and time on every print. */
export const LOGO_MAX_PX = 2000;
/** The ENT address goes into every QR code and onto every sheet. */
export const ENT_URL_MAX = 200;
/** Largest QR version the smallest card (26 mm) still prints readably (77 modules, ~0.3 mm each). */
export const QR_MAX_VERSION = 15;
export const SCHOOL_NAME_MAX = 120;
export const CUSTOM_TEXT_MAX = 1000;
export const ACADEMIE_TEXT_MAX = 300;

export const MODELS: readonly SettingsModel[] = ['pdf', 'newPdf', 'simplePdf', 'letter'];
export const QR_MODES: readonly SettingsQrMode[] = ['full', 'login', 'none'];
export const BUNDLES: readonly SettingsBundles[] = ['auto', 'on', 'off'];
export const SHEET_LANGS = ['fr', 'en'] as const;
export const UI_LANGS = ['auto', 'fr', 'en'] as const;

/** A bad settings value or file; `message` is French and says which setting and why. */
export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

const LABELS: Record<keyof Settings, string> = {
  entUrl: 'Adresse de l’ENT',
  schoolName: 'Nom de l’école',
  customText: 'Paragraphe personnalisé',
  logo: 'Logo',
  defaultModel: 'Modèle par défaut',
  qrMode: 'QR code',
  bundles: 'Lots par classe',
  sheetLang: 'Langue des fiches',
  uiLang: 'Langue de l’interface',
  academieNotice: 'Mention de l’académie',
  academieText: 'Texte de la mention de l’académie',
  mobileApp: 'Application mobile',
  pageCovers: 'Pages de garde',
  helpUrl: 'Adresse d’aide',
};

const fail = (key: keyof Settings, why: string): never => {
  throw new SettingsError(`Réglage « ${LABELS[key]} » : ${why}.`);
};

function text(key: keyof Settings, v: unknown, max: number): string {
  if (typeof v !== 'string') return fail(key, 'un texte est attendu');
  const s = v.trim();
  if (s.length > max) fail(key, `${max} caractères au plus (${s.length} reçus)`);
  return s;
}

function oneOf<T extends string>(key: keyof Settings, v: unknown, allowed: readonly T[]): T {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v))
    return fail(key, `valeur inconnue ${JSON.stringify(v)} (attendu : ${allowed.join(', ')})`);
  return v as T;
}

function flag(key: keyof Settings, v: unknown): boolean {
  if (typeof v !== 'boolean') return fail(key, 'oui ou non (true / false) est attendu');
  return v;
}

/** '' or an https address, returned without query, fragment or trailing slash. */
export function normalizeEntUrl(v: unknown, key: 'entUrl' | 'helpUrl' = 'entUrl'): string {
  if (typeof v !== 'string') return fail(key, 'un texte est attendu');
  const s = v.trim();
  if (!s) return '';
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return fail(key, `« ${s.slice(0, 80)} » n’est pas une adresse web (exemple : https://ent.mon-ecole.fr)`);
  }
  if (url.protocol !== 'https:') fail(key, 'l’adresse doit commencer par https://');
  if (url.username || url.password) fail(key, 'l’adresse ne doit pas contenir d’identifiant ni de mot de passe');
  const out = (url.origin + url.pathname).replace(/\/+$/, '');
  if (out.length > ENT_URL_MAX) fail(key, `${ENT_URL_MAX} caractères au plus (${out.length} reçus)`);
  if (!entUrlFitsQr(out)) fail(key, 'adresse trop longue pour tenir dans le QR code des fiches');
  return out;
}

/**
 * Whether the longest QR a sheet prints with this address (activation link with a long login and
 * code) stays a QR the smallest card can print readably.
 */
export function entUrlFitsQr(entUrl: string): boolean {
  const worst = `${entUrl}/auth/activation?login=${'x'.repeat(40)}&activationCode=${'X'.repeat(12)}`;
  try {
    return QRCode.create([{ data: new TextEncoder().encode(worst), mode: 'byte' }], { errorCorrectionLevel: 'M' }).version <= QR_MAX_VERSION;
  } catch {
    return false;
  }
}

/** Where the QR codes lead: the host of the address printed on the sheets. */
export const entHost = (entUrl: string): string => {
  try {
    return new URL(entUrl).host;
  } catch {
    return entUrl;
  }
};

/**
 * Whether an ENT address may be taken from a settings file without asking: its host is the
 * console's own, one the manifest knows, or one the user enabled (« Activer sur ce site »).
 * Any other host would silently send every QR code (login and activation code) elsewhere.
 */
export function entUrlTrusted(entUrl: string, trustedHosts: ReadonlySet<string>): boolean {
  if (!entUrl) return true;
  try {
    const u = new URL(entUrl);
    return u.protocol === 'https:' && trustedHosts.has(u.hostname.toLowerCase());
  } catch {
    return false;
  }
}

/** Bytes of a base64 data URL payload, without decoding it. */
function base64Bytes(b64: string): number {
  const pad = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return Math.floor((b64.length * 3) / 4) - pad;
}

/** Decodes a `data:image/…;base64,` URL to bytes (the PDF engine embeds the logo from these). */
export function dataUrlBytes(dataUrl: string): Uint8Array {
  const b64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];
const JPEG_MAGIC = [0xff, 0xd8, 0xff];

/** Width and height a PNG (IHDR) or JPEG (SOFn) declares, or null when the header is not found. */
export function imageSize(bytes: Uint8Array, format: 'PNG' | 'JPEG'): { width: number; height: number } | null {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (format === 'PNG') {
    if (bytes.length < 24 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
    return { width: dv.getUint32(16), height: dv.getUint32(20) };
  }
  let p = 2;
  while (p + 9 < bytes.length) {
    if (bytes[p] !== 0xff) return null;
    const marker = bytes[p + 1]!;
    if (marker === 0xff) {
      p++;
      continue;
    }
    const len = dv.getUint16(p + 2);
    // SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return { width: dv.getUint16(p + 7), height: dv.getUint16(p + 5) };
    p += 2 + len;
  }
  return null;
}

/** A JPEG ends with EOI (FF D9); some writers add a few bytes after it. */
function jpegEnds(bytes: Uint8Array): boolean {
  for (let i = bytes.length - 2; i >= Math.max(2, bytes.length - 1024); i--) if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true;
  return false;
}

const PNG_END = [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];

/**
 * Checks a logo completely (an import may bring anything): PNG or JPEG data URL, at most 300 KB,
 * the whole base64 decodes, the header declares at most 2000 × 2000 pixels, and the file is not
 * cut short (PNG IEND, JPEG EOI). The options page then decodes and re-encodes it (logo-image.ts).
 */
export function validateLogo(v: unknown): SettingsLogo | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'object' || Array.isArray(v)) return fail('logo', 'format inattendu');
  const { dataUrl, format } = v as Record<string, unknown>;
  if (format !== 'PNG' && format !== 'JPEG') return fail('logo', 'seules les images PNG et JPEG sont acceptées');
  const url = typeof dataUrl === 'string' ? dataUrl : '';
  const m = /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/]*={0,2})$/.exec(url);
  if (!m) return fail('logo', 'image illisible (une image PNG ou JPEG est attendue)');
  if ((m[1] === 'png') !== (format === 'PNG')) fail('logo', 'le type de l’image ne correspond pas à son contenu');
  const size = base64Bytes(m[2]!);
  if (size > LOGO_MAX_BYTES)
    fail('logo', `image trop lourde (${Math.ceil(size / 1024)} Ko, ${LOGO_MAX_BYTES / 1024} Ko au plus) : réduisez-la avant de l’ajouter`);
  let bytes: Uint8Array;
  try {
    if (m[2]!.length % 4 !== 0) throw new Error('base64');
    bytes = dataUrlBytes(url);
  } catch {
    return fail('logo', 'image illisible (contenu tronqué)');
  }
  const magic = format === 'PNG' ? PNG_MAGIC : JPEG_MAGIC;
  if (!magic.every((b, i) => bytes[i] === b)) fail('logo', `le fichier n’est pas une image ${format}`);
  const dim = imageSize(bytes, format);
  if (!dim || !dim.width || !dim.height) return fail('logo', 'image illisible (dimensions introuvables)');
  if (dim.width > LOGO_MAX_PX || dim.height > LOGO_MAX_PX)
    fail('logo', `image trop grande (${dim.width} × ${dim.height} pixels, ${LOGO_MAX_PX} × ${LOGO_MAX_PX} au plus) : réduisez-la avant de l’ajouter`);
  const complete = format === 'PNG' ? PNG_END.every((b, i) => bytes[bytes.length - 12 + i] === b) : jpegEnds(bytes);
  if (!complete) fail('logo', 'image incomplète (fichier tronqué)');
  return { dataUrl: url, format };
}

/**
 * Checks any value (storage, a form, an imported file) and returns complete settings.
 * Missing keys take their default (files from an older version stay importable); unknown keys
 * are dropped; a wrong value throws a SettingsError that names the setting.
 */
export function validateSettings(input: unknown): Settings {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new SettingsError('Réglages illisibles : un objet JSON est attendu.');
  const o = input as Partial<Record<keyof Settings, unknown>>;
  const d = DEFAULT_SETTINGS;
  const has = (k: keyof Settings) => o[k] !== undefined;
  return {
    entUrl: has('entUrl') ? normalizeEntUrl(o.entUrl) : d.entUrl,
    schoolName: has('schoolName') ? text('schoolName', o.schoolName, SCHOOL_NAME_MAX) : d.schoolName,
    customText: has('customText') ? text('customText', o.customText, CUSTOM_TEXT_MAX) : d.customText,
    logo: validateLogo(o.logo),
    defaultModel: has('defaultModel') ? oneOf('defaultModel', o.defaultModel, MODELS) : d.defaultModel,
    qrMode: has('qrMode') ? oneOf('qrMode', o.qrMode, QR_MODES) : d.qrMode,
    bundles: has('bundles') ? oneOf('bundles', o.bundles, BUNDLES) : d.bundles,
    sheetLang: has('sheetLang') ? oneOf('sheetLang', o.sheetLang, SHEET_LANGS) : d.sheetLang,
    uiLang: has('uiLang') ? oneOf('uiLang', o.uiLang, UI_LANGS) : d.uiLang,
    academieNotice: has('academieNotice') ? flag('academieNotice', o.academieNotice) : d.academieNotice,
    academieText: has('academieText') ? text('academieText', o.academieText, ACADEMIE_TEXT_MAX) : d.academieText,
    mobileApp: has('mobileApp') ? flag('mobileApp', o.mobileApp) : d.mobileApp,
    pageCovers: has('pageCovers') ? flag('pageCovers', o.pageCovers) : d.pageCovers,
    helpUrl: has('helpUrl') ? normalizeEntUrl(o.helpUrl, 'helpUrl') : d.helpUrl,
  };
}

export interface SettingsFile {
  format: typeof SETTINGS_FORMAT;
  version: number;
  settings: Settings;
}

/** The export file's text: `{ format, version, settings }`, pretty-printed. */
export function exportSettings(s: Settings): string {
  const file: SettingsFile = { format: SETTINGS_FORMAT, version: SETTINGS_VERSION, settings: validateSettings(s) };
  return JSON.stringify(file, null, 2) + '\n';
}

/** Reads an export file; throws a SettingsError in French when it is not one, or holds a bad value. */
export function importSettings(text: string): Settings {
  let file: unknown;
  try {
    file = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new SettingsError('Ce fichier n’est pas un fichier de réglages : son contenu n’est pas du JSON valide.');
  }
  const f = (typeof file === 'object' && file !== null ? file : {}) as Partial<Record<keyof SettingsFile, unknown>>;
  if (f.format !== SETTINGS_FORMAT)
    throw new SettingsError('Ce fichier n’est pas un export de réglages de Publipostage ONE (« Exporter les réglages »).');
  if (typeof f.version !== 'number' || !Number.isInteger(f.version) || f.version < 1)
    throw new SettingsError('Fichier de réglages invalide : numéro de version absent ou incorrect.');
  if (f.version > SETTINGS_VERSION)
    throw new SettingsError(`Ce fichier vient d’une version plus récente de l’extension (format ${f.version}) : mettez l’extension à jour.`);
  return validateSettings(f.settings);
}

/** The interface language: the setting, or the browser's language when it is 'auto'. */
export function uiLangOf(s: Pick<Settings, 'uiLang'>, navLang: string | undefined): 'fr' | 'en' {
  if (s.uiLang !== 'auto') return s.uiLang;
  return navLang?.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

/** What the settings mean for one PDF: fields named as the PDF engine's SheetOptions. */
export interface SheetSettings {
  entUrl: string;
  lang: 'fr' | 'en';
  qr: SettingsQrMode;
  bundles: boolean;
  schoolName?: string;
  customText?: string;
  logo?: { data: Uint8Array; format: 'PNG' | 'JPEG' };
  /** The académie notice's text for teachers' sheets, absent when the setting is off. */
  academieNotice?: string;
  mobileApp: boolean;
  pageCovers: boolean;
  helpUrl?: string;
}

export function sheetSettings(s: Settings, ctx: { consoleOrigin: string; sortByClass: boolean }): SheetSettings {
  return {
    entUrl: s.entUrl || ctx.consoleOrigin,
    lang: s.sheetLang,
    qr: s.qrMode,
    bundles: s.bundles === 'on' || (s.bundles === 'auto' && ctx.sortByClass),
    ...(s.schoolName ? { schoolName: s.schoolName } : {}),
    ...(s.customText ? { customText: s.customText } : {}),
    ...(s.logo ? { logo: { data: dataUrlBytes(s.logo.dataUrl), format: s.logo.format } } : {}),
    ...(s.academieNotice ? { academieNotice: s.academieText || SHEET_DICTS[s.sheetLang]['teacher.academie'] } : {}),
    mobileApp: s.mobileApp,
    pageCovers: s.pageCovers,
    ...(s.helpUrl ? { helpUrl: s.helpUrl } : {}),
  };
}
