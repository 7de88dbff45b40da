import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { VerbatimDb } from '../../utils/db/schema';
import { onRequest } from '../../utils/rpc';
import { handleMessage } from './handlers';

export default defineBackground(() => {
  const db = new VerbatimDb();

  onRequest((message, sender) => handleMessage(db, browser.runtime.id, message, sender));

  // The toolbar button opens the popup; the popup opens the side panel (Chrome needs a gesture).
  const sidePanel = (browser as unknown as { sidePanel?: { setPanelBehavior(o: object): Promise<void> } }).sidePanel;
  sidePanel?.setPanelBehavior({ openPanelOnActionClick: false }).catch(() => {});
});
