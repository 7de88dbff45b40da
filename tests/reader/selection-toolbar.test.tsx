// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { SelectionToolbar } from '../../entrypoints/reader/SelectionToolbar';
import type { VerbatimDb } from '../../utils/db/schema';
import { renderPerTest } from '../support/preact';
import { stubRangeRects } from '../support/reader';

// The reader's selection toolbar shows for the passage the user selected, whatever the reader
// renders between their mouse-up and the moment the selection is read.

let db: VerbatimDb;
let host: HTMLElement;
renderPerTest((t) => ({ db, host } = t));

describe('the reader’s selection toolbar', () => {
  it('shows after a mouse-up even when the reader renders again before the selection is read', async () => {
    stubRangeRects();
    const body = document.createElement('div');
    body.innerHTML = '<p>Un lombricomposteur sur le balcon.</p>';
    document.body.append(body);
    // The reader passes a new `root` function at each of its renders.
    const show = () => render(<SelectionToolbar db={db} root={() => body} onSave={() => Promise.resolve()} />, host);
    await act(show);
    const text = body.querySelector('p')!.firstChild as Text;
    const range = document.createRange();
    range.setStart(text, 3);
    range.setEnd(text, 19);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
    // The mouse-up, then a render of the reader before the selection is read (its effects flushed).
    document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    await act(show);
    await vi.waitFor(() => expect(host.querySelector('.reader-toolbar')).not.toBeNull());
    body.remove();
  });
});
