/**
 * Two browsers' versions of one board, merged item by item (utils/domain/project-merge.ts): the
 * later keeps its name, order and words; the other's additions join it after the item they
 * followed; removals on either side hold, remembered by `withItems`.
 */
import { describe, expect, it } from 'vitest';
import type { Project, ProjectItem } from '../../utils/domain/project';
import { insertItems, MAX_REMOVED, moveItem, removeItem, withItems } from '../../utils/domain/project-items';
import { mergeBoards } from '../../utils/domain/project-merge';
import { ProjectSchema } from '../../utils/domain/record-schemas';
import * as v from 'valibot';

const note = (id: string): ProjectItem => ({ kind: 'note', id: `i-${id}`, noteId: id });
const heading = (id: string, text = id): ProjectItem => ({ kind: 'heading', id, text });
const shown = (p: Project) => p.items.map((i) => (i.kind === 'note' ? i.noteId : i.text));
const base = withItems({ id: 'p', name: 'Talk', items: [], noteIds: [], createdAt: 1, updatedAt: 1 }, [heading('h1', 'Opening'), note('a'), note('b'), note('c')], 10);
/** One browser's change to the board, as the repository makes it. */
const change = (p: Project, edit: (items: ProjectItem[]) => ProjectItem[], at: number) => withItems(p, edit(p.items), at);

describe('merging two versions of a board', () => {
  it('keeps what each side added, each after the item it followed, in the later side’s order', () => {
    const here = change(base, (items) => insertItems(items, [note('x')], 2), 20); // after a
    const there = change(base, (items) => insertItems(items, [heading('h2', 'Then'), note('y')]), 30); // at the end
    const merged = mergeBoards(there, here);
    expect(shown(merged)).toEqual(['Opening', 'a', 'x', 'b', 'c', 'Then', 'y']);
    expect(merged.noteIds).toEqual(['a', 'x', 'b', 'c', 'y']);
    expect(merged.updatedAt).toBe(30);
    expect(v.safeParse(ProjectSchema, merged).success).toBe(true);
    // Either way round, the same items (the order of the later one).
    expect(new Set(shown(mergeBoards(here, there)))).toEqual(new Set(shown(merged)));
  });

  it('does not bring back what one side removed and the other still had', () => {
    const here = change(base, (items) => removeItem(items, 'i-b').items, 20);
    expect(here.removed).toEqual(['i-b']);
    const there = change(base, (items) => insertItems(items, [note('y')]), 30);
    expect(shown(mergeBoards(there, here))).toEqual(['Opening', 'a', 'c', 'y']);
    expect(shown(mergeBoards(here, there))).toEqual(['Opening', 'a', 'c', 'y']);
    expect(mergeBoards(there, here).removed).toEqual(['i-b']);
  });

  it('an item put back (Undo) leaves the removed list, and comes back through a merge too', () => {
    const removed = change(base, (items) => removeItem(items, 'i-a').items, 20);
    const back = change(removed, (items) => insertItems(items, [note('a')], 1), 21);
    expect(back.removed).toBeUndefined();
    expect(shown(mergeBoards(back, base))).toEqual(['Opening', 'a', 'b', 'c']);
  });

  it('keeps the later order when both reordered, and the later words of a heading both edited', () => {
    const here = change(base, (items) => moveItem(items, 'i-c', 1).map((i) => (i.id === 'h1' ? { ...i, text: 'Start' } : i)), 20);
    const there = change(base, (items) => moveItem(items, 'i-a', 3).map((i) => (i.id === 'h1' ? { ...i, text: 'Intro' } : i)), 30);
    expect(shown(mergeBoards(there, here))).toEqual(['Intro', 'b', 'c', 'a']);
    expect(mergeBoards(there, here).name).toBe('Talk');
  });

  it('puts a note both sides added on the board once', () => {
    const here = change(base, (items) => insertItems(items, [{ kind: 'note', id: 'here-z', noteId: 'z' }]), 20);
    const there = change(base, (items) => insertItems(items, [{ kind: 'note', id: 'there-z', noteId: 'z' }]), 30);
    const merged = mergeBoards(there, here);
    expect(merged.noteIds).toEqual(['a', 'b', 'c', 'z']);
    expect(merged.items.at(-1)!.id).toBe('there-z');
  });

  it('remembers at most the last MAX_REMOVED removals', () => {
    const many = Array.from({ length: MAX_REMOVED + 5 }, (_, i) => heading(`x${i}`));
    const full = change(base, (items) => [...items, ...many], 20);
    const emptied = change(full, (items) => items.filter((i) => !i.id.startsWith('x')), 30);
    expect(emptied.removed).toHaveLength(MAX_REMOVED);
    expect(emptied.removed!.at(-1)).toBe(`x${MAX_REMOVED + 4}`);
    expect(v.safeParse(ProjectSchema, emptied).success).toBe(true);
  });
});
