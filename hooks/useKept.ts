import { useRef } from 'preact/hooks';

/**
 * A value computed only while `active`, and kept while not: a view of the side panel switched
 * away and back shows its groups again without regrouping 50,000 notes, unless `deps` changed
 * meanwhile. Undefined until first computed.
 */
export function useKept<T>(active: boolean, deps: readonly unknown[], compute: () => T): T | undefined {
  const kept = useRef<{ deps: readonly unknown[]; value: T }>(undefined);
  if (active && (!kept.current || deps.length !== kept.current.deps.length || deps.some((d, i) => d !== kept.current!.deps[i]))) {
    kept.current = { deps, value: compute() };
  }
  return kept.current?.value;
}
