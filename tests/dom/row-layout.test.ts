import { describe, expect, it } from 'vitest';
import { RowLayout } from '../../utils/dom/row-layout';

// The virtual list's geometry: what it renders and where, for lists of any length.

type Row = { id: number; header?: true };
const rows = (n: number): Row[] => Array.from({ length: n }, (_, id) => (id % 10 === 0 ? { id, header: true } : { id }));
const estimate = (r: Row) => (r.header ? 44 : 150);

/** Every row laid out in full, as the list did before. */
function fullTops(items: Row[], height: (r: Row) => number): number[] {
  const out = [0];
  for (const r of items) out.push(out[out.length - 1]! + height(r));
  return out;
}

describe('RowLayout', () => {
  const measured = new Map([[0, 50], [3, 210], [7, 90], [500, 400]]);
  const height = (r: Row) => measured.get(r.id) ?? estimate(r);

  it('puts every row where a full pass would, measured heights included', () => {
    const items = rows(1_000);
    const layout = new RowLayout(items, height, estimate);
    const full = fullTops(items, height);
    for (const i of [0, 1, 4, 8, 9, 499, 500, 501, 999, 1_000]) expect(layout.top(i)).toBe(full[i]);
    expect(layout.total).toBe(full[1_000]);
  });

  it('finds the rows on screen as a binary search over the full pass would', () => {
    const items = rows(1_000);
    const full = fullTops(items, height);
    for (const y of [-1, 0, 49, 50, 1_234, 75_000, full[1_000]! - 1, full[1_000]!, 10 ** 9]) {
      const layout = new RowLayout(items, height, estimate);
      const expected = full.findIndex((top) => top > y);
      expect(layout.firstBelow(y)).toBe(expected === -1 ? full.length : expected);
    }
  });

  it('lays out only the rows asked for on a long list, counting the others at their estimate', () => {
    const items = rows(65_000);
    let looked = 0;
    const layout = new RowLayout(items, (r) => (looked++, height(r)), estimate);
    const last = layout.firstBelow(2_000);
    expect(last).toBeGreaterThan(10);
    expect(looked).toBeLessThan(200);
    // Rows 0–499 are laid out as measured only once reached: the total counts row 500 at its estimate until then.
    const before = layout.total;
    expect(before).toBe(fullTops(items, (r) => (r.id < layout.firstBelow(2_000) ? height(r) : estimate(r)))[65_000]);
    expect(layout.top(65_000)).toBe(fullTops(items, height)[65_000]);
    expect(layout.total).toBe(layout.top(65_000));
  });

  it('an empty list has no height and no row', () => {
    const layout = new RowLayout<Row>([], height, estimate);
    expect(layout.total).toBe(0);
    expect(layout.firstBelow(100)).toBe(1);
    expect(layout.top(0)).toBe(0);
  });
});
