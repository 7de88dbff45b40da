import type { Transaction } from 'dexie';

/** One version's rule for a single tag. */
export type TagRule = (raw: string) => string;

/**
 * A version's rule applied to a list of tags: each normalised, empties and duplicates dropped,
 * first-seen order kept (what `normalizeTags` has done in every version so far).
 */
export function tagsBy(rule: TagRule): (raw: readonly string[]) => string[] {
  return (raw) => {
    const seen = new Set<string>();
    for (const tag of raw) {
      const t = rule(tag);
      if (t) seen.add(t);
    }
    return [...seen];
  };
}

/**
 * Normalises every note's and article's tags again with a version's rule, merging those that
 * become one. Only records whose tags change are rewritten (`false` tells modify() to skip the
 * others), and nothing else of them changes, updatedAt included.
 */
export async function retagAll(tx: Transaction, rule: TagRule): Promise<void> {
  const normalize = tagsBy(rule);
  const retag = (record: { tags: string[] }) => {
    const tags = normalize(record.tags ?? []);
    if (tags.length === record.tags?.length && tags.every((t, i) => t === record.tags[i])) return false;
    record.tags = tags;
    return true;
  };
  await tx.table<{ tags: string[] }, string>('notes').toCollection().modify(retag);
  await tx.table<{ tags: string[] }, string>('articles').toCollection().modify(retag);
}
