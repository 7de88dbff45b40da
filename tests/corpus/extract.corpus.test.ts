import { describe, expect, it } from 'vitest';
import { extractArticle, normalizeUrl } from '../../utils/extract';
import { JSDOM } from '../support/dom';
import { collapse, corpusPresent, loadCorpus, readPage } from '../support/corpus';

const pages = corpusPresent ? loadCorpus().pages : [];

/**
 * The text of the `<blockquote>`s that close the article body, if any. build.py takes `lastWords`
 * from the last `<p>` or footnote and skips block quotes, so a page that ends on quotations ends
 * with `lastWords` followed by exactly these. The extraction must keep them: they are the article.
 */
function trailingQuotes(html: string, url: string): string {
  const doc = new JSDOM(html, { url }).window.document;
  const quotes: string[] = [];
  const body = doc.querySelector('[data-block="0"]')?.parentElement;
  for (let el = body?.lastElementChild; el?.localName === 'blockquote'; el = el.previousElementSibling) {
    quotes.unshift(el.textContent ?? '');
  }
  return collapse(quotes.join(' '));
}

describe.skipIf(!corpusPresent)('extraction on the corpus (v1 pages)', () => {
  describe.each(pages.map((p) => [p.slug, p] as const))('%s', (_slug, page) => {
    const variant = page.variants.find((v) => v.name === 'v1')!;
    const html = readPage(variant.file);
    const article = extractArticle(new JSDOM(html, { url: variant.url }).window.document, variant.url);
    const { expected } = page;
    const text = collapse(article?.text ?? '');

    it('finds an article', () => {
      expect(article).not.toBeNull();
    });

    it('reads title, site, byline, date and canonical URL', () => {
      expect(article).toMatchObject({
        title: expected.title,
        siteName: expected.siteName,
        byline: expected.byline,
        publishedTime: expected.publishedTime,
        canonicalUrl: expected.canonicalUrl,
      });
    });

    it('starts with the first words of the body', () => {
      expect(text.startsWith(collapse(expected.firstWords))).toBe(true);
    });

    it('ends with the last words of the body', () => {
      const tail = trailingQuotes(html, variant.url);
      const end = collapse(`${expected.lastWords} ${tail}`);
      expect(text.endsWith(end), `…${text.slice(-160)}`).toBe(true);
    });

    it('counts at least the expected words', () => {
      expect(article!.wordCount).toBeGreaterThanOrEqual(expected.wordCountMin);
    });

    it.each(expected.mustExclude)('leaves out boilerplate: %s', (boilerplate) => {
      expect(text).not.toContain(collapse(boilerplate));
      expect(article!.html).not.toContain(boilerplate);
    });

    it('keys the page without tracking parameters', () => {
      expect(normalizeUrl(variant.url)).not.toMatch(/utm_/i);
      expect(article!.url).toBe(normalizeUrl(variant.url));
    });
  });
});
