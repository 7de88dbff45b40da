// The review's days are the user's local days: pinned to Paris (UTC+1 in winter) before any date is made.
process.env.TZ = 'Europe/Paris';

import { createEmptyCard, fsrs, Rating, State, type FSRSParameters } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { fromCard, grade, GRADES, introducedSince, RATING_OF, REVIEW_PARAMETERS, toCard, type ReviewGrade } from '../../utils/review/schedule';
import type { ReviewState } from '../../utils/domain/review-state';

const DAY = 86_400_000;
const NOW = new Date(2026, 0, 5, 9, 0).getTime(); // Monday 5 January 2026, 09:00 in Paris
/** The review's parameters with the library's fuzz off: intervals are exactly FSRS's. */
const EXACT: FSRSParameters = { ...REVIEW_PARAMETERS, enable_fuzz: false };

/** Days from `from` to a state's due date. */
const daysTo = (s: ReviewState, from: number) => (s.due - from) / DAY;

describe('answers and FSRS ratings', () => {
  it('maps each answer to its rating: again → Again, hard → Hard, remember → Good, easy → Easy', () => {
    expect(RATING_OF).toEqual({ again: Rating.Again, hard: Rating.Hard, remember: Rating.Good, easy: Rating.Easy });
  });

  // The library's own answer for the same card, time and parameters: what `repeat()` previews.
  it.each(GRADES)('a new note answered %s is due when ts-fsrs repeat() says, with fuzz off', (answer) => {
    const expected = fsrs(EXACT).repeat(createEmptyCard(new Date(NOW)), new Date(NOW))[RATING_OF[answer]].card;
    const state = grade('n1', undefined, answer, NOW, EXACT);
    expect(state.due).toBe(expected.due.getTime());
    expect(state.card.stability).toBe(expected.stability);
    expect(state.card.difficulty).toBe(expected.difficulty);
    expect(state.lastReview).toBe(NOW);
  });

  // FSRS-6's default weights: a new card's first stability is w0…w3 (0.212, 1.2931, 2.3065,
  // 8.2956 days), and at 90 % retention the interval is the stability, rounded, at least a day.
  // Written out so a swapped rating (Good for Easy, Again for Hard) fails here.
  it.each<[ReviewGrade, number]>([
    ['again', 1],
    ['hard', 2],
    ['remember', 3],
    ['easy', 8],
  ])('a new note answered %s comes back in %i day(s), whole days (no short-term steps)', (answer, days) => {
    expect(daysTo(grade('n1', undefined, answer, NOW, EXACT), NOW)).toBe(days);
  });

  it('with the review\u2019s own parameters (fuzz on) each answer still gives exactly the library\u2019s next()', () => {
    let state: ReviewState | undefined;
    let card = createEmptyCard(new Date(NOW));
    let t = NOW;
    const scheduler = fsrs(REVIEW_PARAMETERS);
    for (const answer of ['remember', 'remember', 'again', 'easy', 'hard', 'remember'] as const) {
      state = grade('n1', state, answer, t, REVIEW_PARAMETERS);
      card = scheduler.next(card, new Date(t), RATING_OF[answer]).card;
      expect(state.due).toBe(card.due.getTime());
      expect(state.card.reps).toBe(card.reps);
      t = state.due;
    }
  });

  it('a note remembered on each due day comes back further and further apart, as FSRS specifies', () => {
    const scheduler = fsrs(EXACT);
    let state: ReviewState | undefined;
    let card = createEmptyCard(new Date(NOW));
    let t = NOW;
    const intervals: number[] = [];
    for (let i = 0; i < 6; i++) {
      state = grade('n1', state, 'remember', t, EXACT);
      card = scheduler.next(card, new Date(t), Rating.Good).card;
      intervals.push(daysTo(state, t));
      expect(intervals.at(-1)).toBe(card.scheduled_days);
      t = state.due;
    }
    // 3, 14, 57, 196, then the review's one-year ceiling (365 days for Hard; FSRS keeps Good a
    // day beyond Hard).
    expect(intervals).toEqual([3, 14, 57, 196, 366, 366]);
    for (let i = 1; i < 4; i++) expect(intervals[i]!).toBeGreaterThan(intervals[i - 1]!);
  });

  it('forgetting a known note (again) brings it back within days, as the library says, and counts a lapse', () => {
    let state = grade('n1', undefined, 'remember', NOW, EXACT);
    state = grade('n1', state, 'remember', state.due, EXACT);
    const known = state;
    const expected = fsrs(EXACT).repeat(toCard(known, known.due), new Date(known.due))[Rating.Again].card;
    state = grade('n1', state, 'again', known.due, EXACT);
    expect(state.due).toBe(expected.due.getTime());
    expect(daysTo(state, known.due)).toBe(2);
    expect(daysTo(state, known.due)).toBeLessThan(known.card.scheduled_days!);
    expect(state.card.lapses).toBe(1);
    expect(state.card.stability).toBeLessThan(known.card.stability!);
  });
});

describe('stored state ↔ library card', () => {
  it('round-trips: the stored JSON gives back the very card the library made', () => {
    const card = fsrs(EXACT).next(createEmptyCard(new Date(NOW)), new Date(NOW), Rating.Good).card;
    const state = fromCard('n1', card, NOW);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    expect(toCard(state, NOW + DAY)).toEqual(card);
  });

  it('a row with a field missing or not a number (from a file, another device) is taken as a new note', () => {
    const state = fromCard('n1', fsrs(EXACT).next(createEmptyCard(new Date(NOW)), new Date(NOW), Rating.Good).card, NOW);
    const { stability: _, ...rest } = state.card;
    expect(toCard({ ...state, card: rest }, NOW + DAY).state).toBe(State.New);
    expect(toCard({ ...state, card: { ...state.card, reps: Number.NaN } }, NOW + DAY).reps).toBe(0);
  });

  it('a note begun today is one of the day\u2019s new notes; one begun yesterday is not', () => {
    const today = grade('n1', undefined, 'remember', NOW, EXACT);
    expect(introducedSince(today, new Date(2026, 0, 5).getTime())).toBe(true);
    expect(introducedSince(today, new Date(2026, 0, 6).getTime())).toBe(false);
    expect(introducedSince(grade('n1', today, 'remember', today.due, EXACT), new Date(2026, 0, 8).getTime())).toBe(false);
  });
});
