import Dexie, { type EntityTable } from 'dexie';
import type { Article, ArticleBody, Note, SettingRow } from '../domain/model';
import type { Project } from '../domain/project';
import type { ReviewState } from '../domain/review-state';
import type { SyncRow } from '../sync/types';

import { upgradeV2 } from './migrations/v2';
import { upgradeV3 } from './migrations/v3';
import { upgradeV5 } from './migrations/v5';
import { upgradeV6 } from './migrations/v6';
import { upgradeV7 } from './migrations/v7';
import { upgradeV8 } from './migrations/v8';
import { upgradeV9 } from './migrations/v9';
import { NOTES_V10, upgradeV10 } from './migrations/v10';
import { upgradeV11 } from './migrations/v11';
import { DB_NAME } from './name';
import { installTracking } from './tracking';

export { DB_NAME };

/**
 * Verbatim's IndexedDB, in the extension's origin only (background and extension pages).
 * A content script's IndexedDB belongs to the page, so content scripts go through messages.
 *
 * Every schema version stays listed here with its migration, so a database written by any
 * earlier release opens and upgrades in order. Index only what `where()`/`orderBy()` use.
 * Each migration is in `./migrations/vN.ts` and carries the rules of its own version (the tag
 * rules of v2, v6 and v7 and the URL rule of v8 are frozen copies): an old migration must never apply today's rules.
 */
export class VerbatimDb extends Dexie {
  articles!: EntityTable<Article, 'id'>;
  /** Clipped copies, by their article's id (v5): kept off `articles`, which pages read whole. */
  bodies!: EntityTable<ArticleBody, 'id'>;
  notes!: EntityTable<Note, 'id'>;
  settings!: EntityTable<SettingRow, 'key'>;
  /**
   * The change log sync reads (v9): a {@link SyncRow} per synced record, written with every write
   * of one (utils/db/tracking.ts, through its journal, `~log:…`, folded soon after: read rows
   * after `flushLog`, or through `pendingRows`/`applyRemote`); rows keyed `~…` hold the device's
   * own state (`~meta`: SyncMeta).
   */
  sync!: EntityTable<SyncRow, 'key'>;
  /** Writing boards (v11, issue #17): one record per project, its items in order. */
  projects!: EntityTable<Project, 'id'>;
  /** Daily review (v11, issue #17): each reviewed note's schedule, by note id. */
  reviews!: EntityTable<ReviewState, 'noteId'>;

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
    // settings: the user's settings, one row per key. Tags normalised and unique on every note.
    this.version(2).stores({ settings: 'key' }).upgrade(upgradeV2);
    // *tags: articles get tags of their own (suggested from their text), filtered by tag.
    this.version(3).stores({ articles: 'id, &url, createdAt, *tags' }).upgrade(upgradeV3);
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
    // bodies: the clipped html and text, moved off the article records, which pages read whole.
    this.version(5).stores({ bodies: 'id' }).upgrade(upgradeV5);
    // No new store or index in v6 and v7: `*tags` is rebuilt from the records as they are
    // rewritten. Tags fold look-alike apostrophes and spaces (v6), then follow the one character
    // table of utils/text (v7): stored tags are merged into their new normal form.
    this.version(6).stores({}).upgrade(upgradeV6);
    this.version(7).stores({}).upgrade(upgradeV7);
    // *aliases: an article's other addresses (canonical, og:url, AMP, a copy the user linked), so
    // its notes are found from any of them: by the background on every navigation, by the popup.
    this.version(8).stores({ articles: 'id, &url, createdAt, *tags, updatedAt, *aliases' }).upgrade(upgradeV8);
    // sync: the change log of synced records (issue #15); dirty: a sparse index, the rows waiting to be sent.
    this.version(9).stores({ sync: 'key, dirty' }).upgrade(upgradeV9);
    // speaker: who said a quote's words (issue #16); the speakers already used, for the editors.
    this.version(10).stores({ notes: NOTES_V10 }).upgrade(upgradeV10);
    // projects: writing boards, found by the notes they hold; reviews: the daily review's schedule, by due date.
    this.version(11).stores({ projects: 'id, updatedAt, *noteIds', reviews: 'noteId, due' }).upgrade(upgradeV11);
    // Every write of a note, article, body or synced setting, from any context, logs itself for sync.
    installTracking(this);
  }
}
