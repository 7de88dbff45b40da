// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { TagEditor } from '../../components/TagEditor';
import type { TagCount } from '../../utils/domain/model';
import { renderPerTest } from '../support/preact';

let host: HTMLElement;
renderPerTest((t) => ({ host } = t));
/** The user's tags, most used first, as the repository gives them. */
const LIBRARY: TagCount[] = [
  { tag: 'rehabilitation', count: 12 },
  { tag: 'habits', count: 7 },
  { tag: 'l’habitat', count: 4 },
  { tag: 'habitat', count: 2 },
  { tag: 'reading', count: 1 },
];

async function typeInto(input: HTMLInputElement, text: string) {
  await act(() => {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const offered = () => [...host.querySelectorAll('[role="option"]')].map((o) => o.textContent);

describe('tag field autocomplete', () => {
  it('offers the user’s tags that start with what is typed first, most used first, then those that contain it', async () => {
    const added: string[] = [];
    await act(() => render(<TagEditor tags={[]} suggestions={LIBRARY} onAdd={(tag) => added.push(tag)} />, host));
    const input = host.querySelector('input')!;
    await typeInto(input, 'HAB');
    expect(offered()).toEqual(['habits', 'habitat', 'rehabilitation', 'l’habitat']);
    // ArrowDown then Enter takes the first completion.
    await act(() => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    });
    await act(() => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    expect(added).toEqual(['habits']);
  });

  it('finds a tag whatever apostrophe is typed, and never offers one the note already has', async () => {
    await act(() => render(<TagEditor tags={['habits']} suggestions={LIBRARY} onAdd={() => {}} />, host));
    const input = host.querySelector('input')!;
    await typeInto(input, "l'hab");
    expect(offered()).toEqual(['l’habitat']);
    await typeInto(input, 'habi');
    expect(offered()).not.toContain('habits');
  });
});

describe('Backspace in the empty tag field', () => {
  const backspace = (input: HTMLInputElement) => act(() => void input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Backspace', bubbles: true })));

  it('removes the tags from the last, one per press, even pressed before the first removal comes back', async () => {
    const removed: string[] = [];
    const tags = ['a', 'b', 'c'];
    await act(() => render(<TagEditor tags={tags} onAdd={() => {}} onRemove={(tag) => removed.push(tag)} />, host));
    const input = host.querySelector('input')!;
    await backspace(input);
    await backspace(input);
    expect(removed).toEqual(['c', 'b']);
    // The list comes back without them: the next press takes what is left.
    await act(() => render(<TagEditor tags={['a']} onAdd={() => {}} onRemove={(tag) => removed.push(tag)} />, host));
    await backspace(input);
    await backspace(input);
    expect(removed).toEqual(['c', 'b', 'a']);
  });
});
