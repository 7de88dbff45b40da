import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { addNote, addPageNote, notesForUrl, recordAnchoring, updateNote } from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import type { Note, PageMeta } from '../../utils/domain/model';
import { NoteDraftSchema, NotePatchSchema, NoteSchema } from '../../utils/domain/record-schemas';
import { pageRequests } from '../../utils/messaging/protocol';
import { exportRecords, importRecords } from '../../utils/export/import';
import { parseBackup, toBackup } from '../../utils/export/backup';
import { parseReadwiseCsv, readwiseToRecords, toReadwiseCsv } from '../../utils/export/csv';
import { articleToMarkdown } from '../../utils/export/markdown';
import { toAnnotationCollection } from '../../utils/export/w3c';
import { parseAnnotationCollection } from '../../utils/export/w3c-read';
import { queryNotes } from '../../utils/search/filters';
import { SearchIndex } from '../../utils/search/index';
import { dbPerTest, newTestDb } from '../support/db';

const URL = 'https://blog.example/la-reunion/';
const page: PageMeta = { url: URL, title: 'La réunion' };
const TEXT = 'À relire avant la réunion : pourquoi ça compte';

let db: VerbatimDb;
dbPerTest((fresh) => (db = fresh));

const highlight = (exact: string, start: number) =>
  addNote(db, page, {
    kind: 'highlight',
    color: 'green',
    exact,
    selectors: [
      { type: 'TextQuoteSelector', exact },
      { type: 'TextPositionSelector', start, end: start + exact.length },
    ],
  });

describe('a page note in the repository', () => {
  it('is saved with no passage, makes the page’s article, and comes first among its page’s notes', async () => {
    await highlight('Premier passage', 0);
    const note = await addPageNote(db, page, `  ${TEXT}  `, ['réunion']);
    expect(note).toMatchObject({ kind: 'page', exact: '', selectors: [], note: TEXT, tags: ['réunion'], url: URL });
    expect(await db.articles.where('url').equals(URL).count()).toBe(1);
    expect((await notesForUrl(db, URL)).map((n) => n.kind)).toEqual(['page', 'highlight']);
    expect(v.is(NoteSchema, note)).toBe(true);
  });

  it('needs some text', async () => {
    await expect(addPageNote(db, page, '   ')).rejects.toThrow('A page note needs some text');
    expect(await db.notes.count()).toBe(0);
  });

  it('is edited like any note, but never turned into a passage note', async () => {
    const note = await addPageNote(db, page, TEXT);
    const edited = await updateNote(db, note.id, { note: 'Lu.', tags: ['fait'], kind: 'quote' });
    expect(edited).toMatchObject({ kind: 'page', note: 'Lu.', tags: ['fait'], exact: '', selectors: [] });
  });

  it('is never an orphan, whatever a page reports', async () => {
    const note = await addPageNote(db, page, TEXT);
    const h = await highlight('Premier passage', 0);
    await recordAnchoring(db, URL, [], [note.id, h.id]);
    expect((await db.notes.get(note.id))!.orphanedAt).toBeUndefined();
    expect((await db.notes.get(h.id))!.orphanedAt).toBeDefined();
  });

  it('cannot be made, restored or switched to by a web page’s messages', () => {
    const pageDraft = { kind: 'page', color: 'yellow', exact: '', selectors: [], note: TEXT };
    expect(v.is(NoteDraftSchema, pageDraft)).toBe(false);
    expect(v.is(NotePatchSchema, { kind: 'page' })).toBe(false);
    const stored: Note = { id: 'p1', url: URL, kind: 'page', color: 'yellow', exact: '', selectors: [], note: TEXT, tags: [], createdAt: 1, updatedAt: 1 };
    expect(v.is(NoteSchema, stored)).toBe(true);
    expect(v.is(pageRequests.restoreNote, { url: URL, note: stored })).toBe(false);
  });

  it('is told apart from a broken passage note by the record rules', () => {
    const base: Note = { id: 'p1', url: URL, kind: 'page', color: 'yellow', exact: '', selectors: [], note: TEXT, tags: [], createdAt: 1, updatedAt: 1 };
    const issue = (n: Note) => v.safeParse(NoteSchema, n).issues?.[0]?.message;
    expect(issue(base)).toBeUndefined();
    expect(issue({ ...base, note: ' ' })).toBe('note: a page note needs some text');
    expect(issue({ ...base, exact: 'x' })).toBe('a page note is on the whole page: no passage (exact, selectors)');
    expect(issue({ ...base, orphanedAt: 5 })).toBe('orphanedAt: a page note is never an orphan');
    expect(issue({ ...base, kind: 'highlight' })).toBe('exact: must not be empty (a highlight or quote keeps its passage)');
    expect(issue({ ...base, kind: 'quote', exact: 'x' })).toBe('selectors: a highlight or quote needs at least one');
  });
});

describe('a page note is searched, filtered and exported in every format, and read back', () => {
  const library = async () => {
    await highlight('Premier passage', 10);
    await addPageNote(db, page, TEXT, ['à-lire']);
    return exportRecords(db);
  };

  it('is found by its words and filtered as "page notes"', async () => {
    const { notes, articles } = await library();
    const index = new SearchIndex();
    index.bulkLoad(notes, articles);
    expect(index.search('reunion compte').ids).toEqual([notes.find((n) => n.kind === 'page')!.id]);
    const q = queryNotes(index.records, { kinds: ['page'] });
    expect(q.notes.map((n) => n.note)).toEqual([TEXT]);
    expect(q.facets.kinds).toEqual([
      { value: 'highlight', count: 1 },
      { value: 'quote', count: 0 },
      { value: 'page', count: 1 },
    ]);
    // Listed first for its article.
    expect(queryNotes(index.records, {}, 'article').notes.map((n) => n.kind)).toEqual(['page', 'highlight']);
  });

  it('goes through a JSON backup and its import unchanged', async () => {
    const records = await library();
    const parsed = parseBackup(toBackup(records));
    const other = newTestDb();
    try {
      await importRecords(other, parsed);
      const back = await other.notes.toArray();
      expect(back.find((n) => n.kind === 'page')).toEqual(records.notes.find((n) => n.kind === 'page'));
    } finally {
      await other.delete();
    }
  });

  it('is a W3C annotation whose target has no selector, read back as a page note', async () => {
    const records = await library();
    const collection = toAnnotationCollection(records.articles, records.notes);
    const items = collection.first!.items;
    const annotation = items.find((a) => a['verbatim:kind'] === 'page')!;
    expect(annotation.target).toEqual({ source: URL });
    expect(annotation.motivation).toBe('commenting');
    expect(annotation['verbatim:exact']).toBeUndefined();
    const { notes, rejected } = parseAnnotationCollection(JSON.parse(JSON.stringify(collection)));
    expect(rejected).toEqual([]);
    expect(notes.find((n) => n.kind === 'page')).toMatchObject({ kind: 'page', exact: '', selectors: [], note: TEXT, tags: ['à-lire'], url: URL });
  });

  it('reads another tool’s comment on a whole page (target without selector) as a page note', () => {
    const { notes } = parseAnnotationCollection({ type: 'Annotation', id: 'urn:x', target: URL, body: { type: 'TextualBody', value: 'Worth a second read', purpose: 'commenting' } });
    expect(notes).toMatchObject([{ kind: 'page', exact: '', selectors: [], note: 'Worth a second read' }]);
  });

  it('is a CSV row with an empty Highlight, first for its page, read back as a page note', async () => {
    const records = await library();
    const csv = toReadwiseCsv(records.articles, records.notes);
    const rows = csv.split('\r\n');
    expect(rows[1]).toMatch(/^,La réunion,/);
    expect(rows[1]).toContain('.à-lire À relire avant la réunion');
    const back = readwiseToRecords(parseReadwiseCsv(csv));
    expect(back.notes.map((n) => [n.kind, n.exact, n.selectors.length, n.note, n.tags])).toEqual([
      ['page', '', 0, TEXT, ['à-lire']],
      ['highlight', 'Premier passage', 2, '', []],
    ]);
  });

  it('is a "Page note" paragraph first in its article’s Markdown, not a blockquote', async () => {
    const records = await library();
    const md = articleToMarkdown(records.articles[0]!, records.notes, { pageNoteLabel: 'Note de page' });
    const body = md.slice(md.indexOf('# La réunion'));
    expect(body).toContain(`**Note de page:** ${TEXT}\n\n#à-lire\n\n> Premier passage`);
  });
});
