/**
 * An import file, whatever it is: tells a Verbatim backup, W3C annotations and a Readwise CSV
 * apart by their content (the name only breaks ties), then reads it with that format's parser.
 * Pure: text in, records out. The file is hostile: every parser here checks what it reads.
 */
import * as v from 'valibot';
import type { ArticleWithBody, Note } from '../domain/model';
import { normalizeUrl } from '../extract/url';
import { PageMetaSchema } from '../domain/record-schemas';
import { BACKUP_FORMAT, parseBackupValue, type LibraryRecords } from './backup';
import { FormatError, describeIssue, parseJson } from './format-error';
import { parseReadwiseCsv, readwiseToRecords } from './csv';
import { parseAnnotationCollection } from './w3c-read';

export type ImportFormat = 'backup' | 'w3c' | 'readwise';

/** A file read and checked, ready for `importRecords`. */
export interface ParsedImport {
  format: ImportFormat;
  records: LibraryRecords;
  /** `importRecords`' `articles` option: only a backup describes articles fully. */
  articles: 'merge' | 'add-only';
  /** What the file holds that Verbatim cannot keep (a row without a URL…), with why. */
  rejected: Array<{ where: string; reason: string }>;
}

export interface ReadImportOptions {
  /** The time given to rows and annotations without a date; default now. */
  now?: number;
}

const ANNOTATION_TYPES = new Set(['Annotation', 'AnnotationPage', 'AnnotationCollection']);

/** The first character that is not a byte order mark or whitespace. */
function firstChar(text: string): string {
  const m = /^\uFEFF?\s*(\S)/u.exec(text.slice(0, 4096));
  return m ? m[1]! : '';
}

/** Whether parsed JSON looks like W3C annotations (a context, or an annotation type). */
function looksLikeAnnotations(data: unknown): boolean {
  const first = Array.isArray(data) ? data[0] : data;
  if (typeof first !== 'object' || first === null || Array.isArray(first)) return false;
  const head = first as Record<string, unknown>;
  const types = Array.isArray(head.type) ? head.type : [head.type];
  return '@context' in head || types.some((t) => typeof t === 'string' && ANNOTATION_TYPES.has(t));
}

/**
 * Every URL of the records as the storage layer keys pages (`normalizeUrl`: no fragment, no
 * `utm_` or other tracking parameter): a note filed under `…#section` or `…?utm_source=x` would
 * never be found on its page. Records whose URLs come to match merge as repeated ones do
 * (`importRecords`: the newest wins). Throws a FormatError naming a URL that fails the page URL
 * schema once normalised (percent-encoding can make it longer than its limit); the parsers
 * checked the URLs as given.
 */
export function normalizeRecordUrls(records: LibraryRecords): LibraryRecords {
  const url = (raw: string, where: string) => {
    const out = normalizeUrl(raw);
    const checked = v.safeParse(PageMetaSchema.entries.url, out);
    if (!checked.success) throw new FormatError(`once normalised: ${describeIssue(checked.issues[0]!)}`, where);
    return out;
  };
  const articles = records.articles.map((a, i): ArticleWithBody => {
    const out = { ...a, url: url(a.url, `articles[${i}].url`) };
    if (a.canonicalUrl !== undefined) out.canonicalUrl = url(a.canonicalUrl, `articles[${i}].canonicalUrl`);
    if (a.aliases !== undefined) out.aliases = [...new Set(a.aliases.map((alias, j) => url(alias, `articles[${i}].aliases[${j}]`)))].filter((x) => x !== out.url);
    return out;
  });
  const notes = records.notes.map((n, i): Note => {
    const out = { ...n, url: url(n.url, `notes[${i}].url`) };
    if (n.attribution) out.attribution = { ...n.attribution, url: url(n.attribution.url, `notes[${i}].attribution.url`) };
    return out;
  });
  // Projects and review schedules name notes by id, never by URL: they pass as they are.
  const { articles: _a, notes: _n, ...rest } = records;
  return { ...rest, articles, notes };
}

/**
 * Reads an import file. Throws a FormatError naming the problem: an empty file, JSON that is
 * neither a backup nor annotations, a file of another kind, or the first bad field or row (from
 * the format's parser). A file whose every item is rejected is an error too, naming the first
 * reason; otherwise rejected items are listed and the rest imported. Every URL comes back
 * normalised (`normalizeRecordUrls`), whatever the format.
 */
export function readImportFile(name: string, text: string, opts: ReadImportOptions = {}): ParsedImport {
  const parsed = readAnyFormat(name, text, opts);
  return { ...parsed, records: normalizeRecordUrls(parsed.records) };
}

function readAnyFormat(name: string, text: string, opts: ReadImportOptions): ParsedImport {
  if (typeof text !== 'string' || !text.replace(/^\uFEFF/, '').trim()) throw new FormatError('the file is empty');
  const lower = name.toLowerCase();
  const c = firstChar(text);
  const jsonName = /\.(json|jsonld)$/.test(lower);

  if (c === '{' || c === '[' || jsonName) {
    const data = parseJson(text);
    const head = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
    if (head && (head.format === BACKUP_FORMAT || ('format' in head && !looksLikeAnnotations(head)) || 'notes' in head || 'articles' in head)) {
      const backup = parseBackupValue(data);
      return {
        format: 'backup',
        records: {
          articles: backup.articles,
          notes: backup.notes,
          settings: backup.settings,
          ...(backup.projects ? { projects: backup.projects } : {}),
          ...(backup.reviews ? { reviews: backup.reviews } : {}),
        },
        articles: 'merge',
        rejected: [],
      };
    }
    if (!looksLikeAnnotations(data)) {
      throw new FormatError('this JSON file is neither a Verbatim backup nor W3C Web Annotations');
    }
    const { notes, rejected } = parseAnnotationCollection(data, opts.now === undefined ? {} : { now: opts.now });
    const list = rejected.map((r) => ({ where: `annotation ${r.index + 1}${r.id ? ` (${r.id})` : ''}`, reason: r.reason }));
    if (!notes.length && list.length) throw new FormatError(`none of the ${list.length} annotations can be imported: ${list[0]!.reason}`, list[0]!.where);
    return { format: 'w3c', records: { articles: [], notes }, articles: 'add-only', rejected: list };
  }

  const firstLine = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 1)[0] ?? '';
  if (lower.endsWith('.csv') || /highlight/i.test(firstLine)) {
    const rows = parseReadwiseCsv(text);
    const { articles, notes, skipped } = readwiseToRecords(rows, opts.now === undefined ? {} : { now: opts.now });
    const list = skipped.map((s) => ({ where: `row ${s.row}`, reason: s.reason }));
    if (!notes.length && list.length) throw new FormatError(`none of the ${list.length} rows can be imported: ${list[0]!.reason}`, list[0]!.where);
    return { format: 'readwise', records: { articles, notes }, articles: 'add-only', rejected: list };
  }

  throw new FormatError('not a file Verbatim can import: expected a Verbatim backup (.json), W3C Web Annotations (.json, .jsonld) or a Readwise CSV (.csv)');
}
