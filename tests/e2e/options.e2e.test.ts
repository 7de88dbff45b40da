import { describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait';
import { UI, useSession } from './fixtures';

const ONE = 'The list was embarrassing and very useful.';
const TWO = 'It shows progress that a busy memory would otherwise erase.';

describe('settings: colour names, tags, shortcuts', () => {
  // Extension origins cannot be granted clipboard-read; the page reads the same clipboard.
  const browser = useSession({ clipboard: true });

  it('renames a colour, and the toolbar in the page uses the new name', async () => {
    const options = await browser.options();
    const field = options.page.getByRole('textbox', { name: 'Name of the colour “Question”' });
    await field.fill('Objection');
    await field.press('Tab');
    const page = await browser.open('article-en.html');
    await page.selectForToolbar(ONE);
    await waitFor(async () => ((await page.ui(UI.swatch('pink')))?.html ?? '').includes('aria-label="Colour: Objection"'), 5000, 'the new name');
    await page.press(UI.swatch('pink'));
    await page.waitDrawn(ONE, 'verbatim-highlight-pink');
    await page.close();
    await options.close();
  });

  it('merges one tag into another on every note, and copies a citation from the popup', async () => {
    const page = await browser.open('article-en.html');
    await page.highlight(TWO);

    const popup = await browser.popup(page);
    const [first, second] = [popup.note(ONE), popup.note(TWO)];
    await popup.addTag(first, 'journaling');
    await popup.addTag(second, 'reading log');
    await second.locator('.tag-name', { hasText: 'reading log' }).waitFor();

    await second.getByRole('button', { name: 'Copy citation' }).click();
    await second.getByRole('button', { name: 'Copied.' }).waitFor();
    const citation = await page.page.evaluate(() => navigator.clipboard.readText());
    // APA, the default style: the passage, the in-text citation, the reference, the link to the passage.
    expect(citation).toContain(`“${TWO}” (Okafor, 2024)`);
    expect(citation).toContain('Okafor, M. (2024, February 11). Ten Pages a Day');
    expect(citation.split('\n').at(-1)).toMatch(/#:~:text=/);

    const options = await browser.options();
    const row = options.page.getByRole('textbox', { name: 'Rename the tag journaling' });
    await row.fill('Reading Log');
    await options.page.getByRole('button', { name: 'Merge into “reading log”' }).click();
    await options.page.getByRole('status').filter({ hasText: '“journaling” is now “reading log”' }).waitFor();
    await options.screenshot('options-en.png');
    await expect.poll(() => options.page.locator('li.tag-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-tag')))).toEqual(['reading log']);

    await first.locator('.tag-name', { hasText: 'reading log' }).waitFor();
    expect(await popup.page.locator('.note .tag-name').allTextContents()).toEqual(['reading log', 'reading log']);
    // The merge is undone as one change: both tags are back, on the notes they were on.
    await options.page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
    await first.locator('.tag-name', { hasText: 'journaling' }).waitFor();
    expect(await popup.page.locator('.note .tag-name').allTextContents()).toEqual(['journaling', 'reading log']);
    // The tag list follows the tags by table, a moment after a change (hooks/queries.ts useTagCounts).
    await expect.poll(() => options.page.locator('li.tag-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-tag')).sort())).toEqual(['journaling', 'reading log']);
    // The shortcuts the extension declares are listed.
    expect(await options.page.locator('table.keys').textContent()).toContain('Highlight the selection');
  });
});
