/**
 * The reader view under jsdom (entrypoints/reader): a passage selected as a mouse would leave it,
 * for the tests of the reader's toolbar and cards.
 */
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { expect, vi } from 'vitest';
import { App } from '../../entrypoints/reader/App';
import type { VerbatimDb } from '../../utils/db/schema';
import type { Article, ArticleBody } from '../../utils/domain/model';

/** jsdom lays nothing out: every range gets one rectangle, for placing the toolbar and cards. */
export function stubRangeRects(): void {
  const rect = { x: 10, y: 10, left: 10, top: 10, right: 110, bottom: 30, width: 100, height: 20, toJSON: () => ({}) } as DOMRect;
  Object.assign(Range.prototype, { getBoundingClientRect: () => rect, getClientRects: () => [rect] });
}

/** A clipped article `a1` stored as a clip leaves it (French, no tags), with its saved copy when given. */
export async function storeClipped(db: VerbatimDb, article: Pick<Article, 'url' | 'title'> & Partial<Article>, body?: Omit<ArticleBody, 'id'>): Promise<void> {
  await db.articles.put({ id: 'a1', lang: 'fr', tags: [], clippedAt: 1, createdAt: 1, updatedAt: 1, ...article });
  if (body) await db.bodies.put({ id: 'a1', ...body });
}

/** The reader on article `a1`, rendered into `host`, once its text shows. */
export async function showReader(db: VerbatimDb, host: HTMLElement, wait: { timeout?: number; interval?: number } = {}): Promise<void> {
  await act(() => render(h(App, { db, articleId: 'a1' }), host));
  await vi.waitFor(() => expect(host.querySelector('.reader-body p')).not.toBeNull(), wait);
}

/** The text node holding `words` in the reader's copy inside `host` (drawing a passage may split nodes). */
export function readerTextHolding(host: HTMLElement, words: string): Text {
  const walker = document.createTreeWalker(host.querySelector('.reader-body')!, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((n as Text).data.includes(words)) return n as Text;
  throw new Error(`no text "${words}"`);
}

/** Selects `words` in the reader's copy, releases the mouse, and waits for the selection toolbar. */
export async function selectInReader(host: HTMLElement, words: string, wait: { timeout?: number; interval?: number } = {}): Promise<void> {
  const text = readerTextHolding(host, words);
  const range = document.createRange();
  range.setStart(text, text.data.indexOf(words));
  range.setEnd(text, text.data.indexOf(words) + words.length);
  document.getSelection()!.removeAllRanges();
  document.getSelection()!.addRange(range);
  await act(() => {
    document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    return new Promise((r) => setTimeout(r, 10));
  });
  await vi.waitFor(() => expect(host.querySelector('.reader-toolbar')).not.toBeNull(), wait);
}
