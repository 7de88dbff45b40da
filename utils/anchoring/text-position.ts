/**
 * TextPositionSelector: raw character offsets into the root's visible text (see text.ts). Cheap
 * and exact on an unchanged page, wrong as soon as anything before the passage changes, so it is
 * trusted only when the text it points at still reads as the quote.
 */
import type { TextPositionSelector } from '../domain/model';
import { normalize } from './normalize';
import { offsetsFromRange, readableText, type PageText, type TextIndex } from './text';

/** The W3C TextPositionSelector for a range. */
export function positionFromRange(index: TextIndex, range: Range): TextPositionSelector {
  const { start, end } = offsetsFromRange(index, range);
  return { type: 'TextPositionSelector', start, end };
}

/** Whether the selector's offsets fit the current text. */
export const inBounds = (index: PageText, p: TextPositionSelector) =>
  Number.isInteger(p.start) && Number.isInteger(p.end) && p.start >= 0 && p.start < p.end && p.end <= index.text.length;

/**
 * The fast path: the text at the position still reads as the quote (compared normalised, so
 * whitespace and typography may differ). The raw slice is normalised on its own, exactly as
 * `exact` was made from it, so a position that splits a character cluster still matches itself.
 */
export function positionHolds(index: PageText, p: TextPositionSelector, exact: string): boolean {
  return inBounds(index, p) && normalize(readableText(index, p.start, p.end)) === exact;
}

/*
 * How far passages moved on this page, learnt from the anchors already found with this index
 * (`index.shifts`: `[old normalised start, shift]`, sorted). When a paragraph is inserted near
 * the top, every later position is off by the same amount; the shift of the nearest passage
 * already found puts the next search at the right place, so it rarely scans the whole page.
 */

/** Index of the first entry at or after `at`. */
function nearest(list: [number, number][], at: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]![0] < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Where a passage that used to start at normalised `old` is expected now. */
export function expectedAt(index: PageText, old: number): number {
  const list = index.shifts;
  if (!list?.length) return old;
  const i = nearest(list, old);
  const below = list[i - 1];
  const above = list[i];
  const pick = !below ? above! : !above ? below : old - below[0] <= above[0] - old ? below : above;
  return old + pick[1];
}

/** Records that a passage expected at normalised `old` was found at `now`. */
export function learnShift(index: PageText, old: number, now: number) {
  const list = (index.shifts ??= []);
  const i = nearest(list, old);
  if (list[i]?.[0] === old) list[i] = [old, now - old];
  else list.splice(i, 0, [old, now - old]);
}
