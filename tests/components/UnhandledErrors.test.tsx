// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { UnhandledErrors } from '../../components/UnhandledErrors';
import { msg, speakEnglish } from '../support/i18n';

let host: HTMLElement;
let target: EventTarget;
beforeEach(() => {
  fakeBrowser.reset();
  speakEnglish();
  vi.spyOn(console, 'error').mockImplementation(() => {});
  host = document.createElement('div');
  document.body.append(host);
  target = new EventTarget();
});
afterEach(() => {
  render(null, host);
  host.remove();
  vi.restoreAllMocks();
});

describe('the extension pages’ safety net', () => {
  it('logs a rejection nothing handled and says so, until closed', async () => {
    await act(() => render(<UnhandledErrors target={target as Window} />, host));
    expect(host.innerHTML).toBe('');
    const event = Object.assign(new Event('unhandledrejection', { cancelable: true }), { reason: new Error('disk on fire') });
    await act(() => void target.dispatchEvent(event));
    expect(host.querySelector('[role="alert"] span')!.textContent).toBe(msg('unexpectedError', 'disk on fire'));
    expect(console.error).toHaveBeenCalledWith('Verbatim: unhandled', event.reason);
    expect(event.defaultPrevented).toBe(true);
    await act(() => host.querySelector<HTMLButtonElement>('[role="alert"] button')!.click());
    expect(host.querySelector('[role="alert"]')).toBeNull();
  });

  it('says so for an error thrown out of a handler too; a storage-full reason keeps its name', async () => {
    await act(() => render(<UnhandledErrors target={target as Window} />, host));
    await act(() => void target.dispatchEvent(Object.assign(new Event('error'), { error: new DOMException('The quota has been exceeded.', 'QuotaExceededError') })));
    expect(host.querySelector('[role="alert"] span')!.textContent).toBe(msg('unexpectedError', 'QuotaExceededError: The quota has been exceeded.'));
  });

  it('keeps quiet about the browser’s benign ResizeObserver notice (a list re-measuring its rows), not about a real error', async () => {
    await act(() => render(<UnhandledErrors target={target as Window} />, host));
    await act(() => void target.dispatchEvent(Object.assign(new Event('error'), { error: null, message: 'ResizeObserver loop completed with undelivered notifications.' })));
    expect(host.innerHTML).toBe('');
    await act(() => void target.dispatchEvent(Object.assign(new Event('error'), { error: null, message: 'Script error.' })));
    expect(host.querySelector('[role="alert"] span')!.textContent).toBe(msg('unexpectedError', 'Script error.'));
  });
});
