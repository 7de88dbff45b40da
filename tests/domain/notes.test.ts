import { describe, expect, it } from 'vitest';
import { inReadingOrder, positionOf } from '../../utils/domain/notes';
import type { Note } from '../../utils/domain/model';

const note = (id: string, createdAt: number, start?: number): Note =>
  ({
    id,
    createdAt,
    selectors: start === undefined ? [] : [{ type: 'TextPositionSelector', start, end: start + 5 }],
  }) as unknown as Note;

describe('reading order', () => {
  it('takes a note’s position from its TextPositionSelector; without one it goes last', () => {
    expect(positionOf(note('a', 1, 42))).toBe(42);
    expect(positionOf(note('b', 1))).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('sorts by position in the page, ties by creation, unplaced notes last (in place)', () => {
    const notes = [note('late', 1), note('second', 3, 20), note('tie-new', 5, 10), note('tie-old', 2, 10)];
    expect(inReadingOrder(notes)).toBe(notes);
    expect(notes.map((n) => n.id)).toEqual(['tie-old', 'tie-new', 'second', 'late']);
  });
});
