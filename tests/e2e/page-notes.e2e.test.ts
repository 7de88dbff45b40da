import { beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait';
import { useSession, type WebPage } from './fixtures';
import type { Popup } from './pages/popup';
import type { SidePanel } from './pages/side-panel';

const PASSAGE = 'Keeping a short reading log can help as well.';
const PAGE_NOTE = 'Read again before Monday’s meeting: the part on habits is what we need.';

describe('a note on the page as a whole: written in the popup, seen and edited in the side panel', () => {
  const browser = useSession();
  let article: WebPage;
  let popup: Popup;
  let panel: SidePanel;

  beforeAll(async () => {
    article = await browser.open('article-en.html');
    await article.highlight(PASSAGE);
    popup = await browser.popup(article);
  });

  it('is written in the popup and listed first, above the page’s highlights, with no passage', async () => {
    await popup.page.getByRole('textbox', { name: 'Note on this page' }).fill(PAGE_NOTE);
    await popup.page.getByRole('button', { name: 'Save page note' }).click();
    await waitFor(async () => (await popup.notes.count()) === 2, 5000, 'two notes in the popup');
    expect(await popup.page.getByRole('textbox', { name: 'Note on this page' }).inputValue()).toBe('');
    const first = popup.notes.first();
    expect(await first.getAttribute('class')).toContain('note-page');
    expect(await first.locator('.page-note-text').textContent()).toBe(PAGE_NOTE);
    expect(await first.locator('.kind').textContent()).toBe('Page note');
    expect(await first.locator('blockquote').count()).toBe(0);
    const stored = (await browser.rows('notes')).find((n) => n.kind === 'page');
    expect(stored).toMatchObject({ exact: '', selectors: [], note: PAGE_NOTE });
    await popup.screenshot('page-note-popup.png', { fullPage: true });
  });

  it('is never an orphan once the page has anchored its notes again', async () => {
    await article.page.reload();
    await article.waitForVerbatim();
    await new Promise((r) => setTimeout(r, 1000));
    const stored = (await browser.rows('notes')).find((n) => n.kind === 'page')!;
    expect(stored.orphanedAt).toBeUndefined();
  });

  it('shows in the side panel, found by its words, filtered as “Page note”, first for its article', async () => {
    panel = await browser.sidePanel();
    await panel.waitForNotes(2, 'both notes');
    await panel.searchBox.fill('monday meeting');
    await panel.waitForNotes(1, 'the page note found');
    expect(await panel.page.locator('.results .note-page .page-note-text').textContent()).toBe(PAGE_NOTE);
    await panel.searchBox.fill('');
    await panel.waitForNotes(2, 'both notes again');
    await panel.page.getByRole('button', { name: 'Filters' }).click();
    await panel.page.locator('.filters button[data-kind="page"]').click();
    await panel.waitForNotes(1, 'page notes only');
    await panel.screenshot('page-note-sidepanel-filtered.png', { fullPage: true });
    await panel.page.getByRole('button', { name: 'Clear filters' }).click();
    await panel.page.getByRole('tab', { name: 'Articles' }).click();
    await waitFor(async () => (await panel.page.locator('.results.articles .article-note').count()) === 2, 5000, 'the article’s two notes');
    expect(await panel.page.locator('.results.articles .article-note').first().getAttribute('class')).toBeTruthy();
    expect(await panel.page.locator('.results.articles .article-note .note').first().getAttribute('class')).toContain('note-page');
  });

  it('is written under an article, edited, and emptied to delete it', async () => {
    await panel.page.getByRole('button', { name: 'Add a page note' }).click();
    await panel.page.getByRole('textbox', { name: 'Note on this page' }).fill('A second thought on the whole piece.');
    await panel.page.getByRole('button', { name: 'Save page note' }).click();
    await waitFor(async () => (await panel.page.locator('.results.articles .note-page').count()) === 2, 5000, 'two page notes');
    await panel.screenshot('page-note-sidepanel-articles.png', { fullPage: true });
    const second = panel.page.locator('.results.articles .note-page', { hasText: 'A second thought' });
    await second.getByRole('button', { name: 'Edit note' }).click();
    // While edited, the note's text is in its editor (the only box named just "Note").
    const editor = panel.page.getByRole('textbox', { name: 'Note', exact: true });
    await editor.fill('A second thought, edited.');
    await editor.press('Control+Enter');
    await waitFor(async () => (await browser.rows('notes')).some((n) => n.note === 'A second thought, edited.'), 5000, 'the edit saved');
    const edited = panel.page.locator('.results.articles .note-page', { hasText: 'A second thought, edited.' });
    await edited.getByRole('button', { name: 'Edit note' }).click();
    await editor.fill('');
    await editor.press('Control+Enter');
    await waitFor(async () => (await browser.rows('notes')).filter((n) => n.kind === 'page').length === 1, 5000, 'the emptied page note deleted');
  });

  it('is deleted from the popup', async () => {
    await popup.bringToFront();
    await waitFor(async () => (await popup.notes.count()) === 2, 5000, 'two notes in the popup');
    await popup.note(PAGE_NOTE).getByRole('button', { name: 'Delete this note' }).click();
    await waitFor(async () => !(await browser.rows('notes')).some((n) => n.note === PAGE_NOTE), 5000, 'deleted');
  });
});
