// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ReviewView } from '../../entrypoints/sidepanel/Review';
import type { VerbatimDb } from '../../utils/db/schema';
import type { Note } from '../../utils/domain/model';
import { msg } from '../support/i18n';
import { passage } from '../support/library';
import { renderPerTest } from '../support/preact';

// The Review view in the side panel: keys, and what it says when an answer cannot be stored.

let db: VerbatimDb;
let host: HTMLElement;
renderPerTest((t) => ({ db, host } = t));
beforeEach(async () => {
  await db.notes.bulkPut([passage(1, { speaker: 'Camus', note: 'Mon commentaire', tags: ['idée'] }), passage(2), passage(3)]);
});

const sourceOf = (note: Note) => ({ title: `Title of ${note.url}`, detail: 'site · date' });
const view = () => host.querySelector<HTMLElement>('[data-testid="review"]')!;
const progress = () => host.querySelector('[data-testid="review-progress"]')?.textContent;
const shown = () => host.querySelector('.review-text')?.textContent;
const press = (key: string, on: Element = view()) => act(() => void on.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true })));
const open = async () => {
  await act(() => render(<ReviewView db={db} sourceOf={sourceOf} />, host));
  await vi.waitFor(() => expect(progress()).toBe('1 of 3' + msg('reviewNew')));
};

describe('the Review view', () => {
  it('takes the focus, reveals on Space, and answers with the number keys', async () => {
    await open();
    expect(document.activeElement).toBe(view());
    expect(shown()).toBe('Passage numéro 1');
    expect(host.querySelector('[data-testid="review-details"]')).toBeNull();
    await press(' ');
    const details = host.querySelector('[data-testid="review-details"]')!;
    expect(details.textContent).toContain('— Camus');
    expect(details.textContent).toContain('Mon commentaire');
    await press('3');
    await vi.waitFor(() => expect(shown()).toBe('Passage numéro 2'));
    expect((await db.reviews.get('n0001'))?.card.reps).toBe(1);
    // A new card starts hidden again.
    expect(host.querySelector('[data-testid="review-details"]')).toBeNull();
  });

  it('S skips without storing anything; the skipped card comes back last', async () => {
    await open();
    await press('s');
    expect(shown()).toBe('Passage numéro 2');
    await press('1');
    await vi.waitFor(() => expect(shown()).toBe('Passage numéro 3'));
    await press('1');
    await vi.waitFor(() => expect(shown()).toBe('Passage numéro 1'));
    expect(await db.reviews.get('n0001')).toBeUndefined();
  });

  it('Space or Enter on a focused button presses that button, not the view\u2019s key', async () => {
    await open();
    const again = host.querySelector<HTMLButtonElement>('button[data-answer="again"]')!;
    await press('Enter', again);
    expect(host.querySelector('[data-testid="review-details"]')).toBeNull();
  });

  it('says on the card when the answer was not stored, and keeps the card', async () => {
    await open();
    vi.spyOn(db.reviews, 'put').mockRejectedValueOnce(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    await press('3');
    await vi.waitFor(() => expect(host.querySelector('.review-card [role="alert"]')?.textContent).toBe(msg('storageFullChangeNotSaved')));
    expect(shown()).toBe('Passage numéro 1');
    expect(await db.reviews.count()).toBe(0);
  });

  it('a note deleted since the session began leaves it when answered', async () => {
    await open();
    await db.notes.delete('n0001');
    await press('3');
    await vi.waitFor(() => expect(progress()).toBe('1 of 2' + msg('reviewNew')));
    expect(shown()).toBe('Passage numéro 2');
    expect(await db.reviews.get('n0001')).toBeUndefined();
  });

  it('says when nothing can be reviewed yet', async () => {
    await db.notes.clear();
    await act(() => render(<ReviewView db={db} sourceOf={sourceOf} />, host));
    await vi.waitFor(() => expect(host.querySelector('[data-testid="review-end"]')?.textContent).toBe(msg('reviewNothingYet')));
  });
});
