import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  deleteArticleChange,
  deleteNotesChange,
  deleteTagChange,
  moveNotesChange,
  recolorNotesChange,
  renameTagChange,
  setKindChange,
  tagNotesChange,
  undoChange,
  untagNotesChange,
  type Change,
} from '../../utils/db/changes';
import { addNote } from '../../utils/db/repo';
import { VerbatimDb } from '../../utils/db/schema';
import type { Article, ArticleBody, Note } from '../../utils/domain/model';
import { generateLibrary } from '../support/library';

// Every bulk change on a library of 1,000 notes over 40 articles (20 of them clipped): what it
// changes, that it is one transaction (a failure halfway leaves everything as it was), and that
// its undo puts back every record exactly, updatedAt included.

let db: VerbatimDb;
let notes: Note[];
let articles: Article[];

beforeEach(async () => {
  db = new VerbatimDb(`test-${crypto.randomUUID()}`);
  const lib = generateLibrary({ articles: 40, notes: 1_000, seed: 7, bodies: true });
  // Half the articles were clipped (they have a saved copy), half only annotated.
  articles = lib.articles.map(({ html, text, ...a }, i) => {
    if (i % 2 === 1) {
      const { clippedAt, excerpt, wordCount, readingMinutes, ...light } = a;
      void [html, text, clippedAt, excerpt, wordCount, readingMinutes];
      return light;
    }
    return a;
  });
  notes = lib.notes;
  const bodies: ArticleBody[] = lib.articles.filter((_, i) => i % 2 === 0).map((a) => ({ id: a.id, html: a.html!, text: a.text! }));
  await db.articles.bulkPut(articles);
  await db.bodies.bulkPut(bodies);
  await db.notes.bulkPut(notes);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

/** Every record of every store, by id: what Undo must give back exactly. */
async function snapshot() {
  const byId = <T extends { id: string }>(rows: T[]) => rows.sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    notes: byId(await db.notes.toArray()),
    articles: byId(await db.articles.toArray()),
    bodies: byId(await db.bodies.toArray()),
  };
}

/** Runs a change, checks it with `after`, undoes it and checks every record is back as it was. */
async function changeAndUndo(change: () => Promise<Change>, after: (c: Change) => Promise<void>) {
  const before = await snapshot();
  // Later than every generated record: a change's updatedAt shows.
  vi.spyOn(Date, 'now').mockReturnValue(Date.UTC(2030, 0, 1));
  const done = await change();
  await after(done);
  await undoChange(db, done.undo);
  expect(await snapshot()).toEqual(before);
  return done;
}

/** 400 notes: every other note of the first 800, spread over every article. */
const selected = () => notes.filter((_, i) => i % 2 === 0 && i < 800).map((n) => n.id);

describe('bulk changes on 1,000 notes, each undone exactly', () => {
  it('deletes 400 notes and puts them back', async () => {
    const ids = selected();
    const c = await changeAndUndo(
      () => deleteNotesChange(db, [...ids, 'not-a-note']),
      async () => {
        expect(await db.notes.count()).toBe(600);
        expect(await db.notes.bulkGet(ids)).toEqual(ids.map(() => undefined));
      },
    );
    expect(c.notes).toBe(400);
    expect(c.undo.pages.length).toBe(new Set(notes.filter((n) => ids.includes(n.id)).map((n) => n.url)).size);
  });

  it('tags 400 notes, leaving alone those that have the tag, and untags them', async () => {
    const ids = selected();
    const had = notes.filter((n) => ids.includes(n.id) && n.tags.includes('todo')).length;
    expect(had).toBeGreaterThan(0);
    const c = await changeAndUndo(
      () => tagNotesChange(db, ids, ' TODO '),
      async () => {
        const now = await db.notes.bulkGet(ids);
        expect(now.every((n) => n!.tags.includes('todo'))).toBe(true);
        // The others are untouched.
        expect(await db.notes.where('updatedAt').equals(Date.UTC(2030, 0, 1)).count()).toBe(400 - had);
      },
    );
    expect(c.notes).toBe(400 - had);
    const u = await changeAndUndo(
      () => untagNotesChange(db, ids, 'Todo'),
      async () => {
        expect((await db.notes.bulkGet(ids)).some((n) => n!.tags.includes('todo'))).toBe(false);
        expect(await db.notes.where('tags').equals('todo').count()).toBe(notes.filter((n) => !ids.includes(n.id) && n.tags.includes('todo')).length);
      },
    );
    expect(u.notes).toBe(had);
  });

  it('recolours 400 notes', async () => {
    const ids = selected();
    const c = await changeAndUndo(
      () => recolorNotesChange(db, ids, 'green'),
      async () => expect((await db.notes.bulkGet(ids)).every((n) => n!.color === 'green')).toBe(true),
    );
    expect(c.notes).toBe(notes.filter((n) => ids.includes(n.id) && n.color !== 'green').length);
  });

  it('makes 400 notes quotes, attributed to their article as a quote made on the page is', async () => {
    const ids = selected();
    await changeAndUndo(
      () => setKindChange(db, ids, 'quote'),
      async () => {
        const highlights = new Set(notes.filter((n) => n.kind === 'highlight').map((n) => n.id));
        for (const n of await db.notes.bulkGet(ids)) {
          expect(n!.kind).toBe('quote');
          const a = articles.find((x) => x.url === n!.url)!;
          if (highlights.has(n!.id)) expect(n!.attribution).toEqual({ title: a.title, url: a.url, author: a.byline, siteName: a.siteName });
        }
      },
    );
    // And highlights: a quote turned highlight keeps its attribution, for when it is a quote again.
    await changeAndUndo(
      () => setKindChange(db, ids, 'highlight'),
      async () => expect((await db.notes.bulkGet(ids)).every((n) => n!.kind === 'highlight')).toBe(true),
    );
  });

  it('moves 400 notes to another article: its URL, its attribution, positions dropped, orphans where its saved copy lacks the passage', async () => {
    const ids = selected();
    const target = articles[0]!; // clipped
    const text = (await db.bodies.get(target.id))!.text!;
    // One passage is in the article's saved copy (across a paragraph break).
    const para = text.indexOf('\n\n');
    await db.notes.update(ids[1]!, { exact: text.slice(para - 30, para + 30).replace(/\s+/g, ' ') });
    const elsewhere = ids.filter((id) => notes.find((n) => n.id === id)!.url !== target.url);
    await changeAndUndo(
      () => moveNotesChange(db, ids, target.id),
      async (c) => {
        const moved = await db.notes.bulkGet(elsewhere);
        expect((await db.notes.get(ids[1]!))!.orphanedAt).toBeUndefined();
        expect(moved.filter((n) => n!.orphanedAt !== undefined).length).toBe(elsewhere.length - 1);
        for (const n of moved) {
          expect(n!.url).toBe(target.url);
          expect(n!.selectors.some((s) => s.type === 'TextPositionSelector')).toBe(false);
          const was = notes.find((x) => x.id === n!.id)!;
          expect(n!.selectors).toEqual(was.selectors.filter((s) => s.type === 'TextQuoteSelector'));
          expect(n!.orphanedAt !== undefined).toBe(!text.replace(/\s+/g, ' ').includes(n!.exact));
          if (n!.kind === 'quote') expect(n!.attribution!.title).toBe(target.title);
        }
        // Those already there did not change.
        expect(c.notes).toBe(ids.filter((id) => notes.find((n) => n.id === id)!.url !== target.url).length);
        expect(c.undo.pages).toContain(target.url);
        expect(c.undo.pages.length).toBe(new Set([target.url, ...notes.filter((n) => ids.includes(n.id)).map((n) => n.url)]).size);
      },
    );
    // To an article never clipped: nothing to look the passage up in, so no note is called an orphan.
    await changeAndUndo(
      () => moveNotesChange(db, ids, articles[1]!.id),
      async () => expect((await db.notes.bulkGet(ids)).every((n) => n!.url === articles[1]!.url && n!.orphanedAt === undefined)).toBe(true),
    );
    await expect(moveNotesChange(db, ids, 'no-such-article')).rejects.toThrow(/No article/);
  });

  it('renames a tag on every note and article, merging into one that exists, and back', async () => {
    const onNotes = notes.filter((n) => n.tags.includes('essays')).length;
    const onArticles = articles.filter((a) => a.tags.includes('essays')).length;
    const c = await changeAndUndo(
      () => renameTagChange(db, 'Essays', 'Science'),
      async () => {
        expect(await db.notes.where('tags').equals('essays').count()).toBe(0);
        expect(await db.articles.where('tags').equals('essays').count()).toBe(0);
        // Merged: no note has a tag twice.
        for (const n of await db.notes.where('tags').equals('science').toArray()) expect(new Set(n.tags).size).toBe(n.tags.length);
      },
    );
    expect([c.notes, c.articles]).toEqual([onNotes, onArticles]);
    expect(c.notes + c.articles).toBeGreaterThan(0);
    expect((await renameTagChange(db, 'science', ' Science ')).notes).toBe(0);
    await expect(renameTagChange(db, 'science', '  ')).rejects.toThrow(/empty/);
  });

  it('deletes a tag everywhere, notes and articles, and back', async () => {
    const c = await changeAndUndo(
      () => deleteTagChange(db, 'politique'),
      async () => {
        expect(await db.notes.where('tags').equals('politique').count()).toBe(0);
        expect(await db.articles.where('tags').equals('politique').count()).toBe(0);
      },
    );
    expect(c.notes).toBe(notes.filter((n) => n.tags.includes('politique')).length);
    expect(c.articles).toBe(articles.filter((a) => a.tags.includes('politique')).length);
  });

  it('deletes an article with its notes and its saved copy, and back', async () => {
    const a = articles[2]!;
    const c = await changeAndUndo(
      () => deleteArticleChange(db, a.id, true),
      async () => {
        expect(await db.articles.get(a.id)).toBeUndefined();
        expect(await db.bodies.get(a.id)).toBeUndefined();
        expect(await db.notes.where('url').equals(a.url).count()).toBe(0);
        expect(await db.notes.count()).toBe(975);
      },
    );
    expect([c.notes, c.articles]).toEqual([25, 1]);
  });

  it('deletes an article keeping its notes, and back', async () => {
    const a = articles[3]!;
    await changeAndUndo(
      () => deleteArticleChange(db, a.id, false),
      async (c) => {
        expect(await db.articles.get(a.id)).toBeUndefined();
        expect(await db.notes.where('url').equals(a.url).count()).toBe(25);
        expect(c.undo.pages).toEqual([]);
      },
    );
  });

  it('puts back a deleted article even when a note saved on its page since made a new one', async () => {
    const a = articles[2]!;
    const before = (await snapshot()).articles;
    const c = await deleteArticleChange(db, a.id, false);
    const note = await addNote(db, { url: a.url, title: 'Same page' }, { kind: 'highlight', color: 'blue', exact: 'x', selectors: [{ type: 'TextQuoteSelector', exact: 'x' }] });
    await db.articles.where('url').equals(a.url).modify({ tags: ['nouveau'] });
    await undoChange(db, c.undo);
    const now = (await snapshot()).articles;
    expect(now.length).toBe(before.length);
    expect(now.find((x) => x.url === a.url)).toEqual({ ...a, tags: [...a.tags, 'nouveau'] });
    expect((await db.notes.get(note.id))!.url).toBe(a.url);
  });
});

describe('all or nothing', () => {
  const full = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  // Each change's last write fails: what it wrote before is rolled back with it.
  it.each([
    ['delete', () => vi.spyOn(db.notes, 'bulkDelete'), () => deleteNotesChange(db, selected())],
    ['recolour', () => vi.spyOn(db.notes, 'bulkPut'), () => recolorNotesChange(db, selected(), 'pink')],
    ['move', () => vi.spyOn(db.notes, 'bulkPut'), () => moveNotesChange(db, selected(), articles[0]!.id)],
    ['rename a tag (notes written, then articles fail)', () => vi.spyOn(db.articles, 'bulkPut'), () => renameTagChange(db, articles.find((a) => a.tags.length)!.tags[0]!, 'plus tard')],
    ['delete an article with its notes', () => vi.spyOn(db.articles, 'delete'), () => deleteArticleChange(db, articles[0]!.id, true)],
  ] as const)('%s: a failure in the middle leaves every record as it was', async (_name, spy, change) => {
    const before = await snapshot();
    (spy() as unknown as { mockImplementation(f: () => Promise<never>): void }).mockImplementation(() => Promise.reject(full()));
    await expect(change()).rejects.toThrow(/quota/);
    vi.restoreAllMocks();
    expect(await snapshot()).toEqual(before);
  });

  it('an undo that fails puts nothing back, and can be tried again', async () => {
    const ids = selected();
    const before = await snapshot();
    const c = await deleteNotesChange(db, ids);
    const spy = vi.spyOn(db.notes, 'bulkPut').mockRejectedValueOnce(new Error('database closed'));
    await expect(undoChange(db, c.undo)).rejects.toThrow('database closed');
    expect(await db.notes.count()).toBe(600);
    spy.mockRestore();
    await undoChange(db, c.undo);
    expect(await snapshot()).toEqual(before);
  });
});
