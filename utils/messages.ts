import * as v from 'valibot';
import { COLORS, NOTE_KINDS } from './model';
import type { ArticleDraft, Color, Note, NoteDraft, NoteKind, NotePatch, PageMeta, Selector, TagCount } from './model';
import { MAX_EDITOR_HEIGHT, type EditorMessage } from './note-editor';
import { MAX_TAG_LENGTH } from './tags';

/**
 * The one protocol between Verbatim's contexts. Every request is checked against its schema on
 * arrival (page content is hostile, and so is anything a page can influence), and every reply
 * is a Result, never a throw across contexts.
 */

/** content script → background. The background also checks that the sender's tab is on `url`. */
export interface BackgroundProtocol {
  /** The loader: whether the page has notes (then the page script is worth loading). */
  hasNotes(req: { url: string }): boolean;
  /** The loader: inject the page script into the sender's tab (top frame), now. */
  loadPage(req: Record<string, never>): true;
  /** The notes saved for the sender tab's page, in reading order. */
  pageNotes(req: { url: string }): Note[];
  /** Saves a highlight or quote made on the sender tab's page; returns it as stored. */
  saveNote(req: { page: PageMeta; draft: NoteDraft }): Note;
  /** Which of the page's notes were found on it and which were not (orphans). */
  reportAnchoring(req: { url: string; found: string[]; orphaned: string[] }): true;
  /** Changes one of the page's notes (colour, kind, note, tags); returns it as stored. */
  updateNote(req: { url: string; id: string; patch: NotePatch }): Note;
  /** Deletes one of the page's notes; returns it as it was, for undo. */
  deleteNote(req: { url: string; id: string }): Note | null;
  /** Puts back a note of the page deleted a moment ago (undo). */
  restoreNote(req: { url: string; note: Note }): true;
  /**
   * The user's names for the five colours: all a page needs of the settings (a backup date, the
   * reminder's state or anything an import brought has no business in a web page's process).
   */
  colorNames(req: Record<string, never>): Partial<Record<Color, string>>;
  /**
   * Where each selector list points in the page's text (see `locateAll`): the matching runs in
   * the background so a long page with many highlights never stalls its own main thread.
   */
  locateText(req: { text: string; starts: number[]; breaks: number[]; selectors: Selector[][] }): Array<{ start: number; end: number } | null>;
}

/** extension page (popup, side panel) → content script of a tab. */
/**
 * The in-page card's note editor (an extension page framed in the card) → background. The
 * background checks that the frame is that page and that the note belongs to its tab's page.
 */
export interface EditorProtocol {
  /** The note to edit, and the user's tags (most used first) for autocomplete. */
  editorOpen(req: { id: string }): { note: Note; tags: TagCount[] };
  /** Saves the note's text or tags; returns the note as stored. */
  editorSave(req: { id: string; patch: { note?: string; tags?: string[] } }): Note;
  /**
   * Tells the card around the frame its height, or to close: relayed by the background to the
   * tab's content script, so nothing passes through the page's window.
   */
  editorSignal(req: { id: string; message: EditorMessage }): true;
}

export interface ContentProtocol {
  /** Extracts the page's article with Readability, or null when the page has none. */
  extractArticle(req: Record<string, never>): ArticleDraft | null;
  /** The page's notes changed elsewhere (tags, deletion): fetch and redraw them. */
  refresh(req: Record<string, never>): true;
  /** Saves the page's current selection (context menu, keyboard command); false if none. */
  captureSelection(req: { kind: NoteKind }): boolean;
  /** Shows a short message in the page (e.g. "Article clipped"). */
  notify(req: { text: string }): true;
  /** Scrolls to a note's passage and flashes it; false when it is not on the page (orphan). */
  revealNote(req: { id: string }): boolean;
  /** What the open card's editor frame said (see EditorProtocol.editorSignal); background only. */
  editorSaid(req: { id: string; message: EditorMessage }): true;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export type Request<P, K extends keyof P> = P[K] extends (req: infer R) => unknown ? R : never;
export type Reply<P, K extends keyof P> = P[K] extends (req: never) => infer T ? T : never;

/** A message on the wire. `verbatim` tells our messages from anyone else's. */
export interface Envelope<K extends string = string> {
  verbatim: 1;
  type: K;
  payload: unknown;
}

export const envelope = <K extends string>(type: K, payload: unknown): Envelope<K> => ({ verbatim: 1, type, payload });

// ---- Schemas -------------------------------------------------------------------------------

const MAX_TEXT = 200_000;
/** Longest page text sent to be matched in the background (a larger page is matched in place). */
export const MAX_PAGE_TEXT = 16_000_000;
/** Most selector lists one `locateText` call may carry (a page's notes). */
export const MAX_LOCATE_LISTS = 10_000;
const MAX_HTML = 10_000_000;

const shortText = (max = 2_000) => v.pipe(v.string(), v.maxLength(max));
/**
 * A page URL is the key of its notes and cannot be cut, so the limit is the browser's own: Chrome
 * navigates to URLs of up to 2 MiB (`MAX_URL_LENGTH` in utils/extract/url.ts, which says why).
 */
const httpUrl = v.pipe(v.string(), v.maxLength(2 * 1024 * 1024), v.url(), v.regex(/^https?:/i, 'not an http(s) URL'));
const offset = v.pipe(v.number(), v.integer(), v.minValue(0));

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

export const PageMetaSchema = v.object({
  url: httpUrl,
  canonicalUrl: v.optional(httpUrl),
  title: shortText(),
  byline: v.optional(shortText()),
  siteName: v.optional(shortText()),
  publishedTime: v.optional(shortText(64)),
  lang: v.optional(shortText(35)),
});

export const NoteDraftSchema = v.object({
  kind: v.picklist(NOTE_KINDS),
  color: v.picklist(COLORS),
  exact: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_TEXT)),
  selectors: v.pipe(v.array(SelectorSchema), v.minLength(1), v.maxLength(8)),
  note: v.optional(shortText(MAX_TEXT)),
  tags: v.optional(v.pipe(v.array(shortText(MAX_TAG_LENGTH)), v.maxLength(100))),
});

export const ArticleDraftSchema = v.object({
  ...PageMetaSchema.entries,
  excerpt: v.optional(shortText(10_000)),
  html: v.pipe(v.string(), v.maxLength(MAX_HTML)),
  text: v.pipe(v.string(), v.maxLength(MAX_HTML)),
  wordCount: offset,
  readingMinutes: offset,
});

const empty = v.strictObject({});
const noteId = v.pipe(v.string(), v.minLength(1), v.maxLength(64));

export const NotePatchSchema = v.strictObject({
  color: v.optional(v.picklist(COLORS)),
  kind: v.optional(v.picklist(NOTE_KINDS)),
  note: v.optional(shortText(MAX_TEXT)),
  tags: v.optional(v.pipe(v.array(shortText(MAX_TAG_LENGTH)), v.maxLength(100))),
});

const AttributionSchema = v.object({
  title: shortText(),
  author: v.optional(shortText()),
  siteName: v.optional(shortText()),
  publishedTime: v.optional(shortText(64)),
  url: httpUrl,
});

/** A whole note as stored (undo sends one back). */
export const NoteSchema = v.object({
  id: noteId,
  url: httpUrl,
  kind: v.picklist(NOTE_KINDS),
  color: v.picklist(COLORS),
  exact: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_TEXT)),
  selectors: v.pipe(v.array(SelectorSchema), v.minLength(1), v.maxLength(8)),
  note: shortText(MAX_TEXT),
  tags: v.pipe(v.array(shortText(MAX_TAG_LENGTH)), v.maxLength(100)),
  attribution: v.optional(AttributionSchema),
  orphanedAt: v.optional(offset),
  createdAt: offset,
  updatedAt: offset,
});

/** Request schemas, one per call: what a receiver accepts. */
export const backgroundRequests = {
  hasNotes: v.object({ url: httpUrl }),
  loadPage: empty,
  pageNotes: v.object({ url: httpUrl }),
  saveNote: v.object({ page: PageMetaSchema, draft: NoteDraftSchema }),
  reportAnchoring: v.object({
    url: httpUrl,
    found: v.pipe(v.array(v.pipe(v.string(), v.maxLength(64))), v.maxLength(100_000)),
    orphaned: v.pipe(v.array(v.pipe(v.string(), v.maxLength(64))), v.maxLength(100_000)),
  }),
  updateNote: v.object({ url: httpUrl, id: noteId, patch: NotePatchSchema }),
  deleteNote: v.object({ url: httpUrl, id: noteId }),
  restoreNote: v.object({ url: httpUrl, note: NoteSchema }),
  colorNames: empty,
  // The page controls the text; the selectors are the user's notes of that page (10,000 is far
  // past any real page; a longer list is matched in the page instead). The matching itself has a
  // time budget (utils/anchoring/budget.ts), so no request can pin the service worker.
  locateText: v.pipe(
    v.object({
      text: v.pipe(v.string(), v.maxLength(MAX_PAGE_TEXT)),
      starts: v.pipe(v.array(offset), v.maxLength(MAX_PAGE_TEXT)),
      breaks: v.pipe(v.array(offset), v.maxLength(MAX_PAGE_TEXT)),
      selectors: v.pipe(v.array(v.pipe(v.array(SelectorSchema), v.minLength(1), v.maxLength(8))), v.maxLength(MAX_LOCATE_LISTS)),
    }),
    v.check(
      ({ text, starts, breaks }) => starts.length <= text.length + 1 && breaks.length <= text.length + 1,
      'more text nodes or breaks than characters',
    ),
  ),
} satisfies { [K in keyof BackgroundProtocol]: v.GenericSchema<unknown, Request<BackgroundProtocol, K>> };

/** The editor frame's signal: a height, clamped to what the card allows, or "close". */
const EditorMessageSchema = v.variant('type', [
  v.object({
    type: v.literal('size'),
    height: v.pipe(v.number(), v.finite(), v.transform((h) => Math.min(Math.max(0, Math.round(h)), MAX_EDITOR_HEIGHT))),
  }),
  v.object({ type: v.literal('close') }),
]);

export const editorRequests = {
  editorOpen: v.object({ id: noteId }),
  editorSave: v.object({
    id: noteId,
    patch: v.strictObject({
      note: v.optional(shortText(MAX_TEXT)),
      tags: v.optional(v.pipe(v.array(shortText(MAX_TAG_LENGTH)), v.maxLength(100))),
    }),
  }),
  editorSignal: v.object({ id: noteId, message: EditorMessageSchema }),
} satisfies { [K in keyof EditorProtocol]: v.GenericSchema<unknown, Request<EditorProtocol, K>> };

/** Whether a message is one of the note editor's calls (the background answers it apart). */
export const isEditorCall = (message: unknown): boolean =>
  typeof message === 'object' && message !== null && Object.hasOwn(editorRequests, String((message as Envelope).type));

export const contentRequests = {
  extractArticle: empty,
  refresh: empty,
  captureSelection: v.object({ kind: v.picklist(NOTE_KINDS) }),
  notify: v.object({ text: shortText(500) }),
  revealNote: v.object({ id: noteId }),
  editorSaid: v.object({ id: noteId, message: EditorMessageSchema }),
} satisfies { [K in keyof ContentProtocol]: v.GenericSchema<unknown, Request<ContentProtocol, K>> };

/** Checks a reply from the content script before an extension page trusts it. */
export const contentReplies = {
  extractArticle: v.nullable(ArticleDraftSchema),
  refresh: v.literal(true),
  captureSelection: v.boolean(),
  notify: v.literal(true),
  revealNote: v.boolean(),
  editorSaid: v.literal(true),
} satisfies { [K in keyof ContentProtocol]: v.GenericSchema<unknown, Reply<ContentProtocol, K>> };

/** Names the first problem in a payload, for error messages and logs. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const first = issues[0];
  if (!first) return 'invalid';
  const path = first.path?.map((p) => String(p.key)).join('.') ?? '';
  return path ? `${path}: ${first.message}` : first.message;
}

/**
 * Parses an incoming message against a protocol's request schemas.
 * Returns null for messages that are not Verbatim's (so other listeners may answer them),
 * or an error Result for Verbatim messages that fail validation.
 */
export function parseRequest<S extends Record<string, v.GenericSchema>>(
  schemas: S,
  message: unknown,
): null | { ok: false; error: string } | { ok: true; type: keyof S & string; payload: unknown } {
  if (typeof message !== 'object' || message === null || (message as Envelope).verbatim !== 1) return null;
  const { type, payload } = message as Envelope;
  if (typeof type !== 'string' || !Object.hasOwn(schemas, type)) {
    return { ok: false, error: `unknown message type: ${String(type)}` };
  }
  const parsed = v.safeParse(schemas[type]!, payload);
  if (!parsed.success) return { ok: false, error: `${type}: ${describeIssues(parsed.issues)}` };
  return { ok: true, type, payload: parsed.output };
}
