import { useCallback, useState } from 'preact/hooks';
import { deleteNote, restoreNote } from '../utils/db/repo';
import type { VerbatimDb } from '../utils/db/schema';
import type { Note } from '../utils/model';
import { refreshTabsShowing } from '../utils/rpc';

/** Deleting a note with a way back: `deleted` is the last note removed until undone or expired. */
export function useUndoableDelete(db: VerbatimDb) {
  const [deleted, setDeleted] = useState<Note | null>(null);
  const remove = useCallback(
    async (id: string) => {
      const note = await deleteNote(db, id);
      if (!note) return;
      setDeleted(note);
      void refreshTabsShowing(note.url);
    },
    [db],
  );
  const undo = useCallback(async () => {
    if (!deleted) return;
    await restoreNote(db, deleted);
    setDeleted(null);
    void refreshTabsShowing(deleted.url);
  }, [db, deleted]);
  const dismiss = useCallback(() => setDeleted(null), []);
  return { deleted, remove, undo, dismiss };
}
