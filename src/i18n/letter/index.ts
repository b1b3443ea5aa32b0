/** The family letter's languages: one module each, looked up by code. */
import { LETTER_AR } from './ar';
import { LETTER_DE } from './de';
import { LETTER_EN } from './en';
import { LETTER_ES } from './es';
import { LETTER_FR } from './fr';
import { LETTER_IT } from './it';
import { LETTER_PL } from './pl';
import { LETTER_PT } from './pt';
import { LETTER_RO } from './ro';
import { LETTER_RU } from './ru';
import { LETTER_TR } from './tr';
import { LETTER_UK } from './uk';
import type { LetterLang, LetterTexts } from './types';

export const LETTERS: Record<LetterLang, LetterTexts> = {
  fr: LETTER_FR, en: LETTER_EN, ar: LETTER_AR, tr: LETTER_TR, pt: LETTER_PT, es: LETTER_ES,
  ro: LETTER_RO, it: LETTER_IT, de: LETTER_DE, pl: LETTER_PL, uk: LETTER_UK, ru: LETTER_RU,
};

/** A language's texts (French for a code we do not know: never an empty letter). */
export const letterTexts = (lang: LetterLang): LetterTexts => LETTERS[lang] ?? LETTER_FR;

export type { LetterLang, LetterTexts } from './types';
export { SECOND_LANGS, isLetterLang } from './types';
