/**
 * Approximate search: filter, then verify. Myers' bit-parallel algorithm (approx-string-match)
 * verifies small regions of the text; the regions come from where the passage is expected
 * (around its old position) and from "seeds", exact pieces of the quote or its context found
 * anywhere. By the pigeonhole principle, a match with at most k errors contains at least one of
 * k + 1 disjoint pieces intact, so looking up pieces exactly (`indexOf`, or the gram index on a
 * long page) finds the candidates without running Myers over a whole 1 MB page per highlight.
 * Plus the small string measures used to score candidates.
 */
import search from 'approx-string-match';

export interface Span {
  start: number;
  end: number;
}

export interface ApproxMatch extends Span {
  errors: number;
}

/** Levenshtein distance (two-row dynamic programming; meant for strings of a few dozen characters). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = new Uint16Array(b.length + 1);
  let cur = new Uint16Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** 1 for equal strings, 0 for nothing in common: 1 − distance / longer length. */
export function similarity(a: string, b: string): number {
  const n = Math.max(a.length, b.length);
  return n === 0 ? 1 : 1 - editDistance(a, b) / n;
}

/** Every occurrence of `needle` in `text`, or null when there are more than `cap`. */
export function occurrences(text: string, needle: string, cap: number): number[] | null {
  const found: number[] = [];
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
    if (found.length === cap) return null;
    found.push(at);
  }
  return found;
}

/** Sorts spans and merges those that overlap or touch. */
export function mergeSpans(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/** Splits `pattern` into `n` contiguous pieces of near-equal length: `[offset, piece]`. */
export function pieces(pattern: string, n: number): [number, string][] {
  const out: [number, string][] = [];
  for (let i = 0; i < n; i++) {
    const a = Math.floor((i * pattern.length) / n);
    const b = Math.floor(((i + 1) * pattern.length) / n);
    out.push([a, pattern.slice(a, b)]);
  }
  return out;
}

/**
 * The lowest-error matches of `pattern` within `text[span)`, with at most `maxErrors` errors,
 * in the text's coordinates.
 */
export function approxIn(text: string, pattern: string, span: Span, maxErrors: number): ApproxMatch[] {
  const start = Math.max(0, span.start);
  const end = Math.min(text.length, span.end);
  if (end - start < pattern.length - maxErrors) return [];
  return search(text.slice(start, end), pattern, maxErrors).map((m) => ({
    start: m.start + start,
    end: m.end + start,
    errors: m.errors,
  }));
}
