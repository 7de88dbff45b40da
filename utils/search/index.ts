/**
 * In-memory full-text index over notes and their articles, for the side panel's search box:
 * every query word must match (AND) in a note or its article, the last one as a prefix while
 * typed, folded and plurals matched; results ranked by field weights, newest first on a tie.
 *
 * What it does, how, and why not a library (measured against MiniSearch and FlexSearch):
 * docs/search.md.
 */
import type { ArticleWithBody, Note } from '../model';
import { NoteRecords } from './filters';
import { matchTerm, parseQuery, scanTokens, stem, text, WordScanner, type QueryTerm } from './normalize';
import { ensureCapacity } from './typed-arrays';

export type { QueryTerm } from './normalize';

/** Where a word was found: the note's tags, quoted passage, own note; its article's title, author, text. */
export type SearchField = 'tags' | 'exact' | 'note' | 'title' | 'author' | 'text';

export interface SearchIndexOptions {
  /**
   * Also index each article's full text (the `text` of its body, given joined in:
   * `ArticleWithBody`), so a note is found by the words of the page it was made on. Costs memory
   * and build time (docs/search.md); changing it means a new index.
   */
  fullText?: boolean;
}

export interface SearchOptions {
  /** How many of the best results get `words` and `fields` worked out. Default 50. */
  limit?: number;
  /** Treat the last word as a prefix when the query does not end with a space. Default true. */
  prefix?: boolean;
}

/** One matching note, with what matched (for highlighting and for "found in the article" hints). */
export interface SearchHit {
  id: string;
  /** Its row in `index.records`. */
  row: number;
  score: number;
  /** Words of the note or its article that matched, folded as indexed (`experience`, `clients`). */
  words: string[];
  /** Fields they were found in, best field first. */
  fields: SearchField[];
}

export interface SearchResult {
  /** The query as read: folded words, the last one maybe a prefix. Pass it to {@link highlightMatches}. */
  terms: QueryTerm[];
  /** Every matching note's row in `index.records`, best first; equal scores newest first. */
  rows: Int32Array;
  /** Their ids, in the same order. */
  ids: string[];
  /** The first `limit` with their score and what matched. */
  hits: SearchHit[];
}

// Field bits stored with each posting, and their weights: tags/title > author > quote > note > text.
const TAGS = 1;
const EXACT = 2;
const NOTE = 4;
const TITLE = 1;
const AUTHOR = 2;
const TEXT = 4;
const NOTE_FIELDS: ReadonlyArray<[number, SearchField, number]> = [
  [TAGS, 'tags', 4],
  [EXACT, 'exact', 2],
  [NOTE, 'note', 1.5],
];
const ARTICLE_FIELDS: ReadonlyArray<[number, SearchField, number]> = [
  [TITLE, 'title', 4],
  [AUTHOR, 'author', 3],
  [TEXT, 'text', 0.5],
];
/** Score of a posting by its field mask: the best field, plus a little for each other one. */
const weights = (fields: typeof NOTE_FIELDS) =>
  Float32Array.from({ length: 8 }, (_, mask) => {
    const ws = fields.filter(([bit]) => mask & bit).map(([, , w]) => w);
    return ws.length ? Math.max(...ws) + 0.25 * (ws.length - 1) : 0;
  });
const NOTE_WEIGHT = weights(NOTE_FIELDS);
const ARTICLE_WEIGHT = weights(ARTICLE_FIELDS);

/** Quality of a word matching a query word: the word itself, a plural of it, or a word it begins. */
function quality(word: string, term: QueryTerm): number {
  if (word === term.text) return 1;
  if (stem(word) === term.stem) return 0.9;
  return 0.5 + (0.3 * term.text.length) / word.length;
}

/** A growable list of 32-bit integers (posting lists during a bulk build). */
class IntList {
  data = new Uint32Array(1024);
  length = 0;
  push(v: number) {
    if (this.length === this.data.length) this.data = ensureCapacity(this.data, this.length * 2);
    this.data[this.length++] = v;
  }
}

/**
 * Postings of every word: entries `slot * 8 + fieldMask`, ascending by slot. A compact main
 * segment (one typed array, offsets per word) built in bulk, plus small per-word arrays for what
 * was added since; removed documents stay until the next compaction, which rebuilds the main
 * segment when the added and removed entries reach a quarter of it.
 */
class Postings {
  offsets = new Uint32Array(1);
  data = new Uint32Array(0);
  /** Words covered by the main segment. */
  mainWords = 0;
  delta: Array<number[] | undefined> = [];
  deltaSize = 0;
  deadSize = 0;

  append(word: number, entry: number) {
    (this.delta[word] ??= []).push(entry);
    this.deltaSize++;
  }

  /** Rebuilds the main segment from `(word, entry)` pairs, in entry order per word. */
  static build(words: number, pairWords: Uint32Array, pairEntries: Uint32Array, n: number): Postings {
    const p = new Postings();
    const offsets = new Uint32Array(words + 1);
    for (let i = 0; i < n; i++) offsets[pairWords[i]! + 1]!++;
    for (let w = 0; w < words; w++) offsets[w + 1]! += offsets[w]!;
    const cursor = offsets.slice(0, words);
    const data = new Uint32Array(n);
    for (let i = 0; i < n; i++) data[cursor[pairWords[i]!]!++] = pairEntries[i]!;
    p.offsets = offsets;
    p.data = data;
    p.mainWords = words;
    return p;
  }

  needsCompaction() {
    return this.deltaSize + this.deadSize > 4096 + this.data.length / 4;
  }

  /** Main segment and additions merged, entries of dead slots dropped. */
  compact(words: number, alive: Uint8Array): Postings {
    const p = new Postings();
    const offsets = new Uint32Array(words + 1);
    const live = (e: number) => alive[e >>> 3] === 1;
    for (let w = 0; w < words; w++) {
      let n = 0;
      if (w < this.mainWords) for (let j = this.offsets[w]!, end = this.offsets[w + 1]!; j < end; j++) n += live(this.data[j]!) ? 1 : 0;
      for (const e of this.delta[w] ?? []) n += live(e) ? 1 : 0;
      offsets[w + 1] = offsets[w]! + n;
    }
    const data = new Uint32Array(offsets[words]!);
    let k = 0;
    for (let w = 0; w < words; w++) {
      if (w < this.mainWords) for (let j = this.offsets[w]!, end = this.offsets[w + 1]!; j < end; j++) if (live(this.data[j]!)) data[k++] = this.data[j]!;
      for (const e of this.delta[w] ?? []) if (live(e)) data[k++] = e;
    }
    p.offsets = offsets;
    p.data = data;
    p.mainWords = words;
    return p;
  }

  /** Field mask of `slot` in the postings of `word` (0 if absent): binary search, entries being sorted. */
  maskOf(word: number, slot: number): number {
    const lo = slot * 8;
    if (word < this.mainWords) {
      let a = this.offsets[word]!;
      let b = this.offsets[word + 1]!;
      while (a < b) {
        const m = (a + b) >>> 1;
        if (this.data[m]! < lo) a = m + 1;
        else b = m;
      }
      const e = this.data[a];
      if (a < this.offsets[word + 1]! && e !== undefined && e >>> 3 === slot) return e & 7;
    }
    for (const e of this.delta[word] ?? []) if (e >>> 3 === slot) return e & 7;
    return 0;
  }
}

/**
 * Every word indexed. Words are looked up straight from the scanner's buffer in an open-addressing
 * table (FNV-1a hashes), so indexing allocates a string only for a word never seen before. A
 * sorted view serves prefixes; words added since the last sort wait in a short unsorted list,
 * merged in when it grows, so adding a note never re-sorts the vocabulary.
 */
class Dictionary {
  words: string[] = [];
  /** Open addressing, two ints per entry: the word's hash and its id + 1 (0: empty). */
  #table = new Int32Array(2 * 4096);
  /** Characters of every word, end to end, to compare with the scanner's buffer without touching strings. */
  #chars = new Uint16Array(1 << 16);
  #charsLength = 0;
  #start = new Uint32Array(1024);
  /** Words whose stem differs from themselves (plurals), by stem. */
  plurals = new Map<string, number[]>();
  sorted: string[] = [];
  sortedIds = new Int32Array(0);
  recent: number[] = [];

  get size() {
    return this.words.length;
  }

  /** Id of the word `buf[start, end)`, added if new. */
  intern(buf: Uint16Array, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
    const table = this.#table;
    const mask = (table.length >> 1) - 1;
    const len = end - start;
    const chars = this.#chars;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const id = table[2 * i + 1]! - 1;
      if (id < 0) break;
      if (table[2 * i] !== h) continue;
      const at = this.#start[id]!;
      if (this.#start[id + 1]! - at !== len) continue;
      let k = 0;
      while (k < len && chars[at + k] === buf[start + k]) k++;
      if (k === len) return id;
    }
    return this.#add(buf, start, end, h);
  }

  /** Id of a word, if indexed. */
  get(word: string): number | undefined {
    let h = 0x811c9dc5;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
    const table = this.#table;
    const mask = (table.length >> 1) - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const id = table[2 * i + 1]! - 1;
      if (id < 0) return undefined;
      if (table[2 * i] === h && this.words[id] === word) return id;
    }
  }

  #add(buf: Uint16Array, start: number, end: number, h: number): number {
    const word = text(buf, start, end);
    const id = this.words.push(word) - 1;
    this.#start = ensureCapacity(this.#start, id + 2);
    this.#chars = ensureCapacity(this.#chars, this.#charsLength + word.length);
    this.#chars.set(buf.subarray(start, end), this.#charsLength);
    this.#charsLength += word.length;
    this.#start[id + 1] = this.#charsLength;
    if (this.words.length * 4 > this.#table.length) this.#rehash(this.#table.length);
    this.#insert(this.#table, h, id);
    const s = stem(word);
    if (s !== word) {
      const list = this.plurals.get(s);
      if (list) list.push(id);
      else this.plurals.set(s, [id]);
    }
    this.recent.push(id);
    return id;
  }

  #insert(table: Int32Array, h: number, id: number) {
    const mask = (table.length >> 1) - 1;
    let i = h & mask;
    while (table[2 * i + 1] !== 0) i = (i + 1) & mask;
    table[2 * i] = h;
    table[2 * i + 1] = id + 1;
  }

  /** Doubles the table (load kept under one half). */
  #rehash(entries: number) {
    const old = this.#table;
    const table = new Int32Array(2 * entries);
    for (let i = 0; i < old.length; i += 2) if (old[i + 1]) this.#insert(table, old[i]!, old[i + 1]! - 1);
    this.#table = table;
  }

  /** Sorts the recent words into the sorted view: a sort of the few, a linear merge with the many. */
  merge() {
    if (this.recent.length === 0) return;
    const words = this.words;
    const add = this.recent.sort((a, b) => (words[a]! < words[b]! ? -1 : words[a]! > words[b]! ? 1 : 0));
    const total = this.sorted.length + add.length;
    const sorted: string[] = new Array(total);
    const ids = new Int32Array(total);
    let i = 0;
    let j = 0;
    for (let k = 0; k < total; k++) {
      if (j >= add.length || (i < this.sorted.length && this.sorted[i]! < words[add[j]!]!)) {
        sorted[k] = this.sorted[i]!;
        ids[k] = this.sortedIds[i++]!;
      } else {
        ids[k] = add[j]!;
        sorted[k] = words[add[j++]!]!;
      }
    }
    this.sorted = sorted;
    this.sortedIds = ids;
    this.recent = [];
  }

  /** Words a query word matches, with the quality of each match. */
  expand(term: QueryTerm): { ids: number[]; qualities: number[] } {
    const ids: number[] = [];
    const qualities: number[] = [];
    const seen = new Set<number>();
    const take = (id: number | undefined) => {
      if (id === undefined || seen.has(id)) return;
      seen.add(id);
      ids.push(id);
      qualities.push(quality(this.words[id]!, term));
    };
    take(this.get(term.text));
    if (stem(term.stem) === term.stem) take(this.get(term.stem));
    for (const id of this.plurals.get(term.stem) ?? []) take(id);
    if (term.prefix) {
      // Words added since the last merge are scanned one by one; past a few thousand, merge.
      if (this.recent.length > 2048) this.merge();
      const p = term.text;
      let a = 0;
      let b = this.sorted.length;
      while (a < b) {
        const m = (a + b) >>> 1;
        if (this.sorted[m]! < p) a = m + 1;
        else b = m;
      }
      for (let k = a; k < this.sorted.length && this.sorted[k]!.startsWith(p); k++) take(this.sortedIds[k]);
      for (const id of this.recent) if (this.words[id]!.startsWith(p)) take(id);
    }
    return { ids, qualities };
  }
}

/**
 * Candidates best first: a stable radix sort (3 passes of 10 bits) of scores quantised to 1/1000,
 * so equal scores keep the candidates' order, newest first. Sorting 50,000 results (a first
 * letter typed, with full text) with a comparator costs 25–30 ms here, a native Float64Array
 * sort of packed keys 3–5 ms, this under 1 ms.
 */
function rank(score: Float64Array, n: number): Int32Array {
  const key = new Uint32Array(n);
  for (let k = 0; k < n; k++) key[k] = 2 ** 30 - 1 - Math.min(2 ** 30 - 1, Math.round(score[k]! * 1000));
  let from = new Int32Array(n);
  let to = new Int32Array(n);
  for (let k = 0; k < n; k++) from[k] = k;
  const count = new Int32Array(1024);
  for (let shift = 0; shift < 30; shift += 10) {
    count.fill(0);
    for (let k = 0; k < n; k++) count[(key[k]! >>> shift) & 1023]!++;
    let sum = 0;
    for (let b = 0; b < 1024; b++) {
      const c = count[b]!;
      count[b] = sum;
      sum += c;
    }
    for (let k = 0; k < n; k++) {
      const i = from[k]!;
      to[count[(key[i]! >>> shift) & 1023]!++] = i;
    }
    [from, to] = [to, from];
  }
  return from;
}

const noteFields = (note: Note): Array<[number, string]> => [
  [TAGS, note.tags.join(' ')],
  [EXACT, note.exact],
  [NOTE, note.note],
];

/**
 * The search index. Notes are found by their own words and by their article's (matched through
 * the note's `url`): every query word must match somewhere in the note or its article.
 *
 * It keeps {@link NoteRecords} in step (`index.records`), so a search's `rows` go straight to
 * `queryNotes` for filters, facets and sorting. Not persisted: build it with `bulkLoad` when the
 * panel opens, then keep it in step with `update`, `remove`, `putArticle`, `removeArticle`.
 */
export class SearchIndex {
  readonly fullText: boolean;
  readonly records = new NoteRecords();
  #scanner = new WordScanner();
  #dict = new Dictionary();
  #notePostings = new Postings();
  #articlePostings = new Postings();
  /** Postings per note row (to count what a removal leaves dead). */
  #entries = new Uint32Array(0);

  // Article versions by slot (a new one on every change), and each page's current slot.
  #articleSlotOfPage = new Int32Array(0);
  #articlePage = new Int32Array(0);
  #articleAlive = new Uint8Array(0);
  #articleEntries = new Uint32Array(0);
  #articleSlots = 0;

  // Per-query scratch, kept to spare allocations on every keystroke.
  #noteScore = new Float32Array(0);
  #pageScore = new Float32Array(0);
  // Per-document scratch: field mask of each word seen in the document.
  #docMask = new Uint8Array(0);
  #docWords: number[] = [];

  constructor(options: SearchIndexOptions = {}) {
    this.fullText = options.fullText ?? false;
  }

  /** Live notes indexed. */
  get size(): number {
    return this.records.size;
  }

  has(noteId: string): boolean {
    return this.records.rowOf(noteId) !== undefined;
  }

  /** The indexed note with this id. */
  get(noteId: string): Note | undefined {
    const row = this.records.rowOf(noteId);
    return row === undefined ? undefined : this.records.notes[row];
  }

  /** Words in the vocabulary (notes, titles, authors, and texts with `fullText`). */
  get vocabulary(): number {
    return this.#dict.size;
  }

  /**
   * Replaces the whole content with these notes and articles: the fast way to build the index
   * (one pass, compact postings). Articles are read one at a time and their text is not kept,
   * so an iterator that loads them in batches keeps memory low.
   */
  bulkLoad(notes: Iterable<Note>, articles: Iterable<ArticleWithBody> = []): void {
    const load = this.#startLoad();
    for (const article of articles) load.article(article);
    load.finish(notes);
  }

  /**
   * `bulkLoad` with the articles arriving in batches, each awaited (bodies read from the database
   * meanwhile): only one batch's text is in memory at a time, and the page's main thread gets a
   * break between batches. The index must not be used until this resolves; `notes` is read at
   * the end, so it may be a live collection that changed meanwhile.
   */
  async bulkLoadBatches(notes: Iterable<Note>, batches: AsyncIterable<Iterable<ArticleWithBody>>): Promise<void> {
    const load = this.#startLoad();
    for await (const batch of batches) for (const article of batch) load.article(article);
    load.finish(notes);
  }

  /** A bulk load: articles first, then the notes (which need every word's id). */
  #startLoad(): { article(article: ArticleWithBody): void; finish(notes: Iterable<Note>): void } {
    this.records.bulkLoad([]);
    this.#dict = new Dictionary();
    this.#entries = new Uint32Array(0);
    this.#articleSlotOfPage = new Int32Array(0);
    this.#articlePage = new Int32Array(0);
    this.#articleAlive = new Uint8Array(0);
    this.#articleEntries = new Uint32Array(0);
    this.#articleSlots = 0;
    this.#docMask = new Uint8Array(0);

    const words = new IntList();
    const entries = new IntList();
    const emit = (word: number, entry: number) => {
      words.push(word);
      entries.push(entry);
    };
    return {
      article: (article) => this.#putArticle(article, emit),
      finish: (notes) => {
        this.#articlePostings = Postings.build(this.#dict.size, words.data, entries.data, words.length);
        words.length = 0;
        entries.length = 0;
        const dead: number[] = [];
        for (const note of notes) {
          const old = this.records.rowOf(note.id);
          if (old !== undefined) dead.push(old);
          this.#putNote(note, emit);
        }
        this.#notePostings = Postings.build(this.#dict.size, words.data, entries.data, words.length);
        for (const row of dead) this.#notePostings.deadSize += this.#entries[row]!;
        this.#dict.merge();
      },
    };
  }

  /** Indexes a new note (same as `update`). */
  add(note: Note): void {
    this.update(note);
  }

  /** Re-indexes a note after a change, or indexes it if new. */
  update(note: Note): void {
    const old = this.records.rowOf(note.id);
    if (old !== undefined) this.#notePostings.deadSize += this.#entries[old]!;
    this.#putNote(note, (word, entry) => this.#notePostings.append(word, entry));
    this.#maybeCompact();
  }

  /** Forgets a note. */
  remove(noteId: string): void {
    const row = this.records.remove(noteId);
    if (row === undefined) return;
    this.#notePostings.deadSize += this.#entries[row]!;
    this.#maybeCompact();
  }

  /**
   * Indexes an article (by its URL, which its notes share), replacing the previous version. A
   * full-text index needs its body's `text` joined in: without it the article's words are gone.
   */
  putArticle(article: ArticleWithBody): void {
    this.#putArticle(article, (word, entry) => this.#articlePostings.append(word, entry));
    this.#maybeCompact();
  }

  /** Forgets an article's title, author and text (its notes stay, found by their own words). */
  removeArticle(articleId: string): void {
    const page = this.records.articleKeys.get(articleId);
    if (page === undefined) return;
    this.#killArticle(page);
    this.records.removeArticle(articleId);
    this.#maybeCompact();
  }

  /**
   * Notes matching every word of `query` (the last one as a prefix while typing), best first.
   * An empty query (or one without words) matches nothing: show the unfiltered list instead.
   */
  search(query: string, options: SearchOptions = {}): SearchResult {
    const terms = parseQuery(query, options.prefix ?? true);
    const limit = options.limit ?? 50;
    const none = { terms, rows: new Int32Array(0), ids: [], hits: [] };
    const records = this.records;
    if (terms.length === 0 || records.size === 0) return none;
    const order = records.newestFirst();
    this.#noteScore = ensureCapacity(this.#noteScore, records.rows);
    this.#pageScore = ensureCapacity(this.#pageScore, records.pageUrls.length);
    const noteScore = this.#noteScore;
    const pageScore = this.#pageScore;
    const page = records.page;
    const expansions = terms.map((t) => this.#dict.expand(t));

    // Most selective word first: fewer candidates to carry through the others.
    const cost = expansions.map((e) => this.#cost(e.ids));
    const byCost = terms.map((_, i) => i).sort((a, b) => cost[a]! - cost[b]!);
    let cand: Int32Array = order;
    let candScore = new Float64Array(order.length);
    let n = order.length;
    for (const i of byCost) {
      const { ids, qualities } = expansions[i]!;
      if (ids.length === 0) return none;
      const touchedNotes: number[] = [];
      const touchedPages: number[] = [];
      this.#scoreWord(this.#notePostings, ids, qualities, NOTE_WEIGHT, records.alive, noteScore, touchedNotes, null);
      this.#scoreWord(this.#articlePostings, ids, qualities, ARTICLE_WEIGHT, this.#articleAlive, pageScore, touchedPages, this.#articlePage);
      const next = new Int32Array(n);
      const nextScore = new Float64Array(n);
      let m = 0;
      for (let k = 0; k < n; k++) {
        const row = cand[k]!;
        const a = noteScore[row]!;
        const b = pageScore[page[row]!]!;
        if (a === 0 && b === 0) continue;
        next[m] = row;
        nextScore[m++] = candScore[k]! + Math.max(a, b) + 0.1 * Math.min(a, b);
      }
      for (const s of touchedNotes) noteScore[s] = 0;
      for (const s of touchedPages) pageScore[s] = 0;
      cand = next;
      candScore = nextScore;
      n = m;
      if (n === 0) return none;
    }

    const ranked = rank(candScore, n);
    const rows = new Int32Array(n);
    const ids: string[] = new Array(n);
    const hits: SearchHit[] = [];
    const textWords = new Map<number, string[]>();
    for (let k = 0; k < n; k++) {
      const c = ranked[k]!;
      const row = (rows[k] = cand[c]!);
      ids[k] = records.ids[row]!;
      if (k < limit) hits.push({ id: ids[k]!, row, score: Math.round(candScore[c]! * 1000) / 1000, ...this.#explain(row, terms, expansions, textWords) });
    }
    return { terms, rows, ids, hits };
  }

  /** How many postings a word's expansion would visit (to order words by selectivity). */
  #cost(ids: number[]): number {
    let c = 0;
    for (const id of ids) {
      for (const p of [this.#notePostings, this.#articlePostings]) {
        if (id < p.mainWords) c += p.offsets[id + 1]! - p.offsets[id]!;
        c += p.delta[id]?.length ?? 0;
      }
    }
    return c;
  }

  /** Best score of one query word per document (note row, or page key when `pageOf` is given). */
  #scoreWord(p: Postings, ids: number[], qualities: number[], weight: Float32Array, alive: Uint8Array, score: Float32Array, touched: number[], pageOf: Int32Array | null): void {
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      const q = qualities[k]!;
      const main = id < p.mainWords;
      const d = p.delta[id];
      const end = (main ? p.offsets[id + 1]! - p.offsets[id]! : 0) + (d ? d.length : 0);
      const base = main ? p.offsets[id]! : 0;
      const mainEnd = main ? p.offsets[id + 1]! - base : 0;
      for (let j = 0; j < end; j++) {
        const e = j < mainEnd ? p.data[base + j]! : d![j - mainEnd]!;
        const slot = e >>> 3;
        if (!alive[slot]) continue;
        const doc = pageOf ? pageOf[slot]! : slot;
        const s = q * weight[e & 7]!;
        const was = score[doc]!;
        if (s > was) {
          if (was === 0) touched.push(doc);
          score[doc] = s;
        }
      }
    }
  }

  /** Words and fields through which a note matched. */
  #explain(row: number, terms: QueryTerm[], expansions: Array<{ ids: number[] }>, textWords: Map<number, string[]>): Pick<SearchHit, 'words' | 'fields'> {
    const words = new Set<string>();
    const found = new Set<SearchField>();
    const look = (field: SearchField, text: string | undefined) => {
      if (!text) return;
      for (const tok of scanTokens(text)) {
        for (const t of terms) {
          const m = matchTerm(tok.term, t);
          if (m === 2 || (m === 1 && tok.kind !== 'whole')) {
            words.add(tok.term);
            found.add(field);
          }
        }
      }
    };
    const note = this.records.notes[row]!;
    look('tags', note.tags.join(' '));
    look('exact', note.exact);
    look('note', note.note);
    const p = this.records.page[row]!;
    const article = this.records.pageArticle[p];
    look('title', article?.title);
    look('author', article?.byline);
    const slot = this.#articleSlotOfPage[p] ?? -1;
    if (this.fullText && slot >= 0) {
      let list = textWords.get(slot);
      if (!list) {
        list = [];
        for (const { ids } of expansions) {
          let n = 0;
          for (const id of ids) {
            if (this.#articlePostings.maskOf(id, slot) & TEXT) {
              list.push(this.#dict.words[id]!);
              // A prefix of one letter may match thousands of words; a few tell the story.
              if (++n === 4) break;
            }
          }
        }
        textWords.set(slot, list);
      }
      if (list.length) found.add('text');
      for (const w of list) words.add(w);
    }
    const rank: SearchField[] = ['tags', 'title', 'author', 'exact', 'note', 'text'];
    return { words: [...words], fields: rank.filter((f) => found.has(f)) };
  }

  /** Unique words of a document's fields, each with the mask of fields it is in. */
  #index(fields: ReadonlyArray<readonly [number, string | undefined]>, slot: number, emit: (word: number, entry: number) => void): number {
    const words = this.#docWords;
    words.length = 0;
    for (const [bit, value] of fields) {
      if (!value) continue;
      this.#bit = bit;
      this.#scanner.scan(value, this.#collect);
    }
    const mask = this.#docMask;
    for (const id of words) {
      emit(id, slot * 8 + mask[id]!);
      mask[id] = 0;
    }
    return words.length;
  }

  /** Field bit of the text being scanned, for {@link #collect}. */
  #bit = 0;
  /** Notes each word of a document once, with the fields it is in (one sink for all: no closure per field). */
  #collect = (buf: Uint16Array, start: number, end: number) => {
    const id = this.#dict.intern(buf, start, end);
    let mask = this.#docMask;
    if (id >= mask.length) mask = this.#docMask = ensureCapacity(mask, id + 1);
    if (mask[id] === 0) this.#docWords.push(id);
    mask[id]! |= this.#bit;
  };

  #putNote(note: Note, emit: (word: number, entry: number) => void): void {
    const row = this.records.put(note);
    this.#entries = ensureCapacity(this.#entries, row + 1);
    this.#entries[row] = this.#index(noteFields(note), row, emit);
  }

  #putArticle(article: ArticleWithBody, emit: (word: number, entry: number) => void): void {
    const old = this.records.articleKeys.get(article.id);
    if (old !== undefined) this.#killArticle(old);
    this.records.putArticle(article);
    const page = this.records.pageKey(article.url);
    const slot = this.#articleSlots++;
    this.#articlePage = ensureCapacity(this.#articlePage, slot + 1);
    this.#articleAlive = ensureCapacity(this.#articleAlive, slot + 1);
    this.#articleEntries = ensureCapacity(this.#articleEntries, slot + 1);
    this.#articleSlotOfPage = ensureCapacity(this.#articleSlotOfPage, page + 1, -1);
    this.#articlePage[slot] = page;
    this.#articleAlive[slot] = 1;
    this.#articleSlotOfPage[page] = slot;
    const fields = [
      [TITLE, article.title],
      [AUTHOR, article.byline],
      [TEXT, this.fullText ? article.text : undefined],
    ] as const;
    this.#articleEntries[slot] = this.#index(fields, slot, emit);
  }

  #killArticle(page: number) {
    const slot = this.#articleSlotOfPage[page] ?? -1;
    if (slot < 0) return;
    this.#articleAlive[slot] = 0;
    this.#articlePostings.deadSize += this.#articleEntries[slot]!;
    this.#articleSlotOfPage[page] = -1;
  }

  #maybeCompact() {
    const words = this.#dict.size;
    if (this.#notePostings.needsCompaction()) this.#notePostings = this.#notePostings.compact(words, this.records.alive);
    if (this.#articlePostings.needsCompaction()) this.#articlePostings = this.#articlePostings.compact(words, this.#articleAlive);
  }
}

/** A run of text, matched by the query or not. */
export interface TextRun {
  text: string;
  match: boolean;
}

const JOINERS = /^['’‘ʼ′´`\-‐‑‒–—―−]$/u;

/**
 * Cuts text as the reader sees it (accents, case, punctuation untouched) into runs matched by
 * the query and runs not: whole words, plurals of a query word, words a query prefix begins.
 * Parts of one compound matched together are one run (`bien-être` for "bien être").
 */
export function highlightMatches(text: string, query: string | readonly QueryTerm[]): TextRun[] {
  const terms = typeof query === 'string' ? parseQuery(query) : query;
  const spans: Array<[number, number]> = [];
  if (terms.length) {
    for (const tok of scanTokens(text)) {
      for (const t of terms) {
        const m = matchTerm(tok.term, t);
        // A compound counts whole only for the whole word ("aujourdhui"), not a prefix of its first part.
        if (m === 2 || (m === 1 && tok.kind !== 'whole')) {
          spans.push([tok.start, tok.end]);
          break;
        }
      }
    }
  }
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of spans) {
    const last = merged[merged.length - 1];
    if (last && (start <= last[1] || (start === last[1] + 1 && JOINERS.test(text[last[1]]!)))) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  const runs: TextRun[] = [];
  let at = 0;
  for (const [start, end] of merged) {
    if (start > at) runs.push({ text: text.slice(at, start), match: false });
    runs.push({ text: text.slice(start, end), match: true });
    at = end;
  }
  if (at < text.length || runs.length === 0) runs.push({ text: text.slice(at), match: false });
  return runs;
}
