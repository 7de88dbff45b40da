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
 *   "articles": [                       // Article records (utils/domain/model.ts), each with its body's
 *                                       // html and text joined in (stored apart since schema v5)
 *     {
 *       "id", "url",                    // url: normalised http(s) URL, unique among articles
 *       "canonicalUrl"?, "title", "byline"?, "siteName"?, "publishedTime"?, "lang"?,
 *       "aliases"?,                     // the article's other addresses (normalised URLs, 16 at most)
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
 *       "speaker"?, "speakerProposed"?, // quotes: who said the words (trimmed, 1–200 characters), and
 *                                       // true while that is Verbatim's proposal (v10)
 *       "orphanedAt"?,                  // epoch ms: last looked for on its page and not found
 *       "createdAt", "updatedAt",       // epoch ms (integers)
 *       "history"?,                     // versions a sync merge or a restore replaced, newest first, 20 at
 *                                       // most: { note, tags, color, kind, updatedAt, hlc?, replacedAt,
 *                                       // reason: "sync" | "restore" }, each with a note's own limits
 *       "check"?                        // last check against its source (v11): { at, outcome: "same" |
 *                                       // "reworded" | "gone", found?: the page's words, reworded only }
 *     }
 *   ],
 *   "settings": [ { "key", "value" } ], // SettingRow records: "colorNames", "backupReminder"…
 *   "projects"?: [                      // writing boards (issue #17), absent from older backups
 *     {
 *       "id", "name",                   // name: trimmed, one line, 1–200 characters
 *       "items",                        // the board in order: { kind: "note", id, noteId } |
 *                                       // { kind: "heading" | "text", id, text }; item ids unique,
 *                                       // a note at most once (it may name a note not in the file)
 *       "noteIds",                      // the note items' noteIds, in order (checked)
 *       "removed"?,                     // ids of items taken off the board, oldest first, at most
 *                                       // 1,000 (what a sync merge must not bring back)
 *       "createdAt", "updatedAt"        // epoch ms (integers)
 *     }
 *   ],
 *   "reviews"?: [                       // the daily review's schedule (issue #17), absent from older backups
 *     { "noteId", "due", "card", "lastReview"?, "updatedAt" } // card: the scheduler's numbers by name
 *   ]
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
import type { Project } from '../domain/project';
import type { ReviewState } from '../domain/review-state';
import { hasValidPassage, NOTE_ENTRIES, PASSAGE_RULE, PageMetaSchema, PROJECT_ENTRIES, PROJECT_RULE, projectProblem, REVIEW_ENTRIES } from '../domain/record-schemas';
import { MAX_TAG_LENGTH } from '../domain/tags';
import { FormatError, describeIssue, issueError, joinPath, parseJson } from './format-error';

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
  /** Absent from a backup made before projects (issue #17): read as none. */
  projects?: Project[];
  reviews?: ReviewState[];
}

/** Records as every exporter takes them and every importer gives them: articles with their bodies joined in. */
export interface LibraryRecords {
  articles: ArticleWithBody[];
  notes: Note[];
  settings?: SettingRow[];
  /** Writing boards and review schedules: only the backup carries them. */
  projects?: Project[];
  reviews?: ReviewState[];
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
const MAX_PROJECTS = 10_000;
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
export const NoteRecordSchema = v.pipe(
  v.object({
    ...NOTE_ENTRIES,
    id: recordId,
    orphanedAt: v.optional(timestamp),
    createdAt: timestamp,
    updatedAt: timestamp,
  }),
  v.check((n) => hasValidPassage(n), PASSAGE_RULE),
);

/**
 * The settings a file may bring, each with its schema; any other key (a later version's, the
 * device's own) is dropped unchecked. The content script receives every stored setting.
 */
const KNOWN_SETTINGS: Record<string, v.GenericSchema> = {
  colorNames: v.record(v.picklist(COLORS), text(40)),
  backupReminder: v.picklist(BACKUP_REMINDERS),
  saveImages: v.boolean(),
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

/** A stored Project, with timestamps a Date can hold. */
export const ProjectRecordSchema = v.pipe(
  v.object({ ...PROJECT_ENTRIES, id: recordId, createdAt: timestamp, updatedAt: timestamp }),
  v.check((p) => projectProblem(p) === undefined, PROJECT_RULE),
);

/** A note's review state, with timestamps a Date can hold (`due` may be far ahead: it is a schedule). */
export const ReviewRecordSchema = v.object({ ...REVIEW_ENTRIES, noteId: recordId, lastReview: v.optional(timestamp), updatedAt: timestamp });

const BackupSchema = v.object({
  format: v.literal(BACKUP_FORMAT),
  version: v.literal(BACKUP_VERSION),
  exportedAt: v.pipe(v.string(), v.maxLength(64), v.isoTimestamp()),
  articles: v.pipe(v.array(ArticleRecordSchema), v.maxLength(MAX_ARTICLES)),
  notes: v.pipe(v.array(NoteRecordSchema), v.maxLength(MAX_NOTES)),
  settings: v.pipe(v.array(SettingRowSchema), v.maxLength(MAX_SETTINGS)),
  projects: v.optional(v.pipe(v.array(ProjectRecordSchema), v.maxLength(MAX_PROJECTS))),
  reviews: v.optional(v.pipe(v.array(ReviewRecordSchema), v.maxLength(MAX_NOTES))),
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
  if (data.projects?.length) backup.projects = data.projects;
  if (data.reviews?.length) backup.reviews = data.reviews;
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
  seen(backup.projects ?? [], 'id', 'projects', (p: Project) => p.id);
  seen(backup.reviews ?? [], 'noteId', 'reviews', (r: ReviewState) => r.noteId);
}
