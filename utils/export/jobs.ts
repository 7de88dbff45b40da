/**
 * What the export and import buttons do, from the database to a file and back, as functions of
 * the db: the extension runs them in a worker (utils/services/backup-worker.ts) so a large library
 * never freezes a page, and tests run them directly.
 */
import type { VerbatimDb } from '../db/schema';
import { FormatError } from './format-error';
import { exportFile, type ExportedFile, type ExportFileOptions, type ExportKind } from './files';
import { exportRecords, importRecords, type ImportResult } from './import';
import { readImportFile, type ImportFormat, type ParsedImport } from './read-file';

/**
 * Largest file read for import, checked before a byte is read. The benchmark's library
 * (bench/export.ts: 50,000 notes on 2,000 pages) backs up to 39 MiB, and to 165 MiB with
 * every one of its 2,000 articles clipped (~60,000 characters of html and text each): 256 MiB
 * leaves half as much again. The whole file is one string, then parsed at once (1.9 s and
 * 300 MB of heap above the text for those 165 MiB, in Node), in the backup worker: at 256 MiB
 * the worker peaks near 1 GB, where 512 MiB would not even fit in one string (V8 caps strings
 * at 2^29 − 24 characters).
 */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

const tooLarge = (size: number) =>
  new FormatError(`the file is too large (${Math.round(size / 2 ** 20)} MiB; at most ${MAX_IMPORT_BYTES / 2 ** 20} MiB)`);

export interface ImportJobOptions {
  /** The time given to rows and annotations without a date; default now. */
  now?: number;
  chunkSize?: number;
  /** The file was read and checked: what it is, and how many records it holds. */
  onParsed?(info: { format: ImportFormat; total: number }): void;
  /** Records merged so far (synchronous: it runs inside the import's transaction). */
  onProgress?(done: number, total: number): void;
}

export interface ImportOutcome {
  format: ImportFormat;
  result: ImportResult;
  /** What the file holds that could not be kept, with why. */
  rejected: ParsedImport['rejected'];
}

/**
 * Reads a file's text, checks it, and merges it in one transaction. Throws a FormatError for a
 * file that cannot be imported (before anything is written), or the database's error (storage
 * full…) after which nothing has changed either.
 */
export async function importFileText(db: VerbatimDb, name: string, text: string, opts: ImportJobOptions = {}): Promise<ImportOutcome> {
  // A file of N bytes of UTF-8 is at most N characters.
  if (text.length > MAX_IMPORT_BYTES) throw tooLarge(text.length);
  const parsed = readImportFile(name, text, opts.now === undefined ? {} : { now: opts.now });
  const { articles, notes, settings = [], projects = [], reviews = [] } = parsed.records;
  opts.onParsed?.({ format: parsed.format, total: articles.length + notes.length + settings.length + projects.length + reviews.length });
  const result = await importRecords(db, parsed.records, {
    articles: parsed.articles,
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    ...(opts.chunkSize ? { chunkSize: opts.chunkSize } : {}),
  });
  return { format: parsed.format, result, rejected: parsed.rejected };
}

/** `importFileText` for a File (or Blob with a name), refusing absurdly large ones unread. */
export async function importFile(db: VerbatimDb, file: Blob & { name: string }, opts: ImportJobOptions = {}): Promise<ImportOutcome> {
  if (file.size > MAX_IMPORT_BYTES) throw tooLarge(file.size);
  return importFileText(db, file.name, await file.text(), opts);
}

export interface ExportJobOptions extends ExportFileOptions {
  /** Only these notes (the side panel's current view or selection), with their articles; default everything. */
  noteIds?: readonly string[];
  /** Only this page's article and its notes. */
  articleUrl?: string;
  /** Only what carries this tag: the notes tagged, the articles tagged with their notes. */
  tag?: string;
}

/** Reads what to export in one transaction and makes the file; null when there is nothing. */
export async function exportToFile(db: VerbatimDb, kind: ExportKind, opts: ExportJobOptions = {}): Promise<ExportedFile | null> {
  const { noteIds, articleUrl, tag, ...fileOpts } = opts;
  // Only the backup carries the articles' bodies: the other formats would read ~100 MB for nothing.
  const scope = articleUrl !== undefined ? { articleUrl } : tag !== undefined ? { tag } : noteIds ? { noteIds } : {};
  const records = await exportRecords(db, { ...scope, bodies: kind === 'backup' });
  if (!records.notes.length && ('noteIds' in scope || !records.articles.length)) return null;
  return exportFile(kind, records, fileOpts);
}
