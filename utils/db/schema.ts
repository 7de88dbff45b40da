import Dexie, { type EntityTable } from 'dexie';
import { normalizeTags } from '../tags';
import type { Article, Note, SettingRow } from '../model';

import { DB_NAME } from './name';

export { DB_NAME };

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
  settings!: EntityTable<SettingRow, 'key'>;

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
    this.version(2)
      .stores({ settings: 'key' })
      .upgrade(async (tx) => {
        // v1 notes could be saved with tags that only differed in case or spacing when written
        // by hand-edited data; v2 guarantees normalised, unique tags on every note.
        await tx
          .table<Note, string>('notes')
          .toCollection()
          .modify((note) => {
            const tags = normalizeTags(note.tags ?? []);
            if (tags.length !== note.tags?.length || tags.some((t, i) => t !== note.tags[i])) note.tags = tags;
          });
      });
    this.version(3)
      // *tags: articles get tags of their own (suggested from their text), filtered by tag.
      .stores({ articles: 'id, &url, createdAt, *tags' })
      .upgrade(async (tx) => {
        await tx
          .table<Article, string>('articles')
          .toCollection()
          .modify((article) => {
            if (!Array.isArray(article.tags)) article.tags = [];
          });
      });
    this.version(4).stores({
      // updatedAt: the side panel keeps 50,000 notes in memory and reads only what changed since.
      articles: 'id, &url, createdAt, *tags, updatedAt',
      notes: 'id, url, *tags, createdAt, updatedAt',
    });
    // v4 only adds indexes over fields every record already has: no upgrade() needed.
  }
}
