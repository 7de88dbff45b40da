/**
 * TextQuoteSelector: the passage with some context on either side, found again by exact search
 * in the normalised text, then by approximate search, and scored on the quote, its context and its
 * distance from where it used to be. Precision before recall: a candidate that is not convincing
 * is not returned, and the passage becomes an orphan.
 */
import type { TextQuoteSelector } from '../domain/model';
import { checkBudget, type Budget } from './budget';
import { approxIn, mergeSpans, occurrences, pieces, similarity, type ApproxMatch, type Span } from './fuzzy';
import { buildGrams, findWithGrams } from './grams';
import { normalize } from './normalize';
import { normalizedText, readableText, type PageText } from './text';

/** Characters of context kept on each side of a quote. */
export const CONTEXT_LENGTH = 32;

/**
 * The W3C TextQuoteSelector for raw `[start, end)`. `exact`, `prefix` and `suffix` are the text
 * as a reader would copy it: block boundaries read as a space (a quote across two paragraphs is
 * "…end. Next…", not "…end.Next…") and runs of whitespace as one space; nothing else is changed.
 */
export function quoteFromOffsets(index: PageText, start: number, end: number): TextQuoteSelector {
  const { text } = index;
  let prefix = '';
  for (let span = 2 * CONTEXT_LENGTH; ; span *= 4) {
    const from = Math.max(0, start - span);
    prefix = readableText(index, from, start, { atEnd: true });
    if (prefix.length > CONTEXT_LENGTH || from === 0) break;
  }
  let suffix = '';
  for (let span = 2 * CONTEXT_LENGTH; ; span *= 4) {
    const to = Math.min(text.length, end + span);
    suffix = readableText(index, end, to, { atStart: true });
    if (suffix.length > CONTEXT_LENGTH || to === text.length) break;
  }
  return {
    type: 'TextQuoteSelector',
    exact: readableText(index, start, end),
    prefix: prefix.slice(-CONTEXT_LENGTH),
    suffix: suffix.slice(0, CONTEXT_LENGTH),
  };
}

/**
 * How well the context around normalised `[start, end)` agrees with the quote's (0..1), or null
 * when the quote has none. Edge spaces of the span are skipped.
 */
export function contextAt(index: PageText, q: QuoteQuery, start: number, end: number): number | null {
  const { text } = normalizedText(index);
  while (start < end && text[start] === ' ') start++;
  while (end > start && text[end - 1] === ' ') end--;
  return score(text, q, { start, end, errors: 0 }, 'position').context;
}

/** How a passage was found. */
export type MatchKind = 'position' | 'exact' | 'fuzzy';

/** A candidate place for the quote, in normalised offsets. */
export interface QuoteMatch extends Span {
  kind: MatchKind;
  errors: number;
  /** 0..1, higher is better: quote, context and position similarity, weighted. */
  score: number;
}

/** The quote and its context, normalised once per anchor. */
export interface QuoteQuery {
  exact: string;
  prefix: string;
  suffix: string;
  /** The raw quote began / ended with whitespace (kept as such when it can be). */
  lead: boolean;
  trail: boolean;
}

const SPACE = /^\s/;
const SPACE_END = /\s$/;

/**
 * Normalises, keeping one space at an edge that had whitespace (context must abut the quote).
 * Whitespace alone is no context: it is dropped (it may be the end of the page).
 */
function normalizeKeepingEdges(s: string): string {
  const core = normalize(s);
  if (!core) return '';
  return (SPACE.test(s) ? ' ' : '') + core + (SPACE_END.test(s) ? ' ' : '');
}

export function quoteQuery(quote: TextQuoteSelector): QuoteQuery {
  const lead = SPACE.test(quote.exact);
  const trail = SPACE_END.test(quote.exact);
  return {
    exact: normalize(quote.exact),
    prefix: normalizeKeepingEdges((quote.prefix ?? '') + (lead ? ' ' : '')).slice(-CONTEXT_LENGTH),
    suffix: normalizeKeepingEdges((trail ? ' ' : '') + (quote.suffix ?? '')).slice(0, CONTEXT_LENGTH),
    lead,
    trail,
  };
}

/** Most errors allowed for a quote of `m` normalised characters. */
export const maxErrors = (m: number) => (m < 4 ? 0 : Math.min(Math.floor(m / 4), 48));

/** Weights of the score (as in Hypothesis' fuzzy anchoring: the quote first, then context). */
const WEIGHT = { quote: 50, prefix: 20, suffix: 20, position: 2 };

interface Scored extends QuoteMatch {
  /** Mean similarity of the context present in the selector, null when it has none. */
  context: number | null;
}

function score(text: string, q: QuoteQuery, m: ApproxMatch, kind: MatchKind, hint?: number): Scored {
  const quoteSim = 1 - m.errors / q.exact.length;
  let total = WEIGHT.quote * quoteSim;
  let weight = WEIGHT.quote;
  let context = 0;
  let sides = 0;
  if (q.prefix) {
    const s = similarity(q.prefix, text.slice(Math.max(0, m.start - q.prefix.length), m.start));
    total += WEIGHT.prefix * s;
    weight += WEIGHT.prefix;
    context += s;
    sides++;
  }
  if (q.suffix) {
    const s = similarity(q.suffix, text.slice(m.end, m.end + q.suffix.length));
    total += WEIGHT.suffix * s;
    weight += WEIGHT.suffix;
    context += s;
    sides++;
  }
  if (hint !== undefined && text.length > 0) {
    total += WEIGHT.position * (1 - Math.min(1, Math.abs(m.start - hint) / text.length));
    weight += WEIGHT.position;
  }
  return { ...m, kind, score: total / weight, context: sides ? context / sides : null };
}

/**
 * Whether a candidate is convincing. An exact quote of 32+ characters is; a shorter one needs
 * half of its context to agree (unrelated text of the same length scores ~0.3–0.45). An edited
 * quote needs more: a long, nearly identical passage stands on its own; otherwise the context
 * must vouch for it, the more strongly the shorter and the more edited the quote.
 */
export function convincing(c: Scored, m: number): boolean {
  const ctx = c.context;
  if (c.errors === 0) return m >= 32 || ctx === null || ctx >= 0.5;
  const rate = c.errors / m;
  if (rate > 0.25 || c.errors > maxErrors(m)) return false;
  if (m >= 48 && rate <= 0.1) return true;
  if (ctx === null) return false;
  if (m >= 16 && rate <= 0.15) return ctx >= 0.5;
  return ctx >= 0.7;
}

/** Exact occurrences kept for full scoring, after a cheap pre-ranking. */
const EXACT_SHORTLIST = 8;
/** A seed found more often than this says nothing about where the quote is. */
const SEED_CAP = 24;
/** Shortest piece of the quote used as a seed. */
const MIN_PIECE = 8;
/**
 * Most pieces searched over the whole page, which bounds the cost of an orphan: a passage that
 * moved far AND lost every piece to edits is missed (unless its context locates it).
 */
const MAX_PIECES = 8;
/** Characters either side of the expected position searched approximately, at least. */
const WINDOW = 1024;

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

/** Occurrences ranked between two budget checks. */
const CHECK_EVERY = 1024;

/**
 * Exact occurrences of the quote in `[from, to)` (all of the text by default), the most
 * promising first (context agreeing character for character, then nearest the hint), scored.
 * Only the shortlist is kept while ranking: a one-letter quote occurs millions of times on a
 * long page, and sorting them all took seconds.
 */
function exactCandidates(
  text: string,
  q: QuoteQuery,
  find: Finder,
  hint?: number,
  from = 0,
  to = text.length,
  budget?: Budget,
): Scored[] {
  const { exact, prefix, suffix } = q;
  type Found = { start: number; agree: number; distance: number };
  const better = (a: Found, b: Found) => b.agree - a.agree || a.distance - b.distance;
  /** The best EXACT_SHORTLIST so far, in order; ties keep text order. */
  const top: Found[] = [];
  // A slice bounds the search (V8 slices without copying); `indexOf` on the whole text would
  // run on to the next occurrence, however far.
  const local = from > 0 || to < text.length;
  const hay = local ? text.slice(from, to + exact.length) : text;
  const starts = local ? (occurrences(hay, exact, Infinity) ?? []) : (find(exact, Infinity) ?? []);
  for (let n = 0; n < starts.length; n++) {
    if (n % CHECK_EVERY === CHECK_EVERY - 1) checkBudget(budget);
    const at = from + starts[n]!;
    const agree =
      commonSuffix(text.slice(Math.max(0, at - prefix.length), at), prefix) +
      commonPrefix(text.slice(at + exact.length, at + exact.length + suffix.length), suffix);
    const f = { start: at, agree, distance: hint === undefined ? 0 : Math.abs(at - hint) };
    let i = top.length;
    while (i > 0 && better(f, top[i - 1]!) < 0) i--;
    if (i < EXACT_SHORTLIST) {
      top.splice(i, 0, f);
      if (top.length > EXACT_SHORTLIST) top.pop();
    }
  }
  return top.map((f) => score(text, q, { start: f.start, end: f.start + exact.length, errors: 0 }, 'exact', hint));
}

/** Every start of a needle in the normalised text, or null when more than `cap`. */
type Finder = (needle: string, cap: number) => number[] | null;

/** Texts at least this long get a gram index (built once, on the first search of the page). */
const GRAMS_FROM = 100_000;

function finderFor(index: PageText): Finder {
  const { text } = normalizedText(index);
  if (text.length < GRAMS_FROM) return (needle, cap) => occurrences(text, needle, cap);
  return (needle, cap) => findWithGrams((index.grams ??= buildGrams(text)), needle, cap);
}

/** The window around the expected place. */
function windowSpan(text: string, m: number, hint: number): Span {
  const w = Math.max(WINDOW, 2 * m);
  return { start: Math.max(0, hint - w), end: Math.min(text.length, hint + m + w) };
}

/**
 * Small regions around every seed: a piece of the quote, or its prefix or suffix, found intact
 * anywhere. Myers reports only the lowest-error matches of a region, so regions stay small (an
 * exact copy elsewhere in a large region would hide the edited passage in the right context).
 */
function seedSpans(text: string, q: QuoteQuery, k: number, find: Finder): Span[] {
  const m = q.exact.length;
  const spans: Span[] = [];
  const n = Math.min(k + 1, Math.floor(m / MIN_PIECE), MAX_PIECES);
  if (n >= 2) {
    for (const [offset, piece] of pieces(q.exact, n)) {
      for (const at of find(piece, SEED_CAP) ?? []) {
        spans.push({ start: at - offset - k, end: at - offset + m + k });
      }
    }
  }
  // Intact context locates a quote edited beyond recognition by its pieces.
  if (q.prefix.trim().length >= 16) {
    for (const at of find(q.prefix, SEED_CAP) ?? []) {
      const from = at + q.prefix.length;
      spans.push({ start: from - k, end: from + m + k });
    }
  }
  if (q.suffix.trim().length >= 16) {
    for (const at of find(q.suffix, SEED_CAP) ?? []) {
      spans.push({ start: at - m - k, end: at + k });
    }
  }
  return mergeSpans(spans.map((s) => ({ start: Math.max(0, s.start), end: Math.min(text.length, s.end) })));
}

/**
 * Spans minus those holding one of the exact occurrences already known: Myers would report only
 * that occurrence there (no other match has fewer than 0 errors), so verifying them is waste.
 */
const withoutExact = (spans: Span[], exact: Scored[]) =>
  spans.filter((s) => !exact.some((e) => e.start >= s.start && e.end <= s.end));

/**
 * Approximate matches (with at least one error) in the spans, scored. With a budget, a span
 * whose search would take more than its `maxCells` is not searched (one search cannot be
 * interrupted), and the deadline is checked before each span.
 */
function fuzzyIn(text: string, q: QuoteQuery, spans: Span[], k: number, hint?: number, budget?: Budget): Scored[] {
  const out: Scored[] = [];
  const blocks = Math.ceil(q.exact.length / 32);
  for (const span of spans) {
    checkBudget(budget);
    if (budget && (span.end - span.start) * blocks > budget.maxCells) continue;
    for (const m of approxIn(text, q.exact, span, k).slice(0, 16)) {
      if (m.errors > 0) out.push(score(text, q, m, 'fuzzy', hint));
    }
  }
  return out;
}

function best(candidates: Scored[], m: number, hint?: number): Scored | null {
  let top: Scored | null = null;
  for (const c of candidates) {
    if (!convincing(c, m)) continue;
    if (
      !top ||
      c.score > top.score + 1e-9 ||
      (Math.abs(c.score - top.score) <= 1e-9 && hint !== undefined && Math.abs(c.start - hint) < Math.abs(top.start - hint))
    ) {
      top = c;
    }
  }
  return top;
}

/** A candidate no other place could beat by much: the quote nearly intact, its context agreeing. */
const settled = (c: Scored | null, m: number) =>
  c !== null && (c.context === null || c.context >= 0.8) && c.errors <= Math.max(1, m * 0.1);

/**
 * The best convincing place for the quote, in normalised offsets, or null (an orphan).
 * `hint` is the expected normalised start (from the old position), when known.
 *
 * Stages, cheapest first, each final when its best candidate is settled:
 * 1. exact occurrences near the hint, then everywhere, context and position ranking them;
 * 2. approximate search (Myers) in a window around the hint;
 * 3. approximate search around seeds (pieces of the quote or its context) found anywhere.
 * The best convincing candidate over every stage run wins; none convincing is an orphan.
 * On long pages, "everywhere" goes through a gram index (grams.ts) instead of full scans.
 * With a `budget`, throws OutOfTime once it is spent (see budget.ts).
 */
export function findQuote(index: PageText, query: QuoteQuery, hint?: number, budget?: Budget): QuoteMatch | null {
  const m = query.exact.length;
  if (m === 0) return null;
  const { text } = normalizedText(index);
  const find = finderFor(index);
  if (hint !== undefined) {
    // Near the expected place first: on a long page, most passages are found without a full scan.
    const w = windowSpan(text, m, hint);
    const local = best(exactCandidates(text, query, find, hint, w.start, w.end, budget), m, hint);
    if (local && (local.context === null || local.context >= 0.9)) return strip(local);
  }
  checkBudget(budget);
  const pool = exactCandidates(text, query, find, hint, 0, text.length, budget);
  let top = best(pool, m, hint);
  // An exact quote whose context agrees is final. Otherwise an edited copy in the right context
  // may beat it (a sentence repeated further down, the original edited): the scores decide.
  if (top && (top.context === null || top.context >= 0.8)) return strip(top);
  const k = maxErrors(m);
  if (k > 0) {
    // With an exact candidate in hand, only an edited copy in a better context can beat it, and
    // such a copy keeps pieces intact: the seeds find it. The window is for heavier edits.
    if (hint !== undefined && !top) {
      pool.push(...fuzzyIn(text, query, [windowSpan(text, m, hint)], k, hint, budget));
      top = best(pool, m, hint);
    }
    if (!settled(top, m)) {
      checkBudget(budget);
      pool.push(...fuzzyIn(text, query, withoutExact(seedSpans(text, query, k, find), pool), k, hint, budget));
      top = best(pool, m, hint);
    }
  }
  return top && strip(top);
}

const strip = ({ context: _, ...match }: Scored): QuoteMatch => match;
