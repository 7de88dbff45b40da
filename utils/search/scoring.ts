/**
 * How a match scores and how results are ranked (docs/search.md): the fields a word is found in
 * and their weights, how well a word matches a query word, and the sort of the results.
 */
import type { ArticleWithBody, Note } from '../domain/model';
import { stem, type QueryTerm } from './normalize';

/**
 * Where a word was found: the note's tags, its quote's speaker, quoted passage, own note; its
 * article's title, tags, author, text.
 */
export type SearchField = 'tags' | 'speaker' | 'exact' | 'note' | 'title' | 'articleTags' | 'author' | 'text';

// Field bits stored with each posting, and their weights: tags/title > author > quote > note > text.
const TAGS = 1;
const EXACT = 2;
const NOTE = 4;
const TITLE = 1;
const AUTHOR = 2;
export const TEXT = 4;
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
export const NOTE_WEIGHT = weights(NOTE_FIELDS);
export const ARTICLE_WEIGHT = weights(ARTICLE_FIELDS);

/** Quality of a word matching a query word: the word itself, a plural of it, or a word it begins. */
export function quality(word: string, term: QueryTerm): number {
  if (word === term.text) return 1;
  if (stem(word) === term.stem) return 0.9;
  return 0.5 + (0.3 * term.text.length) / word.length;
}

/** Fields in the order a hit lists them: the best first. */
export const FIELD_ORDER: readonly SearchField[] = ['tags', 'speaker', 'title', 'articleTags', 'author', 'exact', 'note', 'text'];

/**
 * The fields of a note, with their bits. A quote's speaker shares the tags' bit (three bits per
 * posting; a name typed is as telling as a tag): `#explain` tells them apart by reading the fields again.
 */
export const noteFields = (note: Note): Array<[number, string]> => [
  [TAGS, note.tags.join(' ')],
  [TAGS, note.speaker ?? ''],
  [EXACT, note.exact],
  [NOTE, note.note],
];

/**
 * The fields of an article, with their bits; its text only in a full-text index. Its tags share
 * the title's bit (three bits per posting; the same weight as a note's tags): `#explain` tells
 * them apart by reading the fields again.
 */
export const articleFields = (article: ArticleWithBody, fullText: boolean) =>
  [
    [TITLE, article.title],
    [TITLE, article.tags?.join(' ')],
    [AUTHOR, article.byline],
    [TEXT, fullText ? article.text : undefined],
  ] as const;

/**
 * Candidates best first: a stable radix sort (3 passes of 10 bits) of scores quantised to 1/1000,
 * so equal scores keep the candidates' order, newest first. Sorting 50,000 results (a first
 * letter typed, with full text) with a comparator costs 25–30 ms here, a native Float64Array
 * sort of packed keys 3–5 ms, this under 1 ms.
 */
export function rank(score: Float64Array, n: number): Int32Array {
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
