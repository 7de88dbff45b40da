import { attributionOf } from '../utils/domain/attribution';
import { formatCitation } from '../utils/domain/citation';
import { articleByUrl } from '../utils/db/repo';
import type { VerbatimDb } from '../utils/db/schema';
import { uiLanguage } from '../utils/i18n';
import type { Note } from '../utils/domain/model';

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
