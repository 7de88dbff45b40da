import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * `value`, followed at most once per `ms`: the first change after a quiet time shows at once,
 * changes that stream in after it (a sync's batches, an import) are taken once per `ms`. For what
 * a panel derives from the whole library and nobody reads at every batch (tag and speaker
 * suggestions): recomputed per batch, it would hold the panel while keys are typed.
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
    const id = setTimeout(show, wait);
    return () => clearTimeout(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, shown]);
  return shown;
}
