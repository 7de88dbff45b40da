import { attributionOf } from '../domain/attribution';
import { formatCitation } from '../domain/citation';
import { articleByUrl } from '../db/repo';
import type { VerbatimDb } from '../db/schema';
import { uiLanguage } from '../platform/i18n';
import type { Note } from '../domain/model';

/**
 * Copies a note as a citation (text or Markdown) from an extension page; false if it could not
 * (the clipboard refused, or the page's record could not be read): never rejects.
 */
export async function copyCitation(db: VerbatimDb, note: Note, format: 'text' | 'markdown'): Promise<boolean> {
  try {
    const article = await articleByUrl(db, note.url);
    const text = formatCitation(note, article && attributionOf(article), { lang: article?.lang ?? uiLanguage(), format });
    await navigator.clipboard.writeText(text);
    return true;
  } catch (e) {
    console.warn('Verbatim: copying a citation failed', e);
    return false;
  }
}
