import { render } from 'preact';
import '../../components/ui.css';
import { UnhandledErrors } from '../../components/UnhandledErrors';
import './reader.css';
import { VerbatimDb } from '../../utils/db/schema';
import { uiLanguage } from '../../utils/platform/i18n';
import { App } from './App';

document.documentElement.lang = uiLanguage();
render(
  <>
    <App db={new VerbatimDb()} articleId={new URLSearchParams(location.search).get('id') ?? ''} />
    <UnhandledErrors />
  </>,
  document.getElementById('app')!,
);
