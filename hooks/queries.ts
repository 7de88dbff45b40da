import { allArticles, articleByUrl, getSettings, knownSpeakers, noteCount, notesForUrl, oldestNote, savedCopy, tagCounts } from '../utils/db/repo';
import { notesElsewhere } from '../utils/db/aliases';
import type { VerbatimDb } from '../utils/db/schema';
import { useLiveQuery } from './useLiveQuery';
import { useTableQuery } from './useTableQuery';

/**
 * What the extension pages show from the database, live: each a repository read under
 * `useLiveQuery` (followed key by key) or `useTableQuery` (followed by table: reads of small
 * tables, and reads that walk a whole index), so a component receives data and never opens the
 * database itself. `value` is undefined until the first answer.
 */

/**
 * The user's settings, defaults filled in, followed by table (utils/db/table-query.ts), at once
 * after a write. Not a `liveQuery`: Dexie's keeps every key written since its last run until one
 * touches what it read, so a query of the settings in a page open during a sync merged each of
 * the thousands of note keys arriving into an ever-growing set (a side panel profile: ~10% of its
 * main thread during a 15,000-note sync).
 */
export const useSettings = (db: VerbatimDb) => useTableQuery(db, ['settings'], () => getSettings(db), [db], { wait: 0 });

/**
 * Every tag with how many notes and articles carry it, most used first. It walks every tag of
 * every record: followed by table, not by key (utils/db/table-query.ts), so a sync storing
 * thousands of notes, or an import, re-reads it once in a while rather than once per batch.
 */
export const useTagCounts = (db: VerbatimDb) => useTableQuery(db, ['notes', 'articles'], () => tagCounts(db), [db]);

/** The speakers quotes have (sorted, each once), offered when the user types one. */
export const useKnownSpeakers = (db: VerbatimDb) => useLiveQuery(() => knownSpeakers(db), [db]);

/** The article of a page (normalised URL), if it was clipped or annotated. */
export const usePageArticle = (db: VerbatimDb, url: string) => useLiveQuery(() => articleByUrl(db, url), [db, url]);

/** A page's notes (normalised URL), in reading order. */
export const usePageNotes = (db: VerbatimDb, url: string) => useLiveQuery(() => notesForUrl(db, url), [db, url]);

/** Every article by id, read only when `wanted` (the popup's bulk bar, while notes are selected). */
export const useArticles = (db: VerbatimDb, wanted: boolean) =>
  useLiveQuery(async () => new Map((wanted ? await allArticles(db) : []).map((a) => [a.id, a] as const)), [db, wanted]);

/** A clipped article with its saved copy; null when there is none. */
export const useSavedCopy = (db: VerbatimDb, articleId: string) => useLiveQuery(() => savedCopy(db, articleId), [db, articleId]);

/** How many notes there are, counted only when `wanted` (a count walks every key). */
export const useNoteCount = (db: VerbatimDb, wanted: boolean) =>
  useLiveQuery(() => (wanted ? noteCount(db) : Promise.resolve(undefined)), [db, wanted]);

/** What the backup reminder weighs: the settings and when the oldest note was made. */
export const useBackupState = (db: VerbatimDb) =>
  useTableQuery(db, ['settings', 'notes'], async () => {
    const [settings, oldest] = await Promise.all([getSettings(db), oldestNote(db)]);
    return { settings, oldestNoteAt: oldest?.createdAt };
  }, [db]);

/** Notes of the article of `url` saved at its other addresses (those `declared` by the page included), live. */
export const useNotesElsewhere = (db: VerbatimDb, url: string, declared: string[]) =>
  useLiveQuery(() => notesElsewhere(db, url, declared), [db, url, declared.join('\n')]);
