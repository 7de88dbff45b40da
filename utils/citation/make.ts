/**
 * Everything a copy needs to cite a note, in one module that the places making citations import
 * on demand (`import()`): the engine, the bundled styles and locales, the user's own. Pure.
 */
import type { Attribution, Settings, Note } from '../domain/model';
import { cslItemOf, type ItemArticle } from './item';
import { citeNote, type CitationFormat } from './cite';
import { LOCALE_XML, STYLE_XML } from './styles';
import { DEFAULT_STYLE, isBuiltInStyle } from './catalog';

export type CitationSettings = Pick<Settings, 'citationStyle' | 'userStyles' | 'userLocales'>;

export interface MakeCitation {
  note: Pick<Note, 'exact' | 'selectors' | 'url' | 'createdAt'> & { attribution?: Attribution; speaker?: string };
  article?: ItemArticle;
  /** A style's id; the user's default, else APA, when absent or unknown. */
  styleId?: string;
  settings: CitationSettings;
  /** The reader's language, for a source whose language is not known. */
  uiLang: string;
  format: CitationFormat;
}

/** The style to use: the one asked for if it exists, else the user's default, else APA. */
export function styleOf(styleId: string | undefined, settings: CitationSettings): { id: string; xml: string } {
  for (const id of [styleId, settings.citationStyle]) {
    if (!id) continue;
    if (isBuiltInStyle(id)) return { id, xml: STYLE_XML[id] };
    const user = settings.userStyles?.find((s) => s.id === id);
    if (user) return { id: user.id, xml: user.xml };
  }
  return { id: DEFAULT_STYLE, xml: STYLE_XML[DEFAULT_STYLE] };
}

/**
 * The note cited in a style. The language is the style's own when it declares one (ISO 690 FR is
 * French whatever the page), else the source's, else the reader's; accessed is when the note was made.
 */
export function makeCitation({ note, article, styleId, settings, uiLang, format }: MakeCitation): string {
  const style = styleOf(styleId, settings);
  const declared = /<style\b[^>]*\bdefault-locale="([^"]+)"/u.exec(style.xml)?.[1];
  const lang = declared ?? article?.lang ?? uiLang;
  const item = cslItemOf(note, article, note.createdAt);
  return citeNote(note, item, { style, locales: { ...settings.userLocales, ...LOCALE_XML }, lang, format });
}
