/**
 * A note as writers paste a quote: the passage, its citation in a CSL style (in-text or note),
 * and the reference-list entry; "Camus, cité par Martin" when the words are someone else's than
 * the source's author. Pure.
 */
import type { CslItem, CslName } from '../domain/csl';
import type { Attribution, Note } from '../domain/model';
import { citationUrl, escapeInline, escapeLine, markdownDestination, quoteLines } from '../domain/citation';
import { render, type Locales } from './engine';
import { quotedInTerm } from './catalog';
import { frenchTypography, isFrench } from './typography';
import { quotePassage } from '../text/quote-marks';

export type CitationFormat = 'text' | 'markdown';

/** What a citation needs from a note. */
export type CitedNote = Pick<Note, 'exact' | 'selectors' | 'url'> & { attribution?: Attribution; speaker?: string };

export interface CiteOptions {
  /** The style's id (ours, or a user's) and its CSL. */
  style: { id: string; xml: string };
  locales: Locales;
  /** BCP 47 tag of the language the citation is written in. */
  lang: string;
  format: CitationFormat;
}

/**
 * The note cited.
 *
 * text, in-text style: `« passage » (Martin, 2024)`, a blank line, then the reference entry;
 * text, note style: the passage, a blank line, the note; either then the link that opens the
 * page at the passage, on its own line;
 * markdown: the passage as a blockquote, the citation linking to the passage, then the entry
 * (or the note as a footnote), italics as `*…*`.
 *
 * A speaker who is not one of the source's authors comes first: `(Camus, cité par Martin, 2024)`.
 * French text gets French typography; the passage itself is never altered.
 */
export function citeNote(note: CitedNote, item: CslItem, opts: CiteOptions): string {
  const french = isFrench(opts.lang);
  const speaker = note.speaker?.trim();
  const prefix = speaker && !isAuthor(speaker, item.author) ? `${speaker}, ${quotedInTerm(opts.style.id, opts.lang)} ` : undefined;
  const out = render(item, opts.style.xml, opts.locales, { lang: opts.lang, format: opts.format === 'markdown' ? 'html' : 'text', prefix });
  const typo = (s: string) => (french ? frenchTypography(s) : s);
  const citation = typo(opts.format === 'markdown' ? htmlToMarkdown(out.citation) : out.citation);
  const entry = typo(opts.format === 'markdown' ? htmlToMarkdown(out.bibliography) : out.bibliography);
  const lines = quoteLines(note.exact);

  if (opts.format === 'markdown') {
    const body = lines.map((line) => `> ${escapeLine(line)}`).join('\n>\n');
    if (out.note) return lines.length ? `${body}[^1]\n\n[^1]: ${citation}` : citation;
    if (!lines.length) return entry;
    const link = markdownDestination(citationUrl(note, { url: item.URL }));
    return `${body}\n>\n> — [${citation.replace(/[[\]]/gu, '\\$&')}](${link})\n\n${entry}`;
  }

  const quoted = quotePassage(lines.join('\n'), french);
  if (!quoted) return out.note ? citation : entry;
  // Last, on its own line, the link that opens the page at the passage (a text fragment).
  const link = citationUrl(note, { url: item.URL });
  return out.note ? `${quoted}\n\n${citation}\n${link}` : `${quoted} ${citation}\n\n${entry}\n${link}`;
}

/** Whether the speaker is one of the authors: "Jeanne Martin", "Martin", "MARTIN Jeanne", an organisation's name. */
export function isAuthor(speaker: string, authors: CslName[] | undefined): boolean {
  const who = fold(speaker);
  return (authors ?? []).some((a) => {
    if (a.literal) return fold(a.literal) === who;
    const family = fold(a.family ?? '');
    const given = fold(a.given ?? '');
    return who === family || who === `${given} ${family}` || who === `${family} ${given}`;
  });
}

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };

/** The text of HTML with its entities (named, decimal, hex) as characters. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[\da-f]+|#\d+|\w+);/giu, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ENTITIES[e] ?? m;
  });
}

/** citeproc-js's HTML (i, b, span, a and entities only) as Markdown: italics `*`, bold `**`, links kept, the rest escaped. */
export function htmlToMarkdown(html: string): string {
  let out = '';
  for (const token of html.split(/(<[^>]+>)/u)) {
    if (!token) continue;
    if (token.startsWith('<')) {
      if (/^<\/?(i|em)\b/iu.test(token)) out += '*';
      else if (/^<\/?(b|strong)\b/iu.test(token)) out += '**';
      continue;
    }
    out += decodeEntities(token)
      .split(/(https?:\/\/\S*[^\s.,;:)\]])/u)
      .map((part, i) => (i % 2 === 1 ? `<${part.replace(/[\s<>]/gu, encodeURIComponent)}>` : escapeInline(part)))
      .join('');
  }
  return out;
}
