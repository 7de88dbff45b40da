/**
 * Is a saved passage still on its source page, word for word (issue #17, "check quotes before
 * publishing")? Pure: given the page's text as it reads now (utils/anchoring/text.ts `PageText`,
 * read from a freshly loaded copy of the page) and the note's passage, says what became of it.
 * The anchoring engine does the finding, with the normalisation every highlight is drawn with:
 *
 * - `same`: the passage's words are on the page in the same order. Found exactly anywhere on the
 *   page (a sentence moved to another paragraph still says the same thing), or found close by the
 *   approximate search with the same words: differences of typography (’ and ', « » and ", narrow
 *   no-break spaces, dashes, whitespace) and of punctuation alone do not count.
 * - `reworded`: the approximate search found the passage, convincingly (as anchoring accepts it:
 *   most of its characters, its context agreeing), but with other words; `found` is the page's
 *   version, as whole words (`closestWords`), which the side panel shows against the saved one
 *   (word-diff.ts).
 * - `gone`: nothing close enough anywhere on the page.
 */
import type { QuoteCheck, Selector } from '../domain/model';
import { locate, type Budget, type PageText } from '../anchoring';
import { budget } from '../anchoring/budget';
import { normalize, toNormalized, toRaw } from '../anchoring/normalize';
import { normalizedText, readableText } from '../anchoring/text';

/** What a check found, without its date (`QuoteCheck` less `at`). */
export type CheckFinding = { outcome: 'same' } | { outcome: 'reworded'; found: string } | { outcome: 'gone' };

/** The part of a note a check reads. */
export interface Passage {
  exact: string;
  selectors: Selector[];
}

/** Time one passage may take to be looked for: far more than any page needs, so a pathological one ends. */
const CHECK_BUDGET_MS = 2_000;

const WORDS = /[\p{L}\p{N}]+/gu;
/** The words of a text, typography folded, punctuation and spacing left out. */
const wordsOf = (s: string): string[] => normalize(s).match(WORDS) ?? [];
const sameWords = (a: string, b: string) => wordsOf(a).join(' ') === wordsOf(b).join(' ');

/** Words of the page tried either side of where the approximate match begins and ends. */
const REACH = 3;
/** Quotes longer than this many words keep the match as found, widened to whole words (the search below is quadratic). */
const MAX_ALIGNED_WORDS = 300;

/** Levenshtein distance between two word sequences (a replaced word counts one). */
function wordDistance(a: readonly string[], b: readonly string[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * The whole words of the normalised text that best stand for the passage around an approximate
 * match `[start, end)`. Character matching may begin or end inside a word, or take a neighbour
 * along with a replaced word ("that Xyz to…" for "listen to…"): among the runs of words starting
 * and ending a few words either side, the one closest to the quote word for word wins (a replaced
 * word counting one, punctuation aside), then the one with as many words as the quote. The page's
 * punctuation at either edge comes with it only where the quote has some there too ("them," is
 * "them" for a quote ending "them", and « leçon ! » keeps its marks).
 */
function closestWords(text: string, start: number, end: number, quote: string): { start: number; end: number } {
  const from = Math.max(0, start - 400);
  const to = Math.min(text.length, end + 400);
  const words = [...text.slice(from, to).matchAll(WORDS)].map((m) => ({ start: from + m.index, end: from + m.index + m[0].length, word: m[0] }));
  // A word cut by the window's edge is no whole word.
  if (from > 0 && words[0]?.start === from) words.shift();
  if (to < text.length && words.at(-1)?.end === to) words.pop();
  if (!words.length) return { start, end };
  const q = wordsOf(quote);
  let first = words.findIndex((w) => w.end > start);
  let last = words.length - 1;
  while (last > 0 && words[last]!.start >= end) last--;
  if (first < 0) first = last;
  let best = { start: words[first]!.start, end: words[last]!.end };
  if (q.length <= MAX_ALIGNED_WORDS) {
    let score = [Infinity, Infinity, Infinity];
    for (let i = Math.max(0, first - REACH); i <= first + REACH && i < words.length; i++) {
      for (let j = Math.max(i, last - REACH); j <= last + REACH && j < words.length; j++) {
        const run = words.slice(i, j + 1).map((w) => w.word);
        const s = [wordDistance(run, q), Math.abs(run.length - q.length), Math.abs(i - first) + Math.abs(j - last)];
        if (s[0]! < score[0]! || (s[0] === score[0] && (s[1]! < score[1]! || (s[1] === score[1] && s[2]! < score[2]!)))) {
          score = s;
          best = { start: words[i]!.start, end: words[j]!.end };
        }
      }
    }
  }
  const mark = (c: string | undefined) => c !== undefined && c !== ' ' && !/[\p{L}\p{N}]/u.test(c);
  if (mark(quote[0])) while (mark(text[best.start - 1])) best.start--;
  if (mark(quote.at(-1))) while (mark(text[best.end])) best.end++;
  return best;
}

/** What became of `passage` on the page whose text is `page`. */
export function checkPassage(page: PageText, passage: Passage, within: Budget = budget(CHECK_BUDGET_MS)): CheckFinding {
  const exact = normalize(passage.exact);
  if (!exact) return { outcome: 'gone' };
  if (normalizedText(page).text.includes(exact)) return { outcome: 'same' };
  let at: { start: number; end: number } | null = null;
  try {
    at = locate(page, passage.selectors.length ? passage.selectors : [{ type: 'TextQuoteSelector', exact: passage.exact }], within);
  } catch {
    // Out of time: nothing convincing was found in the time any real page needs.
    at = null;
  }
  if (!at || at.end <= at.start) return { outcome: 'gone' };
  const norm = normalizedText(page);
  const words = closestWords(norm.text, toNormalized(norm, at.start), toNormalized(norm, at.end), exact);
  const raw = toRaw(norm, words.start, words.end);
  const found = readableText(page, raw.start, raw.end).trim();
  if (!found) return { outcome: 'gone' };
  return sameWords(found, passage.exact) ? { outcome: 'same' } : { outcome: 'reworded', found };
}

/** A finding as the note keeps it (`Note.check`), dated. */
export const toQuoteCheck = (finding: CheckFinding, at: number): QuoteCheck =>
  finding.outcome === 'reworded' ? { at, outcome: 'reworded', found: finding.found } : { at, outcome: finding.outcome };
