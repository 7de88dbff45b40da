import { COLORS, NOTE_KINDS, type Article, type ArticleWithBody, type Color, type Note, type NoteKind, type TextPositionSelector } from '../model';
import { ensureCapacity } from './typed-arrays';

/**
 * Filters, facet counts, sorting and grouping of notes for the side panel.
 *
 * Notes are kept in {@link NoteRecords}, one row per note with its filterable fields in typed
 * arrays (colour, kind, site, date, flags, interned tags). Scanning 50,000 note objects is bound
 * by memory, not by work: a filter over `Note[]` measured 6–27 ms here, the same over columns
 * well under a millisecond (`scripts/bench-search.ts` measures the columns). The functions below
 * only read the records (caching sort orders), so they are pure for their callers.
 *
 * Facets are counted as good faceted search does: the counts of one facet are taken over the
 * notes that pass every *other* filter, so they tell what ticking a value would give. Tags are
 * the exception, being cumulative (a note must carry every tag ticked): their counts are over the
 * current results, i.e. how many would remain if that tag were added.
 */

/** What the user filtered on. Absent or empty fields do not filter. */
export interface NoteFilter {
  /** Notes carrying every one of these tags (as stored: normalised). */
  tags?: readonly string[];
  /** Notes of any of these colours. */
  colors?: readonly Color[];
  /** Notes of any of these kinds. */
  kinds?: readonly NoteKind[];
  /** Notes made on any of these sites (host names without `www.`, see {@link siteOf}). */
  sites?: readonly string[];
  /** Made at or after this time (ms since the epoch, like `createdAt`). */
  from?: number;
  /** Made before this time (exclusive, so a month is `[1 March, 1 April)`). */
  to?: number;
  /** true: only notes with a note written; false: only bare highlights. */
  hasNote?: boolean;
  /** true: only notes no longer found on their page (`orphanedAt` set); false: only the others. */
  orphaned?: boolean;
}

/**
 * `newest`/`oldest` by `createdAt`; `article`: pages newest first (the article's `createdAt`, or
 * its newest note's without a record), each page's notes in reading order (TextPositionSelector
 * start, then creation); `relevance`: the order of the rows given (a search's ranking), or
 * newest first when none are given.
 */
export type NoteSort = 'relevance' | 'newest' | 'oldest' | 'article';

export interface FacetCount<T extends string> {
  value: T;
  count: number;
}

/** How many notes each filter value would give (see the note on facets above). */
export interface Facets {
  /** Notes passing every filter. */
  total: number;
  /** Tags of the current results, most frequent first (then alphabetical). */
  tags: Array<FacetCount<string>>;
  /** Every colour, in the palette's order, 0 included. */
  colors: Array<FacetCount<Color>>;
  /** Every kind, 0 included. */
  kinds: Array<FacetCount<NoteKind>>;
  /** Sites with at least one note, most frequent first. */
  sites: Array<FacetCount<string>>;
  hasNote: { yes: number; no: number };
  orphaned: { yes: number; no: number };
  /** Oldest and newest `createdAt` of the notes passing the other filters (for a date picker). */
  dates?: { min: number; max: number };
}

/** Notes of one page, for lists grouped by article. */
export interface ArticleGroup {
  /** The page's normalised URL, shared by its notes. */
  url: string;
  /** Its record (without `html` and `text`), when the page has one. */
  article?: Article;
  notes: Note[];
}

/** Host name of a page without `www.`: stable, unlike the site name a page declares. */
export function siteOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** Start of the note's passage in its page, for reading order; notes without one go last. */
export const positionOf = (note: Note): number =>
  (note.selectors.find((s) => s.type === 'TextPositionSelector') as TextPositionSelector | undefined)?.start ?? Number.MAX_SAFE_INTEGER;

const HAS_NOTE = 1;
const ORPHANED = 2;
const COLOR_INDEX = new Map<string, number>(COLORS.map((c, i) => [c, i]));
const KIND_INDEX = new Map<string, number>(NOTE_KINDS.map((k, i) => [k, i]));

/**
 * Notes as rows, their filterable fields in columns, kept in step with the database by `put`
 * and `remove` (a {@link SearchIndex} keeps its own up to date: use `index.records`). A changed
 * note takes a new row; rows are numbers valid until the note changes.
 *
 * Columns are public for the functions of this module and the search index: read, never write.
 */
export class NoteRecords {
  /** Bumped on every change (caches key on it). */
  version = 0;
  /** Rows ever allocated (dead ones included). */
  rows = 0;
  /** Live notes. */
  size = 0;
  ids: Array<string | undefined> = [];
  notes: Array<Note | undefined> = [];
  alive = new Uint8Array(0);
  created = new Float64Array(0);
  color = new Uint8Array(0);
  kind = new Uint8Array(0);
  flags = new Uint8Array(0);
  /** Page (URL) key of each row. */
  page = new Int32Array(0);
  position = new Float64Array(0);
  /** Tags of row r: `tagPool[tagStart[r] .. tagStart[r] + tagCount[r])`, as tag ids. */
  tagStart = new Uint32Array(0);
  tagCount = new Uint8Array(0);
  tagPool = new Int32Array(0);
  tagPoolLength = 0;
  tagNames: string[] = [];
  tagIds = new Map<string, number>();
  /** Pages by key: URL, site id, article record (without text). */
  pageUrls: string[] = [];
  pageKeys = new Map<string, number>();
  pageSite = new Int32Array(0);
  pageArticle: Array<Article | undefined> = [];
  articleKeys = new Map<string, number>();
  siteNames: string[] = [];
  siteIds = new Map<string, number>();
  #rowOf = new Map<string, number>();
  #newest: { version: number; rows: Int32Array } | undefined;
  #byArticle: { version: number; rows: Int32Array } | undefined;

  /** Replaces the content: these articles (their text is not kept), then these notes. */
  bulkLoad(notes: Iterable<Note>, articles: Iterable<Article> = []): void {
    // A fresh state, same object (an index's `records` is held by its users).
    Object.assign(this, new NoteRecords());
    this.#rowOf = new Map();
    this.#newest = undefined;
    this.#byArticle = undefined;
    for (const a of articles) this.putArticle(a);
    for (const n of notes) this.put(n);
  }

  rowOf(noteId: string): number | undefined {
    return this.#rowOf.get(noteId);
  }

  /** Adds or replaces a note; returns its (new) row. */
  put(note: Note): number {
    this.remove(note.id);
    const row = this.rows++;
    if (row >= this.alive.length) {
      const n = row + 1;
      this.alive = ensureCapacity(this.alive, n);
      this.created = ensureCapacity(this.created, n);
      this.color = ensureCapacity(this.color, n);
      this.kind = ensureCapacity(this.kind, n);
      this.flags = ensureCapacity(this.flags, n);
      this.page = ensureCapacity(this.page, n);
      this.position = ensureCapacity(this.position, n);
      this.tagStart = ensureCapacity(this.tagStart, n);
      this.tagCount = ensureCapacity(this.tagCount, n);
    }
    this.ids[row] = note.id;
    this.notes[row] = note;
    this.#rowOf.set(note.id, row);
    this.alive[row] = 1;
    this.created[row] = Number.isFinite(note.createdAt) ? note.createdAt : 0;
    this.color[row] = COLOR_INDEX.get(note.color) ?? 0;
    this.kind[row] = KIND_INDEX.get(note.kind) ?? 0;
    this.flags[row] = (/\S/.test(note.note) ? HAS_NOTE : 0) | (note.orphanedAt !== undefined ? ORPHANED : 0);
    this.page[row] = this.pageKey(note.url);
    this.position[row] = positionOf(note);
    const tags = note.tags.slice(0, 255);
    this.tagPool = ensureCapacity(this.tagPool, this.tagPoolLength + tags.length);
    this.tagStart[row] = this.tagPoolLength;
    this.tagCount[row] = tags.length;
    for (const t of tags) {
      let id = this.tagIds.get(t);
      if (id === undefined) {
        id = this.tagNames.push(t) - 1;
        this.tagIds.set(t, id);
      }
      this.tagPool[this.tagPoolLength++] = id;
    }
    this.size++;
    this.version++;
    return row;
  }

  /** Forgets a note; returns the row it had. */
  remove(noteId: string): number | undefined {
    const row = this.#rowOf.get(noteId);
    if (row === undefined) return undefined;
    this.#rowOf.delete(noteId);
    this.alive[row] = 0;
    this.ids[row] = undefined;
    this.notes[row] = undefined;
    this.size--;
    this.version++;
    return row;
  }

  /** Key of a page URL (created on first sight). */
  pageKey(url: string): number {
    let key = this.pageKeys.get(url);
    if (key === undefined) {
      key = this.pageUrls.push(url) - 1;
      this.pageKeys.set(url, key);
      this.pageArticle.push(undefined);
      const site = siteOf(url);
      let id = this.siteIds.get(site);
      if (id === undefined) {
        id = this.siteNames.push(site) - 1;
        this.siteIds.set(site, id);
      }
      this.pageSite = ensureCapacity(this.pageSite, key + 1);
      this.pageSite[key] = id;
    }
    return key;
  }

  /** Records an article (matched to notes by URL), without its body (`html`, `text`) if given one. */
  putArticle(article: ArticleWithBody): void {
    this.removeArticle(article.id);
    const { html: _html, text: _text, ...meta } = article;
    const key = this.pageKey(article.url);
    this.pageArticle[key] = meta;
    this.articleKeys.set(article.id, key);
    this.version++;
  }

  removeArticle(articleId: string): void {
    const key = this.articleKeys.get(articleId);
    if (key === undefined) return;
    this.articleKeys.delete(articleId);
    this.pageArticle[key] = undefined;
    this.version++;
  }

  /** Live rows, newest first. Cached until the next change. */
  newestFirst(): Int32Array {
    if (this.#newest?.version !== this.version) this.#newest = { version: this.version, rows: this.#sortByDate() };
    return this.#newest.rows;
  }

  /** Live rows by article, then reading order (see {@link NoteSort}). Cached until the next change. */
  byArticle(): Int32Array {
    if (this.#byArticle?.version !== this.version) this.#byArticle = { version: this.version, rows: this.#sortByArticle() };
    return this.#byArticle.rows;
  }

  /**
   * Newest first in one native numeric sort: packed keys (seconds before the newest note, then
   * the row, newer rows first) in a Float64Array, then an insertion pass that orders notes made
   * within the same second by millisecond. A comparator sort of 50,000 rows costs 25–30 ms here.
   */
  #sortByDate(): Int32Array {
    const live: number[] = [];
    let newest = -Infinity;
    for (let r = this.rows - 1; r >= 0; r--) {
      if (!this.alive[r]) continue;
      live.push(r);
      if (this.created[r]! > newest) newest = this.created[r]!;
    }
    const n = live.length;
    const created = this.created;
    if (n >= 2 ** 22) return Int32Array.from(live).sort((a, b) => created[b]! - created[a]! || b - a);
    const keys = new Float64Array(n);
    for (let k = 0; k < n; k++) keys[k] = Math.min(2 ** 30, Math.max(0, Math.floor((newest - created[live[k]!]!) / 1000))) * 2 ** 22 + k;
    keys.sort();
    const out = new Int32Array(n);
    for (let k = 0; k < n; k++) out[k] = live[keys[k]! % 2 ** 22]!;
    for (let k = 1; k < n; k++) {
      const r = out[k]!;
      let j = k - 1;
      while (j >= 0 && created[out[j]!]! < created[r]!) {
        out[j + 1] = out[j]!;
        j--;
      }
      out[j + 1] = r;
    }
    return out;
  }

  #sortByArticle(): Int32Array {
    const pages = this.pageUrls.length;
    const time = new Float64Array(pages).fill(-Infinity);
    const count = new Int32Array(pages + 1);
    for (let r = 0; r < this.rows; r++) {
      if (!this.alive[r]) continue;
      const p = this.page[r]!;
      count[p]!++;
      if (this.created[r]! > time[p]!) time[p] = this.created[r]!;
    }
    for (let p = 0; p < pages; p++) {
      const a = this.pageArticle[p];
      if (a && count[p]) time[p] = a.createdAt;
    }
    const order = Array.from({ length: pages }, (_, p) => p).filter((p) => count[p]);
    order.sort((a, b) => time[b]! - time[a]! || (this.pageUrls[a]! < this.pageUrls[b]! ? -1 : 1));
    const start = new Int32Array(pages);
    let at = 0;
    for (const p of order) {
      start[p] = at;
      at += count[p]!;
    }
    const out = new Int32Array(at);
    const fill = start.slice();
    for (let r = 0; r < this.rows; r++) if (this.alive[r]) out[fill[this.page[r]!]!++] = r;
    const pos = this.position;
    const created = this.created;
    for (const p of order) {
      const bucket = out.subarray(start[p]!, start[p]! + count[p]!);
      bucket.sort((a, b) => pos[a]! - pos[b]! || created[a]! - created[b]!);
    }
    return out;
  }
}

/** What {@link queryNotes} returns. */
export interface NoteQuery {
  /** Rows passing every filter, sorted. */
  rows: Int32Array;
  notes: Note[];
  facets: Facets;
}

/**
 * Notes passing every filter, sorted, with the facet counts, in one pass: what the panel shows.
 * `within` restricts to some rows (a search's `rows`, best first, which `relevance` keeps).
 */
export function queryNotes(records: NoteRecords, filter: NoteFilter, sort: NoteSort = 'newest', within?: ArrayLike<number>): NoteQuery {
  const rows = candidates(records, sort, within);
  const { alive, color, kind, flags, page, pageSite, created, tagStart, tagCount, tagPool } = records;

  // The filter, compiled to ids and bit masks.
  const wantTags = (filter.tags ?? []).map((t) => records.tagIds.get(t) ?? -1);
  const colorMask = filter.colors?.length ? filter.colors.reduce((m, c) => m | (1 << (COLOR_INDEX.get(c) ?? 31)), 0) : -1;
  const kindMask = filter.kinds?.length ? filter.kinds.reduce((m, k) => m | (1 << (KIND_INDEX.get(k) ?? 31)), 0) : -1;
  let sites: Uint8Array | null = null;
  if (filter.sites?.length) {
    sites = new Uint8Array(records.siteNames.length);
    for (const s of filter.sites) {
      const id = records.siteIds.get(s);
      if (id !== undefined) sites[id] = 1;
    }
  }
  const from = filter.from ?? -Infinity;
  const to = filter.to ?? Infinity;
  const noteWant = filter.hasNote === undefined ? -1 : filter.hasNote ? HAS_NOTE : 0;
  const orphanWant = filter.orphaned === undefined ? -1 : filter.orphaned ? ORPHANED : 0;

  const tagCounts = new Int32Array(records.tagNames.length);
  const colorCounts = new Int32Array(COLORS.length);
  const kindCounts = new Int32Array(NOTE_KINDS.length);
  const siteCounts = new Int32Array(records.siteNames.length);
  const hasNote = { yes: 0, no: 0 };
  const orphaned = { yes: 0, no: 0 };
  let min = Infinity;
  let max = -Infinity;
  const out = new Int32Array(rows.length);
  let n = 0;

  // Bits of the filters a row fails; a facet counts the rows failing no filter but its own.
  const F_TAGS = 1;
  const F_COLOR = 2;
  const F_KIND = 4;
  const F_SITE = 8;
  const F_DATE = 16;
  const F_NOTE = 32;
  const F_ORPHAN = 64;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    if (!alive[r]) continue;
    let fails = 0;
    const ts = tagStart[r]!;
    const tn = tagCount[r]!;
    for (const want of wantTags) {
      let found = false;
      for (let j = ts; j < ts + tn; j++) if (tagPool[j] === want) found = true;
      if (!found) {
        fails |= F_TAGS;
        break;
      }
    }
    if (!((colorMask >>> color[r]!) & 1)) fails |= F_COLOR;
    if (!((kindMask >>> kind[r]!) & 1)) fails |= F_KIND;
    const site = pageSite[page[r]!]!;
    if (sites && !sites[site]) fails |= F_SITE;
    const t = created[r]!;
    if (t < from || t >= to) fails |= F_DATE;
    const f = flags[r]!;
    if (noteWant !== -1 && (f & HAS_NOTE) !== noteWant) fails |= F_NOTE;
    if (orphanWant !== -1 && (f & ORPHANED) !== orphanWant) fails |= F_ORPHAN;

    if (fails === 0) {
      out[n++] = r;
      for (let j = ts; j < ts + tn; j++) tagCounts[tagPool[j]!]!++;
    }
    if ((fails & ~F_COLOR) === 0) colorCounts[color[r]!]!++;
    if ((fails & ~F_KIND) === 0) kindCounts[kind[r]!]!++;
    if ((fails & ~F_SITE) === 0) siteCounts[site]!++;
    if ((fails & ~F_NOTE) === 0) f & HAS_NOTE ? hasNote.yes++ : hasNote.no++;
    if ((fails & ~F_ORPHAN) === 0) f & ORPHANED ? orphaned.yes++ : orphaned.no++;
    if ((fails & ~F_DATE) === 0) {
      if (t < min) min = t;
      if (t > max) max = t;
    }
  }

  const ranked = (counts: Int32Array, names: readonly string[]) => {
    const list: Array<FacetCount<string>> = [];
    for (let i = 0; i < counts.length; i++) if (counts[i]) list.push({ value: names[i]!, count: counts[i]! });
    return list.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  };
  const facets: Facets = {
    total: n,
    tags: ranked(tagCounts, records.tagNames),
    colors: COLORS.map((value, i) => ({ value, count: colorCounts[i]! })),
    kinds: NOTE_KINDS.map((value, i) => ({ value, count: kindCounts[i]! })),
    sites: ranked(siteCounts, records.siteNames),
    hasNote,
    orphaned,
  };
  if (min <= max) facets.dates = { min, max };
  const result = out.slice(0, n);
  const notes: Note[] = new Array(n);
  for (let k = 0; k < n; k++) notes[k] = records.notes[result[k]!]!;
  return { rows: result, notes, facets };
}

/** Rows to scan, in the order wanted: `within` as given, or the cached order kept to `within`. */
function candidates(records: NoteRecords, sort: NoteSort, within: ArrayLike<number> | undefined): ArrayLike<number> {
  if (within && sort === 'relevance') return within;
  const order = sort === 'article' ? records.byArticle() : records.newestFirst();
  let rows: ArrayLike<number> = order;
  if (within) {
    const mark = new Uint8Array(records.rows);
    for (let k = 0; k < within.length; k++) mark[within[k]!] = 1;
    const kept = new Int32Array(Math.min(within.length, order.length));
    let n = 0;
    for (let k = 0; k < order.length; k++) if (mark[order[k]!]) kept[n++] = order[k]!;
    rows = kept.subarray(0, n);
  }
  return sort === 'oldest' ? Int32Array.from(rows).reverse() : rows;
}

/** Sorted rows (see {@link NoteSort}); `relevance` keeps the order given. */
export function sortRows(records: NoteRecords, rows: ArrayLike<number>, sort: NoteSort): Int32Array {
  return Int32Array.from(candidates(records, sort, rows));
}

/** Notes grouped by page, groups in the order their first note comes (sort first, then group). */
export function groupByArticle(records: NoteRecords, rows: ArrayLike<number>): ArticleGroup[] {
  const groups: ArticleGroup[] = [];
  const groupOf = new Int32Array(records.pageUrls.length).fill(-1);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    const note = records.notes[r];
    if (!note) continue;
    const p = records.page[r]!;
    let g = groupOf[p]!;
    if (g === -1) {
      g = groupOf[p] = groups.length;
      const article = records.pageArticle[p];
      groups.push(article ? { url: records.pageUrls[p]!, article, notes: [] } : { url: records.pageUrls[p]!, notes: [] });
    }
    groups[g]!.notes.push(note);
  }
  return groups;
}
