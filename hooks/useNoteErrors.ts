import { useCallback, useState } from 'preact/hooks';
import { describeWriteError } from '../utils/platform/write-error';

/**
 * What failed on each note's row. Actions on a note (a change, delete, open) go through `run`:
 * its failure is shown on that note's row, in the user's language, and never escapes as an
 * unhandled rejection. Kept by the list, not the row: a virtual list's rows come and go, and keys
 * act on a row without passing through it.
 */
export function useNoteErrors() {
  const [errors, setErrors] = useState<ReadonlyMap<string, string>>(new Map());
  const set = useCallback(
    (id: string, text?: string) =>
      setErrors((m) => {
        if (m.get(id) === text) return m;
        const next = new Map(m);
        if (text === undefined) next.delete(id);
        else next.set(id, text);
        return next;
      }),
    [],
  );
  /**
   * Runs an action on note `id`; resolves true when it was done, false when it failed (the row
   * then says why: `otherwiseKey` with the error's text, or `fullKey` when storage is full).
   */
  const run = useCallback(
    async (id: string, action: () => Promise<unknown>, otherwiseKey: string, fullKey?: string): Promise<boolean> => {
      set(id);
      try {
        await action();
        return true;
      } catch (e) {
        console.error('Verbatim: an action on a note failed', e);
        set(id, describeWriteError(e, otherwiseKey, fullKey));
        return false;
      }
    },
    [set],
  );
  return { errorOf: (id: string) => errors.get(id), run, dismiss: (id: string) => set(id) };
}
