import { render } from 'preact';
import '../../components/ui.css';
import './sidepanel.css';
import { VerbatimDb } from '../../utils/db/schema';
import { uiLanguage } from '../../utils/i18n';
import { App } from './App';

document.documentElement.lang = uiLanguage();
render(<App db={new VerbatimDb()} />, document.getElementById('app')!);
