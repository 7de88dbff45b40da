/**
 * Notes as W3C Web Annotations (https://www.w3.org/TR/annotation-model/), JSON-LD, both ways.
 * Pure: no browser APIs.
 *
 * One note is one Annotation:
 * - `id`: `urn:uuid:<note id>` (an id that is not a UUID: `urn:verbatim:note:<id, URI-encoded>`);
 * - `motivation`: `commenting` when the note has text, else `highlighting`. A quote is a
 *   highlight kept for citing, and the model has no motivation for that, so quotes follow the
 *   same rule and keep their kind in `verbatim:kind`;
 * - `body`: the note as a TextualBody with `purpose: "commenting"`, then one TextualBody per tag
 *   with `purpose: "tagging"`; no body for a bare highlight;
 * - `target`: `{ source: <page URL>, selector: [TextQuoteSelector, TextPositionSelector…] }`,
 *   the note's selectors as stored, in order;
 * - `created`, `modified`: ISO 8601 from `createdAt`, `updatedAt`; `generated`: the export time;
 *   `generator`: Verbatim, as a Software agent.
 *
 * What the model has no term for is kept under `verbatim:` keys, so Verbatim reads back exactly
 * what it wrote: `verbatim:kind`, `verbatim:color`, `verbatim:exact` (only when the passage as
 * seen differs from the quote selector's), `verbatim:attribution` (quotes) and
 * `verbatim:orphanedAt`. A JSON-LD processor reads such a key as an absolute IRI (scheme
 * `verbatim:`) and keeps it; other readers ignore it. Articles are not exported: the JSON backup
 * is the lossless format, this one is for exchanging notes.
 *
 * A collection is an AnnotationCollection whose first AnnotationPage is embedded. The model
 * links further pages by IRI only (`next`, `last`), so a file holding several pages is a JSON
 * array: the collection, then its other pages (`annotationDocument`).
 */
import * as v from 'valibot';
import { COLORS, NOTE_KINDS } from '../domain/model';
import type { Article, Attribution, Color, Note, NoteKind, Selector, TextPositionSelector, TextQuoteSelector } from '../domain/model';
import { normalizeUrl } from '../extract/url';
import { MAX_TAG_LENGTH } from '../domain/tags';
import { FormatError, NoteRecordSchema, describeIssue, issuePath, parseJson, stableId } from './backup';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

export interface TextualBody {
  type: 'TextualBody';
  value: string;
  purpose: 'commenting' | 'tagging';
  format: 'text/plain';
}

export interface Agent {
  id?: string;
  type: 'Software';
  name: string;
  homepage?: string;
}

export interface W3CAnnotation {
  '@context': typeof ANNO_CONTEXT;
  id: string;
  type: 'Annotation';
  motivation: 'highlighting' | 'commenting';
  body?: TextualBody[];
  target: { source: string; selector: Selector[] };
  created: string;
  modified: string;
  generated: string;
  generator: Agent;
  'verbatim:kind': NoteKind;
  'verbatim:color': Color;
  'verbatim:exact'?: string;
  'verbatim:attribution'?: Attribution;
  'verbatim:orphanedAt'?: string;
}

export interface AnnotationPage {
  '@context': typeof ANNO_CONTEXT;
  id: string;
  type: 'AnnotationPage';
  partOf: string;
  startIndex: number;
  items: W3CAnnotation[];
  next?: string;
  prev?: string;
}

export interface AnnotationCollection {
  '@context': typeof ANNO_CONTEXT;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  /** Embedded. */
  first?: AnnotationPage;
  last?: string;
}

export interface AnnotationOptions {
  /** Annotations per page; default all of them in one page. */
  pageSize?: number;
  /** The collection's IRI; default a new `urn:uuid:`. Pages are `<id>#page-<n>`. */
  id?: string;
  /** The collection's label; default "Verbatim notes". */
  label?: string;
  /** The export time (`generated`); default now. */
  now?: number;
  /** Who made the annotations; default `{ type: 'Software', name: 'Verbatim' }`. */
  generator?: Agent;
}

export interface AnnotationExport {
  /** The collection, its first page embedded. */
  collection: AnnotationCollection;
  /** Every page in order (`pages[0]` is `collection.first`), linked by `next`/`prev` IRIs. */
  pages: AnnotationPage[];
}

const DEFAULT_GENERATOR: Agent = { type: 'Software', name: 'Verbatim' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OWN_ID = 'urn:verbatim:note:';

/** One note as an Annotation. */
export function toAnnotation(note: Note, opts: Pick<AnnotationOptions, 'now' | 'generator'> = {}): W3CAnnotation {
  const body: TextualBody[] = [];
  if (note.note) body.push({ type: 'TextualBody', value: note.note, purpose: 'commenting', format: 'text/plain' });
  for (const tag of note.tags) body.push({ type: 'TextualBody', value: tag, purpose: 'tagging', format: 'text/plain' });
  const quote = note.selectors.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector');
  const out: W3CAnnotation = {
    '@context': ANNO_CONTEXT,
    id: UUID.test(note.id) ? `urn:uuid:${note.id}` : OWN_ID + encodeURIComponent(note.id),
    type: 'Annotation',
    motivation: note.note ? 'commenting' : 'highlighting',
    ...(body.length ? { body } : {}),
    target: { source: note.url, selector: note.selectors.map((s) => ({ ...s })) },
    created: new Date(note.createdAt).toISOString(),
    modified: new Date(note.updatedAt).toISOString(),
    generated: new Date(opts.now ?? Date.now()).toISOString(),
    generator: opts.generator ?? DEFAULT_GENERATOR,
    'verbatim:kind': note.kind,
    'verbatim:color': note.color,
  };
  if (quote?.exact !== note.exact) out['verbatim:exact'] = note.exact;
  if (note.attribution) out['verbatim:attribution'] = { ...note.attribution };
  if (note.orphanedAt !== undefined) out['verbatim:orphanedAt'] = new Date(note.orphanedAt).toISOString();
  return out;
}

/**
 * The notes as a collection and its pages, pages in the articles' order (notes of pages with no
 * article last), each page's notes in reading order.
 */
export function toAnnotationPages(articles: readonly Article[], notes: readonly Note[], opts: AnnotationOptions = {}): AnnotationExport {
  const id = opts.id ?? `urn:uuid:${crypto.randomUUID()}`;
  const now = opts.now ?? Date.now();
  const items = ordered(articles, notes).map((n) => toAnnotation(n, { now, generator: opts.generator }));
  const size = Math.max(1, Math.floor(opts.pageSize ?? (items.length || 1)));
  const count = Math.max(1, Math.ceil(items.length / size));
  const pageId = (i: number) => `${id}#page-${i + 1}`;
  const pages: AnnotationPage[] = [];
  for (let i = 0; i < count; i++) {
    const page: AnnotationPage = {
      '@context': ANNO_CONTEXT,
      id: pageId(i),
      type: 'AnnotationPage',
      partOf: id,
      startIndex: i * size,
      items: items.slice(i * size, (i + 1) * size),
    };
    if (i + 1 < count) page.next = pageId(i + 1);
    if (i > 0) page.prev = pageId(i - 1);
    pages.push(page);
  }
  const collection: AnnotationCollection = {
    '@context': ANNO_CONTEXT,
    id,
    type: 'AnnotationCollection',
    label: opts.label ?? 'Verbatim notes',
    total: items.length,
  };
  if (items.length) {
    collection.first = pages[0]!;
    collection.last = pageId(count - 1);
  }
  return { collection, pages: items.length ? pages : [] };
}

/**
 * The notes as one AnnotationCollection with its first page embedded. With the default page
 * size that page holds every note; with a smaller one, the later pages are in
 * `toAnnotationPages(…).pages` (and a file needs `annotationDocument`).
 */
export function toAnnotationCollection(articles: readonly Article[], notes: readonly Note[], opts: AnnotationOptions = {}): AnnotationCollection {
  return toAnnotationPages(articles, notes, opts).collection;
}

/** A self-contained JSON-LD document: the collection, or `[collection, page 2, …]`. */
export function annotationDocument(exp: AnnotationExport): AnnotationCollection | Array<AnnotationCollection | AnnotationPage> {
  return exp.pages.length > 1 ? [exp.collection, ...exp.pages.slice(1)] : exp.collection;
}

function ordered(articles: readonly Article[], notes: readonly Note[]): Note[] {
  const order = new Map(articles.map((a, i) => [a.url, i]));
  const pos = (n: Note) =>
    n.selectors.find((s): s is TextPositionSelector => s.type === 'TextPositionSelector')?.start ?? Number.MAX_SAFE_INTEGER;
  return [...notes].sort(
    (a, b) =>
      (order.get(a.url) ?? order.size) - (order.get(b.url) ?? order.size) ||
      (a.url < b.url ? -1 : a.url > b.url ? 1 : 0) ||
      pos(a) - pos(b) ||
      a.createdAt - b.createdAt,
  );
}

// ---- Reading ------------------------------------------------------------------------------

export interface RejectedAnnotation {
  /** Position among the annotations found, from 0. */
  index: number;
  id?: string;
  reason: string;
}

export interface AnnotationImport {
  notes: Note[];
  /** Annotations Verbatim cannot keep, each with the reason. */
  rejected: RejectedAnnotation[];
}

export interface AnnotationImportOptions {
  /** The time given to annotations without `created`; default now. */
  now?: number;
  /** Ids for annotations without one; default `crypto.randomUUID`. */
  newId?: () => string;
}

/**
 * Reads annotations: a single Annotation, an array of them, an AnnotationPage, an
 * AnnotationCollection with its pages embedded, or an array mixing those (`annotationDocument`'s
 * output). Takes JSON text or parsed JSON.
 *
 * Verbatim's own annotations come back exactly as exported. Others are read as well as they
 * can be: missing ids get new ones (an IRI id that is not `urn:uuid:` gets a stable id derived
 * from it); TextualBody bodies with purpose `tagging` (or under motivation `tagging`) become
 * tags, other text bodies and `bodyValue` the note; page URLs are normalised as Verbatim stores
 * them; selectors other than TextQuote and TextPosition are ignored. An annotation without a
 * TextQuoteSelector, an http(s) source or within Verbatim's limits is rejected, with the reason.
 *
 * Throws a FormatError when the document is not annotations at all, or a collection's pages are
 * not all in it.
 */
export function parseAnnotationCollection(json: unknown, opts: AnnotationImportOptions = {}): AnnotationImport {
  const data = typeof json === 'string' ? parseJson(json) : json;
  const found = collectAnnotations(data);
  const now = opts.now ?? Date.now();
  const newId = opts.newId ?? (() => crypto.randomUUID());
  const notes: Note[] = [];
  const rejected: RejectedAnnotation[] = [];
  found.forEach((item, index) => {
    const result = toNote(item, now, newId);
    if (typeof result === 'string') {
      const id = isObject(item) && typeof item.id === 'string' ? item.id.slice(0, 200) : undefined;
      rejected.push({ index, ...(id ? { id } : {}), reason: result });
    } else notes.push(result);
  });
  return { notes, rejected };
}

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const hasType = (x: Json, type: string) => x.type === type || (Array.isArray(x.type) && x.type.includes(type));
const asList = (x: unknown): unknown[] => (x === undefined || x === null ? [] : Array.isArray(x) ? x : [x]);

/** Every annotation object in the document, in order, following embedded pages. */
function collectAnnotations(data: unknown): unknown[] {
  const top = asList(data);
  if (!top.length) throw new FormatError('no annotations: the document is empty');
  // Pages given side by side (annotationDocument), found by id when a page links to them.
  const pagesById = new Map<string, Json>();
  for (const x of top) if (isObject(x) && hasType(x, 'AnnotationPage') && typeof x.id === 'string') pagesById.set(x.id, x);
  const visited = new Set<Json>();
  const out: unknown[] = [];

  const readPages = (first: unknown, where: string): number => {
    let count = 0;
    let page: unknown = first;
    while (page !== undefined && page !== null) {
      const resolved = typeof page === 'string' ? pagesById.get(page) : page;
      if (!isObject(resolved)) throw new FormatError(`page ${JSON.stringify(String(page).slice(0, 200))} is not in the file`, where);
      if (visited.has(resolved)) break;
      visited.add(resolved);
      for (const item of asList(resolved.items)) out.push(item);
      count += asList(resolved.items).length;
      page = resolved.next;
    }
    return count;
  };

  top.forEach((x, i) => {
    const where = Array.isArray(data) ? `[${i}]` : undefined;
    if (!isObject(x)) throw new FormatError('expected an annotation object', where);
    if (visited.has(x)) return;
    if (hasType(x, 'AnnotationCollection')) {
      visited.add(x);
      const count = x.first === undefined ? 0 : readPages(x.first, where ?? 'first');
      if (typeof x.total === 'number' && count < x.total) {
        throw new FormatError(`the collection has ${x.total} annotations but the file holds ${count}: some pages are missing`, where);
      }
    } else if (hasType(x, 'AnnotationPage')) {
      // A later page of a collection read above is skipped by `visited`.
      readPages(x, where ?? 'page');
    } else if (hasType(x, 'Annotation') || 'target' in x) {
      out.push(x);
    } else {
      const type = typeof x.type === 'string' ? `type "${x.type.slice(0, 50)}"` : 'no "type"';
      throw new FormatError(`not a W3C Web Annotation (${type})`, where);
    }
  });
  return out;
}

const AttributionSchema = NoteRecordSchema.entries.attribution;

/** One annotation as a Note, or why not. */
function toNote(item: unknown, now: number, newId: () => string): Note | string {
  if (!isObject(item)) return 'an annotation given by reference only (not embedded)';
  // Some tools leave `type` out; an object typed as something else is not an annotation.
  if (!hasType(item, 'Annotation') && (item.type !== undefined || !('target' in item))) return 'not of type Annotation';
  const own = typeof item['verbatim:kind'] === 'string';

  const target = asList(item.target).find((t) => isObject(t) && typeof t.source === 'string' && t.selector !== undefined);
  if (!isObject(target)) {
    return asList(item.target).some((t) => typeof t === 'string' || (isObject(t) && typeof t.source === 'string'))
      ? 'no TextQuoteSelector: the target has no selector, so there is no passage to keep'
      : 'no target with a source page';
  }
  let url = target.source as string;
  if (!/^https?:/i.test(url)) return `the target is not a web page (${url.slice(0, 80)})`;
  if (!own) {
    try {
      url = normalizeUrl(url);
    } catch {
      return `the target is not a valid URL (${url.slice(0, 80)})`;
    }
  }

  const selectors: Selector[] = [];
  for (const s of asList(target.selector)) {
    if (!isObject(s)) continue;
    if (s.type === 'TextQuoteSelector' && typeof s.exact === 'string' && s.exact) {
      const q: TextQuoteSelector = { type: 'TextQuoteSelector', exact: s.exact };
      if (typeof s.prefix === 'string') q.prefix = own ? s.prefix : s.prefix.slice(-256);
      if (typeof s.suffix === 'string') q.suffix = own ? s.suffix : s.suffix.slice(0, 256);
      selectors.push(q);
    } else if (
      s.type === 'TextPositionSelector' &&
      Number.isSafeInteger(s.start) &&
      Number.isSafeInteger(s.end) &&
      (s.start as number) >= 0 &&
      (s.end as number) >= (s.start as number)
    ) {
      selectors.push({ type: 'TextPositionSelector', start: s.start as number, end: s.end as number });
    }
  }
  const quote = selectors.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector');
  if (!quote) return 'no TextQuoteSelector: Verbatim keeps the quoted passage, and this annotation has none';

  const texts: string[] = [];
  const tags: string[] = [];
  const tagging = asList(item.motivation).includes('tagging');
  for (const b of asList(item.body)) {
    if (!isObject(b) || typeof b.value !== 'string') continue;
    const purposes = asList(b.purpose);
    if (purposes.includes('tagging') || (tagging && !purposes.length)) tags.push(b.value);
    else texts.push(b.value);
  }
  if (typeof item.bodyValue === 'string') texts.push(item.bodyValue);

  const created = readTime(item.created) ?? now;
  const kind = NOTE_KINDS.find((k) => k === item['verbatim:kind']) ?? 'highlight';
  const note: Note = {
    id: noteId(item.id, newId),
    url,
    kind,
    color: COLORS.find((c) => c === item['verbatim:color']) ?? 'yellow',
    exact: typeof item['verbatim:exact'] === 'string' ? item['verbatim:exact'] : quote.exact,
    selectors,
    note: texts.join('\n\n'),
    tags: own ? tags : tags.map((t) => t.trim()).filter((t) => t && t.length <= MAX_TAG_LENGTH).slice(0, 100),
    createdAt: created,
    updatedAt: readTime(item.modified) ?? created,
  };
  const attribution = v.safeParse(AttributionSchema, item['verbatim:attribution']);
  if (attribution.success && attribution.output) note.attribution = attribution.output;
  const orphanedAt = readTime(item['verbatim:orphanedAt']);
  if (orphanedAt !== undefined) note.orphanedAt = orphanedAt;
  if (!own) note.selectors = selectors.slice(0, 8);

  const checked = v.safeParse(NoteRecordSchema, note);
  if (!checked.success) {
    const issue = checked.issues[0]!;
    return `${issuePath(issue) || 'annotation'}: ${describeIssue(issue)}`;
  }
  return note;
}

function noteId(raw: unknown, newId: () => string): string {
  if (typeof raw !== 'string' || !raw) return newId();
  if (/^urn:uuid:/i.test(raw) && UUID.test(raw.slice(9))) return raw.slice(9);
  if (raw.startsWith(OWN_ID)) {
    try {
      const id = decodeURIComponent(raw.slice(OWN_ID.length));
      if (id && id.length <= 64) return id;
    } catch {
      // Not ours after all: fall through to a derived id.
    }
  }
  return stableId(raw);
}

function readTime(value: unknown): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== 'string') return undefined;
  const ms = Date.parse(raw);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}
