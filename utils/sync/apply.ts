/**
 * Storing the server's versions here (issue #15): where each one lives locally, and what it
 * becomes when this device changed the same record meanwhile (utils/sync/merge.ts). Runs inside
 * `applyRemote` (utils/db/tracking.ts), so nothing it writes is stamped as a local change: the
 * sync rows it writes say which server revision each record now is, and a merge that must go
 * back to the server is written dirty, with a stamp of its own.
 */
import type { Table } from 'dexie';
import type { Article, ArticleBody, Note, SettingRow } from '../domain/model';
import type { Project } from '../domain/project';
import type { ReviewState } from '../domain/review-state';
import { nextHlc } from '../domain/hlc';
import type { VerbatimDb } from '../db/schema';
import { stampTime } from '../db/tracking';
import { withLocalFields, type BodyRecord, type DocKind, type Incoming, type SyncRecord } from './docs';
import { imageKey } from './images';
import { merge, type Version } from './merge';
import type { Hlc, SyncMeta, SyncRow } from './types';

/** Articles first: bodies and notes find their page by URL. Projects and reviews name notes by id only. */
const ORDER: Record<DocKind, number> = { article: 0, body: 1, note: 2, setting: 3, project: 4, review: 5 };

/** The row remembering an article's URL, for the tombstones of it and its body once it is gone. */
export const urlKey = (articleId: string) => `~url:${articleId}`;
interface UrlRow {
  key: string;
  url: string;
}

/**
 * What a push's conflicts add: the row each server document was refused for (by document id),
 * and the revisions of server versions that failed validation (none: the server has no such
 * document): the change waiting here is now based on them, so the next push replaces them.
 */
export interface Conflicts {
  rows: ReadonlyMap<string, string>;
  rebase: ReadonlyArray<{ key: string; rev?: string }>;
}

export interface Applied {
  /** Versions stored (the server's, or a merge). */
  applied: number;
  /** Of those, merges with a change made here. */
  merged: number;
}

/**
 * The generation of a revision (`3-abc…` → 3). Our documents are only ever written with their
 * base revision (never `new_edits=false`), so one document's revisions form a line and a lower
 * generation is an older version: a `_changes` answer written before our own push, say.
 */
const generation = (rev: string | undefined) => (rev ? Number.parseInt(rev, 10) || 0 : 0);

/**
 * Stores server versions in the caller's `applyRemote` transaction. A version whose revision
 * this device already has (or an older one) changes nothing, so applying a batch twice is a
 * no-op. A record with a change waiting here whose base is not this revision is merged. A note
 * on a page this device has no article for gets a minimal one (as imports do), replaced in place
 * when the page's own article arrives.
 */
export async function storeIncoming(db: VerbatimDb, incoming: readonly Incoming[], conflicts?: Conflicts): Promise<Applied> {
  const sorted = [...incoming].sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);
  const meta = (await (db.sync as unknown as Table<SyncMeta, string>).get('~meta'))!;
  let last: Hlc = meta.last;
  const stamp = (above: Hlc): Hlc => (last = nextHlc(last > above ? last : above, stampTime(meta), meta.device));

  // Everything the batch touches, read up front: in the loop below, every await is a write
  // (awaiting anything but Dexie's own work inside a transaction lets it commit early).
  const local = await readLocal(db, sorted);
  const places = sorted.map((inc) => locate(inc, local));
  const keys = places.flatMap((p) => (p ? [p.key] : []));
  const stored = new Map((await db.sync.bulkGet(keys)).flatMap((r) => (r ? [[r.key, r] as const] : [])));
  const result: Applied = { applied: 0, merged: 0 };
  const rows: Array<SyncRow | UrlRow> = [];
  const stale: string[] = [];
  const writes = new Writes();

  for (const [i, inc] of sorted.entries()) {
    const place = places[i];
    // A page deleted here and changed on the server lives on here under another id (or not at
    // all yet): the delete lost to a change it never saw, its tombstone is not sent.
    const pushed = conflicts?.rows.get(inc.docId);
    if (pushed !== undefined && pushed !== place?.key) stale.push(pushed);
    if (!place) continue;
    const row = stored.get(place.key);
    if (row?.rev !== undefined && generation(inc.rev) <= generation(row.rev)) continue;

    let record: SyncRecord | undefined = inc.record;
    let out: SyncRow = { key: place.key, hlc: inc.hlc, rev: inc.rev };
    if (inc.deleted) out.deleted = true;
    if (row?.dirty !== undefined) {
      const mine: Version = row.deleted || !place.local ? { hlc: row.hlc, deleted: true } : { hlc: row.hlc, deleted: false, record: shareable(inc.kind, place.local) };
      const theirs: Version = { hlc: inc.hlc, deleted: inc.deleted, ...(inc.record ? { record: inc.record } : {}) };
      const m = merge(inc.kind, mine, theirs, Date.now());
      result.merged++;
      record = m.record;
      if (m.take !== 'remote') {
        const hlc = stamp(inc.hlc > row.hlc ? inc.hlc : row.hlc);
        out = { key: place.key, hlc, dirty: hlc, rev: inc.rev };
      }
    }
    writes.add(inc.kind, place, record, local.articleByUrl);
    if (inc.kind === 'article' && record) rows.push({ key: urlKey(place.id), url: (record as Article).url });
    rows.push(out);
    result.applied++;
  }
  const rebase = conflicts?.rebase ?? [];
  const others = await db.sync.bulkGet([...rebase.map((r) => r.key), ...stale]);
  rebase.forEach((r, i) => {
    const row = others[i];
    if (row?.dirty === undefined) return;
    const { rev: _old, ...rest } = row;
    rows.push(r.rev === undefined ? rest : { ...rest, rev: r.rev });
  });
  const gone = stale.filter((_, i) => {
    const row = others[rebase.length + i];
    return row?.deleted && row.dirty !== undefined;
  });
  await writes.store(db, local.articleByUrl);
  if (gone.length) await db.sync.bulkDelete(gone);
  if (rows.length) await db.sync.bulkPut(rows as SyncRow[]);
  return result;
}

/** The URL of the page an incoming version is on. */
const urlOf = (inc: Incoming): string | undefined => inc.url ?? (inc.kind === 'note' ? (inc.record as Note | undefined)?.url : undefined);

/** What is stored here of the records a batch touches. */
interface LocalState {
  /** Pages by URL: those stored, then those the batch makes (kept up to date while writing). */
  articleByUrl: Map<string, Article>;
  notes: Map<string, Note>;
  settings: Map<string, SettingRow>;
  bodies: Map<string, ArticleBody>;
  projects: Map<string, Project>;
  /** Review schedules by note id. */
  reviews: Map<string, ReviewState>;
  /** Article ids in use here (a new page takes the sender's id only when it is free). */
  takenIds: Set<string>;
}

async function readLocal(db: VerbatimDb, batch: readonly Incoming[]): Promise<LocalState> {
  const ids = (kind: DocKind) => batch.filter((inc) => inc.kind === kind).map((inc) => inc.docId.slice(kind.length + 1));
  const urls = [...new Set(batch.flatMap((inc) => urlOf(inc) ?? []))];
  const wanted = batch.flatMap((inc) => (inc.kind === 'article' && inc.record ? [(inc.record as Article).id] : []));
  const [articles, notes, settings, taken, projects, reviews] = await Promise.all([
    urls.length ? db.articles.where('url').anyOf(urls).toArray() : [],
    db.notes.bulkGet(ids('note')),
    db.settings.bulkGet(ids('setting')),
    db.articles.bulkGet(wanted),
    db.projects.bulkGet(ids('project')),
    db.reviews.bulkGet(ids('review')),
  ]);
  const bodies = await db.bodies.bulkGet(articles.map((a) => a.id));
  const byKey = <T>(list: Array<T | undefined>, key: (r: T) => string) => new Map(list.flatMap((r) => (r ? [[key(r), r] as const] : [])));
  return {
    articleByUrl: byKey(articles, (a) => a.url),
    notes: byKey(notes, (n) => n.id),
    settings: byKey(settings, (s) => s.key),
    bodies: byKey(bodies, (b) => b.id),
    projects: byKey(projects, (p) => p.id),
    reviews: byKey(reviews, (r) => r.noteId),
    takenIds: new Set(taken.flatMap((a) => (a ? [a.id] : []))),
  };
}

interface Place {
  key: string;
  /** The record's local primary key: a note's id, an article's (or its body's) local id, a setting's key. */
  id: string;
  /** The record stored here, if any. */
  local?: SyncRecord;
}

/**
 * Where a server version lives here; undefined when it has no place (a body or tombstone of a
 * page not stored here). A page new here is placed now, so the batch's later versions find it.
 */
function locate(inc: Incoming, local: LocalState): Place | undefined {
  const suffix = inc.docId.slice(inc.docId.indexOf(':') + 1);
  const placed = (key: string, id: string, record: SyncRecord | undefined): Place => (record ? { key, id, local: record } : { key, id });
  switch (inc.kind) {
    case 'note':
      return placed(`note:${suffix}`, suffix, local.notes.get(suffix));
    case 'setting':
      return placed(`setting:${suffix}`, suffix, local.settings.get(suffix));
    case 'project':
      return placed(`project:${suffix}`, suffix, local.projects.get(suffix));
    case 'review':
      return placed(`review:${suffix}`, suffix, local.reviews.get(suffix));
    case 'article': {
      const url = urlOf(inc)!;
      const article = local.articleByUrl.get(url);
      if (article) return placed(`article:${article.id}`, article.id, article);
      if (inc.deleted) return undefined;
      // A page new here: the sender's id when free, as imports do, else a new one.
      const wanted = (inc.record as Article).id;
      const id = local.takenIds.has(wanted) ? crypto.randomUUID() : wanted;
      local.takenIds.add(id);
      local.articleByUrl.set(url, { ...(inc.record as Article), id });
      return { key: `article:${id}`, id };
    }
    case 'body': {
      const article = local.articleByUrl.get(urlOf(inc)!);
      if (!article) return undefined;
      const body = local.bodies.get(article.id);
      return placed(`body:${article.id}`, article.id, body ? { ...body, url: article.url } : undefined);
    }
  }
}

/** A stored record as the server would hold it (what merge compares): without what stays on this device. */
function shareable(kind: DocKind, record: SyncRecord): SyncRecord {
  if (kind === 'note') {
    const { orphanedAt: _o, ...note } = record as Note;
    return note;
  }
  if (kind === 'body') {
    const { images: _i, ...body } = record as BodyRecord;
    return { ...body, id: '' };
  }
  return record;
}

/**
 * A batch's writes, by table and key (the last version of a key wins; `null` deletes it),
 * stored together at the end: one request per table instead of one per record, which matters
 * when the side panel's reads and the pages' writes queue behind the batch (issue #15).
 */
class Writes {
  readonly notes = new Map<string, Note | null>();
  readonly articles = new Map<string, Article | null>();
  readonly bodies = new Map<string, ArticleBody | null>();
  readonly settings = new Map<string, SettingRow | null>();
  readonly projects = new Map<string, Project | null>();
  readonly reviews = new Map<string, ReviewState | null>();
  /** Rows of the sync table to remove (a deleted body's images). */
  readonly syncGone: string[] = [];
  /** Pages of notes whose article is not known yet, by URL: the first such note. */
  readonly pageless = new Map<string, Note>();

  /** Puts a version in its place (or deletes what is there for a tombstone). */
  add(kind: DocKind, place: Place, record: SyncRecord | undefined, articleByUrl: Map<string, Article>): void {
    switch (kind) {
      case 'note': {
        if (!record) return void this.notes.set(place.id, null);
        const note = withLocalFields('note', { ...(record as Note) }, place.local);
        this.notes.set(note.id, note);
        if (!articleByUrl.has(note.url) && !this.pageless.has(note.url)) this.pageless.set(note.url, note);
        return;
      }
      case 'article': {
        if (!record) {
          this.articles.set(place.id, null);
          return void articleByUrl.delete((place.local as Article).url);
        }
        const article: Article = { ...(record as Article), id: place.id };
        this.articles.set(article.id, article);
        return void articleByUrl.set(article.url, article);
      }
      case 'body': {
        if (!record) {
          // Its images went from the server with it: what this device remembers of them is stale.
          this.syncGone.push(imageKey(place.id));
          return void this.bodies.set(place.id, null);
        }
        const { url: _url, ...fields } = withLocalFields('body', { ...(record as BodyRecord) }, place.local);
        return void this.bodies.set(place.id, { ...fields, id: place.id });
      }
      case 'setting':
        return void this.settings.set(place.id, record ? { key: place.id, value: (record as SettingRow).value } : null);
      // A project or a review schedule is stored as it came (merged already when both sides changed it).
      case 'project':
        return void this.projects.set(place.id, record ? { ...(record as Project), id: place.id } : null);
      case 'review':
        return void this.reviews.set(place.id, record ? { ...(record as ReviewState), noteId: place.id } : null);
    }
  }

  /** Writes everything, in the caller's transaction. */
  async store(db: VerbatimDb, articleByUrl: Map<string, Article>): Promise<void> {
    // Notes on a page this device has no article for: the one stored (a merge kept a note whose
    // URL was not read up front), else a minimal one, as imports make them.
    const urls = [...this.pageless.keys()].filter((url) => !articleByUrl.has(url));
    if (urls.length) {
      const found = new Set((await db.articles.where('url').anyOf(urls).toArray()).map((a) => a.url));
      for (const url of urls) {
        if (found.has(url)) continue;
        const page = minimalPage(this.pageless.get(url)!);
        this.articles.set(page.id, page);
        articleByUrl.set(url, page);
      }
    }
    await Promise.all([
      apply(db.notes, this.notes),
      apply(db.articles, this.articles),
      apply(db.bodies, this.bodies),
      apply(db.settings, this.settings),
      apply(db.projects, this.projects),
      apply(db.reviews, this.reviews),
      this.syncGone.length ? db.sync.bulkDelete(this.syncGone) : undefined,
    ]);
  }
}

/**
 * Records per `bulkPut`: below Dexie's threshold (50), above which a bulk write announces the
 * whole table as changed instead of its keys (its observability middleware). Announced by key, a
 * batch costs each open page one read of the records it wrote; announced as the whole table, every
 * page compares all its keys again (the side panel: 65,000 keys per batch, issue #15), and every
 * live query over the table runs again.
 */
export const KEYED_PUT = 49;

/** Deletes the keys mapped to null and puts the rest, in requests small enough to name their keys. */
async function apply<T>(table: Table<T, string>, writes: ReadonlyMap<string, T | null>): Promise<void> {
  if (!writes.size) return;
  const gone: string[] = [];
  const put: T[] = [];
  for (const [key, record] of writes) {
    if (record === null) gone.push(key);
    else put.push(record);
  }
  if (gone.length) await table.bulkDelete(gone);
  const chunks: Promise<unknown>[] = [];
  for (let i = 0; i < put.length; i += KEYED_PUT) chunks.push(table.bulkPut(put.slice(i, i + KEYED_PUT)));
  await Promise.all(chunks);
}

/** The article of a page known only from a note (as imports make them): title from its attribution, else the URL. */
function minimalPage(note: Note): Article {
  const source = note.attribution;
  const page: Article = { id: crypto.randomUUID(), url: note.url, title: source?.title || note.url, tags: [], createdAt: note.createdAt, updatedAt: note.updatedAt };
  if (source?.author) page.byline = source.author;
  if (source?.siteName) page.siteName = source.siteName;
  if (source?.publishedTime) page.publishedTime = source.publishedTime;
  return page;
}
