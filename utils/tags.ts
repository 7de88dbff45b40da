/**
 * Tags are compared as a reader would: case-insensitive, trimmed, inner whitespace collapsed,
 * Unicode-normalised (NFC), so « Marketing », "marketing " and "MARKETING" are one tag.
 * The stored form is that normal form.
 */
export function normalizeTag(raw: string): string {
  return raw.normalize('NFC').replace(/\s+/gu, ' ').trim().toLocaleLowerCase();
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
