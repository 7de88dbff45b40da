import { elementOf } from '../dom/pristine';
/** A point in viewport coordinates. */
export type Point = { x: number; y: number };

/** A box in viewport coordinates (a DOMRect, or a plain object with its edges). */
export type Box = { left: number; top: number; right: number; bottom: number };

/** A width and a height (a panel's, the viewport's). */
export type Size = { width: number; height: number };

export interface PlaceOptions {
  /**
   * The selection was made backwards, so its focus (where the pointer is) is its start: the panel
   * then prefers the space above the start to the space below the end.
   */
  backward?: boolean;
  /** Clearance kept from the passage and from the viewport's edges. */
  gap?: number;
  /**
   * How far the painted lines reach above and below the passage's glyph boxes, in px (half the
   * leading: a page with `line-height: 3` paints a selection band far taller than its glyphs).
   */
  leading?: number;
}

/**
 * Clearance from the passage and the viewport's edges. Selection rects are glyph boxes and the
 * painted selection band (the line box) is a few px taller, so the gap must exceed that.
 */
export const GAP = 8;

/** The range of a panel's top-left coordinate along one axis, `[lo, hi]` (one value when it does not fit). */
function span(extent: number, size: number, gap: number): [number, number] {
  if (size + 2 * gap <= extent) return [gap, extent - gap - size];
  // Too big for the margins: centred, or from the start when bigger than the viewport itself.
  const at = Math.max(0, (extent - size) / 2);
  return [at, at];
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);

/** Whether two boxes share some area (touching edges do not overlap). */
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** The area two boxes share. */
function shared(a: Box, b: Box): number {
  const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
}

const grow = (r: Box, by: number): Box => ({ left: r.left - by, top: r.top - by, right: r.right + by, bottom: r.bottom + by });

const area = (r: Box) => (r.right - r.left) * (r.bottom - r.top);

/** The rects without those inside another (a fully selected block's box holds its text's rects). */
function outermost(rects: readonly Box[]): Box[] {
  const kept: Box[] = [];
  for (const r of [...rects].sort((a, b) => area(b) - area(a))) {
    const inside = kept.some((k) => k.left <= r.left && k.top <= r.top && k.right >= r.right && k.bottom >= r.bottom);
    if (!inside) kept.push(r);
  }
  return kept;
}

/**
 * The best-scored top-left corner for a `w`×`h` box in `xs`×`ys` that overlaps none of
 * `obstacles`, or null when there is none. Exhaustive: if any free position exists, one has its top
 * at `ys[0]` or at an obstacle's bottom (slide it up until it touches), and for each candidate top
 * the free horizontal intervals are walked exactly; in each, the box goes as near `wantX` as it can.
 */
function freeSpot(
  obstacles: readonly Box[],
  w: number,
  h: number,
  xs: [number, number],
  ys: [number, number],
  extraTops: readonly number[],
  wantX: number,
  score: (p: Point) => number,
): Point | null {
  const tops = new Set([ys[0], ys[1], ...extraTops, ...obstacles.map((r) => r.bottom), ...obstacles.map((r) => r.top - h)]);
  let best: Point | null = null;
  let bestScore = Infinity;
  for (const y of tops) {
    if (!(y >= ys[0] && y <= ys[1])) continue;
    const band = obstacles.filter((r) => r.top < y + h && y < r.bottom).sort((a, b) => a.left - b.left);
    let from = xs[0];
    for (const r of [...band, { left: xs[1] + w, right: Infinity }]) {
      // Obstacles passed so far end by `from` and the rest start at `r.left` or later.
      const to = Math.min(r.left - w, xs[1]);
      if (to >= from) {
        const p = { x: clamp(wantX, from, to), y };
        const s = score(p);
        if (s < bestScore) {
          best = p;
          bestScore = s;
        }
      }
      from = Math.max(from, r.right);
      if (from > xs[1]) break;
    }
  }
  return best;
}

/**
 * Where a panel of `size` goes (its top-left corner) for a passage drawn as `rects` (its client
 * rects in document order), in a viewport of `viewport`'s size. Pure.
 *
 * It never covers the passage when some spot in the viewport does not; in order of preference:
 * 1. below the end of the passage (where the pointer usually is), else above its start (the other
 *    way round for a `backward` selection), centred on the focus end, `gap` px from the text;
 * 2. beside the passage, right of all its visible rects then left of them, level with its focus end;
 * 3. the free spot nearest the focus end, `gap` px from the text when possible, else touching it;
 * 4. when nothing is free (the passage fills the viewport): the spot covering the least of it,
 *    ties going to viewport corners and edges far from the focus end.
 * Only rects at least partly in the viewport count. The panel stays `gap` px inside the viewport,
 * or is centred (left-aligned when wider than the viewport) when it cannot.
 */
export function placeBox(rects: readonly Box[], size: Size, viewport: Size, options: PlaceOptions = {}): Point {
  const { backward = false, gap = GAP } = options;
  const { width: w, height: h } = size;
  const xs = span(viewport.width, w, gap);
  const ys = span(viewport.height, h, gap);
  const atX = (x: number) => clamp(x, xs[0], xs[1]);
  const atY = (y: number) => clamp(y, ys[0], ys[1]);
  if (!rects.length) return { x: xs[0], y: ys[0] };

  const visible = rects.filter((r) => r.bottom >= 0 && r.top <= viewport.height && r.right >= 0 && r.left <= viewport.width);
  if (!visible.length) {
    // Scrolled away: at the viewport's edge nearest the focus end.
    const first = rects[0]!;
    const last = rects[rects.length - 1]!;
    return backward
      ? { x: atX(first.left - w / 2), y: atY(first.top - gap - h) }
      : { x: atX(last.right - w / 2), y: atY(last.bottom + gap) };
  }

  const start = visible[0]!;
  const end = visible[visible.length - 1]!;
  const focusRect = backward ? start : end;
  const focus: Point = backward ? { x: start.left, y: start.top } : { x: end.right, y: end.bottom };
  const wantX = focus.x - w / 2;
  const levelY = atY((focusRect.top + focusRect.bottom) / 2 - h / 2);
  const obstacles = outermost(visible);
  const clear = obstacles.map((r) => grow(r, gap));
  const fits = (p: Point) =>
    p.x >= xs[0] && p.x <= xs[1] && p.y >= ys[0] && p.y <= ys[1] &&
    !clear.some((r) => overlaps({ left: p.x, top: p.y, right: p.x + w, bottom: p.y + h }, r));

  // 1–2. The usual spots.
  const below = { x: atX(wantX), y: end.bottom + gap };
  const above = { x: atX(wantX), y: start.top - gap - h };
  const right = { x: Math.max(...visible.map((r) => r.right)) + gap, y: levelY };
  const left = { x: Math.min(...visible.map((r) => r.left)) - gap - w, y: levelY };
  for (const p of backward ? [above, below, right, left] : [below, above, right, left]) {
    if (fits(p)) return p;
  }

  // 3. Any free spot, nearest the focus end: clear of the text by the gap, else touching it.
  const distance = (p: Point) => {
    const dx = Math.max(p.x - focus.x, 0, focus.x - p.x - w);
    const dy = Math.max(p.y - focus.y, 0, focus.y - p.y - h);
    return Math.hypot(dx, dy) + 1e-3 * Math.hypot(p.x + w / 2 - focus.x, p.y + h / 2 - focus.y);
  };
  const spot =
    freeSpot(clear, w, h, xs, ys, [levelY], wantX, distance) ??
    freeSpot(obstacles, w, h, xs, ys, [levelY], wantX, distance);
  if (spot) return spot;

  // 4. Covering some of it wherever it goes: the least, then corners and edges far from the focus.
  const candidateXs = [xs[0], xs[1], (xs[0] + xs[1]) / 2, atX(wantX)];
  const candidateYs = new Set([ys[0], ys[1], levelY, ...obstacles.flatMap((r) => [atY(r.bottom + gap), atY(r.top - gap - h)])]);
  const scored: { p: Point; covered: number }[] = [];
  for (const y of candidateYs) {
    for (const x of candidateXs) {
      const box = { left: x, top: y, right: x + w, bottom: y + h };
      scored.push({ p: { x, y }, covered: obstacles.reduce((sum, r) => sum + shared(box, r), 0) });
    }
  }
  const least = Math.min(...scored.map((s) => s.covered));
  const tolerance = Math.max(1, 0.02 * w * h);
  const far = (p: Point) => Math.hypot(p.x + w / 2 - focus.x, p.y + h / 2 - focus.y);
  return scored
    .filter((s) => s.covered <= least + tolerance)
    .map((s) => s.p)
    .reduce((best, p) => (far(p) > far(best) ? p : best));
}

/**
 * Where a panel of `size` goes for a passage (see `placeBox`): next to it, never covering it when
 * the viewport has room elsewhere, always inside the viewport.
 */
export function placeNear(
  range: Pick<Range, 'getClientRects' | 'getBoundingClientRect'>,
  size: Size,
  viewport: Size,
  options?: PlaceOptions,
): Point {
  const found = Array.from(range.getClientRects()).filter((r) => r.width > 0 || r.height > 0);
  const rects: Box[] = found.length ? found : [range.getBoundingClientRect()];
  const leading = Math.max(0, options?.leading ?? 0);
  const lines = leading
    ? rects.map((r) => ({ left: r.left, right: r.right, top: r.top - leading, bottom: r.bottom + leading }))
    : rects;
  return placeBox(lines, size, viewport, options);
}

/**
 * Half the leading of the line a passage starts on: how far its painted line box reaches beyond
 * its glyph boxes (0 for `line-height: normal`, where the two nearly agree).
 */
export function leadingOf(range: Range): number {
  const element = elementOf(range.startContainer);
  if (!element) return 0;
  const style = getComputedStyle(element);
  const lineHeight = parseFloat(style.lineHeight);
  const fontSize = parseFloat(style.fontSize);
  // Glyph boxes are about 1.15em tall in common fonts; the rest of the line box is leading.
  return Number.isFinite(lineHeight) && Number.isFinite(fontSize) ? Math.max(0, (lineHeight - fontSize * 1.15) / 2) : 0;
}

/** Whether any part of the passage is on screen. */
export function onScreen(range: Range, viewport: { height: number }): boolean {
  const r = range.getBoundingClientRect();
  return r.bottom > 0 && r.top < viewport.height;
}
