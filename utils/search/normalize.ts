import { fold } from '../fold';

/**
 * Search normalisation: text folded the way a reader compares words, and cut into the words a
 * query is matched against.
 *
 * | raw                                                        | folded              |
 * | ---------------------------------------------------------- | ------------------- |
 * | case, accents (precomposed or combining), NFKD variants    | lowercase, bare     |
 * | œ æ ß ẞ ø ł đ ı þ ð; ﬁ ﬂ and other compatibility ligatures | oe ae ss ss o l d i th d; fi fl |
 * | ’ ‘ ʼ ′ ´ `                                                | '                   |
 * | « » “ ” „ ‟ ‹ › ‚ ″                                        | "                   |
 * | ‐ ‑ ‒ – — ― − ⸺ ⸻ ﹘ ﹣ －                                   | -                   |
 * | NBSP, narrow NBSP and every other space                    | space               |
 * | soft hyphen, zero-width space/joiners, word joiner, BOM    | nothing             |
 * | …                                                          | ...                 |
 *
 * Words are runs of letters and digits. Inside a word an apostrophe or a dash joins parts:
 * - a French elision is split off: `l’expérience` → `l`, `experience` (also d’ j’ m’ n’ s’ t’
 *   c’ qu’ jusqu’ lorsqu’ puisqu’ quoiqu’ presqu’ quelqu’);
 * - any other compound is kept whole and by parts, so it is found either way: `bien-être` →
 *   `bien-etre`, `bien`, `etre`; `aujourd’hui` → `aujourdhui`, `aujourd`, `hui`.
 *
 * Light stemming ({@link stem}) only merges French and English plurals (`clients` ~ `client`,
 * `journaux` ~ `journal`). It is applied when matching, not when indexing, so the words stored
 * are the words of the text, and a prefix being typed (`chevau…`) still finds `chevaux`.
 */

/** Characters whose search form is not what `fold` gives (or that `fold` leaves alone). */
const SPECIAL = new Map<string, string>();
for (const c of '\u2019\u2018\u02BC\u2032\u00B4\u0060\u201B') SPECIAL.set(c, "'");
for (const c of '\u00AB\u00BB\u201C\u201D\u201E\u201F\u2039\u203A\u201A\u2033') SPECIAL.set(c, '"');
for (const c of '\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2E3A\u2E3B\uFE58\uFE63\uFF0D') SPECIAL.set(c, '-');
for (const c of '\u00A0\u202F\u2007\u205F\u3000\u1680\u2028\u2029\u0085') SPECIAL.set(c, ' ');
for (let c = 0x2000; c <= 0x200a; c++) SPECIAL.set(String.fromCharCode(c), ' ');
for (const c of '\u00AD\u200B\u200C\u200D\u2060\uFEFF') SPECIAL.set(c, '');
// Letters NFKD does not decompose. ẞ is here because it lowercases to ß after `fold` replaced ß.
for (const [c, to] of [['ς', 'σ'], ['ß', 'ss'], ['ẞ', 'ss'], ['ø', 'o'], ['Ø', 'o'], ['ł', 'l'], ['Ł', 'l'], ['đ', 'd'], ['Đ', 'd'], ['ı', 'i'], ['þ', 'th'], ['Þ', 'th'], ['ð', 'd'], ['Ð', 'd']]) {
  SPECIAL.set(c!, to!);
}

/** Folded form of each non-ASCII character met so far (a few hundred in practice). */
const FOLDED = new Map<string, string>();
function foldChar(c: string): string {
  let to = FOLDED.get(c);
  if (to === undefined) {
    to = SPECIAL.get(c) ?? fold(c);
    // A compatibility decomposition may give a character that needs folding itself (︱ → — → -).
    if (to !== c && /[^\x00-\x7f]/u.test(to)) to = [...to].map((d) => SPECIAL.get(d) ?? d).join('');
    FOLDED.set(c, to);
  }
  return to;
}

const NON_ASCII = /[^\x00-\x7f]/u;
const NON_ASCII_ALL = /[^\x00-\x7f]/gu;

/**
 * Folds without collapsing spaces. Per character (cached), which is exact: NFKD decomposes each
 * code point on its own, and the marks it may reorder are dropped anyway.
 */
export function foldForSearch(text: string): string {
  const lower = text.toLowerCase();
  return NON_ASCII.test(lower) ? lower.replace(NON_ASCII_ALL, foldChar) : lower;
}

/** Folded text, spaces collapsed and trimmed: `« L’Œuvre » — été` → `"l'oeuvre" - ete`. */
export function normalizeForSearch(text: string): string {
  return foldForSearch(text).replace(/\s+/g, ' ').trim();
}

/** French elisions: a word before an apostrophe that is only ever an elided article or pronoun. */
const ELISIONS = new Set(['l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu', 'presqu', 'quelqu']);

/**
 * What a word is: a plain word, an elided article split off (`l` of `l’art`), a compound taken
 * whole (`bien-etre`), or one part of a compound (`bien`, `etre`).
 */
export type TokenKind = 'word' | 'elision' | 'whole' | 'part';

/** A word of a text, folded, with where it is in the text (raw offsets: accents, case untouched). */
export interface Token {
  term: string;
  kind: TokenKind;
  start: number;
  end: number;
}

/**
 * Receives each word as a range of folded UTF-16 code units in `buf` (valid during the call
 * only), its kind, and its range in the raw text.
 */
export type TokenSink = (buf: Uint16Array, start: number, end: number, kind: TokenKind, rawStart: number, rawEnd: number) => void;

// What each UTF-16 code unit is, filled lazily: low 3 bits a class, the rest the folded code unit
// (K_WORD) or an index in MULTI (K_MULTI: folds to several letters, like œ → oe, ß → ss, ﬁ → fi).
const K_SEP = 0;
const K_DROP = 1;
const K_APOS = 2;
const K_DASH = 3;
const K_WORD = 4;
const K_MULTI = 5;
const UNKNOWN = -1;
const PAIR = -2;
const CLASS = new Int32Array(0x10000).fill(UNKNOWN);
CLASS.fill(PAIR, 0xd800, 0xdc00);
const MULTI: Uint16Array[] = [];
const PAIRS = new Map<string, number>();
/** Flag on a class read from a surrogate pair. */
const TWO_UNITS = 1 << 30;
const LETTERS_DIGITS = /^[\p{L}\p{N}]+$/u;

function classify(c: string): number {
  const f = foldChar(c);
  if (f === '') return K_DROP;
  if (f === "'") return K_APOS;
  if (f === '-') return K_DASH;
  if (!LETTERS_DIGITS.test(f)) return K_SEP;
  if (f.length === 1) return (f.charCodeAt(0) << 3) | K_WORD;
  MULTI.push(Uint16Array.from(f, (x) => x.charCodeAt(0)));
  return ((MULTI.length - 1) << 3) | K_MULTI;
}
for (let c = 0; c < 0x80; c++) CLASS[c] = classify(String.fromCharCode(c));

/** Class of the code unit at `i`, and how many code units it takes (2 for a surrogate pair). */
function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  let v = CLASS[c]!;
  if (v === UNKNOWN) v = CLASS[c] = c >= 0xdc00 && c <= 0xdfff ? K_SEP : classify(String.fromCharCode(c));
  else if (v === PAIR) {
    const d = text.charCodeAt(i + 1);
    if (!(d >= 0xdc00 && d <= 0xdfff)) return K_SEP;
    const pair = text.slice(i, i + 2);
    v = PAIRS.get(pair) ?? -3;
    if (v === -3) {
      v = classify(pair);
      PAIRS.set(pair, v);
    }
    return v | TWO_UNITS;
  }
  return v;
}

/**
 * Cuts text into words in one pass over its code units, folding as it goes (no regex, no
 * substring per word): what makes indexing 50,000 notes and 2,000 articles affordable. One
 * scanner per user; not reentrant (a sink must not scan with the same scanner).
 */
export class WordScanner {
  #buf: Uint16Array = new Uint16Array(64);
  #parts = 0;
  #pStart = new Int32Array(16);
  #pEnd = new Int32Array(16);
  #rStart = new Int32Array(16);
  #rEnd = new Int32Array(16);
  #joiner = new Uint8Array(16);

  scan(text: string, sink: TokenSink): void {
    const n = text.length;
    let buf = this.#buf;
    let len = 0;
    let inWord = false;
    /** Raw end of the part being read. */
    let rawEnd = 0;
    for (let i = 0; i < n; ) {
      let v = CLASS[text.charCodeAt(i)]!;
      let w = 1;
      if (v < 0) {
        v = classAt(text, i);
        if (v & TWO_UNITS) {
          w = 2;
          v &= ~TWO_UNITS;
        }
      }
      const kind = v & 7;
      if (kind >= K_WORD) {
        if (!inWord) {
          inWord = true;
          len = 0;
          this.#parts = 0;
          this.#open(i, 0, 0);
        }
        if (kind === K_WORD) {
          if (len === buf.length) buf = this.#grow(len + 1);
          buf[len++] = v >>> 3;
        } else {
          const m = MULTI[v >>> 3]!;
          if (len + m.length > buf.length) buf = this.#grow(len + m.length);
          for (let j = 0; j < m.length; j++) buf[len++] = m[j]!;
        }
        rawEnd = i + w;
      } else if (kind === K_DROP) {
        if (inWord) rawEnd = i + w;
      } else if (inWord) {
        this.#pEnd[this.#parts - 1] = len;
        this.#rEnd[this.#parts - 1] = rawEnd;
        if ((kind === K_APOS || kind === K_DASH) && i + w < n && (classAt(text, i + w) & 7) >= K_WORD) {
          if (kind === K_DASH) {
            if (len === buf.length) buf = this.#grow(len + 1);
            buf[len++] = 0x2d;
          }
          this.#open(i + w, len, kind);
        } else {
          this.#finish(sink);
          inWord = false;
        }
      }
      i += w;
    }
    if (inWord) {
      this.#pEnd[this.#parts - 1] = len;
      this.#rEnd[this.#parts - 1] = rawEnd;
      this.#finish(sink);
    }
  }

  #grow(need: number): Uint16Array {
    const b = new Uint16Array(Math.max(need, this.#buf.length * 2));
    b.set(this.#buf);
    return (this.#buf = b);
  }

  #open(rawStart: number, bufStart: number, joiner: number) {
    if (this.#parts === this.#pStart.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.#pStart = grow(this.#pStart);
      this.#pEnd = grow(this.#pEnd);
      this.#rStart = grow(this.#rStart);
      this.#rEnd = grow(this.#rEnd);
      this.#joiner = grow(this.#joiner);
    }
    const k = this.#parts++;
    this.#pStart[k] = bufStart;
    this.#rStart[k] = rawStart;
    this.#rEnd[k] = rawStart;
    this.#joiner[k] = joiner;
  }

  /** Emits the word just read: elisions split off, a compound whole then by parts. */
  #finish(sink: TokenSink) {
    const parts = this.#parts;
    const buf = this.#buf;
    const pStart = this.#pStart;
    const pEnd = this.#pEnd;
    const rStart = this.#rStart;
    const rEnd = this.#rEnd;
    let first = 0;
    // An elision ends at an apostrophe and needs a word after it.
    while (first < parts - 1 && this.#joiner[first + 1] === K_APOS && pEnd[first]! - pStart[first]! <= 6 && ELISIONS.has(text(buf, pStart[first]!, pEnd[first]!))) {
      sink(buf, pStart[first]!, pEnd[first]!, 'elision', rStart[first]!, rEnd[first]!);
      first++;
    }
    if (first === parts - 1) {
      sink(buf, pStart[first]!, pEnd[first]!, 'word', rStart[first]!, rEnd[first]!);
      return;
    }
    sink(buf, pStart[first]!, pEnd[parts - 1]!, 'whole', rStart[first]!, rEnd[parts - 1]!);
    for (let k = first; k < parts; k++) sink(buf, pStart[k]!, pEnd[k]!, 'part', rStart[k]!, rEnd[k]!);
  }
}

/** The string of a range of code units (flat, not a chain of concatenations). */
export function text(buf: Uint16Array, start: number, end: number): string {
  // `apply` takes the typed array as it is (a spread would go through its iterator).
  const chunk = (a: number, b: number) => String.fromCharCode.apply(null, buf.subarray(a, b) as unknown as number[]);
  if (end - start <= 8192) return chunk(start, end);
  let s = '';
  for (let i = start; i < end; i += 8192) s += chunk(i, Math.min(end, i + 8192));
  return s;
}

const shared = new WordScanner();

/**
 * The words a text is searched by, in order, repeats kept: folded, elisions split off,
 * compounds whole and by parts. `L’expérience du bien-être` → `l`, `experience`, `du`,
 * `bien-etre`, `bien`, `etre`.
 */
export function tokenize(input: string): string[] {
  const out: string[] = [];
  shared.scan(input, (buf, start, end) => out.push(text(buf, start, end)));
  return out;
}

/**
 * The same words with where they are in the raw text (not the folded one), so a match can be
 * shown on the text as the reader sees it, accents and punctuation untouched.
 */
export function scanTokens(input: string): Token[] {
  const out: Token[] = [];
  shared.scan(input, (buf, start, end, kind, rawStart, rawEnd) => out.push({ term: text(buf, start, end), kind, start: rawStart, end: rawEnd }));
  return out;
}

/**
 * Light stemming: French and English plurals only, so `clients` ~ `client`, `notes` ~ `note`,
 * `bureaux` ~ `bureau`, `jeux` ~ `jeu`, `journaux` ~ `journal`. Words of three letters or fewer
 * and endings that are rarely plurals (-ss, -is, -us: `process`, `analysis`, `plus`) are left
 * alone. Anything heavier merges words readers keep apart (conjugations), or parts a French word
 * from its plural (-ies → -y would make `séries` `sery`, away from `série`).
 */
export function stem(term: string): string {
  const n = term.length;
  if (n < 4) return term;
  const last = term.charCodeAt(n - 1);
  if (last === 0x73 /* s */) {
    const before = term[n - 2]!;
    if (before === 's' || before === 'i' || before === 'u' || before === '-' || before === "'") return term;
    return term.slice(0, -1);
  }
  if (last === 0x78 /* x */) {
    if (term.endsWith('eux') || term.endsWith('oux') || term.endsWith('eaux')) return term.slice(0, -1);
    if (n >= 6 && term.endsWith('aux')) return `${term.slice(0, -3)}al`;
  }
  return term;
}

/** One word of a query, folded. */
export interface QueryTerm {
  /** The word as typed, folded. */
  text: string;
  /** Its light stem: words with the same stem match it. */
  stem: string;
  /** Matches any word starting with `text` too (the word being typed). */
  prefix: boolean;
}

/**
 * Reads a query: its words, folded, every one required. Compounds count by parts (`bien-être`
 * needs `bien` and `etre`, so it also finds « bien être »); an elided article is dropped when
 * the query has other words (`l’expérience` finds « une expérience »). The last word is a prefix
 * unless the query ends with a space or punctuation (the user finished the word) or `prefix` is
 * false.
 */
export function parseQuery(query: string, prefix = true): QueryTerm[] {
  const words: Array<{ term: string; kind: TokenKind; end: number }> = [];
  shared.scan(query, (buf, start, end, kind, _rawStart, rawEnd) => {
    if (kind !== 'whole') words.push({ term: text(buf, start, end), kind, end: rawEnd });
  });
  const kept = words.some((w) => w.kind !== 'elision') ? words.filter((w) => w.kind !== 'elision') : words;
  const typing = prefix && kept.length > 0 && kept[kept.length - 1]!.end === query.length;
  const terms: QueryTerm[] = [];
  kept.forEach((w, i) => {
    const isPrefix = typing && i === kept.length - 1;
    const term = { text: w.term, stem: stem(w.term), prefix: isPrefix };
    const same = terms.findIndex((t) => t.text === term.text);
    // "client cl" needs both words; "client client" is one word.
    if (same === -1) terms.push(term);
    else if (!isPrefix) terms[same] = term;
  });
  return terms;
}

/** How a word of a text matches a query word: 2 same word or same stem, 1 by prefix, 0 not. */
export function matchTerm(word: string, term: QueryTerm): 0 | 1 | 2 {
  if (word === term.text || stem(word) === term.stem) return 2;
  return term.prefix && word.startsWith(term.text) ? 1 : 0;
}
