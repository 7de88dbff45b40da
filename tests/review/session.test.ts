process.env.TZ = 'Europe/Paris';

import { describe, expect, it } from 'vitest';
import type { Note } from '../../utils/domain/model';
import type { ReviewState } from '../../utils/domain/review-state';
import { answered, chooseSession, dropped, localDayBounds, positionOf, skipped, startSession, type SessionChoice } from '../../utils/review/session';
import { nextReminderAt, isTimeOfDay } from '../../utils/review/reminder';
import { passage } from '../support/library';

const NOW = new Date(2026, 2, 10, 8, 0).getTime(); // 10 March 2026, 08:00 in Paris
const row = (note: Note, due: number): ReviewState => ({ noteId: note.id, due, card: { reps: 2 }, updatedAt: 0 });
const choice = (over: Partial<SessionChoice>): SessionChoice => ({ now: NOW, due: [], notes: new Map(), fresh: [], introducedToday: 0, newPerDay: 5, ...over });
const byId = (...notes: Note[]) => new Map(notes.map((n) => [n.id, n]));
const ids = (cards: readonly { note: Note }[]) => cards.map((c) => c.note.id);

describe('choosing today\u2019s notes', () => {
  it('due notes first, soonest first, then new ones oldest first up to the day\u2019s limit', () => {
    const [a, b, c, d, e, f] = [1, 2, 3, 4, 5, 6].map((i) => passage(i));
    const cards = chooseSession(choice({ due: [row(b!, NOW - 5), row(a!, NOW + 3_600_000)], notes: byId(a!, b!), fresh: [c!, d!, e!, f!], newPerDay: 3 }));
    expect(ids(cards)).toEqual(['n0002', 'n0001', 'n0003', 'n0004', 'n0005']);
    expect(cards[0]!.state?.noteId).toBe('n0002');
    expect(cards[2]!.state).toBeUndefined();
  });

  it('counts the new notes already begun today against the limit', () => {
    const fresh = [1, 2, 3, 4].map((i) => passage(i));
    expect(ids(chooseSession(choice({ fresh, newPerDay: 3, introducedToday: 2 })))).toEqual(['n0001']);
    expect(chooseSession(choice({ fresh, newPerDay: 3, introducedToday: 5 }))).toEqual([]);
    expect(chooseSession(choice({ fresh, newPerDay: 0 }))).toEqual([]);
  });

  it('leaves out a due note deleted meanwhile, and page notes', () => {
    const kept = passage(1);
    const gone = passage(2);
    const page = passage(3, { kind: 'page', exact: '', selectors: [] });
    const cards = chooseSession(choice({ due: [row(gone, NOW - 1), row(kept, NOW - 1), row(page, NOW - 1)], notes: byId(kept, page), fresh: [passage(4, { kind: 'page' }), passage(5, { kind: 'quote' })] }));
    expect(ids(cards)).toEqual(['n0001', 'n0005']);
  });

  it('takes the user\u2019s local day: 00:00 to 24:00 in Paris, 23 hours on the spring change', () => {
    expect(localDayBounds(NOW)).toEqual({ start: new Date(2026, 2, 10).getTime(), end: new Date(2026, 2, 11).getTime() });
    const spring = localDayBounds(new Date(2026, 2, 29, 12).getTime());
    expect(spring.end - spring.start).toBe(23 * 3_600_000);
  });
});

describe('a session under way', () => {
  const cards = [1, 2, 3].map((i) => ({ note: passage(i), skips: 0 }));

  it('counts the cards: 1 of 3, then 2 of 3 after an answer, and tallies the answers', () => {
    let s = startSession(cards);
    expect([positionOf(s), s.total]).toEqual([1, 3]);
    s = answered(s, 'remember');
    expect([positionOf(s), s.total, s.queue[0]!.note.id]).toEqual([2, 3, 'n0002']);
    s = answered(answered(s, 'again'), 'easy');
    expect(s.queue).toEqual([]);
    expect(s.tally).toEqual({ again: 1, hard: 0, remember: 1, easy: 1, skipped: 0 });
  });

  it('a skipped card comes back once at the end; skipped again, it leaves the session (still due)', () => {
    let s = skipped(startSession(cards));
    expect(ids(s.queue)).toEqual(['n0002', 'n0003', 'n0001']);
    s = answered(answered(s, 'remember'), 'remember');
    expect(ids(s.queue)).toEqual(['n0001']);
    s = skipped(s);
    expect(s.queue).toEqual([]);
    expect(s.tally.skipped).toBe(1);
  });

  it('a card whose note was deleted leaves the session uncounted', () => {
    const s = dropped(answered(startSession(cards), 'remember'), 'n0003');
    expect([positionOf(s), s.total, ids(s.queue)]).toEqual([2, 2, ['n0002']]);
  });
});

describe('the reminder time', () => {
  it('is the next time the local clock shows it', () => {
    expect(nextReminderAt('09:30', NOW)).toBe(new Date(2026, 2, 10, 9, 30).getTime());
    expect(nextReminderAt('08:00', NOW)).toBe(new Date(2026, 2, 11, 8, 0).getTime());
    expect(nextReminderAt('07:00', NOW)).toBe(new Date(2026, 2, 11, 7, 0).getTime());
  });

  it('stays at the same local time across the daylight-saving change (23-hour day)', () => {
    const saturday = new Date(2026, 2, 28, 10).getTime();
    const next = nextReminderAt('09:00', saturday);
    expect(next - saturday).toBe(22 * 3_600_000);
    expect(new Date(next).getHours()).toBe(9);
  });

  it('accepts HH:MM only', () => {
    expect(['09:00', '23:59', '00:00'].every(isTimeOfDay)).toBe(true);
    expect(['9:00', '24:00', '12:60', '', 'x', 900].some(isTimeOfDay)).toBe(false);
  });
});
