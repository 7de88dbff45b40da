/**
 * Notes as W3C Web Annotations (https://www.w3.org/TR/annotation-model/), JSON-LD, both ways:
 * written here, read back by w3c-read.ts. Pure: no browser APIs.
 *
 * One note is one Annotation:
 * - `id`: `urn:uuid:<note id>` (an id that is not a UUID: `urn:verbatim:note:<id, URI-encoded>`);
 * - `motivation`: `commenting` when the note has text, else `highlighting`. A quote is a
 *   highlight kept for citing, and the model has no motivation for that, so quotes follow the
 *   same rule and keep their kind in `verbatim:kind`;
 * - `body`: the note as a TextualBody with `purpose: "commenting"`, then one TextualBody per tag
 *   with `purpose: "tagging"`; no body for a bare highlight;
 * - `target`: `{ source: <page URL>, selector: [TextQuoteSelector, TextPositionSelector…] }`,
 *   the note's selectors as stored, in order; a quote's speaker (who said the words) is the
 *   target's `creator` (model §3.3.1: a Target may have its own creator, "the agent responsible
 *   for creating the resource", here the quoted passage), an Agent with only a `name`: it may be a
 *   person or an organisation, which Verbatim does not know, so no `type` (the model's SHOULD);
 *   whether that is still Verbatim's proposal is `verbatim:speakerProposed`;
 * - `created`, `modified`: ISO 8601 from `createdAt`, `updatedAt`; `generated`: the export time;
 *   `generator`: Verbatim, as a Software agent.
 *
 * What the model has no term for is kept under `verbatim:` keys, so Verbatim reads back exactly
 * what it wrote: `verbatim:kind`, `verbatim:color`, `verbatim:exact` (only when the passage as
 * seen differs from the quote selector's), `verbatim:attribution` (quotes),
 * `verbatim:orphanedAt` and `verbatim:speakerProposed`. A JSON-LD processor reads such a key as an absolute IRI (scheme
 * `verbatim:`) and keeps it; other readers ignore it. Articles are not exported: the JSON backup
 * is the lossless format, this one is for exchanging notes.
 *
 * A collection is an AnnotationCollection whose first AnnotationPage is embedded. The model
 * links further pages by IRI only (`next`, `last`), so a file holding several pages is a JSON
 * array: the collection, then its other pages (`annotationDocument`).
 */
import type { Article, Attribution, Color, Note, NoteKind, Selector, TextQuoteSelector } from '../domain/model';
import { positionOf } from '../domain/notes';

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
  /** The page, the passage's selectors (none for a note on the page as a whole), and who said a quote's words. */
  target: { source: string; selector?: Selector[]; creator?: { name: string } };
  created: string;
  modified: string;
  generated: string;
  generator: Agent;
  'verbatim:kind': NoteKind;
  'verbatim:color': Color;
  'verbatim:exact'?: string;
  'verbatim:attribution'?: Attribution;
  'verbatim:orphanedAt'?: string;
  'verbatim:speakerProposed'?: true;
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
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const OWN_ID = 'urn:verbatim:note:';

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
    target: note.selectors.length ? { source: note.url, selector: note.selectors.map((s) => ({ ...s })) } : { source: note.url },
    created: new Date(note.createdAt).toISOString(),
    modified: new Date(note.updatedAt).toISOString(),
    generated: new Date(opts.now ?? Date.now()).toISOString(),
    generator: opts.generator ?? DEFAULT_GENERATOR,
    'verbatim:kind': note.kind,
    'verbatim:color': note.color,
  };
  if (quote?.exact !== note.exact && note.kind !== 'page') out['verbatim:exact'] = note.exact;
  if (note.attribution) out['verbatim:attribution'] = { ...note.attribution };
  if (note.orphanedAt !== undefined) out['verbatim:orphanedAt'] = new Date(note.orphanedAt).toISOString();
  if (note.speaker && note.selectors.length) {
    out.target.creator = { name: note.speaker };
    if (note.speakerProposed) out['verbatim:speakerProposed'] = true;
  }
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
  return [...notes].sort(
    (a, b) =>
      (order.get(a.url) ?? order.size) - (order.get(b.url) ?? order.size) ||
      (a.url < b.url ? -1 : a.url > b.url ? 1 : 0) ||
      positionOf(a) - positionOf(b) ||
      a.createdAt - b.createdAt,
  );
}
