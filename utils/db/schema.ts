import Dexie, { type EntityTable } from 'dexie';
import type { Article, Note } from '../model';

/** The database name used by the extension; tests pass their own. */
export const DB_NAME = 'verbatim';

/**
 * Verbatim's IndexedDB, in the extension's origin only (background and extension pages).
 * A content script's IndexedDB belongs to the page, so content scripts go through messages.
 *
 * Every schema version stays listed here with its migration, so a database written by any
 * earlier release opens and upgrades in order. Index only what `where()`/`orderBy()` use.
 */
export class VerbatimDb extends Dexie {
  articles!: EntityTable<Article, 'id'>;
  notes!: EntityTable<Note, 'id'>;

  constructor(name = DB_NAME) {
    super(name);
    this.version(1)
      .stores({
        // url: one article per normalised URL. createdAt: the side panel's newest-first order.
        articles: 'id, &url, createdAt',
        // url: a page's notes; *tags: multiEntry, notes by tag; createdAt: newest first.
        notes: 'id, url, *tags, createdAt',
      })
      .upgrade(() => {
        // Version 1 is the first schema: there is nothing older to migrate from. Later versions
        // add `.version(n).stores(…).upgrade(tx => …)` below and keep this one untouched.
      });
  }
}
