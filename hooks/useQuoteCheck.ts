import { useEffect, useRef, useState } from 'preact/hooks';
import type { VerbatimDb } from '../utils/db/schema';
import type { Note } from '../utils/domain/model';
import { describeWriteError } from '../utils/platform/write-error';
import type { LoadFailure } from '../utils/quotes/check-sources';
import { checkQuotes } from '../utils/services/quote-check';

/** Where a check stands. */
export interface QuoteCheckState {
  running: boolean;
  /** Sources read so far, and how many there are (while running, and after). */
  done: number;
  total: number;
  /** Sources done in this run (their notes' results are final). */
  finished: ReadonlySet<string>;
  /** Why a note's source could not be loaded in this run (its stored check, if any, is older). */
  failures: ReadonlyMap<string, LoadFailure>;
  /** The run was cancelled (what was read is stored). */
  cancelled: boolean;
  /** The results could not be stored (none were), in the user's language. */
  error: string | null;
}

const IDLE: QuoteCheckState = { running: false, done: 0, total: 0, finished: new Set(), failures: new Map(), cancelled: false, error: null };

/**
 * Checking notes' passages against their sources from a page (issue #17): `start` runs the check
 * (background tabs, utils/services/quote-check.ts) with its progress, `cancel` stops it. Leaving
 * the page (or unmounting) stops it too and closes its tabs. The results are stored on the notes
 * (`Note.check`), which the page shows from the library as it updates.
 */
export function useQuoteCheck(db: VerbatimDb) {
  const [state, setState] = useState<QuoteCheckState>(IDLE);
  const run = useRef<AbortController | null>(null);
  useEffect(() => {
    const stop = () => run.current?.abort();
    addEventListener('pagehide', stop);
    return () => {
      removeEventListener('pagehide', stop);
      stop();
    };
  }, []);

  const start = async (notes: readonly Note[]) => {
    if (run.current) return;
    const controller = new AbortController();
    run.current = controller;
    const finished = new Set<string>();
    const failures = new Map<string, LoadFailure>();
    setState({ ...IDLE, running: true, total: new Set(notes.filter((n) => n.kind !== 'page').map((n) => n.url)).size });
    try {
      await checkQuotes(db, notes, {
        signal: controller.signal,
        onSource: (result, done, total) => {
          finished.add(result.url);
          if ('failure' in result) for (const id of result.noteIds) failures.set(id, result.failure);
          setState((s) => ({ ...s, done, total, finished: new Set(finished), failures: new Map(failures) }));
        },
      });
      setState((s) => ({ ...s, running: false, cancelled: controller.signal.aborted }));
    } catch (e) {
      console.error('Verbatim: the checks of quotes were not saved', e);
      setState((s) => ({ ...s, running: false, error: describeWriteError(e, 'checkSaveFailed', 'storageFullChangeNotSaved') }));
    } finally {
      run.current = null;
    }
  };
  const cancel = () => run.current?.abort();
  return { ...state, start, cancel };
}
