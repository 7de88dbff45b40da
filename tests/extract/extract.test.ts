// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { countWords, extractArticle, MIN_ARTICLE_WORDS } from '../../utils/extract';
import { parse } from '../support/dom';
import { ARTICLE_EN_META, ARTICLE_FR_META, readFixture } from '../support/fixtures';


/** Extracts a fixture as if served at `url`. */
const extract = (name: string, url: string) => extractArticle(parse(readFixture(name), url), url);

const paragraphsOf = (text: string) => text.split('\n\n');

describe('an English blog post', () => {
  const url = 'https://slowshelf.example/posts/ten-pages-a-day/?utm_source=feed&utm_medium=rss#comments';
  const article = extract('article-en.html', url)!;

  it('is found, with its metadata', () => {
    expect(article).toMatchObject({
      url: 'https://slowshelf.example/posts/ten-pages-a-day/',
      ...ARTICLE_EN_META,
      excerpt: 'A reading habit does not need an empty weekend. It needs a small, repeatable slot that survives an ordinary Tuesday.',
    });
  });

  it('runs from the first body paragraph to the last', () => {
    expect(article.text.startsWith('Most people who say they have no time to read are not lying about their calendars.')).toBe(true);
    expect(article.text.endsWith('in a year you will have a small library behind you.')).toBe(true);
  });

  it('keeps headings, list items and quotations as their own paragraphs', () => {
    const paragraphs = paragraphsOf(article.text);
    expect(paragraphs).toContain('Why tiny goals work');
    expect(paragraphs).toContain('Pick the next book before you finish the current one.');
    expect(paragraphs).toContain('A book you abandon today may be the right book in five years, when you have become a different reader.');
  });

  it('separates paragraphs with a blank line and collapses whitespace inside them', () => {
    const paragraphs = paragraphsOf(article.text);
    expect(paragraphs.length).toBeGreaterThan(10);
    for (const p of paragraphs) {
      expect(p).toBe(p.trim());
      expect(p).not.toMatch(/\s{2,}|\n/);
    }
  });

  it.each([
    ['the comments', 'Loved this, I started doing ten pages at lunch'],
    ['the comment form', 'Leave a reply'],
    ['the cookie banner', 'We use cookies'],
    ['the sidebar', 'Popular posts'],
    ['the newsletter box', 'Join four thousand readers'],
    ['the navigation', 'Reviews'],
    ['the byline line', '4 min read'],
    ['the share links', 'Share this post'],
    ['the site footer', 'too much tea'],
  ])('leaves out %s', (_what, boilerplate) => {
    expect(article.text).not.toContain(boilerplate);
    expect(article.html).not.toContain(boilerplate);
  });

  it('counts words and reading time from the text', () => {
    expect(article.wordCount).toBe(countWords(article.text));
    expect(article.wordCount).toBeGreaterThan(500);
    expect(article.readingMinutes).toBe(Math.ceil(article.wordCount / 230));
  });

  it('stores sanitised HTML whose relative links point back at the site', () => {
    expect(article.html).toContain('<h2>Why tiny goals work</h2>');
    expect(article.html).toContain('href="https://slowshelf.example/posts/reading-log/"');
    expect(article.html).not.toMatch(/<script|<style|<form|<input|<button|\son\w+=|class=|id=/);
  });
});

describe('a French article', () => {
  const url = 'https://atelier-editorial.example/blog/marketing-de-contenu-jardin/?mc_cid=12&mc_eid=34';
  const article = extract('article-fr.html', url)!;

  it('is found, with metadata from og: tags and a visible byline', () => {
    expect(article).toMatchObject({
      url: 'https://atelier-editorial.example/blog/marketing-de-contenu-jardin/',
      ...ARTICLE_FR_META,
    });
  });

  it('keeps French typography: curly apostrophes, guillemets and non-breaking spaces', () => {
    expect(article.text.startsWith('Beaucoup d’entreprises abordent le marketing de contenu')).toBe(true);
    expect(article.text).toContain('concluent que «\u00a0ça ne marche pas\u00a0».');
    expect(article.text).toContain('Faut-il publier chaque semaine\u00a0? Pas forcément.');
    expect(article.text.endsWith('C’est tout le secret\u00a0!')).toBe(true);
  });

  it('reads across inline markup without gluing or splitting words', () => {
    expect(article.text).toContain('C’est la régularité qui finit par faire la différence');
    expect(article.text).toContain('il a besoin d’être utile.');
    expect(article.html).toContain('<strong>la régularité</strong>');
    expect(article.html).toContain('<em>utile</em>');
  });

  it.each([
    ['the comment form', 'Laisser un commentaire'],
    ['a comment', 'Article très juste'],
    ['the cookie notice', 'Nous utilisons des cookies'],
    ['the sidebar', 'Catégories'],
    ['the share links', 'Partager'],
    ['the byline line', 'Par Camille Roux'],
    ['the footer', 'Tous droits réservés'],
  ])('leaves out %s', (_what, boilerplate) => {
    expect(article.text).not.toContain(boilerplate);
    expect(article.html).not.toContain(boilerplate);
  });

  it('counts l’expérience-style elisions as one word', () => {
    expect(article.wordCount).toBeGreaterThan(500);
    expect(article.wordCount).toBe(countWords(article.text));
  });
});

describe('pages without an article', () => {
  it('returns null for a login page', () => {
    expect(extract('no-article.html', 'https://app.ledgerly.example/login')).toBeNull();
  });

  it.each([
    ['an empty document', ''],
    ['a short note', '<p>Back in five minutes.</p>'],
    ['a page of links', `<ul>${'<li><a href="/x">A link to somewhere</a></li>'.repeat(50)}</ul>`],
  ])('returns null for %s', (_what, html) => {
    expect(extractArticle(parse(html, 'https://example.com/'), 'https://example.com/')).toBeNull();
  });

  it(`needs at least ${MIN_ARTICLE_WORDS} words`, () => {
    const sentence = (n: number) => `<p>${Array.from({ length: n }, (_, i) => `word${i}`).join(' ')}.</p>`;
    const page = (n: number) => `<html><body><article>${sentence(n)}</article></body></html>`;
    expect(extractArticle(parse(page(MIN_ARTICLE_WORDS - 5), 'https://e.example/'), 'https://e.example/')).toBeNull();
    expect(extractArticle(parse(page(MIN_ARTICLE_WORDS + 20), 'https://e.example/'), 'https://e.example/')).not.toBeNull();
  });
});

describe('robustness', () => {
  it('extracts a malformed page without throwing, and without its script vectors', () => {
    const article = extract('malformed.html', 'https://coastal.example/ledger')!;
    expect(article.title).toBe("The Lighthouse Keeper's Ledger");
    expect(article.byline).toBe('Ada Quill');
    expect(article.text.startsWith('For forty years the keeper of the northern light')).toBe(true);
    expect(article.text.endsWith('open at the page where the two handwritings meet.')).toBe(true);
    expect(article.html).not.toMatch(/javascript:|onerror|onclick|onload|alert/);
    expect(article.html).toContain('href="https://coastal.example/archive/ledger"');
  });

  it('returns null instead of throwing for an invalid URL', () => {
    expect(extractArticle(parse(readFixture('article-en.html'), 'https://e.example/'), 'not a url')).toBeNull();
  });

  it('leaves the live document untouched', () => {
    const doc = parse(readFixture('article-en.html'), 'https://slowshelf.example/p');
    const before = doc.documentElement.outerHTML;
    extractArticle(doc, 'https://slowshelf.example/p');
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('works on a document without a window (DOMParser), using the global one', () => {
    const doc = new DOMParser().parseFromString(readFixture('article-en.html'), 'text/html');
    expect(doc.defaultView).toBeNull();
    const article = extractArticle(doc, 'https://slowshelf.example/posts/ten-pages-a-day/');
    expect(article?.title).toBe('Ten Pages a Day: How Small Reading Habits Add Up');
  });

  it('strips "By" from a byline only Readability finds', () => {
    const body = `<article><p class="writtenby">By Jane Doe</p>${'<p>This sentence is part of a long enough article body to count as one. It keeps going for a while.</p>'.repeat(8)}</article>`;
    const article = extractArticle(parse(`<html><body>${body}</body></html>`, 'https://e.example/a'), 'https://e.example/a');
    expect(article?.byline).toBe('Jane Doe');
  });

  it('extracts a multi-megabyte page', { timeout: 60_000 }, () => {
    const paragraph = (i: number) =>
      `<p>Paragraph ${i} explains how the harbour authority measured the tides for a decade and why the numbers changed after the breakwater.</p>`;
    const comment = (i: number) => `<div class="comment"><span class="author">User ${i}</span><p>Comment ${i}: thanks for the report.</p></div>`;
    const html =
      `<html><head><title>Report</title></head><body><nav>${'<a href="/c">Category</a>'.repeat(2000)}</nav>` +
      `<article><h1>Harbour report</h1>${Array.from({ length: 3000 }, (_, i) => paragraph(i)).join('')}</article>` +
      `<section id="comments">${Array.from({ length: 8000 }, (_, i) => comment(i)).join('')}</section></body></html>`;
    expect(html.length).toBeGreaterThan(1_000_000);
    const article = extractArticle(parse(html, 'https://e.example/big'), 'https://e.example/big');
    expect(article?.text.startsWith('Paragraph 0 explains')).toBe(true);
    expect(article?.text).not.toContain('thanks for the report');
  });
});

describe('countWords', () => {
  it.each([
    ['', 0],
    ['   \n\n  ', 0],
    ['— « ! » ?', 0],
    ['One two three.', 3],
    ['l’expérience client', 2],
    ["aujourd'hui", 1],
    ['Est-ce toujours possible ?', 3],
    ['lecteur·trice', 1],
    ['3 500 euros', 3],
    ['3\u00a0500 euros', 3],
    ['naïve cafe\u0301', 2],
    ['東京', 2],
    ['Paragraph one.\n\nParagraph two.', 4],
  ])('%j has %i words', (text, n) => {
    expect(countWords(text)).toBe(n);
  });
});
