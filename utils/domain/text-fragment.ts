/**
 * URL text fragments (https://wicg.github.io/scroll-to-text-fragment/): a link that opens a page
 * scrolled to, and highlighting, a passage. Pure string work, no DOM.
 *
 * What the spec's matcher does, and so what we must produce:
 * - terms are matched case- and accent-insensitively, within one block of the page;
 * - `textStart` (and the prefix) must begin at a word boundary, `textEnd` (and the suffix) must end
 *   at one; a prefix may end, and a suffix begin, mid-word (they abut the passage);
 * - whitespace between the prefix or suffix and the passage is skipped;
 * - with `textStart,textEnd` the passage runs to the first `textEnd` after `textStart`.
 */

/** The passage and its context, as a W3C TextQuoteSelector carries them. */
export interface QuoteForFragment {
  exact: string;
  prefix?: string;
  suffix?: string;
}

/** Beyond either limit a quote is linked as `textStart,textEnd` instead of in full. */
const MAX_EXACT_CHARS = 300;
const MAX_EXACT_WORDS = 12;
/** Words kept at each end of a long quote. */
const EDGE_WORDS = 5;
/** Words of context kept on each side. */
const CONTEXT_WORDS = 3;

const WHITESPACE = /\s+/gu;
const HAS_WORD = /[\p{L}\p{N}]/u;
/** A sentence ends here: context does not reach across it (it is likely another block). */
const SENTENCE_END = /[.!?…]["'’”»)\]]*$/u;
/** Half of a surrogate pair cut off by a fixed-length slice: encodeURIComponent throws on it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

/**
 * The text directive for a passage, `text=[prefix-,]textStart[,textEnd][,-suffix]`, without the
 * leading `#:~:`. Throws when the passage has no visible text.
 */
export function textFragment(quote: QuoteForFragment): string {
  const exact = clean(quote.exact);
  if (!exact) throw new Error('textFragment: the quote is empty (only whitespace)');

  const [start, end] = splitLong(exact);
  const prefix = prefixWords(quote.prefix ?? '');
  const suffix = suffixWords(quote.suffix ?? '');

  let out = 'text=';
  if (prefix) out += `${encodeTerm(prefix)}-,`;
  out += encodeTerm(start);
  if (end) out += `,${encodeTerm(end)}`;
  if (suffix) out += `,-${encodeTerm(suffix)}`;
  return out;
}

/**
 * `url` with a text fragment for the passage. An existing text directive (or any fragment
 * directive) is replaced; an ordinary fragment (`#section`, a hash route) is kept before `:~:`,
 * where browsers without text fragments still use it.
 */
export function linkToPassage(url: string, quote: QuoteForFragment): string {
  const directive = textFragment(quote);
  const hash = url.indexOf('#');
  if (hash === -1) return `${url}#:~:${directive}`;
  const fragment = url.slice(hash + 1);
  const delimiter = fragment.indexOf(':~:');
  const kept = delimiter === -1 ? fragment : fragment.slice(0, delimiter);
  return `${url.slice(0, hash)}#${kept}:~:${directive}`;
}

/**
 * Percent-encodes a term: everything `encodeURIComponent` does, plus the characters the directive
 * syntax reserves (`-` above all, so a dash in the text is never read as a prefix/suffix marker)
 * and `!'()*`, which keeps the link intact inside Markdown `(…)` and chat linkifiers.
 */
export function encodeTerm(term: string): string {
  return encodeURIComponent(term).replace(
    /[-!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function clean(text: string): string {
  return text.replace(LONE_SURROGATE, '').replace(WHITESPACE, ' ').trim();
}

/** A run of text in the quote: a whitespace-separated token, or a word segment. */
interface Unit {
  start: number;
  end: number;
  word: boolean;
}

function whitespaceUnits(text: string): Unit[] {
  const units: Unit[] = [];
  for (const m of text.matchAll(/\S+/gu)) {
    units.push({ start: m.index, end: m.index + m[0].length, word: HAS_WORD.test(m[0]) });
  }
  return units;
}

/** For scripts written without spaces (Chinese, Japanese, Thai): dictionary word segments. */
function segmentUnits(text: string): Unit[] {
  const units: Unit[] = [];
  for (const s of new Intl.Segmenter(undefined, { granularity: 'word' }).segment(text)) {
    if (s.segment.trim()) {
      units.push({ start: s.index, end: s.index + s.segment.length, word: s.isWordLike ?? false });
    }
  }
  return units;
}

const countWords = (units: readonly Unit[]) => units.filter((u) => u.word).length;

/**
 * `[exact]` for a short quote; `[start, end]` for a long one: a few whole words from each end, with
 * `end` lengthened until its first occurrence after `start` is the real end of the quote.
 */
function splitLong(exact: string): [string, string?] {
  let units = whitespaceUnits(exact);
  let words = countWords(units);
  if (exact.length <= MAX_EXACT_CHARS && words <= MAX_EXACT_WORDS) return [exact];
  if (words < 3 && typeof Intl.Segmenter === 'function') {
    units = segmentUnits(exact);
    words = countWords(units);
  }
  const n = Math.min(EDGE_WORDS, Math.floor((words - 1) / 2));
  if (n < 1) return [exact];

  const wordIndexes = units.flatMap((u, i) => (u.word ? [i] : []));
  // The units holding the n-th word from the start and the n-th word from the end.
  const startLast = wordIndexes[n - 1]!;
  const endFirst = wordIndexes[wordIndexes.length - n]!;

  const start = exact.slice(0, units[startLast]!.end);
  const folded = primaryStrength(exact);
  const afterStart = primaryStrength(start).length;
  for (let i = endFirst; i > startLast; i--) {
    const end = exact.slice(units[i]!.start);
    const f = primaryStrength(end);
    if (folded.indexOf(f, afterStart) === folded.length - f.length) return [start, end];
  }
  return [exact];
}

/** An approximation of the spec's primary-strength comparison: no case, no accents. */
function primaryStrength(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The last few words before the passage. Stored context is cut at a fixed length, so its first
 * token may be a word's tail: it is used only when whitespace shows it whole (the prefix must
 * start on a word boundary). Its last token may be a partial word that the passage completes,
 * which the spec allows.
 */
function prefixWords(context: string): string {
  const raw = context.replace(LONE_SURROGATE, '').replace(WHITESPACE, ' ');
  const tokens = raw.trim().split(' ').filter(Boolean);
  if (!raw.startsWith(' ')) tokens.shift();
  const kept: string[] = [];
  let words = 0;
  for (let i = tokens.length - 1; i >= 0 && words < CONTEXT_WORDS; i--) {
    const token = tokens[i]!;
    if (words > 0 && SENTENCE_END.test(token)) break;
    kept.unshift(token);
    if (HAS_WORD.test(token)) words++;
  }
  while (kept.length && !HAS_WORD.test(kept[0]!)) kept.shift();
  return kept.join(' ');
}

/** The first few words after the passage, mirror of `prefixWords`. */
function suffixWords(context: string): string {
  const raw = context.replace(LONE_SURROGATE, '').replace(WHITESPACE, ' ');
  const tokens = raw.trim().split(' ').filter(Boolean);
  if (!raw.endsWith(' ')) tokens.pop();
  const kept: string[] = [];
  let words = 0;
  for (const token of tokens) {
    if (words >= CONTEXT_WORDS) break;
    kept.push(token);
    if (HAS_WORD.test(token)) words++;
    if (SENTENCE_END.test(token)) break;
  }
  while (kept.length && !HAS_WORD.test(kept[kept.length - 1]!)) kept.pop();
  return kept.join(' ');
}
