/**
 * What every citation shares, whatever its style (utils/citation/ formats them, issue #16): the
 * link that opens the page at the passage (a URL text fragment), the passage's lines, and the
 * Markdown escaping that keeps quoted text as written. Pure: no browser APIs, no DOM.
 */
import type { Attribution, Note, TextQuoteSelector } from './model';
import { linkToPassage } from './text-fragment';

/** What a citation needs from a note. */
export type CitableNote = Pick<Note, 'exact' | 'selectors' | 'url'> & { attribution?: Attribution };

/**
 * Where the citation points: the attribution's URL (the canonical one when the page declared it),
 * else the article's, else the page the note was made on; with a text fragment for the passage
 * when the note has text to point at.
 */
export function citationUrl(note: CitableNote, article?: Partial<Attribution>): string {
  const url = nonEmpty(note.attribution?.url) ?? nonEmpty(article?.url) ?? note.url;
  const selector = note.selectors.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector');
  const exact = nonEmpty(selector?.exact) ?? nonEmpty(note.exact);
  if (!exact) return url;
  return linkToPassage(url, { exact, prefix: selector?.prefix, suffix: selector?.suffix });
}

/** The passage's lines, each with its whitespace collapsed; blank lines dropped. */
export function quoteLines(exact: string): string[] {
  return exact
    .split(/\r\n|[\n\r\u2028\u2029]/u)
    .map((line) => line.replace(/\s+/gu, ' ').trim())
    .filter(Boolean);
}

/**
 * Backslash-escapes what Markdown would read as inline syntax (emphasis, code, links, HTML,
 * strikethrough, entities), so the text renders as written.
 */
export function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<~|]/gu, '\\$&').replace(/&(?=#?\w+;)/gu, '\\&');
}

/**
 * One line of the passage, escaped so it stays a paragraph of the blockquote: no heading (`#`),
 * list item (`-`, `+`, `*`, `1.`, `1)`), nested quote (`>`), rule or setext underline (`---`, `===`).
 */
export function escapeLine(line: string): string {
  const text = escapeInline(line);
  const ordered = /^(\d{1,9})([.)])(?=\s|$)/u.exec(text);
  if (ordered) return `${ordered[1]}\\${text.slice(ordered[1]!.length)}`;
  if (/^[#+=>-]/u.test(text)) return `\\${text}`;
  return text;
}

/** A link destination that nothing in the URL can cut short: spaces, brackets and parentheses. */
export function markdownDestination(url: string): string {
  return url.replace(/[\s()<>]/gu, (c) => encodeURIComponent(c).replace('(', '%28').replace(')', '%29'));
}

function nonEmpty(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}
