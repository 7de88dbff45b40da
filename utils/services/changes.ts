import * as core from '../db/changes';
import type { Change, Undo } from '../db/changes';
import type { VerbatimDb } from '../db/schema';
import type { Color, NoteKind, NoteVersion } from '../domain/model';
import { redrawPages } from './tabs';

export type { Change, Undo };

/**
 * The undoable changes of the extension pages (side panel, popup): each is one transaction
 * (`utils/db/changes.ts`) that returns its undo, and has the tabs showing the pages whose notes it
 * touched redraw. Each resolves once written, without waiting for the tabs; each rejects when
 * nothing was written.
 */

async function redrawn(db: VerbatimDb, change: Promise<Change>): Promise<Change> {
  const done = await change;
  void redrawPages(db, done.undo.pages);
  return done;
}

export const deleteNotesChange = (db: VerbatimDb, ids: readonly string[]) => redrawn(db, core.deleteNotesChange(db, ids));
/** Tags do not show on the page: no tab redraws. */
export const tagNotesChange = (db: VerbatimDb, ids: readonly string[], tag: string) => core.tagNotesChange(db, ids, tag);
export const untagNotesChange = (db: VerbatimDb, ids: readonly string[], tag: string) => core.untagNotesChange(db, ids, tag);
export const recolorNotesChange = (db: VerbatimDb, ids: readonly string[], color: Color) => redrawn(db, core.recolorNotesChange(db, ids, color));
export const setKindChange = (db: VerbatimDb, ids: readonly string[], kind: NoteKind) => redrawn(db, core.setKindChange(db, ids, kind));
export const moveNotesChange = (db: VerbatimDb, ids: readonly string[], articleId: string) => redrawn(db, core.moveNotesChange(db, ids, articleId));
export const renameTagChange = (db: VerbatimDb, from: string, to: string) => core.renameTagChange(db, from, to);
export const deleteTagChange = (db: VerbatimDb, tag: string) => core.deleteTagChange(db, tag);
export const deleteArticleChange = (db: VerbatimDb, articleId: string, withNotes: boolean) => redrawn(db, core.deleteArticleChange(db, articleId, withNotes));
/** A version from a note's history made current again (its colour or kind may change: its tabs redraw). */
export const restoreVersionChange = (db: VerbatimDb, noteId: string, version: NoteVersion) => redrawn(db, core.restoreVersionChange(db, noteId, version));

/** Puts back what a change changed, all or nothing; the tabs concerned redraw. */
export async function undoChange(db: VerbatimDb, undo: Undo): Promise<void> {
  await core.undoChange(db, undo);
  void redrawPages(db, undo.pages);
}
