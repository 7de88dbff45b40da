import { describe, expect, it } from 'vitest';
import type { ProjectItem } from '../../utils/domain/project';
import {
  cleanItemText,
  cleanProjectName,
  dropIndex,
  editItemText,
  insertItems,
  moveItem,
  moveItemBy,
  noteIdsOf,
  noteItems,
  removeItem,
  withItems,
} from '../../utils/domain/project-items';

const note = (id: string): ProjectItem => ({ kind: 'note', id: `i-${id}`, noteId: id });
const heading = (id: string, text = id): ProjectItem => ({ kind: 'heading', id, text });
const ids = (items: readonly ProjectItem[]) => items.map((i) => i.id);
const board = [heading('h1'), note('a'), note('b'), { kind: 'text', id: 't1', text: 'so' } as ProjectItem, note('c')];

describe('project items', () => {
  it('derives noteIds from the note items, in board order', () => {
    expect(noteIdsOf(board)).toEqual(['a', 'b', 'c']);
    const p = withItems({ id: 'p', name: 'P', items: [], noteIds: ['stale'], createdAt: 1, updatedAt: 5 }, moveItem(board, 'i-c', 0), 9);
    expect(p.noteIds).toEqual(['c', 'a', 'b']);
    expect(p.updatedAt).toBe(9);
  });

  it('inserts at a place, the end by default, and never puts a note on a board twice', () => {
    expect(ids(insertItems(board, [heading('h2')], 1))).toEqual(['h1', 'h2', 'i-a', 'i-b', 't1', 'i-c']);
    expect(ids(insertItems(board, [heading('h2')]))).toEqual(['h1', 'i-a', 'i-b', 't1', 'i-c', 'h2']);
    expect(ids(insertItems(board, [heading('h2')], 99))).toEqual([...ids(board), 'h2']);
    expect(ids(insertItems(board, [heading('h2')], -4))).toEqual(['h2', ...ids(board)]);
    let n = 0;
    const added = insertItems(board, noteItems(['b', 'd', 'd', 'e'], () => `new${n++}`));
    expect(noteIdsOf(added)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('removes an item and says where it was; an unknown id changes nothing', () => {
    const out = removeItem(board, 'i-b');
    expect(ids(out.items)).toEqual(['h1', 'i-a', 't1', 'i-c']);
    expect(out.index).toBe(2);
    expect(out.removed).toEqual(note('b'));
    // Put back where it was, the list is as before.
    expect(insertItems(out.items, [out.removed!], out.index)).toEqual(board);
    expect(removeItem(board, 'nope')).toEqual({ items: board, index: -1 });
  });

  it('moves an item to an index of the result, clamped at both ends', () => {
    expect(ids(moveItem(board, 'i-c', 0))).toEqual(['i-c', 'h1', 'i-a', 'i-b', 't1']);
    expect(ids(moveItem(board, 'h1', 4))).toEqual(['i-a', 'i-b', 't1', 'i-c', 'h1']);
    expect(ids(moveItem(board, 'h1', 40))).toEqual(['i-a', 'i-b', 't1', 'i-c', 'h1']);
    expect(ids(moveItem(board, 'i-b', 2))).toEqual(ids(board));
    expect(moveItem(board, 'nope', 0)).toEqual(board);
    // The input is never changed.
    expect(ids(board)).toEqual(['h1', 'i-a', 'i-b', 't1', 'i-c']);
  });

  it('moves one place up or down, stopping at the ends (the keyboard moves)', () => {
    expect(ids(moveItemBy(board, 'i-a', -1))).toEqual(['i-a', 'h1', 'i-b', 't1', 'i-c']);
    expect(ids(moveItemBy(board, 'i-a', 1))).toEqual(['h1', 'i-b', 'i-a', 't1', 'i-c']);
    expect(ids(moveItemBy(board, 'h1', -1))).toEqual(ids(board));
    expect(ids(moveItemBy(board, 'i-c', 1))).toEqual(ids(board));
  });

  it('turns a drop gap (before the item shown at that place) into the index the item ends at', () => {
    // Dragging the item at 1 to the gap before item 4 puts it at 3 once taken out.
    const from = 1;
    for (const [gap, expected] of [[0, ['i-a', 'h1', 'i-b', 't1', 'i-c']], [2, ids(board)], [4, ['h1', 'i-b', 't1', 'i-a', 'i-c']], [5, ['h1', 'i-b', 't1', 'i-c', 'i-a']]] as const) {
      expect(ids(moveItem(board, 'i-a', dropIndex(from, gap)))).toEqual(expected);
    }
  });

  it('edits a heading or a text, cleaned; a note item is not text', () => {
    const edited = editItemText(board, 'h1', '  Le   client\n');
    expect(edited[0]).toEqual({ kind: 'heading', id: 'h1', text: 'Le client' });
    expect(editItemText(board, 'i-a', 'x')).toEqual(board);
    // The same words give the same item (nothing to write).
    expect(editItemText(board, 't1', 'so')[3]).toBe(board[3]);
  });

  it('cleans names and texts', () => {
    expect(cleanProjectName('  Conférence\n relation   client ')).toBe('Conférence relation client');
    expect(cleanProjectName(' \n ')).toBe('');
    expect(cleanProjectName('x'.repeat(300))).toHaveLength(200);
    expect(cleanItemText('text', '  one\r\ntwo  ')).toBe('one\ntwo');
    expect(cleanItemText('heading', ' a\nb ')).toBe('a b');
  });
});
