/**
 * The one table of characters that are the same character written differently: typed on
 * another keyboard, autocorrected, pasted from a page, set by a typographer. Every normaliser
 * is derived from it (tags, search, anchoring, tag suggestions, `fold`), so a character that is
 * an apostrophe for one of them is an apostrophe for all of them.
 *
 * | kind       | members                                                 | stands for |
 * | ---------- | ------------------------------------------------------- | ---------- |
 * | apostrophe | ’ ‘ ‚ ‛ ʼ ＇, and ′ ´ ` (U+1FEF, U+1FFD: ` ´ under NFC)   | '          |
 * | quote      | « » “ ” „ ‟ ‹ › ″ ＂                                    | "          |
 * | dash       | ‐ ‑ ‒ – — ― − ⸺ ⸻ ﹘ ﹣ －                              | -          |
 * | space      | tab, NBSP, narrow NBSP, U+2000–U+200A, U+1680, U+205F, U+3000 | space |
 * | line-break | CR, CR LF, VT, FF, NEL, U+2028, U+2029                  | LF         |
 * | invisible  | soft hyphen, zero-width space, word joiner, BOM         | nothing    |
 * | ellipsis   | …                                                       | ...        |
 * | ligature   | ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ                                           | ff fi fl ffi ffl st st |
 *
 * Decisions, once for every normaliser:
 * - The prime ′, the acute accent ´ and the backquote ` are apostrophes (and the double prime ″
 *   a quote): pages, OCR and keyboards without ’ put them where an apostrophe belongs (`l´idée`,
 *   `don`t`), and the rare true prime (5′30″) loses nothing by reading as one.
 * - ‚ (single low quote) is a single quote like ‘, so an apostrophe, not a double quote.
 * - Dashes and hyphens are one class: `1939–1945` and `1939-1945`, `Paris–Lyon` and `Paris-Lyon`
 *   are written both ways for the same thing, in a quote, a query or a tag.
 * - ZWJ and ZWNJ are not invisible: they change the glyphs around them (👩‍💻, Persian
 *   می‌خواهم), so a tag or a quote keeps them; `fold` drops them, as it drops accents.
 * - Letters that are letters of a language (œ æ ß ø ĳ…) and fullwidth letters are not here:
 *   `fold` merges them with their plain spelling, for search only.
 *
 * Every member is one UTF-16 code unit (anchoring looks them up in a 64 K table).
 */
export type CharKind = 'apostrophe' | 'quote' | 'dash' | 'space' | 'line-break' | 'invisible' | 'ellipsis' | 'ligature';

export interface CharClass {
  kind: CharKind;
  /** What every member stands for: ASCII, or nothing for an invisible character. */
  canonical: string;
  /** The characters that are `canonical` written otherwise, one code unit each. */
  members: string;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i)).join('');

export const CHAR_CLASSES: readonly CharClass[] = [
  // U+1FEF and U+1FFD are ` and ´ under NFC: the table is closed under NFC, so it gives the same
  // whether a normaliser applies NFC before it or after.
  { kind: 'apostrophe', canonical: "'", members: '\u2019\u2018\u201A\u201B\u02BC\uFF07\u2032\u00B4\u0060\u1FEF\u1FFD' },
  { kind: 'quote', canonical: '"', members: '\u00AB\u00BB\u201C\u201D\u201E\u201F\u2039\u203A\u2033\uFF02' },
  { kind: 'dash', canonical: '-', members: '\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2E3A\u2E3B\uFE58\uFE63\uFF0D' },
  { kind: 'space', canonical: ' ', members: `\t\u00A0\u1680${range(0x2000, 0x200a)}\u202F\u205F\u3000` },
  { kind: 'line-break', canonical: '\n', members: '\r\v\f\u0085\u2028\u2029' },
  { kind: 'invisible', canonical: '', members: '\u00AD\u200B\u2060\uFEFF' },
  { kind: 'ellipsis', canonical: '...', members: '\u2026' },
  { kind: 'ligature', canonical: 'ff', members: '\uFB00' },
  { kind: 'ligature', canonical: 'fi', members: '\uFB01' },
  { kind: 'ligature', canonical: 'fl', members: '\uFB02' },
  { kind: 'ligature', canonical: 'ffi', members: '\uFB03' },
  { kind: 'ligature', canonical: 'ffl', members: '\uFB04' },
  { kind: 'ligature', canonical: 'st', members: '\uFB05\uFB06' },
];

/** Shaping controls (zero-width non-joiner, joiner): kept by the table, dropped by `fold`. */
export const SHAPING = '\u200C\u200D';

const BY_CHAR = new Map<string, CharClass>();
for (const c of CHAR_CLASSES) for (const m of c.members) BY_CHAR.set(m, c);

/** The class of a character of the table (a member, not its canonical form), or undefined. */
export function classOf(char: string): CharClass | undefined {
  return BY_CHAR.get(char);
}

/** The kind of a character: a member's or a canonical form's (`'` is an apostrophe too). */
export function kindOf(char: string): CharKind | undefined {
  const c = BY_CHAR.get(char);
  if (c) return c.kind;
  return char === "'" ? 'apostrophe' : char === '"' ? 'quote' : char === '-' ? 'dash' : char === ' ' ? 'space' : char === '\n' ? 'line-break' : undefined;
}

const MEMBERS = new RegExp(`\\r\\n|[${CHAR_CLASSES.map((c) => c.members).join('').replace(/[\\\]^-]/gu, '\\$&')}]`, 'gu');

/**
 * `text` with every member of the table replaced by what it stands for: ’ → ', « → ", – → -,
 * NBSP → space, CR LF → LF, soft hyphen → nothing, … → ..., ﬁ → fi. Spaces are not collapsed,
 * case and accents untouched. Apply NFC after, not before: dropping an invisible character can
 * bring a letter and its combining accent together.
 */
export function canonicalize(text: string): string {
  return text.replace(MEMBERS, (m) => (m === '\r\n' ? '\n' : BY_CHAR.get(m)!.canonical));
}
