import * as v from 'valibot';
import { PASSAGE_KINDS } from '../domain/model';
import { sameOrigin } from '../extract/url';
import { MAX_PROJECT_NAME } from '../domain/project-items';
import type { Article, ArticleDraft, Color, Note, NoteDraft, NoteKind, NotePatch, PageMeta, Selector, Settings, TagCount } from '../domain/model';
import type { SyncStatus } from '../sync/types';

/** The note's text and tags as the window that made an edit showed them (`updateNote`). */
export type NoteSeen = { note?: string; tags?: string[] };
import {
  ArticleDraftSchema,
  MAX_TEXT,
  NotePatchSchema,
  NoteDraftSchema,
  NoteSchema,
  PageMetaSchema,
  SelectorListSchema,
  httpUrl,
  imageUrl,
  noteId,
  offset,
  shortText,
  tagList,
} from '../domain/record-schemas';
import { IMAGE_TYPES, MAX_IMAGE_BYTES, MAX_IMAGES, SKIP_REASONS, base64Bytes, type FetchedImages } from '../extract/images';

/**
 * Every protocol between Verbatim's contexts, one call map per direction, each with the schemas
 * its receiver checks every request against on arrival (page content is hostile, and so is
 * anything a page can influence). Every reply is a Result, never a throw across contexts.
 * utils/messaging/rpc.ts sends and serves them; entrypoints/background/router.ts answers the
 * four that go to the background.
 *
 *   loader (every page)          → background   LoaderProtocol
 *   page script (a tab's page)   → background   PageProtocol
 *   note editor (frame in a tab) → background   EditorProtocol
 *   extension page               → background   ExtensionPageProtocol
 *   extension page, background   → a tab        ContentProtocol
 */

/** What a citation is made from (utils/citation/make.ts `makeCitation`, given the style and format). */
export interface CitationInput {
  note: Note;
  article?: Article;
  settings: Pick<Settings, 'citationStyle' | 'userStyles' | 'userLocales'>;
}

/** The loader → background. It builds its envelope by hand (entrypoints/loader/api.ts), to stay small. */
export interface LoaderProtocol {
  /** Firefox: whether the page has notes (then the page script is worth loading). */
  hasNotes(req: { url: string }): boolean;
  /** Inject the page script into the sender's tab (top frame), now. */
  loadPage(req: Record<string, never>): true;
}

/** The page script → background. The background also checks that the sender's tab is on `url`. */
export interface PageProtocol {
  /**
   * The notes the sender tab's page shows, in reading order: its own and those of other addresses
   * of its article (utils/db/aliases.ts). `also`: the addresses the page declares for itself
   * (canonical, og:url, amphtml), of its own origin only, three at most.
   */
  pageNotes(req: { url: string; also?: string[] }): Note[];
  /** Saves a highlight or quote made on the sender tab's page; returns it as stored. */
  saveNote(req: { page: PageMeta; draft: NoteDraft }): Note;
  /** Which of the page's notes were found on it and which were not (orphans). */
  reportAnchoring(req: { url: string; found: string[]; orphaned: string[] }): true;
  /**
   * Changes one of the page's notes (colour, kind, note, tags); returns it as stored. `seen`: the
   * text and tags the edit was based on (a text changed meanwhile elsewhere is refused, tags are
   * merged: `updateNote` in utils/db/repo.ts); optional, so an older page script still saves.
   */
  updateNote(req: { url: string; id: string; patch: NotePatch; seen?: NoteSeen }): Note;
  /** Deletes one of the page's notes; returns it as it was, for undo. */
  deleteNote(req: { url: string; id: string }): Note | null;
  /** Puts back a note of the page deleted a moment ago (undo). */
  restoreNote(req: { url: string; note: Note }): true;
  /**
   * Re-attaches one of the page's notes whose passage was not found (an orphan) to the passage the
   * user selected and chose "Attach here" for; returns it as stored.
   */
  reattachNote(req: { url: string; id: string; exact: string; selectors: Selector[] }): Note;
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
  /**
   * What citing a note of this page needs (the note, its article, the user's citation settings),
   * with the citation engine injected into the sender's isolated world (`/cite.js`, issue #16):
   * citeproc-js and the styles load in a tab only when a citation is copied there, and never in
   * the background, which starts often. The card then makes the citation itself.
   */
  citeNote(req: { url: string; id: string }): CitationInput;
  /** The citation styles the card offers (ids and names' message keys, or a user style's title) and the default. */
  citationStyles(req: Record<string, never>): { styles: Array<{ id: string; labelKey?: string; title?: string }>; default: string };
}

/**
 * What the note editor frame tells the card around it: its height, or that the user closed it
 * (Escape, Ctrl+Enter). It travels frame → background → the tab's content script, never through
 * the page's window: a `postMessage` to the parent would be heard by the page's own listeners too.
 */
export type EditorMessage = { type: 'size'; height: number } | { type: 'close' };

/** The tallest the editor frame may ask to be, in px (a long note scrolls inside its field). */
export const MAX_EDITOR_HEIGHT = 480;

/**
 * The in-page card's note editor (an extension page framed in the card, utils/page/note-editor.ts) →
 * background. The background checks that the frame is that page and that the note belongs to
 * its tab's page.
 */
export interface EditorProtocol {
  /** The note to edit, the user's tags (most used first) and the speakers quotes have, for autocomplete. */
  editorOpen(req: { id: string }): { note: Note; tags: TagCount[]; speakers: string[] };
  /**
   * Saves the note's text, tags or a quote's speaker (`""` clears it) (`seen`: what the edit was
   * based on, as in `updateNote`); returns the note as stored.
   */
  editorSave(req: { id: string; patch: { note?: string; tags?: string[]; speaker?: string }; seen?: NoteSeen }): Note;
  /**
   * Tells the card around the frame its height, or to close: relayed by the background to the
   * tab's content script, so nothing passes through the page's window.
   */
  editorSignal(req: { id: string; message: EditorMessage }): true;
  /** The user's projects (most recently changed first) and the ids of those holding the note: the card's "Add to project" (issue #17). */
  editorProjects(req: { id: string }): EditorProjects;
  /** Adds the note to a project (`projectId`) or to a new one named `name`; answers as `editorProjects` after it. */
  editorAddToProject(req: { id: string; projectId?: string; name?: string }): EditorProjects;
}

/** The projects as the card's editor offers them: names to pick from, and which already hold its note. */
export interface EditorProjects {
  projects: Array<{ id: string; name: string }>;
  holding: string[];
}

/**
 * Verbatim's extension pages (popup, side panel, options, reader) → background: sync (issue #15).
 * The background checks the sender is one of its own pages, never a content script.
 */
export interface ExtensionPageProtocol {
  /**
   * A page wrote to the library: sync in 2 s (debounced; nothing when sync is off or nothing waits).
   * It also wakes a sleeping service worker, which cannot hear the page's IndexedDB writes.
   */
  syncSoon(req: Record<string, never>): true;
  /** The user asked to sync now (Sync now, turning sync on): answers once done, with the status. */
  syncNow(req: Record<string, never>): SyncStatus;
}

/** Every call the background answers. */
export type BackgroundProtocol = LoaderProtocol & PageProtocol & EditorProtocol & ExtensionPageProtocol;

/** An extension page (popup, side panel) or the background → the content script of a tab. */
export interface ContentProtocol {
  /** Extracts the page's article with Readability, or null when the page has none. */
  extractArticle(req: Record<string, never>): ArticleDraft | null;
  /**
   * Fetches the clipped article's images as the page would (same-origin, or CORS-allowed), at most
   * `maxBytes` in all, for the copy to show them offline (utils/extract/images.ts says why here).
   */
  fetchImages(req: { urls: string[]; maxBytes: number }): FetchedImages;
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
  /**
   * The page's URL and the other addresses it declares for itself (canonical, og:url, amphtml), for
   * the popup to find the article's notes saved there: shown to the user, never to the page.
   */
  declaredAddresses(req: Record<string, never>): { url: string; addresses: string[] };
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

// ---- Request and reply schemas, one per call -----------------------------------------------

/** Longest page text sent to be matched in the background (a larger page is matched in place). */
export const MAX_PAGE_TEXT = 16_000_000;
/** Most addresses a page may declare for itself in one `pageNotes` call (canonical, og:url, amphtml). */
export const MAX_DECLARED = 3;
/** Most selector lists one `locateText` call may carry (a page's notes). */
export const MAX_LOCATE_LISTS = 10_000;

const empty = v.strictObject({});

/** What a receiver accepts for each call of protocol `P`. */
type Schemas<P> = { [K in keyof P]: v.GenericSchema<unknown, Request<P, K>> };

export const loaderRequests = {
  hasNotes: v.object({ url: httpUrl }),
  loadPage: empty,
} satisfies Schemas<LoaderProtocol>;

/** What an edit was based on (`NoteSeen`). */
const NoteSeenSchema = v.strictObject({ note: v.optional(shortText(MAX_TEXT)), tags: v.optional(tagList) });

export const pageRequests = {
  // A page names other addresses of its own origin only: it could open those and read them
  // anyway. Notes of another origin's address reach a page only through an article that lists
  // it (its own page declared it, or the user linked them).
  pageNotes: v.pipe(
    v.object({ url: httpUrl, also: v.optional(v.pipe(v.array(httpUrl), v.maxLength(MAX_DECLARED))) }),
    v.check(({ url, also }) => (also ?? []).every((a) => sameOrigin(a, url)), 'an address of another origin'),
  ),
  saveNote: v.object({ page: PageMetaSchema, draft: NoteDraftSchema }),
  reportAnchoring: v.object({
    url: httpUrl,
    found: v.pipe(v.array(v.pipe(v.string(), v.maxLength(64))), v.maxLength(100_000)),
    orphaned: v.pipe(v.array(v.pipe(v.string(), v.maxLength(64))), v.maxLength(100_000)),
  }),
  updateNote: v.object({ url: httpUrl, id: noteId, patch: NotePatchSchema, seen: v.optional(NoteSeenSchema) }),
  deleteNote: v.object({ url: httpUrl, id: noteId }),
  // A page only ever had notes on passages: it cannot bring back (or make) a page note.
  restoreNote: v.object({ url: httpUrl, note: v.pipe(NoteSchema, v.check((n) => n.kind !== 'page', 'a page restores notes on passages only')) }),
  reattachNote: v.object({
    url: httpUrl,
    id: noteId,
    exact: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_TEXT)),
    selectors: SelectorListSchema,
  }),
  colorNames: empty,
  citeNote: v.object({ url: httpUrl, id: noteId }),
  citationStyles: empty,
  // The page controls the text; the selectors are the user's notes of that page (10,000 is far
  // past any real page; a longer list is matched in the page instead). The matching itself has a
  // time budget (utils/anchoring/budget.ts), so no request can pin the service worker.
  locateText: v.pipe(
    v.object({
      text: v.pipe(v.string(), v.maxLength(MAX_PAGE_TEXT)),
      starts: v.pipe(v.array(offset), v.maxLength(MAX_PAGE_TEXT)),
      breaks: v.pipe(v.array(offset), v.maxLength(MAX_PAGE_TEXT)),
      selectors: v.pipe(v.array(SelectorListSchema), v.maxLength(MAX_LOCATE_LISTS)),
    }),
    v.check(
      ({ text, starts, breaks }) => starts.length <= text.length + 1 && breaks.length <= text.length + 1,
      'more text nodes or breaks than characters',
    ),
  ),
} satisfies Schemas<PageProtocol>;

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
    patch: v.strictObject({ note: v.optional(shortText(MAX_TEXT)), tags: v.optional(tagList), speaker: NotePatchSchema.entries.speaker }),
    seen: v.optional(NoteSeenSchema),
  }),
  editorSignal: v.object({ id: noteId, message: EditorMessageSchema }),
  editorProjects: v.object({ id: noteId }),
  // One of the two: a project to add to, or the name of a new one (cleaned and checked by the repository).
  editorAddToProject: v.pipe(
    v.object({ id: noteId, projectId: v.optional(noteId), name: v.optional(shortText(MAX_PROJECT_NAME * 2)) }),
    v.check((r) => (r.projectId === undefined) !== (r.name === undefined), 'a project or a new name, not both'),
  ),
} satisfies Schemas<EditorProtocol>;

export const extensionPageRequests = {
  syncSoon: empty,
  syncNow: empty,
} satisfies Schemas<ExtensionPageProtocol>;

export const contentRequests = {
  extractArticle: empty,
  fetchImages: v.object({
    urls: v.pipe(v.array(imageUrl), v.maxLength(MAX_IMAGES)),
    maxBytes: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_IMAGE_BYTES)),
  }),
  refresh: empty,
  captureSelection: v.object({ kind: v.picklist(PASSAGE_KINDS) }),
  notify: v.object({ text: shortText(500) }),
  revealNote: v.object({ id: noteId }),
  editorSaid: v.object({ id: noteId, message: EditorMessageSchema }),
  declaredAddresses: empty,
} satisfies Schemas<ContentProtocol>;

/**
 * The clipper's images: within the cap in all (base64 decodes to three bytes per four characters),
 * of image types only. The page may still lie about what an image shows; the reader shows it only
 * as an `<img>`, where no image type runs script.
 */
const FetchedImagesSchema = v.object({
  images: v.pipe(
    v.array(
      v.object({
        url: imageUrl,
        type: v.picklist(IMAGE_TYPES),
        data: v.pipe(v.string(), v.maxLength(Math.ceil(MAX_IMAGE_BYTES / 3) * 4 + 4), v.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64')),
      }),
    ),
    v.maxLength(MAX_IMAGES),
    v.check((images) => images.reduce((n, i) => n + base64Bytes(i.data), 0) <= MAX_IMAGE_BYTES, 'images over the cap'),
  ),
  skipped: v.pipe(v.array(v.object({ url: imageUrl, reason: v.picklist(SKIP_REASONS) })), v.maxLength(MAX_IMAGES)),
});

/** Checks a reply from the content script before an extension page trusts it. */
export const contentReplies = {
  extractArticle: v.nullable(ArticleDraftSchema),
  fetchImages: FetchedImagesSchema,
  refresh: v.literal(true),
  captureSelection: v.boolean(),
  notify: v.literal(true),
  revealNote: v.boolean(),
  editorSaid: v.literal(true),
  declaredAddresses: v.object({ url: httpUrl, addresses: v.pipe(v.array(httpUrl), v.maxLength(MAX_DECLARED)) }),
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
