import { COLORS, NOTE_KINDS, type Article, type Color, type Note, type NoteKind } from '../domain/model';
import { speakerKey } from '../domain/speaker';
import { COLOR_INDEX, HAS_NOTE, KIND_INDEX, NoteRecords, ORPHANED } from './records';

/**
 * Filters, facet counts, sorting and grouping of notes for the side panel.
 *
 * They scan {@link NoteRecords} (`records.ts`), one row per note with its filterable fields in
 * typed arrays: scanning 50,000 note objects is bound by memory, not by work (a filter over
 * `Note[]` measured 6–27 ms here, the same over columns well under a millisecond;
 * `bench/search.ts` measures the columns). The functions below only read the records
 * (caching sort orders), so they are pure for their callers.
 *
 * Facets are counted as good faceted search does: the counts of one facet are taken over the
 * notes that pass every *other* filter, so they tell what ticking a value would give. Tags ticked
 * with "all" are the exception, being cumulative (a note must carry every tag ticked): their
 * counts are over the current results, i.e. how many would remain if that tag were added.
 *
 * A note carries its own tags and its article's (the tags given to the page, e.g. by the popup's
 * suggestions): a tag filter matches either, and the tag facet says how many notes have a tag
 * through their article only (`fromArticles`).
 */

// The panel takes a note's site and reading position from here, with the filters.
export { siteOf } from './records';
export { positionOf } from '../domain/notes';

/** What the user filtered on. Absent or empty fields do not filter. */
export interface NoteFilter {
  /**
   * Notes carrying these tags (as stored: normalised), on the note itself or on its article:
   * every one of them (`tagMode` "all", the default) or any one ("any").
   */
  tags?: readonly string[];
  tagMode?: TagMode;
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
  /** Quotes said by any of these speakers (compared case and spaces aside). */
  speakers?: readonly string[];
}

/**
 * `newest`/`oldest` by `createdAt`; `article`: pages newest first (the article's `createdAt`, or
 * its newest note's without a record), each page's notes in reading order (TextPositionSelector
 * start, then creation); `relevance`: the order of the rows given (a search's ranking), or
 * newest first when none are given.
 */
export type NoteSort = 'relevance' | 'newest' | 'oldest' | 'article';

/** How ticked tags combine: a note must carry all of them, or any one. */
export type TagMode = 'all' | 'any';

export interface FacetCount<T extends string> {
  value: T;
  count: number;
  /** Tags: of `count`, the notes carrying it through their article only (absent when none). */
  fromArticles?: number;
}

/** How many notes each filter value would give (see the note on facets above). */
export interface Facets {
  /** Notes passing every filter. */
  total: number;
  /**
   * Tags of the notes and their articles, most frequent first (then alphabetical): over the
   * current results with `tagMode` "all", over the notes passing the other filters with "any".
   */
  tags: Array<FacetCount<string>>;
  /** Every colour, in the palette's order, 0 included. */
  colors: Array<FacetCount<Color>>;
  /** Every kind, 0 included. */
  kinds: Array<FacetCount<NoteKind>>;
  /** Sites with at least one note, most frequent first. */
  sites: Array<FacetCount<string>>;
  /** Speakers of the quotes, most frequent first (then alphabetical), as first spelled. */
  speakers: Array<FacetCount<string>>;
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
  const { alive, color, kind, flags, page, pageSite, pageTagStart, pageTagCount, created, tagStart, tagCount, tagPool, speaker } = records;

  // The filter, compiled to ids and bit masks.
  const wantTags = (filter.tags ?? []).map((t) => records.tagIds.get(t) ?? -1);
  const anyTag = filter.tagMode === 'any';
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
  let speakers: Uint8Array | null = null;
  if (filter.speakers?.length) {
    speakers = new Uint8Array(records.speakerNames.length + 1);
    for (const name of filter.speakers) {
      const id = records.speakerIds.get(speakerKey(name));
      if (id !== undefined) speakers[id] = 1;
    }
  }
  const from = filter.from ?? -Infinity;
  const to = filter.to ?? Infinity;
  const noteWant = filter.hasNote === undefined ? -1 : filter.hasNote ? HAS_NOTE : 0;
  const orphanWant = filter.orphaned === undefined ? -1 : filter.orphaned ? ORPHANED : 0;

  const tagCounts = new Int32Array(records.tagNames.length);
  const articleTagCounts = new Int32Array(records.tagNames.length);
  // Row (k + 1) that last counted a tag through its own tags, so its article's does not count it twice.
  const tagSeen = new Int32Array(records.tagNames.length);
  const colorCounts = new Int32Array(COLORS.length);
  const kindCounts = new Int32Array(NOTE_KINDS.length);
  const siteCounts = new Int32Array(records.siteNames.length);
  const speakerCounts = new Int32Array(records.speakerNames.length);
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
  const F_SPEAKER = 128;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    if (!alive[r]) continue;
    let fails = 0;
    const ts = tagStart[r]!;
    const tn = tagCount[r]!;
    const p = page[r]!;
    const ps = pageTagStart[p]!;
    const pn = pageTagCount[p]!;
    if (wantTags.length) {
      let matched = 0;
      for (const want of wantTags) {
        let found = false;
        for (let j = ts; j < ts + tn && !found; j++) if (tagPool[j] === want) found = true;
        for (let j = ps; j < ps + pn && !found; j++) if (tagPool[j] === want) found = true;
        if (found) matched++;
        else if (!anyTag) break;
      }
      if (anyTag ? matched === 0 : matched < wantTags.length) fails |= F_TAGS;
    }
    if (!((colorMask >>> color[r]!) & 1)) fails |= F_COLOR;
    if (!((kindMask >>> kind[r]!) & 1)) fails |= F_KIND;
    const site = pageSite[p]!;
    if (sites && !sites[site]) fails |= F_SITE;
    const t = created[r]!;
    if (t < from || t >= to) fails |= F_DATE;
    const f = flags[r]!;
    if (noteWant !== -1 && (f & HAS_NOTE) !== noteWant) fails |= F_NOTE;
    if (orphanWant !== -1 && (f & ORPHANED) !== orphanWant) fails |= F_ORPHAN;
    const who = speaker[r]!;
    if (speakers && (who < 0 || !speakers[who])) fails |= F_SPEAKER;

    if (fails === 0) out[n++] = r;
    if ((fails & (anyTag ? ~F_TAGS : -1)) === 0) {
      for (let j = ts; j < ts + tn; j++) {
        const id = tagPool[j]!;
        tagCounts[id]!++;
        tagSeen[id] = k + 1;
      }
      for (let j = ps; j < ps + pn; j++) {
        const id = tagPool[j]!;
        if (tagSeen[id] === k + 1) continue;
        tagCounts[id]!++;
        articleTagCounts[id]!++;
      }
    }
    if ((fails & ~F_COLOR) === 0) colorCounts[color[r]!]!++;
    if ((fails & ~F_KIND) === 0) kindCounts[kind[r]!]!++;
    if ((fails & ~F_SITE) === 0) siteCounts[site]!++;
    if ((fails & ~F_NOTE) === 0) f & HAS_NOTE ? hasNote.yes++ : hasNote.no++;
    if ((fails & ~F_ORPHAN) === 0) f & ORPHANED ? orphaned.yes++ : orphaned.no++;
    if (who >= 0 && (fails & ~F_SPEAKER) === 0) speakerCounts[who]!++;
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
  const tags = ranked(tagCounts, records.tagNames);
  for (const f of tags) {
    const fromArticles = articleTagCounts[records.tagIds.get(f.value)!]!;
    if (fromArticles) f.fromArticles = fromArticles;
  }
  const facets: Facets = {
    total: n,
    tags,
    colors: COLORS.map((value, i) => ({ value, count: colorCounts[i]! })),
    kinds: NOTE_KINDS.map((value, i) => ({ value, count: kindCounts[i]! })),
    sites: ranked(siteCounts, records.siteNames),
    speakers: ranked(speakerCounts, records.speakerNames),
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

/** Filters only a note can pass: an article has no colour, kind, written note, lost passage or speaker. */
const NOTE_ONLY = ['colors', 'kinds', 'hasNote', 'orphaned', 'speakers'] as const;

/**
 * Page keys whose article matches the filter by itself: its site, its own tags (all or any, as
 * `tagMode` says), the day it was saved (`createdAt` in `[from, to)`) and, given a search, its
 * words (`searchPages`: a flag per page key, see `SearchIndex.searchArticles`). None while a
 * filter only a note can pass is set (colour, kind, written note, orphan).
 */
export function matchingArticles(records: NoteRecords, filter: NoteFilter, searchPages?: Uint8Array): number[] {
  if (NOTE_ONLY.some((k) => filter[k] !== undefined && (!Array.isArray(filter[k]) || (filter[k] as unknown[]).length))) return [];
  const sites = filter.sites?.length ? new Set(filter.sites.map((s) => records.siteIds.get(s) ?? -1)) : undefined;
  const want = (filter.tags ?? []).map((t) => records.tagIds.get(t) ?? -1);
  const from = filter.from ?? -Infinity;
  const to = filter.to ?? Infinity;
  const out: number[] = [];
  for (const p of records.articleKeys.values()) {
    const article = records.pageArticle[p]!;
    if (searchPages && !searchPages[p]) continue;
    if (sites && !sites.has(records.pageSite[p]!)) continue;
    if (article.createdAt < from || article.createdAt >= to) continue;
    if (want.length) {
      const own = records.tagPool.subarray(records.pageTagStart[p]!, records.pageTagStart[p]! + records.pageTagCount[p]!);
      const has = want.filter((id) => own.includes(id)).length;
      if (filter.tagMode === 'any' ? has === 0 : has < want.length) continue;
    }
    out.push(p);
  }
  return out;
}

/**
 * The Articles view's pages: those with matching notes (`groups`, from {@link groupByArticle})
 * and those whose article matches by itself (`pages`, from {@link matchingArticles}, shown with
 * no note when none of theirs matches), newest first as `byArticle` orders them.
 */
export function withMatchingArticles(records: NoteRecords, groups: ArticleGroup[], pages: readonly number[]): ArticleGroup[] {
  const shown = new Set(groups.map((g) => g.url));
  const extra: ArticleGroup[] = [];
  for (const p of pages) {
    const url = records.pageUrls[p]!;
    if (!shown.has(url)) extra.push({ url, article: records.pageArticle[p]!, notes: [] });
  }
  if (!extra.length) return groups;
  const savedAt = (g: ArticleGroup) => g.article?.createdAt ?? Math.max(...g.notes.map((n) => n.createdAt));
  const at = new Map([...groups, ...extra].map((g) => [g, savedAt(g)]));
  return [...groups, ...extra].sort((a, b) => at.get(b)! - at.get(a)! || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}
