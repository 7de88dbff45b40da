import { useCallback, useState } from 'preact/hooks';
import type { VerbatimDb } from '../utils/db/schema';
import { t } from '../utils/platform/i18n';
import { describeWriteError } from '../utils/platform/write-error';
import { undoChange, type Change, type Undo } from '../utils/services/changes';

/** The last change made, for its Undo bar. */
type Last = { undo: Undo | null; message: string };

/**
 * One way back for every change a page makes (a note deleted, 40 notes recoloured, a tag merged,
 * an article deleted): `run` makes the change and keeps its undo; `message` says what was done
 * ("40 notes deleted.") until it is undone, dismissed or replaced by the next change, or why the
 * undo failed. A change that changed nothing says so, with nothing to undo.
 */
export function useUndo(db: VerbatimDb) {
  const [last, setLast] = useState<Last | null>(null);
  const [undoError, setUndoError] = useState<string | null>(null);
  /**
   * Makes a change (one transaction) and offers its undo, described by `describe`. Rejects when
   * nothing was written, for the caller to say so where the user acted.
   */
  const run = useCallback(async (change: () => Promise<Change>, describe: (c: Change) => string): Promise<Change> => {
    const done = await change();
    setUndoError(null);
    setLast(done.notes + done.articles > 0 ? { undo: done.undo, message: describe(done) } : { undo: null, message: t('nothingChanged') });
    return done;
  }, []);
  /** Puts back everything the last change changed, all or nothing. Never rejects: a failure is in `message`. */
  const undo = useCallback(async () => {
    if (!last?.undo) return;
    try {
      await undoChange(db, last.undo);
    } catch (e) {
      console.error('Verbatim: undo failed', e);
      setUndoError(describeWriteError(e, 'undoFailed'));
      return;
    }
    setLast(null);
    setUndoError(null);
  }, [db, last]);
  const dismiss = useCallback(() => {
    setLast(null);
    setUndoError(null);
  }, []);
  return {
    message: last ? (undoError ?? last.message) : null,
    /** There is something to undo. */
    undoable: !!last?.undo,
    failed: undoError !== null,
    run,
    undo,
    dismiss,
  };
}
