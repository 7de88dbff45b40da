import { render } from 'preact';
import '../../components/ui.css';
import { UnhandledErrors } from '../../components/UnhandledErrors';
import './popup.css';
import { VerbatimDb } from '../../utils/db/schema';
import { uiLanguage } from '../../utils/platform/i18n';
import { App } from './App';

document.documentElement.lang = uiLanguage();
// `?tab=ID` shows that tab (the end-to-end tests open the popup as a page); else the active tab.
const tabParam = new URLSearchParams(location.search).get('tab');
render(
  <>
    <App db={new VerbatimDb()} tabId={tabParam ? Number(tabParam) : undefined} />
    <UnhandledErrors />
  </>,
  document.getElementById('app')!,
);
