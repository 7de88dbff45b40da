/**
 * The e2e tests' shared setup: `useSession()` starts Chromium with the built extension before a
 * file's (or a describe's) tests and closes it after, and hands back the page objects' entry
 * points. Each file gets a fresh profile, so a fresh library.
 *
 *   const browser = useSession({ lang: 'fr' });
 *   it('…', async () => {
 *     const article = await browser.open('article-fr.html');
 *     await article.highlight('Quand on écrit pour tout le monde…');
 *     const popup = await browser.popup(article);
 *   });
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { FIXTURES, fixturesWith, launch, putRows, storeRows, type Session } from '../support/chromium';
import { Options } from './pages/options';
import { Popup } from './pages/popup';
import { SCREENSHOTS } from './pages/screen';
import { SidePanel } from './pages/side-panel';
import { WebPage } from './pages/web-page';

export { SCREENSHOTS } from './pages/screen';
export { UI, WebPage } from './pages/web-page';

/** The text of a page of tests/fixtures. */
export const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

export interface SessionOptions {
  /** The browser's language (en-US by default). */
  lang?: string;
  /**
   * Pages (and images) to serve beside the fixtures, by name. Given any, the session serves a temporary copy
   * of tests/fixtures with these written into it (and `serve()` can rewrite them later).
   */
  pages?: Record<string, string | Uint8Array>;
  /** Lets the served pages read and write the clipboard. */
  clipboard?: boolean;
  /** The unpacked extension to load, when not the build itself (a copy with its manifest changed). */
  extensionDir?: string;
}

/** A row of one of the extension's IndexedDB stores. */
export type Row = Record<string, unknown>;

/**
 * The pages of one browser with the extension loaded, as page objects: served pages, the side
 * panel, the options, any extension page, and the rows of its stores. Shared by the one browser
 * of most files (`useSession`) and the two of the sync tests (profiles.ts).
 */
export abstract class ExtensionPages {
  /** The running browser. */
  abstract get session(): Session;

  /** Opens a served page in a new tab, once Verbatim runs in it. */
  open(path: string): Promise<WebPage> {
    return WebPage.open(this.session, path);
  }

  /** The side panel, as a tab. */
  sidePanel(): Promise<SidePanel> {
    return SidePanel.open(this.session);
  }

  /** The options page, as a tab. */
  options(): Promise<Options> {
    return Options.open(this.session);
  }

  /** Opens any page of the extension (`reader.html`, `note-editor.html`…) as a tab. */
  async extensionPage(path: string): Promise<Page> {
    const page = await this.session.context.newPage();
    await page.goto(`chrome-extension://${this.session.extensionId}/${path}`);
    return page;
  }

  /**
   * Every row of one of the extension's stores, read from its service worker (the extension's
   * origin); none before the extension has created its database.
   */
  rows(store: string): Promise<Row[]> {
    return storeRows<Row>(this.session, store);
  }
}

/** Chromium with the extension, for the tests of one file: opens the pages they drive. */
export class ExtensionBrowser extends ExtensionPages {
  #session: Session | undefined;
  #pages: ReturnType<typeof fixturesWith> | undefined;

  /** The running browser; there once `beforeAll` has run. */
  get session(): Session {
    if (!this.#session) throw new Error('the browser is started by useSession() in beforeAll');
    return this.#session;
  }

  /** Origin of the served pages, e.g. http://127.0.0.1:41234 */
  get origin(): string {
    return this.session.origin;
  }

  async start(options: SessionOptions): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    if (options.pages) this.#pages = fixturesWith(options.pages);
    this.#session = await launch({ servedDir: this.#pages?.dir, lang: options.lang, extensionDir: options.extensionDir });
    if (options.clipboard) await this.#session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: this.#session.origin });
  }

  async stop(): Promise<void> {
    await this.#session?.close();
    this.#pages?.remove();
  }

  /** Writes (or rewrites: a site editing its article) a served page, or an image's bytes. */
  serve(name: string, content: string | Uint8Array): void {
    if (!this.#pages) throw new Error('serve() needs useSession({ pages })');
    this.#pages.write(name, content);
  }

  /** Opens the popup on `tab`'s tab. */
  popup(tab: WebPage): Promise<Popup> {
    return Popup.open(this.session, tab);
  }

  /** Writes a row straight into one of the extension's stores (liveQuery does not see it: reload after). */
  put(store: string, row: Row): Promise<void> {
    return putRows(this.session, store, [row]);
  }
}

/** One browser for the enclosing file or describe: started in `beforeAll`, closed in `afterAll`. */
export function useSession(options: SessionOptions = {}): ExtensionBrowser {
  const browser = new ExtensionBrowser();
  beforeAll(() => browser.start(options));
  afterAll(() => browser.stop());
  return browser;
}
