import { render } from 'preact';
import { uiLanguage } from '../../utils/platform/i18n';
import { UI_CSS } from '../../utils/page/ui-css';
import { App, readEditorParams } from './App';
import './note-editor.css';

document.documentElement.lang = uiLanguage();
// The card's own look, so the editor reads as part of it.
const style = document.createElement('style');
style.textContent = UI_CSS;
document.head.append(style);
const params = readEditorParams(location.search);
const app = document.getElementById('app')!;
if (params) render(<App params={params} />, app);
