import Dexie, { type EntityTable } from 'dexie';
import { normalizeTags } from '../tags';
import type { Article, ArticleBody, ArticleWithBody, Note, SettingRow } from '../model';

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
  /** Clipped copies, by their article's id (v5): kept off `articles`, which pages read whole. */
  bodies!: EntityTable<ArticleBody, 'id'>;
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
    this.version(4)
      .stores({
        // updatedAt: the side panel keeps 50,000 notes in memory and reads only what changed since.
        articles: 'id, &url, createdAt, *tags, updatedAt',
        notes: 'id, url, *tags, createdAt, updatedAt',
      })
      .upgrade(() => {
        // v4 only adds indexes over a field every record has had since v1 (updatedAt): IndexedDB
        // builds them from the records as they are, so no record needs rewriting.
      });
    this.version(5)
      // bodies: the clipped html and text, tens of kB per article, moved off the article records:
      // the side panel reads every article, and 2,000 of them carried ~100 MB it never shows.
      .stores({ bodies: 'id' })
      .upgrade(async (tx) => {
        const bodies = tx.table<ArticleBody, string>('bodies');
        // modify() reads and rewrites the articles 200 at a time, and each body is written as it
        // is met: a library of 2,000 large clips is never in memory at once.
        const writes: Array<Promise<unknown>> = [];
        await tx
          .table<ArticleWithBody, string>('articles')
          .toCollection()
          .modify((article) => {
            if (article.html === undefined && article.text === undefined) return;
            const body: ArticleBody = { id: article.id };
            if (article.html !== undefined) body.html = article.html;
            if (article.text !== undefined) body.text = article.text;
            writes.push(bodies.add(body));
            delete article.html;
            delete article.text;
          });
        await Promise.all(writes);
      });
    this.version(6)
      // No new store or index: `*tags` is rebuilt from the records as they are rewritten.
      .stores({})
      .upgrade(async (tx) => {
        // Tags fold look-alike characters from v6 on (`normalizeTag`): `l'idée` and `l’idée` are
        // one tag, ’ (U+2019); non-breaking and other spaces are spaces; lowercasing no longer
        // depends on the browser's locale. Earlier data may hold both forms, even on one record:
        // every note's and article's tags are normalised again and merged, first-seen order kept.
        // Only records whose tags change are rewritten (`false` tells modify() to skip the others),
        // and nothing else of them changes, updatedAt included.
        const renormalise = (record: { tags: string[] }) => {
          const tags = normalizeTags(record.tags ?? []);
          if (tags.length === record.tags?.length && tags.every((t, i) => t === record.tags[i])) return false;
          record.tags = tags;
          return true;
        };
        await tx.table<Note, string>('notes').toCollection().modify(renormalise);
        await tx.table<Article, string>('articles').toCollection().modify(renormalise);
      });
  }
}
