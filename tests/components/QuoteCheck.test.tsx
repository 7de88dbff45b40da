// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { QuoteCheck } from '../../components/QuoteCheck';
import type { VerbatimDb } from '../../utils/db/schema';
import type { Note } from '../../utils/domain/model';
import { msg } from '../support/i18n';
import { highlight } from '../support/library';
import { renderPerTest } from '../support/preact';

let db: VerbatimDb;
let host: HTMLElement;
renderPerTest((t) => ({ db, host } = t));

const AT = Date.UTC(2026, 11, 5, 12);
const note = (id: string, url: string, exact: string, fields: Partial<Note> = {}): Note => highlight({ id, url, exact, kind: 'quote', ...fields });

const NOTES: Note[] = [
  note('1', 'https://a.example/x', 'Trust takes years to build', { check: { at: AT, outcome: 'same' } }),
  note('2', 'https://a.example/x', 'Trust takes years to build', {
    check: { at: AT, outcome: 'reworded', found: 'Trust takes <img src=x onerror="alert(1)"> to build' },
  }),
  note('3', 'https://b.example/y', 'La confiance se perd vite', { check: { at: AT, outcome: 'gone' } }),
  note('4', 'https://c.example/z', 'Never checked'),
  note('5', 'https://d.example/w', '', { kind: 'page', selectors: [], note: 'A note on a page as a whole' }),
];

const show = () => act(() => render(<QuoteCheck db={db} notes={NOTES} />, host));
const row = (id: string) => host.querySelector<HTMLElement>(`.quote-check-item[data-note-id="${id}"]`)!;

describe('QuoteCheck', () => {
  it('lists each passage with its last check and date, notes on a page as a whole left out', async () => {
    await show();
    expect(host.querySelector('h3')!.textContent).toBe(msg('checkQuotes'));
    expect([...host.querySelectorAll('.quote-check-item')].map((li) => li.getAttribute('data-outcome'))).toEqual(['same', 'reworded', 'gone', 'unchecked']);
    expect(host.textContent).toContain(`${msg('checkPassagesOther', '4')} · ${msg('checkSourcesOther', '3')}`);
    expect(row('1').querySelector('.quote-check-outcome')!.textContent).toContain(msg('checkSame'));
    expect(row('1').querySelector('.quote-check-outcome')!.textContent).toContain(msg('checkedOn', 'Dec\u00A05,\u00A02026'));
    expect(row('3').querySelector('.quote-check-outcome')!.textContent).toContain(msg('checkGone'));
    expect(row('4').querySelector('.quote-check-outcome')!.textContent).toContain(msg('checkNotYet'));
    expect(host.querySelector('.quote-check-summary')!.textContent).toBe(msg('checkSummary', '1', '1', '1', '0'));
    expect(host.querySelector<HTMLButtonElement>('[data-action="check"]')!.textContent).toBe(msg('checkAgain'));
    expect(host.querySelector('section')!.getAttribute('aria-labelledby')).toBe(host.querySelector('h3')!.id);
  });

  it('shows a reworded passage word by word, the page’s words as text, never as markup', async () => {
    await show();
    const diff = row('2').querySelector('.check-diff')!;
    expect([...diff.querySelectorAll('del')].map((d) => d.textContent)).toEqual([`${msg('diffRemoved')} years`]);
    expect([...diff.querySelectorAll('ins')].map((d) => d.textContent)).toEqual([`${msg('diffAdded')} <img src=x onerror="alert(1)">`]);
    expect(diff.querySelector('img')).toBeNull();
    expect(diff.textContent).toContain('Trust takes');
  });
});
