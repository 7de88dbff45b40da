/** A point in viewport coordinates. */
export type Point = { x: number; y: number };

const GAP = 8;

/**
 * Where a panel of `size` goes for a passage: below its last line, or above its first line when
 * there is no room below, so it never covers the passage; always inside the viewport.
 */
export function placeNear(range: Range, size: { width: number; height: number }, viewport: { width: number; height: number }): Point {
  const rects = [...range.getClientRects()].filter((r) => r.width > 0 || r.height > 0);
  const first = rects[0] ?? range.getBoundingClientRect();
  const last = rects[rects.length - 1] ?? first;
  const below = last.bottom + GAP;
  const y = below + size.height <= viewport.height - GAP ? below : Math.max(GAP, first.top - GAP - size.height);
  const x = Math.min(Math.max(GAP, last.right - size.width / 2), viewport.width - size.width - GAP);
  return { x: Math.max(GAP, x), y };
}

/** Whether any part of the passage is on screen. */
export function onScreen(range: Range, viewport: { height: number }): boolean {
  const r = range.getBoundingClientRect();
  return r.bottom > 0 && r.top < viewport.height;
}
