import { useRef, useState } from 'preact/hooks';
import type { Library, LibraryChange } from '../../components/useLibrary';
import { SearchIndex } from '../../utils/search';

/**
 * The search index, kept in step with the library: built once when it loads, then updated note
 * by note. Full-text search (article text) is a separate index, built on first use.
 */
export function useSearchIndex() {
  const plain = useRef<SearchIndex | null>(null);
  const full = useRef<SearchIndex | null>(null);
  const [ready, setReady] = useState(0);
  const scheduled = useRef(false);

  /** Feed every library change here (from useLibrary's onChange). */
  const follow = (change: LibraryChange, library: Library) => {
    for (const index of [plain.current, full.current]) {
      if (!index) continue;
      for (const id of change.removed) index.remove(id);
      for (const a of change.articles) index.putArticle(a);
      for (const n of change.upserted) (index.has(n.id) ? index.update(n) : index.add(n));
    }
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

  /** The index to query; the full-text one is built from the library the first time it is asked for. */
  const get = (fullText: boolean, library: Library): SearchIndex | null => {
    if (!fullText) return plain.current;
    if (!full.current && library.loaded) {
      full.current = new SearchIndex({ fullText: true });
      full.current.bulkLoad(library.notes.values(), library.articles.values());
    }
    return full.current;
  };
  return { follow, get, ready };
}
