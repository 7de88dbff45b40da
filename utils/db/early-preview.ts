/**
 * The side panel's first screen, read with bare IndexedDB by a tiny classic script that runs
 * before the panel's modules (Dexie, Preact, the UI) have even loaded: on a cold start that
 * overlaps opening the database with loading the code. The panel takes the answer if it is
 * there (see `readPreview` in utils/db/live-library.ts), else reads the same with Dexie.
 *
 * It never creates or upgrades anything: it opens the database at whatever version it has, and
 * when there is no database yet it aborts the creation (Dexie makes it properly afterwards).
 * Its connection closes as soon as the read is done, or at once if another wants to upgrade.
 */
import type { Article, ArticleWithBody, Note } from '../domain/model';

/** Notes on the side panel's first screen: a screenful and more. */
export const PREVIEW_NOTES = 50;

export interface EarlyPreview {
  notes: Note[];
  articles: Article[];
}

/** The newest `limit` notes (newest first) and their pages' articles, or null on any trouble. */
export function readEarlyPreview(idb: IDBFactory, name: string, limit: number): Promise<EarlyPreview | null> {
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      request = idb.open(name);
    } catch {
      return resolve(null);
    }
    // Only fires when there is no database: make none.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = (e) => {
      e.preventDefault();
      resolve(null);
    };
    request.onblocked = () => resolve(null);
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => db.close();
      const notes: Note[] = [];
      const articles: Article[] = [];
      const finish = (ok: boolean) => {
        db.close();
        resolve(ok ? { notes, articles } : null);
      };
      try {
        const tx = db.transaction(['notes', 'articles'], 'readonly');
        tx.oncomplete = () => finish(true);
        tx.onabort = () => finish(false);
        const byDate = tx.objectStore('notes').index('createdAt');
        const withArticles = () => {
          const byUrl = tx.objectStore('articles').index('url');
          for (const url of new Set(notes.map((n) => n.url))) {
            const get = byUrl.get(url);
            get.onsuccess = () => {
              if (!get.result) return;
              // A database not upgraded to v5 yet (opened here first after an update) still has
              // the bodies on its articles: the panel never holds them.
              const { html: _html, text: _text, ...article } = get.result as ArticleWithBody;
              articles.push(article);
            };
          }
        };
        if ('getAllRecords' in byDate) {
          // Chrome 141+: getAll takes a direction, one request instead of one per note.
          const index = byDate as unknown as { getAll(options: { count: number; direction: IDBCursorDirection }): IDBRequest<Note[]> };
          const newest = index.getAll({ count: limit, direction: 'prev' });
          newest.onsuccess = () => {
            notes.push(...newest.result);
            withArticles();
          };
        } else {
          const cursor = byDate.openCursor(null, 'prev');
          cursor.onsuccess = () => {
            const at = cursor.result;
            if (at && notes.length < limit) {
              notes.push(at.value as Note);
              at.continue();
            } else withArticles();
          };
        }
      } catch {
        finish(false);
      }
    };
  });
}
