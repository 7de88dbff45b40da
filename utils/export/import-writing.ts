/**
 * Merging a backup's writing records (issue #17) into the database: projects by id, review
 * schedules by note id, the newer `updatedAt` winning as for notes (equal: the stored one stays).
 * Runs inside `importRecords`' transaction (utils/export/import.ts), which takes the tables.
 * A project may name notes the library does not have: its board shows them as deleted, as it
 * does a note deleted here; a review of a missing note is kept and skipped by the review.
 */
import type { VerbatimDb } from '../db/schema';
import type { Project } from '../domain/project';
import { noteIdsOf } from '../domain/project-items';
import type { ReviewState } from '../domain/review-state';

export interface WritingCounts {
  added: number;
  updated: number;
  skipped: number;
}

/** One record per key, the newest. */
function newest<T extends { updatedAt: number }>(list: readonly T[], key: (r: T) => string): T[] {
  const best = new Map<string, T>();
  for (const r of list) {
    const seen = best.get(key(r));
    if (!seen || r.updatedAt >= seen.updatedAt) best.set(key(r), r);
  }
  return [...best.values()];
}

async function mergeBy<T extends { updatedAt: number }>(
  table: { bulkGet(keys: string[]): Promise<Array<T | undefined>>; bulkPut(items: readonly T[]): Promise<unknown> },
  incoming: readonly T[],
  key: (r: T) => string,
): Promise<WritingCounts> {
  const counts = { added: 0, updated: 0, skipped: 0 };
  if (!incoming.length) return counts;
  const list = newest(incoming, key);
  const stored = await table.bulkGet(list.map(key));
  const put: T[] = [];
  list.forEach((r, i) => {
    const existing = stored[i];
    if (existing && r.updatedAt <= existing.updatedAt) return void counts.skipped++;
    put.push(r);
    if (existing) counts.updated++;
    else counts.added++;
  });
  if (put.length) await table.bulkPut(put);
  return counts;
}

/** Merges projects and review schedules, in the caller's transaction over `projects` and `reviews`. */
export async function mergeWriting(
  db: VerbatimDb,
  projects: readonly Project[] = [],
  reviews: readonly ReviewState[] = [],
): Promise<{ projects: WritingCounts; reviews: WritingCounts }> {
  // noteIds derived again from the items, whatever the file said (the parser checked they agree).
  const boards = projects.map((p) => ({ ...p, noteIds: noteIdsOf(p.items) }));
  return {
    projects: await mergeBy<Project>(db.projects, boards, (p) => p.id),
    reviews: await mergeBy<ReviewState>(db.reviews, reviews, (r) => r.noteId),
  };
}
