process.env.TZ = 'Europe/Paris';

import { describe, expect, it } from 'vitest';
import type { VerbatimDb } from '../../utils/db/schema';
import { readSession, reviewOf, saveAnswer } from '../../utils/db/reviews';
import { NoteGoneError } from '../../utils/domain/storage-full';
import { grade } from '../../utils/review/schedule';
import { dbPerTest } from '../support/db';
import { passage } from '../support/library';

const DAY = 86_400_000;
const NOW = new Date(2026, 0, 5, 9, 0).getTime();
let db: VerbatimDb;
dbPerTest((fresh) => (db = fresh));

describe('the review\u2019s rows', () => {
  it('stores an answer as the schedule gives it, and the next answer starts from it', async () => {
    await db.notes.bulkPut([passage(1), passage(2)]);
    const first = await saveAnswer(db, 'n0001', 'remember', NOW);
    expect(first).toEqual(grade('n0001', undefined, 'remember', NOW));
    expect(await reviewOf(db, 'n0001')).toEqual(first);
    const second = await saveAnswer(db, 'n0001', 'easy', first.due);
    expect(second).toEqual(grade('n0001', first, 'easy', first.due));
    expect(second.card.reps).toBe(2);
  });

  it('refuses an answer about a note deleted meanwhile and writes nothing', async () => {
    await expect(saveAnswer(db, 'gone', 'remember', NOW)).rejects.toBeInstanceOf(NoteGoneError);
    expect(await db.reviews.count()).toBe(0);
  });

  it('opens today\u2019s session: due notes, then the new ones the day still allows, and the next due date after today', async () => {
    await db.notes.bulkPut([1, 2, 3, 4, 5, 6].map((i) => passage(i)).concat(passage(7, { kind: 'page', exact: '', selectors: [] })));
    // Yesterday: n0001 forgotten (due today), n0002 remembered (due in three days).
    await saveAnswer(db, 'n0001', 'again', NOW - DAY);
    await saveAnswer(db, 'n0002', 'remember', NOW - DAY);
    // This morning: n0003 begun (one of today's new notes).
    await saveAnswer(db, 'n0003', 'remember', NOW - 3_600_000);
    const read = await readSession(db, NOW, 3);
    expect(read.cards.map((c) => c.note.id)).toEqual(['n0001', 'n0004', 'n0005']);
    expect(read.nextDue).toBe(Math.min((await reviewOf(db, 'n0002'))!.due, (await reviewOf(db, 'n0003'))!.due));
    expect(read.anyReviewable).toBe(true);
  });

  it('says when nothing is due and no note can be reviewed', async () => {
    expect(await readSession(db, NOW, 5)).toEqual({ cards: [], anyReviewable: false });
    await db.notes.put(passage(7, { kind: 'page', exact: '', selectors: [] }));
    expect((await readSession(db, NOW, 5)).anyReviewable).toBe(false);
  });

  it('skips a due note that was deleted since', async () => {
    await db.notes.bulkPut([passage(1), passage(2)]);
    await saveAnswer(db, 'n0001', 'again', NOW - DAY);
    await saveAnswer(db, 'n0002', 'again', NOW - DAY);
    await db.notes.delete('n0001');
    expect((await readSession(db, NOW, 0)).cards.map((c) => c.note.id)).toEqual(['n0002']);
  });
});
