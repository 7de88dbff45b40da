import { useEffect, useRef, useState } from 'preact/hooks';
import type { Library, LibraryChange } from '../../hooks/useLibrary';
import { articleBodies } from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import type { ArticleWithBody } from '../../utils/domain/model';
import { SearchIndex } from '../../utils/search';

/** Bodies read per request while the full-text index is built: ~1.3 MB of text, a few tens of ms of indexing between breaks. */
const BODY_BATCH = 50;
/** Past this many articles changed at once (an import), the full-text index is built again rather than patched. */
const REBUILD_OVER = 200;

/**
 * The search index, kept in step with the library: built once when it loads, then updated note
 * by note. Full-text search (article text) is a separate index, built on first use from the
 * article bodies in the database (the library never holds them).
 */
export function useSearchIndex(db: VerbatimDb) {
  const plain = useRef<SearchIndex | null>(null);
  const [ready, setReady] = useState(0);
  const scheduled = useRef(false);
  const full = useRef<FullTextIndex | null>(null);
  full.current ??= new FullTextIndex(db, () => setReady((r) => r + 1));
  useEffect(() => () => full.current?.destroy(), []);

  const feed = useRef<IndexFeed | null>(null);
  feed.current ??= new IndexFeed(() => plain.current, () => setReady((r) => r + 1));
  useEffect(() => () => feed.current?.destroy(), []);

  /** Feed every library change here (from useLibrary's onChange). */
  const follow = (change: LibraryChange, library: Library) => {
    if (plain.current) feed.current!.push(change);
    full.current!.follow(change, library);
    if (!plain.current && !scheduled.current) {
      // Built after the first paint: the list shows at once, search and filters a moment later.
      // The build reads the library as it is then, so changes in between are not lost.
      scheduled.current = true;
      setTimeout(() => {
        const index = new SearchIndex();
        index.bulkLoad(library.notes.values(), library.articles.values());
        plain.current = index;
        setReady((r) => r + 1);
      }, 0);
    }
  };

  /**
   * The index to query, or null while it is being prepared. The full-text one is built the first
   * time it is asked for, reading the bodies in batches; `ready` changes when it is there.
   */
  const get = (fullText: boolean, library: Library): SearchIndex | null => (fullText ? full.current!.get(library) : plain.current);
  return { follow, get, ready };
}

/** Time given to the index per task while a large change is taken in (ms). */
const SLICE_MS = 8;

/**
 * Takes library changes into the index a slice at a time, in order, yielding between slices: a
 * sync storing 500 notes, or an import, would otherwise hold the panel for a few hundred ms, and
 * the keys typed meanwhile in the search box would wait for it (issue #15). Until a change is
 * taken in, searches see the index as it was; `onIdle` hears when it has caught up. Exported for
 * tests.
 */
export class IndexFeed {
  readonly #index: () => SearchIndex | null;
  readonly #onIdle: () => void;
  readonly #slice: number;
  /** One operation per entry, in the order the changes came. */
  #ops: Array<() => void> = [];
  #next = 0;
  #scheduled = false;
  #stopped = false;

  constructor(index: () => SearchIndex | null, onIdle: () => void, sliceMs = SLICE_MS) {
    this.#index = index;
    this.#onIdle = onIdle;
    this.#slice = sliceMs;
  }

  /** Whether changes wait to be taken in. */
  get busy(): boolean {
    return this.#next < this.#ops.length;
  }

  push(change: LibraryChange): void {
    const index = this.#index;
    for (const id of change.removed) this.#ops.push(() => index()?.remove(id));
    for (const a of change.articles) this.#ops.push(() => index()?.putArticle(a));
    for (const n of change.upserted)
      this.#ops.push(() => {
        const i = index();
        if (i) (i.has(n.id) ? i.update(n) : i.add(n));
      });
    this.#schedule();
  }

  destroy(): void {
    this.#stopped = true;
  }

  #schedule(): void {
    if (this.#scheduled || this.#stopped || !this.busy) return;
    this.#scheduled = true;
    setTimeout(() => this.#drain(), 0);
  }

  #drain(): void {
    this.#scheduled = false;
    if (this.#stopped) return;
    const until = performance.now() + this.#slice;
    // At least one operation per task, then as many as fit in the slice.
    do this.#ops[this.#next++]!();
    while (this.busy && performance.now() < until);
    if (this.busy) return this.#schedule();
    this.#ops = [];
    this.#next = 0;
    this.#onIdle();
  }
}

/**
 * The full-text index: built from the article bodies in the database on first use, a batch at a
 * time, then kept in step: notes at once, an article (re-clipped, imported) by reading its body
 * again. Exported for tests.
 */
export class FullTextIndex {
  /** The index, once built. */
  index: SearchIndex | null = null;
  readonly #db: VerbatimDb;
  readonly #onReady: () => void;
  #library: Library | null = null;
  #wanted = false;
  #running = false;
  #stopped = false;
  /** Articles whose body must be read again: changed since the index read it. */
  #stale = new Set<string>();

  /** `onReady` hears each time the index was built or brought up to date. */
  constructor(db: VerbatimDb, onReady: () => void) {
    this.#db = db;
    this.#onReady = onReady;
  }

  /** The index, or null until it is built; the first call with a loaded library starts the build. */
  get(library: Library): SearchIndex | null {
    this.#library = library;
    if (!this.#wanted && library.loaded) {
      this.#wanted = true;
      void this.#run();
    }
    return this.index;
  }

  /** Every library change (after the build has started: before, there is nothing to follow). */
  follow(change: LibraryChange, library: Library): void {
    this.#library = library;
    if (!this.#wanted) return;
    const index = this.index;
    if (index) {
      for (const id of change.removed) index.remove(id);
      for (const n of change.upserted) (index.has(n.id) ? index.update(n) : index.add(n));
    }
    for (const a of change.articles) this.#stale.add(a.id);
    if (this.#stale.size) void this.#run();
  }

  /** Stops any build or update under way. */
  destroy(): void {
    this.#stopped = true;
  }

  /** One loop at a time: builds, or rebuilds after a large change, then reads stale bodies. */
  async #run(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      while (!this.#stopped) {
        if (this.#stale.size > REBUILD_OVER) this.index = null;
        if (!this.index) await this.#build();
        else if (this.#stale.size) await this.#refresh();
        else break;
        if (!this.#stopped) this.#onReady();
      }
    } catch (e) {
      console.error('Verbatim: full-text index failed', e);
      this.index = null;
      this.#wanted = false;
    } finally {
      this.#running = false;
    }
  }

  async #build(): Promise<void> {
    // What changes from here on is read again afterwards; records are taken as they are when read.
    this.#stale.clear();
    const library = () => this.#library!;
    const ids = [...library().articles.keys()];
    const index = new SearchIndex({ fullText: true });
    // Notes are read when the articles are done: the library's live map, so none is missed.
    await index.bulkLoadBatches({ [Symbol.iterator]: () => library().notes.values() }, this.#batches(ids));
    // Set in the same task as the notes were read: a change heard after this is applied to it.
    if (!this.#stopped) this.index = index;
  }

  async *#batches(ids: readonly string[]): AsyncGenerator<ArticleWithBody[]> {
    // The next batch is read while this one is indexed: the database works as the page does.
    const read = (at: number) => this.#withBodies(ids.slice(at, at + BODY_BATCH));
    let next = read(0);
    for (let at = 0; at < ids.length && !this.#stopped; at += BODY_BATCH) {
      const batch = await next;
      if (at + BODY_BATCH < ids.length) next = read(at + BODY_BATCH);
      yield batch;
    }
  }

  /** The articles (as the library has them now) with their body's text, those still there. */
  async #withBodies(ids: readonly string[]): Promise<ArticleWithBody[]> {
    const bodies = await articleBodies(this.#db, ids);
    const articles = this.#library!.articles;
    return ids.flatMap((id, i) => {
      const article = articles.get(id);
      const text = bodies[i]?.text;
      return article ? [text === undefined ? article : { ...article, text }] : [];
    });
  }

  async #refresh(): Promise<void> {
    const ids = [...this.#stale].slice(0, BODY_BATCH);
    for (const id of ids) this.#stale.delete(id);
    const articles = await this.#withBodies(ids);
    for (const article of articles) this.index?.putArticle(article);
  }
}
