import type { TextPositionSelector, TextQuoteSelector } from '../model';
import type { TextIndex } from './text';

/** Characters of context kept on each side of a quote. */
export const CONTEXT_LENGTH = 32;

/** The W3C TextQuoteSelector for `[start, end)` of the index's text. */
export function quoteFromOffsets(index: TextIndex, start: number, end: number): TextQuoteSelector {
  const { text } = index;
  return {
    type: 'TextQuoteSelector',
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
    suffix: text.slice(end, end + CONTEXT_LENGTH),
  };
}

/** Length of the common suffix of `a` and `b`. */
function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/** Length of the common prefix of `a` and `b`. */
function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * Exact search for the quote; among several occurrences, the one whose context agrees most
 * with the saved prefix and suffix wins, then the one nearest the old position.
 */
export function findQuote(
  index: TextIndex,
  quote: TextQuoteSelector,
  hint?: TextPositionSelector,
): { start: number; end: number } | null {
  const { text } = index;
  const { exact, prefix = '', suffix = '' } = quote;
  let best: { start: number; score: number; distance: number } | null = null;
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
    const score =
      commonSuffix(text.slice(Math.max(0, at - prefix.length), at), prefix) +
      commonPrefix(text.slice(at + exact.length, at + exact.length + suffix.length), suffix);
    const distance = hint ? Math.abs(hint.start - at) : 0;
    if (!best || score > best.score || (score === best.score && distance < best.distance)) {
      best = { start: at, score, distance };
    }
  }
  return best && { start: best.start, end: best.start + exact.length };
}
