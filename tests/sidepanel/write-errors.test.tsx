// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '../../entrypoints/sidepanel/App';
import type { VerbatimDb } from '../../utils/db/schema';
import type { Note } from '../../utils/domain/model';
import { msg } from '../support/i18n';
import { passage, UN_ARTICLE as article } from '../support/library';
import { renderPerTest } from '../support/preact';
import { showPanel, stubResizeObserver } from './fixture';

// Every write the side panel makes, made to fail: the user reads why where they acted (the note's
// row, the bulk bar, the undo bar), nothing is half-written, and no rejection goes unhandled.

const note = (i: number): Note => passage(i, { id: `n${i}` });
const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

let db: VerbatimDb;
let host: HTMLElement;
renderPerTest((t) => ({ db, host } = t));

beforeEach(async () => {
  await db.articles.put(article);
  await db.notes.bulkPut([note(1), note(2), note(3)]);
});

const show = () => showPanel(db, host, 3);
const row = (id: string) => host.querySelector<HTMLElement>(`.results [data-note-id="${id}"]`)!;
const rowError = (id: string) => row(id)?.querySelector('.note-error')?.textContent;
const click = (el: Element | null) => act(() => (el as HTMLElement).click());
const select = async (...ids: string[]) => {
  for (const id of ids) await click(row(id).querySelector('input.note-select'));
};
const bulkBar = () => host.querySelector<HTMLElement>('.bulk-bar');

describe('a note’s row', () => {
  it('says storage is full when a colour change is refused, and the note keeps its colour', async () => {
    await show();
    vi.spyOn(db.notes, 'put').mockRejectedValueOnce(quota());
    await click(row('n2').querySelector('.swatch-button[data-color="green"]'));
    await vi.waitFor(() => expect(rowError('n2')).toBe(msg('storageFullChangeNotSaved')));
    expect(row('n2').querySelector('.note-error')!.getAttribute('role')).toBe('alert');
    expect((await db.notes.get('n2'))!.color).toBe('yellow');
    expect(rowError('n1')).toBeUndefined();
    // The next change that is saved clears the message.
    await click(row('n2').querySelector('.swatch-button[data-color="blue"]'));
    await vi.waitFor(() => expect(row('n2').dataset.color).toBe('blue'));
    expect(rowError('n2')).toBeUndefined();
  });

  it('gives a note text that was not saved back in its editor, with why', async () => {
    await show();
    await click([...row('n1').querySelectorAll('button')].find((b) => b.textContent === msg('addNote'))!);
    const editor = row('n1').querySelector<HTMLTextAreaElement>('textarea.note-editor')!;
    await act(() => {
      editor.value = 'Une idée à garder';
      editor.dispatchEvent(new Event('input', { bubbles: true }));
    });
    vi.spyOn(db.notes, 'put').mockRejectedValueOnce(new Error('disk on fire'));
    await act(() => void editor.dispatchEvent(new FocusEvent('blur')));
    await vi.waitFor(() => expect(rowError('n1')).toBe(msg('noteChangeFailed', 'disk on fire')));
    await vi.waitFor(() => expect(row('n1').querySelector<HTMLTextAreaElement>('textarea.note-editor')?.value).toBe('Une idée à garder'));
    expect((await db.notes.get('n1'))!.note).toBe('');
  });

  it('says so when a note could not be deleted (button or Delete key), and the note stays', async () => {
    await show();
    vi.spyOn(db.notes, 'bulkDelete').mockRejectedValue(new Error('database locked'));
    await click(row('n3').querySelector('button.note-delete'));
    await vi.waitFor(() => expect(rowError('n3')).toBe(msg('noteDeleteFailed', 'database locked')));
    // The keyboard: Delete on the active row (the first, n3 being the newest).
    await act(() => void row('n3').closest('[role="listitem"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete', bubbles: true })));
    await vi.waitFor(() => expect(rowError('n3')).toBe(msg('noteDeleteFailed', 'database locked')));
    expect(await db.notes.count()).toBe(3);
    expect(host.querySelector('.undo-bar')).toBeNull();
  });

  it('says so when the passage could not be opened', async () => {
    await show();
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([] as never);
    vi.spyOn(fakeBrowser.tabs, 'create').mockRejectedValue(new Error('no window to open it in'));
    await click(row('n1').querySelector('button[data-action="open"]'));
    await vi.waitFor(() => expect(rowError('n1')).toBe(msg('openPassageFailed', 'no window to open it in')));
  });
});

describe('the bulk bar', () => {
  it('tags every selected note or none: a write that fails leaves all untouched, and says why', async () => {
    await show();
    await select('n1', 'n2');
    vi.spyOn(db.notes, 'bulkPut').mockRejectedValueOnce(quota());
    await click(bulkBar()!.querySelector('button[data-bulk="tag"]'));
    const input = bulkBar()!.querySelector<HTMLInputElement>('input[type="text"]')!;
    await act(() => {
      input.value = 'compost';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => void bulkBar()!.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    await vi.waitFor(() => expect(bulkBar()!.querySelector('[role="alert"]')?.textContent).toBe(msg('storageFullChangeNotSaved')));
    expect((await db.notes.bulkGet(['n1', 'n2'])).map((n) => n!.tags)).toEqual([[], []]);
    // What was typed is kept, to try again.
    expect(input.value).toBe('compost');
  });

  it('deletes every selected note or none, and says why it did not', async () => {
    await show();
    await select('n1', 'n2');
    vi.spyOn(db.notes, 'bulkDelete').mockRejectedValueOnce(new Error('database locked'));
    await click([...bulkBar()!.querySelectorAll('button')].find((b) => b.textContent === msg('deleteNote'))!);
    await vi.waitFor(() => expect(bulkBar()!.querySelector('[role="alert"]')?.textContent).toBe(msg('bulkDeleteFailed', 'database locked')));
    expect(await db.notes.count()).toBe(3);
    expect(bulkBar()!.textContent).toContain('2 selected');
  });

  it('puts every deleted note back with Undo; an undo storage refuses says so and can be tried again', async () => {
    await show();
    await select('n1', 'n2');
    await click([...bulkBar()!.querySelectorAll('button')].find((b) => b.textContent === msg('deleteNote'))!);
    await vi.waitFor(() => expect(host.querySelector('.undo-bar')?.textContent).toContain(msg('notesDeletedOther', '2')));
    expect(await db.notes.count()).toBe(1);
    expect(bulkBar()).toBeNull();

    vi.spyOn(db.notes, 'bulkPut').mockRejectedValueOnce(quota());
    await click(host.querySelector('.undo-bar button'));
    await vi.waitFor(() => expect(host.querySelector('.undo-bar span')?.textContent).toBe(msg('storageFullNotSaved')));
    expect(host.querySelector('.undo-bar')!.getAttribute('role')).toBe('alert');
    expect(await db.notes.count()).toBe(1);

    await click(host.querySelector('.undo-bar button'));
    await vi.waitFor(() => expect(host.querySelector('.undo-bar')).toBeNull());
    expect((await db.notes.bulkGet(['n1', 'n2'])).map((n) => n?.id)).toEqual(['n1', 'n2']);
  });
});

describe('the first draw', () => {
  it('says the library could not be read, instead of “Loading…” for ever', async () => {
    db.close();
    stubResizeObserver();
    await act(() => render(<App db={db} />, host));
    await vi.waitFor(() => expect(host.querySelector('[role="alert"]')?.textContent).toMatch(new RegExp(`^${msg('libraryReadFailed', '')}`)));
    expect(host.textContent).not.toContain(msg('loading'));
  });
});
