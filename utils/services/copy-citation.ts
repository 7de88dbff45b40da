import { articleByUrl, getSettings } from '../db/repo';
import type { VerbatimDb } from '../db/schema';
import { uiLanguage } from '../platform/i18n';
import type { Note } from '../domain/model';
import type { CitationFormat } from '../citation/cite';

/**
 * A note cited in a style (the user's default when none is given). The engine and the styles are
 * imported on demand: only what makes a citation loads them.
 */
export async function citationText(db: VerbatimDb, note: Note, format: CitationFormat, styleId?: string): Promise<string> {
  const [article, settings, { makeCitation }] = await Promise.all([articleByUrl(db, note.url), getSettings(db), import('../citation/make')]);
  return makeCitation({ note, article, styleId, settings, uiLang: uiLanguage(), format });
}

/**
 * Copies a note as a citation (text or Markdown) from an extension page; false if it could not
 * (the clipboard refused, or the page's record could not be read): never rejects.
 */
export async function copyCitation(db: VerbatimDb, note: Note, format: CitationFormat, styleId?: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(await citationText(db, note, format, styleId));
    return true;
  } catch (e) {
    console.warn('Verbatim: copying a citation failed', e);
    return false;
  }
}
