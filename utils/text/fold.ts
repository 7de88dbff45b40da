import { classOf, SHAPING } from './table';

/**
 * Text folded the way a reader compares words when looking for one: case, accents and letter
 * variants ignored, and the character table applied, so "experience" finds « Expérience »,
 * "oeuvre" finds « œuvre », "lodz" finds « Łódź » and `l'idee` finds `l’idée`.
 *
 * | raw                                                        | folded              |
 * | ---------------------------------------------------------- | ------------------- |
 * | case, accents (precomposed or combining), NFKD variants    | lowercase, bare     |
 * | œ æ ß ẞ ø ł đ ı þ ð ς                                      | oe ae ss ss o l d i th d σ |
 * | fullwidth and other compatibility forms (ＡＢＣ, ²)          | their plain form    |
 * | ZWJ, ZWNJ (and every other combining mark)                 | nothing             |
 * | the character table (`./table`): ’ « – NBSP … ﬁ            | ' " - space ... fi  |
 *
 * Spaces are not collapsed and the length may change (œ → oe, … → ...). Per code point, cached,
 * which is exact: NFKD decomposes each code point on its own, and the marks it may reorder are
 * dropped anyway. Lowercasing is locale-independent (`toLowerCase`).
 */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  return OTHER.test(lower) ? lower.replace(OTHER_ALL, foldChar) : lower;
}

/** Letters NFKD does not decompose. ẞ is here because it lowercases to ß. */
const LETTERS = new Map<string, string>([
  ['œ', 'oe'], ['Œ', 'oe'], ['æ', 'ae'], ['Æ', 'ae'], ['ß', 'ss'], ['ẞ', 'ss'], ['ø', 'o'], ['Ø', 'o'], ['ł', 'l'], ['Ł', 'l'],
  ['đ', 'd'], ['Đ', 'd'], ['ı', 'i'], ['þ', 'th'], ['Þ', 'th'], ['ð', 'd'], ['Ð', 'd'], ['ς', 'σ'],
]);
for (const c of SHAPING) LETTERS.set(c, '');

/**
 * What may fold to something else: anything but printable ASCII (tabs and line breaks are
 * spaces), and the backquote, an apostrophe in the table.
 */
const OTHER = /[^\x20-\x5f\x61-\x7e]/u;
const OTHER_ALL = /[^\x20-\x5f\x61-\x7e]/gu;
const MARKS = /\p{M}+/gu;

/** Folded form of each character met so far (a few hundred in practice). */
const FOLDED = new Map<string, string>();

/** One code point (or a lone surrogate), folded as `fold` folds it inside a text. */
export function foldChar(c: string): string {
  let to = FOLDED.get(c);
  if (to === undefined) {
    to = step(c);
    // What NFKD gives may need folding itself (︱ → — → -, ﬅ → ſt → st, Ǆ → DŽ → dž → dz).
    if (to !== c && OTHER.test(to)) to = [...to.toLowerCase()].map(step).join('');
    FOLDED.set(c, to);
  }
  return to;
}

function step(c: string): string {
  const known = c === '\n' ? ' ' : (classOf(c)?.canonical ?? LETTERS.get(c));
  if (known !== undefined) return known === '\n' ? ' ' : known;
  return c.normalize('NFKD').replace(MARKS, '').toLowerCase();
}
