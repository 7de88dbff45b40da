/**
 * Anki's text import (issue #17): quotes and highlights as Anki notes, one per passage. The file
 * is Anki's "Notes in Plain Text" with the header lines Anki 2.1.55 and later read, so it imports
 * with no choice to make: tab-separated, plain text (Anki escapes it and turns line breaks into
 * `<br>`), the Basic note type, a deck "Verbatim", the note's id as Anki's GUID (importing a
 * newer file again updates the same cards instead of adding copies) and a column of tags.
 *
 * Columns: GUID, Front (the passage), Back (who said it, the source, its site and date, the link
 * to the passage, the user's note), then Speaker, Source and URL again as fields of their own
 * for a note type that has them (Basic leaves them out), and Tags. Fields are quoted as CSV
 * quotes them (Anki reads the file with a CSV reader): a field with a tab, a line break or a
 * double quote is wrapped in double quotes, its own doubled. Pure.
 */
import type { Article, Note, TextQuoteSelector } from '../domain/model';
import { linkToPassage } from '../domain/text-fragment';

export const ANKI_COLUMNS = ['GUID', 'Front', 'Back', 'Speaker', 'Source', 'URL', 'Tags'] as const;

/** One field as Anki's CSV reader takes it back: quoted when it holds a tab, a line break or a quote. */
export function ankiField(text: string): string {
  return /[\t\r\n"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** An Anki tag: no spaces (Anki splits tags on them), `_` instead. */
export const ankiTag = (tag: string): string => tag.trim().replace(/\s+/gu, '_');

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const oneLine = (text: string) => text.replace(/\s+/gu, ' ').trim();

/** The Anki file for these notes (page notes, with no passage, are left out), oldest first. */
export function toAnkiText(articles: readonly Article[], notes: readonly Note[]): string {
  const byUrl = new Map(articles.map((a) => [a.url, a]));
  const lines = [
    '#separator:tab',
    '#html:false',
    '#notetype:Basic',
    '#deck:Verbatim',
    '#guid column:1',
    `#tags column:${ANKI_COLUMNS.length}`,
    `#columns:${ANKI_COLUMNS.join('\t')}`,
  ];
  const passages = notes.filter((n) => n.kind !== 'page').sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  for (const note of passages) {
    const article = byUrl.get(note.url);
    const source = oneLine(note.attribution?.title || article?.title || note.url);
    const site = oneLine(note.attribution?.siteName || article?.siteName || hostOf(note.url));
    const published = note.attribution?.publishedTime || article?.publishedTime;
    const date = published && !Number.isNaN(Date.parse(published)) ? day(Date.parse(published)) : day(note.createdAt);
    const quote = note.selectors.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector');
    const link = passageLink(note.url, quote ?? { exact: note.exact });
    const speaker = note.speaker ? oneLine(note.speaker) : '';
    const back = [speaker && `— ${speaker}`, source, [site, date].filter(Boolean).join(' · '), link, note.note.trim() && `\n${note.note.trim()}`].filter(Boolean).join('\n');
    const fields = [note.id, note.exact, back, speaker, source, link, note.tags.map(ankiTag).filter(Boolean).join(' ')];
    lines.push(fields.map(ankiField).join('\t'));
  }
  return lines.join('\n') + '\n';
}

/** The link to the passage; the page's own address when the passage has no words to point at. */
function passageLink(url: string, quote: { exact: string; prefix?: string; suffix?: string }): string {
  try {
    return linkToPassage(url, quote);
  } catch {
    return url;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}
