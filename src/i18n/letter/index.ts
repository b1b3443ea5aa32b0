/** The family letter's languages: one module each, looked up by code. */
import { LETTER_FR } from './fr';
import type { LetterLang, LetterTexts } from './types';

export const LETTERS: Partial<Record<LetterLang, LetterTexts>> = { fr: LETTER_FR };

/** A language's texts; French when the language has none (never an empty letter). */
export const letterTexts = (lang: LetterLang): LetterTexts => LETTERS[lang] ?? LETTER_FR;

export type { LetterLang, LetterTexts } from './types';
export { SECOND_LANGS } from './types';
