import type { Transaction } from 'dexie';
import type { Article } from '../../domain/model';

/** v3 gives articles tags of their own (suggested from their text): empty for every older one. */
export async function upgradeV3(tx: Transaction): Promise<void> {
  await tx
    .table<Article, string>('articles')
    .toCollection()
    .modify((article) => {
      if (!Array.isArray(article.tags)) article.tags = [];
    });
}
