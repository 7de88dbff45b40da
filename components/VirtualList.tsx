import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { RowLayout } from '../utils/dom/row-layout';

export type VirtualListProps<T> = {
  items: readonly T[];
  /** Stable key of an item (its measured height is remembered by key). */
  keyOf: (item: T) => string;
  /** Height guessed for an item not yet measured, in px. */
  estimate: (item: T) => number;
  renderItem: (item: T, index: number) => ComponentChildren;
  /** Index to bring into view (keyboard navigation), when it changes. */
  scrollToIndex?: number;
  /** px rendered beyond the viewport on each side. */
  overscan?: number;
  class?: string;
  /** ARIA role of the scrolling container (e.g. "list"). */
  role?: 'list' | 'listbox';
  label?: string;
};

/**
 * A list that renders only the rows on screen, whatever its length (50,000 notes stay fast):
 * rows are measured once rendered, and laid out (utils/dom/row-layout.ts) only as far as shown.
 */
export function VirtualList<T>({ items, keyOf, estimate, renderItem, scrollToIndex, overscan = 300, class: cls, role, label }: VirtualListProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const heights = useRef(new Map<string, number>());
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(800);
  const [measured, setMeasured] = useState(0);

  // Laid out as far as the rows shown: a search listing 65,000 notes shows twenty.
  const layout = useMemo(
    () => new RowLayout(items, (item) => heights.current.get(keyOf(item)) ?? estimate(item), estimate),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [items, measured],
  );

  const first = Math.max(0, layout.firstBelow(scrollTop - overscan) - 1);
  const last = Math.min(items.length, layout.firstBelow(scrollTop + viewport + overscan));

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const onScroll = () => setScrollTop(el.scrollTop);
    const ro = new ResizeObserver(() => setViewport(el.clientHeight));
    el.addEventListener('scroll', onScroll, { passive: true });
    ro.observe(el);
    setViewport(el.clientHeight);
    return () => {
      el.removeEventListener('scroll', onScroll);
      ro.disconnect();
    };
  }, []);

  // Measure what was rendered; re-lay out only when a height really changed.
  const rowObserver = useRef<ResizeObserver | null>(null);
  useEffect(() => {
    rowObserver.current = new ResizeObserver((entries) => {
      let changed = false;
      for (const entry of entries) {
        const key = (entry.target as HTMLElement).dataset.vkey!;
        const h = Math.round((entry.target as HTMLElement).offsetHeight);
        if (h > 0 && heights.current.get(key) !== h) {
          heights.current.set(key, h);
          changed = true;
        }
      }
      if (changed) setMeasured((m) => m + 1);
    });
    return () => rowObserver.current?.disconnect();
  }, []);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || !rowObserver.current) return;
    for (const row of el.querySelectorAll<HTMLElement>('[data-vkey]')) rowObserver.current.observe(row);
  });

  useEffect(() => {
    const el = scroller.current;
    if (!el || scrollToIndex === undefined || scrollToIndex < 0 || scrollToIndex >= items.length) return;
    const top = layout.top(scrollToIndex);
    const bottom = layout.top(scrollToIndex + 1);
    if (top < el.scrollTop) el.scrollTop = top;
    else if (bottom > el.scrollTop + el.clientHeight) el.scrollTop = bottom - el.clientHeight;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scrollToIndex]);

  const rows: ComponentChildren[] = [];
  for (let i = first; i < last; i++) {
    const item = items[i]!;
    const key = keyOf(item);
    rows.push(
      <div key={key} data-vkey={key} class="vrow" style={{ transform: `translateY(${layout.top(i)}px)` }}>
        {renderItem(item, i)}
      </div>,
    );
  }
  return (
    <div ref={scroller} class={`vlist ${cls ?? ''}`} role={role} aria-label={label}>
      <div class="vspace" style={{ height: `${layout.total}px` }}>
        {rows}
      </div>
    </div>
  );
}
