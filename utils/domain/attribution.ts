import type { Attribution, PageMeta } from './model';

/** Who said it, as a page's metadata tells: what a quote keeps and a citation shows. */
export function attributionOf(page: PageMeta): Attribution {
  return {
    title: page.title,
    url: page.canonicalUrl ?? page.url,
    ...(page.byline ? { author: page.byline } : {}),
    ...(page.siteName ? { siteName: page.siteName } : {}),
    ...(page.publishedTime ? { publishedTime: page.publishedTime } : {}),
  };
}
