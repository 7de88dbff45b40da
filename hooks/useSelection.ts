import { useCallback, useMemo, useState } from 'preact/hooks';

/**
 * The notes selected for a bulk change (the side panel's list, the popup's page notes): one
 * selected or not, all those shown, none.
 */
export function useSelection() {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const select = useCallback(
    (id: string, on: boolean) =>
      setSelected((s) => {
        const next = new Set(s);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    [],
  );
  const selectAll = useCallback((ids: Iterable<string>) => setSelected(new Set(ids)), []);
  const clear = useCallback(() => setSelected(new Set()), []);
  const ids = useMemo(() => [...selected], [selected]);
  return { selected, ids, select, selectAll, clear };
}
