/**
 * Today's review session (issue #17): which notes come back today and in what order, and what
 * the user's answers and skips do to the session. Pure: the repository reads the rows
 * (utils/db/reviews.ts), the side panel shows the cards.
 *
 * - Due notes first, the most overdue first: every note whose next review falls before the end
 *   of the user's local day (utils/domain/local-day.ts), whatever the hour.
 * - Then new notes, never reviewed, oldest first, a few a day: at most `newPerDay` notes are
 *   reviewed for the first time each local day, counting those already begun today.
 * - Quotes and highlights only: a note on the page as a whole has no passage to bring back.
 * - A note deleted since it was scheduled is left out (its row stays, harmless, until it is
 *   restored or forgotten).
 * - Skip changes no schedule. A skipped note goes to the end of the session, once; skipped again,
 *   it leaves the session and, still due, comes back at the next session (a new note skipped is
 *   not counted among the day's new ones).
 */
import type { Note } from '../domain/model';
import type { ReviewState } from '../domain/review-state';
import { endOfLocalDay, localDayOf, startOfLocalDay } from '../domain/local-day';
import type { ReviewGrade } from './schedule';

/** New notes a day unless the user chose another number. */
export const DEFAULT_NEW_PER_DAY = 5;
/** The most new notes a day the setting allows. */
export const MAX_NEW_PER_DAY = 50;

/** Start and (exclusive) end of the local day `now` falls on. */
export function localDayBounds(now: number): { start: number; end: number } {
  const day = localDayOf(now);
  return { start: startOfLocalDay(day)!, end: endOfLocalDay(day)! };
}

/** Whether a note can be reviewed: a passage (quote or highlight), not a page note. */
export const reviewable = (note: Note): boolean => note.kind !== 'page';

/** One card of the session: the note and its state (absent for a new note). */
export interface SessionCard {
  note: Note;
  state?: ReviewState;
  /** How many times it was skipped in this session. */
  skips: number;
}

export interface SessionChoice {
  now: number;
  /** The rows due before the end of today, soonest first (the `due` index). */
  due: readonly ReviewState[];
  /** The notes the due rows name, by id; a deleted note is absent. */
  notes: ReadonlyMap<string, Note>;
  /** Notes never reviewed, oldest first (at least as many as may be added). */
  fresh: readonly Note[];
  /** How many notes were reviewed for the first time today already. */
  introducedToday: number;
  /** The most new notes a day. */
  newPerDay: number;
}

/** The session's cards, in the order they come. */
export function chooseSession({ due, notes, fresh, introducedToday, newPerDay }: SessionChoice): SessionCard[] {
  const cards: SessionCard[] = [];
  const seen = new Set<string>();
  for (const state of due) {
    const note = notes.get(state.noteId);
    if (!note || !reviewable(note) || seen.has(note.id)) continue;
    seen.add(note.id);
    cards.push({ note, state, skips: 0 });
  }
  let room = Math.max(0, Math.min(newPerDay, MAX_NEW_PER_DAY) - introducedToday);
  for (const note of fresh) {
    if (room <= 0) break;
    if (!reviewable(note) || seen.has(note.id)) continue;
    seen.add(note.id);
    cards.push({ note, skips: 0 });
    room--;
  }
  return cards;
}

/** What was done in a session, for its summary. */
export type SessionTally = Record<ReviewGrade | 'skipped', number>;
export const emptyTally = (): SessionTally => ({ again: 0, hard: 0, remember: 0, easy: 0, skipped: 0 });

/** A session under way: the cards still to come (the first is shown), how many there were, what was answered. */
export interface Session {
  queue: readonly SessionCard[];
  total: number;
  tally: SessionTally;
}

export const startSession = (cards: readonly SessionCard[]): Session => ({ queue: cards, total: cards.length, tally: emptyTally() });

/** The number of the card shown (1-based), counting the cards already answered or left. */
export const positionOf = (s: Session): number => s.total - s.queue.length + 1;

/** The session once the shown card is answered: it leaves the session. */
export function answered(s: Session, answer: ReviewGrade): Session {
  return { ...s, queue: s.queue.slice(1), tally: { ...s.tally, [answer]: s.tally[answer] + 1 } };
}

/** The session once the shown card is skipped: to the end once, then out of the session. */
export function skipped(s: Session): Session {
  const [card, ...rest] = s.queue;
  if (!card) return s;
  if (card.skips === 0 && rest.length > 0) return { ...s, queue: [...rest, { ...card, skips: 1 }] };
  return { ...s, queue: rest, tally: { ...s.tally, skipped: s.tally.skipped + 1 } };
}

/** The session once a card's note is gone (deleted meanwhile): it leaves without a count. */
export function dropped(s: Session, noteId: string): Session {
  return { ...s, queue: s.queue.filter((c) => c.note.id !== noteId), total: s.total - (s.queue.some((c) => c.note.id === noteId) ? 1 : 0) };
}
