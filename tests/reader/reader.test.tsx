// @vitest-environment jsdom
import { Blob as NodeBlob } from 'node:buffer';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { VerbatimDb } from '../../utils/db/schema';
import { COLORS, type ArticleBody } from '../../utils/domain/model';
import { msg } from '../support/i18n';
import { readerTextHolding, selectInReader, showReader, storeClipped, stubRangeRects } from '../support/reader';
import { renderPerTest } from '../support/preact';

// The reader as a place to read: the copy's images from storage, and passages made, opened,
// changed and deleted there with every colour, kind, note and tag.

const PAGE = 'https://blog.example/composter/';
const TEXT = 'Le lombricomposteur tient sur un balcon.';
const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/**
 * Writes go through Dexie and a live query: slow when the whole suite shares two cores. Polled
 * gently: fake-indexeddb lets back-to-back reads starve a waiting write.
 */
const LONG = { timeout: 15_000, interval: 200 };

let db: VerbatimDb;
let host: HTMLElement;
renderPerTest((t) => ({ db, host } = t));
let blobs: Blob[];

beforeEach(async () => {
  stubRangeRects();
  // jsdom has no blob: URLs; the reader's are counted here.
  blobs = [];
  Object.assign(URL, { createObjectURL: (b: Blob) => `blob:reader/${blobs.push(b)}`, revokeObjectURL: () => {} });
  await storeClipped(db, { url: PAGE, title: 'Composter' });
});

const show = async (body: Omit<ArticleBody, 'id'> = { html: `<p>${TEXT}</p>`, text: TEXT }) => {
  await db.bodies.put({ id: 'a1', ...body });
  await showReader(db, host, LONG);
};
const $ = <T extends HTMLElement = HTMLElement>(selector: string) => host.querySelector<T>(selector);
const click = (selector: string) => act(() => $(selector)!.click());
const settle = () => act(() => new Promise((r) => setTimeout(r, 10)));

const textHolding = (words: string) => readerTextHolding(host, words);

const selectPassage = (words = 'lombricomposteur') => selectInReader(host, words, LONG);

/** Clicks the copy at `words` until the passage there is drawn and its card opens. */
const openCardAt = (words: string) =>
  vi.waitFor(async () => {
    await clickOn(words);
    // Opened: the card holds the focus.
    expect($('.reader-card')?.contains(document.activeElement)).toBe(true);
  }, LONG);

/** A highlight of “lombricomposteur” with no note yet, its card opened in the reader. */
async function openBlankNote() {
  await db.notes.add({
    id: 'n1', url: PAGE, kind: 'highlight', color: 'blue', exact: 'lombricomposteur', note: '', tags: [],
    selectors: [{ type: 'TextQuoteSelector', exact: 'lombricomposteur' }], createdAt: 1, updatedAt: 1,
  });
  await show();
  await settle();
  await openCardAt('composteur');
}

/** A click on the copy at `words` (jsdom lays nothing out: the caret is put there). */
async function clickOn(words: string) {
  document.getSelection()!.removeAllRanges();
  Object.assign(document, {
    caretRangeFromPoint: () => {
      const r = document.createRange();
      const node = textHolding(words);
      r.setStart(node, node.data.indexOf(words) + 1);
      return r;
    },
  });
  await act(() => void $('.reader-body p')!.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: 20, clientY: 20 })));
}

describe('the copy’s images', () => {
  it('are served from storage; those left out are placeholders with their alt text and why, and the header counts them', async () => {
    // Node's Blob: what fake-indexeddb's structured clone keeps (jsdom's is not cloneable in Node).
    const png = new NodeBlob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }) as Blob;
    await show({
      html: `<p>${TEXT}</p><img src="https://blog.example/a.png" alt="Le bac"><img src="https://blog.example/big.jpg" alt="Vue du balcon"><img src="https://blog.example/old.png"><img src="data:image/png;base64,iVBORw0KGgo=">`,
      text: TEXT,
      images: [{ url: 'https://blog.example/a.png', type: 'image/png', data: png }],
      imagesLeftOut: [{ url: 'https://blog.example/big.jpg', reason: 'tooLarge' }],
    });
    const srcs = [...host.querySelectorAll('.reader-body img')].map((i) => i.getAttribute('src'));
    expect(srcs).toEqual(['blob:reader/1', 'data:image/png;base64,iVBORw0KGgo=']);
    expect(blobs).toHaveLength(1);
    expect([blobs[0]!.size, blobs[0]!.type]).toEqual([4, 'image/png']);
    const missing = [...host.querySelectorAll('.reader-image-missing')].map((m) => m.getAttribute('aria-label'));
    expect(missing).toEqual([`${msg('readerImageTooLarge')} Vue du balcon`, msg('readerImageNotSaved')]);
    expect($('.reader-images-notice')!.textContent).toBe(msg('readerImagesOverCapOne', '1'));
    // The placeholders add nothing to the text (the passages' positions stay those of the copy).
    expect($('.reader-body')!.textContent).toBe(TEXT);
  });
});

describe('a passage made in the reader', () => {
  it('takes any colour, then opens its card: note, tags, kind, colour, each saved', async () => {
    await show();
    await selectPassage();
    // Every colour, as on the page.
    expect([...host.querySelectorAll<HTMLElement>('.reader-toolbar [data-color]')].map((b) => b.dataset.color)).toEqual([...COLORS]);
    // The card holds the focus from the moment it shows: a key typed at once goes to it.
    let focusedAsShown: boolean | undefined;
    const watch = new MutationObserver(() => {
      const card = $('.reader-card');
      if (card && focusedAsShown === undefined) focusedAsShown = card.contains(document.activeElement);
    });
    watch.observe(host, { childList: true, subtree: true });
    await click('.reader-toolbar [data-color="green"]');
    await vi.waitFor(() => expect($('.reader-card')).not.toBeNull(), LONG);
    watch.disconnect();
    expect(focusedAsShown).toBe(true);
    const [note] = await db.notes.toArray();
    expect(note).toMatchObject({ kind: 'highlight', color: 'green', exact: 'lombricomposteur' });
    expect($('.reader-card [data-color="green"]')!.getAttribute('aria-pressed')).toBe('true');

    const field = $<HTMLTextAreaElement>('.reader-card textarea')!;
    await act(() => {
      field.value = 'À essayer au printemps';
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => void field.dispatchEvent(new FocusEvent('blur')));
    await vi.waitFor(async () => expect((await db.notes.get(note!.id))?.note).toBe('À essayer au printemps'), LONG);
    const tag = $<HTMLInputElement>('.reader-card .tag-input')!;
    await act(() => {
      tag.value = 'jardin';
      tag.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => void tag.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    await vi.waitFor(async () => expect((await db.notes.get(note!.id))?.tags).toEqual(['jardin']), LONG);
    await click('.reader-card [data-kind="quote"]');
    await vi.waitFor(async () => expect((await db.notes.get(note!.id))?.kind).toBe('quote'), LONG);
    await click('.reader-card [data-color="pink"]');
    await vi.waitFor(async () => expect(await db.notes.get(note!.id)).toMatchObject({ color: 'pink', kind: 'quote', note: 'À essayer au printemps', tags: ['jardin'] }), LONG);
    await vi.waitFor(() => expect($('.reader-card .tag-name')?.textContent).toBe('jardin'), LONG);
  });

  it('keeps the last colour and kind picked, even picked before the one before came back', async () => {
    await openBlankNote();
    // Green, then blue again, then quote and highlight again, each click before any answer.
    await act(() => {
      $('.reader-card [data-color="green"]')!.click();
      $('.reader-card [data-color="blue"]')!.click();
      $('.reader-card [data-kind="quote"]')!.click();
      $('.reader-card [data-kind="highlight"]')!.click();
    });
    await settle();
    await vi.waitFor(async () => expect(await db.notes.get('n1')).toMatchObject({ color: 'blue', kind: 'highlight' }), LONG);
    expect($('.reader-card [data-color="blue"]')!.getAttribute('aria-pressed')).toBe('true');
  });

  it('opens its card when clicked, and is deleted from there with an Undo that puts it back as it was', async () => {
    await db.notes.add({
      id: 'n1', url: PAGE, kind: 'highlight', color: 'blue', exact: 'lombricomposteur', note: 'Un bac', tags: ['jardin'],
      selectors: [{ type: 'TextQuoteSelector', exact: 'lombricomposteur', prefix: 'Le ', suffix: ' tient' }], createdAt: 1, updatedAt: 1,
    });
    await show();
    await settle();
    await clickOn('balcon');
    expect($('.reader-card')).toBeNull();
    await openCardAt('composteur');
    expect($('.reader-card')?.dataset.noteId).toBe('n1');
    expect($<HTMLTextAreaElement>('.reader-card textarea')!.value).toBe('Un bac');
    const before = await db.notes.get('n1');

    await click('.reader-card [data-action="delete"]');
    await vi.waitFor(() => expect($('.reader-card')).toBeNull(), LONG);
    expect(await db.notes.count()).toBe(0);
    expect($('.undo-bar')!.textContent).toContain(msg('noteDeleted', '1'));
    await click('.undo-bar button');
    await vi.waitFor(async () => expect(await db.notes.get('n1')).toEqual(before), LONG);
  });

  it('says in its card, in the user’s language, that a change was not saved, and keeps the note typed', async () => {
    await openBlankNote();
    vi.spyOn(db.notes, 'put').mockRejectedValue(quota());
    vi.spyOn(db.notes, 'update').mockRejectedValue(quota());
    const field = $<HTMLTextAreaElement>('.reader-card textarea')!;
    await act(() => {
      field.value = 'Pas perdu';
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => void field.dispatchEvent(new FocusEvent('blur')));
    await vi.waitFor(() => expect($('.reader-card [role="alert"]')?.textContent).toBe(msg('storageFullChangeNotSaved')), LONG);
    expect($<HTMLTextAreaElement>('.reader-card textarea')!.value).toBe('Pas perdu');
    expect((await db.notes.get('n1'))?.note).toBe('');
  });

  it.each([
    ['before the field is left', true],
    ['after the field is left (the refusal comes first)', false],
  ])('never silently overwrites a note text another window saved meanwhile, theirs reaching this page %s: shows theirs, keeps mine, and saves mine when asked again', async (_when, arrivesFirst) => {
    await openBlankNote();
    const field = $<HTMLTextAreaElement>('.reader-card textarea')!;
    await act(() => {
      field.focus();
      field.value = 'Mine';
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
    // Another window saves its own text meanwhile.
    await db.notes.update('n1', { note: 'Theirs', updatedAt: 2 });
    if (arrivesFirst) await settle();
    await act(() => field.blur());
    await vi.waitFor(() => expect($('.reader-card .note-theirs')?.textContent).toContain('Theirs'), LONG);
    expect($('.reader-card [role="alert"]')).not.toBeNull();
    expect($<HTMLTextAreaElement>('.reader-card textarea')!.value).toBe('Mine');
    expect((await db.notes.get('n1'))?.note).toBe('Theirs');
    // Saved again, now knowing theirs: mine is kept.
    await act(() => field.focus());
    await act(() => field.blur());
    await vi.waitFor(async () => expect((await db.notes.get('n1'))?.note).toBe('Mine'), LONG);
    await vi.waitFor(() => expect($('.reader-card .note-theirs')).toBeNull(), LONG);
  });

  it('attaches a note whose passage was lost to the passage selected again: one missing note at once, several after a choice', async () => {
    const orphan = (id: string, exact: string) => ({
      id, url: PAGE, kind: 'highlight' as const, color: 'pink' as const, exact, note: 'garder', tags: ['jardin'],
      selectors: [{ type: 'TextQuoteSelector' as const, exact }], orphanedAt: 5, createdAt: 2, updatedAt: 3,
    });
    await db.notes.bulkPut([orphan('o1', 'Le composteur tient sur un balcon')]);
    await show();
    await selectPassage();
    expect($('.reader-toolbar [data-action="attach"]')!.textContent).toBe(msg('actionAttach'));
    await click('.reader-toolbar [data-action="attach"]');
    await vi.waitFor(async () => expect(await db.notes.get('o1')).toMatchObject({ exact: 'lombricomposteur', note: 'garder', tags: ['jardin'], color: 'pink' }), LONG);
    expect((await db.notes.get('o1'))!.orphanedAt).toBeUndefined();
    expect((await db.notes.get('o1'))!.selectors).toContainEqual(expect.objectContaining({ type: 'TextQuoteSelector', exact: 'lombricomposteur' }));

    // Two missing notes: the button counts them and asks which.
    await db.notes.bulkPut([orphan('o2', 'tient sur'), orphan('o3', 'un balcon fleuri')]);
    await vi.waitFor(async () => {
      await selectPassage('tient sur');
      expect($('.reader-toolbar [data-action="attach"]')!.textContent).toBe(`${msg('actionAttach')} (2)`);
    }, LONG);
    await click('.reader-toolbar [data-action="attach"]');
    await click('.reader-attach-pick [data-note-id="o3"]');
    await vi.waitFor(async () => expect(await db.notes.get('o3')).toMatchObject({ exact: 'tient sur' }), LONG);
    expect((await db.notes.get('o3'))!.orphanedAt).toBeUndefined();
    expect((await db.notes.get('o2'))!.orphanedAt).toBe(5);
  });
});
