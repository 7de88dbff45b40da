import { browser } from 'wxt/browser';
import { saveClipWithImages } from '../../utils/services/clip';
import type { VerbatimDb } from '../../utils/db/schema';
import { normalizeUrl } from '../../utils/extract/url';
import { t } from '../../utils/platform/i18n';
import type { NoteKind } from '../../utils/domain/model';
import { openSidePanel } from '../../utils/platform/open-panel';
import { callTab } from '../../utils/messaging/rpc';
import { WEB_PAGES } from '../../utils/messaging/web-pages';
import { describeWriteError } from '../../utils/platform/write-error';

type MenuId = 'highlight' | 'quote' | 'clip' | 'open';

/** The context menu: on a selection, highlight or quote it; on a page, clip it or open Verbatim. */
export function createMenus(): void {
  const menus = browser.contextMenus;
  void menus.removeAll().then(() => {
    const item = (id: MenuId, title: string, contexts: ['selection'] | ['page']) =>
      menus.create({ id: `verbatim-${id}`, title, contexts: contexts as never, documentUrlPatterns: [...WEB_PAGES] });
    item('highlight', t('menuHighlight'), ['selection']);
    item('quote', t('menuQuote'), ['selection']);
    item('clip', t('menuClip'), ['page']);
    item('open', t('menuOpen'), ['page']);
  });
}

/** Saves the tab's selection through its content script (which holds the live range). */
function capture(tabId: number, kind: NoteKind) {
  return callTab(tabId, 'captureSelection', { kind });
}

/** Clips the tab's article from the background (context menu), and tells the page. */
async function clip(db: VerbatimDb, tabId: number, tabUrl: string) {
  const reply = await callTab(tabId, 'extractArticle', {});
  let text: string;
  if (!reply.ok) text = t('popupReloadNeeded');
  else if (!reply.value) text = t('popupNoArticle');
  else if (normalizeUrl(reply.value.url) !== normalizeUrl(tabUrl)) text = t('clipOtherPage');
  else {
    try {
      await saveClipWithImages(db, tabId, reply.value);
      text = t('articleClipped');
    } catch (e) {
      text = describeWriteError(e);
    }
  }
  await callTab(tabId, 'notify', { text });
}

type Tab = { id?: number; url?: string; windowId?: number };

export function onMenuClick(db: VerbatimDb, menuItemId: string | number, tab: Tab | undefined): void {
  if (tab?.id === undefined) return;
  const id = String(menuItemId).replace(/^verbatim-/, '') as MenuId;
  // Opening the panel must happen now, inside the click's user gesture.
  if (id === 'open') void openSidePanel(tab.windowId).catch(() => {});
  else if (id === 'highlight' || id === 'quote') void capture(tab.id, id);
  else if (id === 'clip' && tab.url) void clip(db, tab.id, tab.url);
}

/** Keyboard commands (users can change their keys in the browser's shortcuts page). */
export function onCommand(command: string, tab: Tab | undefined): void {
  if (command === 'open-side-panel') void openSidePanel(tab?.windowId).catch(() => {});
  else if (tab?.id !== undefined && (command === 'highlight-selection' || command === 'quote-selection')) {
    void capture(tab.id, command === 'quote-selection' ? 'quote' : 'highlight');
  }
}
