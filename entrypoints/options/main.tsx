import { render } from 'preact';
import '../../components/ui.css';
import { UnhandledErrors } from '../../components/UnhandledErrors';
import './options.css';
import { VerbatimDb } from '../../utils/db/schema';
import { t, uiLanguage } from '../../utils/platform/i18n';
import { App } from './App';

document.documentElement.lang = uiLanguage();
document.title = t('optionsTitle');
render(
  <>
    <App db={new VerbatimDb()} />
    <UnhandledErrors />
  </>,
  document.getElementById('app')!,
);
