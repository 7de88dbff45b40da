/**
 * The reader view under jsdom (entrypoints/reader): a passage selected as a mouse would leave it,
 * for the tests of the reader's toolbar and cards.
 */
import { act } from 'preact/test-utils';
import { expect, vi } from 'vitest';

/** The text node holding `words` in the reader's copy inside `host` (drawing a passage may split nodes). */
export function readerTextHolding(host: HTMLElement, words: string): Text {
  const walker = document.createTreeWalker(host.querySelector('.reader-body')!, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((n as Text).data.includes(words)) return n as Text;
  throw new Error(`no text "${words}"`);
}

/** Selects `words` in the reader's copy, releases the mouse, and waits for the selection toolbar. */
export async function selectInReader(host: HTMLElement, words: string, wait: { timeout?: number; interval?: number } = {}): Promise<void> {
  const text = readerTextHolding(host, words);
  const range = document.createRange();
  range.setStart(text, text.data.indexOf(words));
  range.setEnd(text, text.data.indexOf(words) + words.length);
  document.getSelection()!.removeAllRanges();
  document.getSelection()!.addRange(range);
  await act(() => {
    document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    return new Promise((r) => setTimeout(r, 10));
  });
  await vi.waitFor(() => expect(host.querySelector('.reader-toolbar')).not.toBeNull(), wait);
}
