/**
 * Which rows of the verification list are drawn (pure, unit-tested): those the director can see,
 * through both the list's own scroll and the page's. The list's box (60vh) often runs below the
 * panel's window, and every row drawn is laid out and painted again at each filter change.
 */

/** The part of the list's box that the viewport shows, in px from the box's top edge; `top === bottom`: none. */
export interface Seen {
  top: number;
  bottom: number;
}

/** Before the first report: the whole box, as if it were on screen. */
export const WHOLE_BOX: Seen = { top: 0, bottom: Number.POSITIVE_INFINITY };

interface Rect {
  top: number;
  bottom: number;
}

/**
 * From an IntersectionObserver entry's rectangles (read by the browser after its own layout). A box
 * wholly off screen keeps the edge nearest the viewport, so the rows there are drawn first when it
 * comes into view; a box taller than the viewport (a window under 240 px high) is drawn whole.
 */
export function seenOf(box: Rect, root: Rect, shown: Rect | null): Seen {
  const height = box.bottom - box.top;
  if (root.bottom - root.top < height) return WHOLE_BOX;
  if (shown && shown.bottom > shown.top) return { top: shown.top - box.top, bottom: shown.bottom - box.top };
  return box.top >= root.bottom ? { top: 0, bottom: 0 } : { top: height, bottom: height };
}

export interface WindowInput {
  /** the list's own scroll */
  scrollTop: number;
  /** the list's client height */
  height: number;
  seen: Seen;
  rowHeight: number;
  count: number;
  /** rows drawn beyond each edge of what is seen */
  overscan: number;
}

/** The rows [first, last) to draw. */
export function rowWindow({ scrollTop, height, seen, rowHeight, count, overscan }: WindowInput): { first: number; last: number } {
  const clamp = (y: number) => Math.max(0, Math.min(height, y));
  const top = scrollTop + clamp(seen.top);
  const bottom = scrollTop + clamp(seen.bottom);
  const first = Math.max(0, Math.min(count, Math.floor(top / rowHeight) - overscan));
  const last = Math.max(first, Math.min(count, Math.ceil(bottom / rowHeight) + overscan));
  return { first, last };
}

/**
 * The runs of rows to draw, in order: the window, and the rows held outside it (the one that has the
 * keyboard focus, and the one about to get it: unmounting the focused row drops the focus to the page).
 */
export function rowRuns(first: number, last: number, held: ReadonlyArray<number | null>, count: number): Array<[from: number, to: number]> {
  const rows = new Set<number>();
  for (const h of held) if (h !== null && h >= 0 && h < count && (h < first || h >= last)) rows.add(h);
  const runs: Array<[number, number]> = [...rows].map((h) => [h, h + 1]);
  if (first < last) runs.push([first, last]);
  runs.sort((a, b) => a[0] - b[0]);
  // runs that touch are one
  const out: Array<[number, number]> = [];
  for (const r of runs) {
    const prev = out[out.length - 1];
    if (prev && r[0] <= prev[1]) prev[1] = Math.max(prev[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}
