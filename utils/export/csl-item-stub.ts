/**
 * TEMPORARY stand-in for `cslItemOf` of utils/citation/item.ts (issue #16, the cite part), same
 * signature: deleted when that lands.
 */
import type { CslItem } from '../domain/csl';
import type { Attribution, PageMeta } from '../domain/model';

export type ItemNote = { url: string; attribution?: Attribution };
export type ItemArticle = Partial<PageMeta> & { id?: string; excerpt?: string; author?: string; siteName?: string };

export function cslItemOf(note: ItemNote | undefined, article: ItemArticle | undefined, accessed: Date | number): CslItem {
  const a = note?.attribution;
  const url = a?.url ?? article?.canonicalUrl ?? article?.url ?? note?.url ?? '';
  const item: CslItem = { id: article?.id ?? url, type: 'webpage', URL: url };
  const title = a?.title ?? article?.title;
  if (title) item.title = title;
  const byline = a?.author ?? article?.byline;
  if (byline) {
    const parts = byline.trim().split(/\s+/u);
    item.author = parts.length > 1 ? [{ family: parts.pop()!, given: parts.join(' ') }] : [{ literal: byline }];
  }
  const site = a?.siteName ?? article?.siteName;
  if (site) item['container-title'] = site;
  const published = a?.publishedTime ?? article?.publishedTime;
  const m = published ? /^(\d{4})-(\d{2})-(\d{2})/u.exec(published) : null;
  if (m) item.issued = { 'date-parts': [[Number(m[1]), Number(m[2]), Number(m[3])]] };
  const day = new Date(accessed);
  item.accessed = { 'date-parts': [[day.getFullYear(), day.getMonth() + 1, day.getDate()]] };
  if (article?.lang) item.language = article.lang;
  if (article?.excerpt) item.abstract = article.excerpt;
  return item;
}
