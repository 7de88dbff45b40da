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
