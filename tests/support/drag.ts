/**
 * A reader's mouse selection, shared by the Chromium e2e tests and benchmarks (Playwright) and
 * the Firefox check (Puppeteer): both drive a page's mouse the same way and evaluate the same
 * in-page function.
 */

export interface DragPoints {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/**
 * Runs in the page: scrolls the `occurrence`-th copy of `text` (within one text node) into view
 * and returns the viewport points of its first and last characters, or null.
 */
export function selectionPoints({ text, occurrence }: { text: string; occurrence: number }): DragPoints | null {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const data = (n as Text).data;
    for (let at = data.indexOf(text); at !== -1; at = data.indexOf(text, at + 1)) {
      if (seen++ < occurrence) continue;
      (n.parentElement as Element).scrollIntoView({ block: 'center' });
      const charRect = (i: number) => {
        const r = document.createRange();
        r.setStart(n!, i);
        r.setEnd(n!, i + 1);
        return r.getBoundingClientRect();
      };
      const a = charRect(at);
      const b = charRect(at + text.length - 1);
      return { x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2 };
    }
  }
  return null;
}

/**
 * Runs in the page: scrolls the first copy of `text` (within one text node) under the element
 * `within` selects (the body by default) into view, and gives the viewport point at its middle,
 * or null.
 */
export function middlePoint({ text, within }: { text: string; within?: string }): { x: number; y: number } | null {
  const root = within ? document.querySelector(within) : document.body;
  if (!root) return null;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const at = (n as Text).data.indexOf(text);
    if (at < 0) continue;
    // Brought into view first, as selectionPoints does: a point below the fold clicks nothing.
    (n.parentElement as Element).scrollIntoView({ block: 'center' });
    const r = document.createRange();
    r.setStart(n, at + Math.floor(text.length / 2));
    r.setEnd(n, at + Math.floor(text.length / 2) + 1);
    const rect = r.getBoundingClientRect();
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  }
  return null;
}

interface Mouse {
  move(x: number, y: number, options?: { steps?: number }): Promise<void>;
  down(): Promise<void>;
  up(): Promise<void>;
}

/** Drags from the first point to the last, through the middle, as a hand does. */
export async function drag(mouse: Mouse, points: DragPoints | null, text: string): Promise<void> {
  if (!points) throw new Error(`text not found in a single text node: ${text}`);
  await mouse.move(points.x1, points.y1);
  await mouse.down();
  await mouse.move((points.x1 + points.x2) / 2, (points.y1 + points.y2) / 2, { steps: 4 });
  await mouse.move(points.x2, points.y2, { steps: 4 });
  await mouse.up();
}
