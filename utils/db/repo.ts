import { attributionOf } from '../domain/attribution';
import type { Article, ArticleBody, ArticleDraft, Color, LeftOutImage, Note, NoteDraft, NotePatch, PageMeta, SavedImage, Selector, Settings, TagCount } from '../domain/model';
import { inReadingOrder } from '../domain/notes';
import { cleanSpeaker, withSpeaker } from '../domain/speaker';
import { normalizeUrl } from '../extract/url';
import { normalizeTag, normalizeTags, rankTags } from '../domain/tags';
import * as v from 'valibot';
import { NoteSchema } from '../domain/record-schemas';
import { sameJson } from '../domain/same-json';
import { NoteConflictError, NoteGoneError } from '../domain/storage-full';
import { mergeAliases } from './aliases';
import type { VerbatimDb } from './schema';

/**
 * Repository functions: every read and write of Verbatim's data goes through here. Each takes
 * the db, so tests give every case a fresh database. Multi-step writes run in one transaction.
 */

const now = () => Date.now();
const uuid = () => crypto.randomUUID();

/**
 * Fields of page metadata worth keeping, without undefined keys (Dexie stores them as-is), under
 * the page's normalised URL: whatever a caller passes, no fragment or tracking parameter becomes
 * a key.
 */
function metaFields(meta: PageMeta): PageMeta {
  const out: PageMeta = { url: normalizeUrl(meta.url), title: meta.title };
  if (meta.canonicalUrl) out.canonicalUrl = meta.canonicalUrl;
  // The other addresses the page declares (at most three: canonical, og:url, AMP), as keys.
  const aliases = [...new Set((meta.aliases ?? []).slice(0, 3).map(normalizeUrl))].filter((a) => a !== out.url);
  if (aliases.length) out.aliases = aliases;
  if (meta.byline) out.byline = meta.byline;
  if (meta.siteName) out.siteName = meta.siteName;
  if (meta.publishedTime) out.publishedTime = meta.publishedTime;
  if (meta.lang) out.lang = meta.lang;
  return out;
}

/** The article for a normalised URL, if the page was clipped or annotated. */
export const articleByUrl = (db: VerbatimDb, url: string) => db.articles.where('url').equals(url).first();

/**
 * Saves a clipped article: creates it, or updates the page's existing record (a page first
 * annotated and clipped later keeps its id and creation time), and its body (html and text,
 * replacing an earlier clip's), in one transaction. Returns the stored article. `images` are the
 * article's images saved with its copy, and those left out (the reader says so in their place).
 */
export function saveClip(db: VerbatimDb, draft: ArticleDraft, images?: { saved: SavedImage[]; leftOut: LeftOutImage[] }): Promise<Article> {
  const meta = metaFields(draft);
  return db.transaction('rw', db.articles, db.bodies, async () => {
    const existing = await articleByUrl(db, meta.url);
    const t = now();
    const aliases = existing ? mergeAliases(existing, meta.aliases) : meta.aliases;
    const article: Article = {
      ...meta,
      ...(aliases ? { aliases } : {}),
      id: existing?.id ?? uuid(),
      wordCount: draft.wordCount,
      readingMinutes: draft.readingMinutes,
      clippedAt: t,
      tags: existing?.tags ?? [],
      createdAt: existing?.createdAt ?? t,
      updatedAt: t,
    };
    if (draft.excerpt) article.excerpt = draft.excerpt;
    const body: ArticleBody = { id: article.id, html: draft.html, text: draft.text };
    if (images?.saved.length) body.images = images.saved;
    if (images?.leftOut.length) body.imagesLeftOut = images.leftOut;
    await db.bodies.put(body);
    await db.articles.put(article);
    return article;
  });
}

/** A clipped article's saved copy (html and text), by the article's id; undefined if never clipped. */
export const articleBody = (db: VerbatimDb, articleId: string): Promise<ArticleBody | undefined> => db.bodies.get(articleId);

/** The bodies of these articles, in the same order (undefined where an article has none). */
export const articleBodies = (db: VerbatimDb, articleIds: readonly string[]): Promise<Array<ArticleBody | undefined>> =>
  db.bodies.bulkGet([...articleIds]);

/** An article by its id. */
export const articleById = (db: VerbatimDb, articleId: string): Promise<Article | undefined> => db.articles.get(articleId);

/** The newest `limit` articles (by when they were first saved), newest first. */
export const newestArticles = (db: VerbatimDb, limit: number): Promise<Article[]> => db.articles.orderBy('createdAt').reverse().limit(limit).toArray();

/** Every article record (no text: that is in `bodies`), for a list to pick one from. */
export const allArticles = (db: VerbatimDb): Promise<Article[]> => db.articles.toArray();

/** A clipped article's saved copy as the reader shows it. */
export interface SavedCopy {
  article: Article;
  html: string;
  /** The images saved with it; none when image saving was off, or for a copy from before it. */
  images: SavedImage[];
  imagesLeftOut: LeftOutImage[];
}

/**
 * A clipped article with its saved copy's HTML and images, read together (a re-clip shows its new
 * copy with its new title); null when there is no such article, or no saved copy.
 */
export function savedCopy(db: VerbatimDb, articleId: string): Promise<SavedCopy | null> {
  return db.transaction('r', db.articles, db.bodies, async () => {
    const [article, body] = await Promise.all([db.articles.get(articleId), db.bodies.get(articleId)]);
    return article && body?.html ? { article, html: body.html, images: body.images ?? [], imagesLeftOut: body.imagesLeftOut ?? [] } : null;
  });
}

/** How many notes there are. IndexedDB counts by walking every key: a fifth of a second on 50,000 notes. */
export const noteCount = (db: VerbatimDb): Promise<number> => db.notes.count();

/** The oldest note (by creation), if there is any. */
export const oldestNote = (db: VerbatimDb): Promise<Note | undefined> => db.notes.orderBy('createdAt').first();

/**
 * Makes sure an annotated page has an article record (light metadata only, no Readability), so
 * highlights on pages never clipped still show their source. Leaves a clipped article as it is.
 */
async function ensurePage(db: VerbatimDb, meta: PageMeta, t: number): Promise<Article> {
  const existing = await articleByUrl(db, meta.url);
  if (existing) {
    // A page that declares an address it did not before (an AMP version added): notes follow there too.
    const aliases = mergeAliases(existing, meta.aliases);
    return aliases === existing.aliases ? existing : { ...existing, aliases };
  }
  const article: Article = { ...meta, id: uuid(), tags: [], createdAt: t, updatedAt: t };
  await db.articles.add(article);
  return article;
}

/** Saves a highlight or quote made on a page; a quote keeps its attribution and the speaker proposed for it. */
export function addNote(db: VerbatimDb, pageMeta: PageMeta, draft: NoteDraft): Promise<Note> {
  const meta = metaFields(pageMeta);
  return db.transaction('rw', db.articles, db.notes, async () => {
    const t = now();
    const page = await ensurePage(db, meta, t);
    const note: Note = {
      id: uuid(),
      url: meta.url,
      kind: draft.kind,
      color: draft.color,
      exact: draft.exact,
      selectors: draft.selectors,
      note: draft.note ?? '',
      tags: normalizeTags(draft.tags ?? []),
      createdAt: t,
      updatedAt: t,
    };
    if (draft.kind === 'quote') {
      note.attribution = attributionOf(page);
      // The speaker proposed from the text around the passage (utils/quotes/speaker.ts), marked as
      // a proposal until the user accepts, changes or clears it; a highlight has none.
      const speaker = draft.speaker === undefined ? undefined : cleanSpeaker(draft.speaker);
      if (speaker) {
        note.speaker = speaker;
        if (draft.speakerProposed) note.speakerProposed = true;
      }
    }
    await db.notes.add(note);
    await db.articles.update(page.id, page.aliases ? { aliases: page.aliases, updatedAt: t } : { updatedAt: t });
    return note;
  });
}

/**
 * Saves a note on the page as a whole (what the reader writes about the article: no passage, so
 * `exact` is empty and there are no selectors), with the page's article made if it has none.
 * Rejects a note without text: a page note is its text.
 */
export function addPageNote(db: VerbatimDb, pageMeta: PageMeta, text: string, tags: readonly string[] = []): Promise<Note> {
  const note = text.trim();
  if (!note) return Promise.reject(new Error('A page note needs some text'));
  return addNote(db, pageMeta, { kind: 'page', color: 'yellow', exact: '', selectors: [], note, tags: [...tags] });
}

/**
 * Whether the page at `url` (normalised) has any note, its own or one of an article that lists
 * `url` among its other addresses (utils/db/aliases.ts). Made on every navigation: a page without
 * notes costs two indexed lookups that find nothing.
 */
export async function pageHasNotes(db: VerbatimDb, url: string): Promise<boolean> {
  if ((await db.notes.where('url').equals(url).first()) !== undefined) return true;
  const articles = await db.articles.where('aliases').equals(url).toArray();
  if (articles.length === 0) return false;
  return (await db.notes.where('url').anyOf(articles.map((a) => a.url)).first()) !== undefined;
}

/** A page's notes in reading order. */
export async function notesForUrl(db: VerbatimDb, url: string): Promise<Note[]> {
  return inReadingOrder(await db.notes.where('url').equals(url).toArray());
}

/** Deletes a note; returns it as it was, so the caller can offer to undo. */
export function deleteNote(db: VerbatimDb, noteId: string): Promise<Note | undefined> {
  return db.transaction('rw', db.notes, async () => {
    const note = await db.notes.get(noteId);
    await db.notes.delete(noteId);
    return note;
  });
}

/** Puts back a deleted note exactly as it was (undo). */
export const restoreNote = (db: VerbatimDb, note: Note) => db.notes.put(note);

/**
 * Records which of a page's notes were found on it and which were not. Only notes of `url`
 * are touched (a page cannot mark another page's notes), and only those whose state changes.
 */
export function recordAnchoring(db: VerbatimDb, url: string, found: string[], orphaned: string[]): Promise<void> {
  return db.transaction('rw', db.notes, async () => {
    const foundSet = new Set(found);
    const orphanSet = new Set(orphaned);
    const t = now();
    const notes = await db.notes.where('url').equals(url).toArray();
    for (const note of notes) {
      // A page note has no passage: never looked for, never an orphan, whatever a page reports.
      if (note.kind === 'page') continue;
      if (foundSet.has(note.id) && note.orphanedAt !== undefined) {
        await db.notes.update(note.id, { orphanedAt: undefined });
      } else if (orphanSet.has(note.id) && note.orphanedAt === undefined) {
        await db.notes.update(note.id, { orphanedAt: t });
      }
    }
  });
}

/**
 * What an edit was based on: the note's text and tags as the window that made it showed them.
 * Two windows can edit the same note (two side panels, the side panel and the in-page card):
 * given this, `updateNote` never lets a save based on an older version silently undo another.
 */
export interface NoteSeen {
  note?: string;
  tags?: readonly string[];
}

/**
 * Changes a note's colour, kind, note text, tags or speaker; returns it as stored (as it was when
 * the change changes nothing: no write). A highlight turned
 * into a quote gets its attribution from the page's record then.
 *
 * With `seen` (what the edit was based on), a save made on an older version of the note:
 * - note text: refused (`NoteConflictError`) when the stored text changed since, unless it already
 *   is the text being saved. The caller keeps the user's text for them to save again;
 * - tags: merged, field by field: the tags this edit added are added to the stored ones, those it
 *   removed are removed, and what the other window did to other tags stays;
 * - colour and kind: the last choice wins (a click, shown at once in every window).
 * Without `seen` (older callers), the patch applies as it is. A note no longer stored is a
 * `NoteGoneError`; a note the change would make invalid (text too long…) is refused (ValiError):
 * nothing is written either way.
 */
export function updateNote(db: VerbatimDb, noteId: string, patch: NotePatch, seen?: NoteSeen): Promise<Note> {
  return db.transaction('rw', db.notes, db.articles, async () => {
    const note = await db.notes.get(noteId);
    if (!note) throw new NoteGoneError(noteId);
    let next: Note = { ...note, updatedAt: Math.max(now(), note.updatedAt + 1) };
    if (patch.color) next.color = patch.color;
    if (patch.note !== undefined) {
      if (seen?.note !== undefined && note.note !== seen.note && note.note !== patch.note) throw new NoteConflictError(noteId);
      next.note = patch.note;
    }
    if (patch.tags) next.tags = normalizeTags(seen?.tags ? mergeTags(note.tags, seen.tags, patch.tags) : patch.tags);
    // The user's word on the speaker (accepted, changed or cleared) ends the proposal; a page note has none.
    if (patch.speaker !== undefined && note.kind !== 'page') next = withSpeaker(next, patch.speaker);
    // A page note has no passage to become a highlight or quote of.
    if (patch.kind && patch.kind !== note.kind && note.kind !== 'page') {
      next.kind = patch.kind;
      if (patch.kind === 'quote' && !note.attribution) {
        const page = await articleByUrl(db, note.url);
        if (page) next.attribution = attributionOf(page);
      }
      // The speaker proposed for the passage made a quote, unless the user already named one.
      const proposed = patch.kind === 'quote' && patch.proposedSpeaker !== undefined ? cleanSpeaker(patch.proposedSpeaker) : undefined;
      if (proposed && !next.speaker) next = { ...next, speaker: proposed, speakerProposed: true };
    }
    // A change that changes nothing (the colour already chosen, the same text) writes nothing.
    if (sameJson({ ...note, updatedAt: 0 }, { ...next, updatedAt: 0 })) return note;
    // What this change touches must still be a valid note (other fields are as they were stored).
    v.parse(EDITABLE, { note: next.note, tags: next.tags });
    // A page note is its text: emptied, it is deleted (the panels offer that), never stored blank.
    if (next.kind === 'page' && !/\S/.test(next.note)) throw new Error('A page note needs some text');
    await db.notes.put(next);
    return next;
  });
}

/**
 * Re-attaches a note to a passage the user selected again (an orphan whose passage moved or was
 * reworded): its quote and selectors become the selection's, it is no longer an orphan nor
 * checked against its source (that check was of the old passage), and its text, tags, colour,
 * kind and attribution stay as they are. Returns it as stored.
 */
export function reattachNote(db: VerbatimDb, noteId: string, passage: { exact: string; selectors: Selector[] }): Promise<Note> {
  return db.transaction('rw', db.notes, async () => {
    const note = await db.notes.get(noteId);
    if (!note) throw new NoteGoneError(noteId);
    const next: Note = { ...note, exact: passage.exact, selectors: passage.selectors, updatedAt: now() };
    delete next.orphanedAt;
    // A check was of the old passage: the new one has not been checked yet.
    delete next.check;
    await db.notes.put(next);
    return next;
  });
}

/** The fields of a note an edit may make invalid (note text, tags), by the rules of a stored note. */
const EDITABLE = v.object({ note: NoteSchema.entries.note, tags: NoteSchema.entries.tags });

/** `stored`, with what an edit from `seen` to `wanted` added and removed (tags compared normalised). */
function mergeTags(stored: readonly string[], seen: readonly string[], wanted: readonly string[]): string[] {
  const was = new Set(normalizeTags([...seen]));
  const now = new Set(normalizeTags([...wanted]));
  const removed = new Set([...was].filter((tag) => !now.has(tag)));
  return [...stored.filter((tag) => !removed.has(tag)), ...[...now].filter((tag) => !was.has(tag))];
}

/** The speakers quotes have, as typed (the `speaker` index: sorted, each once), for the editors to offer. */
export async function knownSpeakers(db: VerbatimDb): Promise<string[]> {
  return (await db.notes.orderBy('speaker').uniqueKeys()) as string[];
}

/** Every tag with how many notes carry it, most used first (ties alphabetical). */
export async function tagCounts(db: VerbatimDb): Promise<TagCount[]> {
  // Each distinct tag, then its count, from the multiEntry indexes: IndexedDB counts a key range
  // natively, where walking one key per (record, tag) would cost a script step each (100,000 on
  // a large library). No record is loaded.
  return db.transaction('r', db.notes, db.articles, async () => {
    const counts = new Map<string, number>();
    await Promise.all(
      [db.notes, db.articles].map(async (table) => {
        const tags = (await table.orderBy('tags').uniqueKeys()).map(String);
        const each = await Promise.all(tags.map((tag) => table.where('tags').equals(tag).count()));
        tags.forEach((tag, i) => counts.set(tag, (counts.get(tag) ?? 0) + each[i]!));
      }),
    );
    return rankTags(counts);
  });
}

const DEFAULT_SETTINGS: Settings = { colorNames: {}, backupReminder: 'monthly' };

/** The user's settings, defaults filled in. */
export async function getSettings(db: VerbatimDb): Promise<Settings> {
  const rows = await db.settings.toArray();
  const stored = Object.fromEntries(rows.map((r) => [r.key, r.value])) as Partial<Settings>;
  return { ...DEFAULT_SETTINGS, ...stored };
}

/** Stores one setting (a key of Settings); `undefined` removes it, back to the default. */
export async function setSetting<K extends keyof Settings>(db: VerbatimDb, key: K, value: Settings[K] | undefined): Promise<void> {
  if (value === undefined) await db.settings.delete(key);
  else await db.settings.put({ key, value });
}

/** Names a colour; an empty name goes back to the default. */
export function setColorName(db: VerbatimDb, color: Color, name: string): Promise<void> {
  return db.transaction('rw', db.settings, async () => {
    const { colorNames } = await getSettings(db);
    const next = { ...colorNames };
    const clean = name.replace(/\s+/g, ' ').trim().slice(0, 40);
    if (clean) next[color] = clean;
    else delete next[color];
    await db.settings.put({ key: 'colorNames', value: next });
  });
}

/**
 * Adds and removes an article's own tags (normalised) against what is stored, in one transaction, so
 * two changes made in quick succession both hold; returns the article's tags.
 */
export function changeArticleTags(db: VerbatimDb, articleId: string, change: { add?: readonly string[]; remove?: readonly string[] }): Promise<string[]> {
  return db.transaction('rw', db.articles, async () => {
    const article = await db.articles.get(articleId);
    if (!article) throw new Error(`No article ${articleId}`);
    const gone = new Set(normalizeTags([...(change.remove ?? [])]));
    const clean = normalizeTags([...article.tags.filter((tag) => !gone.has(tag)), ...(change.add ?? [])]);
    await db.articles.update(articleId, { tags: clean, updatedAt: now() });
    return clean;
  });
}
