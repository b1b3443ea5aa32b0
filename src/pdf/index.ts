/**
 * PDF engine of Publipostage ONE: login sheets (1, 2 or 8 per page), class bundles, household packs
 * and sign-off rosters, rendered with jsPDF + DejaVu Sans, DOM-free (extension page and Node).
 */
export type { SheetModel } from './cards';
export type { QrMode, Lang, Branch } from './wording';
export type { SheetOptions, RosterOptions, RenderResult } from './render';
export { renderSheets, renderRoster, planSections, layoutAll, measurerFor, checkFit, CUSTOM_TEXT_LIMITS } from './render';
export type { FitOptions, FitReport, FitProblem, CardFit, Adaptation } from './render';
export { orderForHouseholds, householdGroups } from './households';
export { sheetFileName, branchOf, profileLine, qrText } from './wording';
export { layoutCard, layoutProblems } from './layout';
