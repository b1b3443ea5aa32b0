/** The console's three PDF models (one-console.md §4.1): 1, 2 or 8 accounts per page. */
export type SheetModel = 'pdf' | 'newPdf' | 'simplePdf';
export const SHEET_MODELS: readonly SheetModel[] = ['pdf', 'newPdf', 'simplePdf'];
