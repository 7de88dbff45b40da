import { describe, expect, it } from 'vitest';
import { cleanByline } from '../../utils/extract/clean';
import { readPageMeta } from '../../utils/extract/meta';
import { parse } from '../support/dom';
import { ARTICLE_EN_META, ARTICLE_FR_META, readFixture } from '../support/fixtures';

const URL_EN = 'https://slowshelf.example/posts/ten-pages-a-day/?utm_source=feed&ref=home#comments';

/** Metadata of a small page built from `head` and `body` markup. */
const metaOf = (head: string, body = '', url = 'https://news.example/2024/story?id=3') =>
  readPageMeta(parse(`<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`, url), url);

describe('readPageMeta on the fixtures', () => {
  it('reads an English blog post (meta tags, JSON-LD @graph, relative canonical)', () => {
    expect(readPageMeta(parse(readFixture('article-en.html'), URL_EN), URL_EN)).toEqual({
      url: 'https://slowshelf.example/posts/ten-pages-a-day/?ref=home',
      ...ARTICLE_EN_META,
      // Reached through a link with a parameter of its own: its canonical is another address.
      aliases: ['https://slowshelf.example/posts/ten-pages-a-day/'],
    });
  });

  it('reads a French post (og: tags only, og:locale, visible "Par …, le …" byline)', () => {
    const url = 'https://atelier-editorial.example/blog/marketing-de-contenu-jardin/?fbclid=xyz';
    expect(readPageMeta(parse(readFixture('article-fr.html'), url), url)).toEqual({
      url: 'https://atelier-editorial.example/blog/marketing-de-contenu-jardin/',
      ...ARTICLE_FR_META,
    });
  });

  it('survives a malformed page: broken JSON-LD, empty tags, an invalid canonical', () => {
    const url = 'https://coastal.example/ledger';
    expect(readPageMeta(parse(readFixture('malformed.html'), url), url)).toEqual({
      url,
      title: "The Lighthouse Keeper's Ledger",
      byline: 'Ada Quill',
      lang: 'en-US',
    });
  });

  it('reads an app shell without inventing an author or a date', () => {
    const url = 'https://app.ledgerly.example/login';
    expect(readPageMeta(parse(readFixture('no-article.html'), url), url)).toEqual({
      url,
      title: 'Sign in',
      siteName: 'Ledgerly',
      lang: 'en',
    });
  });
});

describe('title', () => {
  it('prefers og:title, then twitter:title, then the JSON-LD headline', () => {
    const og = '<meta property="og:title" content="From OG">';
    const tw = '<meta name="twitter:title" content="From Twitter">';
    const ld = '<script type="application/ld+json">{"@type":"NewsArticle","headline":"From JSON-LD"}</script>';
    expect(metaOf(og + tw + ld).title).toBe('From OG');
    expect(metaOf(tw + ld).title).toBe('From Twitter');
    expect(metaOf(ld + '<title>From title</title>').title).toBe('From JSON-LD');
  });

  it('takes a single <h1>, but not one of several', () => {
    expect(metaOf('<title>Doc title</title>', '<h1>The headline</h1><p>Text</p>').title).toBe('The headline');
    expect(metaOf('<title>Doc title</title>', '<h1>One</h1><h1>Two</h1>').title).toBe('Doc title');
  });

  it.each([
    ['Ten tips | The Slow Shelf', 'The Slow Shelf', 'Ten tips'],
    ['Ten tips – The Slow Shelf', 'The Slow Shelf', 'Ten tips'],
    ['Ten tips - the slow shelf', 'The Slow Shelf', 'Ten tips'],
    ['The Slow Shelf | Ten tips', 'The Slow Shelf', 'Ten tips'],
    ['Why: a question | Another Site', 'The Slow Shelf', 'Why: a question | Another Site'],
  ])('strips the site name from <title> %j only when it is the site name', (title, site, expected) => {
    expect(metaOf(`<title>${title}</title><meta property="og:site_name" content="${site}">`).title).toBe(expected);
  });

  it("falls back to the URL's host", () => {
    expect(metaOf('', '<p>nothing here</p>', 'https://www.example.org/a/b').title).toBe('www.example.org');
  });

  it('collapses whitespace and decodes entities', () => {
    expect(metaOf('<meta property="og:title" content="  Caf&eacute;\n\t &amp;  cr&egrave;me  ">').title).toBe('Café & crème');
  });
});

describe('byline', () => {
  it('reads meta author first', () => {
    expect(metaOf('<meta name="author" content="Jane Doe"><meta property="article:author" content="Someone Else">').byline).toBe('Jane Doe');
  });

  it('ignores article:author when it is a profile URL', () => {
    const head =
      '<meta property="article:author" content="https://facebook.com/jane">' +
      '<script type="application/ld+json">{"@type":"Article","author":{"@type":"Person","name":"Jane Doe"}}</script>';
    expect(metaOf(head).byline).toBe('Jane Doe');
  });

  it('joins several JSON-LD authors, given as objects or strings', () => {
    const ld = '{"@type":"BlogPosting","author":[{"@type":"Person","name":"Ana Ruiz"},"Ben Ode",{"@type":"Person","name":"Ana Ruiz"}]}';
    expect(metaOf(`<script type="application/ld+json">${ld}</script>`).byline).toBe('Ana Ruiz, Ben Ode');
  });

  it('falls back to rel=author, then a .byline, then an .author', () => {
    expect(metaOf('', '<a rel="author" href="/u/jd">Jane Doe</a><p class="byline">By Other</p>').byline).toBe('Jane Doe');
    expect(metaOf('', '<p class="byline">By Jane Doe · March 3, 2024 · 5 min read</p>').byline).toBe('Jane Doe');
    expect(metaOf('', '<span class="author">Par Léa Martin</span>').byline).toBe('Léa Martin');
  });

  it('does not take a commenter or a sidebar author for the article author', () => {
    const body =
      '<article><p>Text</p></article>' +
      '<section id="comments"><p class="author">Troll42</p></section>' +
      '<aside><span class="author">Widget Person</span></aside>';
    expect(metaOf('', body).byline).toBeUndefined();
  });
});

describe('cleanByline', () => {
  it.each([
    ['By Jane Doe', 'Jane Doe'],
    ['by  jane doe', 'jane doe'],
    ['Written by Jane Doe', 'Jane Doe'],
    ['Par Léa Martin', 'Léa Martin'],
    ['Publié par Barbara Haddad', 'Barbara Haddad'],
    ['De Léa Martin', 'Léa Martin'],
    ['De Gaulle', 'De Gaulle'],
    ['Jane Doe · 3 March 2024', 'Jane Doe'],
    ['Jane Doe | Mar 3, 2024', 'Jane Doe'],
    ['Jane Doe on May 1, 2024', 'Jane Doe'],
    ['Par Rédaction · 20 novembre 2018 · 6 min de lecture', 'Rédaction'],
    ['Par Camille Roux, le 3 octobre 2023', 'Camille Roux'],
    ['Jean-Pierre Dupont, 12 mars 2020', 'Jean-Pierre Dupont'],
    ['Jane Doe and John Roe', 'Jane Doe and John Roe'],
    ['Author: Jane Doe', 'Jane Doe'],
  ])('%j → %j', (raw, expected) => {
    expect(cleanByline(raw)).toBe(expected);
  });

  it.each(['', '   ', 'https://example.com/jane', 'By', '· 2024', 'x'.repeat(101)])('rejects %j', (raw) => {
    expect(cleanByline(raw)).toBeUndefined();
  });
});

describe('site name', () => {
  it('reads og:site_name, then application-name, then the JSON-LD publisher', () => {
    const pub = '<script type="application/ld+json">{"@type":"Article","publisher":{"@type":"Organization","name":"Pub Co"}}</script>';
    expect(metaOf('<meta property="og:site_name" content="OG Site"><meta name="application-name" content="App">' + pub).siteName).toBe('OG Site');
    expect(metaOf('<meta name="application-name" content="App">' + pub).siteName).toBe('App');
    expect(metaOf(pub).siteName).toBe('Pub Co');
  });
});

describe('JSON-LD', () => {
  it('reads an array of nodes', () => {
    const ld = '[{"@type":"Organization","name":"Org"},{"@type":["NewsArticle"],"headline":"Arrayed","datePublished":"2024-01-02"}]';
    expect(metaOf(`<script type="application/ld+json">${ld}</script>`)).toMatchObject({ title: 'Arrayed', publishedTime: '2024-01-02' });
  });

  it('follows @id references inside a @graph', () => {
    const ld = JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'Organization', '@id': '#org', name: 'Graph Press' },
        { '@type': 'Person', '@id': '#p', name: 'Gia Ng' },
        { '@type': 'Article', headline: 'In a graph', author: { '@id': '#p' }, publisher: { '@id': '#org' } },
      ],
    });
    expect(metaOf(`<script type="application/ld+json">${ld}</script>`)).toMatchObject({
      title: 'In a graph',
      byline: 'Gia Ng',
      siteName: 'Graph Press',
    });
  });

  it('ignores malformed blocks and uses the valid ones', () => {
    const head =
      '<script type="application/ld+json">{"@type": "Article", "headline": </script>' +
      '<script type="application/ld+json">{"@type":"BlogPosting","headline":"Valid one"}</script>';
    expect(metaOf(head).title).toBe('Valid one');
  });

  it('reads JSON-LD wrapped in an HTML comment', () => {
    expect(metaOf('<script type="application/ld+json"><!-- {"@type":"Article","headline":"Wrapped"} --></script>').title).toBe('Wrapped');
  });
});

describe('published time', () => {
  it.each([
    ['<meta property="article:published_time" content="2024-03-01T10:00:00Z">', '', '2024-03-01T10:00:00Z'],
    ['<script type="application/ld+json">{"@type":"Article","datePublished":"2024-03-02"}</script>', '', '2024-03-02'],
    ['<meta name="date" content="2024-03-03">', '', '2024-03-03'],
    ['', '<article><span itemprop="datePublished" content="2024-03-04">4 March</span></article>', '2024-03-04'],
    ['', '<article><header><time datetime="2024-03-05T08:00">5 March</time></header><p>x</p></article>', '2024-03-05T08:00'],
  ])('reads %s%s', (head, body, expected) => {
    expect(metaOf(head, body).publishedTime).toBe(expected);
  });

  it('ignores the dates of comments', () => {
    const body = '<article><p>x</p><div class="comment-list"><article class="comment"><time datetime="2024-09-09">x</time></article></div></article>';
    expect(metaOf('', body).publishedTime).toBeUndefined();
  });
});

describe('language', () => {
  it.each([
    ['<html lang="fr">', '', 'fr'],
    ['<html lang="en_GB">', '', 'en-GB'],
    ['<html>', '<meta http-equiv="content-language" content="de-AT">', 'de-AT'],
    ['<html>', '<meta property="og:locale" content="fr_FR">', 'fr-FR'],
    ['<html lang="not a tag!">', '<meta property="og:locale" content="pt_BR">', 'pt-BR'],
  ])('%s %s → %s', (html, head, expected) => {
    const url = 'https://example.com/';
    expect(readPageMeta(parse(`${html}<head>${head}</head><body></body></html>`, url), url).lang).toBe(expected);
  });
});

describe('canonical URL', () => {
  it('resolves a relative canonical against the page URL', () => {
    expect(metaOf('<link rel="canonical" href="../canon/">').canonicalUrl).toBe('https://news.example/canon/');
  });

  it('resolves against <base href> when the page has one', () => {
    expect(metaOf('<base href="https://cdn.example/site/"><link rel="canonical" href="post">').canonicalUrl).toBe('https://cdn.example/site/post');
  });

  it('falls back to og:url, and ignores non-http values', () => {
    expect(metaOf('<meta property="og:url" content="https://news.example/og">').canonicalUrl).toBe('https://news.example/og');
    expect(metaOf('<link rel="canonical" href="javascript:alert(1)">').canonicalUrl).toBeUndefined();
  });
});

describe('the other addresses a page declares (aliases)', () => {
  it('reads the canonical link, og:url and the AMP version, normalised, without the page’s own URL', () => {
    const meta = metaOf(
      '<link rel="canonical" href="/2024/story?utm_source=rss#top">' +
        '<meta property="og:url" content="https://www.news.example/2024/story">' +
        '<link rel="amphtml" href="https://news.example/2024/story/amp">',
    );
    expect(meta.canonicalUrl).toBe('https://news.example/2024/story');
    expect(meta.aliases).toEqual(['https://news.example/2024/story', 'https://www.news.example/2024/story', 'https://news.example/2024/story/amp']);
  });

  it('an AMP page names its canonical; a page naming only itself has none', () => {
    expect(metaOf('<link rel="canonical" href="https://news.example/2024/story">', '', 'https://news.example/2024/story/amp').aliases).toEqual([
      'https://news.example/2024/story',
    ]);
    const self = metaOf('<link rel="canonical" href="https://news.example/2024/story?id=3&utm_medium=x"><meta property="og:url" content="https://news.example/2024/story?id=3">');
    expect(self).not.toHaveProperty('aliases');
  });

  it('drops what is not an http(s) address, and an absurdly long one', () => {
    const long = `https://news.example/${'a'.repeat(9_000)}`;
    const meta = metaOf(`<link rel="amphtml" href="javascript:alert(1)"><meta property="og:url" content="${long}"><link rel="canonical" href="data:text/html,x">`);
    expect(meta).not.toHaveProperty('aliases');
  });
});

it('leaves missing fields out rather than empty', () => {
  const meta = metaOf('<meta name="author" content=" "><meta property="og:site_name" content=""><title>  </title>');
  expect(meta).toEqual({ url: 'https://news.example/2024/story?id=3', title: 'news.example' });
});

it('throws a clear error for an invalid page URL', () => {
  expect(() => readPageMeta(parse('<p>x</p>', 'https://example.com/'), 'nope')).toThrow(/not a valid absolute URL/i);
});
