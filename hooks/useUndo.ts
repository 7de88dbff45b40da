import { useCallback } from 'preact/hooks';
import type { VerbatimDb } from '../utils/db/schema';
import { t } from '../utils/platform/i18n';
import { undoChange, type Change } from '../utils/services/changes';
import { useUndoable } from './useUndoable';

/**
 * One way back for every change a page makes (a note deleted, 40 notes recoloured, a tag merged,
 * an article deleted): the Undo of {@link useUndoable}, for changes of the library. `message`
 * says what was done ("40 notes deleted."); a change that changed nothing says so, with nothing
 * to undo.
 */
export function useUndo(db: VerbatimDb) {
  const undoable = useUndoable();
  const { offer } = undoable;
  /**
   * Makes a change (one transaction) and offers its undo, described by `describe`. Rejects when
   * nothing was written, for the caller to say so where the user acted.
   */
  const run = useCallback(
    (change: () => Promise<Change>, describe: (c: Change) => string): Promise<Change> =>
      offer(change, (done) => {
        if (done.notes + done.articles === 0) return { message: t('nothingChanged'), undo: null };
        const back = done.undo;
        return { message: describe(done), undo: back ? () => undoChange(db, back) : null };
      }),
    [db, offer],
  );
  return { ...undoable, run };
}
