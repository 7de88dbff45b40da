/**
 * Projects and review schedules in the JSON backup (issue #17): a backup restored into another
 * library keeps every board with its order and every schedule; a backup made before projects
 * existed still imports; a file's projects and reviews are checked as a sync checks them, and
 * merge by id, the newer winning.
 */
import { describe, expect, it } from 'vitest';
import { addNote } from '../../utils/db/repo';
import { addProjectText, createProject, getProject, moveProjectItem, removeProjectItem } from '../../utils/db/projects';
import type { VerbatimDb } from '../../utils/db/schema';
import { parseBackup, toBackup } from '../../utils/export/backup';
import { FormatError } from '../../utils/export/format-error';
import { exportToFile, importFileText } from '../../utils/export/jobs';
import type { Project } from '../../utils/domain/project';
import type { ReviewState } from '../../utils/domain/review-state';
import { sampleLibrary } from '../support/library';
import { dbPerTest, newTestDb } from '../support/db';

let db: VerbatimDb;
dbPerTest((fresh) => (db = fresh));

const PAGE = { url: 'https://example.com/confiance', title: 'La confiance' };
const quote = (exact: string) => addNote(db, PAGE, { kind: 'quote', color: 'blue', exact, selectors: [{ type: 'TextQuoteSelector', exact }] }).then((n) => n.id);
const review = (noteId: string): ReviewState => ({ noteId, due: Date.UTC(2027, 0, 3), card: { stability: 12.5, difficulty: 4.2, reps: 3, lapses: 1, state: 2 }, lastReview: Date.UTC(2026, 11, 1), updatedAt: Date.UTC(2026, 11, 1) });
const backupText = async (from: VerbatimDb) => String((await exportToFile(from, 'backup'))!.data);

describe('projects and reviews in the backup', () => {
  it('a backup restored into an empty library keeps every project in its order, and every review schedule', async () => {
    const ids = [await quote('La confiance se gagne en gouttes.'), await quote('Elle se perd en litres.'), await quote('Un client trompé ne revient pas.')];
    const p = await createProject(db, 'Conférence relation client', ids);
    await addProjectText(db, p.id, 'heading', 'Ouverture', 0);
    await addProjectText(db, p.id, 'text', 'Et pourtant\u202f: on recommence.', 2);
    await moveProjectItem(db, p.id, (await getProject(db, p.id))!.items[4]!.id, 1);
    // An item taken off: what a later sync merge must not bring back travels with the board.
    await removeProjectItem(db, p.id, (await getProject(db, p.id))!.items[0]!.id);
    expect((await getProject(db, p.id))!.removed).toHaveLength(1);
    const empty = await createProject(db, 'Article sur la confiance');
    await db.transaction('rw', db.reviews, () => db.reviews.bulkPut(ids.map(review)));

    const other = newTestDb();
    try {
      const outcome = await importFileText(other, 'backup.json', await backupText(db));
      expect(outcome.result.byKind.projects).toEqual({ added: 2, updated: 0, skipped: 0 });
      expect(outcome.result.byKind.reviews).toEqual({ added: 3, updated: 0, skipped: 0 });
      expect(await getProject(other, p.id)).toEqual(await getProject(db, p.id));
      expect(await getProject(other, empty.id)).toEqual(empty);
      expect(await other.reviews.toArray()).toEqual(await db.reviews.toArray());
      // Restoring it again changes nothing.
      const again = await importFileText(other, 'backup.json', await backupText(db));
      expect(again.result.byKind.projects).toEqual({ added: 0, updated: 0, skipped: 2 });
    } finally {
      await other.delete();
    }
  });

  it('a backup made before projects imports, and one without projects is written without the fields', async () => {
    const old = toBackup(sampleLibrary());
    expect(JSON.parse(old)).not.toHaveProperty('projects');
    expect(JSON.parse(old)).not.toHaveProperty('reviews');
    const outcome = await importFileText(db, 'old.json', old);
    expect(outcome.result.byKind.notes.added).toBe(sampleLibrary().notes.length);
    expect(outcome.result.byKind.projects).toEqual({ added: 0, updated: 0, skipped: 0 });
    expect(await db.projects.count()).toBe(0);
  });

  it('a newer project in the file replaces the stored one; an older one leaves it', async () => {
    const id = await quote('Une phrase.');
    const p = await createProject(db, 'Plan', [id]);
    const older: Project = { ...p, name: 'Plan ancien', updatedAt: p.updatedAt - 1_000 };
    const newer: Project = { ...p, name: 'Plan nouveau', items: [], noteIds: [], updatedAt: p.updatedAt + 1_000 };
    const file = (project: Project) => toBackup({ articles: [], notes: [], projects: [project] });
    expect((await importFileText(db, 'b.json', file(older))).result.byKind.projects.skipped).toBe(1);
    expect((await getProject(db, p.id))!.name).toBe('Plan');
    expect((await importFileText(db, 'b.json', file(newer))).result.byKind.projects.updated).toBe(1);
    expect(await getProject(db, p.id)).toEqual(newer);
  });

  it('refuses a forged board: noteIds that are not its note items, an item twice, a project twice, a date in the future', () => {
    const base = { id: 'p1', name: 'P', items: [{ kind: 'note', id: 'i1', noteId: 'n1' }], noteIds: ['n1'], createdAt: 1, updatedAt: 1 };
    const file = (projects: unknown[]) => JSON.stringify({ format: 'verbatim-backup', version: 1, exportedAt: new Date(0).toISOString(), articles: [], notes: [], settings: [], projects });
    expect(parseBackup(file([base])).projects).toEqual([base]);
    const bad: Array<[unknown[], RegExp]> = [
      [[{ ...base, noteIds: ['n2'] }], /noteIds/],
      [[{ ...base, items: [...base.items, { kind: 'heading', id: 'i1', text: 'x' }] }], /item id appears twice/],
      [[base, base], /appears twice/],
      [[{ ...base, updatedAt: Date.now() + 3 * 86_400_000 }], /future/],
      [[{ ...base, items: [{ kind: 'script', id: 'i2', text: '<b>' }], noteIds: [] }], /projects\[0\]\.items\[0\]/],
    ];
    for (const [projects, message] of bad) {
      expect(() => parseBackup(file(projects)), String(message)).toThrow(FormatError);
      // The message names where: `projects[0].items[0]: …`.
      expect(() => parseBackup(file(projects)), String(message)).toThrow(message);
    }
  });

  it('an export of selected notes carries no project', async () => {
    const id = await quote('Seule.');
    await createProject(db, 'P', [id]);
    const file = await exportToFile(db, 'backup', { noteIds: [id] });
    expect(JSON.parse(String(file!.data))).not.toHaveProperty('projects');
  });
});
