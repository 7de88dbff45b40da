// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { suggestionsFor } from '../../entrypoints/popup/suggestions';
import { saveClip } from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import { extractArticle } from '../../utils/extract';
import { parse } from '../support/dom';
import { dbPerTest } from '../support/db';
import { readFixture } from '../support/fixtures';

/** The articles the end-to-end suite clips, extracted as the content script does. */
const extract = (name: string, url: string) =>
  extractArticle(parse(readFixture(name), url), url)!;

let db: VerbatimDb;
dbPerTest((fresh) => (db = fresh));

describe('tags suggested for the end-to-end fixtures, clipped one after the other', () => {
  it('English: the reading habit, not pages, days and minutes', async () => {
    await saveClip(db, extract('article-fr.html', 'https://exemple.fr/marketing-de-contenu/'));
    const article = await saveClip(db, extract('article-en.html', 'https://slowshelf.example/posts/ten-pages-a-day/'));
    const tags = await suggestionsFor(db, article.id, []);
    expect(tags[0]).toBe('reading habit');
    expect(tags).toContain('reading log');
    expect(tags).toContain('book');
    for (const generic of ['pages', 'page', 'day', 'read', 'year', 'minutes', 'time', 'small', 'week']) expect(tags, generic).not.toContain(generic);
  });

  it('French: « marketing de contenu », not article, texte, question or semaine', async () => {
    await saveClip(db, extract('article-en.html', 'https://slowshelf.example/posts/ten-pages-a-day/'));
    const article = await saveClip(db, extract('article-fr.html', 'https://exemple.fr/marketing-de-contenu/'));
    const tags = await suggestionsFor(db, article.id, []);
    expect(tags[0]).toBe('marketing de contenu');
    expect(tags).toContain('lettre d’information');
    expect(tags).toContain('clients');
    for (const generic of ['article', 'texte', 'question', 'seconde vie', 'semaine', 'mois', 'temps', 'personne', 'jardin']) {
      expect(tags, generic).not.toContain(generic);
    }
  });
});
