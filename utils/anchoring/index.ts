import type { Selector, TextPositionSelector, TextQuoteSelector } from '../model';
import { indexText, rangeFromOffsets, type TextIndex } from './text';
import { positionFromRange } from './text-position';
import { findQuote, quoteFromOffsets } from './text-quote';

export { indexText, UI_ATTRIBUTE, type TextIndex } from './text';

/** Every selector Verbatim keeps for a range: a quote with context, and its position. */
export function describe(root: Element, range: Range, index: TextIndex = indexText(root)): Selector[] {
  const position = positionFromRange(index, range);
  return [quoteFromOffsets(index, position.start, position.end), position];
}

const quoteOf = (s: Selector[]) => s.find((x): x is TextQuoteSelector => x.type === 'TextQuoteSelector');
const positionOf = (s: Selector[]) => s.find((x): x is TextPositionSelector => x.type === 'TextPositionSelector');

/**
 * The range the selectors point at now, or null when the passage cannot be found (an orphan).
 * The position is trusted only when its text still equals the quote; otherwise the quote is
 * searched for exactly, its context and old position choosing between several occurrences.
 * Pass `index` to share one text walk between many anchors on the same page.
 */
export function anchor(root: Element, selectors: Selector[], index: TextIndex = indexText(root)): Range | null {
  const quote = quoteOf(selectors);
  const position = positionOf(selectors);
  if (position && (!quote || index.text.slice(position.start, position.end) === quote.exact)) {
    const range = rangeFromOffsets(index, position.start, position.end);
    if (range) return range;
  }
  if (!quote || !quote.exact) return null;
  const found = findQuote(index, quote, position);
  return found && rangeFromOffsets(index, found.start, found.end);
}
