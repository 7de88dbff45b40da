import { render } from 'preact';
import '../../components/ui.css';
import { UnhandledErrors } from '../../components/UnhandledErrors';
import './options.css';
import { VerbatimDb } from '../../utils/db/schema';
import { t, uiLanguage } from '../../utils/platform/i18n';
import { wakeSyncOnChanges } from '../../utils/services/sync-wake';
import { App } from './App';

document.documentElement.lang = uiLanguage();
document.title = t('optionsTitle');
const db = new VerbatimDb();
// Sync (issue #15): this page's writes wake the background to send them.
wakeSyncOnChanges(db);
render(
  <>
    <App db={db} />
    <UnhandledErrors />
  </>,
  document.getElementById('app')!,
);
