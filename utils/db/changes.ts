import { attributionOf } from '../domain/attribution';
import { restoredNote, sameVersion } from '../domain/history';
import type { Article, ArticleBody, Color, Note, NoteKind, NoteVersion } from '../domain/model';
import { NoteGoneError, VersionGoneError } from '../domain/storage-full';
import { normalizeTag, normalizeTags } from '../domain/tags';
import type { VerbatimDb } from './schema';

/**
 * Change sets: every change the user makes to many records at once (a bulk action on selected
 * notes, a tag renamed, merged or deleted everywhere, an article deleted) runs in one transaction
 * that first reads every row it will touch, and returns with it the way back: an {@link Undo}
 * holding those rows exactly as they were (`updatedAt` included) and the keys of any row it
 * created. `undoChange` applies that in one transaction, so Undo restores exactly the previous
 * state, all or nothing. Rows a change would leave as they are (a note that already has the
 * colour) are neither written nor kept.
 *
 * Every write names its keys (`bulkPut`, `bulkDelete`), never a range: the side panel's live
 * library then re-reads just those keys, and sees a row put back with its older `updatedAt`.
 */

/** What puts the library back as it was before a change. */
export interface Undo {
  /** Rows as they were before the change, to put back (changed or deleted by it). */
  notes: Note[];
  articles: Article[];
  bodies: ArticleBody[];
  /** Keys of rows the change created, to remove. */
  created: { notes: string[]; articles: string[]; bodies: string[] };
  /** The pages (normalised URLs) whose notes the change or its undo touch, before and after: the tabs to redraw. */
  pages: string[];
}

/** A change made: how many records it changed (notes, or notes and articles for a tag), and its undo. */
export interface Change {
  /** Notes changed (or deleted). */
  notes: number;
  /** Articles changed (or deleted). */
  articles: number;
  undo: Undo;
}

const now = () => Date.now();

function changeOf(before: { notes?: Note[]; articles?: Article[]; bodies?: ArticleBody[] }, pages: Iterable<string>): Change {
  const notes = before.notes ?? [];
  const articles = before.articles ?? [];
  return {
    notes: notes.length,
    articles: articles.length,
    undo: { notes, articles, bodies: before.bodies ?? [], created: { notes: [], articles: [], bodies: [] }, pages: [...new Set(pages)] },
  };
}

const found = <T>(rows: Array<T | undefined>): T[] => rows.filter((r): r is T => r !== undefined);

type Edit = (note: Note, t: number, articleOf: (url: string) => Article | undefined) => Note | null;

/**
 * Reads the named notes (and, with `withArticles`, their pages' articles), keeps those `edit`
 * changes (it returns the new record, or null to leave the note as it is), and writes them, all in
 * the caller's transaction. `edit` is synchronous: awaiting anything but Dexie's own promises
 * inside a transaction lets it commit early.
 */
async function editNotes(db: VerbatimDb, ids: readonly string[], edit: Edit, withArticles = false): Promise<Change> {
  const t = now();
  const notes = found(await db.notes.bulkGet([...new Set(ids)]));
  const urls = [...new Set(notes.map((n) => n.url))];
  const pages = new Map((withArticles && urls.length ? await db.articles.where('url').anyOf(urls).toArray() : []).map((a) => [a.url, a]));
  const before: Note[] = [];
  const after: Note[] = [];
  for (const note of notes) {
    const next = edit(note, t, (url) => pages.get(url));
    if (!next) continue;
    before.push(note);
    after.push(next);
  }
  if (after.length) await db.notes.bulkPut(after);
  return changeOf({ notes: before }, [...before, ...after].map((n) => n.url));
}

/** Deletes these notes, all or none. Ids no longer there are skipped. */
export function deleteNotesChange(db: VerbatimDb, ids: readonly string[]): Promise<Change> {
  return db.transaction('rw', db.notes, async () => {
    const notes = found(await db.notes.bulkGet([...new Set(ids)]));
    await db.notes.bulkDelete(notes.map((n) => n.id));
    return changeOf({ notes }, notes.map((n) => n.url));
  });
}

/** Adds a tag to each of these notes (normalised; notes that have it already are left alone). */
export function tagNotesChange(db: VerbatimDb, ids: readonly string[], tag: string): Promise<Change> {
  const clean = normalizeTag(tag);
  if (!clean) return Promise.reject(new Error('A tag cannot be empty'));
  return db.transaction('rw', db.notes, () =>
    editNotes(db, ids, (n, t) => (n.tags.includes(clean) ? null : { ...n, tags: normalizeTags([...n.tags, clean]), updatedAt: t })),
  );
}

/** Removes a tag from each of these notes that has it. */
export function untagNotesChange(db: VerbatimDb, ids: readonly string[], tag: string): Promise<Change> {
  const clean = normalizeTag(tag);
  return db.transaction('rw', db.notes, () =>
    editNotes(db, ids, (n, t) => (n.tags.includes(clean) ? { ...n, tags: n.tags.filter((x) => x !== clean), updatedAt: t } : null)),
  );
}

/** Gives these notes a colour. */
export function recolorNotesChange(db: VerbatimDb, ids: readonly string[], color: Color): Promise<Change> {
  return db.transaction('rw', db.notes, () => editNotes(db, ids, (n, t) => (n.color === color ? null : { ...n, color, updatedAt: t })));
}

/**
 * Makes these notes highlights or quotes. A note becoming a quote gets its attribution from its
 * page's article, as a quote made on the page does (`addNote`), unless it has one already; a
 * highlight keeps the attribution it had, so turning it back into a quote cites it as before.
 */
export function setKindChange(db: VerbatimDb, ids: readonly string[], kind: NoteKind): Promise<Change> {
  return db.transaction('rw', db.notes, db.articles, () =>
    editNotes(
      db,
      ids,
      (n, t, articleOf) => {
        // A page note has no passage: it stays a page note (and nothing turns into one).
        if (n.kind === kind || n.kind === 'page' || kind === 'page') return null;
        const next: Note = { ...n, kind, updatedAt: t };
        const page = kind === 'quote' && !n.attribution ? articleOf(n.url) : undefined;
        if (page) next.attribution = attributionOf(page);
        return next;
      },
      true,
    ),
  );
}

/** Whitespace collapsed, for looking a passage up in a saved copy's text. */
const collapse = (s: string) => s.replace(/\s+/gu, ' ').trim();

/**
 * Moves these notes to another article: they take its URL (a quote its attribution too). Their
 * passage was found on the old page, so its character positions mean nothing on the new one and
 * are dropped; the quote and its context are kept, for the page to look the passage up when it is
 * next opened (`recordAnchoring` then says found or not). When the article has a saved copy, the
 * passage is looked up in it now: a note whose passage is not in it is an orphan there at once;
 * otherwise it is "never looked for" on its new page, which is what it is.
 */
export function moveNotesChange(db: VerbatimDb, ids: readonly string[], articleId: string): Promise<Change> {
  return db.transaction('rw', db.notes, db.articles, db.bodies, async () => {
    const target = await db.articles.get(articleId);
    if (!target) throw new Error(`No article ${articleId}`);
    const body = await db.bodies.get(articleId);
    const text = body?.text ? collapse(body.text) : undefined;
    return editNotes(db, ids, (n, t) => {
      if (n.url === target.url) return null;
      const next: Note = { ...n, url: target.url, selectors: n.selectors.filter((s) => s.type !== 'TextPositionSelector'), updatedAt: t };
      if (next.selectors.length === 0) next.selectors = [{ type: 'TextQuoteSelector', exact: n.exact }];
      if (n.kind === 'quote' || n.attribution) next.attribution = attributionOf(target);
      delete next.orphanedAt;
      if (text !== undefined && !text.includes(collapse(n.exact))) next.orphanedAt = t;
      return next;
    });
  });
}

/** Every note and article carrying `tag`, with `edit` applied to their tags; records left unchanged are skipped. */
async function editTagEverywhere(db: VerbatimDb, tag: string, edit: (tags: string[]) => string[]): Promise<Change> {
  const t = now();
  const [notes, articles] = await Promise.all([db.notes.where('tags').equals(tag).toArray(), db.articles.where('tags').equals(tag).toArray()]);
  const nextNotes = notes.map((n) => ({ ...n, tags: edit(n.tags), updatedAt: t }));
  const nextArticles = articles.map((a) => ({ ...a, tags: edit(a.tags), updatedAt: t }));
  if (nextNotes.length) await db.notes.bulkPut(nextNotes);
  if (nextArticles.length) await db.articles.bulkPut(nextArticles);
  return changeOf({ notes, articles }, []);
}

/**
 * Renames a tag on every note and article, in one transaction; renaming onto a tag that exists
 * merges the two (no record ends up with the tag twice, each keeps the first place either had).
 */
export function renameTagChange(db: VerbatimDb, from: string, to: string): Promise<Change> {
  const source = normalizeTag(from);
  const target = normalizeTag(to);
  if (!source || !target) return Promise.reject(new Error('A tag cannot be empty'));
  if (source === target) return Promise.resolve(changeOf({}, []));
  return db.transaction('rw', db.notes, db.articles, () =>
    editTagEverywhere(db, source, (tags) => normalizeTags(tags.map((x) => (x === source ? target : x)))),
  );
}

/** Removes a tag from every note and article. */
export function deleteTagChange(db: VerbatimDb, tag: string): Promise<Change> {
  const clean = normalizeTag(tag);
  if (!clean) return Promise.reject(new Error('A tag cannot be empty'));
  return db.transaction('rw', db.notes, db.articles, () => editTagEverywhere(db, clean, (tags) => tags.filter((x) => x !== clean)));
}

/**
 * Deletes an article and its saved copy; its notes too with `withNotes`, else they stay in the
 * library under their page's address (a quote keeps its attribution, so it is still cited).
 */
export function deleteArticleChange(db: VerbatimDb, articleId: string, withNotes: boolean): Promise<Change> {
  return db.transaction('rw', db.notes, db.articles, db.bodies, async () => {
    const article = await db.articles.get(articleId);
    if (!article) throw new Error(`No article ${articleId}`);
    const body = await db.bodies.get(articleId);
    const notes = withNotes ? await db.notes.where('url').equals(article.url).toArray() : [];
    await db.notes.bulkDelete(notes.map((n) => n.id));
    await db.bodies.delete(articleId);
    await db.articles.delete(articleId);
    return changeOf({ notes, articles: [article], bodies: body ? [body] : [] }, notes.length ? [article.url] : []);
  });
}

/**
 * Makes a version from a note's history current again (`restoredNote`): the current one goes to
 * the head of the history, so nothing is lost either way, and the undo puts the note back as it
 * was, history included. `version` is the one the user saw: found again by what it holds, not by
 * its place, since a sync may have added a version in front meanwhile; gone, nothing is written
 * (`VersionGoneError`). A version that was a quote gets its attribution from its page's article,
 * as a highlight turned into a quote does, unless the note has one.
 */
export function restoreVersionChange(db: VerbatimDb, noteId: string, version: NoteVersion): Promise<Change> {
  return db.transaction('rw', db.notes, db.articles, async () => {
    const note = await db.notes.get(noteId);
    const stored = note?.history?.find((v) => sameVersion(v, version));
    if (!note) throw new NoteGoneError(noteId);
    if (!stored) throw new VersionGoneError(noteId);
    const next = restoredNote(note, stored, now());
    if (next.kind === 'quote' && !next.attribution) {
      const page = await db.articles.where('url').equals(note.url).first();
      if (page) next.attribution = attributionOf(page);
    }
    await db.notes.put(next);
    return changeOf({ notes: [note] }, [note.url]);
  });
}

/**
 * Puts the library back as it was before a change, in one transaction: rows the change created
 * are removed, rows it changed or deleted are put back exactly as they were. An article deleted,
 * then made again by a note saved on its page meanwhile (a new record, same URL), is replaced by
 * the one put back, which takes the new one's tags too: one article per URL, nothing lost.
 */
export function undoChange(db: VerbatimDb, undo: Undo): Promise<void> {
  return db.transaction('rw', db.notes, db.articles, db.bodies, async () => {
    await Promise.all([
      db.notes.bulkDelete(undo.created.notes),
      db.articles.bulkDelete(undo.created.articles),
      db.bodies.bulkDelete(undo.created.bodies),
    ]);
    const articles: Article[] = [];
    for (const article of undo.articles) {
      const again = await db.articles.where('url').equals(article.url).first();
      if (again && again.id !== article.id) {
        await db.articles.delete(again.id);
        await db.bodies.delete(again.id);
        articles.push({ ...article, tags: normalizeTags([...article.tags, ...again.tags]) });
      } else articles.push(article);
    }
    undo = { ...undo, articles };
    await Promise.all([db.notes.bulkPut(undo.notes), db.articles.bulkPut(undo.articles), db.bodies.bulkPut(undo.bodies)]);
  });
}
