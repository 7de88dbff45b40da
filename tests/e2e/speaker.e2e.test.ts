/**
 * A quote's speaker edited where the user meets the quote (#16): accepted, changed and cleared in
 * the in-page card's editor frame, in the popup, in the side panel and in the reader's card, each
 * change stored; the side panel then finds the quote by its speaker and filters by it. English and French.
 *
 * The proposal is written into the stored note as the detector leaves it (`speaker`,
 * `speakerProposed`): what is tested here is what the user does with it, whatever proposed it.
 */
import type { Frame } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait';
import { type ExtensionBrowser, type Row, UI, useSession } from './fixtures';
import { Reader } from './pages/reader';

/** The stored quote whose passage is `exact`, once it is there. */
const storedQuote = (browser: ExtensionBrowser, exact: string) =>
  waitFor(async () => (await browser.rows('notes')).find((n) => n.exact === exact && n.kind === 'quote'), 10_000, `the quote "${exact}" stored`);

/** Waits until the stored quote's speaker fields are `want` (absent fields absent). */
async function waitStored(browser: ExtensionBrowser, exact: string, want: { speaker?: string; speakerProposed?: true }) {
  await waitFor(
    async () => {
      const n = (await browser.rows('notes')).find((r) => r.exact === exact);
      return n !== undefined && n.speaker === want.speaker && n.speakerProposed === want.speakerProposed;
    },
    10_000,
    `speaker stored as ${JSON.stringify(want)}`,
  );
}

/** Proposes a speaker for the stored quote, as the detector would have. */
async function propose(browser: ExtensionBrowser, exact: string, speaker: string) {
  const note: Row = await storedQuote(browser, exact);
  await browser.put('notes', { ...note, speaker, speakerProposed: true });
}

/** The card's editor frame once it shows the speaker line. */
async function speakerInEditor(editor: Frame, name: string) {
  await editor.locator('.speaker-name', { hasText: name }).waitFor();
}

describe('a quote’s speaker, in English', () => {
  const browser = useSession();
  const QUOTE = 'A small goal removes the drama from a missed day.';

  it('is accepted and changed in the card, cleared and added in the popup, changed, searched and filtered in the side panel, cleared in the reader', async () => {
    const article = await browser.open('article-en.html');
    await article.highlight(QUOTE, UI.action('quote'));
    await propose(browser, QUOTE, 'Mark Twain');

    // The card: the proposal, marked so, accepted as it is, then changed.
    await article.openCard(QUOTE);
    const editor = await article.editor();
    await speakerInEditor(editor, 'Mark Twain');
    expect(await editor.locator('.badge-proposed').textContent()).toBe('proposed');
    await article.page.waitForTimeout(250);
    await article.screenshot('speaker-card-en.png');
    await editor.getByRole('button', { name: 'Accept Mark Twain as the speaker' }).click();
    await waitStored(browser, QUOTE, { speaker: 'Mark Twain' });
    await editor.locator('.badge-proposed').waitFor({ state: 'detached' });
    await editor.getByRole('button', { name: 'Change' }).click();
    await editor.locator('.speaker-input').fill('  Samuel   Clemens ');
    await editor.locator('.speaker-input').press('Enter');
    await waitStored(browser, QUOTE, { speaker: 'Samuel Clemens' });
    await speakerInEditor(editor, 'Samuel Clemens');
    // Enter ended the edit, not the card.
    expect(await article.shows(UI.card)).toBe(true);
    await article.page.waitForTimeout(250);
    await article.screenshot('speaker-card-changed-en.png');
    await article.closeCard();

    // The popup: cleared, then added again.
    const popup = await browser.popup(article);
    const row = popup.notes.filter({ hasText: QUOTE });
    await row.locator('.speaker-name', { hasText: 'Samuel Clemens' }).waitFor();
    await row.getByRole('button', { name: 'Clear the speaker' }).click();
    await waitStored(browser, QUOTE, {});
    await row.getByRole('button', { name: 'Add speaker' }).click();
    await row.getByLabel('Speaker:').fill('Mark Twain');
    await row.getByLabel('Speaker:').press('Enter');
    await waitStored(browser, QUOTE, { speaker: 'Mark Twain' });
    await row.locator('.speaker-name', { hasText: 'Mark Twain' }).waitFor();
    await popup.screenshot('speaker-popup-en.png');

    // The side panel: changed, then found by the speaker's name and filtered by it.
    await article.highlight('The total matters less than the rhythm.');
    const panel = await browser.sidePanel();
    await panel.waitForNotes(2);
    const note = panel.note(QUOTE);
    await note.locator('.speaker-name', { hasText: 'Mark Twain' }).waitFor();
    await note.getByRole('button', { name: 'Change' }).click();
    await note.getByLabel('Speaker:').fill('Albert Einstein');
    // Leaving the field saves it too.
    await panel.page.getByRole('heading', { name: 'Library' }).click();
    await waitStored(browser, QUOTE, { speaker: 'Albert Einstein' });
    await note.locator('.speaker-name', { hasText: 'Albert Einstein' }).waitFor();

    await panel.searchBox.fill('einstein');
    await panel.waitForNotes(1, 'the quote found by its speaker');
    expect(await panel.noteTexts()).toEqual([QUOTE]);
    await panel.searchBox.fill('');
    await panel.waitForNotes(2);

    await panel.page.getByRole('button', { name: 'Filters' }).click();
    const speakers = panel.page.getByRole('group', { name: 'Speaker' });
    await speakers.locator('select').selectOption({ label: 'Albert Einstein (1)' });
    await panel.waitForNotes(1, 'the quotes of the speaker chosen');
    expect(await panel.noteTexts()).toEqual([QUOTE]);
    await panel.screenshot('speaker-sidepanel-en.png', { fullPage: true });
    await speakers.getByRole('button', { name: 'Albert Einstein ×' }).click();
    await panel.waitForNotes(2);

    // The reader's card of the clipped copy: the speaker as stored, cleared there.
    await popup.clip();
    await waitFor(async () => (await browser.rows('articles')).some((a) => a.clippedAt !== undefined), 10_000, 'the article clipped');
    const articleId = String((await browser.rows('articles')).find((a) => String(a.url).endsWith('/article-en.html'))!.id);
    const reader = await Reader.open(browser.session, articleId);
    await reader.openCard(QUOTE);
    await reader.card.locator('.speaker-name', { hasText: 'Albert Einstein' }).waitFor();
    await reader.screenshot('speaker-reader-en.png');
    await reader.card.getByRole('button', { name: 'Clear the speaker' }).click();
    await waitStored(browser, QUOTE, {});
    await reader.card.getByRole('button', { name: 'Add speaker' }).waitFor();
  });
});

describe('a quote’s speaker, in French', () => {
  const browser = useSession({ lang: 'fr' });
  const QUOTE = 'Le problème ne vient pas des articles.';

  it('is shown as a proposal in the card, in French, and accepted there; the side panel shows it accepted', async () => {
    const article = await browser.open('article-fr.html');
    await article.highlight(QUOTE, UI.action('quote'));
    await propose(browser, QUOTE, 'Simone de Beauvoir');

    await article.openCard(QUOTE);
    const editor = await article.editor();
    await speakerInEditor(editor, 'Simone de Beauvoir');
    expect(await editor.locator('.speaker-label').textContent()).toBe('Auteur des propos\u00a0:');
    expect(await editor.locator('.badge-proposed').textContent()).toBe('proposé');
    await article.page.waitForTimeout(250);
    await article.screenshot('speaker-card-fr.png');
    await editor.getByRole('button', { name: 'Accepter Simone de Beauvoir comme auteur des propos' }).click();
    await waitStored(browser, QUOTE, { speaker: 'Simone de Beauvoir' });
    await editor.getByRole('button', { name: 'Modifier' }).click();
    expect(await editor.locator('.speaker-input').getAttribute('placeholder')).toBe('Qui l’a dit\u00a0? Une personne, une organisation');
    await article.page.waitForTimeout(150);
    await article.screenshot('speaker-card-editing-fr.png');
    // Escape drops the edit, and leaves the card open.
    await editor.locator('.speaker-input').fill('Quelqu’un d’autre');
    await editor.locator('.speaker-input').press('Escape');
    await speakerInEditor(editor, 'Simone de Beauvoir');
    expect(await article.shows(UI.card)).toBe(true);
    await article.closeCard();

    const panel = await browser.sidePanel();
    await panel.waitForNotes(1);
    await panel.note(QUOTE).locator('.speaker-name', { hasText: 'Simone de Beauvoir' }).waitFor();
    expect(await panel.note(QUOTE).locator('.badge-proposed').count()).toBe(0);
    await panel.screenshot('speaker-sidepanel-fr.png');
    await waitStored(browser, QUOTE, { speaker: 'Simone de Beauvoir' });
  });
});
