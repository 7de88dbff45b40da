/**
 * The terms of a text that could be tags: its content words, and the multi-word terms it uses
 * (« expérience client », « marketing de contenu », « lettre d’information »), each counted, with
 * where it first occurs, the form it is most often written in, and whether a heading has it.
 */
import { hasLetter, type Token } from './words';

/** A multi-word term is a candidate, and counts for the library, from this many occurrences. */
export const MIN_PHRASE_COUNT = 2;
// French compound terms are joined by a preposition: « marketing de contenu », « lettre d’information »
// (`d’` is handled with elisions), « compostage en appartement », « bac à compost ».
const COMPOUND_PREPOSITIONS = new Set(['de', 'du', 'des', 'en', 'à']);

export interface Term {
  /** Occurrences, the title's included. */
  count: number;
  /** Occurrences in the text itself. */
  bodyCount: number;
  /** Index of the first occurrence, for a stable order between equal scores (title: negative). */
  first: number;
  display: string;
  /** The unigram keys it is made of. */
  parts: string[];
  inTitle: boolean;
  inHeading: boolean;
}

export interface Candidate extends Term {
  key: string;
  existing: boolean;
}


export function countTerms(tokens: readonly Token[]): { unigrams: Map<string, Term>; phrases: Map<string, Term> } {
  const unigrams = new Map<string, Counted>();
  const phrases = new Map<string, Counted>();
  let prev: Token | undefined;
  tokens.forEach((t, i) => {
    if (!t.kept) {
      // `A de B`, `A du B`, `A des B`: a French compound across the preposition.
      const next = tokens[i + 1];
      if (prev && COMPOUND_PREPOSITIONS.has(t.surface) && !t.gapBefore && !t.elision && next?.kept && !next.gapBefore && !next.elision && prev.key !== next.key) {
        add(phrases, `${prev.key} ${t.surface} ${next.key}`, `${prev.surface} ${t.surface} ${next.surface}`, i - 1, [prev.key, next.key], prev.heading);
      }
      prev = undefined;
      return;
    }
    add(unigrams, t.key, t.surface, i, [t.key], t.heading);
    if (prev && !t.gapBefore && prev.key !== t.key) {
      if (!t.elision) add(phrases, `${prev.key} ${t.key}`, `${prev.surface} ${t.surface}`, i - 1, [prev.key, t.key], t.heading);
      // `A d'B`: « lettre d’information », « centre d’intérêt ».
      else if (t.elision === "d'") {
        add(phrases, `${prev.key} d'${t.key}`, `${prev.surface} ${t.elision}${t.surface}`, i - 1, [prev.key, t.key], t.heading);
      }
    }
    prev = t;
  });
  return { unigrams: finish(unigrams), phrases: finish(phrases) };
}

interface Counted {
  count: number;
  first: number;
  parts: string[];
  inHeading: boolean;
  forms: Map<string, number>;
}

function add(terms: Map<string, Counted>, key: string, surface: string, at: number, parts: string[], heading: boolean): void {
  let term = terms.get(key);
  if (!term) terms.set(key, (term = { count: 0, first: at, parts, inHeading: false, forms: new Map<string, number>() }));
  term.count++;
  term.inHeading ||= heading;
  term.forms.set(surface, (term.forms.get(surface) ?? 0) + 1);
}

/** Each term shown in its most frequent form; on a tie the shorter (the singular), then A–Z. */
function finish(terms: Map<string, Counted>): Map<string, Term> {
  const out = new Map<string, Term>();
  for (const [key, { count, first, parts, inHeading, forms }] of terms) {
    const [display] = [...forms].sort(
      ([a, na], [b, nb]) => nb - na || a.length - b.length || compare(a, b),
    )[0]!;
    out.set(key, { count, bodyCount: count, first, display, parts, inTitle: false, inHeading });
  }
  return out;
}

/** Adds the title's terms to the text's: one more occurrence each, first, marked as in the title. */
export function mergeTitle(into: Map<string, Term>, title: ReadonlyMap<string, Term>, titleLength: number): void {
  for (const [key, term] of title) {
    const known = into.get(key);
    if (known) {
      known.count += term.count;
      known.first = term.first - titleLength;
      known.inTitle = true;
    } else {
      into.set(key, { ...term, bodyCount: 0, first: term.first - titleLength, inTitle: true });
    }
  }
}

/**
 * Where the text mentions an existing tag: the tag's words in a row, plurals folded, stopwords
 * included (`taux de conversion`). Tags made only of stopwords are ignored.
 */
export function findTag(
  tokens: readonly Token[],
  words: readonly Token[],
  tag: string,
): Omit<Term, 'inTitle' | 'inHeading' | 'bodyCount'> & { key: string } | undefined {
  if (words.every((w) => w.stop || !hasLetter(w.surface))) return undefined;
  const keys = words.map((w) => w.key);
  let count = 0;
  let first = -1;
  for (let i = 0; i + keys.length <= tokens.length; i++) {
    let match = true;
    for (let j = 0; j < keys.length && match; j++) {
      const t = tokens[i + j]!;
      match = t.key === keys[j] && (j === 0 || !t.gapBefore);
    }
    if (!match) continue;
    count++;
    if (first < 0) first = i;
  }
  if (!count) return undefined;
  const parts = words.filter((w) => w.kept).map((w) => w.key);
  // The same key a term found in the text has: `expérience d'achat`, `taux de conversion`.
  const key = words.map((w, i) => (i > 0 ? w.elision : '') + w.key).join(' ');
  return { key, parts: parts.length ? parts : keys, count, first, display: tag };
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
