// @vitest-environment jsdom
/**
 * Oversized metadata never makes a page unusable: every value a page supplies is cut or cleaned
 * at extraction so that the result passes the message schemas (issue #11, "Long metadata switches
 * Verbatim off"). Metadata is read under jsdom and happy-dom; articles under jsdom only (DOMPurify
 * refuses to sanitise under happy-dom, see sanitize.test.ts).
 */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { articleBody, extractArticle, MAX_ARTICLE_CHARS, MAX_EXCERPT } from '../../utils/extract';
import { cleanDate, cleanLang, MAX_META_TEXT, truncateText } from '../../utils/extract/clean';
import { MAX_CANONICAL_URL, readPageMeta } from '../../utils/extract/meta';
import { MAX_URL_LENGTH } from '../../utils/extract/url';
import { ArticleDraftSchema, PageMetaSchema } from '../../utils/domain/record-schemas';
import { parse, parseHappy } from '../support/dom';

const URL = 'https://long.example/post';

/** `n` characters of prose: numbered words, so a cut can be checked against the original. */
const prose = (n: number, word = 'mot') => {
  let s = '';
  for (let i = 0; s.length < n; i++) s += `${word}${i} `;
  return s.slice(0, n).trim();
};

/** A page of `head` and `body` markup with an `<html>` tag of the caller's choice. */
const page = (head: string, body = '<p>x</p>', html = '<html>') => `<!DOCTYPE html>${html}<head>${head}</head><body>${body}</body></html>`;

/** An article body long enough for extraction. */
const ARTICLE = `<article>${Array.from(
  { length: 12 },
  (_, i) => `<p>Paragraph ${i}: the keeper wrote the weather, the ships and the oil burnt each night, in a ledger kept for forty years.</p>`,
).join('')}</article>`;

/** True when `cut` is `original` cut at a word boundary, ending with an ellipsis. */
const cutAtWord = (original: string, cut: string) =>
  cut.endsWith('…') && original.startsWith(cut.slice(0, -1)) && /\s/.test(original.charAt(cut.length - 1));

describe.each([
  ['jsdom', parse],
  ['happy-dom', parseHappy],
])('readPageMeta under %s', (_dom, parseDoc) => {
  const metaOf = (html: string, url = URL) => {
    const meta = readPageMeta(parseDoc(html, url), url);
    v.parse(PageMetaSchema, meta);
    return meta;
  };

  it.each([
    ['a <title>', (s: string) => `<title>${s}</title>`],
    ['og:title', (s: string) => `<meta property="og:title" content="${s}">`],
    ['a JSON-LD headline', (s: string) => `<script type="application/ld+json">{"@type":"Article","headline":"${s}"}</script>`],
  ])('cuts a 5,000-character title from %s at a word, with an ellipsis', (_where, markup) => {
    const long = prose(5_000);
    const { title } = metaOf(page(markup(long)));
    expect(title.length).toBeLessThanOrEqual(MAX_META_TEXT);
    expect(title.length).toBeGreaterThan(MAX_META_TEXT - 20);
    expect(cutAtWord(long, title)).toBe(true);
  });

  it('cuts a 3,000-character site name and still strips a short site name from the title', () => {
    const long = prose(3_000, 'site');
    expect(cutAtWord(long, metaOf(page(`<meta property="og:site_name" content="${long}"><title>T</title>`)).siteName!)).toBe(true);
    expect(metaOf(page('<meta property="og:site_name" content="Le Quai"><title>Marées | Le Quai</title>')).title).toBe('Marées');
  });

  it('leaves out a byline that is a whole page of text, and takes the next source', () => {
    const meta = metaOf(page(`<meta name="author" content="${prose(50_000)}">`, '<article><a rel="author">Ada Quill</a><p>x</p></article>'));
    expect(meta.byline).toBe('Ada Quill');
  });

  it.each([
    ['200 characters of text', prose(200)],
    ['a 200-character run of digits', '2'.repeat(200)],
    ['prose with a year in it', 'published on a sunny Tuesday in 2024'],
    ['an impossible month', '2024-13-01'],
    ['an impossible hour', '2024-03-01T25:00'],
  ])('drops a <meta name="date"> holding %s, and falls through to the next source', (_what, date) => {
    expect(metaOf(page(`<meta name="date" content="${date}">`)).publishedTime).toBeUndefined();
    const withTime = page(`<meta name="date" content="${date}">`, '<article><time datetime="2024-03-05">5 March</time><p>x</p></article>');
    expect(metaOf(withTime).publishedTime).toBe('2024-03-05');
  });

  it('keeps ISO dates as written and turns RFC 2822 dates into ISO', () => {
    expect(metaOf(page('<meta name="date" content="2024-03-05T08:00:00.123+02:00">')).publishedTime).toBe('2024-03-05T08:00:00.123+02:00');
    expect(metaOf(page('<meta name="date" content="Tue, 12 Mar 2024 10:00:00 GMT">')).publishedTime).toBe('2024-03-12T10:00:00.000Z');
  });

  it.each([
    ['private subtags past 35 characters', `fr-FR-x-${'abcdefgh-'.repeat(10)}ab`, 'fr-FR-x-abcdefgh-abcdefgh-abcdefgh'],
    ['a region, a script and too many variants', 'sl-Latn-IT-rozaj-biske-1994-nedis-solba', 'sl-Latn-IT-1994-biske-nedis-rozaj'],
    ['upper case', 'EN-gb', 'en-GB'],
    ['100 characters of junk', 'x'.repeat(100), 'pt-BR'],
    ['a tag with a dangling singleton', 'en-x', 'en'],
    ['"und"', 'und', 'pt-BR'],
  ])('cleans <html lang> holding %s', (_what, lang, expected) => {
    const meta = metaOf(page('<meta property="og:locale" content="pt_BR">', '<p>x</p>', `<html lang="${lang}">`));
    expect(meta.lang).toBe(expected);
  });

  it('drops a canonical URL over 8 KiB for og:url, but keeps a long page URL whole', () => {
    const longUrl = `${URL}?q=${'a'.repeat(100_000)}`;
    const longCanonical = `https://long.example/c?q=${'b'.repeat(MAX_CANONICAL_URL)}`;
    const meta = metaOf(page(`<link rel="canonical" href="${longCanonical}"><meta property="og:url" content="https://long.example/og">`), longUrl);
    expect(meta.url).toBe(longUrl);
    expect(meta.canonicalUrl).toBe('https://long.example/og');
  });

  it('reads a page whose meta keys are huge or strange', () => {
    const keys = Array.from({ length: 5_000 }, (_, i) => `k${i}`).join(' ');
    const meta = metaOf(
      page(
        `<meta property="${keys} og:title" content="Title"><meta name="__proto__" content="x"><meta name="constructor" content="y">` +
          `<meta name="${'n'.repeat(100_000)}" content="z">`,
      ),
    );
    expect(meta.title).toBe('Title');
  });
});

describe('the URL limit', () => {
  it('is the schemas’ limit: a URL of MAX_URL_LENGTH passes, one more character does not', () => {
    const url = (n: number) => `${URL}?q=`.padEnd(n, 'a');
    expect(v.safeParse(PageMetaSchema, { url: url(MAX_URL_LENGTH), title: 't' }).success).toBe(true);
    expect(v.safeParse(PageMetaSchema, { url: url(MAX_URL_LENGTH + 1), title: 't' }).success).toBe(false);
  });

  it('makes readPageMeta say so for a URL no browser would open', () => {
    const url = `${URL}?q=${'a'.repeat(MAX_URL_LENGTH)}`;
    expect(() => readPageMeta(parse('<p>x</p>', URL), url)).toThrow(/longer than/);
  });
});

describe('extractArticle with oversized metadata', () => {
  const long = prose(5_000);
  const html = page(
    `<title>${long}</title><meta property="og:site_name" content="${prose(3_000, 'site')}"><meta name="date" content="${prose(200)}">` +
      `<meta name="description" content="${prose(20_000, 'résumé')}"><meta name="author" content="${prose(3_000)}">`,
    ARTICLE,
    `<html lang="fr-FR-x-${'abcdefgh-'.repeat(10)}ab">`,
  );
  const url = `${URL}?q=${'a'.repeat(20_000)}`;
  const article = extractArticle(parse(html, url), url)!;

  it('passes the schema, every value cut or cleaned', () => {
    v.parse(ArticleDraftSchema, article);
    expect(cutAtWord(long, article.title)).toBe(true);
    expect(article.siteName!.length).toBeLessThanOrEqual(MAX_META_TEXT);
    expect(article.excerpt!.length).toBeLessThanOrEqual(MAX_EXCERPT);
    expect(article.excerpt!.endsWith('…')).toBe(true);
    expect(article.publishedTime).toBeUndefined();
    expect(article.byline).toBeUndefined();
    expect(article.lang).toBe('fr-FR-x-abcdefgh-abcdefgh-abcdefgh');
    expect(article.url).toBe(url);
    expect(article.text.startsWith('Paragraph 0: the keeper wrote')).toBe(true);
  });

  it('has the host as its title when the page declares none, cut like any title', () => {
    const host = `${'a'.repeat(60)}.`.repeat(50) + 'example';
    const hostUrl = `https://${host}/p`;
    const draft = extractArticle(parse(page('', ARTICLE), hostUrl), hostUrl);
    expect(draft && v.parse(ArticleDraftSchema, draft).title.length).toBeLessThanOrEqual(MAX_META_TEXT);
  });
});

describe('an article longer than the schemas allow', () => {
  it('is cut to its first blocks, ending with […], html and text alike (articleBody)', () => {
    const article = extractArticle(parse(page('<title>Le registre</title>', ARTICLE), URL), URL)!;
    const root = new DOMParser().parseFromString(`<div>${article.html}</div>`, 'text/html').body.firstElementChild!;
    const { html, text } = articleBody(root, undefined, 600);
    expect(html.length).toBeLessThanOrEqual(600);
    expect(html.endsWith('<p>[…]</p>')).toBe(true);
    expect(text.endsWith('\n\n[…]')).toBe(true);
    // The cut keeps the beginning, whole words only.
    const kept = text.slice(0, -'\n\n[…]'.length);
    expect(article.text.startsWith(kept)).toBe(true);
    expect(article.text.charAt(kept.length)).toMatch(/\s/);
  });

  it('cuts inside a single huge text node at a space, counting entities as written', () => {
    const root = new DOMParser().parseFromString(`<div><pre>${'a &amp; b '.repeat(100)}</pre></div>`, 'text/html').body.firstElementChild!;
    const { html, text } = articleBody(root, undefined, 200);
    expect(html.length).toBeLessThanOrEqual(200);
    expect(html.length).toBeGreaterThan(180);
    expect(html).toMatch(/^<pre>(a &amp; b )*[ab&;mp ]*[^ ]<\/pre><p>\[…\]<\/p>$/);
    const kept = text.split('\n\n')[0]!;
    expect(`${'a & b '.repeat(100)}`.charAt(kept.length)).toBe(' ');
  });

  it('leaves an article that fits as it is', () => {
    const root = new DOMParser().parseFromString('<div><p>Short.</p></div>', 'text/html').body.firstElementChild!;
    expect(articleBody(root)).toEqual({ html: '<p>Short.</p>', text: 'Short.' });
  });

  it('clips a page of 11 million characters to a valid draft', { timeout: 120_000 }, () => {
    const sentence = 'the harbour authority measured the tides for a decade and the numbers changed after the breakwater ';
    const body = `<article><h1>Tides</h1>${Array.from({ length: 200 }, (_, i) => `<p>${i} ${sentence.repeat(550)}</p>`).join('')}</article>`;
    const html = page('<title>Tides</title>', body);
    expect(html.length).toBeGreaterThan(MAX_ARTICLE_CHARS);
    const article = extractArticle(parse(html, URL), URL)!;
    v.parse(ArticleDraftSchema, article);
    expect(article.html.length).toBeLessThanOrEqual(MAX_ARTICLE_CHARS);
    expect(article.html.endsWith('<p>[…]</p>')).toBe(true);
    expect(article.text.startsWith(`0 ${sentence.trim()}`)).toBe(true);
    expect(article.wordCount).toBeGreaterThan(1_500_000);
  });
});

describe('cleaners', () => {
  it('truncateText never splits a surrogate pair and cuts mid-word only when no space is near', () => {
    expect(truncateText('😀'.repeat(10), 6)).toBe('😀😀…');
    expect(truncateText('abcdefghij', 5)).toBe('abcd…');
    expect(truncateText('short', 5)).toBe('short');
    expect(truncateText('un deux, trois quatre', 12)).toBe('un deux…');
  });

  it.each([
    ['2024', '2024'],
    ['2024-03', '2024-03'],
    [' 2024-03-05 ', '2024-03-05'],
    ['2024-03-05 08:00', '2024-03-05 08:00'],
    ['2024-03-05T08:00:00+0200', '2024-03-05T08:00:00+0200'],
    ['12 Mar 2024 10:00 +0100', '2024-03-12T09:00:00.000Z'],
    ['5 mars 2024', undefined],
    ['03/05/2024', undefined],
    ['', undefined],
  ])('cleanDate(%j) → %j', (raw, expected) => {
    expect(cleanDate(raw)).toBe(expected);
  });

  it.each([
    ['fr_FR', 'fr-FR'],
    ['iw', 'he'],
    ['zh-hans-cn', 'zh-Hans-CN'],
    ['fr-FR-FR', 'fr-FR'],
    ['fr, en', 'fr'],
    [`en-${'a'.repeat(100_000)}`, undefined],
  ])('cleanLang(%j) → %j', (raw, expected) => {
    expect(cleanLang(raw)).toBe(expected);
  });
});
