import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait';
import { UI, useSession, type ExtensionBrowser, type Row, type WebPage } from './fixtures';

const NNBSP = '\u202F';
const STYLE_FILE = join(import.meta.dirname, '..', 'fixtures', 'csl', 'sample-official.csl');
const COPY_TEXT = 'button[data-action="copy-text"]';

/** What the last copy put on the clipboard, read by the page (which may read it). */
const clipboard = (page: WebPage) => page.page.evaluate(() => navigator.clipboard.readText());

/** Copies from the in-page card of `text` and waits for "copied". */
async function copyFromCard(page: WebPage, text: string, copied: RegExp): Promise<string> {
  await page.openCard(text);
  await page.press(`${UI.card} ${COPY_TEXT}`);
  await waitFor(async () => copied.test((await page.ui(UI.message))?.html ?? ''), 5000, 'copied');
  return clipboard(page);
}

describe('citations in English', () => {
  const browser = useSession({ clipboard: true });

  it('copies a quote in the default style, then another style and a style the user added', async () => {
    const CARD = 'They are describing a habit that never found a place to live.';
    const page = await browser.open('article-en.html');
    await page.highlight(CARD, UI.action('quote'));

    // APA 7 by default, from the card.
    const apa = await copyFromCard(page, CARD, /Copied/u);
    expect(apa).toMatch(/^“They are describing a habit that never found a place to live\.” \(Okafor, 2024\)\n\nOkafor, M\. \(2024, February 11\)\. Ten Pages a Day/u);

    // Options: a style file added, MLA made the default.
    const options = await browser.options();
    await options.page.locator('input[data-action="add-style"]').setInputFiles(STYLE_FILE);
    await options.page.getByText('Style added: Test Author-Year (fixture)').waitFor();
    const picker = options.page.locator('.citation-options select[data-action="citation-style"]');
    await picker.selectOption('mla');
    await options.page.getByRole('heading', { name: 'Citations' }).scrollIntoViewIfNeeded();
    await options.screenshot('options-citations-en.png');

    // The card now copies in MLA 9.
    await page.page.bringToFront();
    const mla = await copyFromCard(page, CARD, /Copied/u);
    expect(mla).toContain('(Okafor)\n\nOkafor, Maya. “Ten Pages a Day');

    // The popup's row offers every style: the user's own among them.
    const popup = await browser.popup(page);
    const row = popup.notes.first();
    await row.locator('select[data-action="citation-style"]').selectOption({ label: 'Test Author-Year (fixture)' });
    await row.locator(COPY_TEXT).click();
    await row.getByText('Copied.').waitFor();
    await page.page.bringToFront();
    expect(await clipboard(page)).toMatch(/\[Okafor 2024\]\n\nOkafor, Maya — Ten Pages a Day/u);
  });
});

describe('citations in French', () => {
  const browser = useSession({ lang: 'fr', clipboard: true });

  it('copies a quote with French typography, in APA then ISO 690 from the side panel', async () => {
    const QUOTE = 'Le problème ne vient pas des articles.';
    const page = await browser.open('article-fr.html');
    await page.highlight(QUOTE, UI.action('quote'));

    const apa = await copyFromCard(page, QUOTE, /Copi/u);
    expect(apa.startsWith(`«${NNBSP}${QUOTE}${NNBSP}» (Roux, `)).toBe(true);
    expect(apa).toContain('Atelier Éditorial');

    const panel = await browser.sidePanel();
    const row = panel.note(QUOTE);
    await row.locator('select[data-action="citation-style"]').selectOption('iso690-author-date-fr');
    await row.locator(COPY_TEXT).click();
    await row.getByText('Copié').waitFor();
    await page.page.bringToFront();
    const iso = await clipboard(page);
    expect(iso).toContain('ROUX, Camille');
    expect(iso).toMatch(/\[consulté le \d{1,2}(er)? \p{L}+ \d{4}\]/u);
    expect(iso).toContain(`Disponible à l’adresse\u00A0: http`);

    const options = await browser.options();
    await options.page.getByRole('heading', { name: 'Citations' }).scrollIntoViewIfNeeded();
    await options.screenshot('options-citations-fr.png');
  });
});

/** The stored note whose passage is `exact`, once Verbatim proposed its speaker. */
const withSpeaker = (browser: ExtensionBrowser, exact: string): Promise<Row> =>
  waitFor(async () => (await browser.rows('notes')).find((n) => n.exact === exact && n.speaker), 10_000, `the speaker of “${exact}”`);

describe('a quote whose speaker is not the author, cited as quoted by the author', () => {
  describe('on an English page', () => {
    const browser = useSession({ clipboard: true });

    it('copies “(Bill Gates, as cited in Evans, 2026)”', async () => {
      const QUOTE = 'Your most unhappy customers are your greatest source of learning,';
      const page = await browser.open('speaker-en.html');
      await page.highlight(QUOTE, UI.action('quote'));
      expect((await withSpeaker(browser, QUOTE)).speaker).toBe('Bill Gates');
      const text = await copyFromCard(page, QUOTE, /Copied/u);
      expect(text).toContain(`“${QUOTE}” (Bill Gates, as cited in Evans, 2026)`);
      expect(text).toContain('Evans, M. (2026, November 18).');
    });
  });

  describe('on a French page', () => {
    const browser = useSession({ lang: 'fr', clipboard: true });

    it('copies « (Albert Camus, cité par Moreau, 2026) »', async () => {
      const QUOTE = 'mal nommer les choses, c’est ajouter au malheur du monde';
      const page = await browser.open('speaker-fr.html');
      await page.highlight(QUOTE, UI.action('quote'));
      expect((await withSpeaker(browser, QUOTE)).speaker).toBe('Albert Camus');
      const text = await copyFromCard(page, QUOTE, /Copi/u);
      expect(text).toContain(`«${NNBSP}${QUOTE}${NNBSP}» (Albert Camus, cité par Moreau, 2026)`);
      expect(text).toContain('Moreau, J. (2026, 20 novembre).');
    });
  });
});
