/**
 * The daily review's rows (issue #17): one `ReviewState` per note in review, in the `reviews`
 * table (schema v11, keyed by note id, `due` indexed). Each answer is one transaction; the
 * session is read in one.
 */
import type { Note } from '../domain/model';
import type { ReviewState } from '../domain/review-state';
import { NoteGoneError } from '../domain/storage-full';
import { grade, introducedSince, type ReviewGrade } from '../review/schedule';
import { chooseSession, localDayBounds, reviewable, type SessionCard } from '../review/session';
import type { VerbatimDb } from './schema';

/** A note's review state, if it was ever reviewed. */
export const reviewOf = (db: VerbatimDb, noteId: string): Promise<ReviewState | undefined> => db.reviews.get(noteId);

/** The rows due before `end` (ms), soonest first. */
export const dueBefore = (db: VerbatimDb, end: number): Promise<ReviewState[]> => db.reviews.where('due').below(end).toArray();

/** What the review view needs to open: today's cards, and when the next note is due after today. */
export interface SessionRead {
  cards: SessionCard[];
  /** When the first note due after today is due (ms); undefined when none is scheduled. */
  nextDue?: number;
  /** Whether any note at all can be reviewed (a quote or a highlight). */
  anyReviewable: boolean;
}

/**
 * Today's session at `now`: the notes due by the end of the local day, then up to `newPerDay`
 * new ones, less those begun today (utils/review/session.ts says how they are chosen).
 */
export function readSession(db: VerbatimDb, now: number, newPerDay: number): Promise<SessionRead> {
  return db.transaction('r', db.reviews, db.notes, async () => {
    const { start, end } = localDayBounds(now);
    const due = await dueBefore(db, end);
    const dueNotes = await db.notes.bulkGet(due.map((r) => r.noteId));
    const notes = new Map<string, Note>();
    for (const n of dueNotes) if (n) notes.set(n.id, n);
    // Every row is read to count the notes begun today: a few per day, thousands after years.
    const rows = await db.reviews.toArray();
    const reviewed = new Set(rows.map((r) => r.noteId));
    const introducedToday = rows.filter((r) => introducedSince(r, start)).length;
    const room = Math.max(0, newPerDay - introducedToday);
    const fresh = room === 0 ? [] : await db.notes.orderBy('createdAt').filter((n) => reviewable(n) && !reviewed.has(n.id)).limit(room).toArray();
    const cards = chooseSession({ now, due, notes, fresh, introducedToday, newPerDay });
    const next = await db.reviews.where('due').aboveOrEqual(end).first();
    const anyReviewable = cards.length > 0 || reviewed.size > 0 || (await db.notes.filter(reviewable).first()) !== undefined;
    return next ? { cards, nextDue: next.due, anyReviewable } : { cards, anyReviewable };
  });
}

/**
 * Stores the user's answer about a note at `now`, in one transaction: reads its state, asks FSRS
 * for the next one, writes it. Throws `NoteGoneError` when the note was deleted meanwhile
 * (nothing is written). Resolves to the new state.
 */
export function saveAnswer(db: VerbatimDb, noteId: string, answer: ReviewGrade, now: number): Promise<ReviewState> {
  return db.transaction('rw', db.reviews, db.notes, async () => {
    if (!(await db.notes.get(noteId))) throw new NoteGoneError(noteId);
    const next = grade(noteId, await db.reviews.get(noteId), answer, now);
    await db.reviews.put(next);
    return next;
  });
}
