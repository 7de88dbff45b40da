import { render } from 'preact';
import '../../components/ui.css';
import './sidepanel.css';
import { startPreview } from '../../components/useLibrary';
import { VerbatimDb } from '../../utils/db/schema';
import { uiLanguage } from '../../utils/i18n';
import { App } from './App';

document.documentElement.lang = uiLanguage();
// For the benchmark: when the panel's own code starts running (after the page and its modules load).
performance.mark('verbatim:panel-script');
const db = new VerbatimDb();
// The newest notes are asked for now, while the UI's first render is still being built.
startPreview(db);
render(<App db={db} />, document.getElementById('app')!);
