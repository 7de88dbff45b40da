import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  editorFrame,
  clickInShadow,
  clickText,
  shadowQuery,
  dragSelect,
  drawnTexts,
  launch,
  openArticle,
  openExtensionPage,
  SCREENSHOTS,
  type Session,
  shadowHas,
  tabIdOf,
  waitFor,
} from './harness';

const SENTENCE = 'Quand on écrit pour tout le monde, on n’écrit pour personne.';
const QUOTE = 'Le problème ne vient pas des articles.';

describe('in French (browser language fr)', () => {
  let session: Session;

  beforeAll(async () => {
    session = await launch({ lang: 'fr' });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('speaks French in the toolbar, the popup and the side panel', async () => {
    const article = await openArticle(session, 'article-fr.html');
    await dragSelect(article, SENTENCE);
    await waitFor(() => shadowHas(article, '[aria-label="Verbatim : enregistrer la sélection"]'), 5000, 'the French toolbar');
    await article.waitForTimeout(250);
    await article.screenshot({ path: join(SCREENSHOTS, 'toolbar-fr.png') });
    await clickInShadow(article, 'button[data-action="highlight"]');
    await waitFor(async () => (await drawnTexts(article)).includes(SENTENCE), 5000, 'the highlight drawn');

    await dragSelect(article, QUOTE);
    await waitFor(() => shadowHas(article, 'button[data-action="quote"]'), 5000, 'the toolbar');
    await clickInShadow(article, 'button[data-action="quote"]');
    await waitFor(async () => (await drawnTexts(article)).includes(QUOTE), 5000, 'the quote drawn');

    // The card of a drawn passage, in French.
    await clickText(article, SENTENCE);
    await waitFor(() => shadowHas(article, '.card'), 5000, 'the card');
    expect((await shadowQuery(article, '.card'))?.html).toContain('Copier la citation');
    // Its note editor, a frame of the extension, speaks French too.
    const editor = await editorFrame(article);
    expect(await editor.locator('textarea.note-field').getAttribute('placeholder')).toBe('Écrire une note…');
    await article.waitForTimeout(250);
    await article.screenshot({ path: join(SCREENSHOTS, 'card-fr.png') });
    await article.keyboard.press('Escape');

    const popup = await openExtensionPage(session, `popup.html?tab=${await tabIdOf(session, article)}`);
    await popup.getByRole('button', { name: 'Découper l’article' }).click();
    await popup.getByRole('button', { name: 'Redécouper' }).waitFor();
    const summary = popup.getByTestId('article-summary');
    expect(await summary.textContent()).toMatch(/\d+ mots · \d+ min de lecture/);
    expect(await popup.locator('li.note .kind').allTextContents()).toEqual(['Citation', 'Surlignage']);
    const input = popup.locator('li.note').first().getByRole('combobox', { name: 'Ajouter un tag' });
    await input.fill('Stratégie éditoriale');
    await input.press('Enter');
    await popup.getByText('stratégie éditoriale', { exact: true }).waitFor();
    await popup.screenshot({ path: join(SCREENSHOTS, 'popup-fr.png') });

    const panel = await openExtensionPage(session, 'sidepanel.html');
    await panel.getByRole('heading', { name: 'Bibliothèque' }).waitFor();
    await panel.getByText('2 notes').first().waitFor();
    expect((await panel.locator('.results .note .note-text').allTextContents()).sort()).toEqual([QUOTE, SENTENCE].sort());
    await panel.screenshot({ path: join(SCREENSHOTS, 'sidepanel-fr.png'), fullPage: true });
    // The Articles view: the article with its two notes under it, in French.
    await panel.getByRole('tab', { name: 'Articles' }).click();
    await panel.getByRole('button', { name: 'Tout replier' }).waitFor();
    await panel.locator('.note .note-text', { hasText: SENTENCE }).waitFor();
    await panel.screenshot({ path: join(SCREENSHOTS, 'sidepanel-articles-fr.png'), fullPage: true });
    await panel.getByRole('tab', { name: 'Notes' }).click();
    await panel.getByRole('button', { name: 'Exporter, importer' }).click();
    await panel.getByRole('dialog', { name: 'Exporter, importer' }).waitFor();
    await panel.screenshot({ path: join(SCREENSHOTS, 'sidepanel-menu-fr.png') });

    const options = await openExtensionPage(session, 'options.html');
    await options.getByRole('heading', { name: 'Sauvegarde et export' }).waitFor();
    await options.getByRole('heading', { name: 'Stockage' }).waitFor();
    await options.screenshot({ path: join(SCREENSHOTS, 'options-fr.png'), fullPage: true });
  });
});
