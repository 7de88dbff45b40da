import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { restoreVersionChange, undoChange } from '../../utils/db/changes';
import { VerbatimDb } from '../../utils/db/schema';
import { HISTORY_LIMIT, versionOf, withVersion } from '../../utils/domain/history';
import type { Note, NoteVersion } from '../../utils/domain/model';
import { passage, UN_ARTICLE } from '../support/library';

// Restoring a version from a note's history (issue #15): the version becomes current, the current
// one joins the history so nothing is lost, one transaction, and Undo puts the note back exactly.

let db: VerbatimDb;
beforeEach(() => {
  db = new VerbatimDb(`test-${crypto.randomUUID()}`);
});
afterEach(() => db.delete());

/** What another browser wrote, replaced at `at` by a later edit. */
const theirs = (note: string, at: number, extra: Partial<NoteVersion> = {}): NoteVersion => ({
  note,
  tags: ['ailleurs'],
  color: 'green',
  kind: 'highlight',
  updatedAt: at - 500,
  replacedAt: at,
  reason: 'sync',
  ...extra,
});

const withHistory = (): Note =>
  passage(1, {
    id: 'n1',
    note: 'Mon texte, écrit ici',
    tags: ['ici'],
    updatedAt: 50_000,
    history: [theirs('Le texte de l’autre navigateur', 40_000), theirs('Une version plus ancienne', 30_000, { color: 'yellow', tags: [] })],
  });

describe('restoring a version of a note', () => {
  it('makes it current and keeps the replaced one first in the history; Undo puts the note back exactly', async () => {
    const before = withHistory();
    await db.notes.put(before);
    const change = await restoreVersionChange(db, 'n1', before.history![0]!);
    expect(change.notes).toBe(1);
    const after = (await db.notes.get('n1'))!;
    expect(after).toMatchObject({ note: 'Le texte de l’autre navigateur', tags: ['ailleurs'], color: 'green', kind: 'highlight', exact: before.exact });
    expect(after.updatedAt).toBeGreaterThan(before.updatedAt);
    // Nothing lost: the text that was current is now the first earlier version, the other stays.
    expect(after.history!.map((v) => [v.note, v.reason])).toEqual([
      ['Mon texte, écrit ici', 'restore'],
      ['Une version plus ancienne', 'sync'],
    ]);
    expect(after.history![0]).toMatchObject({ tags: ['ici'], color: 'yellow', updatedAt: 50_000, replacedAt: after.updatedAt });

    await undoChange(db, change.undo);
    expect(await db.notes.get('n1')).toEqual(before);
  });

  it('finds the version by what it holds when a sync put another one in front meanwhile', async () => {
    const shown = withHistory();
    await db.notes.put({ ...shown, history: [theirs('Arrivé pendant que le panneau était ouvert', 45_000), ...shown.history!] });
    await restoreVersionChange(db, 'n1', shown.history![1]!);
    const after = (await db.notes.get('n1'))!;
    expect(after.note).toBe('Une version plus ancienne');
    expect(after.history!.map((v) => v.note)).toEqual(['Mon texte, écrit ici', 'Arrivé pendant que le panneau était ouvert', 'Le texte de l’autre navigateur']);
  });

  it('writes nothing when the version is gone from the history, or the note is gone', async () => {
    const note = withHistory();
    await db.notes.put({ ...note, history: note.history!.slice(1) });
    await expect(restoreVersionChange(db, 'n1', note.history![0]!)).rejects.toMatchObject({ name: 'VersionGoneError' });
    expect((await db.notes.get('n1'))!.note).toBe('Mon texte, écrit ici');
    await expect(restoreVersionChange(db, 'nope', note.history![0]!)).rejects.toMatchObject({ name: 'NoteGoneError' });
  });

  it('gives a version that was a quote its attribution from the article', async () => {
    await db.articles.put({ ...UN_ARTICLE, byline: 'Camille Dupont' });
    await db.notes.put(passage(1, { id: 'n1', history: [theirs('cité', 40_000, { kind: 'quote' })] }));
    await restoreVersionChange(db, 'n1', theirs('cité', 40_000, { kind: 'quote' }));
    expect((await db.notes.get('n1'))!).toMatchObject({ kind: 'quote', attribution: { author: 'Camille Dupont', title: 'Un article' } });
  });

  it('keeps a page note a page note', async () => {
    await db.notes.put(passage(1, { id: 'n1', kind: 'page', note: 'Sur la page', history: [theirs('Avant', 40_000, { kind: 'highlight' })] }));
    await restoreVersionChange(db, 'n1', theirs('Avant', 40_000, { kind: 'highlight' }));
    expect((await db.notes.get('n1'))!).toMatchObject({ kind: 'page', note: 'Avant' });
  });
});

describe('a history', () => {
  it('keeps the newest versions first, at most the limit', () => {
    let history: NoteVersion[] | undefined;
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) history = withVersion(history, versionOf(passage(i, { note: `v${i}` }), i, 'sync'));
    expect(history).toHaveLength(HISTORY_LIMIT);
    expect(history![0]!.note).toBe(`v${HISTORY_LIMIT + 4}`);
    expect(history!.at(-1)!.note).toBe('v5');
  });
});
