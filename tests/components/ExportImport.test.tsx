// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ExportImport } from '../../components/ExportImport';
import type { VerbatimDb } from '../../utils/db/schema';
import { speakEnglish } from '../support/i18n';

// Which notes an export takes: the side panel offers all, the current view, or the selection.

let host: HTMLElement;
beforeEach(() => {
  fakeBrowser.reset();
  speakEnglish();
  host = document.createElement('div');
  document.body.append(host);
});
afterEach(() => {
  render(null, host);
  host.remove();
  vi.restoreAllMocks();
});

const db = {} as VerbatimDb; // the scope is chosen before any export touches the library
const show = (props: { filtered?: { id: string }[]; selected?: string[] }) => <ExportImport db={db} total={3} {...props} />;
/** The checked scope, by its position: 0 all, then the view, then the selection. */
const checked = () => [...host.querySelectorAll<HTMLInputElement>('.backup-scope input')].findIndex((r) => r.checked);
const pick = (i: number) => host.querySelectorAll<HTMLInputElement>('.backup-scope input')[i]!.click();

describe('the export scope', () => {
  it('keeps a scope picked before the first frame', async () => {
    render(show({ filtered: [{ id: 'a' }] }), host);
    expect(checked()).toBe(1);
    pick(0);
    await act(async () => {});
    await new Promise((r) => setTimeout(r, 150)); // past any effect scheduled after paint
    await act(async () => {});
    expect(checked()).toBe(0);
  });

  it('follows what is offered: the view when searching, the selection when notes are selected, all when both go', async () => {
    await act(() => render(show({ filtered: [{ id: 'a' }] }), host));
    expect(checked()).toBe(1);
    await act(() => render(show({ filtered: [{ id: 'a' }], selected: ['a'] }), host));
    expect(checked()).toBe(2);
    pick(0);
    await act(async () => {});
    expect(checked()).toBe(0);
    // The same offer, another search: the user's pick stays.
    await act(() => render(show({ filtered: [{ id: 'b' }], selected: ['a'] }), host));
    expect(checked()).toBe(0);
    await act(() => render(show({}), host));
    expect(host.querySelector('.backup-scope')).toBeNull();
    await act(() => render(show({ filtered: [{ id: 'a' }] }), host));
    expect(checked()).toBe(1);
  });
});
