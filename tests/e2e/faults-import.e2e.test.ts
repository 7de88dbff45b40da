/**
 * An import interrupted in real Chromium. Where it runs: the options page hands the file to a
 * dedicated worker of its own (utils/services/backup-worker.ts), which parses it and writes it in
 * one IndexedDB transaction; the service worker takes no part. So each test stops something in
 * the middle of that transaction (the progress bar has moved, the summary is not there yet):
 * - the service worker, stopped (DevTools `ServiceWorker.stopWorker`): the import must not
 *   notice, and the extension must wake up after;
 * - the import worker itself, closed (as a crash or the browser reclaiming it would): nothing of
 *   the file lands, and the page says the import stopped;
 * - storage full halfway through the notes, in French: nothing lands, the page says storage is
 *   full and what to do. `Storage.overrideQuotaForOrigin` on the extension's origin is accepted
 *   but not enforced by Debian's Chromium 156 for a chrome-extension:// origin (with or without
 *   `unlimitedStorage`, a 1 MB write under a 300 kB quota commits), so the test makes the
 *   browser's own IndexedDB throw its QuotaExceededError inside the running worker instead.
 * Afterwards each counts the notes: every one of the library is as it was, every one of the file
 * is either absent or stored exactly as the file has it, never half-written.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Note } from '../../utils/domain/model';
import { toBackup } from '../../utils/export/backup';
import { generateLibrary } from '../support/library';
import { waitFor } from '../support/wait';
import { useSession, type ExtensionBrowser, type Row } from './fixtures';
import type { Options } from './pages/options';

const ONE = 'The list was embarrassing and very useful.';
const TWO = 'It shows progress that a busy memory would otherwise erase.';
const NOTES = 5_000;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'verbatim-faults-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A backup file of 5,000 notes on 200 pages (seeded: each seed its own ids), and its notes. */
function importFile(seed: number): { path: string; notes: Note[] } {
  const library = generateLibrary({ articles: 200, notes: NOTES, seed });
  // Ids of their own per seed: each test's file brings only new notes.
  const notes = library.notes.map((n) => ({ ...n, id: `${seed}-${n.id}`.slice(0, 64) }));
  const path = join(dir, `library-${seed}.json`);
  writeFileSync(path, toBackup({ articles: library.articles, notes }));
  return { path, notes };
}

/**
 * Every note stored, checked against the library before the import and the file: returns how
 * many of the file's notes landed. Throws when any note is half-written (a note of the file
 * stored otherwise than the file has it, a note of the library changed or gone).
 */
async function census(browser: ExtensionBrowser, before: Map<string, Row>, file: Note[]): Promise<{ landed: number; total: number }> {
  const rows = new Map((await browser.rows('notes')).map((r) => [r.id as string, r]));
  for (const [id, row] of before) expect(rows.get(id), `library note ${id}`).toEqual(row);
  let landed = 0;
  for (const n of file) {
    const row = rows.get(n.id);
    if (!row) continue;
    landed++;
    expect(row, `imported note ${n.id}`).toMatchObject({ exact: n.exact, note: n.note, color: n.color, kind: n.kind, updatedAt: n.updatedAt, selectors: n.selectors });
  }
  expect(rows.size).toBe(before.size + landed);
  return { landed, total: rows.size };
}

/** Chooses the file and waits until the import is writing: its progress has moved, and it is not done. */
async function startImport(options: Options, path: string): Promise<Worker> {
  const worker = options.page.waitForEvent('worker', { predicate: (w) => /backup-worker/.test(w.url()), timeout: 15_000 });
  await options.importFile(path);
  const started = await worker;
  await waitFor(
    async () => {
      const bar = options.page.locator('.backup-progress progress');
      const [value, max] = await Promise.all([bar.getAttribute('value').catch(() => null), bar.getAttribute('max').catch(() => null)]);
      return value !== null && max !== null && Number(value) > 0 && Number(value) < Number(max);
    },
    30_000,
    'the import writing (progress moved, not finished)',
  );
  return started;
}

const notesOf = async (browser: ExtensionBrowser) => new Map((await browser.rows('notes')).map((r) => [r.id as string, r]));

describe('an import interrupted', () => {
  const browser = useSession();
  let options: Options;

  beforeAll(async () => {
    const article = await browser.open('article-en.html');
    await article.highlight(ONE);
    options = await browser.options();
  });

  it('the service worker stopped in the middle: the import, which runs in the options page’s worker, completes; the extension wakes up after', async () => {
    const before = await notesOf(browser);
    const file = importFile(1);
    const cdp = await options.page.context().newCDPSession(options.page);
    const versions: Array<{ versionId: string; scriptURL: string; runningStatus: string }> = [];
    cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: typeof versions }) => versions.push(...e.versions));
    await cdp.send('ServiceWorker.enable');
    const ours = await waitFor(() => versions.find((v) => v.scriptURL.includes(browser.session.extensionId)), 5000, 'the service worker’s version');

    await startImport(options, file.path);
    await cdp.send('ServiceWorker.stopWorker', { versionId: ours.versionId });
    await waitFor(() => versions.some((v) => v.versionId === ours.versionId && v.runningStatus === 'stopped'), 10_000, 'the service worker stopped');
    // Stopped while the import was still writing.
    expect(await options.importSummary.count()).toBe(0);

    await options.importSummary.waitFor({ timeout: 60_000 });
    const row = await options.importSummary.getByRole('row', { name: 'Notes' }).locator('td').allTextContents();
    expect(row).toEqual(['5,000', '0', '0']);
    expect(await census(browser, before, file.notes)).toEqual({ landed: NOTES, total: before.size + NOTES });
    await options.screenshot('faults-import-sw-stopped-en.png');

    // The stopped service worker starts again for the next save from a page.
    const article = await browser.open('article-en.html');
    await article.highlight(TWO);
    await waitFor(async () => (await browser.rows('notes')).some((r) => r.exact === TWO), 10_000, 'a highlight saved after the restart');
    await article.close();
    await cdp.detach();
  }, 180_000);

  it('the import worker closed in the middle: nothing of the file lands, and the page says the import stopped', async () => {
    const before = await notesOf(browser);
    const file = importFile(2);
    const worker = await startImport(options, file.path);
    // As a crash would: the worker's global goes, its transaction with it (never awaited: it does not answer).
    void worker.evaluate(() => (self as unknown as { close(): void }).close()).catch(() => {});
    const alert = options.page.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toBe(
      'The import stopped before it finished (the page or its worker was closed): nothing was imported and your library is unchanged. Choose the file again to import it.',
    );
    expect(await census(browser, before, file.notes)).toEqual({ landed: 0, total: before.size });
    // The buttons are back: the page is not left waiting.
    expect(await options.page.locator('button[data-action="import"]').isEnabled()).toBe(true);
    await options.screenshot('faults-import-worker-closed-en.png');
  }, 180_000);
});

describe('storage full in the middle of an import, in French', () => {
  const browser = useSession({ lang: 'fr' });

  it('nothing of the file lands; the page says storage is full and what to do, in French', async () => {
    const article = await browser.open('article-en.html');
    await article.highlight(ONE);
    const options = await browser.options();
    const before = await notesOf(browser);
    expect(before.size).toBe(1);
    const file = importFile(3);
    // The browser's IndexedDB in the import worker refuses writes once 3,000 notes are in, with
    // the error a full disk gives. The page's job for the worker is held until that is in place
    // (on a loaded machine the worker could otherwise be done before the change reached it).
    await options.page.evaluate(() => {
      type Post = (this: unknown, ...args: unknown[]) => void;
      const page = window as unknown as { Worker: { prototype: { postMessage: Post } }; releaseJob: () => void };
      const proto = page.Worker.prototype;
      const post = proto.postMessage;
      proto.postMessage = function (this: unknown, ...args: unknown[]) {
        proto.postMessage = post;
        page.releaseJob = () => post.apply(this, args);
      };
    });
    const started = options.page.waitForEvent('worker', { predicate: (w) => /backup-worker/.test(w.url()), timeout: 15_000 });
    await options.importFile(file.path);
    const worker = await started;
    await worker.evaluate(() => {
      const put = IDBObjectStore.prototype.put;
      let notes = 0;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        if (this.name === 'notes' && ++notes > 3_000) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.apply(this, args);
      };
    });
    await options.page.evaluate(() => (window as unknown as { releaseJob: () => void }).releaseJob());
    const alert = options.page.getByRole('alert');
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.textContent()).toBe(
      'Le stockage est plein : rien n’a été importé et votre bibliothèque est inchangée. Libérez de la place sur cet appareil, ou exportez puis supprimez d’anciennes notes, et réessayez.',
    );
    expect(await census(browser, before, file.notes)).toEqual({ landed: 0, total: 1 });
    await options.screenshot('faults-import-storage-full-fr.png');
  }, 180_000);
});
