import { useEffect, useRef, useState } from 'preact/hooks';
import { dropIndex } from '../utils/domain/project-items';
import { t } from '../utils/platform/i18n';

/** An item picked up with the keyboard: where it was and where it would go. */
type Grab = { id: string; from: number; at: number };
/** An item dragged with the pointer: where it was and the gap it would drop into (0…length). */
type Drag = { id: string; from: number; gap: number | null; pointer: number };

export interface SortableOptions {
  /** The items' ids, in order. */
  ids: readonly string[];
  /** Moves an item so that it ends at index `to`; rejects when it was not saved (the caller says why). */
  onMove: (id: string, to: number) => Promise<void>;
  /** The item's name as a screen reader hears it in the announcements ("‘Ouverture’"). */
  labelOf: (id: string) => string;
}

/**
 * A sortable list, as the ARIA Authoring Practices describe it, by pointer and by keyboard:
 * - drag an item's handle (pointer events, captured): a marker shows the gap it would drop into;
 *   releasing it moves it there;
 * - Alt+ArrowUp / Alt+ArrowDown on a focused item moves it one place at once;
 * - Enter or Space on the handle picks the item up, the arrows (Home, End) move it while the list
 *   shows it at its new place, Enter or Space drops it there, Escape puts it back.
 * Every move is announced in a live region (`announcement`) and saved through `onMove`; the moved
 * item keeps the focus.
 */
export function useSortable({ ids, onMove, labelOf }: SortableOptions) {
  const [grab, setGrab] = useState<Grab | null>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [announcement, setAnnouncement] = useState('');
  /**
   * The order just asked for, shown instead of the saved list while moves are on their way (no
   * flicker back to the old order, and a move asked before the last one is saved starts from where
   * the user sees the item): it holds while any move is unsaved, then until the saved list changes.
   */
  const [optimistic, setOptimistic] = useState<{ order: string[]; pending: number; settledOn: string | null } | null>(null);
  const key = ids.join('\n');
  const latestKey = useRef(key);
  latestKey.current = key;
  const list = useRef<HTMLElement | null>(null);
  /** The item (and which of its parts) to focus once the list shows it at its new place. */
  const refocus = useRef<{ id: string; handle: boolean } | null>(null);

  useEffect(() => {
    const want = refocus.current;
    if (!want || !list.current) return;
    const item = list.current.querySelector<HTMLElement>(`[data-item-id="${CSS.escape(want.id)}"]`);
    const target = want.handle ? item?.querySelector<HTMLElement>('[data-drag-handle]') : item;
    if (target && document.activeElement !== target) target.focus();
    refocus.current = null;
  });

  const n = ids.length;
  /** The order as the user last saw it settled (a move waiting to be saved included). */
  const holds = optimistic !== null && (optimistic.pending > 0 || optimistic.settledOn === key);
  // Once the saved list has moved on, the order asked for is done with (it must not come back if a
  // later list happens to equal the one it settled on).
  if (optimistic && !holds) setOptimistic(null);
  const current = holds ? optimistic.order : ids;
  const position = (at: number) => t('sortPosition', at + 1, n);
  const move = (id: string, to: number, handle: boolean) => {
    refocus.current = { id, handle };
    const rest = current.filter((x) => x !== id);
    const order = [...rest.slice(0, to), id, ...rest.slice(to)];
    setOptimistic((o) => ({ order, pending: (o?.pending ?? 0) + 1, settledOn: null }));
    const settle = () =>
      setOptimistic((o) => {
        if (!o) return o;
        const pending = o.pending - 1;
        return { ...o, pending, settledOn: pending > 0 ? null : latestKey.current };
      });
    onMove(id, to).then(
      () => {
        settle();
        setAnnouncement(t('sortMoved', labelOf(id), position(to)));
      },
      () => {
        setOptimistic(null);
        setAnnouncement(t('sortMoveFailed', labelOf(id)));
      },
    );
  };

  /** The order to show: the picked-up item at its would-be place. */
  const shown = (): string[] => {
    if (!grab) return [...current];
    const rest = current.filter((id) => id !== grab.id);
    return [...rest.slice(0, grab.at), grab.id, ...rest.slice(grab.at)];
  };

  const itemKeyDown = (id: string, e: KeyboardEvent) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') || grab) return;
    // Only the item's own keys: not those typed in a field inside it.
    if (e.target !== e.currentTarget) return;
    e.preventDefault();
    const from = current.indexOf(id);
    const to = from + (e.key === 'ArrowUp' ? -1 : 1);
    if (from < 0 || to < 0 || to >= n) return setAnnouncement(t('sortAtEnd', labelOf(id), position(from)));
    move(id, to, false);
  };

  const handleKeyDown = (id: string, e: KeyboardEvent) => {
    const from = current.indexOf(id);
    if (!grab) {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      e.preventDefault();
      setGrab({ id, from, at: from });
      return setAnnouncement(t('sortPickedUp', labelOf(id), position(from)));
    }
    if (grab.id !== id) return;
    let at = grab.at;
    switch (e.key) {
      case 'ArrowUp':
        at = Math.max(0, at - 1);
        break;
      case 'ArrowDown':
        at = Math.min(n - 1, at + 1);
        break;
      case 'Home':
        at = 0;
        break;
      case 'End':
        at = n - 1;
        break;
      case 'Enter':
      case ' ':
        e.preventDefault();
        setGrab(null);
        if (grab.at === grab.from) return setAnnouncement(t('sortDroppedSame', labelOf(id), position(grab.at)));
        return move(id, grab.at, true);
      case 'Escape':
        e.preventDefault();
        refocus.current = { id, handle: true };
        setGrab(null);
        return setAnnouncement(t('sortCancelled', labelOf(id), position(grab.from)));
      default:
        return;
    }
    e.preventDefault();
    refocus.current = { id, handle: true };
    setGrab({ ...grab, at });
    setAnnouncement(position(at));
  };

  /** The gap (0…n) the pointer is over: before the first item whose middle is below it. */
  const gapAt = (y: number): number => {
    const items = list.current ? [...list.current.querySelectorAll<HTMLElement>('[data-item-id]')] : [];
    const i = items.findIndex((el) => {
      const r = el.getBoundingClientRect();
      return y < r.top + r.height / 2;
    });
    return i < 0 ? items.length : i;
  };

  const handlePointerDown = (id: string, e: PointerEvent) => {
    if (e.button !== 0 || grab) return;
    e.preventDefault();
    (e.currentTarget as Element).setPointerCapture(e.pointerId);
    setDrag({ id, from: current.indexOf(id), gap: null, pointer: e.pointerId });
  };
  const handlePointerMove = (e: PointerEvent) => {
    if (!drag || e.pointerId !== drag.pointer) return;
    const gap = gapAt(e.clientY);
    if (gap !== drag.gap) setDrag({ ...drag, gap });
  };
  const handlePointerUp = (e: PointerEvent) => {
    if (!drag || e.pointerId !== drag.pointer) return;
    setDrag(null);
    if (drag.gap === null || e.type === 'pointercancel') return;
    const to = dropIndex(drag.from, drag.gap);
    if (to !== drag.from) move(drag.id, to, false);
  };

  return {
    /** Ref for the list element. */
    list,
    /** The ids in the order to show them. */
    order: shown(),
    /** The id being moved (by keyboard or pointer), for its style. */
    moving: grab?.id ?? drag?.id ?? null,
    /** Where the dragged item would drop (a marker goes before the item shown at this index; `order.length`: after the last). Null when not dragging. */
    dropGap: drag && drag.gap !== null && dropIndex(drag.from, drag.gap) !== drag.from ? drag.gap : null,
    /** What the live region says. */
    announcement,
    itemProps: (id: string) => ({ 'data-item-id': id, tabIndex: 0, onKeyDown: (e: KeyboardEvent) => itemKeyDown(id, e) }),
    handleProps: (id: string) => ({
      'data-drag-handle': '',
      'aria-pressed': grab?.id === id,
      onKeyDown: (e: KeyboardEvent) => handleKeyDown(id, e),
      onBlur: () => grab?.id === id && !refocus.current && setGrab(null),
      onPointerDown: (e: PointerEvent) => handlePointerDown(id, e),
      onPointerMove: handlePointerMove,
      onPointerUp: handlePointerUp,
      onPointerCancel: handlePointerUp,
    }),
  };
}
