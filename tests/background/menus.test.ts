import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createMenus, onCommand, onMenuClick } from '../../entrypoints/background/menus';
import type { VerbatimDb } from '../../utils/db/schema';
import type { ArticleDraft } from '../../utils/domain/model';
import { dbPerTest } from '../support/db';
import { msg, speakEnglish } from '../support/i18n';

const PAGE = 'https://blog.example/la-verite/';
const draft: ArticleDraft = {
  url: PAGE,
  title: 'La vérité sur l’expérience client',
  byline: 'Léa Martin',
  siteName: 'Le Blog',
  lang: 'fr',
  html: '<p>Un texte.</p>',
  text: 'Un texte.',
  wordCount: 2,
  readingMinutes: 1,
};

/** What each tab's content script receives, and how it answers. */
let sent: Array<{ tabId: number; type: string; payload: unknown }>;
let answer: (type: string, payload: unknown) => unknown;
let db: VerbatimDb;

/** Scripts injected into tabs before they were asked. */
let injected: Array<{ tabId: number; files: string[] }>;

dbPerTest((fresh) => (db = fresh));
beforeEach(() => {
  fakeBrowser.reset();
  sent = [];
  answer = () => ({ ok: true, value: true });
  speakEnglish();
  // The page script and the clipper are injected on demand before a tab is asked (utils/messaging/rpc.ts).
  injected = [];
  vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation((async (o: { target: { tabId: number }; files: string[] }) => {
    injected.push({ tabId: o.target.tabId, files: o.files });
    return [];
  }) as never);
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (tabId: number, message: { type: string; payload: unknown }) => {
    sent.push({ tabId, type: message.type, payload: message.payload });
    return answer(message.type, message.payload);
  }) as never);
});
afterEach(() => vi.restoreAllMocks());

const settle = () => vi.waitFor(() => expect(sent.some((m) => m.type === 'notify')).toBe(true));

describe('context menu', () => {
  it('offers Highlight and Save as quote on a selection, Clip and Open on a page, on web pages only', async () => {
    const created: unknown[] = [];
    vi.spyOn(fakeBrowser.contextMenus, 'removeAll').mockResolvedValue(undefined);
    vi.spyOn(fakeBrowser.contextMenus, 'create').mockImplementation(((item: unknown) => created.push(item)) as never);
    createMenus();
    await vi.waitFor(() => expect(created).toHaveLength(4));
    expect(created).toEqual([
      expect.objectContaining({ id: 'verbatim-highlight', title: 'Highlight', contexts: ['selection'] }),
      expect.objectContaining({ id: 'verbatim-quote', title: 'Save as quote', contexts: ['selection'] }),
      expect.objectContaining({ id: 'verbatim-clip', title: 'Clip article', contexts: ['page'] }),
      expect.objectContaining({ id: 'verbatim-open', title: 'Open Verbatim', contexts: ['page'] }),
    ]);
    for (const item of created) expect(item).toMatchObject({ documentUrlPatterns: ['http://*/*', 'https://*/*'] });
  });

  it.each([
    ['verbatim-highlight', 'highlight'],
    ['verbatim-quote', 'quote'],
  ])('%s asks the tab’s content script to save its selection as a %s', async (menu, kind) => {
    onMenuClick(db, menu, { id: 7, url: PAGE });
    await vi.waitFor(() => expect(sent).toEqual([{ tabId: 7, type: 'captureSelection', payload: { kind } }]));
    // A page never touched has only the loader: the page script goes in first.
    expect(injected).toEqual([{ tabId: 7, files: ['/page.js'] }]);
  });

  it('clips the article the tab extracts, and says so in the page', async () => {
    answer = (type) => ({ ok: true, value: type === 'extractArticle' ? draft : true });
    onMenuClick(db, 'verbatim-clip', { id: 3, url: `${PAGE}?utm_source=news` });
    await settle();
    expect(sent.at(-1)).toEqual({ tabId: 3, type: 'notify', payload: { text: msg('articleClipped') } });
    // Readability comes in only to clip, apart from the page script.
    expect(injected).toEqual([{ tabId: 3, files: ['/clip.js'] }, { tabId: 3, files: ['/page.js'] }]);
    expect(await db.articles.where('url').equals(PAGE).first()).toMatchObject({ title: draft.title, byline: 'Léa Martin' });
  });

  it('saves nothing when the page has no article, or when the tab now shows another page', async () => {
    answer = (type) => ({ ok: true, value: type === 'extractArticle' ? null : true });
    onMenuClick(db, 'verbatim-clip', { id: 3, url: PAGE });
    await settle();
    expect(sent.at(-1)?.payload).toEqual({ text: msg('popupNoArticle') });

    sent = [];
    answer = (type) => ({ ok: true, value: type === 'extractArticle' ? { ...draft, url: 'https://elsewhere.example/' } : true });
    onMenuClick(db, 'verbatim-clip', { id: 3, url: PAGE });
    await settle();
    expect(sent.at(-1)?.payload).toEqual({ text: msg('clipOtherPage') });
    expect(await db.articles.count()).toBe(0);
  });

  it('does nothing for a click outside a tab', () => {
    onMenuClick(db, 'verbatim-highlight', undefined);
    expect(sent).toEqual([]);
  });
});

describe('keyboard commands', () => {
  it.each([
    ['highlight-selection', 'highlight'],
    ['quote-selection', 'quote'],
  ])('%s saves the selection of the active tab', async (command, kind) => {
    onCommand(command, { id: 9, url: PAGE });
    await vi.waitFor(() => expect(sent).toEqual([{ tabId: 9, type: 'captureSelection', payload: { kind } }]));
  });

  it('opens the side panel in the tab’s window', async () => {
    const open = vi.fn(async () => undefined);
    (fakeBrowser as unknown as { sidePanel: unknown }).sidePanel = { open };
    onCommand('open-side-panel', { id: 9, url: PAGE, windowId: 4 });
    expect(open).toHaveBeenCalledWith({ windowId: 4 });
    delete (fakeBrowser as unknown as { sidePanel?: unknown }).sidePanel;
  });
});
