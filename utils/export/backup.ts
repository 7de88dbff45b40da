/**
 * Verbatim's own backup: every record as stored, in one JSON file. Lossless, versioned, and
 * checked field by field on the way back in. Pure: text in, records out, no browser APIs.
 *
 * ## Format, version 1
 *
 * ```jsonc
 * {
 *   "format": "verbatim-backup",        // always this string: tells a backup from any other JSON
 *   "version": 1,                       // bumped when a reader of version 1 would misread the file
 *   "exportedAt": "2026-11-05T09:30:00.000Z", // ISO 8601, UTC: when the file was written
 *   "articles": [                       // Article records (utils/model.ts), each with its body's
 *                                       // html and text joined in (stored apart since schema v5)
 *     {
 *       "id", "url",                    // url: normalised http(s) URL, unique among articles
 *       "canonicalUrl"?, "title", "byline"?, "siteName"?, "publishedTime"?, "lang"?,
 *       "excerpt"?, "html"?, "text"?, "wordCount"?, "readingMinutes"?,
 *       "clippedAt"?,                   // epoch ms, set when the article was clipped
 *       "tags",                         // the article's own tags (normalised)
 *       "createdAt", "updatedAt"        // epoch ms (integers)
 *     }
 *   ],
 *   "notes": [                          // Note records as stored
 *     {
 *       "id", "url",                    // url: the article's normalised URL (the link to it)
 *       "kind",                         // "highlight" | "quote"
 *       "color",                        // "yellow" | "green" | "blue" | "pink" | "purple"
 *       "exact",                        // the passage as the reader saw it
 *       "selectors",                    // 1–8 W3C TextQuoteSelector / TextPositionSelector
 *       "note", "tags",                 // the reader's note ("" when none) and tags
 *       "attribution"?,                 // quotes: { title, author?, siteName?, publishedTime?, url }
 *       "orphanedAt"?,                  // epoch ms: last looked for on its page and not found
 *       "createdAt", "updatedAt"        // epoch ms (integers)
 *     }
 *   ],
 *   "settings": [ { "key", "value" } ]  // SettingRow records: "colorNames", "backupReminder"…
 * }
 * ```
 *
 * Settings that describe the device rather than the user's choices (`DEVICE_SETTINGS`:
 * `lastBackupAt`, `backupReminderDismissedAt`, `libraryEpoch`) are never written, and dropped when
 * read: restoring another device's "last backup" date would hide that this one has none. Settings
 * this version does not know are dropped when read too, unchecked: the background hands every
 * stored setting to each page's content script, so a file must not park data there.
 *
 * Timestamps stay epoch milliseconds, as stored, so a restore gives back exactly what was saved.
 * None may be later than a day after the reader's clock (`MAX_CLOCK_AHEAD_MS`): the newer
 * `updatedAt` wins every merge, so a record dated in the future would win all of them for ever.
 * Ids are what Verbatim makes (UUIDs), at most 64 letters, digits, `_` or `-` (`RECORD_ID`: the
 * pattern the note editor accepts in its URL); a file with any other id is refused rather than
 * re-id'd (see `RECORD_ID`).
 * A reader rejects a newer version rather than guess; fields it does not know in a record of
 * its own version are dropped.
 */
import * as v from 'valibot';
import { BACKUP_REMINDERS, COLORS, DEVICE_SETTINGS } from '../domain/model';
import type { ArticleWithBody, Note, SettingRow } from '../domain/model';
import { NoteSchema, PageMetaSchema } from '../domain/record-schemas';
import { MAX_TAG_LENGTH } from '../domain/tags';

export const BACKUP_FORMAT = 'verbatim-backup';
export const BACKUP_VERSION = 1;

/** A parsed, checked backup. */
export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** ISO 8601 (UTC). */
  exportedAt: string;
  articles: ArticleWithBody[];
  notes: Note[];
  settings: SettingRow[];
}

/** Records as every exporter takes them and every importer gives them: articles with their bodies joined in. */
export interface LibraryRecords {
  articles: ArticleWithBody[];
  notes: Note[];
  settings?: SettingRow[];
}

/** A file that cannot be imported. The message names the problem and where it is. */
export class FormatError extends Error {
  override name = 'FormatError';
  constructor(
    message: string,
    /** Where in the file, e.g. `notes[12].selectors[0].start` or `row 5`. */
    readonly where?: string,
  ) {
    super(where ? `${where}: ${message}` : message);
  }
}

// ---- Limits -------------------------------------------------------------------------------

/** Latest time a JS Date can hold (year 275760): anything later is not a real timestamp. */
const MAX_TIME = 8.64e15;
/**
 * How far past this device's clock a timestamp may be: a day covers time zones done wrong and
 * clocks a little off between two devices; anything later is a forged date.
 */
export const MAX_CLOCK_AHEAD_MS = 24 * 60 * 60 * 1000;
const MAX_ARTICLES = 200_000;
const MAX_NOTES = 2_000_000;
const MAX_SETTINGS = 1_000;
/** Objects or arrays nested deeper than this are not Verbatim data. */
const MAX_DEPTH = 32;
/** Keys that reach an object's prototype when a careless consumer copies them. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

// ---- Schemas ------------------------------------------------------------------------------

/** Epoch ms, no later than a day from now (checked when the file is read, against this device's clock). */
const timestamp = v.pipe(
  v.number(),
  v.integer(),
  v.minValue(0),
  v.maxValue(MAX_TIME),
  v.check(
    (ms) => ms <= Date.now() + MAX_CLOCK_AHEAD_MS,
    (issue) => `in the future (${new Date(issue.input as number).toISOString()}; at most a day ahead of this device's clock)`,
  ),
);
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
/**
 * Record ids: every id Verbatim makes (`crypto.randomUUID`, `stableId`) fits, and so does the note
 * editor's URL pattern (entrypoints/note-editor/App.tsx), which refuses anything else. An id that
 * does not fit is refused, not re-id'd: a file with one was not written by Verbatim, and a new id
 * derived from it (needed so that importing twice updates rather than duplicates) is one the
 * file's author can compute, so could be aimed at one of the user's notes.
 */
export const RECORD_ID = /^[\w-]{1,64}$/;
const recordId = v.pipe(v.string(), v.regex(RECORD_ID, 'expected 1 to 64 letters, digits, "_" or "-"'));
const tags = v.pipe(v.array(text(MAX_TAG_LENGTH)), v.maxLength(100));

/** A stored Article (the message schemas cover drafts; this is the whole record). */
export const ArticleRecordSchema = v.object({
  ...PageMetaSchema.entries,
  id: recordId,
  excerpt: v.optional(text(10_000)),
  html: v.optional(text(10_000_000)),
  text: v.optional(text(10_000_000)),
  wordCount: v.optional(count),
  readingMinutes: v.optional(count),
  clippedAt: v.optional(timestamp),
  tags,
  createdAt: timestamp,
  updatedAt: timestamp,
});

/** A stored Note: the message schema, with timestamps a Date can hold. */
export const NoteRecordSchema = v.object({
  ...NoteSchema.entries,
  id: recordId,
  orphanedAt: v.optional(timestamp),
  createdAt: timestamp,
  updatedAt: timestamp,
});

/**
 * The settings a file may bring, each with its schema; any other key (a later version's, the
 * device's own) is dropped unchecked. The content script receives every stored setting.
 */
const KNOWN_SETTINGS: Record<string, v.GenericSchema> = {
  colorNames: v.record(v.picklist(COLORS), text(40)),
  backupReminder: v.picklist(BACKUP_REMINDERS),
};

/** Keys of the settings an import may write. */
export const IMPORTED_SETTINGS: ReadonlySet<string> = new Set(Object.keys(KNOWN_SETTINGS));

export const SettingRowSchema = v.pipe(
  v.object({ key: v.pipe(v.string(), v.minLength(1), v.maxLength(100)), value: v.unknown() }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const { key, value } = dataset.value;
    const known = Object.hasOwn(KNOWN_SETTINGS, key) ? KNOWN_SETTINGS[key] : undefined;
    if (known) {
      const parsed = v.safeParse(known, value);
      if (!parsed.success) addIssue({ message: `value: ${describeIssue(parsed.issues[0]!)}` });
    }
  }),
);

const BackupSchema = v.object({
  format: v.literal(BACKUP_FORMAT),
  version: v.literal(BACKUP_VERSION),
  exportedAt: v.pipe(v.string(), v.maxLength(64), v.isoTimestamp()),
  articles: v.pipe(v.array(ArticleRecordSchema), v.maxLength(MAX_ARTICLES)),
  notes: v.pipe(v.array(NoteRecordSchema), v.maxLength(MAX_NOTES)),
  settings: v.pipe(v.array(SettingRowSchema), v.maxLength(MAX_SETTINGS)),
});

// ---- Writing ------------------------------------------------------------------------------

export interface BackupOptions {
  /** When the backup is made; default now. */
  exportedAt?: Date | number;
  /** Indentation, for people reading the file; default none (half the size). */
  space?: number;
}

/** The backup file's text for the given records (settings of the device itself left out). */
export function toBackup(data: LibraryRecords, opts: BackupOptions = {}): string {
  const backup: Backup = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date(opts.exportedAt ?? Date.now()).toISOString(),
    articles: data.articles,
    notes: data.notes,
    settings: (data.settings ?? []).filter((s) => !DEVICE_SETTINGS.has(s.key)),
  };
  return JSON.stringify(backup, null, opts.space);
}

// ---- Reading ------------------------------------------------------------------------------

/**
 * Reads a backup file. Throws a FormatError naming the first problem: not JSON, the file ends
 * early, another format, a newer version, a forbidden key, or a field that fails its check
 * (`notes[12].selectors[0].start: expected a non-negative integer, got -1`).
 */
export function parseBackup(text: string): Backup {
  return parseBackupValue(parseJson(text));
}

/** `parseBackup` for JSON already parsed (import detects the format from the parsed value). */
export function parseBackupValue(data: unknown): Backup {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new FormatError('not a Verbatim backup (expected a JSON object)');
  }
  const head = data as Record<string, unknown>;
  if (head.format !== BACKUP_FORMAT) {
    if ('@context' in head) {
      throw new FormatError('this is a W3C Web Annotation file, not a Verbatim backup: import it as annotations');
    }
    const found = typeof head.format === 'string' ? `format "${head.format.slice(0, 50)}"` : 'no "format" field';
    throw new FormatError(`not a Verbatim backup (${found})`);
  }
  const version = head.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new FormatError(`not a valid backup version: ${JSON.stringify(version) ?? 'missing'}`, 'version');
  }
  if (version > BACKUP_VERSION) {
    throw new FormatError(
      `this backup was made by a newer version of Verbatim (backup version ${version}; ` +
        `this version reads version ${BACKUP_VERSION}). Update Verbatim to import it.`,
    );
  }
  checkKeys(data, '', 0);
  const parsed = v.safeParse(BackupSchema, data, { abortEarly: true });
  if (!parsed.success) throw issueError(parsed.issues[0]!, data);
  const backup = parsed.output as Backup;
  checkUnique(backup);
  if (backup.settings.some((s) => !IMPORTED_SETTINGS.has(s.key))) {
    backup.settings = backup.settings.filter((s) => IMPORTED_SETTINGS.has(s.key));
  }
  return backup;
}

/**
 * JSON.parse with errors a reader can act on: an empty file, a file cut short (an interrupted
 * download or copy), or the position of the first bad character.
 */
export function parseJson(text: string): unknown {
  if (typeof text !== 'string') throw new FormatError('expected the file as text');
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const trimmed = body.trimEnd();
  if (!trimmed.trim()) throw new FormatError('the file is empty');
  try {
    return JSON.parse(body);
  } catch (error) {
    if (error instanceof RangeError) throw new FormatError('the file is nested too deeply to be Verbatim data');
    const message = error instanceof Error ? error.message : String(error);
    const position = errorOffset(body, message);
    // V8 reports "Unexpected end of JSON input" or a position at the end; Firefox "end of data",
    // Safari "Unexpected EOF"; all of them "unterminated string" for a file cut inside a string.
    const endsEarly =
      /end of (JSON )?(input|data)|unexpected EOF|unterminated/i.test(message) ||
      (position !== undefined && position >= trimmed.length);
    if (endsEarly) throw new FormatError('the file ends early (it was cut short: download or copy it again)');
    throw new FormatError(`not valid JSON${position === undefined ? '' : ` (${lineColumn(body, position)})`}`);
  }
}

/** Where a JSON.parse error happened: V8's `at position N`, Firefox's `line L column C`. */
function errorOffset(text: string, message: string): number | undefined {
  const at = /at position (\d+)/.exec(message);
  if (at) return Number(at[1]);
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (!lc) return undefined;
  let offset = 0;
  for (let line = 1; line < Number(lc[1]); line++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return offset + Number(lc[2]) - 1;
}

function lineColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return `line ${line}, column ${position - before.lastIndexOf('\n')}`;
}

/** Rejects prototype-polluting keys and absurd nesting anywhere in the file. */
function checkKeys(value: unknown, path: string, depth: number): void {
  if (typeof value !== 'object' || value === null) return;
  if (depth > MAX_DEPTH) throw new FormatError('nested too deeply', path || undefined);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) checkKeys(value[i], `${path}[${i}]`, depth + 1);
    return;
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) throw new FormatError(`forbidden key "${key}"`, path || undefined);
    checkKeys((value as Record<string, unknown>)[key], joinPath(path, key), depth + 1);
  }
}

/** Ids and URLs that must be unique within the file (the database would refuse them halfway). */
function checkUnique(backup: Backup): void {
  const seen = (list: readonly unknown[], field: string, name: string, key: (r: never) => string) => {
    const first = new Map<string, number>();
    list.forEach((record, i) => {
      const k = key(record as never);
      const earlier = first.get(k);
      if (earlier !== undefined) {
        throw new FormatError(`${field} ${JSON.stringify(k)} appears twice (also ${name}[${earlier}])`, `${name}[${i}]`);
      }
      first.set(k, i);
    });
  };
  seen(backup.articles, 'id', 'articles', (a: ArticleWithBody) => a.id);
  seen(backup.articles, 'url', 'articles', (a: ArticleWithBody) => a.url);
  seen(backup.notes, 'id', 'notes', (n: Note) => n.id);
  seen(backup.settings, 'key', 'settings', (s: SettingRow) => s.key);
}

// ---- Messages -----------------------------------------------------------------------------

function joinPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`;
}

/** `notes[12].selectors[0].start` for an issue's path. */
export function issuePath(issue: v.BaseIssue<unknown>): string {
  let path = '';
  for (const item of issue.path ?? []) {
    const key = item.key;
    path = joinPath(path, typeof key === 'number' ? key : String(key));
  }
  return path;
}

/** What is wrong, in words: `expected a non-negative integer, got -1`. */
export function describeIssue(issue: v.BaseIssue<unknown>): string {
  const got = issue.received;
  switch (issue.type) {
    case 'integer':
      return `expected an integer, got ${got}`;
    case 'min_value':
      return issue.requirement === 0 ? `expected a non-negative integer, got ${got}` : `too small, got ${got}`;
    case 'max_value':
      return `too large (at most ${String(issue.requirement)}), got ${got}`;
    case 'max_length':
      return `too long (${got} > ${String(issue.requirement)})`;
    case 'min_length':
      return issue.requirement === 1 ? 'must not be empty' : `too short (${got} < ${String(issue.requirement)})`;
    case 'url':
      return `not a valid URL, got ${truncate(got)}`;
    case 'regex':
    case 'check':
    case 'raw_check':
      return issue.message;
    case 'iso_timestamp':
      return `expected an ISO 8601 date, got ${truncate(got)}`;
    case 'picklist':
    case 'literal':
      return `expected ${issue.expected}, got ${truncate(got)}`;
    case 'variant':
      return `unknown type ${truncate(got)}`;
    default:
      if (issue.kind === 'schema') {
        return got === 'undefined' ? 'missing' : `expected ${issue.expected}, got ${truncate(got)}`;
      }
      return issue.message;
  }
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** A FormatError for a schema issue: its path, what is wrong, and which record. */
export function issueError(issue: v.BaseIssue<unknown>, input?: unknown): FormatError {
  const path = issuePath(issue);
  let message = describeIssue(issue);
  const top = issue.path?.[0];
  const index = issue.path?.[1];
  if (input && top && index && (top.key === 'notes' || top.key === 'articles') && typeof index.key === 'number') {
    const record = (input as Record<string, unknown[]>)[top.key]?.[index.key] as { id?: unknown } | undefined;
    if (typeof record?.id === 'string' && !path.endsWith('.id')) {
      message += ` (${top.key === 'notes' ? 'note' : 'article'} ${JSON.stringify(truncate(record.id))})`;
    }
  }
  return new FormatError(message, path || undefined);
}

// ---- Ids ----------------------------------------------------------------------------------

/**
 * A UUID-shaped id derived from `text` (cyrb128, a fast non-cryptographic 128-bit hash), for
 * records imported from files without ids: importing the same file twice then updates instead
 * of duplicating.
 */
export function stableId(text: string): string {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  const hex = [h1, h2, h3, h4].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
  // Version 8 (custom) and the RFC 9562 variant, so it reads as a UUID everywhere.
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
