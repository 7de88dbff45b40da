import { beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait';
import { UI, useSession, type WebPage } from './fixtures';

const FIRST = 'It needs a small, repeatable slot that survives an ordinary Tuesday.';
const SECOND = 'The format matters far less than having something ready when the gap appears.';
const LIVE = 'The total matters less than the rhythm.';
const TITLE = 'Ten Pages a Day: How Small Reading Habits Add Up';

describe('foundation: clip, highlight, store and review in real Chromium', () => {
  const browser = useSession();
  let article: WebPage;

  beforeAll(async () => {
    // Tracking parameters and a fragment: the notes must be keyed on the clean URL.
    article = await browser.open('article-en.html?utm_source=newsletter&utm_medium=email#intro');
  });

  it('clips the article from the popup and shows what was saved', async () => {
    const popup = await browser.popup(article);
    const summary = await popup.clip();
    expect(await summary.getByRole('heading').textContent()).toBe(TITLE);
    expect(await summary.textContent()).toContain('by Maya Okafor');
    expect(await summary.textContent()).toContain('The Slow Shelf');
    expect(await summary.textContent()).toMatch(/\d+ words · \d+ min read/);
    await popup.page.getByRole('button', { name: 'Clip again' }).waitFor();
    await popup.close();
  });

  it('highlights and quotes a selection from the in-page toolbar', async () => {
    await article.selectForToolbar(FIRST, UI.action('highlight'));
    await article.page.waitForTimeout(250); // let the toolbar's fade-in finish
    await article.screenshot('toolbar-en.png');
    await article.press(UI.action('highlight'));
    await article.waitDrawn(FIRST);
    // The toolbar goes away once the passage is saved, and the selection is cleared.
    expect(await article.shows(UI.action('highlight'))).toBe(false);
    expect(await article.page.evaluate(() => document.getSelection()?.isCollapsed)).toBe(true);

    await article.highlight(SECOND, UI.action('quote'));
    await article.screenshot('highlights-en.png');
  });

  it('draws the highlights again at the same place after a reload', async () => {
    await article.reload();
    await waitFor(async () => (await article.drawnTexts()).length === 2, 5000, 'both highlights redrawn');
    expect((await article.drawnTexts()).sort()).toEqual([FIRST, SECOND].sort());
  });

  it('lists the page notes in the popup and adds and removes tags there', async () => {
    const popup = await browser.popup(article);
    const notes = popup.notes;
    await notes.first().waitFor();
    expect(await notes.count()).toBe(2);
    // Reading order: the first sentence comes first in the page.
    expect(await notes.nth(0).locator('.note-text').textContent()).toBe(FIRST);
    expect(await notes.nth(1).locator('.kind').textContent()).toBe('Quote');

    await popup.addTag(notes.nth(0), 'Reading Habits ');
    await popup.addTag(notes.nth(0), 'draft');
    await notes.nth(0).getByText('reading habits', { exact: true }).waitFor();
    await notes.nth(0).getByRole('button', { name: 'Remove tag draft' }).click();
    await notes.nth(0).getByText('draft', { exact: true }).waitFor({ state: 'detached' });
    await popup.screenshot('popup-en.png');
    await popup.close();
  });

  it('shows every article with its notes in the side panel, live', async () => {
    const panel = await browser.sidePanel();
    await panel.notes.first().waitFor();
    expect(await panel.notes.count()).toBe(2);
    expect(await panel.page.locator('.results .tag-name').allTextContents()).toEqual(['reading habits']);
    expect(await panel.page.locator('.results .note-highlight .note-source').first().textContent()).toContain(TITLE);
    // The quote keeps its attribution.
    expect(await panel.page.locator('.results .note-quote .note-attribution').textContent()).toContain('Maya Okafor');

    // A highlight made in the tab appears in the open panel without a reload.
    await article.bringToFront();
    await article.highlight(LIVE);
    await panel.note(LIVE).waitFor();
    expect(await panel.notes.count()).toBe(3);
    await panel.bringToFront();
    await panel.screenshot('sidepanel-en.png', { fullPage: true });
    await panel.close();
  });

  it('clips a French article with its metadata', async () => {
    const fr = await browser.open('article-fr.html');
    const popup = await browser.popup(fr);
    const summary = await popup.clip();
    expect((await summary.getByRole('heading').textContent())?.length).toBeGreaterThan(10);
    await popup.close();
    await fr.close();
  });

  it('says plainly when a page has no article', async () => {
    const page = await browser.open('no-article.html');
    const popup = await browser.popup(page);
    await popup.page.getByRole('button', { name: 'Clip article' }).click();
    await popup.page.getByText('No article found on this page.', { exact: false }).waitFor();
    await popup.close();
    await page.close();
  });
});
