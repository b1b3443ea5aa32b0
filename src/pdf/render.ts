/**
 * The PDF engine's entry points, each living in the file named for its job: sheets.ts (login sheets,
 * covers, labels), roster.ts (sign-off roster), plan.ts (sections), measure.ts (text metrics),
 * draw.ts (drawing primitives), document.ts (jsPDF document, fonts, output), context.ts, options.ts.
 */
export type { SheetOptions, RosterOptions, RenderResult } from './options';
export { renderSheets, layoutAll } from './sheets';
export { renderRoster } from './roster';
export { planSections } from './plan';
export { measurerFor, PdfMeasurer } from './measure';
export { drawLayout } from './draw';
export { checkFit, CUSTOM_TEXT_LIMITS } from './fit';
export type { FitOptions, FitReport, FitProblem, CardFit } from './fit';
export type { Adaptation } from './layout';
