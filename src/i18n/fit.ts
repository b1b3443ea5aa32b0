/**
 * What checkFit (src/pdf/fit.ts) says before printing, in the panel's language: text that does not
 * fit a model, and the fix. French first; same keys and placeholders in English.
 */
import { format, type Lang } from './french';

export const FIT_FR = {
  'model.simplePdf': '8 par page',
  'model.newPdf': '2 par page',
  'model.pdf': '1 par page',
  'model.letter': 'Lettre aux familles',
  'custom.tooLong':
    'Le paragraphe personnalisé ({length} caractères) ne tient pas sur {cards} {cards|fiche|fiches} à {model} (limite : {limit} caractères).',
  'custom.fixModel': 'Choisissez {model}, ou raccourcissez-le.',
  'custom.fixShorten': 'Raccourcissez-le à {limit} caractères.',
  'dropped': '{cards} {cards|fiche ne peut|fiches ne peuvent} pas tout contenir ({what}) : {names}.',
  'broken': '{cards} {cards|fiche coupe|fiches coupent} un mot trop long pour la largeur de la fiche : {names}.',
  'letter.broken': 'Sur les lettres, un mot trop long pour sa colonne est coupé pour {cards} {cards|compte|comptes} : {names}.',
  'block.custom': 'paragraphe personnalisé',
  'block.app': 'ligne ONE Pocket',
  'block.academie': 'mention de l’académie',
  'block.qr': 'QR code',
  'block.other': 'consignes',
} as const;

export type FitKey = keyof typeof FIT_FR;

export const FIT_EN: Record<FitKey, string> = {
  'model.simplePdf': '8 per page',
  'model.newPdf': '2 per page',
  'model.pdf': '1 per page',
  'model.letter': 'Letter to families',
  'custom.tooLong': 'The custom paragraph ({length} characters) does not fit on {cards} {cards|sheet|sheets} at {model} (limit: {limit} characters).',
  'custom.fixModel': 'Choose {model}, or shorten it.',
  'custom.fixShorten': 'Shorten it to {limit} characters.',
  'dropped': '{cards} {cards|sheet cannot|sheets cannot} hold everything ({what}): {names}.',
  'broken': '{cards} {cards|sheet breaks|sheets break} a word too long for the sheet’s width: {names}.',
  'letter.broken': 'On the letters, a word too long for its column is broken for {cards} {cards|account|accounts}: {names}.',
  'block.custom': 'custom paragraph',
  'block.app': 'ONE Pocket line',
  'block.academie': 'académie notice',
  'block.qr': 'QR code',
  'block.other': 'instructions',
};

export const FIT_DICTS: Record<Lang, Record<FitKey, string>> = { fr: FIT_FR, en: FIT_EN };

export const fitSay = (lang: Lang, key: FitKey, vars: Record<string, string | number> = {}): string => format(lang, FIT_DICTS[lang][key], vars);
