/**
 * W3C Web Annotations read back as notes: Verbatim's own exactly as written (w3c.ts says how a
 * note becomes an Annotation), other tools' as well as they can be. Pure: no browser APIs.
 */
import * as v from 'valibot';
import { COLORS, PASSAGE_KINDS } from '../domain/model';
import type { Note, Selector, TextQuoteSelector } from '../domain/model';
import { normalizeUrl } from '../extract/url';
import { MAX_TAG_LENGTH } from '../domain/tags';
import { cleanSpeaker } from '../domain/speaker';
import { NoteRecordSchema } from './backup';
import { FormatError, describeIssue, issuePath, parseJson } from './format-error';
import { stableId } from './stable-id';
import { OWN_ID, UUID } from './w3c';

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

  const targets = asList(item.target);
  const target = targets.find((t) => isObject(t) && typeof t.source === 'string' && t.selector !== undefined);
  // A target without a selector is the page as a whole: a page note, when the annotation says something.
  const whole = isObject(target) ? undefined : targets.find((t) => typeof t === 'string' || (isObject(t) && typeof t.source === 'string'));
  if (!isObject(target) && whole === undefined) return 'no target with a source page';
  let url = (isObject(target) ? target.source : isObject(whole) ? whole.source : whole) as string;
  if (!/^https?:/i.test(url)) return `the target is not a web page (${url.slice(0, 80)})`;
  if (!own) {
    try {
      url = normalizeUrl(url);
    } catch {
      return `the target is not a valid URL (${url.slice(0, 80)})`;
    }
  }

  const selectors: Selector[] = [];
  for (const s of isObject(target) ? asList(target.selector) : []) {
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
  if (!quote && isObject(target)) return 'no TextQuoteSelector: Verbatim keeps the quoted passage, and this annotation has none';

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

  if (!quote && !texts.some((x) => /\S/.test(x))) return 'the target is the whole page and the annotation says nothing about it: nothing to keep';

  const created = readTime(item.created) ?? now;
  const kind = quote ? (PASSAGE_KINDS.find((k) => k === item['verbatim:kind']) ?? 'highlight') : 'page';
  const note: Note = {
    id: noteId(item.id, newId),
    url,
    kind,
    color: COLORS.find((c) => c === item['verbatim:color']) ?? 'yellow',
    exact: !quote ? '' : typeof item['verbatim:exact'] === 'string' ? item['verbatim:exact'] : quote.exact,
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
  // Who said the words: the passage's creator (an Agent's name, or the first of several).
  const creator = isObject(target) ? asList(target.creator).find((c) => isObject(c) && typeof c.name === 'string') : undefined;
  const speaker = isObject(creator) ? cleanSpeaker(creator.name as string) : undefined;
  if (speaker && kind === 'quote') {
    note.speaker = speaker;
    if (own && item['verbatim:speakerProposed'] === true) note.speakerProposed = true;
  }
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
