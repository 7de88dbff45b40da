// @vitest-environment jsdom
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { VerbatimDb } from '../../utils/db/schema';
import type { Article, Note } from '../../utils/domain/model';
import { msg } from '../support/i18n';
import { passage, UN_ARTICLE } from '../support/library';
import { renderPerTest } from '../support/preact';
import { showPanel } from './fixture';

// The side panel's bulk bar: each change of the selected notes says what it did in the one Undo
// bar, and Undo puts every note back exactly as it was (whole records, updatedAt included).

const PAGE = UN_ARTICLE.url;
const OTHER = 'https://revue.example/autre/';
const articles: Article[] = [
  { ...UN_ARTICLE, byline: 'Léa Martin' },
  { id: 'a2', url: OTHER, title: 'Un autre article', siteName: 'La Revue', tags: [], createdAt: 2_000, updatedAt: 2_000 },
];
/** Passage `i`, quoted and placed in the page's text (a move drops the place). */
const note = (i: number, tags: string[] = []): Note =>
  passage(i, {
    id: `n${i}`,
    tags,
    selectors: [
      { type: 'TextQuoteSelector', exact: `Passage numéro ${i}` },
      { type: 'TextPositionSelector', start: i * 20, end: i * 20 + 17 },
    ],
  });
const start = [note(1, ['compost', 'balcon']), note(2, ['compost']), note(3)];

let db: VerbatimDb;
let host: HTMLElement;
renderPerTest((t) => ({ db, host } = t));

beforeEach(async () => {
  await db.articles.bulkPut(articles);
  await db.notes.bulkPut(start);
  await showPanel(db, host, 3);
});

const row = (id: string) => host.querySelector<HTMLElement>(`.results [data-note-id="${id}"]`)!;
const click = (el: Element | null | undefined) => act(() => (el as HTMLElement).click());
const bar = () => host.querySelector<HTMLElement>('.bulk-bar')!;
const undoBar = () => host.querySelector<HTMLElement>('.undo-bar');
const select = async (...ids: string[]) => {
  for (const id of ids) await click(row(id).querySelector('input.note-select'));
};
const stored = async () => (await db.notes.toArray()).sort((a, b) => (a.id < b.id ? -1 : 1));

/** Undo from the bar, then every note is exactly as at the start. */
async function undoAll() {
  await click(undoBar()!.querySelector('button'));
  await vi.waitFor(() => expect(undoBar()).toBeNull());
  expect(await stored()).toEqual(start);
}

describe('the bulk bar', () => {
  it('recolours the selected notes, says so, and Undo puts their colour back', async () => {
    await select('n1', 'n3');
    await click(bar().querySelector('[data-bulk="color"]'));
    await click(bar().querySelector('.swatch-button[data-color="green"]'));
    await vi.waitFor(() => expect(undoBar()?.textContent).toContain(msg('notesRecoloredOther', '2', msg('colorGreen'))));
    await vi.waitFor(() => expect(row('n1').dataset.color).toBe('green'));
    expect((await stored()).map((n) => n.color)).toEqual(['green', 'yellow', 'green']);
    await undoAll();
    await vi.waitFor(() => expect(row('n1').dataset.color).toBe('yellow'));
  });

  it('removes a tag the selected notes carry, and Undo puts it back', async () => {
    await select('n1', 'n2', 'n3');
    await click(bar().querySelector('[data-bulk="untag"]'));
    const chips = [...bar().querySelectorAll<HTMLButtonElement>('.bulk-panel button')];
    expect(chips.map((c) => c.getAttribute('aria-label'))).toEqual([msg('bulkUntagOne', 'balcon'), msg('bulkUntagOne', 'compost')]);
    await click(chips[1]);
    await vi.waitFor(() => expect(undoBar()?.textContent).toContain(msg('notesUntaggedOther', '2', 'compost')));
    expect((await stored()).map((n) => n.tags)).toEqual([['balcon'], [], []]);
    await undoAll();
  });

  it('makes the selected notes quotes, attributed to their article', async () => {
    await select('n1', 'n2');
    await click(bar().querySelector('[data-bulk="kind"]'));
    await click(bar().querySelector('[data-kind="quote"]'));
    await vi.waitFor(() => expect(undoBar()?.textContent).toContain(msg('notesToQuoteOther', '2')));
    const [n1] = await stored();
    expect(n1!.kind).toBe('quote');
    expect(n1!.attribution).toEqual({ title: 'Un article', author: 'Léa Martin', url: PAGE });
    await undoAll();
  });

  it('moves the selected notes to another article, and back', async () => {
    await select('n2');
    await click(bar().querySelector('[data-bulk="move"]'));
    const list = bar().querySelector<HTMLSelectElement>('select')!;
    await act(() => {
      list.value = 'a2';
      list.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(() => void bar().querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    await vi.waitFor(() => expect(undoBar()?.textContent).toContain(msg('notesMovedOne', '1', 'Un autre article')));
    const moved = (await db.notes.get('n2'))!;
    expect(moved.url).toBe(OTHER);
    expect(moved.selectors).toEqual([{ type: 'TextQuoteSelector', exact: 'Passage numéro 2' }]);
    await undoAll();
  });

  it('selects every note the list shows in one click', async () => {
    await select('n2');
    expect(bar().querySelector('[data-bulk="all"]')!.textContent).toBe(msg('bulkSelectAll', '3'));
    await click(bar().querySelector('[data-bulk="all"]'));
    expect(bar().querySelector('.bulk-count')!.textContent).toBe(msg('selectedOther', '3'));
    expect(host.querySelectorAll('.results .note.selected')).toHaveLength(3);
    expect(bar().querySelector('[data-bulk="all"]')).toBeNull();
  });

  it('says when there was nothing to change, with nothing to undo', async () => {
    await select('n1', 'n2');
    await click(bar().querySelector('[data-bulk="color"]'));
    await click(bar().querySelector('.swatch-button[data-color="yellow"]'));
    await vi.waitFor(() => expect(undoBar()?.textContent).toBe(msg('nothingChanged')));
    expect(undoBar()!.querySelector('button')).toBeNull();
    expect(await stored()).toEqual(start);
  });

  it('says in the bar why a change was refused; nothing changed', async () => {
    await select('n1', 'n2');
    vi.spyOn(db.notes, 'bulkPut').mockRejectedValueOnce(new Error('database closed'));
    await click(bar().querySelector('[data-bulk="kind"]'));
    await click(bar().querySelector('[data-kind="quote"]'));
    await vi.waitFor(() => expect(bar().querySelector('[role="alert"]')?.textContent).toBe(msg('bulkChangeFailed', 'database closed')));
    expect(undoBar()).toBeNull();
    expect(await stored()).toEqual(start);
  });
});
