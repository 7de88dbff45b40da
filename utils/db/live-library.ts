/**
 * The whole library in memory, kept up to date from any context's writes: what the side panel
 * lists, searches and filters. Loaded once (the newest notes first, then everything in chunks),
 * then only the changes are read back, by key when a write names its keys. The side panel's
 * `useLibrary` is a thin hook over it.
 */
import Dexie, { type ObservabilitySet } from 'dexie';
import type { Article, Note } from '../domain/model';
import { PREVIEW_NOTES, type EarlyPreview } from './early-preview';
import type { VerbatimDb } from './schema';

export { PREVIEW_NOTES };

/** What changed in one update. */
export interface LibraryChange {
  upserted: Note[];
  removed: string[];
  /** Articles changed: notes of these pages may need re-indexing (title, author). */
  articles: Article[];
}

export interface LiveLibraryEvents {
  /**
   * Before the library is loaded: the newest notes (newest first), their articles already in
   * `articleByUrl`; `complete` when they are all the notes there are.
   */
  onPreview?(notes: Note[], complete: boolean): void;
  /** Every change; the first load always, even of an empty library. */
  onChange(change: LibraryChange): void;
  /** The library could not be read (the first read failed): nothing more will come. */
  onError(error: unknown): void;
}

type Row = { id: string; updatedAt: number };
type Table<T extends Row> = { rows: Map<string, T>; since: number };
type Delta<T> = { upserted: T[]; removed: string[] };

const NOT_READ = Symbol('not read');

/** Notes read per request when the library loads. */
const CHUNK = 5_000;

/**
 * The newest notes and their pages' articles: what the side panel's first paint shows. `early`
 * is the same read made by the page's preview script before the modules loaded
 * (entrypoints/panel-preview.ts), if any; this reads it with Dexie when it has no answer.
 */
export function readPreview(db: VerbatimDb, early?: Promise<EarlyPreview | null>): Promise<EarlyPreview> {
  if (early) return early.then((p) => p ?? readPreview(db), () => readPreview(db));
  return db.transaction('r', db.notes, db.articles, async () => {
    // No count(): IndexedDB counts by walking every key (a fifth of a second on 50,000 notes).
    const notes = await db.notes.orderBy('createdAt').reverse().limit(PREVIEW_NOTES).toArray();
    const urls = [...new Set(notes.map((n) => n.url))];
    // One lookup per page (anyOf walks the index with a cursor: ~0.3 s here).
    const found = await Promise.all(urls.map((url) => db.articles.where('url').equals(url).first()));
    return { notes, articles: found.filter((a): a is Article => a !== undefined) };
  });
}

/**
 * The library, live. `start` reads it and follows every committed write (Dexie announces each,
 * with the keys it touched); `destroy` stops. The maps are updated in place.
 */
export class LiveLibrary {
  readonly #db: VerbatimDb;
  readonly #notes: Table<Note> = { rows: new Map(), since: 0 };
  readonly #articles: Table<Article> = { rows: new Map(), since: 0 };
  /** Articles by normalised URL (notes point at their page by URL). */
  readonly articleByUrl = new Map<string, Article>();
  #events: LiveLibraryEvents | null = null;
  #pending = emptyPending();
  #running = false;
  #stopped = false;
  #loaded = false;
  #version = 0;
  #seenEpoch: unknown = NOT_READ;
  readonly #onMutated = (parts: ObservabilitySet) => this.#heard(parts);

  constructor(db: VerbatimDb) {
    this.#db = db;
  }

  get notes(): ReadonlyMap<string, Note> {
    return this.#notes.rows;
  }
  get articles(): ReadonlyMap<string, Article> {
    return this.#articles.rows;
  }
  /** Whether the whole library was read. */
  get loaded(): boolean {
    return this.#loaded;
  }
  /** Bumps on every change announced. */
  get version(): number {
    return this.#version;
  }

  /**
   * Reads the library and follows it. `preview` is the first paint's read, if already started
   * (`readPreview`); else it is made here. The whole library (a second or more on 50,000 notes)
   * is read only after it, so its reads do not queue ahead of the first paint's.
   */
  start(events: LiveLibraryEvents, preview: Promise<EarlyPreview> = readPreview(this.#db)): void {
    this.#events = events;
    Dexie.on('storagemutated', this.#onMutated);
    void preview
      .then(
        (p) => {
          if (this.#stopped || this.#loaded) return;
          for (const a of p.articles) this.articleByUrl.set(a.url, a);
          events.onPreview?.(p.notes, p.notes.length < PREVIEW_NOTES);
        },
        () => undefined,
      )
      .then(() => this.#prefill())
      .then(
        () => {
          // One full comparison catches what was written while the library was being read.
          this.#pending.full = true;
          void this.#sync();
        },
        (e: unknown) => {
          console.error('Verbatim: the library could not be read', e);
          if (!this.#stopped) events.onError(e);
        },
      );
  }

  /** Stops following the database; a read under way is dropped. */
  destroy(): void {
    this.#stopped = true;
    Dexie.on('storagemutated').unsubscribe(this.#onMutated);
  }

  /**
   * Reads the whole library into empty tables, in chunks of a few thousand notes, each its own
   * request: one request for 50,000 notes would hold IndexedDB for a second or more, and every
   * other read or write in the extension (a highlight being saved in a tab) would wait behind it.
   * What changes meanwhile is caught by the first delta, which runs right after.
   */
  async #prefill(): Promise<void> {
    const db = this.#db;
    const all = await db.articles.toArray();
    store(this.#articles, all);
    for (const a of all) this.articleByUrl.set(a.url, a);
    for (let after: string | undefined; !this.#stopped; ) {
      const page = await (after === undefined ? db.notes.orderBy(':id') : db.notes.where(':id').above(after)).limit(CHUNK).toArray();
      store(this.#notes, page);
      if (page.length < CHUNK) return;
      after = page[page.length - 1]!.id;
    }
  }

  /**
   * Writes from any context are read back by key: a note saved in a tab costs one lookup, not a
   * walk of 50,000 keys. Bulk writes and range deletes name no keys: those are compared in full.
   */
  #heard(parts: ObservabilitySet): void {
    const prefix = `idb://${this.#db.name}/`;
    for (const [table, into] of [['notes', this.#pending.notes], ['articles', this.#pending.articles]] as const) {
      const part = parts[`${prefix}${table}/`];
      if (part && !keysOf(part, into)) this.#pending.full = true;
    }
    if (parts[`${prefix}settings/`]) this.#pending.settings = true;
    if (this.#loaded) void this.#sync();
  }

  async #sync(): Promise<void> {
    if (this.#running || this.#stopped) return;
    this.#running = true;
    try {
      while (!this.#stopped && hasWork(this.#pending)) {
        const work = this.#pending;
        this.#pending = emptyPending();
        const d = await this.#read(work);
        if (!this.#stopped) this.#apply(d);
      }
    } catch (e) {
      console.error('Verbatim: library sync failed', e);
      // The first full read failed: the panel would otherwise say "Loading…" for ever.
      if (!this.#loaded && !this.#stopped) this.#events?.onError(e);
    } finally {
      this.#running = false;
    }
  }

  /** What changed since the last read: by the keys written, or everything compared. */
  #read(work: Pending): Promise<{ notes: Delta<Note>; articles: Delta<Article> }> {
    const db = this.#db;
    return db.transaction('r', db.notes, db.articles, db.settings, async () => {
      let full = work.full || !this.#loaded;
      if (work.settings || !this.#loaded) {
        // An import raises the epoch: the records it wrote may carry times older than the
        // newest seen, which a delta by time would miss, so everything is compared once more.
        const epoch = (await db.settings.get('libraryEpoch'))?.value;
        if (epoch !== this.#seenEpoch) {
          if (this.#seenEpoch !== NOT_READ) {
            this.#notes.since = this.#articles.since = 0;
            full = true;
          }
          this.#seenEpoch = epoch;
        }
      }
      if (full) return { notes: await delta(db.notes as never, this.#notes), articles: await delta(db.articles as never, this.#articles) };
      return {
        notes: await byKeys(db.notes as never, this.#notes, work.notes),
        articles: await byKeys(db.articles as never, this.#articles, work.articles),
      };
    });
  }

  #apply(d: { notes: Delta<Note>; articles: Delta<Article> }): void {
    for (const id of d.articles.removed) {
      const gone = this.#articles.rows.get(id);
      if (gone) this.articleByUrl.delete(gone.url);
    }
    put(this.#notes, d.notes);
    put(this.#articles, d.articles);
    for (const a of d.articles.upserted) this.articleByUrl.set(a.url, a);
    const change = { upserted: d.notes.upserted, removed: d.notes.removed, articles: d.articles.upserted };
    const nothing = !change.upserted.length && !change.removed.length && !change.articles.length && !d.articles.removed.length;
    const firstLoad = !this.#loaded;
    this.#loaded = true;
    // The first load is always announced, even of an empty library: listeners build on it.
    if (nothing && !firstLoad) return;
    this.#version++;
    this.#events?.onChange(change);
  }
}

type Pending = { notes: Set<string>; articles: Set<string>; full: boolean; settings: boolean };

const emptyPending = (): Pending => ({ notes: new Set(), articles: new Set(), full: false, settings: false });

const hasWork = (p: Pending) => p.full || p.settings || p.notes.size > 0 || p.articles.size > 0;

/** Keeps rows and the newest `updatedAt` seen. */
function store<T extends Row>(t: Table<T>, rows: readonly T[]): void {
  for (const r of rows) {
    t.rows.set(r.id, r);
    if (r.updatedAt > t.since) t.since = r.updatedAt;
  }
}

function put<T extends Row>(t: Table<T>, d: Delta<T>): void {
  for (const id of d.removed) t.rows.delete(id);
  store(t, d.upserted);
}

/**
 * The full comparison, for writes that name no keys (bulk writes, range deletes, an import):
 * rows whose `updatedAt` is at or after the newest seen, plus rows whose key is new (a restored
 * note keeps its old `updatedAt`), and rows whose key is gone. One key scan instead of
 * re-reading 50,000 notes.
 */
async function delta<T extends Row>(
  table: { toCollection(): { primaryKeys(): Promise<string[]> }; where(i: string): { aboveOrEqual(v: number): { toArray(): Promise<T[]> } }; bulkGet(keys: string[]): Promise<(T | undefined)[]> },
  state: Table<T>,
): Promise<Delta<T>> {
  const [keys, changed] = await Promise.all([table.toCollection().primaryKeys(), table.where('updatedAt').aboveOrEqual(state.since).toArray()]);
  const present = new Set(keys);
  const removed = [...state.rows.keys()].filter((id) => !present.has(id));
  const known = new Set(changed.map((r) => r.id));
  const missing = keys.filter((id) => !state.rows.has(id) && !known.has(id));
  const restored = missing.length ? (await table.bulkGet(missing)).filter((r): r is T => !!r) : [];
  const upserted = [...changed, ...restored].filter((r) => state.rows.get(r.id) !== r && !sameRecord(state.rows.get(r.id), r));
  return { upserted, removed };
}

/** The rows of these keys now: those gone are removed, those changed upserted. */
async function byKeys<T extends Row>(table: { bulkGet(keys: string[]): Promise<(T | undefined)[]> }, state: Table<T>, keys: Set<string>): Promise<Delta<T>> {
  const ids = [...keys];
  const rows = ids.length ? await table.bulkGet(ids) : [];
  const upserted: T[] = [];
  const removed: string[] = [];
  rows.forEach((row, i) => {
    if (row) {
      if (!sameRecord(state.rows.get(row.id), row)) upserted.push(row);
    } else if (state.rows.has(ids[i]!)) removed.push(ids[i]!);
  });
  return { upserted, removed };
}

/**
 * Adds the primary keys a mutated part names to `into`; false when it names a range (a bulk
 * write or a range delete), which only a full comparison can settle. Dexie's RangeSet is an
 * interval tree of nodes `{ from, to, l, r }`; a single key is an interval from it to itself.
 */
function keysOf(set: unknown, into: Set<string>): boolean {
  const stack: unknown[] = [set];
  while (stack.length) {
    const node = stack.pop() as { from?: unknown; to?: unknown; l?: unknown; r?: unknown; d?: number } | null | undefined;
    if (!node || node.d === 0 || !('from' in node)) continue;
    if (typeof node.from !== 'string' || node.from !== node.to) return false;
    into.add(node.from);
    stack.push(node.l, node.r);
  }
  return true;
}

/** Cheap equality for records re-read unchanged (same id, same updatedAt). */
const sameRecord = <T extends { updatedAt: number }>(a: T | undefined, b: T) => a !== undefined && a.updatedAt === b.updatedAt && JSON.stringify(a) === JSON.stringify(b);
