import { canonicalize } from '../text/table';

/**
 * Tags are compared as a reader would: case-insensitive, trimmed, inner whitespace collapsed,
 * Unicode-normalised (NFC), so « Marketing », "marketing " and "MARKETING" are one tag; and
 * characters that are one character written otherwise are one character (the table of
 * utils/text/table.ts, which search, anchoring and suggestions follow too), so `l'idée` typed on
 * a keyboard and `l’idée` pasted from an article are one tag, and so are `1939–1945` and
 * `1939-1945`. The stored form is that normal form:
 *
 * | raw                                                          | stored      |
 * | ------------------------------------------------------------ | ----------- |
 * | ' ’ ‘ ‚ ‛ ʼ ＇, the prime ′, the acute accent ´, the backquote ` | ’ U+2019    |
 * | « » “ ” „ ‟ ‹ › ″ ＂                                           | " U+0022    |
 * | every hyphen and dash: ‐ ‑ ‒ – — ― − ⸺ ⸻ ﹘ ﹣ －               | - U+002D    |
 * | NBSP, narrow NBSP, every other space, tabs, line breaks      | one space   |
 * | soft hyphen, zero-width space, word joiner, BOM              | nothing     |
 * | … ; ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ                                            | ... ; ff fi fl ffi ffl st st |
 * | capitals                                                     | lowercase   |
 *
 * The apostrophe kept is the typographic one: it is what French text uses (and what pages,
 * titles and clipped articles carry), what tag suggestions show, and Unicode's recommended
 * apostrophe. Lowercasing is locale-independent (`toLowerCase`, as `fold` and search do): with
 * `toLocaleLowerCase` a Turkish or Azeri browser would store `ı` for `I`, and the same tag typed
 * on two machines would differ. ZWJ and ZWNJ stay, as they shape emoji and some scripts; so does
 * the ʻokina, a letter.
 *
 * Stored tags are normal forms: a change to these rules (or to the table) needs a schema
 * version whose migration renormalises them with a frozen copy of the new rules
 * (utils/db/migrations/v7.ts holds the current ones; tests/db/tag-rules.test.ts checks).
 */
export function normalizeTag(raw: string): string {
  // NFC after the table: dropping an invisible character can bring a letter and its accent together.
  const canonical = canonicalize(raw.toLowerCase()).normalize('NFC');
  return canonical.replace(/\s+/gu, ' ').trim().replace(/'/gu, '\u2019');
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
