/**
 * What the exports for reference managers (CSL-JSON, BibTeX, RIS) share: one entry per article,
 * as CSL-JSON, with its quotes, highlights and notes attached as notes (issue #16). Pure.
 *
 * A passage's note reads `« the passage » — Speaker` (`“the passage” — Speaker` outside French
 * articles), then the reader's own note after a blank line; a note on the page as a whole is its
 * text. Tags (the article's, then its notes') become the entry's keywords.
 */
import type { CslItem } from '../domain/csl';
import type { Article, Note } from '../domain/model';
import { inReadingOrder, isPageNote } from '../domain/notes';
import { cslItemOf } from '../citation/item';
import { quotePassage } from '../text/quote-marks';

export interface ReferenceEntry {
  /** The article as a CSL-JSON item (without the notes). */
  item: CslItem;
  /** Its notes in reading order, each as the text of one attached note; none empty. */
  notes: string[];
  /** The article's tags, then its notes' tags, each once. */
  keywords: string[];
}

/** A note as the text of a reference manager's note: the passage quoted, who said it, the reader's note. */
export function attachedNote(note: Note, lang?: string): string {
  const own = note.note.trim();
  if (isPageNote(note)) return own;
  let text = quotePassage(note.exact, !!lang?.toLowerCase().startsWith('fr'));
  if (note.speaker) text += `${text ? ' ' : ''}— ${note.speaker}`;
  return own ? (text ? `${text}\n\n${own}` : own) : text;
}

/**
 * One entry per article the notes are on (and per article given without notes), oldest first:
 * the article's item from `cslItemOf` (the attribution a quote kept first), accessed the day the
 * reader first saved something of it.
 */
export function referenceEntries(articles: readonly Article[], notes: readonly Note[]): ReferenceEntry[] {
  const byUrl = new Map<string, Note[]>();
  for (const note of notes) {
    const list = byUrl.get(note.url);
    if (list) list.push(note);
    else byUrl.set(note.url, [note]);
  }
  const pages: Array<{ article?: Article; notes: Note[] }> = [];
  const seen = new Set<string>();
  for (const article of [...articles].sort((a, b) => a.createdAt - b.createdAt)) {
    if (seen.has(article.url)) continue;
    seen.add(article.url);
    pages.push({ article, notes: byUrl.get(article.url) ?? [] });
  }
  // Notes whose article was never stored (imported alone): an entry from what they kept.
  for (const [url, list] of byUrl) if (!seen.has(url)) pages.push({ notes: list });

  return pages.map(({ article, notes: list }) => {
    const ordered = inReadingOrder([...list]);
    const cited = ordered.find((n) => n.attribution) ?? ordered[0];
    const accessed = Math.min(article?.createdAt ?? Infinity, ...ordered.map((n) => n.createdAt));
    const item = cslItemOf(cited, article, accessed);
    const keywords = [...new Set([...(article?.tags ?? []), ...ordered.flatMap((n) => n.tags)])];
    const texts = ordered.map((n) => attachedNote(n, article?.lang ?? item.language)).filter(Boolean);
    return { item, notes: texts, keywords };
  });
}

/** A CSL-JSON item as exported: the notes in `note`, the tags in `keyword` (both CSL variables). */
export type ExportedCslItem = CslItem & { keyword?: string };

/** The entries as a CSL-JSON array (what Zotero, Mendeley, Pandoc and citeproc-js read). */
export function toCslJson(entries: readonly ReferenceEntry[]): string {
  const items: ExportedCslItem[] = entries.map(({ item, notes, keywords }) => {
    const out: ExportedCslItem = { ...item };
    if (notes.length) out.note = notes.join('\n\n');
    if (keywords.length) out.keyword = keywords.join(', ');
    return out;
  });
  return `${JSON.stringify(items, null, 2)}\n`;
}
