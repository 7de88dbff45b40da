import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * `value`, followed at most once per `ms`: the first change after a quiet time shows at once,
 * changes that stream in after it (a sync's batches, an import) are taken once per `ms`, when
 * the page is next idle (within `ms` more at the latest). For what a panel derives from the whole
 * library and nobody reads at every batch (tag and speaker suggestions): recomputed per batch, or
 * between two keys of a search, it would hold the panel while the user types.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const show = () => {
      last.current = Date.now();
      setShown(value);
    };
    const wait = last.current + ms - Date.now();
    if (wait <= 0) return show();
    let idle: number | undefined;
    const id = setTimeout(() => {
      if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(show, { timeout: ms });
      else show();
    }, wait);
    return () => {
      clearTimeout(id);
      if (idle !== undefined) cancelIdleCallback(idle);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, shown]);
  return shown;
}
