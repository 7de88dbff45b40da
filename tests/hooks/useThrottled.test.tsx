// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useThrottled } from '../../hooks/useThrottled';

// What the side panel's suggestions see of a library changing batch after batch (a sync).

let host: HTMLElement;
let seen: number[];
function Probe({ value }: { value: number }) {
  seen.push(useThrottled(value, 1_000));
  return null;
}
const show = (value: number) => act(() => render(<Probe value={value} />, host));
const shown = () => seen[seen.length - 1];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  host = document.createElement('div');
  seen = [];
});
afterEach(() => {
  render(null, host);
  vi.useRealTimers();
});

describe('useThrottled', () => {
  it('shows the first change after a quiet time at once', async () => {
    await show(1);
    vi.advanceTimersByTime(5_000);
    await show(2);
    expect(shown()).toBe(2);
  });

  it('takes changes that stream in once per period, the latest one, and only then', async () => {
    await show(1);
    await show(2); // at once: nothing shown for a while
    for (let v = 3; v <= 10; v++) {
      vi.advanceTimersByTime(100);
      await show(v);
    }
    expect(shown()).toBe(2);
    await act(() => void vi.advanceTimersByTime(1_500));
    expect(shown()).toBe(10);
    expect(new Set(seen)).toEqual(new Set([1, 2, 10]));
  });

  it('waits for the page to be idle, but no longer than one more period', async () => {
    const idle = vi.fn((cb: IdleRequestCallback, _o?: IdleRequestOptions) => (setTimeout(() => cb({ didTimeout: false, timeRemaining: () => 10 }), 300) as unknown as number));
    vi.stubGlobal('requestIdleCallback', idle);
    vi.stubGlobal('cancelIdleCallback', (id: number) => clearTimeout(id));
    try {
      await show(1);
      await show(2);
      await show(3);
      await act(() => void vi.advanceTimersByTime(1_000));
      expect(shown()).toBe(2);
      expect(idle).toHaveBeenCalledWith(expect.any(Function), { timeout: 1_000 });
      await act(() => void vi.advanceTimersByTime(300));
      expect(shown()).toBe(3);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
