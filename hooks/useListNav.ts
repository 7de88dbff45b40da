import type { Ref } from 'preact';
import { useRef, useState } from 'preact/hooks';

/**
 * Keyboard navigation of a virtual list (a roving tabindex): ↑/↓ (or k/j), Home and End move the
 * active row and focus follows; other keys on the active row go to `onKey`, which returns true
 * when it handled them. Keys typed in a field, and Enter or Space on a control (a button, a
 * link), are left alone.
 */
export function useListNav<R>(rows: readonly R[], onKey: (row: R, e: KeyboardEvent, index: number) => boolean) {
  const [active, setActive] = useState(0);
  // Focus moves with the active row only after a key moved it: a re-render (a live update, a
  // colour picked) must not pull focus away from what the reader is using.
  const follow = useRef(false);
  const current = Math.min(active, Math.max(0, rows.length - 1));

  const moveTo = (i: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, i));
    if (next === current) return;
    follow.current = true;
    setActive(next);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const target = e.target as Element;
    if (target.closest('input, textarea, select') || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'ArrowDown' || e.key === 'j') moveTo(current + 1);
    else if (e.key === 'ArrowUp' || e.key === 'k') moveTo(current - 1);
    else if (e.key === 'Home') moveTo(0);
    else if (e.key === 'End') moveTo(rows.length - 1);
    else {
      if ((e.key === 'Enter' || e.key === ' ') && target.closest('button, a')) return;
      const row = rows[current];
      if (row === undefined || !onKey(row, e, current)) return;
    }
    e.preventDefault();
  };

  /** Props of the element of row `i`: focusable when active, and made active when focus enters it. */
  const rowProps = (i: number) => ({
    tabIndex: i === current ? 0 : -1,
    onFocusIn: () => {
      follow.current = false;
      setActive(i);
    },
    ref: ((el: HTMLElement | null) => {
      if (i === current && el && follow.current) {
        follow.current = false;
        el.focus({ preventScroll: true });
      }
    }) as Ref<HTMLDivElement>,
  });

  return { active: current, setActive, moveTo, onKeyDown, rowProps };
}
