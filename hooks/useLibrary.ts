import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { EarlyPreview } from '../utils/db/early-preview';
import { LiveLibrary, type LibraryChange } from '../utils/db/live-library';
import type { VerbatimDb } from '../utils/db/schema';
import type { Article, Note } from '../utils/domain/model';
import { errorText } from '../utils/domain/storage-full';

export type { LibraryChange };

/** The whole library in memory, and what changed in the last update. */
export interface Library {
  notes: ReadonlyMap<string, Note>;
  articles: ReadonlyMap<string, Article>;
  /** Articles by normalised URL (notes point at their page by URL). */
  articleByUrl: ReadonlyMap<string, Article>;
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

/**
 * The library for the side panel, as Preact state: a LiveLibrary (utils/db/live-library.ts),
 * loaded once, then kept up to date from any context's writes. `onChange` hears every change
 * (the search index follows it). `preview` is the first paint's read when the page started it
 * before rendering (`readPreview`); else it is made here.
 */
export function useLibrary(db: VerbatimDb, onChange?: (change: LibraryChange, library: Library) => void, preview?: Promise<EarlyPreview>): Library {
  const live = useMemo(() => new LiveLibrary(db), [db]);
  const [, setVersion] = useState(0);
  const [early, setEarly] = useState<Library['preview']>();
  const [error, setError] = useState<string>();
  const listener = useRef(onChange);
  listener.current = onChange;

  useEffect(() => {
    live.start(
      {
        onPreview: (notes, complete) => setEarly({ notes, complete }),
        onChange: (change) => {
          listener.current?.(change, snapshot(live));
          setVersion(live.version);
        },
        onError: (e) => setError(errorText(e)),
      },
      preview,
    );
    return () => live.destroy();
    // The preview is the first read's only: a later one is not taken.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [live]);

  const library = snapshot(live);
  return { ...library, preview: library.loaded ? undefined : early, ...(error === undefined ? {} : { error }) };
}

const snapshot = (live: LiveLibrary): Library => ({
  notes: live.notes,
  articles: live.articles,
  articleByUrl: live.articleByUrl,
  version: live.version,
  loaded: live.loaded,
});
