/**
 * Two browsers' versions of one board, changed without seeing each other (issue #17 through
 * sync), merged item by item, pure. The later version (`winner`, by sync stamp) keeps its name,
 * its order and its words; what the other (`loser`) added meanwhile joins it, each item after the
 * one it followed there; what either removed stays removed. So two people (or one person on two
 * machines) gathering quotes into the same board offline both find all of them after a sync.
 *
 * What a board without a common ancestor cannot tell apart is settled for the later version: a
 * heading both edited keeps the later words; an item one side moved and the other did not ends
 * where the later version has it.
 */
import type { Project, ProjectItem } from './project';
import { MAX_PROJECT_ITEMS, MAX_REMOVED, noteIdsOf } from './project-items';

export function mergeBoards(winner: Project, loser: Project): Project {
  const removed = [...new Set([...(loser.removed ?? []), ...(winner.removed ?? [])])];
  const gone = new Set(removed);
  const items: ProjectItem[] = winner.items.filter((item) => !gone.has(item.id));
  const ids = new Set(items.map((item) => item.id));
  const notes = new Set(noteIdsOf(items));
  /** Where the last of the loser's items already on the board sits, to put the next added one after it. */
  let after = -1;
  for (const item of loser.items) {
    if (ids.has(item.id)) {
      after = items.findIndex((x) => x.id === item.id);
      continue;
    }
    // Removed on either side, or the same note added on both (a note is on a board once).
    if (gone.has(item.id) || (item.kind === 'note' && notes.has(item.noteId))) continue;
    if (items.length >= MAX_PROJECT_ITEMS) break;
    items.splice(++after, 0, item);
    ids.add(item.id);
    if (item.kind === 'note') notes.add(item.noteId);
  }
  const out: Project = {
    ...winner,
    items,
    noteIds: noteIdsOf(items),
    createdAt: Math.min(winner.createdAt, loser.createdAt),
    updatedAt: Math.max(winner.updatedAt, loser.updatedAt),
  };
  const kept = removed.filter((id) => !ids.has(id)).slice(-MAX_REMOVED);
  if (kept.length) out.removed = kept;
  else delete out.removed;
  return out;
}
