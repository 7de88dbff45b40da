import { render } from 'preact';
import '../../components/ui.css';
import { UnhandledErrors } from '../../components/UnhandledErrors';
import './popup.css';
import { VerbatimDb } from '../../utils/db/schema';
import { uiLanguage } from '../../utils/platform/i18n';
import { wakeSyncOnChanges } from '../../utils/services/sync-wake';
import { App } from './App';

document.documentElement.lang = uiLanguage();
// `?tab=ID` shows that tab (the end-to-end tests open the popup as a page); else the active tab.
const tabParam = new URLSearchParams(location.search).get('tab');
const db = new VerbatimDb();
// Sync (issue #15): this page's writes wake the background to send them.
wakeSyncOnChanges(db);
render(
  <>
    <App db={db} tabId={tabParam ? Number(tabParam) : undefined} />
    <UnhandledErrors />
  </>,
  document.getElementById('app')!,
);
