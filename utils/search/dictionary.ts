/** The vocabulary of the search index (docs/search.md). */
import { stem, text, type QueryTerm } from './normalize';
import { quality } from './scoring';
import { ensureCapacity } from './typed-arrays';

/**
 * Every word indexed. Words are looked up straight from the scanner's buffer in an open-addressing
 * table (FNV-1a hashes), so indexing allocates a string only for a word never seen before. A
 * sorted view serves prefixes; words added since the last sort wait in a short unsorted list,
 * merged in when it grows, so adding a note never re-sorts the vocabulary.
 */
export class Dictionary {
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
