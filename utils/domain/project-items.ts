/**
 * A project's board as a list (issue #17), pure: every change to its items is a function from
 * the items to new items, never a mutation, so the repository writes the result in one
 * transaction and a test checks it without a database. A note is on a board at most once;
 * `noteIds` is derived from the items on every write ({@link withItems}), never edited apart.
 */
import type { Project, ProjectItem } from './project';

/** Longest project name kept (one line). */
export const MAX_PROJECT_NAME = 200;
/** Longest heading (one line) and connecting text (a few paragraphs of the user's own). */
export const MAX_HEADING = 500;
export const MAX_PROJECT_TEXT = 20_000;
/** Most items a board holds: a long talk's quotes and the words between them, with room to spare. */
export const MAX_PROJECT_ITEMS = 5_000;

/** A name as stored: trimmed, one line, spaces collapsed, cut to {@link MAX_PROJECT_NAME}; "" when nothing is left. */
export function cleanProjectName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().slice(0, MAX_PROJECT_NAME).trim();
}

/** A heading as stored: one line, trimmed. Connecting text keeps its line breaks, trimmed at both ends. */
export function cleanItemText(kind: 'heading' | 'text', text: string): string {
  return kind === 'heading' ? text.replace(/\s+/g, ' ').trim().slice(0, MAX_HEADING).trim() : text.replace(/\r\n?/g, '\n').trim().slice(0, MAX_PROJECT_TEXT);
}

/** The note ids of the note items, in board order: what the `*noteIds` index holds. */
export function noteIdsOf(items: readonly ProjectItem[]): string[] {
  return items.flatMap((item) => (item.kind === 'note' ? [item.noteId] : []));
}

/** Most removed item ids a board remembers for the sync merge: far more than one offline spell removes. */
export const MAX_REMOVED = 1_000;

/**
 * The project with these items, its `noteIds` derived from them and `updatedAt` now. Items no
 * longer there join `removed`; items back (an Undo) leave it.
 */
export function withItems(project: Project, items: ProjectItem[], now: number): Project {
  const kept = new Set(items.map((item) => item.id));
  const gone = project.items.flatMap((item) => (kept.has(item.id) ? [] : [item.id]));
  const removed = [...(project.removed ?? []).filter((id) => !kept.has(id) && !gone.includes(id)), ...gone].slice(-MAX_REMOVED);
  const { removed: _before, ...rest } = project;
  return { ...rest, items, noteIds: noteIdsOf(items), updatedAt: Math.max(now, project.updatedAt), ...(removed.length ? { removed } : {}) };
}

/** Where an item is, or -1. */
export const indexOfItem = (items: readonly ProjectItem[], itemId: string): number => items.findIndex((item) => item.id === itemId);

/** `at` clamped into `[0, length]`; undefined (or anything not a number) is the end. */
function clampIndex(at: number | undefined, length: number): number {
  if (at === undefined || !Number.isFinite(at)) return length;
  return Math.min(Math.max(0, Math.trunc(at)), length);
}

/**
 * The items with `added` inserted at `at` (default: the end). Note items whose note is already
 * on the board are left out (a note is there once), and so are repeated ones.
 */
export function insertItems(items: readonly ProjectItem[], added: readonly ProjectItem[], at?: number): ProjectItem[] {
  const present = new Set(noteIdsOf(items));
  const fresh = added.filter((item) => {
    if (item.kind !== 'note') return true;
    if (present.has(item.noteId)) return false;
    present.add(item.noteId);
    return true;
  });
  const i = clampIndex(at, items.length);
  return [...items.slice(0, i), ...fresh, ...items.slice(i)];
}

/** The note items for these notes, each with a new id from `newId`, for {@link insertItems}. */
export function noteItems(noteIds: readonly string[], newId: () => string): ProjectItem[] {
  return noteIds.map((noteId) => ({ kind: 'note', id: newId(), noteId }));
}

/** The items without the one named; the same list when it is not there. Returns where it was (-1 if not). */
export function removeItem(items: readonly ProjectItem[], itemId: string): { items: ProjectItem[]; index: number; removed?: ProjectItem } {
  const index = indexOfItem(items, itemId);
  if (index < 0) return { items: [...items], index };
  return { items: [...items.slice(0, index), ...items.slice(index + 1)], index, removed: items[index]! };
}

/**
 * The items with one moved so that it ends at index `to` of the result (clamped). An item not
 * there leaves the list as it is.
 */
export function moveItem(items: readonly ProjectItem[], itemId: string, to: number): ProjectItem[] {
  const { items: rest, index, removed } = removeItem(items, itemId);
  if (!removed) return rest;
  const at = clampIndex(to, rest.length);
  if (at === index) return [...items];
  return [...rest.slice(0, at), removed, ...rest.slice(at)];
}

/** The items with one moved `delta` places (−1 up, +1 down), stopping at either end. */
export const moveItemBy = (items: readonly ProjectItem[], itemId: string, delta: number): ProjectItem[] => {
  const index = indexOfItem(items, itemId);
  return index < 0 ? [...items] : moveItem(items, itemId, index + delta);
};

/**
 * Where a dragged item lands when dropped before the item at `gap` of the list as shown (0: the
 * top, `length`: the bottom): its index once taken out of its old place.
 */
export function dropIndex(from: number, gap: number): number {
  return gap > from ? gap - 1 : gap;
}

/** The items with one heading's or text's words replaced (cleaned); a note item is not text and stays. */
export function editItemText(items: readonly ProjectItem[], itemId: string, text: string): ProjectItem[] {
  return items.map((item) => {
    if (item.id !== itemId || item.kind === 'note') return item;
    const clean = cleanItemText(item.kind, text);
    return clean === item.text ? item : { ...item, text: clean };
  });
}
