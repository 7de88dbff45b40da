// @vitest-environment jsdom
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { VerbatimDb } from '../../utils/db/schema';
import type { Note } from '../../utils/domain/model';
import { msg } from '../support/i18n';
import { highlight } from '../support/library';
import { renderPerTest } from '../support/preact';
import { showPanel } from './fixture';

// The side panel's Same quote and Speakers views follow the library live: a speaker changed
// anywhere (another window, a sync) regroups them and lifts or raises the flag.

const TEXT = 'Insanity is doing the same thing over and over and expecting different results.';
const quote = (id: string, url: string, speaker: string | undefined, at: number): Note =>
  highlight({ id, url, exact: TEXT, kind: 'quote', createdAt: at, updatedAt: at, ...(speaker ? { speaker } : {}) });

let db: VerbatimDb;
let host: HTMLElement;
renderPerTest((t) => ({ db, host } = t));

const click = (el: Element | null | undefined) => act(() => (el as HTMLElement).click());
const tab = (key: string) => [...host.querySelectorAll('[role="tab"]')].find((b) => b.textContent === msg(key));
const flags = () => host.querySelectorAll('[data-testid="same-flag"]');

beforeEach(async () => {
  await db.notes.bulkPut([quote('a', 'https://a.example/', 'Albert Einstein', 1), quote('b', 'https://b.example/', 'Mark Twain', 2)]);
  await showPanel(db, host, 2);
});

describe('Same quote and Speakers views, live', () => {
  it('flags a quote attributed to two people, and lifts the flag when a speaker is corrected elsewhere', async () => {
    await click(tab('viewSameQuotes'));
    await vi.waitFor(() => expect(flags()).toHaveLength(1));
    // Each attributed once: either may be named first.
    expect([msg('attributedHereThere', 'Albert Einstein', 'Mark Twain'), msg('attributedHereThere', 'Mark Twain', 'Albert Einstein')]).toContain(flags()[0]!.textContent);
    await db.notes.update('b', { speaker: 'Einstein' });
    await vi.waitFor(() => expect(flags()).toHaveLength(0));
    expect(host.querySelectorAll('.same-source')).toHaveLength(2);
  });

  it('keeps its groups while another view shows, and regroups what changed meanwhile', async () => {
    await click(tab('viewSpeakers'));
    await vi.waitFor(() => expect(host.querySelectorAll('.results.speakers .group-head')).toHaveLength(2));
    await click(tab('viewNotes'));
    await db.notes.update('b', { speaker: 'A. Einstein' });
    await vi.waitFor(() => expect(host.querySelector('.results [data-note-id="b"] .speaker-name')?.textContent).toBe('A. Einstein'));
    await click(tab('viewSpeakers'));
    await vi.waitFor(() => expect(host.querySelectorAll('.results.speakers .group-head')).toHaveLength(1));
    expect(host.querySelector('.results.speakers .group-head h2')!.textContent).toBe('Albert Einstein');
  });
});
