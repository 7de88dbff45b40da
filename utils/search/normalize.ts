import { FRENCH_ELISIONS, MAX_ELISION_LENGTH } from '../text/elisions';
import { fold, foldChar } from '../text/fold';
import { ensureCapacity } from './typed-arrays';

/**
 * Search normalisation: text folded the way a reader compares words (`fold`: case, accents,
 * letter variants, and the character table of `utils/text/table`, so ’ ′ ´ are apostrophes,
 * « “ quotes, – — hyphens, NBSP a space, ﬁ fi), and cut into the words a query is matched
 * against.
 *
 * Words are runs of letters and digits. Inside a word an apostrophe or a dash joins parts:
 * - a French elision (`utils/text/elisions`) is split off: `l’expérience` → `l`, `experience`
 *   (also d’ j’ m’ n’ s’ t’ c’ qu’ jusqu’ lorsqu’ puisqu’ quoiqu’);
 * - any other compound is kept whole and by parts, so it is found either way: `bien-être` →
 *   `bien-etre`, `bien`, `etre`; `aujourd’hui` → `aujourdhui`, `aujourd`, `hui`; `presqu’île` →
 *   `presquile`, `presqu`, `ile`.
 *
 * Light stemming ({@link stem}) only merges French and English plurals (`clients` ~ `client`,
 * `journaux` ~ `journal`). It is applied when matching, not when indexing, so the words stored
 * are the words of the text, and a prefix being typed (`chevau…`) still finds `chevaux`.
 */

/** Folded text, spaces collapsed and trimmed: `« L’Œuvre » — été` → `"l'oeuvre" - ete`. */
export function normalizeForSearch(text: string): string {
  return fold(text).replace(/\s+/g, ' ').trim();
}

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
          if (len === buf.length) buf = this.#buf = ensureCapacity(buf, len + 1);
          buf[len++] = v >>> 3;
        } else {
          const m = MULTI[v >>> 3]!;
          if (len + m.length > buf.length) buf = this.#buf = ensureCapacity(buf, len + m.length);
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
            if (len === buf.length) buf = this.#buf = ensureCapacity(buf, len + 1);
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

  #open(rawStart: number, bufStart: number, joiner: number) {
    if (this.#parts === this.#pStart.length) {
      const need = this.#parts + 1;
      this.#pStart = ensureCapacity(this.#pStart, need);
      this.#pEnd = ensureCapacity(this.#pEnd, need);
      this.#rStart = ensureCapacity(this.#rStart, need);
      this.#rEnd = ensureCapacity(this.#rEnd, need);
      this.#joiner = ensureCapacity(this.#joiner, need);
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
    while (first < parts - 1 && this.#joiner[first + 1] === K_APOS && pEnd[first]! - pStart[first]! <= MAX_ELISION_LENGTH && FRENCH_ELISIONS.has(text(buf, pStart[first]!, pEnd[first]!))) {
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
