/** Where a note sits in its page, and a page's notes in reading order. Pure: export formats, the repository and the side panel share it. */
import type { Note, TextPositionSelector } from './model';

/** Whether a note is on the page as a whole (no passage: never anchored, never an orphan). */
export const isPageNote = (note: Pick<Note, 'kind'>): boolean => note.kind === 'page';

/**
 * Start of the note's passage in its page, for reading order: page notes first (they are about
 * the whole article), notes whose passage has no position last.
 */
export const positionOf = (note: Note): number =>
  isPageNote(note) ? -1 : (note.selectors.find((s) => s.type === 'TextPositionSelector') as TextPositionSelector | undefined)?.start ?? Number.MAX_SAFE_INTEGER;

/** Sorts notes in reading order (by their position in the page), ties by creation. */
export const inReadingOrder = (notes: Note[]) =>
  notes.sort((a, b) => positionOf(a) - positionOf(b) || a.createdAt - b.createdAt);

/**
 * `note`, carrying `other`'s check of the passage against its source (issue #17) when that one is
 * later and about the same passage. Whichever version of a note wins an import or a sync merge
 * (by its edit time or stamp), the latest check of its words survives: a check is no edit, and
 * one made on another device must not be lost to an older edit winning there. Returns `note`
 * itself when nothing changes.
 */
export function withLatestCheck<T extends Pick<Note, 'exact' | 'check'>>(note: T, other: Pick<Note, 'exact' | 'check'> | undefined): T {
  const check = other?.check;
  if (!check || other.exact !== note.exact || (note.check && note.check.at >= check.at)) return note;
  return { ...note, check };
}
