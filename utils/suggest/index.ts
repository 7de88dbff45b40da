/**
 * Tag suggestions for an article: its most distinctive words and terms (« marketing de contenu »,
 * « lettre d’information », "reading habit"), scored by TF × IDF against the reader's own library,
 * weighted up when the title or a heading uses them, with the tags the reader already uses preferred
 * when the text mentions them. Words that never make a good tag (article, question, semaine, day,
 * page…) are left out even when frequent, and only terms that stand out are offered: fewer chips
 * rather than weak ones. Pure and deterministic; linear in the length of the text.
 *
 * words.ts reads a text into words (through `utils/text`, like every other normaliser), terms.ts
 * counts the terms that could be tags, generic.ts lists the words that never are; this module
 * scores and chooses.
 */
import { MAX_TAG_LENGTH, normalizeTag, normalizeTags } from '../domain/tags';
import { genericFor } from './generic';
import { type Candidate, compare, countTerms, findTag, MIN_PHRASE_COUNT, mergeTitle } from './terms';
import { classify, languageOf, lex, stopwordsFor } from './words';

export interface SuggestTagsOptions {
  /** BCP 47 language of the text; guessed from its stopwords when absent. */
  lang?: string;
  /** The article's title (not part of `text`): its terms are counted and weigh more. */
  title?: string;
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
/** A word is suggested beside a chosen multi-word term containing it if it occurs this often alone. */
const MIN_ALONE_COUNT = 3;
/** In a text with this many content words, a word seen once is noise… */
const LONG_TEXT_WORDS = 150;
/** …and in one with this many, so is a word seen twice, unless the title or a heading has it. */
const VERY_LONG_TEXT_WORDS = 400;
/** A multi-word term says more than either word alone. */
const PHRASE_WEIGHT = 1.5;
/** A term of the title is what the article is about. */
const TITLE_BOOST = 2;
/** A term of a section heading, a little less so. */
const HEADING_BOOST = 1.4;
/** How much a tag the reader already uses is preferred. */
const EXISTING_TAG_BOOST = 2.5;
/** Suggestions scoring under this share of the best one are dropped, not offered as padding… */
const RELATIVE_MIN_SCORE = 0.4;
/**
 * …and, in a long text, under this score: a plain word needs three occurrences, or two and
 * something more (rare in the library, in a heading); a term of two words, two.
 */
const MIN_SCORE = 2;

/**
 * Suggested tags for `text`, best first, normalised (`normalizeTag`), without duplicates, at most
 * `max` and often fewer. A word is not suggested beside a chosen multi-word term containing it
 * unless it is strong on its own too.
 */
export function suggestTags(text: string, opts: SuggestTagsOptions = {}): string[] {
  const max = opts.max ?? DEFAULT_MAX;
  if (max <= 0) return [];
  const words = lex(text, true);
  const titleWords = opts.title ? lex(opts.title, false) : [];
  const primary = languageOf(opts.lang, words);
  const isStopword = stopwordsFor(primary);
  const isGeneric = genericFor(primary);
  const tokens = classify(words, isStopword);
  const kept = tokens.filter((t) => t.kept).length;
  if (!kept && !opts.existingTags?.length) return [];

  const idf = idfFor(opts.libraryDocFreq, opts.libraryDocs);
  const { unigrams, phrases } = countTerms(tokens);
  const titleTokens = classify(titleWords, isStopword);
  const title = countTerms(titleTokens);
  // The title's terms count as occurring there once more, before the text.
  mergeTitle(unigrams, title.unigrams, titleTokens.length);
  mergeTitle(phrases, title.phrases, titleTokens.length);
  const minCount = kept >= VERY_LONG_TEXT_WORDS ? 3 : kept >= LONG_TEXT_WORDS ? 2 : 1;

  const candidates = new Map<string, Candidate>();
  for (const [key, term] of unigrams) {
    if (isGeneric(key) || isGeneric(term.display)) continue;
    // Said in the title or a heading, a word still has to come back in the text: titles play on
    // words (« cultiver un jardin ») that the article then leaves.
    const needed = term.inTitle || term.inHeading ? Math.min(minCount, 2) : minCount;
    if (term.bodyCount >= needed) {
      candidates.set(key, { ...term, key, parts: [key], existing: false });
    }
  }
  for (const [key, term] of phrases) {
    // A term made only of words that are never tags is no better (« seconde vie », "next day").
    if (term.parts.every(isGeneric)) continue;
    if (term.count >= MIN_PHRASE_COUNT && term.bodyCount > 0) candidates.set(key, { ...term, key, existing: false });
  }
  for (const tag of normalizeTags(opts.existingTags ?? [])) {
    const found = findTag(tokens, classify(lex(tag, false), isStopword), tag);
    // One passing mention of a one-word tag in a long article says little about it.
    if (!found || (found.parts.length < 2 && found.count < 2 && kept >= LONG_TEXT_WORDS)) continue;
    const known = candidates.get(found.key);
    if (known) Object.assign(known, { display: tag, existing: true });
    else candidates.set(found.key, { ...found, bodyCount: found.count, inTitle: false, inHeading: false, display: tag, existing: true });
  }

  const score = (c: Candidate, count = c.count) =>
    (1 + Math.log(count)) *
    idf(c.key) *
    (c.parts.length > 1 ? PHRASE_WEIGHT : 1) *
    (c.inTitle ? TITLE_BOOST : c.inHeading ? HEADING_BOOST : 1) *
    (c.existing ? EXISTING_TAG_BOOST : 1);
  const scored = [...candidates.values()].map((c) => ({ c, score: score(c), count: c.count }));
  // The best term drawn from the text alone sets the bar: a boosted tag of the reader's must not
  // push every other suggestion under it.
  const best = scored.reduce((m, e) => Math.max(m, e.c.existing ? e.score / EXISTING_TAG_BOOST : e.score), 0);
  const floor = kept >= LONG_TEXT_WORDS ? MIN_SCORE : 0;
  // The reader's own tags need not compete with the best term, only be said often enough.
  const relativeFloor = best * RELATIVE_MIN_SCORE;

  const out: string[] = [];
  const chosen: Candidate[] = [];
  while (out.length < max && scored.length) {
    scored.sort((a, b) => b.score - a.score || a.c.first - b.c.first || compare(a.c.display, b.c.display));
    const { c, score: s } = scored.shift()!;
    if (s < floor) break;
    if (s < relativeFloor && !c.existing) {
      for (let i = scored.length - 1; i >= 0; i--) if (!scored[i]!.c.existing) scored.splice(i, 1);
      continue;
    }
    const tag = normalizeTag(c.display);
    if (!tag || tag.length > MAX_TAG_LENGTH || out.includes(tag)) continue;
    if (c.parts.length < 2) {
      out.push(tag);
      chosen.push(c);
      continue;
    }
    // Words already chosen that mostly occur inside this term give their place to it:
    // « déchets organiques » rather than « déchets » and then « déchets organiques ».
    const inside = (w: Candidate) => w.parts.length === 1 && !w.existing && c.parts.includes(w.key) && w.count - c.count < MIN_ALONE_COUNT;
    const at = chosen.findIndex(inside);
    for (let i = chosen.length - 1; i > at && at >= 0; i--) {
      if (inside(chosen[i]!)) {
        chosen.splice(i, 1);
        out.splice(i, 1);
      }
    }
    if (at >= 0) {
      out[at] = tag;
      chosen[at] = c;
    } else {
      out.push(tag);
      chosen.push(c);
    }
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
 * The terms a document contributes to `libraryDocFreq`: each content word, and each multi-word
 * term frequent enough in it to be suggested. Keys are an internal normal form (the character
 * table applied, lowercase, NFC, simple plurals folded: "clients" → "client"); count them, don't
 * show them.
 */
export function documentTerms(text: string, lang?: string): Set<string> {
  const words = lex(text, false);
  const { unigrams, phrases } = countTerms(classify(words, stopwordsFor(languageOf(lang, words))));
  const terms = new Set(unigrams.keys());
  for (const [key, term] of phrases) if (term.count >= MIN_PHRASE_COUNT) terms.add(key);
  return terms;
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
