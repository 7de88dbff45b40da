import type { ArticleWithBody, Note } from '../domain/model';
import { Dictionary } from './dictionary';
import { tokenMatches } from './highlight';
import { parseQuery, scanTokens, WordScanner, type QueryTerm } from './normalize';
import { IntList, Postings } from './postings';
import { NoteRecords } from './records';
import { ARTICLE_WEIGHT, articleFields, FIELD_ORDER, NOTE_WEIGHT, noteFields, rank, TEXT, type SearchField } from './scoring';
import { ensureCapacity } from './typed-arrays';

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
    const cost = expansions.map((e) => this.#notePostings.visits(e.ids) + this.#articlePostings.visits(e.ids));
    const byCost = terms.map((_, i) => i).sort((a, b) => cost[a]! - cost[b]!);
    let cand: Int32Array = order;
    let candScore = new Float64Array(order.length);
    let n = order.length;
    for (const i of byCost) {
      const { ids, qualities } = expansions[i]!;
      if (ids.length === 0) return none;
      const touchedNotes: number[] = [];
      const touchedPages: number[] = [];
      this.#notePostings.score(ids, qualities, NOTE_WEIGHT, records.alive, noteScore, touchedNotes, null);
      this.#articlePostings.score(ids, qualities, ARTICLE_WEIGHT, this.#articleAlive, pageScore, touchedPages, this.#articlePage);
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

  /** Page keys (a flag each) whose article alone has every word of `query`: title, tags, author, text. */
  searchArticles(query: string): Uint8Array {
    const pages = this.records.pageUrls.length;
    let hits: Uint8Array | undefined;
    const score = (this.#pageScore = ensureCapacity(this.#pageScore, pages));
    for (const term of parseQuery(query, true)) {
      const { ids, qualities } = this.#dict.expand(term);
      const touched: number[] = [];
      this.#articlePostings.score(ids, qualities, ARTICLE_WEIGHT, this.#articleAlive, score, touched, this.#articlePage);
      const next = new Uint8Array(pages);
      for (const p of touched) {
        if (!hits || hits[p]) next[p] = 1;
        score[p] = 0;
      }
      hits = next;
    }
    return hits ?? new Uint8Array(pages);
  }

  /** Words and fields through which a note matched. */
  #explain(row: number, terms: QueryTerm[], expansions: Array<{ ids: number[] }>, textWords: Map<number, string[]>): Pick<SearchHit, 'words' | 'fields'> {
    const words = new Set<string>();
    const found = new Set<SearchField>();
    const look = (field: SearchField, text: string | undefined) => {
      if (!text) return;
      for (const tok of scanTokens(text)) {
        if (terms.some((t) => tokenMatches(tok, t))) {
          words.add(tok.term);
          found.add(field);
        }
      }
    };
    const note = this.records.notes[row]!;
    look('tags', note.tags.join(' '));
    look('speaker', note.speaker);
    look('exact', note.exact);
    look('note', note.note);
    const p = this.records.page[row]!;
    const article = this.records.pageArticle[p];
    look('title', article?.title);
    look('articleTags', article?.tags.join(' '));
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
    return { words: [...words], fields: FIELD_ORDER.filter((f) => found.has(f)) };
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
    this.#articleEntries[slot] = this.#index(articleFields(article, this.fullText), slot, emit);
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
