/**
 * Moving records in and out of the database for the exporters and importers in this folder.
 * The formats themselves are pure (backup.ts, csv.ts, w3c.ts, markdown.ts); only this module
 * touches the db, which it takes as an argument like every repository function.
 */
import { DEVICE_SETTINGS, type Article, type ArticleBody, type ArticleWithBody, type Note, type SettingRow } from '../domain/model';
import type { VerbatimDb } from '../db/schema';
import { withLatestCheck } from '../domain/notes';
import { normalizeTags } from '../domain/tags';
import { IMPORTED_SETTINGS, type LibraryRecords } from './backup';
import { mergeWriting } from './import-writing';

/** What happened to the records of one kind. */
export interface MergeCounts {
  /** New records. */
  added: number;
  /** Records that replaced an older stored version. */
  updated: number;
  /** Records whose stored version was as new or newer, so left alone. */
  skipped: number;
}

export interface ImportResult extends MergeCounts {
  byKind: { articles: MergeCounts; notes: MergeCounts; settings: MergeCounts; projects: MergeCounts; reviews: MergeCounts };
}

export interface ImportOptions {
  /**
   * Called after each chunk with the records handled so far and the records given. Runs inside
   * the transaction, so it must be synchronous (awaiting anything else would end the
   * transaction); throwing from it cancels the whole import.
   */
  onProgress?(done: number, total: number): void;
  /** Records read and written per bulk operation; default 2,000. */
  chunkSize?: number;
  /**
   * `merge` (default): incoming articles update stored ones by the rules below. `add-only`: for
   * formats that only describe a page loosely (CSV, W3C annotations): an incoming article is
   * added when its URL is not stored, and never replaces a stored one.
   */
  articles?: 'merge' | 'add-only';
}

const CHUNK = 2_000;
const EPOCH = 'libraryEpoch';

/**
 * Fields that exist only once an article was clipped: kept from whichever record has them. The
 * body's (html, text) go with them, in the `bodies` table.
 */
const CLIP_FIELDS = ['excerpt', 'wordCount', 'readingMinutes', 'clippedAt'] as const;

/** The article record and its body's fields (only those it has), apart. */
function splitBody(article: ArticleWithBody): { article: Article; body: Omit<ArticleBody, 'id'> } {
  const { html, text, ...record } = article;
  const body: Omit<ArticleBody, 'id'> = {};
  if (html !== undefined) body.html = html;
  if (text !== undefined) body.text = text;
  return { article: record, body };
}

/** An article with its body's fields joined in (as backups carry it). */
function joinBody(article: Article, body: ArticleBody | undefined): ArticleWithBody {
  if (!body) return article;
  const out: ArticleWithBody = { ...article };
  if (body.html !== undefined) out.html = body.html;
  if (body.text !== undefined) out.text = body.text;
  return out;
}

/**
 * What becomes of a merged article's body. `replace`: exactly the given fields (none: no body).
 * `under`: the stored body's fields win, the given ones fill what it lacks. `over`: the given
 * fields win over the stored body's.
 */
type BodyMerge = { id: string; fields: Omit<ArticleBody, 'id'>; mode: 'replace' | 'under' | 'over'; fresh?: boolean };

/**
 * Merges records into the database, all in one transaction: if anything fails, nothing changes.
 *
 * - Notes merge by id: the newer `updatedAt` wins; equal times keep the stored one (skipped).
 *   Either way the note keeps the later check of its passage against its source (`check.at`),
 *   from whichever side has it, as long as the passage is the same (`withLatestCheck`).
 * - Articles merge by URL (one article per normalised URL is the database's rule), whatever
 *   their ids: an incoming article whose URL is stored under another id keeps the stored id, as
 *   notes point at articles by URL and nothing else needs remapping. The newer `updatedAt` wins, except that
 *   a clipped article's text (html, text, excerpt, counts, clippedAt) is never lost to a newer
 *   record that was not clipped (an annotation made elsewhere on an unclipped copy of the page):
 *   whichever side has it, the merged article keeps it.
 *   An incoming article whose id is stored with another URL becomes a new article (new id):
 *   an import never changes which page an article is.
 * - Notes whose page has no article, stored or incoming, get a minimal one (title from the
 *   note's attribution, else the URL), so the library lists them.
 * - Settings have no time stamp: a key not stored is added; a stored key is kept (the device's
 *   own choice wins) and counted as skipped. Only the settings a file may bring are written
 *   (`IMPORTED_SETTINGS`: colour names, backup reminder); others, the device's own (last backup
 *   date, library epoch…) or unknown keys, are ignored, not counted: every stored setting goes
 *   to the pages' content scripts.
 * - When anything was added or updated, the `libraryEpoch` setting goes up by one in the same
 *   transaction: open extension pages watch it to reload the whole library at once rather than
 *   follow thousands of changes.
 * - Projects (by id) and review schedules (by note id), a backup's only: the newer `updatedAt` wins.
 * - Tags are normalised on the way in; within the given records a repeated id or URL counts
 *   once, the newest copy.
 *
 * Records are expected to come from a parser in this folder, which checks them.
 */
export async function importRecords(db: VerbatimDb, records: LibraryRecords, opts: ImportOptions = {}): Promise<ImportResult> {
  const chunkSize = Math.max(1, opts.chunkSize ?? CHUNK);
  const articles = newestBy(newestBy(records.articles, (a) => a.url), (a) => a.id);
  const notes = newestBy(records.notes, (n) => n.id);
  const settings = newestBy((records.settings ?? []).filter((s) => IMPORTED_SETTINGS.has(s.key)), (s) => s.key);
  const total = articles.length + notes.length + settings.length + (records.projects?.length ?? 0) + (records.reviews?.length ?? 0);
  let done = 0;
  const progress = (n: number) => {
    done += n;
    opts.onProgress?.(done, total);
  };
  const counts = { articles: zero(), notes: zero(), settings: zero(), projects: zero(), reviews: zero() };

  await db.transaction('rw', [db.articles, db.bodies, db.notes, db.settings, db.projects, db.reviews], async () => {
    // Which URL each stored article has, from the index alone (no record is read): articles are
    // few, and one pass is far cheaper than an `anyOf` lookup per chunk.
    const [storedUrls, storedArticleIds] = await Promise.all([
      db.articles.orderBy('url').keys(),
      db.articles.orderBy('url').primaryKeys(),
    ]);
    const idByUrl = new Map(storedUrls.map((url, i) => [String(url), storedArticleIds[i]!]));
    const takenIds = new Set<string>(storedArticleIds);

    for (const chunk of chunks(articles, chunkSize)) {
      const ownerIds = opts.articles === 'add-only' ? [] : [...new Set(chunk.flatMap((a) => idByUrl.get(a.url) ?? []))];
      const owners = new Map((await db.articles.bulkGet(ownerIds)).flatMap((a) => (a ? [[a.id, a] as const] : [])));
      const put: Article[] = [];
      const bodies: BodyMerge[] = [];
      for (const raw of chunk) {
        const { article, body } = splitBody(raw);
        const incoming: Article = { ...article, tags: normalizeTags(raw.tags) };
        const ownerId = idByUrl.get(incoming.url);
        const owner = ownerId === undefined ? undefined : owners.get(ownerId);
        if (ownerId !== undefined) {
          if (owner && incoming.updatedAt > owner.updatedAt) {
            put.push(keepClip({ ...incoming, id: owner.id }, owner));
            bodies.push({ id: owner.id, fields: body, mode: gainsClip(incoming, owner) ? 'under' : 'replace' });
            counts.articles.updated++;
          } else if (owner && gainsClip(owner, incoming)) {
            // The stored record is newer but was never clipped: it gains the file's clipped text.
            put.push(keepClip(owner, incoming));
            bodies.push({ id: owner.id, fields: body, mode: 'over' });
            counts.articles.updated++;
          } else counts.articles.skipped++;
        } else {
          // The id is free, or taken by another page: never move an article to another URL.
          if (takenIds.has(incoming.id)) incoming.id = crypto.randomUUID();
          put.push(incoming);
          // A new article: no stored body to replace or remove.
          bodies.push({ id: incoming.id, fields: body, mode: 'replace', fresh: true });
          idByUrl.set(incoming.url, incoming.id);
          takenIds.add(incoming.id);
          counts.articles.added++;
        }
      }
      await db.articles.bulkPut(put);
      await writeBodies(db, bodies);
      progress(chunk.length);
    }

    // Only notes already stored need reading. When the import is large next to the table, one
    // pass over the primary keys finds them; otherwise each chunk's ids are looked up directly.
    const storedCount = await db.notes.count();
    const storedNoteIds =
      storedCount === 0
        ? new Set<string>()
        : notes.length * 4 >= storedCount
          ? new Set(await db.notes.toCollection().primaryKeys())
          : undefined;
    for (const chunk of chunks(notes, chunkSize)) {
      const lookup = storedNoteIds ? chunk.filter((n) => storedNoteIds.has(n.id)) : chunk;
      const found = lookup.length ? await db.notes.bulkGet(lookup.map((n) => n.id)) : [];
      const stored = new Map(found.flatMap((n) => (n ? [[n.id, n] as const] : [])));
      const put: Note[] = [];
      for (const raw of chunk) {
        const existing = stored.get(raw.id);
        if (!existing || raw.updatedAt > existing.updatedAt) {
          put.push(withLatestCheck({ ...raw, tags: normalizeTags(raw.tags) }, existing));
          if (existing) counts.notes.updated++;
          else counts.notes.added++;
        } else {
          // The stored version wins; a later check of its passage from the file still comes in.
          const kept = withLatestCheck(existing, raw);
          if (kept !== existing) put.push(kept);
          counts.notes[kept !== existing ? 'updated' : 'skipped']++;
        }
      }
      await db.notes.bulkPut(put);
      progress(chunk.length);
    }

    const pages = missingPages(notes, idByUrl);
    await db.articles.bulkAdd(pages);
    counts.articles.added += pages.length;

    if (settings.length) {
      const stored = await db.settings.bulkGet(settings.map((s) => s.key));
      const add = settings.filter((_, i) => !stored[i]);
      await db.settings.bulkAdd(add);
      counts.settings.added += add.length;
      counts.settings.skipped += settings.length - add.length;
      progress(settings.length);
    }
    // Projects and review schedules (a backup's only): by id, the newer wins.
    Object.assign(counts, await mergeWriting(db, records.projects, records.reviews));
    if (records.projects?.length || records.reviews?.length) progress((records.projects?.length ?? 0) + (records.reviews?.length ?? 0));
    if (total === 0) opts.onProgress?.(0, 0);

    const changed = (['articles', 'notes', 'settings', 'projects', 'reviews'] as const).some((k) => counts[k].added + counts[k].updated > 0);
    if (changed) {
      const epoch = (await db.settings.get(EPOCH))?.value;
      await db.settings.put({ key: EPOCH, value: (typeof epoch === 'number' && Number.isSafeInteger(epoch) ? epoch : 0) + 1 });
    }
  });

  const sum = (key: keyof MergeCounts) => counts.articles[key] + counts.notes[key] + counts.settings[key] + counts.projects[key] + counts.reviews[key];
  return { added: sum('added'), updated: sum('updated'), skipped: sum('skipped'), byKind: counts };
}

/** Whether `winner` takes `loser`'s clip: it was never clipped, and the loser was. */
const gainsClip = (winner: Article, loser: Article) => winner.clippedAt === undefined && loser.clippedAt !== undefined;

/** The winner's record, with the loser's clip fields when the winner has none (bodies: `BodyMerge`). */
function keepClip(winner: Article, loser: Article): Article {
  if (!gainsClip(winner, loser)) return winner;
  const out: Article = { ...winner };
  for (const key of CLIP_FIELDS) {
    if (loser[key] !== undefined) (out as unknown as Record<string, unknown>)[key] = loser[key];
  }
  return out;
}

/**
 * Writes the merged articles' bodies (in the caller's transaction). The stored body is read for
 * every article that had one and is given fields: for the fields to mix, and for its saved images,
 * which no file brings (backups carry none, docs/formats.md), so the copy written keeps those its
 * html still names.
 */
async function writeBodies(db: VerbatimDb, merges: readonly BodyMerge[]): Promise<void> {
  const has = (f: BodyMerge['fields']) => f.html !== undefined || f.text !== undefined;
  // Bodies given in full replace the stored one; nothing given over or under leaves it as it is.
  const known = merges.filter((m) => !m.fresh && has(m.fields));
  const stored = new Map(known.length ? (await db.bodies.bulkGet(known.map((m) => m.id))).flatMap((b) => (b ? [[b.id, b] as const] : [])) : []);
  const put: ArticleBody[] = [];
  const gone: string[] = [];
  for (const { id, fields, mode, fresh } of merges) {
    if ((mode !== 'replace' || fresh) && !has(fields)) continue;
    const old = stored.get(id);
    const body: ArticleBody =
      mode === 'replace' || !old ? { id, ...fields } : mode === 'under' ? joinFields(id, fields, old) : joinFields(id, old, fields);
    if (has(body)) put.push(withStoredImages(body, old));
    else gone.push(id);
  }
  if (put.length) await db.bodies.bulkPut(put);
  // An article imported without a body has none, even where an earlier one had.
  if (gone.length) await db.bodies.bulkDelete(gone);
}

/** `body` with the saved images (and those left out) of `old` that its html still names. */
function withStoredImages(body: ArticleBody, old: ArticleBody | undefined): ArticleBody {
  const html = body.html;
  if (!old || html === undefined || (!old.images?.length && !old.imagesLeftOut?.length)) return body;
  const named = ({ url }: { url: string }) => html.includes(url) || html.includes(url.replaceAll('&', '&amp;'));
  const images = old.images?.filter(named) ?? [];
  const leftOut = old.imagesLeftOut?.filter(named) ?? [];
  const out: ArticleBody = { ...body };
  if (images.length) out.images = images;
  if (leftOut.length) out.imagesLeftOut = leftOut;
  return out;
}

/** `top`'s fields, and `bottom`'s where `top` has none. */
function joinFields(id: string, bottom: Omit<ArticleBody, 'id'>, top: Omit<ArticleBody, 'id'>): ArticleBody {
  const body: ArticleBody = { id };
  const html = top.html ?? bottom.html;
  const text = top.text ?? bottom.text;
  if (html !== undefined) body.html = html;
  if (text !== undefined) body.text = text;
  return body;
}

/** Minimal articles for the pages of `notes` that have none (`idByUrl`: every stored article). */
function missingPages(notes: readonly Note[], idByUrl: ReadonlyMap<string, string>): Article[] {
  const byUrl = new Map<string, Note[]>();
  for (const n of notes) {
    if (idByUrl.has(n.url)) continue;
    const list = byUrl.get(n.url);
    if (list) list.push(n);
    else byUrl.set(n.url, [n]);
  }
  const pages: Article[] = [];
  for (const [url, list] of byUrl) {
    const source = list.find((n) => n.attribution)?.attribution;
    const page: Article = {
      id: crypto.randomUUID(),
      url,
      title: source?.title || url,
      tags: [],
      createdAt: list.reduce((t, n) => Math.min(t, n.createdAt), Infinity),
      updatedAt: list.reduce((t, n) => Math.max(t, n.updatedAt), 0),
    };
    if (source?.author) page.byline = source.author;
    if (source?.siteName) page.siteName = source.siteName;
    if (source?.publishedTime) page.publishedTime = source.publishedTime;
    pages.push(page);
  }
  return pages;
}

export interface ExportFilter {
  /** Only these notes (in this order; ids not stored are left out), with their articles, no settings. */
  noteIds?: readonly string[];
  /** Only this page's article and every note on it (instead of `noteIds`), no settings. */
  articleUrl?: string;
  /**
   * Only what carries this tag (instead of `noteIds`): the notes tagged, and the articles tagged
   * with every note on them; with their articles, no settings.
   */
  tag?: string;
  /**
   * Join each article's body (html, text) in; default true. The backup needs them; the other
   * formats never read them, and a library's bodies weigh far more than all its notes.
   */
  bodies?: boolean;
}

/**
 * What the exporters need, read in one transaction: every record (settings of the device itself
 * left out), or the given notes with their pages' articles, articles with their bodies joined in
 * (unless `bodies: false`). The exporters put notes in reading order themselves.
 */
export function exportRecords(db: VerbatimDb, filter: ExportFilter = {}): Promise<Required<LibraryRecords>> {
  const withBodies = filter.bodies ?? true;
  return db.transaction('r', [db.articles, db.bodies, db.notes, db.settings, db.projects, db.reviews], async () => {
    const join = async (articles: Article[]): Promise<ArticleWithBody[]> => {
      if (!withBodies || !articles.length) return articles;
      const bodies = await db.bodies.bulkGet(articles.map((a) => a.id));
      return articles.map((a, i) => joinBody(a, bodies[i]));
    };
    if (filter.articleUrl !== undefined || filter.tag !== undefined) {
      const tagged = filter.tag === undefined ? [] : await db.articles.where('tags').equals(filter.tag).toArray();
      const pages = [...new Set([...(filter.articleUrl === undefined ? [] : [filter.articleUrl]), ...tagged.map((a) => a.url)])];
      const byId = new Map<string, Note>();
      for (const n of pages.length ? await db.notes.where('url').anyOf(pages).toArray() : []) byId.set(n.id, n);
      if (filter.tag !== undefined) for (const n of await db.notes.where('tags').equals(filter.tag).toArray()) byId.set(n.id, n);
      const notes = [...byId.values()];
      const urls = [...new Set([...pages, ...notes.map((n) => n.url)])];
      const articles = urls.length ? await join(await db.articles.where('url').anyOf(urls).toArray()) : [];
      return { articles, notes, settings: [] as SettingRow[], projects: [], reviews: [] };
    }
    if (!filter.noteIds) {
      const [articles, notes, rows, projects, reviews] = await Promise.all([
        db.articles.toArray().then(join),
        db.notes.toArray(),
        db.settings.toArray(),
        db.projects.toArray(),
        db.reviews.toArray(),
      ]);
      return { articles, notes, settings: rows.filter((s) => !DEVICE_SETTINGS.has(s.key)), projects, reviews };
    }
    const notes = (await db.notes.bulkGet([...filter.noteIds])).filter((n): n is Note => n !== undefined);
    const urls = [...new Set(notes.map((n) => n.url))];
    const articles = urls.length ? await join(await db.articles.where('url').anyOf(urls).toArray()) : [];
    return { articles, notes, settings: [] as SettingRow[], projects: [], reviews: [] };
  });
}

const zero = (): MergeCounts => ({ added: 0, updated: 0, skipped: 0 });

function* chunks<T>(list: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < list.length; i += size) yield list.slice(i, i + size);
}

/** One record per key, the newest `updatedAt` (settings: the last one). Keeps first-seen order. */
function newestBy<T extends object>(list: readonly T[], key: (r: T) => string): T[] {
  const best = new Map<string, T>();
  let repeated = false;
  for (const r of list) {
    const k = key(r);
    const seen = best.get(k);
    if (seen === undefined) best.set(k, r);
    else {
      repeated = true;
      if (time(r) >= time(seen)) best.set(k, r);
    }
  }
  return repeated ? [...best.values()] : [...list];
}

const time = (r: object) => ('updatedAt' in r && typeof r.updatedAt === 'number' ? r.updatedAt : 0);
