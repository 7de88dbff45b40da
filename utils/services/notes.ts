import { addNote, addPageNote, reattachNote as reattachStored, updateNote, type NoteSeen } from '../db/repo';
import type { VerbatimDb } from '../db/schema';
import type { Note, NoteDraft, NotePatch, PageMeta, Selector } from '../domain/model';
import { redrawPages } from './tabs';

/**
 * What the extension pages (side panel, popup, reader, options) call to change notes. Each writes
 * through the repository (a change of several notes in one transaction: all or none) and, when
 * what a page draws changed, has the tabs showing the pages concerned redraw (`redrawPages`).
 * Each resolves once written, without waiting for the tabs: a slow tab never holds up the page
 * where the user acted. Each rejects when nothing was written.
 */

/**
 * Saves a change to a note; tabs showing its page redraw when its look (colour, kind) changed.
 * `seen`: the note's text and tags as the window showed them when the edit began; a text changed
 * meanwhile in another window is then refused (`NoteConflictError`) and tags are merged
 * (`updateNote`).
 */
export async function saveNoteChange(db: VerbatimDb, id: string, patch: NotePatch, seen?: NoteSeen): Promise<Note> {
  const note = await updateNote(db, id, patch, seen);
  if (patch.color || patch.kind) void redrawPages(db, [note.url]);
  return note;
}

/** Saves a passage highlighted or quoted in an extension page (the reader); tabs showing its page draw it. */
export async function saveNote(db: VerbatimDb, page: PageMeta, draft: NoteDraft): Promise<Note> {
  const note = await addNote(db, page, draft);
  void redrawPages(db, [note.url]);
  return note;
}

/** Saves a note on a page as a whole (popup, side panel); nothing to draw in its tabs. */
export function savePageNote(db: VerbatimDb, page: PageMeta, text: string): Promise<Note> {
  return addPageNote(db, page, text);
}

/** Gives a note whose passage was not found the passage selected again (the reader); tabs showing its page draw it. */
export async function reattachNote(db: VerbatimDb, id: string, passage: { exact: string; selectors: Selector[] }): Promise<Note> {
  const note = await reattachStored(db, id, passage);
  void redrawPages(db, [note.url]);
  return note;
}
