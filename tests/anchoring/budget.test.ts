// @vitest-environment node
/**
 * locateAll runs in the service worker on text and selectors a page sends: its work is bounded
 * (utils/anchoring/budget.ts). Budgets here count checks or fake the clock, so no assertion
 * depends on this machine's speed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LOCATE_BUDGET_MS, MAX_SEARCH_CELLS, locateAll, type Budget, type PageText } from '../../utils/anchoring';
import type { Selector } from '../../utils/domain/model';

afterEach(() => {
  vi.restoreAllMocks();
});

const WORDS = ['le', 'pouvoir', 'disait-il', 'n’est', 'rien', 'sans', 'l’adhésion', 'and', 'yet', 'the', 'state', 'of', 'things'];

/** About `n` characters of words, one text node. */
function page(n: number): PageText {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < n; i++) {
    const w = WORDS[(i * 7 + (i >> 3)) % WORDS.length]!;
    parts.push(w);
    length += w.length + 1;
  }
  return { text: parts.join(' ').slice(0, n), starts: [0], breaks: [] };
}

const fresh = (p: PageText): PageText => ({ text: p.text, starts: p.starts, breaks: p.breaks });

/** A budget spent after `checks` calls to `over`, counting them. */
function counting(checks: number, maxCells = MAX_SEARCH_CELLS): Budget & { calls: number } {
  const b = { calls: 0, maxCells, over: () => ++b.calls > checks };
  return b;
}

/** A passage of the page, by its quote and exact position (found on the fast path, no search). */
function at(p: PageText, start: number, end: number): Selector[] {
  return [
    { type: 'TextQuoteSelector', exact: p.text.slice(start, end) },
    { type: 'TextPositionSelector', start, end },
  ];
}

describe('locateAll: a budget on the work a page can ask for', () => {
  const text = page(400_000);

  it('lists matched after the budget is spent come back null, the ones before are kept', () => {
    const lists = [at(text, 100, 160), at(text, 5_000, 5_060), at(text, 9_000, 9_060)];
    // One check before each list: the first goes through, the rest find the budget spent.
    const b = counting(1);
    const found = locateAll(fresh(text), lists, { budget: b });
    expect(found[0]).toMatchObject({ start: 100, end: 160, kind: 'position' });
    expect(found.slice(1)).toEqual([null, null]);
    expect(locateAll(fresh(text), lists, { budget: counting(100) }).every((f) => f !== null)).toBe(true);
  });

  it('stops inside a long match: a one-letter quote found tens of thousands of times', () => {
    const e = [{ type: 'TextQuoteSelector', exact: 'e' }] as Selector[];
    // Unbounded, the letter is found (no context to contradict it): the work is real.
    expect(locateAll(fresh(text), [e], { budget: counting(Infinity) })[0]).not.toBeNull();
    const b = counting(3);
    const found = locateAll(fresh(text), Array.from({ length: 1_000 }, () => e), { budget: b });
    expect(found.every((f) => f === null)).toBe(true);
    // Spent in the first list's ranking; no other list started.
    expect(b.calls).toBeLessThan(10);
  });

  it('does not start one approximate search larger than maxCells (it could not be interrupted)', () => {
    // A 2,000-character passage with one word in ten changed: found only approximately.
    const start = 50_000;
    const edited = text.text.slice(start, start + 2_000).replace(/ the /g, ' thé ');
    const selectors: Selector[] = [
      { type: 'TextQuoteSelector', exact: edited },
      { type: 'TextPositionSelector', start, end: start + 2_000 },
    ];
    expect(locateAll(fresh(text), [selectors], { budget: counting(Infinity) })[0]).toMatchObject({ kind: 'fuzzy' });
    expect(locateAll(fresh(text), [selectors], { budget: counting(Infinity, 1_000) })[0]).toBeNull();
  });

  it('bounds every call by default: LOCATE_BUDGET_MS of wall-clock time', () => {
    expect(LOCATE_BUDGET_MS).toBe(5_000);
    // Each reading of the clock is a second later: the budget is spent after five.
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (now += 1_000));
    const lists = Array.from({ length: 20 }, (_, i) => at(text, i * 1_000, i * 1_000 + 50));
    const found = locateAll(fresh(text), lists);
    expect(found.slice(0, 4).every((f) => f !== null)).toBe(true);
    expect(found.slice(5).every((f) => f === null)).toBe(true);
  });
});
