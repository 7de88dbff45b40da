import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  drawnTexts,
  launch,
  openArticle,
  openExtensionPage,
  ROOT,
  saveSelection,
  SCREENSHOTS,
  type Session,
  tabIdOf,
  waitFor,
  waitForVerbatim,
} from './harness';

const KEPT = 'The rule felt almost too modest to matter.';
const EDITED_AWAY = 'The list was embarrassing and very useful.';
const LATE = 'This paragraph arrives after the page has loaded.';

describe('highlights survive page edits in the real browser, or are honestly orphaned', () => {
  let session: Session;
  let dir: string;
  const original = readFileSync(join(ROOT, 'tests', 'fixtures', 'article-en.html'), 'utf8');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'verbatim-pages-'));
    copyFileSync(join(ROOT, 'tests', 'fixtures', 'article-en.html'), join(dir, 'changing.html'));
    // A page that renders its last paragraph a moment after load, as single-page apps do.
    writeFileSync(
      join(dir, 'late.html'),
      original.replace(
        '</body>',
        `<script>setTimeout(() => { const p = document.createElement('p'); p.textContent = ${JSON.stringify(LATE)}; document.querySelector('article').append(p); }, 1500);</script></body>`,
      ),
    );
    session = await launch({ servedDir: dir });
  });
  afterAll(async () => {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds a moved passage, and lists a deleted one as not found, with delete and undo', async () => {
    const page = await openArticle(session, 'changing.html');
    await saveSelection(page, KEPT);
    await saveSelection(page, EDITED_AWAY);

    // The site edits its article: a paragraph inserted at the top, another sentence removed.
    writeFileSync(
      join(dir, 'changing.html'),
      original
        .replace('<p>Most people', '<p>Update: this essay was revised in March.</p>\n    <p>Most people')
        .replace(` ${EDITED_AWAY}`, ''),
    );
    await page.reload();
    await waitForVerbatim(page);
    await waitFor(async () => (await drawnTexts(page)).includes(KEPT), 5000, 'the moved passage redrawn');
    expect(await drawnTexts(page)).toEqual([KEPT]);

    const popup = await openExtensionPage(session, `popup.html?tab=${await tabIdOf(session, page)}`);
    const orphans = popup.locator('section.orphans');
    await orphans.waitFor({ timeout: 10_000 });
    expect(await orphans.getByRole('heading').textContent()).toBe('Not found on this page (1)');
    expect(await orphans.locator('.note-text').allTextContents()).toEqual([EDITED_AWAY]);
    expect(await popup.locator('section.page-notes .note-text').allTextContents()).toEqual([KEPT]);
    await popup.screenshot({ path: join(SCREENSHOTS, 'popup-orphan-en.png') });

    const panel = await openExtensionPage(session, 'sidepanel.html');
    const orphanNote = panel.locator('.results .note', { hasText: EDITED_AWAY });
    await orphanNote.locator('.badge-orphan').waitFor();

    // Delete, then undo: the note comes back exactly, still an orphan.
    await orphans.getByRole('button', { name: 'Delete this note' }).click();
    await orphans.waitFor({ state: 'detached' });
    await orphanNote.waitFor({ state: 'detached' });
    await popup.getByRole('button', { name: 'Undo' }).click();
    await orphans.waitFor();
    await orphanNote.locator('.badge-orphan').waitFor();

    // Deleting a drawn note from the side panel takes its drawing off the page.
    await panel.locator('.results .note', { hasText: KEPT }).getByRole('button', { name: 'Delete this note' }).click();
    await waitFor(async () => (await drawnTexts(page)).length === 0, 5000, 'the drawing removed');
    await panel.getByRole('button', { name: 'Undo' }).click();
    await waitFor(async () => (await drawnTexts(page)).includes(KEPT), 5000, 'the drawing back');
    await panel.close();
    await popup.close();
  });

  it('draws a highlight whose passage renders after the page has loaded', async () => {
    const page = await openArticle(session, 'late.html');
    await page.getByText(LATE).waitFor();
    await saveSelection(page, LATE);
    await page.reload();
    await waitForVerbatim(page);
    expect(await drawnTexts(page)).toEqual([]); // not there yet at load
    await waitFor(async () => (await drawnTexts(page)).includes(LATE), 5000, 'the late passage drawn');
    // It was found before the watch gave up, so it was never reported as an orphan.
    const popup = await openExtensionPage(session, `popup.html?tab=${await tabIdOf(session, page)}`);
    await popup.locator('section.page-notes li.note').first().waitFor();
    await popup.waitForTimeout(2000);
    expect(await popup.locator('section.orphans').count()).toBe(0);
    await popup.close();
  });
});
