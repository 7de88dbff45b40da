/**
 * Quote cards (issue #17) in real Chromium: a quote made on a served page, then quotes of 10 to
 * 600 characters (and one far too long) on the same article, each drawn by the side panel's
 * dialog at both sizes, light, dark and in a colour of the user's; every line's ink, measured
 * again in the page with the canvas's own `measureText`, inside the image's margins, and no
 * pixel drawn in its outer border. Download gives a PNG of the card's pixel size; Copy image puts
 * that PNG on the clipboard. English and French; the reader's card opens the same dialog.
 * The cards themselves are saved under __screenshots__/quote-card-*.png.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CARD_SIZES } from '../../utils/card/layout';
import { quoteOf } from '../support/card-text';
import { waitFor } from '../support/wait';
import { type ExtensionBrowser, type Row, UI, useSession, type WebPage } from './fixtures';
import { QuoteCard, pngSize } from './pages/quote-card';
import { Reader } from './pages/reader';
import type { SidePanel } from './pages/side-panel';

type Lang = 'en' | 'fr';

const MADE = {
  en: { page: 'article-en.html', quote: 'A small goal removes the drama from a missed day.', speaker: 'Maya Okafor' },
  fr: { page: 'article-fr.html', quote: 'Quand on écrit pour tout le monde, on n’écrit pour personne.', speaker: 'Claire Dubois' },
} as const;

/** Makes the quote on its served page with a real selection, and adds quotes of every length to the same article. */
async function makeQuotes(browser: ExtensionBrowser, lang: Lang): Promise<{ panel: SidePanel; article: WebPage; made: Row }> {
  const { page, quote, speaker } = MADE[lang];
  const article = await browser.open(page);
  await article.highlight(quote, UI.action('quote'));
  const made: Row = await waitFor(async () => (await browser.rows('notes')).find((n) => n.exact === quote), 10_000, 'the quote stored');
  await browser.put('notes', { ...made, speaker });
  for (const length of [10, 600, 3_000]) {
    await browser.put('notes', { ...made, id: `${lang}-${length}`, exact: quoteOf(length, lang), speaker, createdAt: Number(made.createdAt) - length });
  }
  const panel = await browser.sidePanel();
  await panel.waitForNotes(4);
  return { panel, article, made };
}

/** Opens the card of the listed note `id` (the list is virtual: scrolled to the note first, the four notes' order being known). */
async function cardOf(panel: SidePanel, id: string): Promise<QuoteCard> {
  const row = panel.page.locator(`.results .note[data-note-id="${id}"]`);
  await waitFor(
    async () => {
      if (await row.count()) return true;
      await panel.page.evaluate(() => document.querySelector('.results')!.scrollBy(0, -400));
      return false;
    },
    10_000,
    `the note ${id} listed`,
  );
  return QuoteCard.open(panel.page, row);
}

/** The card drawn as asked, every line inside the image, nothing in its border; saved as a screenshot. */
async function drawnInside(card: QuoteCard, name: string, choice: Parameters<QuoteCard['choose']>[0]) {
  await card.choose(choice);
  const layout = await card.layout();
  expect([layout.width, layout.height]).toEqual([CARD_SIZES[choice.size].width, CARD_SIZES[choice.size].height]);
  expect(await card.canvas.evaluate((c: HTMLCanvasElement) => [c.width, c.height])).toEqual([layout.width, layout.height]);
  expect(layout.quote.size).toBeGreaterThanOrEqual(layout.quote.minSize);
  expect(layout.quote.minSize).toBeGreaterThanOrEqual(26);
  expect(await card.inkOutside(), name).toEqual([]);
  expect(await card.edgeInk(), name).toBe(0);
  await card.saveImage(name);
  return layout;
}

function cardsInBothLanguages(lang: Lang) {
  describe(`quote cards, ${lang === 'en' ? 'English' : 'French'}`, () => {
    const browser = useSession({ lang, clipboard: true });
    let panel: SidePanel;
    let article: WebPage;
    let made: Row;

    it('draws short, long and too-long quotes at both sizes, light, dark and in the user’s colour, every line inside the image', async () => {
      ({ panel, article, made } = await makeQuotes(browser, lang));
      const [open, close] = lang === 'fr' ? ['«\u202F', '\u202F»'] : ['“', '”'];

      const short = await cardOf(panel, `${lang}-10`);
      for (const size of ['square', 'wide'] as const) {
        const layout = await drawnInside(short, `quote-card-${lang}-short-${size}.png`, { size, theme: 'light', qr: false });
        expect(layout.quote.size).toBeGreaterThanOrEqual(size === 'square' ? 72 : 60);
        expect(layout.quote.lines.map((l) => l.text).join(' ')).toBe(`${open}${quoteOf(10, lang)}${close}`);
      }
      await drawnInside(short, `quote-card-${lang}-short-wide-color-qr.png`, { size: 'wide', theme: 'color', color: '#ffd43b', qr: true });
      await short.close();

      const long = await cardOf(panel, `${lang}-600`);
      for (const size of ['square', 'wide'] as const) {
        for (const theme of ['light', 'dark', 'color'] as const) {
          const layout = await drawnInside(long, `quote-card-${lang}-long-${size}-${theme}.png`, { size, theme, color: '#1f5f6b', qr: theme !== 'light' });
          expect(layout.quote.truncated).toBe(false);
          expect(layout.speaker?.lines[0]?.text).toBe(MADE[lang].speaker);
          for (const line of layout.quote.lines) expect(line.text).not.toMatch(/^[»:;!?]|«$/u);
        }
      }
      await long.close();

      const tooLong = await cardOf(panel, `${lang}-3000`);
      for (const size of ['square', 'wide'] as const) {
        const layout = await drawnInside(tooLong, `quote-card-${lang}-too-long-${size}.png`, { size, theme: 'light', qr: true });
        expect(layout.quote.truncated).toBe(true);
        expect(layout.quote.lines.at(-1)!.text.endsWith(`[…]${close}`)).toBe(true);
      }
      await tooLong.dialog.locator('.quote-card-shortened').waitFor();
      await tooLong.close();
    });

    it('downloads a PNG of the card’s pixel size and copies the same image, said in the dialog', async () => {
      // Found by searching its words, as a user would among many notes.
      await panel.page.locator('input.search-input').fill(lang === 'en' ? 'goal drama' : 'quand écrit');
      await panel.waitForNotes(1);
      const card = await cardOf(panel, String(made.id));
      await card.choose({ size: 'wide', theme: 'dark', qr: true });
      await card.saveImage(`quote-card-${lang}-made-wide-dark-qr.png`);
      await panel.page.waitForTimeout(200);
      await panel.screenshot(`quote-card-dialog-${lang}.png`);
      for (const size of ['wide', 'square'] as const) {
        await card.choose({ size, theme: 'dark', qr: true });
        const download = await card.download();
        expect(download.suggestedFilename()).toBe(`${lang === 'en' ? 'maya-okafor' : 'claire-dubois'}-${size === 'wide' ? '1200x675' : '1080x1080'}.png`);
        expect(pngSize(readFileSync((await download.path())!))).toEqual(CARD_SIZES[size]);
        await card.status().filter({ hasText: download.suggestedFilename() }).waitFor();
      }

      await panel.bringToFront();
      await card.copy();
      await card.status().filter({ hasText: lang === 'en' ? 'Image copied' : 'Image copiée' }).waitFor();
      // Read back where reading is allowed: the served page (the clipboard is the system's).
      await article.bringToFront();
      const copied = await article.page.evaluate(async () => {
        const [item] = await navigator.clipboard.read();
        const bitmap = await createImageBitmap(await item!.getType('image/png'));
        return { types: item!.types, width: bitmap.width, height: bitmap.height };
      });
      expect(copied).toEqual({ types: ['image/png'], ...CARD_SIZES.square });
      // A browser that refuses the clipboard (as one does without focus or permission): said, in an alert, with its reason.
      await panel.bringToFront();
      await panel.page.evaluate(() => {
        navigator.clipboard.write = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
      });
      await card.copy();
      await card.dialog.getByRole('alert').filter({ hasText: lang === 'en' ? 'The image could not be copied' : 'L’image n’a pas pu être copiée' }).filter({ hasText: '(Write permission denied)' }).waitFor();
      await panel.screenshot(`quote-card-copy-failed-${lang}.png`);
      await card.close();
    });

    it('opens the same card from the reader’s passage card', async () => {
      const popup = await browser.popup(article);
      await popup.clip(lang === 'en' ? 'Clip article' : 'Découper l’article');
      const clipped = await waitFor(async () => (await browser.rows('articles')).find((a) => a.clippedAt !== undefined), 10_000, 'the article clipped');
      const reader = await Reader.open(browser.session, String(clipped.id));
      await reader.openCard(MADE[lang].quote);
      const card = await QuoteCard.open(reader.page, reader.card);
      await drawnInside(card, `quote-card-${lang}-reader.png`, { size: 'square', theme: 'light', qr: false });
      await reader.screenshot(`quote-card-reader-${lang}.png`);
      await card.close();
      await reader.close();
    });
  });
}

cardsInBothLanguages('en');
cardsInBothLanguages('fr');
