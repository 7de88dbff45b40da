import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { VerbatimDb } from '../../utils/db/schema';
import type { EditorMessage } from '../../utils/messaging/protocol';
import { callTab, injectScript, onRequest } from '../../utils/messaging/rpc';
import { askPersistence } from '../../utils/db/storage';
import { createMenus, onCommand, onMenuClick } from './menus';
import { watchNavigation } from './navigation';
import { createRouter } from './router';
import { startReviewReminder } from './review';
import { startSync } from './sync';
import { injectIntoOpenTabs } from './tabs';

export default defineBackground(() => {
  const db = new VerbatimDb();

  const relay = async (tabId: number, id: string, message: EditorMessage) => {
    const reply = await callTab(tabId, 'editorSaid', { id, message });
    if (!reply.ok) throw new Error(reply.error);
  };
  // Sync with the user's CouchDB (issue #15): off until they set it up in the options page.
  const sync = startSync(db);
  onRequest(createRouter(db, browser.runtime.id, { inject: injectScript, relay }, sync));
  // The daily review's reminder (issue #17): off until the user turns it on in the options page.
  startReviewReminder(db);

  browser.runtime.onInstalled.addListener(createMenus);
  // Tabs already open when Verbatim is installed or updated get the loader now (and the page
  // script where they have notes), so their notes are drawn and a selection gets the toolbar
  // without a reload (the browser injects manifest content scripts only into pages loaded afterwards).
  browser.runtime.onInstalled.addListener(() => void injectIntoOpenTabs(db));
  // A page with notes gets the page script as soon as it commits (Chrome; in Firefox the loader asks).
  watchNavigation(db, injectScript);
  // Menu titles are fixed when made: remade at each start, they follow a change of the browser's language.
  browser.runtime.onStartup.addListener(createMenus);
  // Ask the browser not to evict the library under storage pressure. Firefox's background page
  // can; Chrome's service worker has no persist() (the options page offers it there).
  browser.runtime.onInstalled.addListener(() => void askPersistence());
  browser.contextMenus.onClicked.addListener((info, tab) => onMenuClick(db, info.menuItemId, tab));
  browser.commands.onCommand.addListener((command, tab) => onCommand(command, tab));

  // The toolbar button opens the popup; the popup opens the side panel (Chrome needs a gesture).
  const sidePanel = (browser as unknown as { sidePanel?: { setPanelBehavior(o: object): Promise<void> } }).sidePanel;
  sidePanel?.setPanelBehavior({ openPanelOnActionClick: false }).catch(() => {});
});
