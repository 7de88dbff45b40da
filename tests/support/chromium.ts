/**
 * Debian's Chromium with the built extension, shared by the e2e tests, the corpus checks and the
 * Chromium benchmarks: where the build is, how the browser is started, and a quick way to fill
 * the extension's database.
 */
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { serveDir } from './static-server.mjs';
import { waitFor } from './wait';

export const ROOT = resolve(import.meta.dirname, '..', '..');
/** The sample pages the tests and `npm run dev` serve. */
export const FIXTURES = join(ROOT, 'tests', 'fixtures');
export const EXTENSION_DIR = join(resolve(ROOT, process.env.VERBATIM_OUT_DIR ?? '.output'), 'chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Debian's Chromium as these tests run it: as root in a container, headless, and without the
 * background connections this machine's closed network refuses (see ../shared/TOOLCHAIN.md).
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Session {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** Origin of the fixture server, e.g. http://127.0.0.1:41234 */
  origin: string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** The folder served on 127.0.0.1 (tests/fixtures by default). */
  servedDir?: string;
  /** The browser's language (en-US by default). */
  lang?: string;
  /** The unpacked extension to load (the build in `EXTENSION_DIR` by default). */
  extensionDir?: string;
}

/** Launches Chromium with the built extension and serves `servedDir` on 127.0.0.1. */
export async function launch(options: LaunchOptions = {}): Promise<Session> {
  checkBuilt(options.extensionDir ?? EXTENSION_DIR);
  const server = await serveDir(options.servedDir ?? FIXTURES);
  const session = await launchChromium({ ...options, origin: server.origin });
  return {
    ...session,
    async close() {
      await session.close();
      await server.close();
    },
  };
}

/** Fails at once, saying what to do, when there is no build or no Chromium. */
export function checkBuilt(extensionDir = EXTENSION_DIR): void {
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir}: run \`npm run build\` first.`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium`);
}

/**
 * Chromium with the extension in a fresh profile (its own extension database and service
 * worker), for pages served at `origin` by the caller; `close()` deletes the profile. Two of them
 * over one server are two browsers of one user (tests/e2e/profiles.ts).
 */
export async function launchChromium(options: Omit<LaunchOptions, 'servedDir'> & { origin: string; profileName?: string }): Promise<Session> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  const lang = options.lang ?? 'en-US';
  const profile = mkdtempSync(join(tmpdir(), `verbatim-${options.profileName ?? 'e2e'}-`));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale: lang,
    viewport: { width: 1280, height: 900 },
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, `--lang=${lang}`, ...CHROMIUM_ARGS],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return {
    context,
    worker,
    extensionId: new URL(worker.url()).host,
    origin: options.origin,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * A temporary copy of tests/fixtures with `pages` (pages or images, by name) written into it, to
 * serve; `remove()` deletes it.
 */
export function fixturesWith(pages: Record<string, string | Uint8Array>, prefix = 'verbatim-pages-'): { dir: string; write(name: string, content: string | Uint8Array): void; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(FIXTURES, dir, { recursive: true });
  const write = (name: string, content: string | Uint8Array) => writeFileSync(join(dir, name), content);
  for (const [name, content] of Object.entries(pages)) write(name, content);
  return { dir, write, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Chromium with the extension and its database, empty, for benchmarks that fill it: one blank
 * page served, and the side panel opened once so the extension creates its database (a web page
 * without notes runs only the loader); rows can then go straight in (`putRows`). `close()` also
 * deletes the served folder.
 */
export async function launchEmptyLibrary(): Promise<Session> {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-bench-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title><p>Hello.</p>');
  const session = await launch({ servedDir: dir });
  const close = async () => {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const first = await session.context.newPage();
    await first.goto(`chrome-extension://${session.extensionId}/sidepanel.html`);
    await waitForDatabase(session);
    await first.close();
  } catch (e) {
    await close();
    throw e;
  }
  return { ...session, close };
}

/**
 * Puts `notes` straight into the extension's database, from its service worker (benchmarks with
 * thousands of notes). The extension's own code creates the database first: the side panel opens
 * it (a web page no longer does, as a page without notes runs only the loader).
 */
export async function putNotes(session: Session, notes: unknown[]): Promise<void> {
  const panel = await session.context.newPage();
  await panel.goto(`chrome-extension://${session.extensionId}/sidepanel.html`);
  await waitForDatabase(session);
  await putRows(session, 'notes', notes);
  await panel.close();
}

/** Until the extension has created its database (an extension page or a page with notes opened it). */
export async function waitForDatabase(session: Session): Promise<void> {
  await waitFor(
    () => session.worker.evaluate(async () => (await indexedDB.databases()).some((d) => d.name === 'verbatim' && (d.version ?? 0) > 0)),
    15_000,
    'the extension’s database',
  );
}

/**
 * Writes rows straight into one of the extension's stores, from its service worker (the
 * extension's origin), in one transaction: not through Dexie, so nothing is tracked for sync and
 * liveQuery does not see it (reload after).
 */
export function putRows(session: Session, store: string, rows: readonly unknown[]): Promise<void> {
  return session.worker.evaluate(
    ([name, values]) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('verbatim');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(name, 'readwrite');
          for (const value of values) tx.objectStore(name).put(value);
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    [store, rows] as const,
  );
}

/** Every row of one of the extension's stores; none before the extension has created its database. */
export function storeRows<T = Record<string, unknown>>(session: Session, store: string): Promise<T[]> {
  return session.worker.evaluate(async (name) => {
    if (!(await indexedDB.databases()).some((d) => d.name === 'verbatim')) return [];
    return new Promise<T[]>((resolve, reject) => {
      const open = indexedDB.open('verbatim');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains(name)) return (db.close(), resolve([]));
        const req = db.transaction(name).objectStore(name).getAll();
        req.onsuccess = () => (db.close(), resolve(req.result as T[]));
        req.onerror = () => reject(req.error);
      };
    });
  }, store);
}

/** How many rows one of the extension's stores holds (a count, not the rows: thousands of notes). */
export function storeCount(session: Session, store: string): Promise<number> {
  return session.worker.evaluate(async (name) => {
    if (!(await indexedDB.databases()).some((d) => d.name === 'verbatim')) return 0;
    return new Promise<number>((resolve, reject) => {
      const open = indexedDB.open('verbatim');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains(name)) return (db.close(), resolve(0));
        const req = db.transaction(name).objectStore(name).count();
        req.onsuccess = () => (db.close(), resolve(req.result));
        req.onerror = () => reject(req.error);
      };
    });
  }, store);
}
