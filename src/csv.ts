/**
 * The one CSV field writer for every file the extension writes (mail report, council summary):
 * names and class names come from the directory and are not ours, so they must never run in a
 * spreadsheet.
 */

/**
 * Quotes a field; a leading = + - @ (or tab/CR) gets a `'` so a spreadsheet does not run it as a
 * formula.
 */
export function csvField(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return `"${safe.replace(/"/g, '""')}"`;
}
