import { browser } from 'wxt/browser';

/** The reader view of a clipped article (entrypoints/reader reads `?id=`). */
export const readerUrl = (articleId: string): string =>
  `${browser.runtime.getURL('/reader.html')}?id=${encodeURIComponent(articleId)}`;
