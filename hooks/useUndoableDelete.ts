import { useCallback, useState } from 'preact/hooks';
import type { VerbatimDb } from '../utils/db/schema';
import { plural } from '../utils/platform/i18n';
import type { Note } from '../utils/domain/model';
import { deleteNotes, restoreNotes } from '../utils/services/notes';
import { describeWriteError } from '../utils/platform/write-error';

/**
 * Deleting notes with a way back: `deleted` is the last set removed until undone or expired;
 * `message` says so ("Note deleted.", "3 notes deleted."), or why the undo failed.
 */
export function useUndoableDelete(db: VerbatimDb) {
  const [deleted, setDeleted] = useState<Note[] | null>(null);
  const [undoError, setUndoError] = useState<string | null>(null);
  /**
   * Deletes one note or several, all or none (one transaction: a bulk delete that fails halfway
   * leaves every note in place). Rejects when nothing was deleted, for the caller to say so where
   * the user acted.
   */
  const remove = useCallback(
    async (ids: string | readonly string[]) => {
      const notes = await deleteNotes(db, typeof ids === 'string' ? [ids] : ids);
      if (!notes.length) return;
      setUndoError(null);
      setDeleted(notes);
    },
    [db],
  );
  /** Puts the deleted notes back exactly as they were, all or none. Never rejects: a failure is in `message`. */
  const undo = useCallback(async () => {
    if (!deleted) return;
    try {
      await restoreNotes(db, deleted);
    } catch (e) {
      console.error('Verbatim: undo failed', e);
      setUndoError(describeWriteError(e, 'undoFailed'));
      return;
    }
    setDeleted(null);
    setUndoError(null);
  }, [db, deleted]);
  const dismiss = useCallback(() => {
    setDeleted(null);
    setUndoError(null);
  }, []);
  const message = deleted ? (undoError ?? plural(deleted.length, 'noteDeleted', 'notesDeletedOther')) : null;
  return { deleted, message, failed: undoError !== null, remove, undo, dismiss };
}
