import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { onLoaded, onNavigated, watchNavigation, type Navigation } from '../../entrypoints/background/navigation';
import type { VerbatimDb } from '../../utils/db/schema';
import type { Note } from '../../utils/domain/model';
import { dbPerTest } from '../support/db';
import { highlight } from '../support/library';

let db: VerbatimDb;
let injected: Array<[number, string, string | undefined]>;
const inject = async (tabId: number, file: string, documentId?: string) => {
  injected.push([tabId, file, documentId]);
};

const note = (url: string): Note => highlight({ id: crypto.randomUUID(), url, exact: 'a passage', selectors: [] });

dbPerTest((fresh) => (db = fresh));
beforeEach(async () => {
  fakeBrowser.reset();
  await db.notes.bulkAdd([note('https://example.org/article'), note('https://app.example.org/#/inbox')]);
  injected = [];
});

const top = (url: string, extra: Partial<Navigation> = {}): Navigation => ({ tabId: 7, frameId: 0, url, documentId: 'DOC', ...extra });

describe('a navigation the background hears', () => {
  it('brings the page script into the very document that committed, when its page has notes', async () => {
    expect(await onNavigated(db, inject, top('https://example.org/article'))).toBe(true);
    expect(injected).toEqual([[7, '/page.js', 'DOC']]);
  });

  it('finds the page under its normalised URL (campaign parameters, an anchor, the host’s case)', async () => {
    expect(await onNavigated(db, inject, top('https://EXAMPLE.org/article?utm_source=x#part-2'))).toBe(true);
    expect(await onNavigated(db, inject, top('https://app.example.org/#/inbox'))).toBe(true);
    expect(injected).toHaveLength(2);
  });

  it('brings it to another address of an article with notes (its AMP page), found through the article’s aliases', async () => {
    await db.articles.add({ id: 'a1', url: 'https://example.org/article', title: 'x', aliases: ['https://amp.example.net/example.org/article'], tags: [], createdAt: 1, updatedAt: 1 });
    expect(await onNavigated(db, inject, top('https://amp.example.net/example.org/article?utm_medium=amp'))).toBe(true);
    expect(injected).toEqual([[7, '/page.js', 'DOC']]);
  });

  it('gives a page without notes nothing, not even the question', async () => {
    expect(await onNavigated(db, inject, top('https://example.org/other'))).toBe(false);
    expect(await onNavigated(db, inject, top('https://example.org/article?page=2'))).toBe(false);
    expect(await onNavigated(db, inject, top('https://app.example.org/#/sent'))).toBe(false);
    expect(injected).toEqual([]);
  });

  it('leaves frames alone, takes a prerendered page (its own frame id), and ignores other schemes', async () => {
    expect(await onNavigated(db, inject, top('https://example.org/article', { frameId: 3, frameType: 'sub_frame' }))).toBe(false);
    expect(await onNavigated(db, inject, top('https://example.org/article', { frameId: 3 }))).toBe(false);
    expect(await onNavigated(db, inject, top('file:///home/me/article', {}))).toBe(false);
    expect(await onNavigated(db, inject, top('https://example.org/article', { frameId: 5, frameType: 'outermost_frame' }))).toBe(true);
    expect(injected).toEqual([[7, '/page.js', 'DOC']]);
  });

  it('shrugs off a tab that refuses the script or is gone, and a closed database', async () => {
    const refuse = async () => {
      throw new Error('No tab with id: 7');
    };
    expect(await onNavigated(db, refuse, top('https://example.org/article'))).toBe(false);
    db.close();
    expect(await onNavigated(db, inject, top('https://example.org/article'))).toBe(false);
  });
});

describe('a page without notes of its own, once loaded', () => {
  let asked: number;
  /** The page declares `addresses` (read from its document); counts the reads. */
  const declares = (addresses: unknown) => async () => {
    asked++;
    return addresses;
  };
  beforeEach(() => {
    asked = 0;
  });

  it('gets the page script when the canonical or og:url it declares, of its own origin, has notes', async () => {
    expect(await onLoaded(db, declares(['https://example.org/article?utm_source=feed']), inject, top('https://example.org/print/article'))).toBe(true);
    expect(injected).toEqual([[7, '/page.js', 'DOC']]);
    // Through an article that lists that address among its aliases (notes made on its AMP page).
    await db.articles.add({ id: 'a1', url: 'https://amp.example.net/x', title: 'x', aliases: ['https://news.example/story'], tags: [], createdAt: 1, updatedAt: 1 });
    await db.notes.add(note('https://amp.example.net/x'));
    expect(await onLoaded(db, declares(['https://news.example/story']), inject, top('https://news.example/story?page=2', { documentId: 'TWO' }))).toBe(true);
    expect(injected.map(([, , doc]) => doc)).toEqual(['DOC', 'TWO']);
  });

  it('gets nothing when what it declares has no notes, is of another origin, or is not a list of addresses', async () => {
    expect(await onLoaded(db, declares(['https://example.org/elsewhere']), inject, top('https://example.org/print/article'))).toBe(false);
    expect(await onLoaded(db, declares(['https://evil.example/article', 'javascript:alert(1)']), inject, top('https://example.org/print/article'))).toBe(false);
    expect(await onLoaded(db, declares('https://example.org/article'), inject, top('https://example.org/print/article'))).toBe(false);
    expect(await onLoaded(db, declares([42, { href: 'https://example.org/article' }]), inject, top('https://example.org/print/article'))).toBe(false);
    // Only its page note: nothing to draw.
    await db.notes.add({ ...note('https://example.org/about'), kind: 'page', exact: '', note: 'À relire' });
    expect(await onLoaded(db, declares(['https://example.org/about']), inject, top('https://example.org/about/print'))).toBe(false);
    expect(injected).toEqual([]);
  });

  it('is not even read on a site without notes, nor when the page has its own (it got the script when it committed)', async () => {
    expect(await onLoaded(db, declares(['https://elsewhere.example/article']), inject, top('https://elsewhere.example/print'))).toBe(false);
    expect(await onLoaded(db, declares(['https://example.org/other']), inject, top('https://example.org/article'))).toBe(false);
    expect(asked).toBe(0);
    expect(injected).toEqual([]);
  });

  it('shrugs off a document that cannot be read (gone, or a page the browser protects)', async () => {
    const fails = async () => {
      throw new Error('Cannot access contents of the page');
    };
    expect(await onLoaded(db, fails, inject, top('https://example.org/print/article'))).toBe(false);
    expect(await onLoaded(db, declares(['https://example.org/article']), inject, top('https://example.org/print/article', { frameId: 2, frameType: 'sub_frame' }))).toBe(false);
  });
});

describe('watchNavigation', () => {
  it('follows new documents, pushState and hash routes', async () => {
    expect(watchNavigation(db, inject)).toBe(true);
    await fakeBrowser.webNavigation.onCommitted.trigger(top('https://example.org/article') as never);
    await fakeBrowser.webNavigation.onHistoryStateUpdated.trigger(top('https://example.org/article', { documentId: 'SPA' }) as never);
    await fakeBrowser.webNavigation.onReferenceFragmentUpdated.trigger(top('https://app.example.org/#/inbox', { documentId: 'HASH' }) as never);
    await fakeBrowser.webNavigation.onCommitted.trigger(top('https://example.org/nothing-here') as never);
    expect(injected.map(([, , doc]) => doc)).toEqual(['DOC', 'SPA', 'HASH']);
  });
});
