import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GAP, placeBox, placeNear, type Box, type Point, type Size } from '../../utils/page/place';
import { prng } from '../support/prng';

const rect = (left: number, top: number, right: number, bottom: number) => ({
  left,
  top,
  right,
  bottom,
  width: right - left,
  height: bottom - top,
});

/** Lines of text from `top` down, `lineHeight` apart, each a glyph box 4 px shorter than its line. */
function lines(top: number, bottom: number, left: number, right: number, lineHeight = 20): Box[] {
  const out: Box[] = [];
  for (let y = top; y + lineHeight <= bottom; y += lineHeight) out.push(rect(left, y + 2, right, y + lineHeight - 2));
  return out;
}

const boxAt = (p: Point, size: Size): Box => ({ left: p.x, top: p.y, right: p.x + size.width, bottom: p.y + size.height });
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const grow = (r: Box, by: number): Box => ({ left: r.left - by, top: r.top - by, right: r.right + by, bottom: r.bottom + by });
const visibleIn = (viewport: Size) => (r: Box) => r.bottom > 0 && r.top < viewport.height && r.right > 0 && r.left < viewport.width;
const coversAny = (p: Point, size: Size, rects: readonly Box[]) => rects.some((r) => overlaps(boxAt(p, size), r));
const inside = (p: Point, size: Size, viewport: Size, margin = GAP) =>
  p.x >= margin && p.y >= margin && p.x + size.width <= viewport.width - margin && p.y + size.height <= viewport.height - margin;

const VIEWPORT = { width: 1280, height: 800 };
const TOOLBAR = { width: 400, height: 44 };

describe('placeBox', () => {
  it.each<{ name: string; rects: Box[]; viewport?: Size; size?: Size; backward?: boolean; at: Point }>([
    {
      name: 'one line mid-page: below its end, centred on the end',
      rects: [rect(300, 400, 700, 418)],
      at: { x: 500, y: 418 + GAP },
    },
    {
      name: 'two lines mid-page: below the last line, centred on where it ends',
      rects: [rect(600, 400, 1000, 418), rect(100, 420, 350, 438)],
      at: { x: 150, y: 438 + GAP },
    },
    {
      name: 'one line near the bottom: above it',
      rects: [rect(300, 770, 700, 788)],
      at: { x: 500, y: 770 - GAP - 44 },
    },
    {
      name: 'backward selection mid-page: above its start, centred on the start',
      rects: [rect(300, 400, 700, 418)],
      backward: true,
      at: { x: 100, y: 400 - GAP - 44 },
    },
    {
      name: 'backward selection at the top: below its end',
      rects: [rect(300, 10, 700, 28)],
      backward: true,
      at: { x: 100, y: 28 + GAP },
    },
    {
      name: 'selection partly off-screen below: above its visible start, not over it',
      rects: lines(300, 1600, 100, 1180),
      at: { x: 1280 - GAP - 400, y: 302 - GAP - 44 },
    },
    {
      name: 'narrow viewport: clamped inside with the margin',
      rects: [rect(250, 300, 318, 318)],
      viewport: { width: 320, height: 600 },
      size: { width: 250, height: 44 },
      at: { x: 320 - GAP - 250, y: 318 + GAP },
    },
    {
      name: 'panel wider than the viewport less its margins: centred',
      rects: [rect(10, 300, 200, 318)],
      viewport: { width: 320, height: 600 },
      size: { width: 310, height: 44 },
      at: { x: 5, y: 318 + GAP },
    },
    {
      name: 'panel wider than the viewport: from its left edge',
      rects: [rect(10, 300, 200, 318)],
      viewport: { width: 320, height: 600 },
      at: { x: 0, y: 318 + GAP },
    },
    {
      name: 'selection scrolled away below: at the bottom edge',
      rects: [rect(100, 900, 500, 918)],
      at: { x: 300, y: 800 - GAP - 44 },
    },
  ])('$name', ({ rects, viewport = VIEWPORT, size = TOOLBAR, backward, at }) => {
    const p = placeBox(rects, size, viewport, { backward });
    expect(p).toEqual(at);
    expect(coversAny(p, size, rects.map((r) => grow(r, GAP - 1)))).toBe(false);
  });

  it.each<{ name: string; rects: Box[]; at: Partial<Point> }>([
    { name: 'tall selection with room on the right: right of it', rects: lines(0, 800, 100, 700), at: { x: 700 + GAP } },
    { name: 'tall selection with room only on the left: left of it', rects: lines(0, 800, 500, 1100), at: { x: 500 - GAP - 400 } },
    {
      name: 'tall selection whose last line is short: beside the union, not on the long lines',
      rects: [...lines(0, 780, 100, 860), rect(100, 782, 200, 798)],
      at: { x: 860 + GAP },
    },
  ])('$name, level with the focus end, never over it', ({ rects, at }) => {
    const p = placeBox(rects, TOOLBAR, VIEWPORT);
    expect(p).toMatchObject(at);
    expect(inside(p, TOOLBAR, VIEWPORT)).toBe(true);
    expect(coversAny(p, TOOLBAR, rects.map((r) => grow(r, GAP - 1)))).toBe(false);
    // Level with the last line, clamped inside the viewport.
    const last = rects[rects.length - 1]!;
    expect(p.y).toBe(Math.min((last.top + last.bottom) / 2 - 22, 800 - GAP - 44));
  });

  it('finds the one free gap between two paragraphs when nothing else is free', () => {
    const rects = [...lines(0, 380, 0, 1280), ...lines(460, 800, 0, 1280)];
    const p = placeBox(rects, TOOLBAR, VIEWPORT);
    expect(coversAny(p, TOOLBAR, rects)).toBe(false);
    expect(p.y).toBeGreaterThanOrEqual(378);
    expect(p.y + 44).toBeLessThanOrEqual(462);
  });

  it.each<{ name: string; rects: Box[]; backward?: boolean; at: Point }>([
    {
      name: 'whole viewport covered, forward: the corner far from the end (top left)',
      rects: [rect(0, 0, 1280, 800), ...lines(0, 800, 0, 1280)],
      at: { x: GAP, y: GAP },
    },
    {
      name: 'whole viewport covered, backward: the corner far from the start (bottom right)',
      rects: lines(0, 800, 0, 1280),
      backward: true,
      at: { x: 1280 - GAP - 400, y: 800 - GAP - 44 },
    },
    {
      name: 'covered but for a strip on the right too narrow: over the strip, far from the end',
      rects: lines(0, 800, 0, 1000),
      at: { x: 1280 - GAP - 400, y: GAP },
    },
  ])('$name', ({ rects, backward, at }) => {
    expect(placeBox(rects, TOOLBAR, VIEWPORT, { backward })).toEqual(at);
  });

  it('ignores rects off-screen: a selection running from above the viewport ends with the panel below it', () => {
    const rects = lines(-2000, 300, 100, 1100);
    const p = placeBox(rects, TOOLBAR, VIEWPORT);
    expect(p).toEqual({ x: 1280 - GAP - 400, y: 298 + GAP });
  });
});

describe('placeNear', () => {
  const fakeRange = (rects: Box[], bounding = rect(0, 0, 0, 0)) =>
    ({
      getClientRects: () => rects.map((r) => ({ ...rect(r.left, r.top, r.right, r.bottom) })) as unknown as DOMRectList,
      getBoundingClientRect: () => bounding as DOMRect,
    }) as Pick<Range, 'getClientRects' | 'getBoundingClientRect'>;

  it('places by the range client rects, skipping empty ones', () => {
    const range = fakeRange([rect(300, 400, 700, 418), rect(0, 0, 0, 0)]);
    expect(placeNear(range, TOOLBAR, VIEWPORT)).toEqual({ x: 500, y: 418 + GAP });
  });

  it('falls back to the bounding rect without client rects', () => {
    const range = fakeRange([], rect(300, 400, 300, 418));
    expect(placeNear(range, TOOLBAR, VIEWPORT)).toEqual({ x: 100, y: 418 + GAP });
  });
});

/**
 * Whether a `size` box fits at some integer position inside the viewport (with the margin)
 * without overlapping `rects` (integer edges: a free position then exists at integer coordinates).
 */
function freePositionExists(rects: readonly Box[], size: Size, viewport: Size): boolean {
  const W = viewport.width;
  const H = viewport.height;
  // Prefix sums over covered 1×1 cells.
  const sum = new Int32Array((W + 1) * (H + 1));
  const cell = new Uint8Array(W * H);
  for (const r of rects) {
    for (let y = Math.max(0, Math.ceil(r.top)); y < Math.min(H, Math.floor(r.bottom)); y++) {
      for (let x = Math.max(0, Math.ceil(r.left)); x < Math.min(W, Math.floor(r.right)); x++) cell[y * W + x] = 1;
    }
  }
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      sum[(y + 1) * (W + 1) + x + 1] = cell[y * W + x]! + sum[y * (W + 1) + x + 1]! + sum[(y + 1) * (W + 1) + x]! - sum[y * (W + 1) + x]!;
    }
  }
  const at = (x: number, y: number) => sum[y * (W + 1) + x]!;
  for (let y = GAP; y + size.height <= H - GAP; y++) {
    for (let x = GAP; x + size.width <= W - GAP; x++) {
      const covered = at(x + size.width, y + size.height) - at(x, y + size.height) - at(x + size.width, y) + at(x, y);
      if (covered === 0) return true;
    }
  }
  return false;
}

/** Checks the guarantees for one case; returns a description of the failure, or null. */
function check(rects: readonly Box[], size: Size, viewport: Size, backward: boolean): string | null {
  const p = placeBox(rects, size, viewport, { backward });
  if (!inside(p, size, viewport)) return `outside the viewport: ${JSON.stringify(p)}`;
  const shown = rects.filter(visibleIn(viewport));
  if (freePositionExists(shown, size, viewport) && coversAny(p, size, shown)) {
    return `covers the selection though a free spot exists: ${JSON.stringify(p)}`;
  }
  const padded = shown.map((r) => grow(r, GAP));
  if (freePositionExists(padded, size, viewport) && coversAny(p, size, padded)) {
    return `closer than the gap though a spot clear by the gap exists: ${JSON.stringify(p)}`;
  }
  return null;
}

describe('placeBox properties', () => {
  const caseArb = fc
    .record({ width: fc.integer({ min: 60, max: 320 }), height: fc.integer({ min: 60, max: 240 }) })
    .chain((viewport) =>
      fc.record({
        viewport: fc.constant(viewport),
        size: fc.record({
          width: fc.integer({ min: 1, max: viewport.width - 2 * GAP }),
          height: fc.integer({ min: 1, max: viewport.height - 2 * GAP }),
        }),
        rects: fc.array(
          fc
            .record({
              left: fc.integer({ min: -40, max: viewport.width + 10 }),
              top: fc.integer({ min: -40, max: viewport.height + 10 }),
              width: fc.integer({ min: 1, max: viewport.width }),
              height: fc.integer({ min: 1, max: 60 }),
            })
            .map((r) => rect(r.left, r.top, r.left + r.width, r.top + r.height)),
          { maxLength: 12 },
        ),
        backward: fc.boolean(),
      }),
    );

  it('never covers the selection, nor comes within the gap, when the viewport has room for that; stays inside', () => {
    fc.assert(
      fc.property(caseArb, ({ viewport, size, rects, backward }) => {
        expect(check(rects, size, viewport, backward)).toBeNull();
      }),
      { numRuns: 400, seed: 20240611 },
    );
  });

  it('holds on text-like selections (seeded): ragged paragraphs of lines, scrolled anywhere', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rnd = prng(seed);
      const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
      const viewport = { width: int(120, 360), height: int(100, 260) };
      const size = { width: int(20, viewport.width - 2 * GAP), height: int(10, Math.min(80, viewport.height - 2 * GAP)) };
      const lineHeight = int(12, 30);
      const margin = int(0, 40);
      const rects: Box[] = [];
      let y = int(-200, viewport.height);
      for (let p = int(1, 4); p > 0; p--) {
        for (let n = int(1, 8); n > 0; n--, y += lineHeight) {
          const left = margin + (rects.length === 0 ? int(0, 80) : 0);
          const right = Math.max(left + 1, viewport.width - margin - int(0, 100));
          rects.push(rect(left, y + 2, right, y + lineHeight - 2));
        }
        y += int(0, 60);
      }
      const message = check(rects, size, viewport, rnd() < 0.3);
      expect(message, `seed ${seed}`).toBeNull();
    }
  });
});

describe('placeNear with leading', () => {
  it('keeps clear of the painted line box, not just the glyphs (line-height: 3)', () => {
    // One line of 40 px glyphs in a 120 px line box: the band reaches 40 px above and below.
    const glyphs = { left: 60, top: 70, right: 470, bottom: 110, width: 410, height: 40 };
    const range = { getClientRects: () => [glyphs], getBoundingClientRect: () => glyphs } as unknown as Range;
    const size = { width: 370, height: 40 };
    const plain = placeNear(range, size, { width: 1280, height: 900 });
    const leaded = placeNear(range, size, { width: 1280, height: 900 }, { leading: 40 });
    expect(plain.y).toBeLessThan(150);
    expect(leaded.y).toBeGreaterThanOrEqual(150 + 8);
  });
});
