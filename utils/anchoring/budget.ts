/**
 * How much work matching may take when a page asks for it. The background matches whatever text
 * and selectors a content script sends (`locateAll`), and the page controls both: 16 million
 * characters, a quote of one letter found millions of times, 200,000-character quotes that
 * approximate search verifies in O(text × quote / 32). Without a bound one message could hold
 * the service worker for hours. A budget is a deadline, checked between selector lists and
 * inside the loops that can run long, and a cap on the one call that cannot be interrupted once
 * started (an approximate search of one region).
 */

/** Thrown inside a match that ran past its deadline; `locateAll` turns it into "not found". */
export class OutOfTime extends Error {
  override name = 'OutOfTime';
}

export interface Budget {
  /** Whether the deadline has passed. */
  over(): boolean;
  /**
   * Most cells one approximate search may take: characters of the region searched times 32-bit
   * blocks of the quote (Myers' algorithm does one step per cell, ~1 ns each). A larger region
   * is not searched: the quote is not found there, as an edited passage too far gone would not be.
   */
  maxCells: number;
}

/**
 * Wall-clock time for one `locateAll` call. Reading a 16-million-character page costs ~1.6 s
 * (normalising it and indexing its grams, in Node on a laptop); a 1 MB page's 220 highlights
 * take ~0.1 s. Five seconds leaves room for a large page with many notes and bounds what a page
 * can make the service worker do.
 */
export const LOCATE_BUDGET_MS = 5_000;

/**
 * One approximate search: 10^8 cells is ~0.1–0.2 s. An edited quote of 20,000 characters
 * searched around its old place takes ~6 × 10^7; quotes much longer than that are found by
 * their position or exactly, not approximately.
 */
export const MAX_SEARCH_CELLS = 100_000_000;

/** A budget of `ms` from now (`now`: a test seam, milliseconds). */
export function budget(ms = LOCATE_BUDGET_MS, now: () => number = () => performance.now(), maxCells = MAX_SEARCH_CELLS): Budget {
  const deadline = now() + ms;
  return { over: () => now() > deadline, maxCells };
}

/** Throws OutOfTime when the budget, if any, is spent. */
export function checkBudget(b: Budget | undefined): void {
  if (b?.over()) throw new OutOfTime('matching ran out of time');
}
