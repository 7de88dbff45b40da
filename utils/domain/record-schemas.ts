import * as v from 'valibot';
import { COLORS, NOTE_KINDS, PASSAGE_KINDS } from './model';
import { HISTORY_LIMIT } from './history';
import { MAX_TAG_LENGTH } from './tags';
import { MAX_IMAGE_URL, MAX_IMAGES } from '../extract/images';
import { MAX_HEADING, MAX_PROJECT_ITEMS, MAX_PROJECT_NAME, MAX_PROJECT_TEXT, MAX_REMOVED } from './project-items';

/**
 * The valibot schemas of the records that cross a boundary: a message between contexts (page
 * content is hostile, and so is anything a page can influence) or a backup file being imported.
 * Field rules only, pure: which call carries which record is utils/messaging/protocol.ts.
 */

/** Longest quote or note text. */
export const MAX_TEXT = 200_000;
/** Longest article HTML or text (`ArticleDraftSchema`; utils/extract cuts to fit). */
const MAX_HTML = 10_000_000;

export const shortText = (max = 2_000) => v.pipe(v.string(), v.maxLength(max));
/**
 * A page URL is the key of its notes and cannot be cut, so the limit is the browser's own: Chrome
 * navigates to URLs of up to 2 MiB (`MAX_URL_LENGTH` in utils/extract/url.ts, which says why).
 */
export const httpUrl = v.pipe(v.string(), v.maxLength(2 * 1024 * 1024), v.url(), v.regex(/^https?:/i, 'not an http(s) URL'));
/** An image's address: http(s), and no longer than a saved copy's markup would sensibly hold. */
export const imageUrl = v.pipe(v.string(), v.maxLength(MAX_IMAGE_URL), v.url(), v.regex(/^https?:/i, 'not an http(s) URL'));
export const offset = v.pipe(v.number(), v.integer(), v.minValue(0));
export const noteId = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
export const tagList = v.pipe(v.array(shortText(MAX_TAG_LENGTH)), v.maxLength(100));

/** Longest speaker's name kept: room for "Direction générale de la concurrence, de la consommation et de la répression des fraudes". */
export const MAX_SPEAKER = 200;
/** A quote's speaker as stored (`Note.speaker`): trimmed, not empty, one line. */
export const speakerName = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(MAX_SPEAKER),
  v.check((s) => s === s.trim() && !/[\r\n]/.test(s), 'a speaker is trimmed, on one line'),
);
/** A speaker as an edit sends it (`NotePatch.speaker`): any text the field held, `""` clearing it; `cleanSpeaker` makes it one. */
export const speakerEdit = shortText(MAX_SPEAKER * 2);

export const SelectorSchema = v.variant('type', [
  v.object({
    type: v.literal('TextQuoteSelector'),
    exact: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_TEXT)),
    prefix: v.optional(shortText(256)),
    suffix: v.optional(shortText(256)),
  }),
  v.pipe(
    v.object({ type: v.literal('TextPositionSelector'), start: offset, end: offset }),
    v.check((s) => s.end >= s.start, 'a position selector ends before it starts'),
  ),
]);

/** A note's selectors: one to eight, the quote and its position. */
export const SelectorListSchema = v.pipe(v.array(SelectorSchema), v.minLength(1), v.maxLength(8));

/** Most other addresses an article keeps (`aliases`): a page declares three at most, the rest are the user's links. */
export const MAX_ALIASES = 16;
/** Longest alias kept (as `MAX_CANONICAL_URL` in utils/extract/meta.ts: a declared address this long is noise). */
const aliasUrl = v.pipe(v.string(), v.maxLength(8_192), v.url(), v.regex(/^https?:/i, 'not an http(s) URL'));
export const aliasList = v.pipe(v.array(aliasUrl), v.maxLength(MAX_ALIASES));

export const PageMetaSchema = v.object({
  url: httpUrl,
  canonicalUrl: v.optional(httpUrl),
  aliases: v.optional(aliasList),
  title: shortText(),
  byline: v.optional(shortText()),
  siteName: v.optional(shortText()),
  publishedTime: v.optional(shortText(64)),
  lang: v.optional(shortText(35)),
});

/** A note a web page's selection makes: always on a passage (a page note is made in extension pages only). */
export const NoteDraftSchema = v.object({
  kind: v.picklist(PASSAGE_KINDS),
  color: v.picklist(COLORS),
  exact: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_TEXT)),
  selectors: SelectorListSchema,
  note: v.optional(shortText(MAX_TEXT)),
  tags: v.optional(tagList),
  speaker: v.optional(speakerName),
  speakerProposed: v.optional(v.literal(true)),
});

export const ArticleDraftSchema = v.object({
  ...PageMetaSchema.entries,
  excerpt: v.optional(shortText(10_000)),
  html: v.pipe(v.string(), v.maxLength(MAX_HTML)),
  text: v.pipe(v.string(), v.maxLength(MAX_HTML)),
  wordCount: offset,
  readingMinutes: offset,
  imageUrls: v.optional(v.pipe(v.array(imageUrl), v.maxLength(MAX_IMAGES))),
});

export const NotePatchSchema = v.strictObject({
  color: v.optional(v.picklist(COLORS)),
  kind: v.optional(v.picklist(PASSAGE_KINDS)),
  note: v.optional(shortText(MAX_TEXT)),
  tags: v.optional(tagList),
  speaker: v.optional(speakerEdit),
  proposedSpeaker: v.optional(speakerEdit),
});

const AttributionSchema = v.object({
  title: shortText(),
  author: v.optional(shortText()),
  siteName: v.optional(shortText()),
  publishedTime: v.optional(shortText(64)),
  url: httpUrl,
});

/** A sync stamp (utils/domain/hlc.ts): 15-digit ms, 5-digit counter, the device id. */
export const hlcStamp = v.pipe(v.string(), v.maxLength(100), v.regex(/^\d{15}:\d{5}:[\w-]{1,64}$/, 'not a sync stamp'));

/**
 * A version of a note a sync merge or a restore replaced (`Note.history`): what the user wrote
 * and chose, with a note's own limits, so a version restored is a note that could be stored.
 */
export const NoteVersionSchema = v.object({
  note: shortText(MAX_TEXT),
  tags: tagList,
  color: v.picklist(COLORS),
  kind: v.picklist(NOTE_KINDS),
  updatedAt: offset,
  hlc: v.optional(hlcStamp),
  replacedAt: offset,
  reason: v.picklist(['sync', 'restore']),
});

/** A note's history: newest first, at most {@link HISTORY_LIMIT} versions (a note stays small). */
export const historyList = v.pipe(v.array(NoteVersionSchema), v.maxLength(HISTORY_LIMIT));

/**
 * A quote's last check against its source (`Note.check`, issue #17): when, what was found, and
 * for a reworded passage the words the page has now (a passage's length at most).
 */
export const QuoteCheckSchema = v.pipe(
  v.object({
    at: offset,
    outcome: v.picklist(['same', 'reworded', 'gone']),
    found: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_TEXT))),
  }),
  v.check((c) => c.outcome === 'reworded' || c.found === undefined, 'only a reworded passage keeps what was found'),
);

/** The fields of a whole note; {@link NoteSchema} adds the rule tying its kind to its passage. */
export const NOTE_ENTRIES = {
  id: noteId,
  url: httpUrl,
  kind: v.picklist(NOTE_KINDS),
  color: v.picklist(COLORS),
  exact: shortText(MAX_TEXT),
  selectors: v.pipe(v.array(SelectorSchema), v.maxLength(8)),
  note: shortText(MAX_TEXT),
  tags: tagList,
  attribution: v.optional(AttributionSchema),
  speaker: v.optional(speakerName),
  speakerProposed: v.optional(v.literal(true)),
  orphanedAt: v.optional(offset),
  createdAt: offset,
  updatedAt: offset,
  history: v.optional(historyList),
  check: v.optional(QuoteCheckSchema),
};

/**
 * A highlight or quote has its passage (`exact` and one to eight selectors); a page note has
 * none, says something (`note`), and is never an orphan.
 */
type PassageFields = { kind: string; exact: string; selectors: readonly unknown[]; note: string; orphanedAt?: number | undefined };

/** What is wrong with a note's passage for its kind, or undefined when nothing is. */
export function passageProblem(n: PassageFields): string | undefined {
  if (n.kind !== 'page') {
    if (!n.exact) return 'exact: must not be empty (a highlight or quote keeps its passage)';
    if (!n.selectors.length) return 'selectors: a highlight or quote needs at least one';
    return undefined;
  }
  if (n.exact || n.selectors.length) return 'a page note is on the whole page: no passage (exact, selectors)';
  if (!/\S/.test(n.note)) return 'note: a page note needs some text';
  if (n.orphanedAt !== undefined) return 'orphanedAt: a page note is never an orphan';
  return undefined;
}
export const hasValidPassage = (n: PassageFields): boolean => passageProblem(n) === undefined;
export const PASSAGE_RULE = (issue: { input: PassageFields }) => passageProblem(issue.input) ?? 'invalid passage';

/** A whole note as stored (undo sends one back; a backup holds them). */
export const NoteSchema = v.pipe(
  v.object(NOTE_ENTRIES),
  v.check((n) => hasValidPassage(n), PASSAGE_RULE),
);

/** An item's id on a board: what Verbatim makes (`crypto.randomUUID`), as record ids are. */
const itemId = v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/, 'expected 1 to 64 letters, digits, "_" or "-"'));

/** One item of a project's board: a note (by id), a heading (one line) or connecting text. */
export const ProjectItemSchema = v.variant('kind', [
  v.object({ kind: v.literal('note'), id: itemId, noteId }),
  v.object({ kind: v.literal('heading'), id: itemId, text: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_HEADING)) }),
  v.object({ kind: v.literal('text'), id: itemId, text: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_PROJECT_TEXT)) }),
]);

/**
 * The fields of a whole project (utils/domain/project.ts); {@link projectProblem} adds the rules
 * tying them together. An import and a sync override the id and timestamps with their own.
 */
export const PROJECT_ENTRIES = {
  id: noteId,
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_PROJECT_NAME), v.check((s) => s === s.trim() && !/[\r\n]/.test(s), 'a project name is trimmed, on one line')),
  items: v.pipe(v.array(ProjectItemSchema), v.maxLength(MAX_PROJECT_ITEMS)),
  noteIds: v.pipe(v.array(noteId), v.maxLength(MAX_PROJECT_ITEMS)),
  removed: v.optional(v.pipe(v.array(itemId), v.maxLength(MAX_REMOVED))),
  createdAt: offset,
  updatedAt: offset,
};

/** What is wrong with a project's items, or undefined: item ids unique, a note once, `noteIds` the note items in order. */
export function projectProblem(p: { items: ReadonlyArray<{ id: string; kind: string; noteId?: string }>; noteIds: readonly string[] }): string | undefined {
  const ids = new Set(p.items.map((i) => i.id));
  if (ids.size !== p.items.length) return 'items: an item id appears twice';
  const notes = p.items.flatMap((i) => (i.kind === 'note' && i.noteId !== undefined ? [i.noteId] : []));
  if (new Set(notes).size !== notes.length) return 'items: a note appears twice on the board';
  if (notes.length !== p.noteIds.length || notes.some((id, i) => id !== p.noteIds[i])) return 'noteIds: not the note items in order';
  return undefined;
}
export const PROJECT_RULE = (issue: { input: Parameters<typeof projectProblem>[0] }) => projectProblem(issue.input) ?? 'invalid project';

/** A whole project as stored. */
export const ProjectSchema = v.pipe(
  v.object(PROJECT_ENTRIES),
  v.check((p) => projectProblem(p) === undefined, PROJECT_RULE),
);

/** Most fields a review's scheduler state keeps (FSRS has 8). */
const MAX_CARD_FIELDS = 32;

/** The fields of a note's review state (utils/domain/review-state.ts); imports and sync override the timestamps. */
export const REVIEW_ENTRIES = {
  noteId,
  due: offset,
  card: v.pipe(
    v.record(v.pipe(v.string(), v.regex(/^\w{1,40}$/, 'a scheduler field name')), v.pipe(v.number(), v.finite())),
    v.check((c) => Object.keys(c).length <= MAX_CARD_FIELDS, `at most ${MAX_CARD_FIELDS} scheduler fields`),
  ),
  lastReview: v.optional(offset),
  updatedAt: offset,
};
export const ReviewStateSchema = v.object(REVIEW_ENTRIES);
