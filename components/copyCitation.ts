import { formatCitation } from '../utils/citation';
import { articleByUrl } from '../utils/db/repo';
import type { VerbatimDb } from '../utils/db/schema';
import { uiLanguage } from '../utils/i18n';
import type { Note } from '../utils/model';

/** Copies a note as a citation (text or Markdown) from an extension page; false if the clipboard refused. */
export async function copyCitation(db: VerbatimDb, note: Note, format: 'text' | 'markdown'): Promise<boolean> {
  const article = await articleByUrl(db, note.url);
  const source = article && {
    title: article.title,
    url: article.canonicalUrl ?? article.url,
    ...(article.byline ? { author: article.byline } : {}),
    ...(article.siteName ? { siteName: article.siteName } : {}),
    ...(article.publishedTime ? { publishedTime: article.publishedTime } : {}),
  };
  const text = formatCitation(note, source, { lang: article?.lang ?? uiLanguage(), format });
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
