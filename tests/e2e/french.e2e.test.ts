import { describe, expect, it } from 'vitest';
import { UI, useSession } from './fixtures';

const SENTENCE = 'Quand on écrit pour tout le monde, on n’écrit pour personne.';
const QUOTE = 'Le problème ne vient pas des articles.';

describe('in French (browser language fr)', () => {
  const browser = useSession({ lang: 'fr' });

  it('speaks French in the toolbar, the popup and the side panel', async () => {
    const article = await browser.open('article-fr.html');
    await article.selectForToolbar(SENTENCE, '[aria-label="Verbatim : enregistrer la sélection"]');
    await article.page.waitForTimeout(250);
    await article.screenshot('toolbar-fr.png');
    await article.press(UI.action('highlight'));
    await article.waitDrawn(SENTENCE);

    await article.highlight(QUOTE, UI.action('quote'));

    // The card of a drawn passage, in French.
    await article.openCard(SENTENCE);
    expect((await article.ui(UI.card))?.html).toContain('Copier la citation');
    // Its note editor, a frame of the extension, speaks French too.
    const editor = await article.editor();
    expect(await editor.locator('textarea.note-field').getAttribute('placeholder')).toBe('Écrire une note…');
    await article.page.waitForTimeout(250);
    await article.screenshot('card-fr.png');
    await article.page.keyboard.press('Escape');

    const popup = await browser.popup(article);
    const summary = await popup.clip('Découper l’article');
    await popup.page.getByRole('button', { name: 'Redécouper' }).waitFor();
    expect(await summary.textContent()).toMatch(/\d+ mots · \d+ min de lecture/);
    expect(await popup.page.locator('li.note .kind').allTextContents()).toEqual(['Citation', 'Surlignage']);
    await popup.addTag(popup.notes.first(), 'Stratégie éditoriale', 'Ajouter un tag');
    await popup.notes.first().locator('.tag-name', { hasText: 'stratégie éditoriale' }).waitFor();
    await popup.screenshot('popup-fr.png');
    // Notes selected for a bulk change: the bar speaks French too.
    await popup.notes.first().locator('input.note-select').click();
    expect(await popup.page.locator('.bulk-bar .bulk-count').textContent()).toBe('1 sélectionnée');
    await popup.page.locator('.bulk-bar [data-bulk="all"]', { hasText: 'Tout sélectionner (2)' }).click();
    await popup.page.locator('.bulk-bar [data-bulk="move"]').click();
    await popup.screenshot('popup-bulk-fr.png');
    await popup.page.getByRole('button', { name: 'Désélectionner' }).click();

    const panel = await browser.sidePanel();
    await panel.page.getByRole('heading', { name: 'Bibliothèque' }).waitFor();
    await panel.page.getByText('2 notes').first().waitFor();
    expect((await panel.noteTexts()).sort()).toEqual([QUOTE, SENTENCE].sort());
    await panel.screenshot('sidepanel-fr.png', { fullPage: true });
    // The Articles view: the article with its two notes under it, in French.
    await panel.page.getByRole('tab', { name: 'Articles' }).click();
    await panel.page.getByRole('button', { name: 'Tout replier' }).waitFor();
    await panel.page.locator('.note .note-text', { hasText: SENTENCE }).waitFor();
    await panel.screenshot('sidepanel-articles-fr.png', { fullPage: true });
    await panel.page.getByRole('tab', { name: 'Notes' }).click();
    await panel.page.getByRole('button', { name: 'Exporter, importer' }).click();
    await panel.page.getByRole('dialog', { name: 'Exporter, importer' }).waitFor();
    await panel.screenshot('sidepanel-menu-fr.png');

    const options = await browser.options();
    await options.page.getByRole('heading', { name: 'Sauvegarde et export' }).waitFor();
    await options.page.getByRole('heading', { name: 'Stockage' }).waitFor();
    await options.screenshot('options-fr.png');
  });
});
