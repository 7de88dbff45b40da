import { useEffect, useMemo } from 'preact/hooks';
import type { Note } from '../utils/domain/model';
import { quoteKeys } from '../utils/quotes/same-quote';
import type { Library } from './useLibrary';

/**
 * Each quote's comparison key (`quoteKey`), remembered by note, and computed ahead in idle time
 * once the library is read: the Same quote view opened for the first time then need not fold the
 * text of 25,000 quotes (about a second on a busy 2-core machine) before it shows.
 */
export function useQuoteKeys(library: Library): (note: Note) => string | undefined {
  const keyOf = useMemo(() => quoteKeys(), []);
  useEffect(() => {
    if (!library.loaded || typeof requestIdleCallback !== 'function') return;
    const notes = [...library.notes.values()];
    let i = 0;
    let handle = 0;
    const step = (deadline: IdleDeadline) => {
      while (i < notes.length && deadline.timeRemaining() > 2) {
        const note = notes[i++]!;
        if (note.kind === 'quote') keyOf(note);
      }
      if (i < notes.length) handle = requestIdleCallback(step);
    };
    handle = requestIdleCallback(step);
    return () => cancelIdleCallback(handle);
    // Once, when the library is first read: later notes get their key when grouped.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [library.loaded]);
  return keyOf;
}
