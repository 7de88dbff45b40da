/**
 * Debian's Chromium with the built extension, shared by the e2e tests, the corpus checks and the
 * Chromium benchmarks: where the build is, how the browser is started, and a quick way to fill
 * the extension's database.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir}: run \`npm run build\` first.`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium`);
  const server = await serveDir(options.servedDir ?? FIXTURES);
  const profile = mkdtempSync(join(tmpdir(), 'verbatim-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale: options.lang ?? 'en-US',
    viewport: { width: 1280, height: 900 },
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, `--lang=${options.lang ?? 'en-US'}`, ...CHROMIUM_ARGS],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    origin: server.origin,
    async close() {
      await context.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Puts `notes` straight into the extension's database, from its service worker (benchmarks with
 * thousands of notes). The extension's own code creates the database first: the side panel opens
 * it (a web page no longer does, as a page without notes runs only the loader).
 */
export async function putNotes(session: Session, notes: unknown[]): Promise<void> {
  const panel = await session.context.newPage();
  await panel.goto(`chrome-extension://${session.extensionId}/sidepanel.html`);
  await waitFor(
    () => session.worker.evaluate(async () => (await indexedDB.databases()).some((d) => d.name === 'verbatim' && (d.version ?? 0) > 0)),
    15_000,
    'the extension’s database',
  );
  await session.worker.evaluate(async (rows) => {
    const db: IDBDatabase = await new Promise((ok, fail) => {
      const req = indexedDB.open('verbatim');
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    await new Promise<void>((ok, fail) => {
      const tx = db.transaction('notes', 'readwrite');
      for (const row of rows) tx.objectStore('notes').put(row);
      tx.oncomplete = () => ok();
      tx.onerror = () => fail(tx.error);
    });
    db.close();
  }, notes);
  await panel.close();
}
