/**
 * The daily review's schedule (issue #17): FSRS, the Free Spaced Repetition Scheduler, through
 * `ts-fsrs` (open-spaced-repetition, the reference TypeScript implementation). This module only
 * converts between the library's `Card` and the stored `ReviewState` (plain JSON, for backups and
 * sync) and maps the review's buttons to the library's ratings; every interval is the library's.
 * Pure: no database, no browser API.
 */
import { createEmptyCard, fsrs, generatorParameters, Rating, State, type Card, type FSRSParameters, type Grade } from 'ts-fsrs';
import type { ReviewState } from '../domain/review-state';

/**
 * What the user answers about a note: `again` (forgot it), `hard`, `remember` (the usual answer),
 * `easy`. Skipping is no answer: it changes nothing (see ./session.ts).
 */
export const GRADES = ['again', 'hard', 'remember', 'easy'] as const;
export type ReviewGrade = (typeof GRADES)[number];

/** Each answer's FSRS rating. */
export const RATING_OF: Readonly<Record<ReviewGrade, Grade>> = {
  again: Rating.Again,
  hard: Rating.Hard,
  remember: Rating.Good,
  easy: Rating.Easy,
};

/**
 * The review's parameters: FSRS's defaults (its published weights, 90 % retention) with two
 * choices of ours. No short-term learning steps (`enable_short_term: false`): a quote comes back
 * on another day, never ten minutes later, so every interval is whole days (a forgotten quote,
 * tomorrow). At most a year apart: a quote known well still comes back once a year. Fuzz on
 * (the library spreads equal intervals over a few days so notes added together do not all come
 * back together); it is seeded from the card and the review time, so it is reproducible.
 */
export const REVIEW_PARAMETERS: FSRSParameters = generatorParameters({ enable_short_term: false, enable_fuzz: true, maximum_interval: 365 });

/** The numeric fields of an FSRS card kept in `ReviewState.card` (its dates are `due` and `lastReview`). */
const CARD_FIELDS = ['stability', 'difficulty', 'elapsed_days', 'scheduled_days', 'learning_steps', 'reps', 'lapses', 'state'] as const;

const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

/**
 * The library's card for a stored state; a new card (never reviewed) when there is none. A row
 * that came from a file or another device with a field missing or not a number is taken as new
 * rather than fed to the scheduler as NaN.
 */
export function toCard(state: ReviewState | undefined, now: number): Card {
  if (!state || !finite(state.due) || !CARD_FIELDS.every((f) => finite(state.card[f]))) return createEmptyCard(new Date(now));
  const c = state.card;
  const card: Card = {
    due: new Date(state.due),
    stability: c.stability!,
    difficulty: c.difficulty!,
    elapsed_days: c.elapsed_days!,
    scheduled_days: c.scheduled_days!,
    learning_steps: c.learning_steps!,
    reps: c.reps!,
    lapses: c.lapses!,
    state: c.state! as State,
  };
  if (finite(state.lastReview)) card.last_review = new Date(state.lastReview);
  return card;
}

/** The stored state for a card of the library: its numbers in `card`, its dates as ms. */
export function fromCard(noteId: string, card: Card, now: number): ReviewState {
  const fields: Record<string, number> = {};
  for (const f of CARD_FIELDS) fields[f] = card[f];
  const state: ReviewState = { noteId, due: card.due.getTime(), card: fields, updatedAt: now };
  if (card.last_review) state.lastReview = card.last_review.getTime();
  return state;
}

/**
 * A note's next state after the user's answer at `now`: what FSRS's `next()` gives for the
 * answer's rating. `params` are the review's unless a caller (a test) says otherwise.
 */
export function grade(noteId: string, state: ReviewState | undefined, answer: ReviewGrade, now: number, params: FSRSParameters = REVIEW_PARAMETERS): ReviewState {
  const scheduler = fsrs(params);
  const { card } = scheduler.next(toCard(state, now), new Date(now), RATING_OF[answer]);
  return fromCard(noteId, card, now);
}

/** Whether the state is of a note reviewed for the first time at or after `since` (ms): one of the day's new notes. */
export function introducedSince(state: ReviewState, since: number): boolean {
  // Without short-term steps a note is reviewed at most once a day (any answer puts it a day
  // away or more), so a note first reviewed today has exactly one review, today.
  return state.card.reps === 1 && (state.lastReview ?? 0) >= since;
}
