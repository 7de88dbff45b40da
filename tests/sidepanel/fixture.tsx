import { render } from 'preact';
import { act } from 'preact/test-utils';
import { expect, vi } from 'vitest';
import { App } from '../../entrypoints/sidepanel/App';
import type { VerbatimDb } from '../../utils/db/schema';

/**
 * Renders the side panel over `db` into `host` and waits until its list shows `rows` notes.
 */
export async function showPanel(db: VerbatimDb, host: HTMLElement, rows: number): Promise<void> {
  stubResizeObserver();
  await act(() => render(<App db={db} />, host));
  await vi.waitFor(() => expect(host.querySelectorAll('.results [data-note-id]')).toHaveLength(rows));
}

/** jsdom has no ResizeObserver; the side panel's virtual list only needs it to exist. */
export function stubResizeObserver(): void {
  vi.stubGlobal('ResizeObserver', class { observe() {} unobserve() {} disconnect() {} });
}
