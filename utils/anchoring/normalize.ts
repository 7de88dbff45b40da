import { CHAR_CLASSES } from '../text/table';

/**
 * Text as a reader compares it: the differences nobody sees are folded away, and every character
 * of the result remembers which raw characters it came from, so a match in normalised text maps
 * back to an exact DOM range.
 *
 * | raw                                                        | normalised          |
 * | ---------------------------------------------------------- | ------------------- |
 * | any run of whitespace, NBSP, narrow NBSP, line breaks      | one space           |
 * | a boundary between block elements (`</p><p>`, `<br>`)     | one space           |
 * | the rest of the character table (`utils/text/table`)       | what it stands for  |
 * | decomposed accents (e + U+0301)                            | NFC (é)             |
 *
 * So ’ ‘ ′ ´ read as ', « “ ″ as ", – — − as -, … as ..., ﬁ as fi, and soft hyphens, zero-width
 * spaces and BOMs as nothing; ZWJ and ZWNJ are kept (they shape what is drawn). Leading and
 * trailing whitespace is dropped. Case is kept: readers see it.
 */

/**
 * What each UTF-16 code unit becomes, in one lookup: itself (KEEP), nothing (DROP), a space
 * (SPACE), several characters (MANY, see EXPANSIONS), or else the code unit stored.
 */
const KEEP = 0;
const DROP = 1;
const SPACE = 2;
const MANY = 3;
const TABLE = new Uint16Array(0x10000);
/** Code units standing for several characters: … → ..., ﬁ → fi. */
const EXPANSIONS = new Map<number, string>();
// The canonical space and line break are not members of their classes.
TABLE[0x20] = SPACE;
TABLE[0x0a] = SPACE;
for (const { kind, canonical, members } of CHAR_CLASSES) {
  for (const m of members) {
    const c = m.charCodeAt(0);
    if (kind === 'space' || kind === 'line-break') TABLE[c] = SPACE;
    else if (canonical === '') TABLE[c] = DROP;
    else if (canonical.length === 1) TABLE[c] = canonical.charCodeAt(0);
    else {
      TABLE[c] = MANY;
      EXPANSIONS.set(c, canonical);
    }
  }
}

/** A base character with the combining marks after it: the unit NFC may recompose. */
const CLUSTER = /[^\p{M}][\p{M}\u1160-\u11FF]*|[\p{M}\u1160-\u11FF]+/gsu;
/**
 * Code units NFC may change (combining marks, Hangul, Greek and CJK singletons, surrogates, and
 * whole scripts where marks abound), a generous superset: a chunk without any is already NFC,
 * and ordinary French text (precomposed é, à, ’) skips the costly check. A Unicode property
 * regex would be exact but costs more than the rest of indexing together.
 */
const SUSPECT = new Uint8Array(0x10000);
for (const [a, b] of [
  [0x0300, 0x036f], [0x0374, 0x0374], [0x037e, 0x037e], [0x0387, 0x0387], [0x0483, 0x0489],
  [0x0591, 0x11ff], [0x1300, 0x1dff], [0x1f00, 0x1fff], [0x2000, 0x2001], [0x20d0, 0x20ff],
  [0x2126, 0x2126], [0x212a, 0x212b], [0x2329, 0x232a], [0x2cef, 0x2cf1], [0x2d7f, 0x2d7f],
  [0x2de0, 0x2dff], [0x302a, 0x302f], [0x3099, 0x309a], [0xa66f, 0xa6ff], [0xa800, 0xabff],
  [0xac00, 0xdfff], [0xf900, 0xfaff], [0xfb1d, 0xfb4f], [0xfe00, 0xfe2f],
] as const) {
  SUSPECT.fill(1, a, b + 1);
}

function maybeNotNfc(data: string): boolean {
  for (let i = 0; i < data.length; i++) if (SUSPECT[data.charCodeAt(i)]) return true;
  return false;
}

/** Normalised text with, per character, the raw characters it stands for. */
export interface Normalized {
  text: string;
  /** `rawStart[j]`: raw offset of the first raw character behind normalised character `j`. */
  rawStart: Int32Array;
  /** `rawEnd[j]`: raw offset just after the last raw character behind `j` (= start for a block boundary). */
  rawEnd: Int32Array;
}

/**
 * Builds normalised text incrementally from raw chunks (text nodes) and block boundaries.
 * Raw offsets are those of the concatenated chunks.
 */
export class Normalizer {
  #codes: Uint16Array;
  #start: Int32Array;
  #end: Int32Array;
  #length = 0;
  /** Raw length consumed so far. */
  #raw = 0;
  /** A space is owed before the next visible character (whitespace or a block boundary). */
  #pendingSpace = -1;
  #pendingEnd = -1;

  constructor(capacity = 64) {
    this.#codes = new Uint16Array(Math.max(16, capacity));
    this.#start = new Int32Array(this.#codes.length);
    this.#end = new Int32Array(this.#codes.length);
  }

  #grow(extra: number) {
    const need = this.#length + extra;
    if (need <= this.#codes.length) return;
    const size = Math.max(need, this.#codes.length * 2);
    const codes = new Uint16Array(size);
    codes.set(this.#codes.subarray(0, this.#length));
    const start = new Int32Array(size);
    start.set(this.#start.subarray(0, this.#length));
    const end = new Int32Array(size);
    end.set(this.#end.subarray(0, this.#length));
    this.#codes = codes;
    this.#start = start;
    this.#end = end;
  }

  #emit(code: number, start: number, end: number) {
    if (this.#pendingSpace >= 0) {
      // Whitespace before the first visible character is dropped.
      if (this.#length > 0) this.#put(0x20, this.#pendingSpace, this.#pendingEnd);
      this.#pendingSpace = -1;
    }
    this.#put(code, start, end);
  }

  #put(code: number, start: number, end: number) {
    if (this.#length === this.#codes.length) this.#grow(1);
    this.#codes[this.#length] = code;
    this.#start[this.#length] = start;
    this.#end[this.#length] = end;
    this.#length++;
  }

  #space(start: number, end: number) {
    if (this.#pendingSpace < 0) {
      this.#pendingSpace = start;
      this.#pendingEnd = end;
    }
  }

  /** A boundary between blocks at the current raw offset: reads as a space. */
  boundary() {
    this.#space(this.#raw, this.#raw);
  }

  /** Appends a raw chunk (a text node's data). */
  push(data: string) {
    const base = this.#raw;
    this.#raw += data.length;
    if (maybeNotNfc(data) && data.normalize('NFC') !== data) {
      for (const m of data.matchAll(CLUSTER)) {
        const cluster = m[0];
        const at = base + m.index!;
        const nfc = cluster.normalize('NFC');
        if (nfc === cluster) this.#chars(cluster, at);
        else for (let i = 0; i < nfc.length; i++) this.#char(nfc.charCodeAt(i), at, at + cluster.length);
      }
      return;
    }
    this.#chars(data, base);
  }

  #chars(data: string, base: number) {
    // The hot loop of indexing: one table lookup per code unit, the state in locals.
    this.#grow(data.length + 1);
    let codes = this.#codes;
    let starts = this.#start;
    let ends = this.#end;
    let len = this.#length;
    let pending = this.#pendingSpace;
    let pendingEnd = this.#pendingEnd;
    for (let i = 0; i < data.length; i++) {
      let c = data.charCodeAt(i);
      const r = base + i;
      const t = TABLE[c]!;
      if (t === SPACE) {
        if (pending < 0) {
          pending = r;
          pendingEnd = r + 1;
        }
        continue;
      }
      if (t === DROP) continue;
      if (t === MANY) {
        this.#length = len;
        this.#pendingSpace = pending;
        this.#pendingEnd = pendingEnd;
        this.#char(c, r, r + 1);
        this.#grow(data.length - i + 1);
        codes = this.#codes;
        starts = this.#start;
        ends = this.#end;
        len = this.#length;
        pending = this.#pendingSpace;
        pendingEnd = this.#pendingEnd;
        continue;
      }
      if (t !== KEEP) c = t;
      if (pending >= 0) {
        // Whitespace before the first visible character is dropped.
        if (len > 0) {
          codes[len] = 0x20;
          starts[len] = pending;
          ends[len] = pendingEnd;
          len++;
        }
        pending = -1;
      }
      codes[len] = c;
      starts[len] = r;
      ends[len] = r + 1;
      len++;
    }
    this.#length = len;
    this.#pendingSpace = pending;
    this.#pendingEnd = pendingEnd;
  }

  /** One code unit (from an NFC-recomposed cluster, or one expanding to several characters). */
  #char(c: number, start: number, end: number) {
    const t = TABLE[c]!;
    if (t === SPACE) this.#space(start, end);
    else if (t === DROP) return;
    else if (t === MANY) {
      const folded = EXPANSIONS.get(c)!;
      for (let k = 0; k < folded.length; k++) this.#emit(folded.charCodeAt(k), start, end);
    } else this.#emit(t === KEEP ? c : t, start, end);
  }

  /** The normalised text so far and its maps (a trailing owed space is dropped). */
  finish(): Normalized {
    const n = this.#length;
    return { text: fromCodes(this.#codes, n), rawStart: this.#start.subarray(0, n), rawEnd: this.#end.subarray(0, n) };
  }
}

/** Typed arrays use the platform's byte order; UTF-16LE decoding of them needs little-endian. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const UTF16 = typeof TextDecoder === 'function' && LITTLE_ENDIAN ? new TextDecoder('utf-16le') : null;

/**
 * `codes[0, n)` as a string. The decoder turns a 1 MB page's codes into a flat string about 15×
 * faster than chunked String.fromCharCode (measured: 3–5 ms against 48–74 ms in V8), which was
 * most of a long page's normalisation. A lone surrogate becomes U+FFFD, one unit for one, so
 * offsets hold; quotes go through the same function and compare alike.
 */
function fromCodes(codes: Uint16Array | number[], n: number): string {
  if (UTF16) return UTF16.decode(codes instanceof Uint16Array ? codes.subarray(0, n) : Uint16Array.from(codes.slice(0, n)));
  let out = '';
  for (let i = 0; i < n; i += 8192) out += String.fromCharCode(...codes.slice(i, Math.min(n, i + 8192)));
  return out;
}

/**
 * The normalised form of a string (what selectors are compared in); trimmed. The same rules as
 * `Normalizer`, without the offset maps: quotes are normalised on every anchor, and building
 * three typed arrays for a 200-character string would cost more than the search.
 */
export function normalize(s: string): string {
  const src = maybeNotNfc(s) ? s.replace(CLUSTER, (c) => c.normalize('NFC')) : s;
  const codes: number[] = [];
  let pending = false;
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    const t = TABLE[c]!;
    if (t === SPACE) {
      pending = true;
      continue;
    }
    if (t === DROP) continue;
    if (pending) {
      if (codes.length > 0) codes.push(0x20);
      pending = false;
    }
    if (t === MANY) {
      const folded = EXPANSIONS.get(c)!;
      for (let k = 0; k < folded.length; k++) codes.push(folded.charCodeAt(k));
    } else codes.push(t === KEEP ? c : t);
  }
  return fromCodes(codes, codes.length);
}

/**
 * Index of the first normalised character whose raw start is at or after `raw` (binary search);
 * `text.length` when none.
 */
export function toNormalized(norm: Normalized, raw: number): number {
  const a = norm.rawStart;
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < raw) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Raw `[start, end)` behind normalised `[start, end)` (a non-empty span). */
export function toRaw(norm: Normalized, start: number, end: number): { start: number; end: number } {
  return { start: norm.rawStart[start]!, end: norm.rawEnd[end - 1]! };
}
