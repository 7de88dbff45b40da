// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useSortable } from '../../hooks/useSortable';
import { msg, speakEnglish } from '../support/i18n';

// A board whose saves come back later than the user's keys: what the user sees, and what each
// move asks the store for, must follow the keys as pressed.

type Move = { id: string; to: number; done: () => void; fail: () => void };
let host: HTMLElement;
let moves: Move[];

function Board({ ids }: { ids: string[] }) {
  const sortable = useSortable({
    ids,
    labelOf: (id) => id,
    onMove: (id, to) => new Promise<void>((done, fail) => void moves.push({ id, to, done, fail: () => fail(new Error('refused')) })),
  });
  return (
    <>
      <ul ref={sortable.list as never}>
        {sortable.order.map((id) => (
          <li key={id} {...sortable.itemProps(id)}>
            {id}
          </li>
        ))}
      </ul>
      <p role="status">{sortable.announcement}</p>
    </>
  );
}

const show = (ids: string[]) => act(() => render(<Board ids={ids} />, host));
const said = () => host.querySelector('[role="status"]')!.textContent;
const shown = () => [...host.querySelectorAll('li')].map((li) => li.textContent);
const up = (id: string) =>
  act(() => {
    const li = host.querySelector<HTMLElement>(`[data-item-id="${id}"]`)!;
    li.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', altKey: true, bubbles: true }));
  });
/** The store saving a move: the promise settles, then the saved list comes back. */
const save = async (m: Move, after: string[]) => {
  await act(async () => m.done());
  await show(after);
};

beforeEach(() => {
  // jsdom has no CSS.escape; these ids need none.
  vi.stubGlobal('CSS', { escape: (s: string) => s });
  fakeBrowser.reset();
  speakEnglish();
  host = document.createElement('div');
  document.body.append(host);
  moves = [];
});
afterEach(() => {
  render(null, host);
  host.remove();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('useSortable', () => {
  it('moves an item three places with three quick presses, whatever order the saves come back in', async () => {
    await show(['a', 'b', 'c', 'h']);
    await up('h');
    await up('h');
    // The first save lands while the second is on its way: the board must not fall back to it.
    await save(moves[0]!, ['a', 'b', 'h', 'c']);
    expect(shown()).toEqual(['a', 'h', 'b', 'c']);
    await up('h');
    expect(moves.map((m) => [m.id, m.to])).toEqual([
      ['h', 2],
      ['h', 1],
      ['h', 0],
    ]);
    expect(shown()).toEqual(['h', 'a', 'b', 'c']);
    await save(moves[1]!, ['a', 'h', 'b', 'c']);
    expect(shown()).toEqual(['h', 'a', 'b', 'c']);
    await save(moves[2]!, ['h', 'a', 'b', 'c']);
    expect(shown()).toEqual(['h', 'a', 'b', 'c']);
    expect(said()).toBe(msg('sortMoved', 'h', msg('sortPosition', '1', '4')));
  });

  it('keeps the moved order until the saved list comes back, then follows the saved list', async () => {
    await show(['a', 'b', 'c']);
    await up('c');
    await act(async () => moves[0]!.done());
    expect(shown()).toEqual(['a', 'c', 'b']);
    await show(['a', 'c', 'b']);
    // Another change (another device reordering) shows at once.
    await show(['b', 'a', 'c']);
    expect(shown()).toEqual(['b', 'a', 'c']);
  });

  it('is done with the order asked for once the saved list moves on, even if a later list equals the one it settled on', async () => {
    await show(['a', 'b', 'c']);
    await up('c');
    await act(async () => moves[0]!.done()); // saved; the list has not come back yet
    await show(['a', 'c', 'b']);
    await show(['a', 'b', 'c']); // another window puts it back
    expect(shown()).toEqual(['a', 'b', 'c']);
  });

  it('goes back to the saved list when a move is refused', async () => {
    await show(['a', 'b', 'c']);
    await up('c');
    expect(shown()).toEqual(['a', 'c', 'b']);
    await act(async () => moves[0]!.fail());
    expect(shown()).toEqual(['a', 'b', 'c']);
    expect(said()).toBe(msg('sortMoveFailed', 'c'));
  });
});
