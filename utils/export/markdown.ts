/**
 * Notes as Markdown for Obsidian (and any CommonMark reader): one file per article, or one file
 * for the whole library, and a zip to carry several files. Pure: no browser APIs.
 *
 * An article's file:
 * ```md
 * ---
 * title: "L’État, c’est « moi » : notes"
 * author: "Jeanne Dupont"
 * site: "Le Monde"
 * url: "https://example.fr/article"
 * published: 2024-03-05
 * clipped: 2024-03-07
 * tags:
 *   - "politique"
 * ---
 *
 * # L’État, c’est « moi » : notes
 *
 * > The passage, one paragraph per line [↗](https://example.fr/article#:~:text=…)
 * >
 * > — Albert Camus
 *
 * The reader's note.
 *
 * #tag-one #tag-two
 * ```
 * Front matter values are YAML double-quoted strings (every quote, backslash, line break and
 * control character escaped), except dates, which are plain `YYYY-MM-DD` so Obsidian reads them
 * as dates. Everything the reader or the page wrote is escaped so it renders as written:
 * CommonMark syntax and Obsidian's own (`#tag`, `==highlight==`, `$math$`, `%%comment%%`,
 * `[[link]]`, `^block`). A quote's speaker (who said the words) closes its blockquote after a dash,
 * as a quotation's attribution is usually set. Tags become Obsidian tags: spaces → `-`, characters Obsidian does not
 * allow in a tag dropped, a purely numeric tag prefixed with `_`.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Article, Note, TextQuoteSelector } from '../domain/model';
import { inReadingOrder } from '../domain/notes';
import { linkToPassage } from '../domain/text-fragment';

export interface MarkdownOptions {
  /** IANA time zone for dates (`clipped`, the export date); default the runtime's. */
  timeZone?: string;
  /** Text of the link that opens the page at the passage; default `↗`. */
  linkLabel?: string;
  /** What a note on the page as a whole is called, in bold before its text; default "Page note". */
  pageNoteLabel?: string;
  /** The combined file's title; default "Verbatim library". */
  libraryTitle?: string;
  /** The export time, in the combined file's front matter; default now. */
  now?: number;
}

export interface MarkdownFile {
  name: string;
  content: string;
}

// ---- One article --------------------------------------------------------------------------

/** One article and its notes (in reading order) as an Obsidian note with front matter. */
export function articleToMarkdown(article: Article, notes: readonly Note[], opts: MarkdownOptions = {}): string {
  const front: Array<[string, string | string[]]> = [['title', yamlString(article.title || article.url)]];
  if (article.byline) front.push(['author', yamlString(article.byline)]);
  if (article.siteName) front.push(['site', yamlString(article.siteName)]);
  front.push(['url', yamlString(article.url)]);
  const published = yamlDate(article.publishedTime);
  if (published) front.push(['published', published]);
  front.push(['clipped', isoDay(article.clippedAt ?? article.createdAt, opts.timeZone)]);
  front.push(['tags', tagList(article.tags).map(yamlString)]);

  const out = [frontMatter(front), '', `# ${escapeLine(oneLine(article.title || article.url))}`, ''];
  for (const note of inReadingOrder([...notes])) out.push(noteBlock(note, opts), '');
  return `${out.join('\n').trimEnd()}\n`;
}

/** One highlight: the passage as a blockquote ending with its link, the note, the tags. */
function noteBlock(note: Note, opts: MarkdownOptions): string {
  if (note.kind === 'page') return pageNoteBlock(note, opts);
  const quote = note.selectors.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector');
  // A line break in a passage is a block boundary on the page: each line is a paragraph.
  const lines = paragraphLines(note.exact)
    .filter(Boolean)
    .map((line) => `> ${escapeLine(line)}`);
  if (!lines.length) lines.push('>');
  const link = passageLink(note.url, quote ?? { exact: note.exact });
  if (link) lines[lines.length - 1] += ` [${escapeInline(opts.linkLabel ?? '↗')}](${link})`;
  if (note.speaker) lines.push(`> — ${escapeInline(oneLine(note.speaker))}`);
  const parts = [lines.join('\n>\n')];
  const text = paragraphLines(note.note)
    .map((line) => escapeLine(line))
    .join('\n')
    .trim();
  if (text) parts.push(text);
  const tags = tagList(note.tags);
  if (tags.length) parts.push(tags.map((t) => `#${t}`).join(' '));
  return parts.join('\n\n');
}

/** A note on the page as a whole (no passage, first in its article): `**Page note:** its text`, then its tags. */
function pageNoteBlock(note: Note, opts: MarkdownOptions): string {
  const text = paragraphLines(note.note)
    .map((line) => escapeLine(line))
    .join('\n')
    .trim();
  const parts = [`**${escapeInline(opts.pageNoteLabel ?? 'Page note')}:** ${text}`];
  const tags = tagList(note.tags);
  if (tags.length) parts.push(tags.map((t) => `#${t}`).join(' '));
  return parts.join('\n\n');
}

/** The page's URL with a text fragment for the passage; none for what is not an http(s) page. */
function passageLink(url: string, quote: { exact: string; prefix?: string; suffix?: string }): string | undefined {
  if (!/^https?:\/\//i.test(url)) return undefined;
  let link = url;
  try {
    link = linkToPassage(url, { exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix });
  } catch {
    // A passage of whitespace only: the page itself.
  }
  return markdownDestination(link);
}

// ---- The whole library --------------------------------------------------------------------

/** Each article with its notes (a page with notes but no article gets a minimal one). */
function byArticle(articles: readonly Article[], notes: readonly Note[]): Array<{ article: Article; notes: Note[] }> {
  const byUrl = new Map<string, Note[]>();
  for (const n of notes) {
    const list = byUrl.get(n.url);
    if (list) list.push(n);
    else byUrl.set(n.url, [n]);
  }
  const known = new Set(articles.map((a) => a.url));
  const entries = articles.map((article) => ({ article, notes: byUrl.get(article.url) ?? [] }));
  for (const [url, list] of byUrl) {
    if (known.has(url)) continue;
    const source = list.find((n) => n.attribution)?.attribution;
    const createdAt = list.reduce((t, n) => Math.min(t, n.createdAt), Infinity);
    const article: Article = { id: url, url, title: source?.title || url, tags: [], createdAt, updatedAt: createdAt };
    if (source?.author) article.byline = source.author;
    if (source?.siteName) article.siteName = source.siteName;
    entries.push({ article, notes: list });
  }
  // Newest first, as the library lists them.
  return entries.sort((a, b) => b.article.createdAt - a.article.createdAt);
}

/** Every article and its notes in one file: a section per article, newest first. */
export function libraryToMarkdown(articles: readonly Article[], notes: readonly Note[], opts: MarkdownOptions = {}): string {
  const title = opts.libraryTitle ?? 'Verbatim library';
  const out = [
    frontMatter([
      ['title', yamlString(title)],
      ['exported', isoDay(opts.now ?? Date.now(), opts.timeZone)],
      ['tags', []],
    ]),
    '',
    `# ${escapeLine(oneLine(title))}`,
    '',
  ];
  for (const { article, notes: list } of byArticle(articles, notes)) {
    out.push(`## ${escapeLine(oneLine(article.title || article.url))}`, '');
    const meta: string[] = [];
    if (article.byline) meta.push(`- Author: ${escapeInline(oneLine(article.byline))}`);
    if (article.siteName) meta.push(`- Site: ${escapeInline(oneLine(article.siteName))}`);
    if (/^https?:\/\//i.test(article.url)) meta.push(`- URL: <${markdownDestination(article.url)}>`);
    const published = yamlDate(article.publishedTime);
    if (published) meta.push(`- Published: ${published.replace(/^"|"$/g, '')}`);
    meta.push(`- Clipped: ${isoDay(article.clippedAt ?? article.createdAt, opts.timeZone)}`);
    const tags = tagList(article.tags);
    if (tags.length) meta.push(`- Tags: ${tags.map((t) => `#${t}`).join(' ')}`);
    out.push(meta.join('\n'), '');
    for (const note of inReadingOrder([...list])) out.push(noteBlock(note, opts), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** One Markdown file per article, with safe, unique file names (`Title.md`, `Title (2).md`). */
export function markdownFiles(articles: readonly Article[], notes: readonly Note[], opts: MarkdownOptions = {}): MarkdownFile[] {
  const taken = new Set<string>();
  return byArticle(articles, notes).map(({ article, notes: list }) => ({
    // A page known only by its URL is named after it, without the scheme.
    name: uniqueName(safeFileName(article.title && article.title !== article.url ? article.title : hostOf(article.url)), '.md', taken),
    content: articleToMarkdown(article, list, opts),
  }));
}

// ---- File names and zip -------------------------------------------------------------------

/** Longest file name kept, in characters and in UTF-8 bytes (before the extension and suffix). */
const MAX_NAME_CHARS = 100;
const MAX_NAME_BYTES = 180;
/**
 * Reserved by some file system (`/\:*?"<>|`, control characters) or by Obsidian's links
 * (`#^[]|`); invisible format characters (bidi overrides can disguise a name) except the
 * zero-width joiner that emoji sequences use.
 */
const UNSAFE_NAME = /[/\\:*?"<>|#^[\]\p{Cc}]|(?!\u200D)\p{Cf}/gu;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/**
 * A title as a file name that every common system accepts: unsafe characters replaced by
 * spaces, no leading dot (hidden file) or trailing dot or space (Windows), not a reserved device
 * name, at most 100 characters and 180 UTF-8 bytes, cut between whole characters. Without the
 * extension; "Untitled" when nothing is left.
 */
export function safeFileName(title: string, fallback = 'Untitled'): string {
  let name = title.normalize('NFC').replace(UNSAFE_NAME, ' ').replace(/\s+/gu, ' ').trim();
  name = name.replace(/^[.\s]+/u, '');
  name = cutName(name).replace(/[.\s]+$/u, '');
  if (!name) return fallback;
  if (WINDOWS_RESERVED.test(name.split('.')[0]!)) name = `${name}_`;
  return name;
}

function cutName(name: string): string {
  const encoder = new TextEncoder();
  if (name.length <= MAX_NAME_CHARS && encoder.encode(name).length <= MAX_NAME_BYTES) return name;
  let out = '';
  let chars = 0;
  let bytes = 0;
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(name)) {
    const size = encoder.encode(segment).length;
    if (chars + segment.length > MAX_NAME_CHARS || bytes + size > MAX_NAME_BYTES) break;
    out += segment;
    chars += segment.length;
    bytes += size;
  }
  return out;
}

/** `name + ext`, or `name (2) + ext`…, unique among `taken` ignoring case (macOS, Windows). */
function uniqueName(name: string, ext: string, taken: Set<string>): string {
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? `${name}${ext}` : `${name} (${i})${ext}`;
    const key = candidate.toLocaleLowerCase('en');
    if (!taken.has(key)) {
      taken.add(key);
      return candidate;
    }
  }
}

export interface ZipOptions {
  /** Modification time written for every file; default now. */
  mtime?: Date | number;
  /** Deflate level, 0 (store) to 9; default 6. */
  level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
}

/**
 * A zip archive of the files (UTF-8 names, flagged as such). Names may hold folders (`a/b.md`)
 * but not `..`, a leading `/` or `\`, and must be unique ignoring case; throws otherwise.
 */
export function zipFiles(files: ReadonlyArray<{ name: string; content: string | Uint8Array }>, opts: ZipOptions = {}): Uint8Array {
  // The zip format stores local time from 1980 to 2107; fflate accepts up to 2099.
  const requested = new Date(opts.mtime ?? Date.now());
  const mtime = new Date(Math.min(Math.max(requested.getTime(), Date.UTC(1980, 0, 2)), Date.UTC(2099, 11, 30)));
  const entries: Zippable = Object.create(null) as Zippable;
  const seen = new Set<string>();
  for (const { name, content } of files) {
    // `__proto__` alone would become the prototype of fflate's own lookup object.
    if (!name || name === '__proto__' || name.startsWith('/') || name.includes('\\') || name.split('/').some((part) => part === '..' || part === '')) {
      throw new Error(`zipFiles: unsafe file name ${JSON.stringify(name)}`);
    }
    const key = name.toLocaleLowerCase('en');
    if (seen.has(key)) throw new Error(`zipFiles: two files named ${JSON.stringify(name)}`);
    seen.add(key);
    entries[name] = [typeof content === 'string' ? strToU8(content) : content, { mtime }];
  }
  return zipSync(entries, { level: opts.level ?? 6 });
}

// ---- Markdown and YAML text ---------------------------------------------------------------

function frontMatter(fields: Array<[string, string | string[]]>): string {
  const lines = ['---'];
  for (const [key, value] of fields) {
    if (typeof value === 'string') lines.push(`${key}: ${value}`);
    else if (!value.length) lines.push(`${key}: []`);
    else lines.push(`${key}:`, ...value.map((item) => `  - ${item}`));
  }
  lines.push('---');
  return lines.join('\n');
}

/**
 * A YAML double-quoted scalar: safe for any text (quotes, colons, `#`, leading `-`/`[`/`&`/`*`,
 * line breaks). Control, line-separator and BOM characters are escaped; a lone surrogate (not
 * encodable in UTF-8) becomes U+FFFD.
 */
export function yamlString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c >= 0xd800 && c <= 0xdfff) out += '\uFFFD';
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || c === 0xfeff) {
      out += `\\u${c.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}

/** A declared publication date as a YAML date (`2024-03-05`), the day as the page declared it. */
function yamlDate(value: string | undefined): string | undefined {
  const raw = value?.trim();
  if (!raw) return undefined;
  const day = /^(\d{4}-\d{2}-\d{2})(?=$|T|\s)/.exec(raw);
  return day ? day[1] : yamlString(raw);
}

/** `YYYY-MM-DD` in the time zone. */
function isoDay(ms: number, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(ms);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/**
 * A tag as Obsidian accepts it: letters, digits, `_`, `-` and `/` (nesting); whitespace → `-`;
 * at least one character that is not a digit. Empty when nothing usable is left.
 */
export function obsidianTag(tag: string): string {
  const slug = tag
    .normalize('NFC')
    .trim()
    .replace(/\s+/gu, '-')
    .replace(/[^\p{L}\p{M}\p{N}_\-/]/gu, '')
    .replace(/-{2,}/g, '-')
    .replace(/\/{2,}/g, '/')
    .replace(/^[-/]+|[-/]+$/g, '');
  return /^[\d/-]+$/.test(slug) ? `_${slug}` : slug;
}

function tagList(tags: readonly string[]): string[] {
  return [...new Set(tags.map(obsidianTag).filter(Boolean))];
}

/** Lines of a text, each trimmed, runs of blank lines kept as one (a paragraph break). */
function paragraphLines(text: string): string[] {
  const lines = text
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu, '\uFFFD')
    .split(/\r\n|[\n\r\u2028\u2029\u0085]/u)
    .map((line) => line.replace(/[ \t\f\v]+/g, ' ').trim());
  const out: string[] = [];
  for (const line of lines) if (line || (out.length && out[out.length - 1])) out.push(line);
  while (out.length && !out[out.length - 1]) out.pop();
  return out.length ? out : [''];
}

const oneLine = (text: string) => text.replace(/\s+/gu, ' ').trim();

/**
 * Backslash-escapes inline syntax, CommonMark's and Obsidian's, so the text renders as written.
 * Every escaped character is ASCII punctuation, which CommonMark lets a backslash escape.
 */
function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>~|=$%^#]/g, '\\$&').replace(/&(?=#?\w+;)/g, '\\&');
}

/** One line, escaped so it starts no block: list item, ordered item, rule, setext underline. */
function escapeLine(line: string): string {
  const text = escapeInline(line);
  const ordered = /^(\d{1,9})([.)])(?=\s|$)/.exec(text);
  if (ordered) return `${ordered[1]}\\${text.slice(ordered[1]!.length)}`;
  if (/^[+-]/.test(text)) return `\\${text}`;
  return text;
}

/** A link destination nothing in the URL can cut short: spaces, parentheses, angle brackets. */
function markdownDestination(url: string): string {
  return url.replace(/[\s()<>]/gu, (c) => (c === '(' ? '%28' : c === ')' ? '%29' : encodeURIComponent(c)));
}

function hostOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return url;
  }
}
