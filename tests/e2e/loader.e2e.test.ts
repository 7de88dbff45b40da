/**
 * The loader split (issue #12), in real Chromium with the built extension: a page without notes
 * runs only the loader; the page script comes when the page has notes or the user selects text;
 * single-page apps and the back/forward cache keep their notes right.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toBackup } from '../../utils/export/backup';
import type { Note } from '../../utils/domain/model';
import { EXTENSION_DIR } from '../support/chromium';
import { UI, useSession, type WebPage } from './fixtures';

const browser = useSession();

const INTRO = 'Ce guide reprend, chapitre par chapitre, les gestes qui font une relation client durable.';
const PART_TWO = 'Une promesse tenue vaut mieux que trois promesses ambitieuses.';

/** Goes to another route of the single-page app the way a reader does: a click on its link. */
async function route(page: WebPage, part: number): Promise<void> {
  await page.page.locator(`nav a[data-route="${part}"]`).click();
  await page.page.waitForURL(`**/spa.html?partie=${part}`);
}

/** Starts counting, in the service worker, the messages each web page sends the background. */
async function countMessages(): Promise<() => Promise<string[]>> {
  const { worker } = browser.session;
  await worker.evaluate(() => {
    const g = globalThis as unknown as { __heard?: string[]; chrome: { runtime: { onMessage: { addListener(l: (m: unknown, s: { url?: string }) => void): void } } } };
    if (g.__heard) return;
    g.__heard = [];
    g.chrome.runtime.onMessage.addListener((m, s) => void g.__heard!.push(`${(m as { type?: string })?.type} from ${s.url}`));
  });
  return () => worker.evaluate(() => (globalThis as unknown as { __heard: string[] }).__heard.slice());
}

describe('the loader', () => {
  it('is all a page without notes runs, and it says nothing to the background until the user selects text', async () => {
    const heard = await countMessages();
    const page = await browser.open('article-en.html');
    await page.page.waitForTimeout(1000);
    expect(await page.scripts()).toEqual({ loader: true, page: false });
    await page.reload();
    await page.page.waitForTimeout(500);
    expect((await heard()).filter((m) => m.includes('/article-en.html'))).toEqual([]);
    await page.select('The rule felt almost too modest to matter.');
    await page.waitShown(UI.toolbar, 'the toolbar after the first selection', 5000);
    expect(await page.scripts()).toEqual({ loader: true, page: true });
    expect((await heard()).filter((m) => m.includes('/article-en.html'))[0]).toMatch(/^loadPage from /);
    await page.close();
  });

  it('asks for no permission that adds an install warning (webNavigation included, in Chrome)', async () => {
    const manifest = readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8');
    expect(JSON.parse(manifest).permissions).toContain('webNavigation');
    const warnings = await browser.session.worker.evaluate(
      (m) =>
        new Promise<string[]>((resolve) =>
          (globalThis as unknown as { chrome: { management: { getPermissionWarningsByManifest(m: string, cb: (w: string[]) => void): void } } }).chrome.management.getPermissionWarningsByManifest(m, resolve),
        ),
      manifest,
    );
    expect(warnings).toEqual(['Read and change all your data on all websites']);
  });

  it('draws notes imported while the page is open, in a tab where only the loader ran', async () => {
    const page = await browser.open('article-en.html?imported=1');
    await page.page.waitForTimeout(500);
    expect((await page.scripts()).page).toBe(false);
    const exact = 'It shows progress that a busy memory would otherwise erase.';
    const note: Note = {
      id: '0f6b2a52-8e0c-4c55-9d1e-3f4a5b6c7d8e',
      url: `${browser.origin}/article-en.html?imported=1`,
      kind: 'highlight',
      color: 'green',
      exact,
      selectors: [{ type: 'TextQuoteSelector', exact, prefix: '', suffix: '' }],
      note: '',
      tags: [],
      createdAt: Date.now(),
      updatedAt: Date.now(),
    };
    const dir = mkdtempSync(join(tmpdir(), 'verbatim-import-'));
    try {
      const file = join(dir, 'verbatim-backup.json');
      writeFileSync(file, toBackup({ articles: [], notes: [note] }));
      const options = await browser.options();
      await options.importFile(file);
      await options.importSummary.waitFor();
      await page.waitDrawn(exact);
      expect((await page.scripts()).page).toBe(true);
      await options.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await page.close();
  });

  it('brings the page script by itself on a page with notes, and draws them', async () => {
    const first = await browser.open('spa.html?partie=1');
    await first.highlightWithKey(INTRO);
    await first.close();
    const again = await browser.open('spa.html?partie=1');
    await again.waitDrawn(INTRO);
    expect((await again.scripts()).page).toBe(true);
    await again.close();
  });

  it('saves from the context menu or a command on a page where only the loader ran', async () => {
    const page = await browser.open('article-fr.html');
    // The user's drag asks for the page script too; the menu and the commands must not depend
    // on it having arrived: the background injects it before asking (a no-op if it is there).
    const sentence = 'Un blog d’entreprise ressemble davantage à un jardin qu’à une affiche.';
    await page.select(sentence);
    expect(await page.captureFromBackground('highlight')).toEqual({ ok: true, value: true });
    await page.waitDrawn(sentence);
    await page.close();
  });
});

describe('single-page apps and the back/forward cache', () => {
  it('follows pushState: the old URL’s notes go, the new one’s come, and back again', async () => {
    const page = await browser.open('spa.html?partie=1');
    await page.waitDrawn(INTRO); // saved on ?partie=1 by the test above
    await route(page, 2);
    // The introduction is still on the page, but its highlight belongs to ?partie=1.
    await page.waitNotDrawn(INTRO, 'part 1’s highlight gone');
    await page.highlightWithKey(PART_TWO);
    await page.page.goBack();
    await page.page.waitForURL('**/spa.html?partie=1');
    await page.waitDrawn(INTRO);
    expect(await page.drawnTexts()).not.toContain(PART_TWO);
    await page.close();
  });

  it('a route without notes runs only the loader until a route with notes is reached', async () => {
    const page = await browser.open('spa.html?partie=3');
    await page.page.waitForTimeout(800);
    expect((await page.scripts()).page).toBe(false);
    await route(page, 2);
    await page.waitDrawn(PART_TWO);
    expect((await page.scripts()).page).toBe(true);
    await page.close();
  });

  it('keeps the notes drawn after going elsewhere and coming back', async () => {
    const page = await browser.open('spa.html?partie=2');
    await page.waitDrawn(PART_TWO);
    await page.page.goto(`${browser.origin}/article-en.html`);
    await page.waitForVerbatim();
    await page.page.goBack();
    await page.page.waitForURL('**/spa.html?partie=2');
    await page.waitDrawn(PART_TWO);
    // And the card still opens: the page script survived (or came back) with the page.
    await page.openCard('trois promesses ambitieuses');
    await page.close();
  });
});
