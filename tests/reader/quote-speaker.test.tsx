// @vitest-environment jsdom
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { VerbatimDb } from '../../utils/db/schema';
import { selectInReader, showReader, storeClipped, stubRangeRects } from '../support/reader';
import { renderPerTest } from '../support/preact';

// A passage quoted in the reader carries the speaker its text names, as a proposal (issue #16),
// whether quoted from the toolbar or made a quote from its card.

const PAGE = 'https://blog.example/clients/';
const HTML =
  '<p>Thomas Durand, directeur marketing chez Fnac Darty, résume la situation : « nos clients veulent être écoutés avant d’être servis ».</p>' +
  '<p>Un autre paragraphe, sans citation.</p>';
const LONG = { timeout: 15_000, interval: 200 };

let db: VerbatimDb;
let host: HTMLElement;
renderPerTest((t) => ({ db, host } = t));

beforeEach(async () => {
  stubRangeRects();
  await storeClipped(db, { url: PAGE, title: 'Clients', byline: 'Julie Moreau' }, { html: HTML, text: HTML.replace(/<[^>]+>/g, ' ') });
  await showReader(db, host, LONG);
});

const $ = (selector: string) => host.querySelector<HTMLElement>(selector);

const select = (words: string) => selectInReader(host, words, LONG);

describe('quoting in the reader', () => {
  it('stores the speaker the text names as a proposal, never the page’s author', async () => {
    await select('nos clients veulent être écoutés');
    await act(() => $('.reader-toolbar [data-action="quote"]')!.click());
    await vi.waitFor(async () => expect(await db.notes.toArray()).toEqual([expect.objectContaining({ kind: 'quote', speaker: 'Thomas Durand', speakerProposed: true })]), LONG);
  });

  it('proposes the speaker when a highlight is made a quote from its card, and none for a passage nobody said', async () => {
    await select('nos clients veulent être écoutés');
    await act(() => $('.reader-toolbar [data-color="green"]')!.click());
    await vi.waitFor(() => expect($('.reader-card')).not.toBeNull(), LONG);
    const [note] = await db.notes.toArray();
    expect(note).not.toHaveProperty('speaker');
    await act(() => $('.reader-card [data-kind="quote"]')!.click());
    await vi.waitFor(async () => expect(await db.notes.get(note!.id)).toMatchObject({ kind: 'quote', speaker: 'Thomas Durand', speakerProposed: true }), LONG);

    await select('sans citation');
    await act(() => $('.reader-toolbar [data-action="quote"]')!.click());
    await vi.waitFor(async () => expect(await db.notes.count()).toBe(2), LONG);
    const other = (await db.notes.toArray()).find((n) => n.exact === 'sans citation');
    expect(other).toMatchObject({ kind: 'quote' });
    expect(other).not.toHaveProperty('speaker');
  });
});
