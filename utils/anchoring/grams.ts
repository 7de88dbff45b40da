/**
 * Where every 8-character substring of a long text starts, so a piece of a quote is found
 * without scanning the text. On a 1 MB page, an orphan costs a dozen full `indexOf` passes
 * (the quote, its pieces, its context) before it can be declared lost; with this index, built
 * once per page in a few milliseconds, each is a short walk along one hash chain.
 */
import { occurrences } from './fuzzy';

/** Length of the indexed substrings (grams). Shorter needles fall back to `indexOf`. */
export const GRAM = 8;

export interface GramIndex {
  text: string;
  /** `bits`-bit hash of a gram → last position with that hash (−1: none). */
  heads: Int32Array;
  /** Position → previous position with the same hash (−1: none). */
  next: Int32Array;
  /** Positions per hash (saturating), to pick the rarest gram of a needle. */
  counts: Uint16Array;
  bits: number;
}

/** Polynomial hash of `s[at, at + GRAM)`, spread by a multiplicative step to `bits` bits. */
function hashAt(s: string, at: number, bits: number): number {
  let h = 0;
  for (let i = 0; i < GRAM; i++) h = (Math.imul(h, 31) + s.charCodeAt(at + i)) | 0;
  return Math.imul(h, 0x9e3779b1) >>> (32 - bits);
}

export function buildGrams(text: string): GramIndex {
  const n = Math.max(0, text.length - GRAM + 1);
  const bits = Math.min(18, Math.max(10, Math.ceil(Math.log2(n + 1)) - 2));
  const heads = new Int32Array(1 << bits).fill(-1);
  const next = new Int32Array(n);
  const counts = new Uint16Array(1 << bits);
  // Rolling hash: drop the outgoing character's term (31^(GRAM-1) · c), shift, add the new one.
  let top = 1;
  for (let i = 1; i < GRAM; i++) top = Math.imul(top, 31);
  let h = 0;
  for (let i = 0; i < GRAM - 1 && i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  for (let i = 0; i < n; i++) {
    h = (Math.imul(h, 31) + text.charCodeAt(i + GRAM - 1)) | 0;
    const b = Math.imul(h, 0x9e3779b1) >>> (32 - bits);
    next[i] = heads[b]!;
    heads[b] = i;
    if (counts[b]! < 0xffff) counts[b]!++;
    h = (h - Math.imul(top, text.charCodeAt(i))) | 0;
  }
  return { text, heads, next, counts, bits };
}

/** Chains longer than this are slower to walk than a native scan. */
const LONG_CHAIN = 4096;

/**
 * Every start of `needle` in the text, ascending, or null when there are more than `cap`.
 * Walks the chain of the needle's rarest gram and checks each position.
 */
export function findWithGrams(g: GramIndex, needle: string, cap = Infinity): number[] | null {
  if (needle.length < GRAM) return occurrences(g.text, needle, cap);
  let best = 0;
  let bestBucket = 0;
  let bestCount = Infinity;
  // A gram every few characters is enough to find a rare one.
  const step = Math.max(1, Math.floor((needle.length - GRAM) / 16));
  for (let o = 0; o <= needle.length - GRAM; o += step) {
    const b = hashAt(needle, o, g.bits);
    const c = g.counts[b]!;
    if (c < bestCount) {
      best = o;
      bestBucket = b;
      bestCount = c;
      if (c === 0) return [];
    }
  }
  if (bestCount >= LONG_CHAIN) return occurrences(g.text, needle, cap);
  const found: number[] = [];
  for (let p = g.heads[bestBucket]!; p !== -1; p = g.next[p]!) {
    const start = p - best;
    if (start >= 0 && g.text.startsWith(needle, start)) {
      if (found.length === cap) return null;
      found.push(start);
    }
  }
  return found.reverse();
}
