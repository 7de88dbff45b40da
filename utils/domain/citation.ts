/**
 * A quote as the reader pastes it elsewhere: the passage, who said it, and a link that opens the
 * page at the passage (a URL text fragment). Pure: no browser APIs, no DOM.
 */
import type { Attribution, Note, TextQuoteSelector } from './model';
import { linkToPassage } from './text-fragment';

export type CitationFormat = 'text' | 'markdown';

export interface CitationOptions {
  /** BCP 47 tag of the reader's language: quotation marks and the date follow it. */
  lang: string;
  format: CitationFormat;
}

/** What a citation needs from a note. */
export type CitableNote = Pick<Note, 'exact' | 'selectors' | 'url'> & { attribution?: Attribution };

const NBSP = '\u00A0';

/**
 * The note as a citation.
 *
 * text:     `« passage » — Author, Title, Site, date` then the link on its own line
 *           (`“passage”` outside French);
 * markdown: the passage as a blockquote, then `> — Author, [Title](link), Site, date`.
 *
 * Each field comes from the note's attribution if it has it, else from `article`; missing ones are
 * left out with their comma. The passage itself is never altered, only escaped for Markdown.
 */
export function formatCitation(
  note: CitableNote,
  article: Partial<Attribution> | undefined,
  opts: CitationOptions,
): string {
  const source = mergeAttribution(note, article);
  const link = citationUrl(note, article);
  const date = formatDate(source.publishedTime, opts.lang);
  const lines = quoteLines(note.exact);

  if (opts.format === 'markdown') {
    const label = source.title ?? source.siteName ?? hostOf(link) ?? link;
    const credit = [
      source.author && escapeInline(source.author),
      `[${escapeInline(label)}](${markdownDestination(link)})`,
      source.title && source.siteName && escapeInline(source.siteName),
      date,
    ].filter(Boolean);
    const body = lines.map((line) => `> ${escapeLine(line)}\n>\n`).join('');
    return `${body}> — ${credit.join(', ')}`;
  }

  const [open, close] = opts.lang.toLowerCase().startsWith('fr') ? [`«${NBSP}`, `${NBSP}»`] : ['“', '”'];
  const credit = [source.author, source.title, source.siteName, date].filter(Boolean);
  const quoted = `${open}${lines.join('\n')}${close}`;
  return `${credit.length ? `${quoted} — ${credit.join(', ')}` : quoted}\n${link}`;
}

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

interface Source {
  title?: string;
  author?: string;
  siteName?: string;
  publishedTime?: string;
}

/** Field by field, the note's attribution before the article; repeats of a field dropped. */
function mergeAttribution(note: CitableNote, article: Partial<Attribution> | undefined): Source {
  const pick = (key: keyof Source) => field(note.attribution?.[key]) ?? field(article?.[key]);
  const title = pick('title');
  let author = pick('author');
  let siteName = pick('siteName');
  // Pages often give their own name as the author or the title ("Le Monde, Le Monde").
  if (siteName && (same(siteName, title) || same(siteName, author))) siteName = undefined;
  if (author && same(author, title)) author = undefined;
  return { title, author, siteName, publishedTime: pick('publishedTime') };
}

function field(value: string | undefined): string | undefined {
  return nonEmpty(value?.replace(/\s+/gu, ' '));
}

function nonEmpty(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}

function same(a: string, b: string | undefined): boolean {
  return b !== undefined && a.localeCompare(b, undefined, { sensitivity: 'base' }) === 0;
}

/** The passage's lines, each with its whitespace collapsed; blank lines dropped. */
export function quoteLines(exact: string): string[] {
  return exact
    .split(/\r\n|[\n\r\u2028\u2029]/u)
    .map((line) => line.replace(/\s+/gu, ' ').trim())
    .filter(Boolean);
}

/**
 * The publication date in the reader's language, or undefined when it is missing or unreadable.
 * An ISO date is shown as the page declared it, whatever the time zone: `2024-03-05T23:30+01:00`
 * is 5 March, not 4 or 6 depending on where the reader is. `2024` and `2024-03` keep their
 * precision instead of becoming 1 January.
 */
export function formatDate(value: string | undefined, lang: string): string | undefined {
  const raw = value?.trim();
  if (!raw) return undefined;
  const iso = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?=$|T|\s)/u.exec(raw);
  try {
    if (iso) {
      const [, y, m, d] = iso;
      const date = new Date(Date.UTC(Number(y), m ? Number(m) - 1 : 0, d ? Number(d) : 1));
      if (Number.isNaN(date.getTime()) || (m && date.getUTCMonth() !== Number(m) - 1)) return undefined;
      const style: Intl.DateTimeFormatOptions = d
        ? { dateStyle: 'long' }
        : m
          ? { year: 'numeric', month: 'long' }
          : { year: 'numeric' };
      return dateFormat(lang, { ...style, timeZone: 'UTC' }).format(date);
    }
    const date = new Date(raw);
    if (Number.isNaN(date.getTime())) return undefined;
    return dateFormat(lang, { dateStyle: 'long' }).format(date);
  } catch {
    return undefined;
  }
}

function dateFormat(lang: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(lang, options);
  } catch {
    // A malformed language tag is no reason to lose the date.
    return new Intl.DateTimeFormat('en', options);
  }
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
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
