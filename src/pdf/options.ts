/** What a render is asked for (sheets, roster) and what it gives back. */
import type { SheetModel } from './cards';
import type { FontBytes } from './fonts';
import type { Lang, QrMode } from './wording';
import type { PasswordRule } from '../console/password-rule';
import type { LetterLang } from '../i18n/letter/types';

export interface SheetOptions {
  model: SheetModel;
  lang: Lang;
  entUrl: string;
  qr: QrMode;
  schoolName?: string;
  customText?: string;
  logo?: { data: Uint8Array; format: 'PNG' | 'JPEG' };
  bundles?: boolean;
  roster?: boolean;
  households?: boolean;
  /** With households: a sheet of envelope labels (family, children, classes; no address) at the end. */
  envelopeLabels?: boolean;
  /** At 8 per page with bundles, a whole cover page per class instead of one cover card. */
  pageCovers?: boolean;
  /** The ENT's password rule text in the sheets' language (GET /auth/context); absent = neutral sentence. */
  passwordHint?: string;
  /** The ENT's activation form requires an e-mail address (GET /auth/context `mandatory.mail`). */
  mailRequired?: boolean | null;
  /** The académie notice on teachers' sheets (setting, on by default); absent or '' = none. */
  academieNotice?: string;
  /** The ONE Pocket line (setting); printed only when the ENT is one of ONE's hosts. */
  mobileApp?: boolean;
  /** A help page printed on 1 and 2 per page (setting); absent = « adressez-vous à l'école ». */
  helpUrl?: string;
  /** Teachers named on each class cover, by class name; by default the teachers among `accounts`. */
  classTeachers?: Record<string, string[]>;
  /** The ENT's password rule as read from its regex: the letter says it in every language. */
  passwordRule?: PasswordRule | null;
  /** « Lettre aux familles »: the second language of every letter (absent or 'fr' = French alone). */
  letterLang?: LetterLang;
  /** Per family, by the id of any of its accounts: its own second language, over `letterLang`. */
  letterLangs?: Record<string, LetterLang>;
  /**
   * The relaunch letter (« Suivi des activations »): « Vous n’avez pas encore activé votre compte »,
   * only the accounts still not activated, and the date of the first handout per account when known.
   */
  relaunch?: { since?: Record<string, string> };
  /** Every letter on an even number of pages, so that a duplex print never puts two families on one sheet. */
  letterDuplex?: boolean;
  font: FontBytes;
  date?: Date;
  onProgress?: (done: number, total: number) => void;
}

export type RosterOptions = Pick<SheetOptions, 'lang' | 'font' | 'schoolName' | 'date'>;

export interface RenderResult {
  bytes: Uint8Array;
  pages: number;
}
