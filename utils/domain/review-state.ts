/**
 * A note's place in the daily review (issue #17): its spaced-repetition state, one row per note
 * in review (the `reviews` table, schema v11, keyed by the note's id, `due` indexed). The
 * scheduler's fields are kept as plain numbers so a row survives a backup or a sync as JSON.
 * Pure types: no database, no browser API.
 */
export interface ReviewState {
  noteId: string;
  /** When the note is next due (ms since the epoch); the review shows the notes due by today. */
  due: number;
  /** The scheduler's card state (FSRS: stability, difficulty, reps, lapses, state, …). */
  card: Record<string, number>;
  /** Last time it was reviewed (ms), absent before its first review. */
  lastReview?: number;
  updatedAt: number;
}
