/**
 * Local records ↔ the documents on the CouchDB server (issue #15), pure. What leaves the device
 * is the record as stored minus what only means something here; what comes in is checked by
 * the schemas imports use (utils/domain/record-schemas.ts, utils/export/backup.ts) before the
 * engine writes anything. Document shapes and why: docs/sync.md.
 */
import * as v from 'valibot';
import type { Article, ArticleBody, LeftOutImage, Note, SettingRow } from '../domain/model';
import type { Project } from '../domain/project';
import type { ReviewState } from '../domain/review-state';
import {
  hasValidPassage,
  hlcStamp,
  imageUrl,
  httpUrl,
  NOTE_ENTRIES,
  PASSAGE_RULE,
  PageMetaSchema,
  PROJECT_ENTRIES,
  PROJECT_RULE,
  projectProblem,
  REVIEW_ENTRIES,
  shortText,
  tagList,
} from '../domain/record-schemas';
import { RECORD_ID, SettingRowSchema } from '../export/backup';
import { describeIssue, issuePath } from '../export/format-error';
import { IMAGE_TYPES, MAX_IMAGE_BYTES, MAX_IMAGES } from '../extract/images';
import { normalizeTags } from '../domain/tags';
import { sameJson } from '../domain/same-json';
import { SYNCED_SETTINGS, type Hlc, type SyncRow } from './types';

export const DOC_VERSION = 1;

export type DocKind = 'note' | 'article' | 'body' | 'setting' | 'project' | 'review';
export type SyncTable = 'notes' | 'articles' | 'bodies' | 'settings' | 'projects' | 'reviews';

export const KIND_OF_TABLE: Record<SyncTable, DocKind> = { notes: 'note', articles: 'article', bodies: 'body', settings: 'setting', projects: 'project', reviews: 'review' };
export const TABLE_OF_KIND: Record<DocKind, SyncTable> = { note: 'notes', article: 'articles', body: 'bodies', setting: 'settings', project: 'projects', review: 'reviews' };

/** A body as it travels: the article's fields it holds and its article's URL (ids differ between devices). */
export type BodyData = Omit<ArticleBody, 'id' | 'images'> & { url: string };
/** A body as the engine reads it: the stored record and its article's URL. */
export type BodyRecord = ArticleBody & { url: string };

export type SyncRecord = Note | Article | BodyRecord | SettingRow | Project | ReviewState;

/** A document as stored on the server, in clear (a sealer encrypts it whole but for `_id`, `_rev`). */
export type SyncDoc = {
  _id: string;
  _rev?: string;
  type: DocKind;
  hlc: Hlc;
  v: typeof DOC_VERSION;
  /** A tombstone: our own live document, so it keeps its stamp and can be sealed (not CouchDB's `_deleted`). */
  deleted?: true;
  data?: object;
};

/**
 * Largest document accepted, as JSON text: a note holds at most two texts of `MAX_TEXT` (200,000)
 * characters, far below. Bodies (a clipped page's html and text) get CouchDB's own default
 * `max_document_size` (8 MB): a long clipped page passes 1 MB, and the server would refuse more.
 */
export const MAX_DOC_BYTES = 1_000_000;
export const MAX_BODY_DOC_BYTES = 8_000_000;
export const maxBytesOf = (kind: DocKind | undefined) => (kind === 'body' ? MAX_BODY_DOC_BYTES : MAX_DOC_BYTES);

/** The server's id of a note, setting, project or review (by its note's id); articles and bodies take theirs from the sealer (a hash of the URL). */
export const noteDocId = (id: string) => `note:${id}`;
export const settingDocId = (key: string) => `setting:${key}`;
/** The document id of a record keyed by its own id (every kind but articles and bodies). */
export const ownDocId = (kind: Exclude<DocKind, 'article' | 'body'>, id: string) => `${kind}:${id}`;

/**
 * The document for a local record, or a tombstone (`record` undefined; an article's or body's
 * names its page, `pageUrl`). `docId` is the server id
 * (the engine asks the sealer for an article's or a body's). Local-only fields stay here: a
 * note's `orphanedAt` (whether its passage was found on this device's last visit), a body's
 * saved `images` (Blobs: the engine adds their list to a body's document and sends each as its own, utils/sync/images.ts).
 */
export function toDoc(kind: DocKind, docId: string, row: Pick<SyncRow, 'hlc' | 'rev'>, record?: SyncRecord, pageUrl?: string): SyncDoc {
  const doc: SyncDoc = { _id: docId, type: kind, hlc: row.hlc, v: DOC_VERSION };
  if (row.rev) doc._rev = row.rev;
  if (record) doc.data = dataOf(kind, record);
  else {
    doc.deleted = true;
    // An article's or body's id is a hash of its page's URL: the device receiving its tombstone
    // finds the page it had by this URL (sealed with the rest when encrypted).
    if (pageUrl !== undefined) doc.data = { url: pageUrl };
  }
  return doc;
}

function dataOf(kind: DocKind, record: SyncRecord): object {
  switch (kind) {
    case 'note': {
      const { orphanedAt: _local, ...data } = record as Note;
      return data;
    }
    case 'body': {
      const { id: _id, images: _images, ...data } = record as BodyRecord;
      return data;
    }
    default:
      return record;
  }
}

/** A version the server sent, checked: the record in clear (or a tombstone), ready to merge or store. */
export interface Incoming {
  kind: DocKind;
  /** The server's id and revision. */
  docId: string;
  rev: string;
  hlc: Hlc;
  deleted: boolean;
  /** Absent for a tombstone. A body's carries its article's URL and no local id (`id: ''`). */
  record?: SyncRecord;
  /** An article's or body's page, for its tombstone too. */
  url?: string;
  /** A body's images as its document lists them (utils/sync/images.ts fetches those this device lacks); absent from an older Verbatim. */
  images?: ImageRef[];
}

export type FromDoc = Incoming | { refused: string; docId?: string };

/** Bytes of a value as JSON text (UTF-8): the size caps are on what the server stores. */
export function jsonBytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

const DOC_ID = /^(note|article|body|setting|project|review):[\w-]{1,128}$/;

/** Epoch ms a Date can hold. No "not in the future" rule as imports have: the stamp, not `updatedAt`, decides a sync merge. */
const time = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15));
const recordId = v.pipe(v.string(), v.regex(RECORD_ID, 'expected 1 to 64 letters, digits, "_" or "-"'));

/** A note as synced: every field an import checks, its history included (an `orphanedAt`, this device's own, is dropped). */
const NoteDocSchema = v.pipe(
  v.object({
    ...NOTE_ENTRIES,
    id: recordId,
    createdAt: time,
    updatedAt: time,
  }),
  v.check((n) => hasValidPassage(n), PASSAGE_RULE),
);

/** The article record as a backup holds it, without its body (that is its own document). */
const ArticleDocSchema = v.object({
  ...PageMetaSchema.entries,
  id: recordId,
  excerpt: v.optional(shortText(10_000)),
  wordCount: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  readingMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  clippedAt: v.optional(time),
  tags: tagList,
  createdAt: time,
  updatedAt: time,
});

const LeftOutSchema = v.object({ url: imageUrl, reason: v.picklist(['tooLarge', 'unreachable'] satisfies Array<LeftOutImage['reason']>) });
/** An image as a body document lists it; its bytes are their own document (utils/sync/images.ts). */
export const ImageRefSchema = v.object({
  url: imageUrl,
  type: v.picklist(IMAGE_TYPES),
  size: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_IMAGE_BYTES)),
  sha: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'not a SHA-256')),
});
export type ImageRef = v.InferOutput<typeof ImageRefSchema>;

const BodyDocSchema = v.object({
  url: httpUrl,
  images: v.optional(v.pipe(v.array(ImageRefSchema), v.maxLength(MAX_IMAGES))),
  html: v.optional(v.string()),
  text: v.optional(v.string()),
  imagesLeftOut: v.optional(v.pipe(v.array(LeftOutSchema), v.maxLength(MAX_IMAGES))),
});

/** A project as synced (issue #17): a board whose items and `noteIds` agree, as an import checks it. */
const ProjectDocSchema = v.pipe(
  v.object({ ...PROJECT_ENTRIES, id: recordId, createdAt: time, updatedAt: time }),
  v.check((p) => projectProblem(p) === undefined, PROJECT_RULE),
);
/** A note's review schedule as synced; its document id is its note's. */
const ReviewDocSchema = v.object({ ...REVIEW_ENTRIES, noteId: recordId, lastReview: v.optional(time), updatedAt: time });

const SYNCED: ReadonlySet<string> = new Set(SYNCED_SETTINGS);

const HeadSchema = v.object({
  _id: v.pipe(v.string(), v.regex(DOC_ID, 'not a Verbatim document id')),
  _rev: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  type: v.picklist(['note', 'article', 'body', 'setting', 'project', 'review']),
  hlc: hlcStamp,
  v: v.literal(DOC_VERSION),
  deleted: v.optional(v.literal(true)),
  data: v.optional(v.looseObject({})),
});

/**
 * Checks a document from the server (already opened by the sealer) and gives its record, or why
 * it is refused: over the size cap, another version of the format, a field of the wrong type or
 * past an import's limit. Markup in a text field is text, as in an import: notes, titles and tags
 * are never rendered as HTML, and a body's html is sanitised again before the reader shows it.
 * The engine still checks that an article's or body's id is the one its URL gives.
 */
export function fromDoc(doc: unknown): FromDoc {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return { refused: 'not a document' };
  const raw = doc as Record<string, unknown>;
  const docId = typeof raw._id === 'string' ? raw._id.slice(0, 200) : undefined;
  const refuse = (why: string): FromDoc => (docId === undefined ? { refused: why } : { refused: why, docId });
  const kind = typeof raw.type === 'string' && raw.type in TABLE_OF_KIND ? (raw.type as DocKind) : undefined;
  const bytes = jsonBytes(doc);
  if (bytes > maxBytesOf(kind)) return refuse(`too large (${bytes} bytes)`);
  if (typeof raw.v === 'number' && raw.v > DOC_VERSION) return refuse(`written by a newer version of Verbatim (document version ${raw.v})`);
  const head = v.safeParse(HeadSchema, doc, { abortEarly: true });
  if (!head.success) return refuse(problem(head.issues[0]!));
  const { _id, _rev, type, hlc, deleted, data } = head.output;
  const suffix = _id.slice(_id.indexOf(':') + 1);
  if (!_id.startsWith(`${type}:`)) return refuse(`a ${type} under the id ${_id}`);
  if (deleted) {
    if (type !== 'article' && type !== 'body') return { kind: type, docId: _id, rev: _rev, hlc, deleted: true };
    const page = v.safeParse(v.object({ url: httpUrl }), data);
    if (!page.success) return refuse(problem(page.issues[0]!, 'data'));
    return { kind: type, docId: _id, rev: _rev, hlc, deleted: true, url: page.output.url };
  }
  if (!data) return refuse('data: missing');

  let record: SyncRecord;
  let url: string | undefined;
  switch (type) {
    case 'note': {
      const parsed = v.safeParse(NoteDocSchema, data, { abortEarly: true });
      if (!parsed.success) return refuse(problem(parsed.issues[0]!, 'data'));
      if (parsed.output.id !== suffix) return refuse(`data.id: ${parsed.output.id} under the id ${_id}`);
      const { orphanedAt: _none, ...note } = parsed.output;
      // Tags normalised on the way in, as an import does: every stored tag list is.
      record = { ...note, tags: normalizeTags(note.tags) } as Note;
      break;
    }
    case 'article': {
      const parsed = v.safeParse(ArticleDocSchema, data, { abortEarly: true });
      if (!parsed.success) return refuse(problem(parsed.issues[0]!, 'data'));
      record = { ...parsed.output, tags: normalizeTags(parsed.output.tags) } as Article;
      url = record.url;
      break;
    }
    case 'body': {
      const parsed = v.safeParse(BodyDocSchema, data, { abortEarly: true });
      if (!parsed.success) return refuse(problem(parsed.issues[0]!, 'data'));
      const { images: refs, ...body } = parsed.output;
      record = { id: '', ...body } as BodyRecord;
      url = body.url;
      if (refs) return { kind: type, docId: _id, rev: _rev, hlc, deleted: false, record, url, images: refs };
      break;
    }
    case 'setting': {
      const parsed = v.safeParse(SettingRowSchema, data, { abortEarly: true });
      if (!parsed.success) return refuse(problem(parsed.issues[0]!, 'data'));
      if (parsed.output.key !== suffix) return refuse(`data.key: ${parsed.output.key} under the id ${_id}`);
      if (!SYNCED.has(suffix)) return refuse(`setting ${suffix} does not sync`);
      if (jsonBytes(parsed.output.value ?? null) > 10_000) return refuse('setting value too large');
      record = { key: suffix, value: parsed.output.value };
      break;
    }
    case 'project': {
      const parsed = v.safeParse(ProjectDocSchema, data, { abortEarly: true });
      if (!parsed.success) return refuse(problem(parsed.issues[0]!, 'data'));
      if (parsed.output.id !== suffix) return refuse(`data.id: ${parsed.output.id} under the id ${_id}`);
      record = parsed.output as Project;
      break;
    }
    case 'review': {
      const parsed = v.safeParse(ReviewDocSchema, data, { abortEarly: true });
      if (!parsed.success) return refuse(problem(parsed.issues[0]!, 'data'));
      if (parsed.output.noteId !== suffix) return refuse(`data.noteId: ${parsed.output.noteId} under the id ${_id}`);
      record = parsed.output as ReviewState;
      break;
    }
  }
  return { kind: type, docId: _id, rev: _rev, hlc, deleted: false, record, ...(url === undefined ? {} : { url }) };
}

function problem(issue: v.BaseIssue<unknown>, under?: string): string {
  const path = issuePath(issue);
  const at = under ? (path ? `${under}.${path}` : under) : path;
  return at ? `${at}: ${describeIssue(issue)}` : describeIssue(issue);
}

/**
 * A record from the server as this device stores it over `local` (its stored version, if any):
 * the device's own fields kept. A note keeps `orphanedAt` while its passage is the same (it is
 * this device's finding about that passage); a body keeps the images it saved that its new html
 * still shows and the sender did not send.
 */
export function withLocalFields<T extends SyncRecord>(kind: DocKind, incoming: T, local: SyncRecord | undefined): T {
  if (!local) return incoming;
  if (kind === 'note') {
    const n = incoming as unknown as Note;
    const l = local as Note;
    if (l.orphanedAt !== undefined && l.exact === n.exact && sameJson(l.selectors, n.selectors)) return { ...incoming, orphanedAt: l.orphanedAt };
  }
  if (kind === 'body') {
    // The images its document listed (fetched by the engine, utils/sync/images.ts), and those
    // saved here that the sender lacks and its html still shows.
    const body = incoming as unknown as BodyRecord;
    const listed = new Set(body.images?.map((img) => img.url));
    const kept = (local as ArticleBody).images?.filter((img) => !listed.has(img.url) && body.html?.includes(img.url)) ?? [];
    const images = [...(body.images ?? []), ...kept];
    if (images.length) return { ...incoming, images };
  }
  return incoming;
}
