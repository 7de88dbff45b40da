import { pageHasNotes, updateNote } from '../utils/db/repo';
import type { VerbatimDb } from '../utils/db/schema';
import type { NotePatch } from '../utils/domain/model';
import { refreshTabsShowing } from '../utils/messaging/tabs';

/** Saves a change made in an extension page; tabs showing the note's page redraw when its look changed. */
export async function saveNoteChange(db: VerbatimDb, id: string, patch: NotePatch): Promise<void> {
  const note = await updateNote(db, id, patch);
  if (patch.color || patch.kind) await refreshTabsShowing(note.url, (u) => pageHasNotes(db, u));
}
