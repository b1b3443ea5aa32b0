/**
 * The one percentage of the extension (follow-up panel, council summary PDF and CSV): rounded
 * half-up as a reader computes it (3 / 7 → 43 %), yet never « 100 % » while one account is left
 * nor « 0 % » once one is done, so the figure never hides the last few.
 */

/** `part / total` in whole percent, half-up, kept off 0 and 100 unless exact; null when `total` is 0. */
export function percentOf(part: number, total: number): number | null {
  if (!(total > 0)) return null;
  // Integers only: 100 · part / total + 1/2, floored (no binary-fraction surprises at .5).
  const p = Math.floor((200 * part + total) / (2 * total));
  if (part > 0 && p === 0) return 1;
  if (part < total && p === 100) return 99;
  return p;
}

/** « 43 % », or « — » when there is nothing to count. */
export function percentText(part: number, total: number): string {
  const p = percentOf(part, total);
  return p === null ? '—' : `${p} %`;
}
