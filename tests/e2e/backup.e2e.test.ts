import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBackup } from '../../utils/export/backup';
import { generateLibrary } from '../support/library';
import { drawnTexts, launch, openArticle, openExtensionPage, saveSelection, SCREENSHOTS, type Session, waitFor } from './harness';

const ONE = 'The list was embarrassing and very useful.';
const TWO = 'It shows progress that a busy memory would otherwise erase.';

/** Clicks `click` and waits for the download it starts; saves it in `dir`. */
async function downloadOf(page: Page, click: () => Promise<void>, dir: string): Promise<{ download: Download; path: string }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), click()]);
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  return { download, path };
}

/** Reads or writes Verbatim's settings store directly (liveQuery does not see raw writes: reload after). */
function putSetting(page: Page, key: string, value: unknown): Promise<void> {
  return page.evaluate(
    ({ key, value }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('verbatim');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('settings', 'readwrite');
          tx.objectStore('settings').put({ key, value });
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    { key, value },
  );
}

function getAll(page: Page, store: string): Promise<Array<Record<string, unknown>>> {
  return page.evaluate(
    (store) =>
      new Promise<Array<Record<string, unknown>>>((resolve, reject) => {
        const open = indexedDB.open('verbatim');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction(store).objectStore(store).getAll();
          req.onsuccess = () => (open.result.close(), resolve(req.result));
          req.onerror = () => reject(req.error);
        };
      }),
    store,
  );
}

/** The longest the page took to answer while `action` ran (asked every 10 ms). */
async function slowestAnswer(page: Page, action: () => Promise<unknown>): Promise<number> {
  let running = true;
  let slowest = 0;
  const ping = (async () => {
    while (running) {
      const start = performance.now();
      await page.evaluate(() => 0);
      slowest = Math.max(slowest, performance.now() - start);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  try {
    await action();
  } finally {
    running = false;
    await ping;
  }
  return slowest;
}

describe('backup, export and import', () => {
  let session: Session;
  let dir: string;
  let options: Page;
  let panel: Page;
  let article: Page;
  let backupPath: string;

  beforeAll(async () => {
    session = await launch();
    dir = mkdtempSync(join(tmpdir(), 'verbatim-downloads-'));
    // The article stays open in its tab: an import redraws it.
    article = await openArticle(session, 'article-en.html');
    await saveSelection(article, ONE);
    await saveSelection(article, TWO, '.swatch-button[data-color="green"]');
    options = await openExtensionPage(session, 'options.html');
    panel = await openExtensionPage(session, 'sidepanel.html');
    await waitFor(async () => (await panel.locator('.results .note').count()) === 2, 10_000, 'two notes in the panel');
  });
  afterAll(async () => {
    await session?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows storage usage, persistence and the last backup, then makes a JSON backup and records its date', async () => {
    await options.bringToFront();
    await options.getByRole('heading', { name: 'Backup & export' }).waitFor();
    await waitFor(async () => /^Space used: [\d.,]+ (kB|MB|GB) of [\d.,]+ (kB|MB|GB|TB) available$/.test((await options.getByTestId('storage-usage').textContent()) ?? ''), 5000, 'usage');
    // Chrome leaves persisted() false for an extension, whose unlimitedStorage keeps it from eviction.
    expect(await options.getByTestId('storage-persisted').textContent()).toMatch(/^Protected: Verbatim’s “unlimited storage” permission/);
    expect(await options.getByTestId('last-backup').textContent()).toBe('Last backup: never');
    expect(await options.getByRole('combobox', { name: 'Remind me to back up' }).inputValue()).toBe('monthly');

    // The work runs in a worker, off the page's main thread.
    const workers: string[] = [];
    options.on('worker', (w) => workers.push(w.url()));
    const { download, path } = await downloadOf(options, () => options.getByRole('button', { name: 'JSON backup' }).click(), dir);
    backupPath = path;
    expect(workers.some((url) => /\/assets\/backup-worker-[\w-]+\.js$/.test(url))).toBe(true);
    expect(download.suggestedFilename()).toMatch(/^verbatim-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const backup = JSON.parse(readFileSync(path, 'utf8'));
    expect(backup).toMatchObject({ format: 'verbatim-backup', version: 1 });
    expect(backup.notes.map((n: { exact: string }) => n.exact).sort()).toEqual([ONE, TWO].sort());
    await options.getByRole('status').filter({ hasText: `Exported: ${download.suggestedFilename()}` }).waitFor();
    await waitFor(async () => (await options.getByTestId('last-backup').textContent())?.startsWith('Last backup: ') === true && !(await options.getByTestId('last-backup').textContent())?.includes('never'), 5000, 'the backup date');
    // The device's own settings never travel in a backup.
    expect(backup.settings.map((s: { key: string }) => s.key)).not.toContain('lastBackupAt');
    await options.screenshot({ path: join(SCREENSHOTS, 'options-backup-en.png'), fullPage: true });
  });

  it('brings back a deleted note from the backup, and says what it did', async () => {
    await panel.bringToFront();
    await panel.locator('.results .note', { hasText: ONE }).getByRole('button', { name: 'Delete this note' }).click();
    await waitFor(async () => (await panel.locator('.results .note').count()) === 1, 5000, 'one note left');
    await waitFor(async () => !(await drawnTexts(article)).includes(ONE), 5000, 'the passage no longer drawn in its tab');

    await options.bringToFront();
    await options.locator('input[type="file"]').setInputFiles(backupPath);
    const summary = options.getByTestId('import-summary');
    await summary.waitFor();
    expect(await summary.locator('p').first().textContent()).toMatch(/^Imported “verbatim-backup-[\d-]+\.json” \(Verbatim backup\)\.$/);
    const row = async (name: string) => (await summary.getByRole('row', { name }).locator('td').allTextContents());
    // Added, updated, already up to date.
    expect(await row('Notes')).toEqual(['1', '0', '1']);
    expect(await row('Pages')).toEqual(['0', '0', '1']);
    await options.screenshot({ path: join(SCREENSHOTS, 'options-imported-en.png'), fullPage: true });
    const epoch = (await getAll(options, 'settings')).find((s) => s.key === 'libraryEpoch')?.value;
    expect(epoch).toBe(1);

    await panel.bringToFront();
    await waitFor(async () => (await panel.locator('.results .note').count()) === 2, 10_000, 'the note back in the panel');
    await panel.locator('.results .note', { hasText: ONE }).waitFor();
    // The tab showing the article draws it again without being reloaded.
    await waitFor(async () => (await drawnTexts(article)).includes(ONE), 5000, 'the passage drawn again in the open tab');
  });

  it('refuses a corrupted file with a clear error, and changes nothing', async () => {
    await options.bringToFront();
    const before = { notes: await getAll(options, 'notes'), settings: await getAll(options, 'settings') };
    const text = readFileSync(backupPath, 'utf8');

    const cut = join(dir, 'cut.json');
    writeFileSync(cut, text.slice(0, Math.floor(text.length / 2)));
    await options.locator('input[type="file"]').setInputFiles(cut);
    const alert = options.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe(
      'Nothing was imported, your library is unchanged: the file ends early (it was cut short: download or copy it again)',
    );

    const data = JSON.parse(text);
    data.notes[1].color = 'orange';
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify(data));
    await options.locator('input[type="file"]').setInputFiles(bad);
    await waitFor(async () => ((await alert.textContent()) ?? '').includes('notes[1].color: expected'), 5000, 'the field named');
    await options.screenshot({ path: join(SCREENSHOTS, 'options-import-error-en.png'), fullPage: true });

    expect({ notes: await getAll(options, 'notes'), settings: await getAll(options, 'settings') }).toEqual(before);
  });

  it('exports the current view as Markdown from the side panel’s menu', async () => {
    await panel.bringToFront();
    await panel.getByRole('searchbox', { name: 'Search your notes' }).fill('embarrassing');
    await waitFor(async () => (await panel.locator('.results .note').count()) === 1, 5000, 'one result');
    await panel.getByRole('button', { name: 'Export & import' }).click();
    const menu = panel.getByRole('dialog', { name: 'Export & import' });
    await menu.waitFor();
    expect(await menu.getByRole('radio', { name: 'Current view (1 note)' }).isChecked()).toBe(true);
    expect(await menu.getByRole('radio', { name: 'All (2 notes)' }).isChecked()).toBe(false);
    // The side panel's usual width.
    await panel.setViewportSize({ width: 380, height: 720 });
    await panel.screenshot({ path: join(SCREENSHOTS, 'sidepanel-menu-en.png') });

    const { download, path } = await downloadOf(panel, () => menu.getByRole('button', { name: 'Markdown, one file per article' }).click(), dir);
    expect(download.suggestedFilename()).toMatch(/^Ten Pages a Day.*\.md$/);
    const md = readFileSync(path, 'utf8');
    expect(md).toMatch(/^---\ntitle: "Ten Pages a Day/);
    expect(md).toContain('The list was embarrassing and very useful.');
    expect(md).not.toContain('busy memory');

    // All notes, in one Markdown file.
    await menu.getByRole('radio', { name: 'All (2 notes)' }).check();
    const all = await downloadOf(panel, () => menu.getByRole('button', { name: 'Markdown, one file', exact: true }).click(), dir);
    expect(all.download.suggestedFilename()).toMatch(/^verbatim-library-[\d-]+\.md$/);
    expect(readFileSync(all.path, 'utf8')).toContain('busy memory');

    await panel.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });
    await panel.getByRole('searchbox', { name: 'Search your notes' }).fill('');
  });

  it('reminds to back up in the side panel once a backup is overdue, and “Back up now” makes one', async () => {
    await putSetting(options, 'lastBackupAt', Date.now() - 40 * 86_400_000);
    await panel.reload();
    const banner = panel.getByTestId('backup-reminder');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Your last backup was on');
    await panel.screenshot({ path: join(SCREENSHOTS, 'sidepanel-reminder-en.png') });
    const { download } = await downloadOf(panel, () => banner.getByRole('button', { name: 'Back up now' }).click(), dir);
    expect(download.suggestedFilename()).toMatch(/^verbatim-backup-/);
    await banner.waitFor({ state: 'detached' });
    const last = (await getAll(options, 'settings')).find((s) => s.key === 'lastBackupAt')?.value as number;
    expect(Date.now() - last).toBeLessThan(60_000);
  });

  it('imports a large backup with progress, the page never freezing', async () => {
    // Extension pages share one renderer process: the panel's own reload would be measured too.
    await panel.close();
    const big = join(dir, 'big.json');
    writeFileSync(big, toBackup(generateLibrary({ notes: 20_000, articles: 800 })));
    await options.bringToFront();
    // Every progress label shown is kept.
    await options.evaluate(() => {
      const w = window as unknown as { seen: string[] };
      w.seen = [];
      new MutationObserver(() => {
        const label = document.querySelector('.backup-progress span')?.textContent;
        if (label && w.seen.at(-1) !== label) w.seen.push(label);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    // A frozen main thread answers late; the measure does see it (a control).
    const control = await slowestAnswer(options, () => options.evaluate(() => setTimeout(() => {
      const start = performance.now();
      while (performance.now() - start < 400);
    }, 50)).then(() => new Promise((r) => setTimeout(r, 600))));
    expect(control).toBeGreaterThan(300);

    const summary = options.getByTestId('import-summary');
    const workers: string[] = [];
    options.on('worker', (w) => workers.push(w.url()));
    const slowest = await slowestAnswer(options, async () => {
      await options.locator('input[type="file"]').setInputFiles(big);
      // A look at the progress bar, when the machine is slow enough to catch it.
      await options
        .getByText(/^Importing… /)
        .waitFor({ timeout: 5000 })
        .then(() => options.locator('.backup').screenshot({ path: join(SCREENSHOTS, 'options-import-progress-en.png') }))
        .catch(() => {});
      await summary.waitFor({ timeout: 60_000 });
    });
    const seen = await options.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(seen[0]).toBe('Reading and checking the file…');
    expect(seen.filter((l) => /^Importing… [\d,]+ of 20,800$/.test(l)).length).toBeGreaterThan(3);
    // Read, checked and merged in a worker: the page stays free. On this 2-core machine, shared
    // and loaded, the page's slowest answer was 100–350 ms; on this thread, reading and checking
    // the file alone would hold it for longer than that, and the bound is loose for the load.
    expect(workers.some((url) => url.includes('/assets/backup-worker-'))).toBe(true);
    expect(slowest).toBeLessThan(1000);
    expect(await summary.getByRole('row', { name: 'Notes' }).locator('td').allTextContents()).toEqual(['20,000', '0', '0']);
  });
});
