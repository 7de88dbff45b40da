/**
 * Posting lists: for every word, the documents it is in and the fields it is in there
 * (docs/search.md). Written while indexing, read by every keystroke.
 */
import { ensureCapacity } from './typed-arrays';

/** A growable list of 32-bit integers (posting lists during a bulk build). */
export class IntList {
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
export class Postings {
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

  /** How many entries the postings of these words hold (to order query words by selectivity). */
  visits(ids: number[]): number {
    let c = 0;
    for (const id of ids) {
      if (id < this.mainWords) c += this.offsets[id + 1]! - this.offsets[id]!;
      c += this.delta[id]?.length ?? 0;
    }
    return c;
  }

  /**
   * Best score of one query word per document (note row, or page key when `pageOf` is given),
   * over the words it expands to: `score` keeps each document's best, `touched` lists the
   * documents scored (to reset them after).
   */
  score(ids: number[], qualities: number[], weight: Float32Array, alive: Uint8Array, score: Float32Array, touched: number[], pageOf: Int32Array | null): void {
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      const q = qualities[k]!;
      const main = id < this.mainWords;
      const d = this.delta[id];
      const end = (main ? this.offsets[id + 1]! - this.offsets[id]! : 0) + (d ? d.length : 0);
      const base = main ? this.offsets[id]! : 0;
      const mainEnd = main ? this.offsets[id + 1]! - base : 0;
      for (let j = 0; j < end; j++) {
        const e = j < mainEnd ? this.data[base + j]! : d![j - mainEnd]!;
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
}
