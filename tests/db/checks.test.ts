import { describe, expect, it } from 'vitest';
import { recordChecks } from '../../utils/db/checks';
import { addNote, deleteNote, reattachNote } from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import { flushLog, markSent } from '../../utils/db/tracking';
import type { Note, NoteDraft, PageMeta } from '../../utils/domain/model';
import { dbPerTest } from '../support/db';

let db: VerbatimDb;
dbPerTest((fresh) => (db = fresh));

const page: PageMeta = { url: 'https://blog.example/verite-clients/', title: 'Et si vous disiez la vérité ?', lang: 'fr' };
const draft = (exact: string): NoteDraft => ({ kind: 'quote', color: 'yellow', exact, selectors: [{ type: 'TextQuoteSelector', exact }], note: 'à citer', tags: ['clients'] });

describe('recordChecks', () => {
  it('stores each passage’s check and changes nothing else of its note, not even when it was edited', async () => {
    const a = await addNote(db, page, draft('La confiance met des années à se construire.'));
    const b = await addNote(db, page, draft('Les clients écoutés restent.'));
    const stored = await recordChecks(db, [
      { id: a.id, exact: a.exact, check: { at: 1_000, outcome: 'same' } },
      { id: b.id, exact: b.exact, check: { at: 1_000, outcome: 'reworded', found: 'Les clients écoutés reviennent.' } },
    ]);
    expect(stored.map((n) => n.id)).toEqual([a.id, b.id]);
    expect(await db.notes.get(a.id)).toEqual({ ...a, check: { at: 1_000, outcome: 'same' } });
    expect(await db.notes.get(b.id)).toEqual({ ...b, check: { at: 1_000, outcome: 'reworded', found: 'Les clients écoutés reviennent.' } });
  });

  it('leaves a note deleted or attached to another passage since it was checked', async () => {
    const gone = await addNote(db, page, draft('Un passage supprimé depuis.'));
    const moved = await addNote(db, page, draft('Un passage rattaché ailleurs.'));
    await deleteNote(db, gone.id);
    await reattachNote(db, moved.id, { exact: 'Un autre passage.', selectors: [{ type: 'TextQuoteSelector', exact: 'Un autre passage.' }] });
    const stored = await recordChecks(db, [
      { id: gone.id, exact: gone.exact, check: { at: 1, outcome: 'gone' } },
      { id: moved.id, exact: moved.exact, check: { at: 1, outcome: 'gone' } },
    ]);
    expect(stored).toEqual([]);
    expect(await db.notes.get(gone.id)).toBeUndefined();
    expect(await db.notes.get(moved.id)).not.toHaveProperty('check');
  });

  it('logs the checked notes for sync, so the checks reach the user’s other browsers', async () => {
    const a = await addNote(db, page, draft('La confiance met des années à se construire.'));
    await flushLog(db);
    const before = (await db.sync.get(`note:${a.id}`))!;
    await markSent(db, [{ key: before.key, hlc: before.hlc, rev: '1-a' }]);
    await recordChecks(db, [{ id: a.id, exact: a.exact, check: { at: 2, outcome: 'gone' } }]);
    await flushLog(db);
    const after = (await db.sync.get(`note:${a.id}`))!;
    expect(after.dirty).toBe(after.hlc);
    expect(after.hlc > before.hlc).toBe(true);
  });

  it('writes all or nothing', async () => {
    const a = await addNote(db, page, draft('La confiance met des années à se construire.'));
    const b = await addNote(db, page, draft('Les clients écoutés restent.'));
    // A value IndexedDB cannot store fails the write of the second note: the first is not written either.
    const unstorable = { at: 1, outcome: 'same', found: () => 0 } as unknown as NonNullable<Note['check']>;
    await expect(
      recordChecks(db, [
        { id: a.id, exact: a.exact, check: { at: 1, outcome: 'same' } },
        { id: b.id, exact: b.exact, check: unstorable },
      ]),
    ).rejects.toThrow();
    expect(await db.notes.get(a.id)).not.toHaveProperty('check');
  });
});
