import { liveQuery } from 'dexie';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { VerbatimDb } from '../utils/db/schema';
import type { Article, Note } from '../utils/model';

/** The whole library in memory, and what changed in the last update. */
export interface Library {
  notes: Map<string, Note>;
  articles: Map<string, Article>;
  /** Articles by normalised URL (notes point at their page by URL). */
  articleByUrl: Map<string, Article>;
  /** Bumps on every change, for memoisation. */
  version: number;
  loaded: boolean;
}

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

/**
 * Reads only what changed since the last look: rows whose `updatedAt` is at or after the newest
 * seen, plus rows whose key is new (a restored note keeps its old `updatedAt`), and drops rows
 * whose key is gone. One key scan per change instead of re-reading 50,000 notes.
 */
async function delta<T extends { id: string; updatedAt: number }>(
  table: { toCollection(): { primaryKeys(): Promise<string[]> }; where(i: string): { aboveOrEqual(v: number): { toArray(): Promise<T[]> } }; bulkGet(keys: string[]): Promise<(T | undefined)[]> },
  state: Table<T>,
): Promise<{ upserted: T[]; removed: string[] }> {
  const [keys, changed] = await Promise.all([table.toCollection().primaryKeys(), table.where('updatedAt').aboveOrEqual(state.since).toArray()]);
  const present = new Set(keys);
  const removed = [...state.rows.keys()].filter((id) => !present.has(id));
  const known = new Set(changed.map((r) => r.id));
  const missing = keys.filter((id) => !state.rows.has(id) && !known.has(id));
  const restored = missing.length ? (await table.bulkGet(missing)).filter((r): r is T => !!r) : [];
  const upserted = [...changed, ...restored].filter((r) => state.rows.get(r.id) !== r && !sameRecord(state.rows.get(r.id), r));
  return { upserted, removed };
}

/** Cheap equality for records re-read unchanged (same id, same updatedAt). */
const sameRecord = <T extends { updatedAt: number }>(a: T | undefined, b: T) => a !== undefined && a.updatedAt === b.updatedAt && JSON.stringify(a) === JSON.stringify(b);

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
  const listener = useRef(onChange);
  const loadedOnce = useRef(false);
  listener.current = onChange;

  useEffect(() => {
    const sub = liveQuery(() =>
      db.transaction('r', db.notes, db.articles, async () => ({
        notes: await delta(db.notes as never, notes.current),
        articles: await delta(db.articles as never, articles.current),
      })),
    ).subscribe({
      next: (d) => {
        const apply = <T extends { id: string; updatedAt: number }>(t: Table<T>, c: { upserted: T[]; removed: string[] }) => {
          for (const id of c.removed) t.rows.delete(id);
          for (const r of c.upserted) {
            t.rows.set(r.id, r);
            if (r.updatedAt > t.since) t.since = r.updatedAt;
          }
        };
        for (const id of d.articles.removed) {
          const gone = articles.current.rows.get(id);
          if (gone) byUrl.current.delete(gone.url);
        }
        apply(notes.current, d.notes as { upserted: Note[]; removed: string[] });
        apply(articles.current, d.articles as { upserted: Article[]; removed: string[] });
        for (const a of d.articles.upserted as Article[]) byUrl.current.set(a.url, a);
        const change = { upserted: d.notes.upserted as Note[], removed: d.notes.removed, articles: d.articles.upserted as Article[] };
        const nothing = !change.upserted.length && !change.removed.length && !change.articles.length && !d.articles.removed.length;
        const firstLoad = !loadedOnce.current;
        loadedOnce.current = true;
        setLoaded(true);
        // The first load is always announced, even of an empty library: listeners build on it.
        if (nothing && !firstLoad) return;
        listener.current?.(change, snapshot());
        setVersion((v) => v + 1);
      },
      error: (e: unknown) => console.error('Verbatim: library sync failed', e),
    });
    return () => sub.unsubscribe();
  }, [db]);

  const snapshot = (): Library => ({
    notes: notes.current.rows,
    articles: articles.current.rows,
    articleByUrl: byUrl.current,
    version,
    loaded: loadedOnce.current,
  });
  return { ...snapshot(), version, loaded };
}
