/** Which rows the verification list draws (popup/panel/list-window.ts): what the page and the list's own scroll show. */
import { test, expect } from '@playwright/test';
import { WHOLE_BOX, rowRuns, rowWindow, seenOf } from '../../popup/panel/list-window';

const viewport = { top: 0, bottom: 900 };

test('the part of the box on screen: cut by the window below or above, the near edge when wholly off screen, whole when taller than the window', () => {
  // the list from y=595 to 1137 in a 900 px window: its first 305 px show
  expect(seenOf({ top: 595, bottom: 1137 }, viewport, { top: 595, bottom: 900 })).toEqual({ top: 0, bottom: 305 });
  // scrolled so that its top 100 px are above the window
  expect(seenOf({ top: -100, bottom: 442 }, viewport, { top: 0, bottom: 442 })).toEqual({ top: 100, bottom: 542 });
  // wholly below, wholly above
  expect(seenOf({ top: 950, bottom: 1492 }, viewport, null)).toEqual({ top: 0, bottom: 0 });
  expect(seenOf({ top: -700, bottom: -158 }, viewport, null)).toEqual({ top: 542, bottom: 542 });
  // a window lower than the box (its min-height)
  expect(seenOf({ top: 10, bottom: 250 }, { top: 0, bottom: 200 }, { top: 10, bottom: 200 })).toBe(WHOLE_BOX);
});

test('the rows drawn follow both scrolls, with the overscan on each side, never past the list', () => {
  const base = { height: 540, rowHeight: 30, count: 5000, overscan: 3 };
  // the old window (the whole box) at the list's top: 18 rows + 3
  expect(rowWindow({ ...base, scrollTop: 0, seen: WHOLE_BOX })).toEqual({ first: 0, last: 21 });
  // only its first 305 px on screen: 11 rows + 3
  expect(rowWindow({ ...base, scrollTop: 0, seen: { top: 0, bottom: 305 } })).toEqual({ first: 0, last: 14 });
  // the list scrolled to row 100, its top 100 px above the window
  expect(rowWindow({ ...base, scrollTop: 3000, seen: { top: 100, bottom: 540 } })).toEqual({ first: 100 + 3 - 3, last: 118 + 3 });
  // wholly below the window: a few rows at its top, ready when it comes into view
  expect(rowWindow({ ...base, scrollTop: 600, seen: { top: 0, bottom: 0 } })).toEqual({ first: 17, last: 23 });
  // wholly above: a few at its bottom
  expect(rowWindow({ ...base, scrollTop: 0, seen: { top: 540, bottom: 540 } })).toEqual({ first: 15, last: 21 });
  // short lists and the end of a long one
  expect(rowWindow({ ...base, count: 4, scrollTop: 0, seen: WHOLE_BOX })).toEqual({ first: 0, last: 4 });
  expect(rowWindow({ ...base, count: 0, scrollTop: 0, seen: WHOLE_BOX })).toEqual({ first: 0, last: 0 });
  expect(rowWindow({ ...base, scrollTop: 5000 * 30 - 540, seen: WHOLE_BOX })).toEqual({ first: 4982 - 3, last: 5000 });
});

test('the focused row (and the one about to be) stays drawn when it leaves the window, joined to the window when it touches it', () => {
  expect(rowRuns(10, 20, [null], 100)).toEqual([[10, 20]]);
  expect(rowRuns(10, 20, [15], 100)).toEqual([[10, 20]]);
  expect(rowRuns(10, 20, [20], 100)).toEqual([[10, 21]]);
  expect(rowRuns(10, 20, [9], 100)).toEqual([[9, 20]]);
  expect(rowRuns(10, 20, [3], 100)).toEqual([[3, 4], [10, 20]]);
  expect(rowRuns(10, 20, [50], 100)).toEqual([[10, 20], [50, 51]]);
  expect(rowRuns(10, 20, [50, 51], 100)).toEqual([[10, 20], [50, 52]]);
  expect(rowRuns(10, 20, [51, 3, 51], 100)).toEqual([[3, 4], [10, 20], [51, 52]]);
  // a place the new list no longer has
  expect(rowRuns(0, 5, [50], 5)).toEqual([[0, 5]]);
  expect(rowRuns(0, 0, [2], 5)).toEqual([[2, 3]]);
});
