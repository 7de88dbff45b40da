import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clickInShadow,
  dragSelect,
  drawnTexts,
  launch,
  openArticle,
  openExtensionPage,
  saveSelection,
  SCREENSHOTS,
  type Session,
  shadowHas,
  tabIdOf,
  waitFor,
  waitForVerbatim,
} from './harness';

const FIRST = 'It needs a small, repeatable slot that survives an ordinary Tuesday.';
const SECOND = 'The format matters far less than having something ready when the gap appears.';
const LIVE = 'The total matters less than the rhythm.';
const TITLE = 'Ten Pages a Day: How Small Reading Habits Add Up';

describe('foundation: clip, highlight, store and review in real Chromium', () => {
  let session: Session;
  let article: Page;

  beforeAll(async () => {
    session = await launch();
    // Tracking parameters and a fragment: the notes must be keyed on the clean URL.
    article = await openArticle(session, 'article-en.html?utm_source=newsletter&utm_medium=email#intro');
  });
  afterAll(async () => {
    await session?.close();
  });

  it('clips the article from the popup and shows what was saved', async () => {
    const tabId = await tabIdOf(session, article);
    const popup = await openExtensionPage(session, `popup.html?tab=${tabId}`);
    await popup.getByRole('button', { name: 'Clip article' }).click();
    const summary = popup.getByTestId('article-summary');
    await summary.waitFor();
    expect(await summary.getByRole('heading').textContent()).toBe(TITLE);
    expect(await summary.textContent()).toContain('by Maya Okafor');
    expect(await summary.textContent()).toContain('The Slow Shelf');
    expect(await summary.textContent()).toMatch(/\d+ words · \d+ min read/);
    await popup.getByRole('button', { name: 'Clip again' }).waitFor();
    await popup.close();
  });

  it('highlights and quotes a selection from the in-page toolbar', async () => {
    await dragSelect(article, FIRST);
    await waitFor(() => shadowHas(article, 'button[data-action="highlight"]'), 5000, 'the selection toolbar');
    await article.waitForTimeout(250); // let the toolbar's fade-in finish
    await article.screenshot({ path: join(SCREENSHOTS, 'toolbar-en.png') });
    await clickInShadow(article, 'button[data-action="highlight"]');
    await waitFor(async () => (await drawnTexts(article)).includes(FIRST), 5000, 'the highlight drawn');
    // The toolbar goes away once the passage is saved, and the selection is cleared.
    expect(await shadowHas(article, 'button[data-action="highlight"]')).toBe(false);
    expect(await article.evaluate(() => document.getSelection()?.isCollapsed)).toBe(true);

    await saveSelection(article, SECOND, 'button[data-action="quote"]');
    await article.screenshot({ path: join(SCREENSHOTS, 'highlights-en.png') });
  });

  it('draws the highlights again at the same place after a reload', async () => {
    await article.reload();
    await waitForVerbatim(article);
    await waitFor(async () => (await drawnTexts(article)).length === 2, 5000, 'both highlights redrawn');
    expect((await drawnTexts(article)).sort()).toEqual([FIRST, SECOND].sort());
  });

  it('lists the page notes in the popup and adds and removes tags there', async () => {
    const tabId = await tabIdOf(session, article);
    const popup = await openExtensionPage(session, `popup.html?tab=${tabId}`);
    const notes = popup.locator('li.note');
    await notes.first().waitFor();
    expect(await notes.count()).toBe(2);
    // Reading order: the first sentence comes first in the page.
    expect(await notes.nth(0).locator('.note-text').textContent()).toBe(FIRST);
    expect(await notes.nth(1).locator('.kind').textContent()).toBe('Quote');

    const input = notes.nth(0).getByRole('combobox', { name: 'Add a tag' });
    await input.fill('Reading Habits ');
    await input.press('Enter');
    await input.fill('draft');
    await input.press('Enter');
    await notes.nth(0).getByText('reading habits', { exact: true }).waitFor();
    await notes.nth(0).getByRole('button', { name: 'Remove tag draft' }).click();
    await notes.nth(0).getByText('draft', { exact: true }).waitFor({ state: 'detached' });
    await popup.screenshot({ path: join(SCREENSHOTS, 'popup-en.png') });
    await popup.close();
  });

  it('shows every article with its notes in the side panel, live', async () => {
    const panel = await openExtensionPage(session, 'sidepanel.html');
    const notes = panel.locator('.results .note');
    await notes.first().waitFor();
    expect(await notes.count()).toBe(2);
    expect(await panel.locator('.results .tag-name').allTextContents()).toEqual(['reading habits']);
    expect(await panel.locator('.results .note-highlight .note-source').first().textContent()).toContain(TITLE);
    // The quote keeps its attribution.
    expect(await panel.locator('.results .note-quote .note-attribution').textContent()).toContain('Maya Okafor');

    // A highlight made in the tab appears in the open panel without a reload.
    await article.bringToFront();
    await saveSelection(article, LIVE);
    await panel.locator('.results .note', { hasText: LIVE }).waitFor();
    expect(await notes.count()).toBe(3);
    await panel.bringToFront();
    await panel.screenshot({ path: join(SCREENSHOTS, 'sidepanel-en.png'), fullPage: true });
    await panel.close();
  });

  it('clips a French article with its metadata', async () => {
    const fr = await openArticle(session, 'article-fr.html');
    const popup = await openExtensionPage(session, `popup.html?tab=${await tabIdOf(session, fr)}`);
    await popup.getByRole('button', { name: 'Clip article' }).click();
    const summary = popup.getByTestId('article-summary');
    await summary.waitFor();
    expect((await summary.getByRole('heading').textContent())?.length).toBeGreaterThan(10);
    await popup.close();
    await fr.close();
  });

  it('says plainly when a page has no article', async () => {
    const page = await openArticle(session, 'no-article.html');
    const popup = await openExtensionPage(session, `popup.html?tab=${await tabIdOf(session, page)}`);
    await popup.getByRole('button', { name: 'Clip article' }).click();
    await popup.getByText('No article found on this page.', { exact: false }).waitFor();
    await popup.close();
    await page.close();
  });
});
