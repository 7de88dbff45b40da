// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Scope } from '../../entrypoints/page/scope';

/** A piece's listeners and timers: all end with it, and none runs for an orphaned script. */

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('Scope', () => {
  it('ends its listeners, timers and frames when destroyed', async () => {
    const scope = new Scope();
    const heard = vi.fn();
    scope.listen(document, 'keydown', heard);
    scope.later(heard, 100);
    scope.frame(heard);
    document.dispatchEvent(new KeyboardEvent('keydown'));
    expect(heard).toHaveBeenCalledTimes(1);
    scope.destroy();
    document.dispatchEvent(new KeyboardEvent('keydown'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(heard).toHaveBeenCalledTimes(1);
    // Nothing starts on a destroyed scope.
    scope.later(heard, 0);
    scope.listen(document, 'keydown', heard);
    document.dispatchEvent(new KeyboardEvent('keydown'));
    await vi.advanceTimersByTimeAsync(10);
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it('handles no event once `alive` says the extension went away', () => {
    let alive = true;
    const scope = new Scope(() => alive);
    const heard = vi.fn();
    scope.listen(document, 'mouseup', heard);
    alive = false;
    document.dispatchEvent(new MouseEvent('mouseup'));
    expect(heard).not.toHaveBeenCalled();
    scope.destroy();
  });

  it('cancels one timer', async () => {
    const scope = new Scope();
    const fired = vi.fn();
    const timer = scope.later(fired, 100);
    scope.later(fired, 200);
    scope.cancel(timer);
    await vi.advanceTimersByTimeAsync(300);
    expect(fired).toHaveBeenCalledTimes(1);
    scope.destroy();
  });
});
