/**
 * A project (issue #17): a writing board that gathers notes from any article, in the user's
 * order, with headings and connecting text of their own between them. A note can be in several
 * projects; a project holds note ids, never copies, so an edited note is edited everywhere.
 *
 * One record per project (the `projects` table, schema v11): its items in order. `noteIds`
 * repeats the note items' ids for the multiEntry index that answers "which projects hold this
 * note". Pure types: no database, no browser API.
 */
export type ProjectItem =
  | { kind: 'note'; id: string; noteId: string }
  | { kind: 'heading'; id: string; text: string }
  | { kind: 'text'; id: string; text: string };

export interface Project {
  id: string;
  /** The user's name for it: "Conférence relation client". Trimmed, not empty. */
  name: string;
  /** The board, in order. Item ids are stable so a drag or an edit names what it moves. */
  items: ProjectItem[];
  /** The ids of the `note` items, for the `*noteIds` index; kept equal to them on every write. */
  noteIds: string[];
  /**
   * The ids of items taken off this board, oldest first (at most `MAX_REMOVED`), so that a sync
   * merging two browsers' boards keeps the other's additions without bringing back what either
   * removed (utils/domain/project-merge.ts). Absent while nothing was removed.
   */
  removed?: string[];
  createdAt: number;
  updatedAt: number;
}
