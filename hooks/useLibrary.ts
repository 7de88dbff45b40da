import Dexie, { type ObservabilitySet } from 'dexie';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { VerbatimDb } from '../utils/db/schema';
import { PREVIEW_NOTES, type EarlyPreview } from '../utils/db/early-preview';
import type { Article, Note } from '../utils/domain/model';
import { errorText } from '../utils/platform/write-error';

/** The whole library in memory, and what changed in the last update. */
export interface Library {
  notes: Map<string, Note>;
  articles: Map<string, Article>;
  /** Articles by normalised URL (notes point at their page by URL). */
  articleByUrl: Map<string, Article>;
  /** Bumps on every change, for memoisation. */
  version: number;
  loaded: boolean;
  /**
   * Before the library is loaded: the newest notes (newest first), their articles in
   * `articleByUrl`, read by a small query so the panel paints at once; `complete` when they are
   * all the notes there are.
   */
  preview?: { notes: Note[]; complete: boolean };
  /** Why the library could not be read (the first read failed): nothing more will come. */
  error?: string;
}

const NOT_READ = Symbol('not read');

export { PREVIEW_NOTES };

export interface LibraryChange {
  upserted: Note[];
  removed: string[];
  /** Articles changed: notes of these pages may need re-indexing (title, author). */
  articles: Article[];
}

type Table<T extends { id: string; updatedAt: number }> = {
  rows: Map<string, T>;
  since: number;
};

type Delta<T> = { upserted: T[]; removed: string[] };

/** Keeps rows and the newest `updatedAt` seen. */
function store<T extends { id: string; updatedAt: number }>(t: Table<T>, rows: readonly T[]): void {
  for (const r of rows) {
    t.rows.set(r.id, r);
    if (r.updatedAt > t.since) t.since = r.updatedAt;
  }
}

/**
 * The full comparison, for writes that name no keys (bulk writes, range deletes, an import):
 * rows whose `updatedAt` is at or after the newest seen, plus rows whose key is new (a restored
 * note keeps its old `updatedAt`), and rows whose key is gone. One key scan instead of
 * re-reading 50,000 notes.
 */
async function delta<T extends { id: string; updatedAt: number }>(
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
async function byKeys<T extends { id: string; updatedAt: number }>(
  table: { bulkGet(keys: string[]): Promise<(T | undefined)[]> },
  state: Table<T>,
  keys: Set<string>,
): Promise<Delta<T>> {
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

const emptyPending = () => ({ notes: new Set<string>(), articles: new Set<string>(), full: false, settings: false });

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

/** Notes read per request when the library loads. */
const CHUNK = 5_000;

/**
 * Reads the whole library into empty tables, in chunks of a few thousand notes, each its own
 * request: one request for 50,000 notes would hold IndexedDB for a second or more, and every
 * other read or write in the extension (a highlight being saved in a tab) would wait behind it.
 * What changes meanwhile is caught by the live query's first delta, which runs right after.
 */
async function prefill(
  db: VerbatimDb,
  notes: Table<Note>,
  articles: Table<Article>,
  byUrl: Map<string, Article>,
  stopped: () => boolean,
): Promise<void> {
  const all = await db.articles.toArray();
  store(articles, all);
  for (const a of all) byUrl.set(a.url, a);
  for (let after: string | undefined; !stopped(); ) {
    const page = await (after === undefined ? db.notes.orderBy(':id') : db.notes.where(':id').above(after)).limit(CHUNK).toArray();
    store(notes, page);
    if (page.length < CHUNK) return;
    after = page[page.length - 1]!.id;
  }
}

const previews = new WeakMap<VerbatimDb, Promise<EarlyPreview>>();

/**
 * Starts reading what the first paint shows, before the UI is even rendered (a page calls this
 * first thing; `useLibrary` takes the answer, or starts the read itself). `early` is the same
 * read made by the page's preview script before the modules loaded (sidepanel.html), if any.
 */
export function startPreview(db: VerbatimDb, early?: Promise<EarlyPreview | null>): void {
  if (previews.has(db)) return;
  previews.set(db, early ? early.then((p) => p ?? readPreview(db), () => readPreview(db)) : readPreview(db));
}

/** The newest notes and their pages' articles: what the first paint shows. */
function readPreview(db: VerbatimDb) {
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
 * The library for the side panel: loaded once, then kept up to date from any context's writes
 * (Dexie live queries) by reading only the changes. `onChange` hears every change (the search
 * index follows it).
 */
export function useLibrary(db: VerbatimDb, onChange?: (change: LibraryChange, library: Library) => void): Library {
  const notes = useRef<Table<Note>>({ rows: new Map(), since: 0 });
  const articles = useRef<Table<Article>>({ rows: new Map(), since: 0 });
  const byUrl = useRef(new Map<string, Article>());
  const [version, setVersion] = useState(0);
  const [loaded, setLoaded] = useState(false);
  const [preview, setPreview] = useState<Library['preview']>();
  const [error, setError] = useState<string>();
  const listener = useRef(onChange);
  const loadedOnce = useRef(false);
  const seenEpoch = useRef<unknown>(NOT_READ);
  listener.current = onChange;

  useEffect(() => {
    let stopped = false;
    // The newest notes first, in a query of a few ms; the whole library (a second or more on
    // 50,000 notes) is read only after, so its reads do not queue ahead of the first paint's.
    const started = previews.get(db) ?? readPreview(db);
    previews.delete(db);
    void started
      .then(
        (p) => {
          if (stopped || loadedOnce.current) return;
          for (const a of p.articles) byUrl.current.set(a.url, a);
          setPreview({ notes: p.notes, complete: p.notes.length < PREVIEW_NOTES });
        },
        () => undefined,
      )
      .then(() => prefill(db, notes.current, articles.current, byUrl.current, () => stopped))
      .then(
        () => {
          // One full comparison catches what was written while the library was being read.
          pending.full = true;
          void sync();
        },
        (e: unknown) => {
          console.error('Verbatim: the library could not be read', e);
          if (!stopped) setError(errorText(e));
        },
      );

    /**
     * Writes from any context (Dexie announces every committed transaction here, with the keys
     * it touched) are read back by key: a note saved in a tab costs one lookup, not a walk of
     * 50,000 keys. Bulk writes and range deletes name no keys: those are compared in full.
     */
    let pending = emptyPending();
    let running = false;
    const prefix = `idb://${db.name}/`;
    const onMutated = (parts: ObservabilitySet) => {
      for (const [table, into] of [['notes', pending.notes], ['articles', pending.articles]] as const) {
        const part = parts[`${prefix}${table}/`];
        if (part && !keysOf(part, into)) pending.full = true;
      }
      if (parts[`${prefix}settings/`]) pending.settings = true;
      if (loadedOnce.current) void sync();
    };
    Dexie.on('storagemutated', onMutated);

    async function sync(): Promise<void> {
      if (running || stopped) return;
      running = true;
      try {
        while (!stopped && (pending.full || pending.settings || pending.notes.size || pending.articles.size)) {
          const work = pending;
          pending = emptyPending();
          const d = await db.transaction('r', db.notes, db.articles, db.settings, async () => {
            let full = work.full || !loadedOnce.current;
            if (work.settings || !loadedOnce.current) {
              // An import raises the epoch: the records it wrote may carry times older than the
              // newest seen, which a delta by time would miss, so everything is compared once more.
              const epoch = (await db.settings.get('libraryEpoch'))?.value;
              if (epoch !== seenEpoch.current) {
                if (seenEpoch.current !== NOT_READ) {
                  notes.current.since = articles.current.since = 0;
                  full = true;
                }
                seenEpoch.current = epoch;
              }
            }
            if (full) {
              return {
                notes: await delta(db.notes as never, notes.current),
                articles: await delta(db.articles as never, articles.current),
              };
            }
            return {
              notes: await byKeys(db.notes as never, notes.current, work.notes),
              articles: await byKeys(db.articles as never, articles.current, work.articles),
            };
          });
          if (!stopped) apply(d as { notes: Delta<Note>; articles: Delta<Article> });
        }
      } catch (e) {
        console.error('Verbatim: library sync failed', e);
        // The first full read failed: the panel would otherwise say "Loading…" for ever.
        if (!loadedOnce.current && !stopped) setError(errorText(e));
      } finally {
        running = false;
      }
    }

    return () => {
      stopped = true;
      Dexie.on('storagemutated').unsubscribe(onMutated);
    };
  }, [db]);

  const apply = (d: { notes: Delta<Note>; articles: Delta<Article> }) => {
    const put = <T extends { id: string; updatedAt: number }>(t: Table<T>, c: Delta<T>) => {
      for (const id of c.removed) t.rows.delete(id);
      store(t, c.upserted);
    };
    for (const id of d.articles.removed) {
      const gone = articles.current.rows.get(id);
      if (gone) byUrl.current.delete(gone.url);
    }
    put(notes.current, d.notes);
    put(articles.current, d.articles);
    for (const a of d.articles.upserted) byUrl.current.set(a.url, a);
    const change = { upserted: d.notes.upserted, removed: d.notes.removed, articles: d.articles.upserted };
    const nothing = !change.upserted.length && !change.removed.length && !change.articles.length && !d.articles.removed.length;
    const firstLoad = !loadedOnce.current;
    loadedOnce.current = true;
    setLoaded(true);
    // The first load is always announced, even of an empty library: listeners build on it.
    if (nothing && !firstLoad) return;
    listener.current?.(change, snapshot());
    setVersion((v) => v + 1);
  };

  const snapshot = (): Library => ({
    notes: notes.current.rows,
    articles: articles.current.rows,
    articleByUrl: byUrl.current,
    version,
    loaded: loadedOnce.current,
  });
  return { ...snapshot(), version, loaded, preview: loaded ? undefined : preview, ...(error === undefined ? {} : { error }) };
}
