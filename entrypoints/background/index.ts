import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { VerbatimDb } from '../../utils/db/schema';
import { onRequest } from '../../utils/rpc';
import { handleMessage } from './handlers';
import { createMenus, onCommand, onMenuClick } from './menus';

export default defineBackground(() => {
  const db = new VerbatimDb();

  onRequest((message, sender) => handleMessage(db, browser.runtime.id, message, sender));

  browser.runtime.onInstalled.addListener(createMenus);
  browser.contextMenus.onClicked.addListener((info, tab) => onMenuClick(db, info.menuItemId, tab));
  browser.commands.onCommand.addListener((command, tab) => onCommand(command, tab));

  // The toolbar button opens the popup; the popup opens the side panel (Chrome needs a gesture).
  const sidePanel = (browser as unknown as { sidePanel?: { setPanelBehavior(o: object): Promise<void> } }).sidePanel;
  sidePanel?.setPanelBehavior({ openPanelOnActionClick: false }).catch(() => {});
});
