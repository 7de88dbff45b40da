import { render } from 'preact';
import '../../components/ui.css';
import { UnhandledErrors } from '../../components/UnhandledErrors';
import './sidepanel.css';
import type { EarlyPreview } from '../../utils/db/early-preview';
import { readPreview } from '../../utils/db/live-library';
import { VerbatimDb } from '../../utils/db/schema';
import { uiLanguage } from '../../utils/platform/i18n';
import { wakeSyncOnChanges } from '../../utils/services/sync-wake';
import { App } from './App';

document.documentElement.lang = uiLanguage();
// For the benchmark: when the panel's own code starts running (after the page and its modules load).
performance.mark('verbatim:panel-script');
const db = new VerbatimDb();
// The newest notes: already being read by panel-preview.js (loaded before these modules), else
// asked for now, while the UI's first render is still being built.
const preview = readPreview(db, (globalThis as { __verbatimPreview?: Promise<EarlyPreview | null> }).__verbatimPreview);
render(
  <>
    <App db={db} preview={preview} />
    <UnhandledErrors />
  </>,
  document.getElementById('app')!,
);
// Sync (issue #15): this page's writes wake the background to send them (after the first render).
wakeSyncOnChanges(db);
