import { describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait';
import { fixture, useSession } from './fixtures';

const KEPT = 'The rule felt almost too modest to matter.';
const EDITED_AWAY = 'The list was embarrassing and very useful.';
const LATE = 'This paragraph arrives after the page has loaded.';

const ORIGINAL = fixture('article-en.html');

describe('highlights survive page edits in the real browser, or are honestly orphaned', () => {
  const browser = useSession({
    pages: {
      'changing.html': ORIGINAL,
      // A page that renders its last paragraph a moment after load, as single-page apps do. Not
      // the same article as changing.html: it does not declare the same canonical address (notes
      // follow their article there, tests/e2e/aliases.e2e.test.ts).
      'late.html': ORIGINAL.replace('<link rel="canonical" href="/posts/ten-pages-a-day/">', '').replace(
        '</body>',
        `<script>setTimeout(() => { const p = document.createElement('p'); p.textContent = ${JSON.stringify(LATE)}; document.querySelector('article').append(p); }, 1500);</script></body>`,
      ),
    },
  });

  it('finds a moved passage, and lists a deleted one as not found, with delete and undo', async () => {
    const page = await browser.open('changing.html');
    await page.highlight(KEPT);
    await page.highlight(EDITED_AWAY);

    // The site edits its article: a paragraph inserted at the top, another sentence removed.
    browser.serve(
      'changing.html',
      ORIGINAL.replace('<p>Most people', '<p>Update: this essay was revised in March.</p>\n    <p>Most people').replace(` ${EDITED_AWAY}`, ''),
    );
    await page.reload();
    await waitFor(async () => (await page.drawnTexts()).includes(KEPT), 5000, 'the moved passage redrawn');
    expect(await page.drawnTexts()).toEqual([KEPT]);

    const popup = await browser.popup(page);
    const orphans = popup.page.locator('section.orphans');
    await orphans.waitFor({ timeout: 10_000 });
    expect(await orphans.getByRole('heading').textContent()).toBe('Not found on this page (1)');
    expect(await orphans.locator('.note-text').allTextContents()).toEqual([EDITED_AWAY]);
    expect(await popup.page.locator('section.page-notes .note-text').allTextContents()).toEqual([KEPT]);
    await popup.screenshot('popup-orphan-en.png');

    const panel = await browser.sidePanel();
    const orphanNote = panel.note(EDITED_AWAY);
    await orphanNote.locator('.badge-orphan').waitFor();

    // Delete, then undo: the note comes back exactly, still an orphan.
    await orphans.getByRole('button', { name: 'Delete this note' }).click();
    await orphans.waitFor({ state: 'detached' });
    await orphanNote.waitFor({ state: 'detached' });
    await popup.page.getByRole('button', { name: 'Undo' }).click();
    await orphans.waitFor();
    await orphanNote.locator('.badge-orphan').waitFor();

    // Deleting a drawn note from the side panel takes its drawing off the page.
    await panel.deleteNote(KEPT);
    await waitFor(async () => (await page.drawnTexts()).length === 0, 5000, 'the drawing removed');
    await panel.page.getByRole('button', { name: 'Undo' }).click();
    await waitFor(async () => (await page.drawnTexts()).includes(KEPT), 5000, 'the drawing back');
    await panel.close();
    await popup.close();
  });

  it('draws a highlight whose passage renders after the page has loaded', async () => {
    const page = await browser.open('late.html');
    await page.page.getByText(LATE).waitFor();
    await page.highlight(LATE);
    await page.reload();
    expect(await page.drawnTexts()).toEqual([]); // not there yet at load
    await waitFor(async () => (await page.drawnTexts()).includes(LATE), 5000, 'the late passage drawn');
    // It was found before the watch gave up, so it was never reported as an orphan.
    const popup = await browser.popup(page);
    await popup.page.locator('section.page-notes li.note').first().waitFor();
    await popup.page.waitForTimeout(2000);
    expect(await popup.page.locator('section.orphans').count()).toBe(0);
    await popup.close();
  });
});
