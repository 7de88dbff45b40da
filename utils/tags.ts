/** Apostrophes typed, pasted or autocorrected in `l’idée`, `aujourd’hui`, `don’t`. */
const APOSTROPHES = /['\u2018\u201B\u02BC\uFF07]/gu;
/** Hyphens that look like the keyboard's `-`. */
const HYPHENS = /[\u2010\u2011\uFE63\uFF0D]/gu;
/** `\s` is every Unicode space (Zs: NBSP, U+202F, U+2000–U+200A, U+3000…) and line break; NEL too. */
const SPACES = /[\s\u0085]+/gu;
/** Invisible characters pasted text carries inside words. */
const INVISIBLE = /[\u00AD\u200B\u2060\uFEFF]/gu;

/**
 * Tags are compared as a reader would: case-insensitive, trimmed, inner whitespace collapsed,
 * Unicode-normalised (NFC), so « Marketing », "marketing " and "MARKETING" are one tag; and
 * characters that only look different are one character, so `l'idée` typed on a keyboard and
 * `l’idée` pasted from an article are one tag too. The stored form is that normal form:
 *
 * | raw                                                          | stored      |
 * | ------------------------------------------------------------ | ----------- |
 * | ' U+0027, ‘ U+2018, ‛ U+201B, ʼ U+02BC, ＇ U+FF07              | ’ U+2019    |
 * | ‐ U+2010, non-breaking ‑ U+2011, ﹣ U+FE63, － U+FF0D           | - U+002D    |
 * | NBSP, narrow NBSP, every other space, tabs, line breaks      | one space   |
 * | soft hyphen, zero-width space, word joiner, BOM              | nothing     |
 * | capitals                                                     | lowercase   |
 *
 * The apostrophe kept is the typographic one: it is what French text uses (and what pages,
 * titles and clipped articles carry), what tag suggestions show, and Unicode's recommended
 * apostrophe. Lowercasing is locale-independent (`toLowerCase`, as `fold` and search do): with
 * `toLocaleLowerCase` a Turkish or Azeri browser would store `ı` for `I`, and the same tag typed
 * on two machines would differ. Dashes (– —), the prime, the acute accent and the backquote
 * (′ ´ U+0060) are not apostrophes or hyphens and stay as typed; so do ZWJ and ZWNJ, which shape
 * emoji and some scripts.
 */
export function normalizeTag(raw: string): string {
  return raw
    .toLowerCase()
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(APOSTROPHES, '\u2019')
    .replace(HYPHENS, '-')
    .replace(SPACES, ' ')
    .trim();
}

/** Normalises, drops empties and duplicates, keeps first-seen order. */
export function normalizeTags(raw: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const tag of raw) {
    const t = normalizeTag(tag);
    if (t) seen.add(t);
  }
  return [...seen];
}

/** Longest tag we accept: a tag is a label, not a note. */
export const MAX_TAG_LENGTH = 64;

/** Adds one to a tag's count for every record carrying it. */
export function countTags(records: Iterable<{ tags: readonly string[] }>, into = new Map<string, number>()): Map<string, number> {
  for (const r of records) for (const tag of r.tags) into.set(tag, (into.get(tag) ?? 0) + 1);
  return into;
}

/** Tags with their counts, most used first (the autocomplete's order), then alphabetically. */
export function rankTags(counts: ReadonlyMap<string, number>): Array<{ tag: string; count: number }> {
  return [...counts]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}
