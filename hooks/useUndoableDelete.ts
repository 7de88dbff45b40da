import { useCallback, useState } from 'preact/hooks';
import { pageHasNotes } from '../utils/db/repo';
import type { VerbatimDb } from '../utils/db/schema';
import { plural } from '../utils/i18n';
import type { Note } from '../utils/domain/model';
import { refreshTabsShowing } from '../utils/messaging/tabs';
import { describeWriteError } from '../utils/write-error';

/** Asks the tabs showing these notes' pages to redraw; a tab that cannot is only logged (the library is right). */
function refreshPagesOf(db: VerbatimDb, notes: readonly Note[]): void {
  for (const url of new Set(notes.map((n) => n.url))) {
    refreshTabsShowing(url, (u) => pageHasNotes(db, u)).catch((e: unknown) => console.warn('Verbatim: tabs not redrawn after a change', e));
  }
}

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
      const keys = typeof ids === 'string' ? [ids] : [...ids];
      const notes = await db.transaction('rw', db.notes, async () => {
        const found = (await db.notes.bulkGet(keys)).filter((n): n is Note => n !== undefined);
        await db.notes.bulkDelete(found.map((n) => n.id));
        return found;
      });
      if (!notes.length) return;
      setUndoError(null);
      setDeleted(notes);
      refreshPagesOf(db, notes);
    },
    [db],
  );
  /** Puts the deleted notes back exactly as they were, all or none. Never rejects: a failure is in `message`. */
  const undo = useCallback(async () => {
    if (!deleted) return;
    try {
      await db.transaction('rw', db.notes, () => db.notes.bulkPut(deleted));
    } catch (e) {
      console.error('Verbatim: undo failed', e);
      setUndoError(describeWriteError(e, 'undoFailed'));
      return;
    }
    setDeleted(null);
    setUndoError(null);
    refreshPagesOf(db, deleted);
  }, [db, deleted]);
  const dismiss = useCallback(() => {
    setDeleted(null);
    setUndoError(null);
  }, []);
  const message = deleted ? (undoError ?? plural(deleted.length, 'noteDeleted', 'notesDeletedOther')) : null;
  return { deleted, message, failed: undoError !== null, remove, undo, dismiss };
}
