/**
 * The file each export button gives: name, media type and content, from records already read
 * (`exportRecords`). Pure: the page turns the result into a download.
 */
import type { LibraryRecords } from './backup';
import { toBackup } from './backup';
import { toAnkiText } from './anki';
import { toReadwiseCsv } from './csv';
import { libraryToMarkdown, markdownFiles, zipFiles, type MarkdownOptions } from './markdown';
import { toBibLatex } from './bibtex';
import { referenceEntries, toCslJson } from './references';
import { toRis } from './ris';
import { annotationDocument, toAnnotationPages } from './w3c';

/**
 * - `markdown`: one file per article (a zip when there are several);
 * - `markdown-single`: every article in one Markdown file;
 * - `backup`: Verbatim's JSON backup;
 * - `readwise`: Readwise's CSV (UTF-8 with a byte order mark, for spreadsheets);
 * - `w3c`: W3C Web Annotations, JSON-LD;
 * - `csl-json`, `bibtex` (biblatex), `ris`: for reference managers, one entry per article with
 *   its quotes and notes attached as notes;
 * - `anki`: Anki's plain-text notes, tab-separated, one card per quote or highlight.
 */
export const EXPORT_KINDS = ['markdown', 'markdown-single', 'backup', 'readwise', 'w3c', 'csl-json', 'bibtex', 'ris', 'anki'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export interface ExportedFile {
  name: string;
  /** Media type, for the Blob. */
  mime: string;
  /** Text (written as UTF-8) or bytes. */
  data: string | Uint8Array;
}

export interface ExportFileOptions {
  /** The export time; default now. */
  now?: number;
  /** IANA time zone for dates in names and Markdown; default the runtime's. */
  timeZone?: string;
  /** Markdown's combined file title, W3C's collection label (localised by the caller). */
  title?: string;
  /** Markdown's link text to a passage. */
  linkLabel?: string;
}

/** `2026-11-05`, the export day where the user is. */
export function dayStamp(now: number, timeZone?: string): string {
  // en-CA writes dates as ISO 8601 (YYYY-MM-DD).
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The file for one export kind. */
export function exportFile(kind: ExportKind, records: LibraryRecords, opts: ExportFileOptions = {}): ExportedFile {
  const now = opts.now ?? Date.now();
  const day = dayStamp(now, opts.timeZone);
  const { articles, notes } = records;
  const md: MarkdownOptions = { now };
  if (opts.timeZone) md.timeZone = opts.timeZone;
  if (opts.title) md.libraryTitle = opts.title;
  if (opts.linkLabel) md.linkLabel = opts.linkLabel;
  switch (kind) {
    case 'backup':
      return { name: `verbatim-backup-${day}.json`, mime: 'application/json', data: toBackup(records, { exportedAt: now }) };
    case 'readwise':
      return { name: `verbatim-readwise-${day}.csv`, mime: 'text/csv;charset=utf-8', data: toReadwiseCsv(articles, notes) };
    case 'w3c': {
      const doc = annotationDocument(toAnnotationPages(articles, notes, { now, ...(opts.title ? { label: opts.title } : {}) }));
      return { name: `verbatim-annotations-${day}.jsonld`, mime: 'application/ld+json', data: JSON.stringify(doc) };
    }
    case 'csl-json':
      return { name: `verbatim-references-${day}.json`, mime: 'application/vnd.citationstyles.csl+json', data: toCslJson(referenceEntries(articles, notes)) };
    case 'bibtex':
      return { name: `verbatim-references-${day}.bib`, mime: 'application/x-bibtex;charset=utf-8', data: toBibLatex(referenceEntries(articles, notes)) };
    case 'ris':
      return { name: `verbatim-references-${day}.ris`, mime: 'application/x-research-info-systems;charset=utf-8', data: toRis(referenceEntries(articles, notes)) };
    case 'anki':
      return { name: `verbatim-anki-${day}.txt`, mime: 'text/tab-separated-values;charset=utf-8', data: toAnkiText(articles, notes) };
    case 'markdown-single':
      return { name: `verbatim-library-${day}.md`, mime: 'text/markdown;charset=utf-8', data: libraryToMarkdown(articles, notes, md) };
    case 'markdown': {
      const files = markdownFiles(articles, notes, md);
      if (files.length === 1) return { name: files[0]!.name, mime: 'text/markdown;charset=utf-8', data: files[0]!.content };
      return { name: `verbatim-markdown-${day}.zip`, mime: 'application/zip', data: zipFiles(files, { mtime: now }) };
    }
  }
}
