/**
 * Two browsers of one user, for the sync tests (issue #15): two Chromium profiles, each its own
 * persistent context and user-data directory with the built extension (so each its own
 * extension database, storage and service worker), both reading the SAME served pages: one
 * static server on 127.0.0.1 for the two, so a page has one URL and a note made on it in A
 * belongs to the same page in B.
 *
 *   const { a, b } = useTwoProfiles();
 *   const page = await a.open('article-en.html');
 *   await page.highlight('…');
 *   const panel = await b.sidePanel();
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import type { SyncStatus } from '../../utils/sync/types';
import { checkBuilt, FIXTURES, fixturesWith, launchChromium, storeCount, type Session } from '../support/chromium';
import { serveDir } from '../support/static-server.mjs';
import { waitFor } from '../support/wait';
import { ExtensionPages } from './fixtures';
import { SCREENSHOTS } from './pages/screen';

/** One of the two browsers: its session (context, service worker, extension id) and its pages. */
export class Profile extends ExtensionPages {
  constructor(
    /** 'A' or 'B', for messages. */
    readonly name: string,
    readonly session: Session,
  ) {
    super();
  }

  get extensionId(): string {
    return this.session.extensionId;
  }

  /** How many rows one of the extension's stores holds (a count, not the rows: thousands of notes). */
  count(store: string): Promise<number> {
    return storeCount(this.session, store);
  }

  /** What the extension keeps in `browser.storage.local` under `key`. */
  storage<T>(key: string): Promise<T | undefined> {
    return this.session.worker.evaluate(async (k) => {
      const api = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome;
      return (await api.storage.local.get(k))[k];
    }, key) as Promise<T | undefined>;
  }

  /** The sync status the options page and the side panel show (`syncStatus`). */
  syncStatus(): Promise<SyncStatus | undefined> {
    return this.storage<SyncStatus>('syncStatus');
  }

  /**
   * Waits until a sync that ended after `since` left nothing waiting and no error: the status is
   * idle, synced at or after `since`, with no change pending. Returns that status.
   */
  async waitSynced(since: number, timeoutMs = 60_000): Promise<SyncStatus> {
    let last: SyncStatus | undefined;
    try {
      return await waitFor(
        async () => {
          last = await this.syncStatus();
          return last?.state === 'idle' && (last.lastSyncedAt ?? 0) >= since && last.pending === 0 && last;
        },
        timeoutMs,
        `${this.name} synced`,
      );
    } catch (e) {
      throw new Error(`${(e as Error).message}; status: ${JSON.stringify(last)}`);
    }
  }

  /** Waits until the status shows an error, and returns it. */
  async waitSyncError(timeoutMs = 60_000): Promise<NonNullable<SyncStatus['error']>> {
    let last: SyncStatus | undefined;
    try {
      return await waitFor(
        async () => {
          last = await this.syncStatus();
          return last?.state === 'error' && last.error;
        },
        timeoutMs,
        `${this.name}'s sync error`,
      );
    } catch (e) {
      throw new Error(`${(e as Error).message}; status: ${JSON.stringify(last)}`);
    }
  }

  /** The browser's clock (ms): stamps and statuses are compared with its `Date.now()`. */
  now(): Promise<number> {
    return this.session.worker.evaluate(() => Date.now());
  }
}

export interface TwoProfilesOptions {
  /** Pages to serve beside the fixtures, by name (a temporary copy of tests/fixtures). */
  pages?: Record<string, string>;
  /** The browsers' language (en-US by default). */
  lang?: string;
}

/** The two browsers, and the one origin both read pages from. */
export interface TwoProfiles {
  readonly a: Profile;
  readonly b: Profile;
  /** Origin of the pages both browsers open, e.g. http://127.0.0.1:41234 */
  readonly origin: string;
  /** Writes (or rewrites) a page both browsers are served (needs `pages`). */
  serve(name: string, content: string): void;
}

/**
 * Two browsers (A and B) for the enclosing file or describe: started in `beforeAll` (one after
 * the other: on a 2-core machine two starting Chromiums only slow each other), closed in `afterAll`.
 */
export function useTwoProfiles(options: TwoProfilesOptions = {}): TwoProfiles {
  let a: Profile | undefined;
  let b: Profile | undefined;
  let origin: string | undefined;
  let pages: ReturnType<typeof fixturesWith> | undefined;
  const closers: Array<() => Promise<void>> = [];
  const serve = (name: string, content: string) => {
    if (!pages) throw new Error('serve() needs useTwoProfiles({ pages })');
    pages.write(name, content);
  };
  beforeAll(async () => {
    checkBuilt();
    mkdirSync(SCREENSHOTS, { recursive: true });
    if (options.pages) pages = fixturesWith(options.pages, 'verbatim-sync-pages-');
    const server = await serveDir(pages?.dir ?? FIXTURES);
    closers.push(server.close);
    origin = server.origin;
    const lang = options.lang ?? 'en-US';
    const first = await launchChromium({ origin, lang, profileName: 'sync-a' });
    closers.push(first.close);
    const second = await launchChromium({ origin, lang, profileName: 'sync-b' });
    closers.push(second.close);
    a = new Profile('A', first);
    b = new Profile('B', second);
  }, 120_000);
  afterAll(async () => {
    for (const close of closers.reverse()) await close().catch(() => {});
    pages?.remove();
  });
  const started = <T>(x: T | undefined): T => {
    if (x === undefined) throw new Error('the two browsers are started by useTwoProfiles() in beforeAll');
    return x;
  };
  return {
    get a() {
      return started(a);
    },
    get b() {
      return started(b);
    },
    get origin() {
      return started(origin);
    },
    serve,
  };
}
