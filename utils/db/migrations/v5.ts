import type { Transaction } from 'dexie';
import type { ArticleBody, ArticleWithBody } from '../../domain/model';

/**
 * v5 moves the clipped html and text, tens of kB per article, off the article records into
 * `bodies`: the side panel reads every article, and 2,000 of them carried ~100 MB it never shows.
 */
export async function upgradeV5(tx: Transaction): Promise<void> {
  const bodies = tx.table<ArticleBody, string>('bodies');
  // modify() reads and rewrites the articles 200 at a time, and each body is written as it
  // is met: a library of 2,000 large clips is never in memory at once.
  const writes: Array<Promise<unknown>> = [];
  await tx
    .table<ArticleWithBody, string>('articles')
    .toCollection()
    .modify((article) => {
      if (article.html === undefined && article.text === undefined) return;
      const body: ArticleBody = { id: article.id };
      if (article.html !== undefined) body.html = article.html;
      if (article.text !== undefined) body.text = article.text;
      writes.push(bodies.add(body));
      delete article.html;
      delete article.text;
    });
  await Promise.all(writes);
}
