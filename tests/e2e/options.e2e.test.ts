import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clickInShadow,
  dragSelect,
  drawn,
  launch,
  openArticle,
  openExtensionPage,
  SCREENSHOTS,
  type Session,
  shadowHas,
  shadowQuery,
  tabIdOf,
  waitFor,
} from './harness';

const ONE = 'The list was embarrassing and very useful.';
const TWO = 'It shows progress that a busy memory would otherwise erase.';

describe('settings: colour names, tags, shortcuts', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
    // Extension origins cannot be granted clipboard-read; the page reads the same clipboard.
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.origin });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('renames a colour, and the toolbar in the page uses the new name', async () => {
    const options = await openExtensionPage(session, 'options.html');
    const field = options.getByRole('textbox', { name: 'Name of the colour “Question”' });
    await field.fill('Objection');
    await field.press('Tab');
    const page = await openArticle(session, 'article-en.html');
    await dragSelect(page, ONE);
    await waitFor(() => shadowHas(page, '.toolbar'), 5000, 'the toolbar');
    await waitFor(async () => ((await shadowQuery(page, '.swatch-button[data-color="pink"]'))?.html ?? '').includes('aria-label="Colour: Objection"'), 5000, 'the new name');
    await clickInShadow(page, '.swatch-button[data-color="pink"]');
    await waitFor(async () => (await drawn(page)).some((d) => d.text === ONE && d.name === 'verbatim-highlight-pink'), 5000, 'drawn pink');
    await page.close();
    await options.close();
  });

  it('merges one tag into another on every note, and copies a citation from the popup', async () => {
    const page = await openArticle(session, 'article-en.html');
    await dragSelect(page, TWO);
    await waitFor(() => shadowHas(page, '.toolbar'), 5000, 'the toolbar');
    await clickInShadow(page, 'button[data-action="highlight"]');
    await waitFor(async () => (await drawn(page)).some((d) => d.text === TWO), 5000, 'drawn');

    const popup = await openExtensionPage(session, `popup.html?tab=${await tabIdOf(session, page)}`);
    const [first, second] = [popup.locator('li.note', { hasText: ONE }), popup.locator('li.note', { hasText: TWO })];
    await first.getByRole('combobox', { name: 'Add a tag' }).fill('journaling');
    await first.getByRole('combobox', { name: 'Add a tag' }).press('Enter');
    await second.getByRole('combobox', { name: 'Add a tag' }).fill('reading log');
    await second.getByRole('combobox', { name: 'Add a tag' }).press('Enter');
    await second.locator('.tag-name', { hasText: 'reading log' }).waitFor();

    await second.getByRole('button', { name: 'Copy citation' }).click();
    await second.getByRole('button', { name: 'Copied.' }).waitFor();
    const citation = await page.evaluate(() => navigator.clipboard.readText());
    expect(citation).toContain(`“${TWO}” — Maya Okafor, Ten Pages a Day`);
    expect(citation).toMatch(/#:~:text=/);

    const options = await openExtensionPage(session, 'options.html');
    const row = options.getByRole('textbox', { name: 'Rename the tag journaling' });
    await row.fill('Reading Log');
    await options.getByRole('button', { name: 'Merge into “reading log”' }).click();
    await options.getByRole('status').filter({ hasText: '“journaling” is now “reading log”' }).waitFor();
    await options.screenshot({ path: join(SCREENSHOTS, 'options-en.png'), fullPage: true });
    expect(await options.locator('li.tag-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-tag')))).toEqual(['reading log']);

    await first.locator('.tag-name', { hasText: 'reading log' }).waitFor();
    expect(await popup.locator('.note .tag-name').allTextContents()).toEqual(['reading log', 'reading log']);
    // The shortcuts the extension declares are listed.
    expect(await options.locator('table.keys').textContent()).toContain('Highlight the selection');
  });
});
