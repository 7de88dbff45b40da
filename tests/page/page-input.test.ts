// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pinExtensionApi } from '../../entrypoints/loader/pin';
import { trackUserInput, USER_SELECTION_MS, userInput } from '../../utils/page/page-input';

/**
 * The user's input as the loader and the page script see it. jsdom makes every event untrusted
 * (as a page script's are): the real `isTrusted` check is shown by that, and the trusted path
 * through the test seam that stands for the browser's own flag.
 */

let clock = 0;
/** Events passed through `user()` count as the user's (the seam). */
const trustedBySeam = new WeakSet<Event>();
const user = <E extends Event>(e: E): E => (trustedBySeam.add(e), e);

/** Selects `text` as a script does; jsdom then fires its own `selectionchange`, as browsers do. */
async function select(text: string) {
  const node = document.getElementById('p')!.firstChild!;
  const at = node.textContent!.indexOf(text);
  document.getSelection()!.setBaseAndExtent(node, at, node, at + text.length);
  await vi.advanceTimersByTimeAsync(1);
}

/** A fresh world: jsdom's window is per file, so the record is reset by hand. */
function freshWorld() {
  delete (window as unknown as Record<symbol, unknown>)[Symbol.for('verbatim.user-input')];
  document.body.innerHTML = '<p id="p">Un passage que le lecteur choisit lui-même.</p>';
}

beforeEach(() => {
  vi.useFakeTimers();
  clock = 1000;
  freshWorld();
});
afterEach(() => vi.useRealTimers());

describe('trackUserInput', () => {
  it('ignores a page’s forged events and its own selection', async () => {
    const selected = vi.fn();
    trackUserInput(document, { onUserSelection: selected, now: () => clock });
    await select('passage');
    document.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'h', bubbles: true }));
    document.dispatchEvent(new Event('selectionchange'));
    await vi.runAllTimersAsync();
    expect(selected).not.toHaveBeenCalled();
    expect(userInput(window)).toMatchObject({ mouseDown: false, userSelection: false, lastInput: -Infinity });
  });

  it('takes a selection made by the user’s drag, and says so once the mouse is up', async () => {
    const selected = vi.fn();
    trackUserInput(document, { onUserSelection: selected, trusted: (e) => trustedBySeam.has(e), now: () => clock });
    document.dispatchEvent(user(new MouseEvent('mousedown', { bubbles: true })));
    expect(userInput(window).mouseDown).toBe(true);
    clock += 3000; // a long, slow drag
    await select('passage');
    expect(userInput(window).userSelection).toBe(true);
    document.dispatchEvent(user(new MouseEvent('mouseup', { bubbles: true })));
    await vi.runAllTimersAsync();
    expect(selected).toHaveBeenCalledTimes(1);
  });

  it('takes a keyboard selection right after the user’s key, and not a script’s a moment later', async () => {
    const selected = vi.fn();
    trackUserInput(document, { onUserSelection: selected, trusted: (e) => trustedBySeam.has(e), now: () => clock });
    document.dispatchEvent(user(new KeyboardEvent('keydown', { key: 'ArrowRight', shiftKey: true, bubbles: true })));
    clock += 50;
    await select('passage');
    await vi.advanceTimersByTimeAsync(300);
    expect(selected).toHaveBeenCalledTimes(1);

    clock += USER_SELECTION_MS + 1;
    await select('lecteur');
    await vi.advanceTimersByTimeAsync(300);
    expect(userInput(window).userSelection).toBe(false);
    expect(selected).toHaveBeenCalledTimes(1);
  });

  it('starts once per world: the page script joins the loader’s tracking instead of adding its own', async () => {
    const fromLoader = vi.fn();
    const fromPage = vi.fn();
    const add = vi.spyOn(document, 'addEventListener');
    trackUserInput(document, { onUserSelection: fromLoader, trusted: (e) => trustedBySeam.has(e), now: () => clock });
    const listeners = add.mock.calls.length;
    trackUserInput(document, { onUserSelection: fromPage });
    expect(add.mock.calls.length).toBe(listeners);
    await select('passage');
    document.dispatchEvent(user(new MouseEvent('mouseup', { bubbles: true })));
    await vi.runAllTimersAsync();
    expect([fromLoader.mock.calls.length, fromPage.mock.calls.length]).toEqual([1, 1]);
  });
});

describe('trackUserInput on the window (the loader)', () => {
  it('hears the user’s keyboard selection made in the document, through the window’s capture', async () => {
    const selected = vi.fn();
    trackUserInput(window, { onUserSelection: selected, trusted: (e) => trustedBySeam.has(e), now: () => clock });
    document.getElementById('p')!.dispatchEvent(user(new KeyboardEvent('keydown', { bubbles: true, key: 'ArrowRight', shiftKey: true })));
    await select('passage');
    await vi.advanceTimersByTimeAsync(300);
    expect(selected).toHaveBeenCalledTimes(1);
    expect(userInput().userSelection).toBe(true);
  });

  it('says when the user’s drag starts selecting, before the mouse-up, and not for a page’s own selection', async () => {
    const selecting = vi.fn();
    const selected = vi.fn();
    trackUserInput(window, { onSelecting: selecting, onUserSelection: selected, trusted: (e) => trustedBySeam.has(e), now: () => clock });
    window.dispatchEvent(user(new KeyboardEvent('keydown')));
    await select('passage'); // no button down: not a drag
    expect(selecting).not.toHaveBeenCalled();
    document.getSelection()!.removeAllRanges();
    window.dispatchEvent(user(new MouseEvent('mousedown')));
    await select('passage');
    expect(selecting).toHaveBeenCalled();
    expect(selected).not.toHaveBeenCalled();
  });

  it('listens to selection changes only from the user’s first input on: an untouched page costs nothing', async () => {
    const add = vi.spyOn(window, 'addEventListener');
    trackUserInput(window, { trusted: (e) => trustedBySeam.has(e), now: () => clock });
    const types = () => add.mock.calls.map(([type]) => type);
    expect(types()).not.toContain('selectionchange');
    await select('passage'); // the page's own selection, and a forged key, change nothing
    window.dispatchEvent(new KeyboardEvent('keydown'));
    expect(types()).not.toContain('selectionchange');
    expect(userInput().userSelection).toBe(false);
    window.dispatchEvent(user(new MouseEvent('mousedown')));
    expect(types().filter((t) => t === 'selectionchange')).toHaveLength(1);
    window.dispatchEvent(user(new MouseEvent('mouseup')));
    window.dispatchEvent(user(new MouseEvent('mousedown')));
    expect(types().filter((t) => t === 'selectionchange')).toHaveLength(1);
  });
});

describe('pinExtensionApi', () => {
  it('keeps the real API once the page names an element after it', () => {
    // A stand-in for the isolated world's global: the API is reached through the prototype
    // chain, where a page's named elements (<form id="chrome">) can later take its place.
    const named: Record<string, unknown> = { chrome: { runtime: { id: 'real' } } };
    const world = Object.create(named) as Record<string, unknown>;
    pinExtensionApi(world);
    named.chrome = { runtime: document.createElement('input') };
    expect(world.chrome).toEqual({ runtime: { id: 'real' } });
    expect(Object.getOwnPropertyDescriptor(world, 'chrome')).toMatchObject({ writable: false, configurable: false, enumerable: false });
    expect(Object.hasOwn(world, 'browser')).toBe(false); // absent APIs are left absent
  });
});
