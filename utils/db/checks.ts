import type { Note, QuoteCheck } from '../domain/model';
import type { VerbatimDb } from './schema';

/** A passage's check to store: the note, the passage as it was checked, and what was found. */
export interface CheckToRecord {
  id: string;
  /** The passage checked: a note attached to another passage meanwhile keeps no check of the old one. */
  exact: string;
  check: QuoteCheck;
}

/**
 * Stores the checks of a batch of passages against their sources (issue #17, `Note.check`), in
 * one transaction: all or none. Only `check` changes: not `updatedAt` (a check is no edit; an
 * import and a sync merge keep the later check on their own, utils/domain/notes.ts
 * `withLatestCheck`). A note deleted, or attached to another passage, since it was checked is
 * left alone. Every write of a note is logged for sync (utils/db/tracking.ts), so the checks
 * follow the library to the user's other browsers. Resolves to the notes as stored.
 */
export function recordChecks(db: VerbatimDb, checks: readonly CheckToRecord[]): Promise<Note[]> {
  if (!checks.length) return Promise.resolve([]);
  return db.transaction('rw', db.notes, async () => {
    const stored = await db.notes.bulkGet(checks.map((c) => c.id));
    const put: Note[] = [];
    checks.forEach(({ exact, check }, i) => {
      const note = stored[i];
      if (note && note.exact === exact) put.push({ ...note, check });
    });
    await db.notes.bulkPut(put);
    return put;
  });
}
