/**
 * Describe a DOM range as W3C selectors, and find it again in a page that may have changed.
 * Pure DOM (no browser extension APIs, no auto-imports): it runs in the content script, under
 * jsdom and happy-dom in tests, and in benchmarks.
 *
 * Anchoring tries the precise selector first and the fuzzy one last:
 * 1. the TextPositionSelector, if the text at its offsets still reads as the quote;
 * 2. the quote, searched exactly in the normalised text (whitespace, quotes, dashes, NFC folded),
 *    its context and old position choosing between several occurrences;
 * 3. the quote, searched approximately near its old position and wherever a piece of it (or of
 *    its context) appears intact, accepted only when convincing: otherwise null, an orphan.
 */
import type { Selector, TextPositionSelector, TextQuoteSelector } from '../domain/model';
import { budget as startBudget, OutOfTime, type Budget } from './budget';
import { toNormalized, toRaw } from './normalize';
import { normalizedText, indexText, rangeFromOffsets, type PageText, type TextIndex } from './text';
import { expectedAt, inBounds, learnShift, positionFromRange, positionHolds } from './text-position';
import { contextAt, findQuote, quoteFromOffsets, quoteQuery, type MatchKind } from './text-quote';

export { indexText, nodeUnchanged, pageText, rangeFromOffsets, excludeFromText, type PageText, type TextIndex } from './text';
export type { MatchKind } from './text-quote';
export { LOCATE_BUDGET_MS, MAX_SEARCH_CELLS, type Budget } from './budget';

/**
 * Every selector Verbatim keeps for a range: a quote with context, and its position.
 * - TextQuoteSelector: `exact`, and 32 characters of `prefix` / `suffix`, as a reader would copy
 *   them: a boundary between blocks reads as one space ("…en masse. La vérité…", where
 *   `range.toString()` gives "…en masse.La vérité…" when the markup has no whitespace there), and
 *   whitespace runs as one space. Typography is kept: anchoring folds it, readers see it.
 * - TextPositionSelector: raw offsets in the visible text (see text.ts): a hint, and the fast path.
 */
export function describe(root: Element, range: Range, index: TextIndex = indexText(root)): Selector[] {
  const position = positionFromRange(index, range);
  return [quoteFromOffsets(index, position.start, position.end), position];
}

const quoteOf = (s: Selector[]) => s.find((x): x is TextQuoteSelector => x?.type === 'TextQuoteSelector');
const positionOf = (s: Selector[]) => s.find((x): x is TextPositionSelector => x?.type === 'TextPositionSelector');

/** Where the selectors point now, in raw offsets of the index's text, and how it was found. */
export interface Anchored {
  start: number;
  end: number;
  kind: MatchKind;
  /** 0..1: 1 for the position fast path and a perfect quote match. */
  score: number;
}

/**
 * Like `anchor`, but returns offsets and the method instead of a Range. Needs only the page's
 * text (no DOM), so it also runs away from the page: see `locateAll`. With a `budget`, throws
 * OutOfTime (budget.ts) once it is spent.
 */
export function locate(index: PageText, selectors: Selector[], budget?: Budget): Anchored | null {
  const quote = quoteOf(selectors);
  const position = positionOf(selectors);
  if (!quote || typeof quote.exact !== 'string') {
    // A position alone cannot be checked: trust it if it fits.
    return position && inBounds(index, position) ? { start: position.start, end: position.end, kind: 'position', score: 1 } : null;
  }
  const query = quoteQuery(quote);
  if (!query.exact) return null;
  const norm = normalizedText(index);
  if (position && positionHolds(index, position, query.exact)) {
    const at = toNormalized(norm, position.start);
    // A short quote could read the same at its old offsets by chance (another "la vérité" moved
    // there): unless it is long enough to speak for itself, its context must agree too.
    const context = query.exact.length >= 32 ? null : contextAt(index, query, at, toNormalized(norm, position.end));
    if (context === null || context >= 0.5) {
      learnShift(index, at, at);
      return { start: position.start, end: position.end, kind: 'position', score: 1 };
    }
  }
  const old = position && Number.isFinite(position.start) ? toNormalized(norm, position.start) : undefined;
  const found = findQuote(index, query, old === undefined ? undefined : expectedAt(index, old), budget);
  if (!found) return null;
  if (old !== undefined) learnShift(index, old, found.start);
  const { text } = norm;
  let { start, end } = found;
  // Whitespace the reader selected at either edge is kept when the page still has it there.
  if (query.lead && start > 0 && text[start - 1] === ' ') start--;
  if (query.trail && end < text.length && text[end] === ' ') end++;
  return { ...toRaw(norm, start, end), kind: found.kind, score: found.score };
}

export interface LocateAllOptions {
  /** Work allowed for the whole call; default `LOCATE_BUDGET_MS` of wall-clock time (budget.ts). */
  budget?: Budget;
}

/**
 * Where each note's selectors point in one page's text (null: an orphan; so is a malformed
 * selector, which never throws). Anchors found earlier guide the later ones (see `learnShift`),
 * so a whole page is located in one call. Pure data in and out: the content script sends its
 * page text to the background to run this off the page's main thread.
 *
 * The page sends the text and the selectors, so the work is bounded (budget.ts): once the
 * budget is spent, the list being matched and every later one come back null, as not found.
 */
export function locateAll(text: PageText, selectors: readonly Selector[][], opts: LocateAllOptions = {}): Array<Anchored | null> {
  const budget = opts.budget ?? startBudget();
  let spent = false;
  return selectors.map((s) => {
    if (spent || (spent = budget.over())) return null;
    try {
      return locate(text, s, budget);
    } catch (error) {
      if (error instanceof OutOfTime) spent = true;
      return null;
    }
  });
}

/**
 * The range the selectors point at now, or null when the passage cannot be found convincingly
 * (an orphan). Pass `index` to share one text walk between many anchors on the same page.
 */
export function anchor(root: Element, selectors: Selector[], index: TextIndex = indexText(root)): Range | null {
  const found = locate(index, selectors);
  return found && rangeFromOffsets(index, found.start, found.end);
}
