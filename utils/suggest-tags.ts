/**
 * Tag suggestions for an article: its most distinctive words and two-word terms (« expérience
 * client », "reading habit"), scored by TF × IDF against the reader's own library, with the tags the
 * reader already uses preferred when the text mentions them. Pure and deterministic.
 */
import { ENGLISH_STOPWORDS, FRENCH_STOPWORDS } from './stopwords';
import { MAX_TAG_LENGTH, normalizeTag, normalizeTags } from './tags';

export interface SuggestTagsOptions {
  /** BCP 47 language of the text; guessed from its stopwords when absent. */
  lang?: string;
  /** Term → number of saved articles containing it, each article counted with `documentTerms`. */
  libraryDocFreq?: ReadonlyMap<string, number>;
  /** Number of saved articles counted in `libraryDocFreq`. */
  libraryDocs?: number;
  /** The reader's tags: a tag the text mentions is boosted and suggested in the reader's form. */
  existingTags?: readonly string[];
  /** At most this many suggestions (default 5). */
  max?: number;
}

const DEFAULT_MAX = 5;
const MIN_WORD_LENGTH = 3;
/** A two-word term is a candidate, and counts for the library, from this many occurrences. */
const MIN_BIGRAM_COUNT = 2;
/** A word is suggested beside a chosen two-word term containing it if it occurs this often alone. */
const MIN_ALONE_COUNT = 2;
/** In a text with this many content words, a word seen once is noise. */
const LONG_TEXT_WORDS = 150;
/** A two-word term says more than either word alone. */
const BIGRAM_WEIGHT = 1.5;
/** How much a tag the reader already uses is preferred. */
const EXISTING_TAG_BOOST = 2.5;

/**
 * Suggested tags for `text`, best first, normalised (`normalizeTag`), without duplicates. A word is
 * not suggested beside a chosen two-word term containing it unless it is strong on its own too.
 */
export function suggestTags(text: string, opts: SuggestTagsOptions = {}): string[] {
  const max = opts.max ?? DEFAULT_MAX;
  if (max <= 0) return [];
  const words = lex(text);
  const isStopword = stopwordsFor(opts.lang, words);
  const tokens = classify(words, isStopword);
  const kept = tokens.filter((t) => t.kept).length;
  if (!kept && !opts.existingTags?.length) return [];

  const idf = idfFor(opts.libraryDocFreq, opts.libraryDocs);
  const { unigrams, bigrams } = countTerms(tokens);
  const minCount = kept >= LONG_TEXT_WORDS ? 2 : 1;

  const candidates = new Map<string, Candidate>();
  for (const [key, term] of unigrams) {
    if (term.count >= minCount) candidates.set(key, { key, parts: [key], ...term, existing: false });
  }
  for (const [key, term] of bigrams) {
    if (term.count >= MIN_BIGRAM_COUNT) candidates.set(key, { key, parts: key.split(' '), ...term, existing: false });
  }
  for (const tag of normalizeTags(opts.existingTags ?? [])) {
    const found = findTag(tokens, classify(lex(tag), isStopword), tag);
    if (!found) continue;
    const known = candidates.get(found.key);
    if (known) Object.assign(known, { display: tag, existing: true });
    else candidates.set(found.key, { ...found, display: tag, existing: true });
  }

  const score = (c: Candidate, count = c.count) =>
    (1 + Math.log(count)) *
    idf(c.key) *
    (c.parts.length > 1 ? BIGRAM_WEIGHT : 1) *
    (c.existing ? EXISTING_TAG_BOOST : 1);
  const scored = [...candidates.values()].map((c) => ({ c, score: score(c), count: c.count }));

  const out: string[] = [];
  while (out.length < max && scored.length) {
    scored.sort((a, b) => b.score - a.score || a.c.first - b.c.first || compare(a.c.display, b.c.display));
    const { c } = scored.shift()!;
    const tag = normalizeTag(c.display);
    if (!tag || tag.length > MAX_TAG_LENGTH || out.includes(tag)) continue;
    out.push(tag);
    if (c.parts.length < 2) continue;
    // Its words now only score for the times they occur outside it, and need a few of those.
    for (const entry of scored) {
      if (entry.c.parts.length !== 1 || !c.parts.includes(entry.c.key)) continue;
      entry.count -= c.count;
      const needed = entry.c.existing ? 1 : MIN_ALONE_COUNT;
      entry.score = entry.count >= needed ? score(entry.c, entry.count) : -Infinity;
    }
    for (let i = scored.length - 1; i >= 0; i--) if (scored[i]!.score === -Infinity) scored.splice(i, 1);
  }
  return out;
}

/**
 * The terms a document contributes to `libraryDocFreq`: each content word, and each two-word term
 * frequent enough in it to be suggested. Keys are an internal normal form (lowercase, NFC, simple
 * plurals folded: "clients" → "client"); count them, don't show them.
 */
export function documentTerms(text: string, lang?: string): Set<string> {
  const words = lex(text);
  const { unigrams, bigrams } = countTerms(classify(words, stopwordsFor(lang, words)));
  const terms = new Set(unigrams.keys());
  for (const [key, term] of bigrams) if (term.count >= MIN_BIGRAM_COUNT) terms.add(key);
  return terms;
}

interface Token {
  /** The word as written, lowercased, elision and clitics removed: shown in suggestions. */
  surface: string;
  /** `surface` with plurals folded: what is counted and looked up. */
  key: string;
  /** A content word: long enough, has letters, not a stopword. */
  kept: boolean;
  /** A stopword (a tag made only of these is never looked for). */
  stop: boolean;
  /** Punctuation (not only whitespace) separates it from the previous token. */
  gapBefore: boolean;
  /** An elided word (`l’`, `d’`) preceded it: a stopword stands between it and the previous one. */
  elided: boolean;
}

interface Term {
  count: number;
  /** Index of the first occurrence, for a stable order between equal scores. */
  first: number;
  display: string;
}

interface Candidate extends Term {
  key: string;
  /** The unigram keys it is made of. */
  parts: string[];
  existing: boolean;
}

// A word: letters, marks and digits, with inner apostrophes and hyphens (`aujourd'hui`, `bien-être`).
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’ʼ\u2010\u2011-][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*/gu;
// Links and addresses would otherwise give "https", "www" and domain names.
const LINK = /\b(?:https?:\/\/|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+/giu;
const ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu|quelqu)'(?=[\p{L}\p{N}])/u;
const CLITIC = /(?:'(?:s|re|ve|ll|d|m)|n't)$/u;
// French inversion: `a-t-il` → `a`, `faut-il` → `faut`, `est-ce` → `est` (not `rendez-vous`).
const INVERSION = /-(?:t-)?(?:il|ils|elle|elles|on|je|tu|ce)$/u;
const HAS_LETTER = /\p{L}/u;

type Word = Pick<Token, 'surface' | 'gapBefore' | 'elided'>;

/** The words of a text: lowercase, NFC, ASCII apostrophes, elisions and clitics removed. */
function lex(text: string): Word[] {
  const clean = text.normalize('NFC').replace(LINK, ' | ');
  const words: Word[] = [];
  let last = 0;
  for (const m of clean.matchAll(WORD)) {
    const word = m[0].toLowerCase().replace(/[’ʼ]/gu, "'").replace(/[\u2010\u2011]/gu, '-');
    const elided = ELISION.test(word);
    const surface = word.replace(ELISION, '').replace(CLITIC, '').replace(INVERSION, '');
    words.push({ surface, elided, gapBefore: /\S/u.test(clean.slice(last, m.index)) });
    last = m.index + m[0].length;
  }
  return words;
}

function classify(words: readonly Word[], isStopword: (word: string) => boolean): Token[] {
  return words.map((w) => {
    const stop = isStopword(w.surface);
    const kept = !stop && w.surface.length >= MIN_WORD_LENGTH && HAS_LETTER.test(w.surface);
    return { ...w, key: fold(w.surface), kept, stop };
  });
}

/** Simple French and English plurals share a key: client/clients, bureau/bureaux, jeu/jeux. */
function fold(word: string): string {
  if (word.length > MIN_WORD_LENGTH && /[^siu]s$/u.test(word)) return word.slice(0, -1);
  if (word.length > MIN_WORD_LENGTH && /(?:eau|eu)x$/u.test(word)) return word.slice(0, -1);
  return word;
}

/**
 * French text often quotes English, so French drops both lists; English drops only its own, as
 * French stopwords like "car", "son" or "font" are English content words. Unknown: the language
 * whose stopwords the text uses more, both when it's a tie.
 */
function stopwordsFor(lang: string | undefined, words: readonly Word[]): (word: string) => boolean {
  let primary = lang?.toLowerCase().slice(0, 2);
  if (primary !== 'fr' && primary !== 'en') {
    let fr = 0;
    let en = 0;
    for (const { surface } of words) {
      if (FRENCH_STOPWORDS.has(surface)) fr++;
      if (ENGLISH_STOPWORDS.has(surface)) en++;
    }
    primary = fr > en ? 'fr' : en > fr ? 'en' : undefined;
  }
  if (primary === 'en') return (w) => ENGLISH_STOPWORDS.has(w);
  return (w) => FRENCH_STOPWORDS.has(w) || ENGLISH_STOPWORDS.has(w);
}

function countTerms(tokens: readonly Token[]): { unigrams: Map<string, Term>; bigrams: Map<string, Term> } {
  const unigrams = new Map<string, Counted>();
  const bigrams = new Map<string, Counted>();
  let prev: Token | undefined;
  tokens.forEach((t, i) => {
    if (!t.kept) {
      prev = undefined;
      return;
    }
    add(unigrams, t.key, t.surface, i);
    if (prev && !t.gapBefore && !t.elided && prev.key !== t.key) {
      add(bigrams, `${prev.key} ${t.key}`, `${prev.surface} ${t.surface}`, i - 1);
    }
    prev = t;
  });
  return { unigrams: finish(unigrams), bigrams: finish(bigrams) };
}

interface Counted {
  count: number;
  first: number;
  forms: Map<string, number>;
}

function add(terms: Map<string, Counted>, key: string, surface: string, at: number): void {
  const term = terms.get(key) ?? { count: 0, first: at, forms: new Map<string, number>() };
  term.count++;
  term.forms.set(surface, (term.forms.get(surface) ?? 0) + 1);
  terms.set(key, term);
}

/** Each term shown in its most frequent form; on a tie the shorter (the singular), then A–Z. */
function finish(terms: Map<string, Counted>): Map<string, Term> {
  const out = new Map<string, Term>();
  for (const [key, { count, first, forms }] of terms) {
    const [display] = [...forms].sort(
      ([a, na], [b, nb]) => nb - na || a.length - b.length || compare(a, b),
    )[0]!;
    out.set(key, { count, first, display });
  }
  return out;
}

/**
 * Where the text mentions an existing tag: the tag's words in a row, plurals folded, stopwords
 * included (`taux de conversion`). Tags made only of stopwords are ignored.
 */
function findTag(
  tokens: readonly Token[],
  words: readonly Token[],
  tag: string,
): (Term & { key: string; parts: string[] }) | undefined {
  if (words.every((w) => w.stop || !HAS_LETTER.test(w.surface))) return undefined;
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
  return { key: keys.join(' '), parts: parts.length ? parts : keys, count, first, display: tag };
}

/**
 * Smoothed IDF, ln((N + 1) / (df + 1)) + 1: 1 for a term in every saved article, higher for rarer
 * ones, and 1 for everything when the library is empty, leaving plain term frequency.
 */
function idfFor(docFreq: ReadonlyMap<string, number> | undefined, docs: number | undefined): (key: string) => number {
  return (key) => {
    const df = Math.max(0, docFreq?.get(key) ?? 0);
    const n = Math.max(docs ?? 0, df);
    return Math.log((n + 1) / (df + 1)) + 1;
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
