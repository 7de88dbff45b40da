/**
 * The HTML pages under tests/fixtures/, and what the two article pages say of themselves: the
 * metadata a reader of them must find (its `url` aside: that depends on where the page is served).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The text of `tests/fixtures/<name>` (`hostile/<name>` for the hostile pages). */
export const readFixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', name), 'utf8');

/** article-en.html: an English blog post (meta tags, JSON-LD @graph, a relative canonical). */
export const ARTICLE_EN_META = {
  canonicalUrl: 'https://slowshelf.example/posts/ten-pages-a-day/',
  title: 'Ten Pages a Day: How Small Reading Habits Add Up',
  byline: 'Maya Okafor',
  siteName: 'The Slow Shelf',
  publishedTime: '2024-02-11T08:30:00Z',
  lang: 'en-GB',
};

/** article-fr.html: a French post (og: tags only, og:locale, a visible "Par …, le …" byline). */
export const ARTICLE_FR_META = {
  canonicalUrl: 'https://atelier-editorial.example/blog/marketing-de-contenu-jardin/',
  title: 'Marketing de contenu : cultiver un jardin plutôt que lancer une campagne',
  byline: 'Camille Roux',
  siteName: 'Atelier Éditorial',
  publishedTime: '2023-10-03T07:45:00+02:00',
  lang: 'fr-FR',
};
