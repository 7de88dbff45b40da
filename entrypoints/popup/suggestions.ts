import { articleBodies, articleBody } from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import { documentTerms, suggestTags } from '../../utils/suggest-tags';

/** How many recent clipped articles weigh suggestions: enough to learn what is common for this reader. */
const LIBRARY_SAMPLE = 150;

/**
 * Tags suggested for an article: its own salient words and phrases, less those common across
 * the reader's library, the reader's existing tags first when they fit, minus tags it has.
 */
export async function suggestionsFor(db: VerbatimDb, articleId: string, existingTags: string[]): Promise<string[]> {
  // Read here, not passed in: a live query re-runs this on every change, and must see the article
  // as it is now (clipped since, tagged since), not as it was when the popup first rendered.
  const [article, body] = await Promise.all([db.articles.get(articleId), articleBody(db, articleId)]);
  const text = body?.text;
  if (!article || !text) return [];
  // The newest articles (small records), then the bodies of those that have one, by key.
  const newest = (await db.articles.orderBy('createdAt').reverse().limit(LIBRARY_SAMPLE + 1).toArray()).filter((a) => a.id !== article.id);
  const bodies = await articleBodies(db, newest.map((a) => a.id));
  const others = newest.flatMap((a, i) => (bodies[i]?.text ? [{ text: bodies[i].text, lang: a.lang }] : []));
  const libraryDocFreq = new Map<string, number>();
  for (const other of others.slice(0, LIBRARY_SAMPLE)) {
    for (const term of documentTerms(other.text, other.lang)) libraryDocFreq.set(term, (libraryDocFreq.get(term) ?? 0) + 1);
  }
  const taken = new Set(article.tags);
  return suggestTags(text, {
    ...(article.lang ? { lang: article.lang } : {}),
    libraryDocFreq,
    libraryDocs: others.length,
    existingTags,
    max: 8,
  })
    .filter((tag) => !taken.has(tag))
    .slice(0, 5);
}
