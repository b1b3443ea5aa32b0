/**
 * Limits of the sheets that the options page shows without loading the PDF engine (no jsPDF here).
 *
 * CUSTOM_TEXT_LIMITS: the longest custom paragraph, in characters, that every card of a model holds
 * whatever the account (the worst card: a not-activated teacher with the académie notice, a
 * 50-character school name, ONE Pocket, a long name and login; checked by test/unit/pdf-fit.test.ts).
 * The family letter prints it after its instructions, in French, on the next page when it must.
 * A longer paragraph is still printed on the cards that hold it; checkFit names those that do not.
 */
export const CUSTOM_TEXT_LIMITS = { simplePdf: 100, newPdf: 500, pdf: 1000, letter: 1000 } as const;
