import { useEffect, useState } from 'preact/hooks';
import type { VerbatimDb } from '../utils/db/schema';
import { watchTableQuery, type TableQueryOptions } from '../utils/db/table-query';

/** `watchTableQuery` as Preact state, shaped as `useLiveQuery`'s. */
export function useTableQuery<T>(db: VerbatimDb, tables: readonly string[], query: () => Promise<T>, deps: unknown[], options?: TableQueryOptions): { value?: T; error?: string } {
  const [state, setState] = useState<{ value?: T; error?: string }>({});
  useEffect(
    () =>
      watchTableQuery(db, tables, query, {
        next: (value) => setState({ value }),
        error: (e: unknown) => setState({ error: e instanceof Error ? e.message : String(e) }),
      }, options),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    deps,
  );
  return state;
}
