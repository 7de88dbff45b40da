import type { TextPositionSelector } from '../model';
import { offsetsFromRange, type TextIndex } from './text';

/** The W3C TextPositionSelector for a range. */
export function positionFromRange(index: TextIndex, range: Range): TextPositionSelector {
  const { start, end } = offsetsFromRange(index, range);
  return { type: 'TextPositionSelector', start, end };
}
