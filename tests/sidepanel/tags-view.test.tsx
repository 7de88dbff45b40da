// @vitest-environment jsdom
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { VerbatimDb } from '../../utils/db/schema';
import type { Article, Note } from '../../utils/domain/model';
import { msg } from '../support/i18n';
import { passage, UN_ARTICLE } from '../support/library';
import { renderPerTest } from '../support/preact';
import { showPanel } from './fixture';

// The side panel's Tags view: rename, merge and delete a tag everywhere (notes and articles), each
// said in the Undo bar and undone exactly; a failure said on the tag's row, nothing changed.

const article: Article = { ...UN_ARTICLE, tags: ['jardin'] };
const note = (i: number, tags: string[]): Note => passage(i, { id: `n${i}`, tags });
const notes = [note(1, ['jardin', 'compost']), note(2, ['compost']), note(3, [])];

let db: VerbatimDb;
let host: HTMLElement;
renderPerTest((t) => ({ db, host } = t));

beforeEach(async () => {
  await db.articles.put(article);
  await db.notes.bulkPut(notes);
  await showPanel(db, host, 3);
  await click([...host.querySelectorAll('[role="tab"]')].find((b) => b.textContent === msg('viewTags')));
  await vi.waitFor(() => expect(host.querySelectorAll('.tag-row')).toHaveLength(2));
});

const click = (el: Element | null | undefined) => act(() => (el as HTMLElement).click());
const tagRow = (tag: string) => host.querySelector<HTMLElement>(`.tag-row[data-tag="${tag}"]`)!;
const button = (root: Element, text: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === text);
const undoBar = () => host.querySelector<HTMLElement>('.undo-bar');
const everything = async () => ({ notes: await db.notes.toArray(), articles: await db.articles.toArray() });
async function undoAll() {
  await click(undoBar()!.querySelector('button'));
  await vi.waitFor(() => expect(undoBar()).toBeNull());
  expect(await everything()).toEqual({ notes, articles: [article] });
}
async function rename(tag: string, to: string) {
  await click(button(tagRow(tag), msg('tagRename')));
  const input = tagRow(tag).querySelector<HTMLInputElement>('input')!;
  await act(() => {
    input.value = to;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('the Tags view', () => {
  it('lists every tag with how many notes and articles carry it', () => {
    expect([...host.querySelectorAll('.tag-row')].map((r) => `${r.querySelector('.tag-name')!.textContent} ${r.querySelector('.tag-name + .muted')!.textContent}`)).toEqual(['#compost (2)', '#jardin (2)']);
    // Each tag's references for reference managers (CSL-JSON, BibTeX, RIS).
    expect([...host.querySelectorAll('.tag-row summary')].map((s) => s.getAttribute('aria-label'))).toEqual([msg('exportReferencesOf', '#compost'), msg('exportReferencesOf', '#jardin')]);
  });

  it('renames a tag on notes and articles, and Undo puts it back', async () => {
    await rename('jardin', 'Potager');
    await click(button(tagRow('jardin'), msg('tagRenameButton')));
    await vi.waitFor(() => expect(undoBar()?.textContent).toContain(msg('tagRenamedOther', '2', 'jardin', 'potager')));
    expect((await db.articles.get('a1'))!.tags).toEqual(['potager']);
    expect((await db.notes.get('n1'))!.tags).toEqual(['potager', 'compost']);
    await undoAll();
  });

  it('merges a tag into one that exists, naming it on the button, and Undo splits them again', async () => {
    await rename('jardin', 'COMPOST');
    const merge = button(tagRow('jardin'), msg('tagMergeButton', 'compost'));
    expect(merge).toBeDefined();
    await click(merge);
    await vi.waitFor(() => expect(undoBar()?.textContent).toContain(msg('tagMergedOther', '2', 'jardin', 'compost')));
    expect((await db.notes.get('n1'))!.tags).toEqual(['compost']);
    await undoAll();
  });

  it('asks before deleting a tag everywhere, saying how many carry it, and Undo puts it back', async () => {
    await click(button(tagRow('compost'), msg('tagDelete')));
    expect(tagRow('compost').textContent).toContain(msg('tagDeleteConfirm', 'compost', '2'));
    expect((await db.notes.get('n2'))!.tags).toEqual(['compost']);
    await click(button(tagRow('compost'), msg('tagDeleteButton')));
    await vi.waitFor(() => expect(undoBar()?.textContent).toContain(msg('tagDeletedOther', '2', 'compost')));
    expect(await db.notes.where('tags').equals('compost').count()).toBe(0);
    await undoAll();
  });

  it('says on the tag’s row why it was not deleted; nothing changed', async () => {
    vi.spyOn(db.articles, 'bulkPut').mockRejectedValueOnce(new Error('database closed'));
    await click(button(tagRow('jardin'), msg('tagDelete')));
    await click(button(tagRow('jardin'), msg('tagDeleteButton')));
    await vi.waitFor(() => expect(tagRow('jardin').querySelector('[role="alert"]')?.textContent).toBe(msg('tagChangeFailed', 'database closed')));
    expect(undoBar()).toBeNull();
    expect(await everything()).toEqual({ notes, articles: [article] });
  });
});
