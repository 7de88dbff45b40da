import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait';
import { drawn } from './devtools';
import { SCREENSHOTS, UI, useSession, type WebPage } from './fixtures';
import type { SidePanel } from './pages/side-panel';

const FR_1 = 'Quand on écrit pour tout le monde, on n’écrit pour personne.';
const FR_2 = 'Cette liste ne se vide jamais, car les clients ne cessent jamais de s’interroger.';
const EN_1 = 'Keeping a short reading log can help as well.';
/** Earlier in the English article than EN_1: made live, it goes above it. */
const EN_2 = 'Ten pages take about fifteen minutes for most adult readers.';

/**
 * The Articles view top to bottom as the reader sees it: `# title` for an article (with `▾` when
 * open, `▸` when closed), then the text of each of its notes, or `(no notes)`.
 */
const articlesList = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('.results.articles [role="listitem"]')].map((row) => {
      if (row.classList.contains('article')) {
        const open = row.querySelector('.disclosure')!.getAttribute('aria-expanded') === 'true';
        const title = row.querySelector('.article-title')!.textContent!;
        return `${open ? '▾' : '▸'} ${/Marketing/.test(title) ? 'FR' : /Ten Pages/.test(title) ? 'EN' : /Lighthouse/.test(title) ? 'LEDGER' : title}`;
      }
      return row.querySelector('.note-text')?.textContent ?? '(no notes)';
    }),
  );

describe('review in the side panel', () => {
  const browser = useSession();
  let panel: SidePanel;
  let fr: WebPage;
  let en: WebPage;

  beforeAll(async () => {
    panel = await browser.sidePanel();
    fr = await browser.open('article-fr.html');
    await fr.highlight(FR_1);
    await fr.highlight(FR_2, UI.swatch('green'));
    en = await browser.open('article-en.html');
    await en.highlight(EN_1, UI.swatch('pink'));
    const popup = await browser.popup(fr);
    await popup.clip();
    await popup.close();
  });

  it('shows notes made in tabs, live', async () => {
    await panel.bringToFront();
    await panel.waitForNotes(3, 'three notes');
    expect(await panel.page.getByTestId('total').textContent()).toBe('3 notes');
  });

  it('searches as you type, ignoring case and accents, and marks the matched words', async () => {
    const box = panel.searchBox;
    await box.fill('ECRIT pour');
    await panel.waitForNotes(1, 'one result', 5000);
    expect(await panel.page.locator('.results .note .note-text').textContent()).toBe(FR_1);
    expect(await panel.page.locator('.results mark.match').allTextContents()).toEqual(expect.arrayContaining(['écrit', 'pour']));
    await box.fill('interrog');
    await waitFor(async () => (await panel.noteTexts()).join() === FR_2, 5000, 'prefix match');
    await box.fill('');
  });

  it('with Full text, finds notes by words of their clipped article, read from its stored body', async () => {
    const box = panel.searchBox;
    await box.fill('torrefaction');
    // Only the article's text has the word: without full text, nothing.
    await panel.page.getByText('Nothing matches.', { exact: false }).waitFor({ timeout: 5000 });
    const fullText = panel.page.getByRole('checkbox', { name: 'Full text' });
    await fullText.check();
    await panel.waitForNotes(2, 'the two notes of the clipped page');
    expect((await panel.noteTexts()).sort()).toEqual([FR_1, FR_2].sort());
    await fullText.uncheck();
    await box.fill('');
  });

  it('narrows by filters, with a count on each', async () => {
    await panel.page.getByRole('button', { name: 'Filters' }).click();
    // A search sorted by best match; with the search cleared, newest first again.
    expect(await panel.page.locator('.filters select').last().inputValue()).toBe('newest');
    const green = panel.page.locator('.filters .chip-color[data-color="green"]');
    expect(await green.locator('.count').textContent()).toBe('1');
    await green.click();
    await panel.waitForNotes(1, 'filtered', 5000);
    expect(await panel.page.locator('.results .note .note-text').textContent()).toBe(FR_2);
    await panel.page.getByRole('button', { name: 'Clear filters' }).click();
    await panel.waitForNotes(3, 'cleared', 5000);
    await panel.screenshot('sidepanel-review-light.png');
    await panel.page.emulateMedia({ colorScheme: 'dark' });
    await panel.screenshot('sidepanel-review-dark.png');
    await panel.page.emulateMedia({ colorScheme: 'light' });
    await panel.page.getByRole('button', { name: 'Filters' }).click();
  });

  it('opens at the passage: switches to the tab, scrolls to the highlight and flashes it', async () => {
    await fr.page.evaluate(() => window.scrollTo(0, 0));
    await panel.note(FR_2).getByRole('button', { name: 'Open at passage' }).click();
    await waitFor(async () => (await fr.page.evaluate(() => window.scrollY)) > 100, 10_000, 'the page scrolled');
    await waitFor(async () => (await fr.drawn()).some((d) => d.name === 'verbatim-flash' && d.text === FR_2), 5000, 'the flash');
  });

  it('deletes, then undo restores the note exactly', async () => {
    await panel.bringToFront();
    const row = panel.note(EN_1);
    const before = await row.getAttribute('data-note-id');
    await row.getByRole('button', { name: 'Delete this note' }).click();
    await row.waitFor({ state: 'detached' });
    await panel.page.getByRole('button', { name: 'Undo' }).click();
    await row.waitFor();
    expect(await row.getAttribute('data-note-id')).toBe(before);
    expect(await row.getAttribute('data-color')).toBe('pink');
  });

  it('moves through the list with the keyboard', async () => {
    await panel.page.locator('.results .row').first().focus();
    await panel.page.keyboard.press('ArrowDown');
    await waitFor(async () => (await panel.page.evaluate(() => document.activeElement?.classList.contains('active') ?? false)), 5000, 'focus moved');
    const focused = await panel.page.evaluate(() => [...document.querySelectorAll('.results .row')].indexOf(document.activeElement as Element));
    expect(focused).toBe(1);
  });

  it('reads a clipped article offline in the reader view, with its highlights', async () => {
    await panel.page.getByRole('tab', { name: 'Articles' }).click();
    const link = panel.page.locator('.results .article', { hasText: 'Marketing de contenu' }).getByRole('link', { name: 'Read' });
    const [reader] = await Promise.all([browser.session.context.waitForEvent('page'), link.click()]);
    await reader.waitForLoadState();
    await reader.getByRole('heading', { level: 1 }).waitFor();
    await waitFor(async () => (await drawn(reader)).some((d) => d.text === FR_1), 10_000, 'highlight in the reader');
    await reader.screenshot({ path: join(SCREENSHOTS, 'reader-fr.png') });
    await reader.close();
  });

  it('lists every article newest first with its notes in reading order, follows notes made in a tab, and folds', async () => {
    // A page clipped without a single note is listed too, and says so.
    const ledger = await browser.open('malformed.html');
    const popup = await browser.popup(ledger);
    await popup.clip();
    await popup.close();

    await panel.bringToFront();
    await panel.page.getByRole('tab', { name: 'Articles' }).click();
    const expected = ['▾ LEDGER', '(no notes)', '▾ EN', EN_1, '▾ FR', FR_1, FR_2];
    await waitFor(async () => JSON.stringify(await articlesList(panel.page)) === JSON.stringify(expected), 10_000, 'every article with its notes').catch(async (e: unknown) => {
      throw new Error(`${(e as Error).message}: ${JSON.stringify(await articlesList(panel.page))}`);
    });
    const frRow = panel.page.locator('.results .article', { hasText: 'Marketing de contenu' });
    expect(await frRow.locator('.count').textContent()).toBe('2 notes');
    // Notes under an article have their actions: the colour picker, for one.
    const frNote = panel.page.locator('.results .article-note .note', { hasText: FR_2 });
    expect(await frNote.locator('.swatch-button[aria-pressed="true"]').getAttribute('data-color')).toBe('green');

    // A highlight made in the tab appears under its article, in the page's order, at once.
    await en.bringToFront();
    await en.highlight(EN_2, UI.swatch('blue'));
    await panel.bringToFront();
    await waitFor(
      async () => JSON.stringify(await articlesList(panel.page)) === JSON.stringify(['▾ LEDGER', '(no notes)', '▾ EN', EN_2, EN_1, '▾ FR', FR_1, FR_2]),
      10_000,
      'the new note under its article',
    );
    expect(await panel.page.locator('.results .article', { hasText: 'Ten Pages a Day' }).locator('.count').textContent()).toBe('2 notes');
    await panel.screenshot('sidepanel-articles-en.png');
    await panel.page.emulateMedia({ colorScheme: 'dark' });
    await panel.screenshot('sidepanel-articles-dark.png');
    await panel.page.emulateMedia({ colorScheme: 'light' });

    // Folds with the mouse and the keyboard; the disclosure says its state.
    const toggle = frRow.getByRole('button', { name: /Marketing de contenu/ });
    await toggle.click();
    await waitFor(async () => (await articlesList(panel.page)).join('|') === ['▾ LEDGER', '(no notes)', '▾ EN', EN_2, EN_1, '▸ FR'].join('|'), 5000, 'folded');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.focus();
    await panel.page.keyboard.press('Enter');
    await waitFor(async () => (await articlesList(panel.page)).slice(-3).join('|') === ['▾ FR', FR_1, FR_2].join('|'), 5000, 'unfolded by keyboard');
    // Arrow keys move through the rows; ← on a row folds its article.
    const enRow = panel.page.locator('.results .article', { hasText: 'Ten Pages a Day' });
    await enRow.focus();
    await panel.page.keyboard.press('ArrowLeft');
    await waitFor(async () => (await articlesList(panel.page)).join('|') === ['▾ LEDGER', '(no notes)', '▸ EN', '▾ FR', FR_1, FR_2].join('|'), 5000, 'folded by ←');
    await panel.page.keyboard.press('ArrowDown');
    await waitFor(async () => panel.page.evaluate(() => document.activeElement?.textContent?.includes('Marketing de contenu') ?? false), 5000, 'focus on the next article');
    // Collapse all, then expand all.
    // (Named by keys articleNoNotes, collapseAll and expandAll: found by place, not by name.)
    const foldAll = panel.page.locator('.list-status button');
    await foldAll.click();
    await waitFor(async () => (await articlesList(panel.page)).join('|') === '▸ LEDGER|▸ EN|▸ FR', 5000, 'all folded');
    await foldAll.click();
    await waitFor(async () => (await articlesList(panel.page)).length === 8, 5000, 'all open');
  });
});
