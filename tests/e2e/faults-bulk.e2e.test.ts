/**
 * A bulk change interrupted, in real Chromium. Where it runs: the side panel's bulk bar writes
 * each change itself, one IndexedDB transaction of its own page (utils/db/changes.ts through
 * utils/services/changes.ts); the service worker takes no part. So the test stops each of them
 * while a bulk delete of 60 of 300 notes is on its way:
 * - the service worker (DevTools `ServiceWorker.stopWorker`): the change completes, for every
 *   selected note, and its Undo still brings every one back exactly;
 * - the side panel's page itself, closed the moment the user clicked (its CPU slowed twentyfold so
 *   the transaction is still running): all of the change or none of it.
 * Afterwards it counts the notes: every one fully before or fully after, never a mix. The notes
 * are read from an extension page, not the service worker, which the first test stops.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Note } from '../../utils/domain/model';
import { putNotes } from '../support/chromium';
import { generateLibrary } from '../support/library';
import { waitFor } from '../support/wait';
import { useSession } from './fixtures';
import type { SidePanel } from './pages/side-panel';

const COUNT = 300;
/** Notes selected for the bulk change, with the keyboard as a user would. */
const SELECTED = 60;

/** Every note stored, read with bare IndexedDB from an extension page. */
const notesIn = (page: Page): Promise<Note[]> =>
  page.evaluate(
    () =>
      new Promise<Note[]>((resolve, reject) => {
        const open = indexedDB.open('verbatim');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('notes').objectStore('notes').getAll();
          req.onsuccess = () => (open.result.close(), resolve(req.result as Note[]));
          req.onerror = () => reject(req.error);
        };
      }),
  );

/**
 * Counts the notes against the library before the change: every note still there is exactly as
 * it was, and either none or all of the `selected` notes are gone, never a part.
 */
async function census(probe: Page, before: readonly Note[], selected: number): Promise<{ deleted: number; total: number }> {
  const now = new Map((await notesIn(probe)).map((n) => [n.id, n]));
  let deleted = 0;
  for (const n of before) {
    const row = now.get(n.id);
    if (!row) deleted++;
    else expect(row).toEqual(n);
  }
  expect(now.size).toBe(before.length - deleted);
  expect([0, selected]).toContain(deleted);
  return { deleted, total: now.size };
}

/** Selects the first `count` notes listed (Space selects the focused row, ↓ moves). */
async function selectFirst(panel: SidePanel, count: number): Promise<void> {
  await waitFor(async () => (await panel.page.getByTestId('total').textContent()) === `${COUNT} notes`, 30_000, 'every note listed');
  await panel.page.locator('.results [role="listitem"]').first().focus();
  for (let i = 0; i < count; i++) {
    await panel.page.keyboard.press('Space');
    await panel.page.keyboard.press('ArrowDown');
  }
  await waitFor(async () => (await panel.page.locator('.bulk-count').textContent()) === `${count} selected`, 10_000, `${count} selected`);
}

describe('a bulk change interrupted', () => {
  const browser = useSession();
  let probe: Page;
  let before: Note[];

  beforeAll(async () => {
    await putNotes(browser.session, generateLibrary({ articles: 20, notes: COUNT, seed: 9 }).notes);
    probe = await browser.extensionPage('options.html');
    before = await notesIn(probe);
    expect(before).toHaveLength(COUNT);
  });

  it('the service worker stopped during a bulk delete: the change, made in the side panel, completes for every selected note, and Undo brings each back', async () => {
    const panel = await browser.sidePanel();
    await selectFirst(panel, SELECTED);
    const cdp = await panel.page.context().newCDPSession(panel.page);
    const versions: Array<{ versionId: string; scriptURL: string; runningStatus: string }> = [];
    cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: typeof versions }) => versions.push(...e.versions));
    await cdp.send('ServiceWorker.enable');
    const ours = await waitFor(() => versions.find((v) => v.scriptURL.includes(browser.session.extensionId)), 5000, 'the service worker');

    await panel.page.locator('.bulk-bar [data-bulk="delete"]').click();
    await cdp.send('ServiceWorker.stopWorker', { versionId: ours.versionId });
    await waitFor(() => versions.some((v) => v.versionId === ours.versionId && v.runningStatus === 'stopped'), 10_000, 'the service worker stopped');
    await waitFor(async () => (await panel.page.locator('.undo-bar').textContent())?.includes(`${SELECTED} notes deleted.`) ?? false, 10_000, 'the undo bar');
    expect(await census(probe, before, SELECTED)).toEqual({ deleted: SELECTED, total: COUNT - SELECTED });
    expect(await panel.page.getByRole('alert').count()).toBe(0);

    await panel.page.locator('.undo-bar').getByRole('button', { name: 'Undo' }).click();
    await waitFor(async () => (await notesIn(probe)).length === COUNT, 10_000, 'every note back');
    expect(await census(probe, before, SELECTED)).toEqual({ deleted: 0, total: COUNT });
    await cdp.detach();
    await panel.close();
  }, 120_000);

  it('the side panel closed the moment a bulk delete was clicked: all of it or none, never a part', async () => {
    const panel = await browser.sidePanel();
    await selectFirst(panel, SELECTED);
    const cdp = await panel.page.context().newCDPSession(panel.page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 });
    await panel.page.locator('.bulk-bar [data-bulk="delete"]').click({ noWaitAfter: true });
    await panel.page.close({ runBeforeUnload: false });
    const after = await census(probe, before, SELECTED);
    expect(after.total).toBe(COUNT - after.deleted);
  }, 120_000);
});
