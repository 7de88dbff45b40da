import { articleBodies, articleBody, articleById, newestArticles } from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import { documentTerms, suggestTags } from '../../utils/suggest';

/** How many recent clipped articles weigh suggestions: enough to learn what is common for this reader. */
const LIBRARY_SAMPLE = 150;

/** The library's document frequencies, kept while the sample they came from is unchanged. */
let cached: { db: VerbatimDb; key: string; freq: Map<string, number>; docs: number } | undefined;

/**
 * How many of the newest clipped articles (other than `exceptId`) use each term. The bodies
 * (tens of kB each) are read and scanned only when that sample changed: the popup's live query
 * re-runs on every tag or note edit, which must not re-read megabytes each time.
 */
async function libraryTerms(db: VerbatimDb, exceptId: string): Promise<{ freq: Map<string, number>; docs: number }> {
  // The newest articles (small records) say whether the sample changed: a body changes only
  // with a clip, which sets clippedAt; tags and notes do not touch it.
  const newest = (await newestArticles(db, LIBRARY_SAMPLE + 1))
    .filter((a) => a.id !== exceptId)
    .slice(0, LIBRARY_SAMPLE);
  const key = newest.map((a) => `${a.id}:${a.clippedAt}:${a.lang ?? ''}`).join(',');
  if (cached?.db === db && cached.key === key) return cached;
  const bodies = await articleBodies(db, newest.map((a) => a.id));
  const freq = new Map<string, number>();
  let docs = 0;
  newest.forEach((a, i) => {
    const text = bodies[i]?.text;
    if (!text) return;
    docs++;
    for (const term of documentTerms(text, a.lang)) freq.set(term, (freq.get(term) ?? 0) + 1);
  });
  cached = { db, key, freq, docs };
  return cached;
}

/** The text of a page that was never clipped, read from the tab (`extractArticle`, not saved). */
export interface PageText {
  text: string;
  lang?: string;
  title?: string;
}

/**
 * Tags suggested for an article: its own salient words and phrases, the title's weighing more,
 * less those common across the reader's library, the reader's existing tags first when they fit,
 * minus tags it has. The saved copy's text when it was clipped, else `page` (a page with notes
 * whose text the popup read from the tab), else none.
 */
export async function suggestionsFor(db: VerbatimDb, articleId: string, existingTags: string[], page?: PageText): Promise<string[]> {
  // Read here, not passed in: a live query re-runs this on every change, and must see the article
  // as it is now (clipped since, tagged since), not as it was when the popup first rendered.
  const [article, body] = await Promise.all([articleById(db, articleId), articleBody(db, articleId)]);
  if (!article) return [];
  const stored = body?.text;
  const text = stored || page?.text;
  if (!text) return [];
  const lang = (stored ? article.lang : page?.lang ?? article.lang) || undefined;
  const title = article.title || page?.title;
  const { freq: libraryDocFreq, docs } = await libraryTerms(db, article.id);
  const taken = new Set(article.tags);
  return suggestTags(text, {
    ...(lang ? { lang } : {}),
    ...(title ? { title } : {}),
    libraryDocFreq,
    libraryDocs: docs,
    existingTags,
    max: 8,
  })
    .filter((tag) => !taken.has(tag))
    .slice(0, 5);
}
