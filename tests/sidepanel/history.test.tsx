// @vitest-environment jsdom
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { VerbatimDb } from '../../utils/db/schema';
import type { NoteVersion } from '../../utils/domain/model';
import { msg } from '../support/i18n';
import { passage, UN_ARTICLE as article } from '../support/library';
import { renderPerTest } from '../support/preact';
import { showPanel } from './fixture';

// A note another browser edited too (issue #15): its row says it has earlier versions, shows them
// on demand, and restores one with the side panel's Undo to take it back.

let db: VerbatimDb;
let host: HTMLElement;
renderPerTest((t) => ({ db, host } = t));

const version = (note: string, replacedAt: number, extra: Partial<NoteVersion> = {}): NoteVersion => ({
  note,
  tags: ['ailleurs'],
  color: 'yellow',
  kind: 'highlight',
  updatedAt: replacedAt - 1_000,
  replacedAt,
  reason: 'sync',
  ...extra,
});

beforeEach(async () => {
  await db.articles.put(article);
  await db.notes.bulkPut([
    passage(1, { id: 'n1' }),
    passage(2, {
      id: 'n2',
      note: 'Écrit sur ce navigateur',
      tags: ['ici'],
      history: [version('Écrit sur le portable', Date.UTC(2026, 11, 3, 9, 30), { color: 'green' }), version('', Date.UTC(2026, 11, 2, 18, 0), { reason: 'restore', tags: [] })],
    }),
  ]);
});

const show = () => showPanel(db, host, 2);
const row = (id: string) => host.querySelector<HTMLElement>(`.results [data-note-id="${id}"]`)!;
const click = (el: Element | null | undefined) => act(() => (el as HTMLElement).click());
const toggle = (id: string) => row(id).querySelector<HTMLButtonElement>('button.history-toggle');

describe('a note’s earlier versions in the side panel', () => {
  it('are folded under "2 earlier versions", only on a note that has some', async () => {
    await show();
    expect(toggle('n1')).toBeNull();
    expect(toggle('n2')!.textContent).toBe(msg('historyToggleOther', '2'));
    expect(toggle('n2')!.getAttribute('aria-expanded')).toBe('false');
    expect(row('n2').querySelector('.history-list')).toBeNull();
  });

  it('show each version: its text, tags, colour when different, when and why it was replaced', async () => {
    await show();
    await click(toggle('n2'));
    expect(toggle('n2')!.getAttribute('aria-expanded')).toBe('true');
    const list = row('n2').querySelector('ol.history-list')!;
    expect(list.id).toBe(toggle('n2')!.getAttribute('aria-controls'));
    expect(list.getAttribute('aria-label')).toBe(msg('historyListLabel'));
    const [synced, restored] = [...list.querySelectorAll('li')];
    expect(synced!.querySelector('.history-text')!.textContent).toBe('Écrit sur le portable');
    expect(synced!.querySelector('.history-tags')!.textContent).toBe(msg('historyTags', 'ailleurs'));
    expect(synced!.querySelector('.history-color')!.textContent).toBe(` ${msg('historyColor', msg('colorGreen'))}`);
    expect(synced!.querySelector('.history-when')!.textContent).toMatch(/^Replaced on Dec 3, 2026, .+ when syncing with another browser$/);
    // The same colour and kind as the note: nothing said about them; no text, no tags: said so.
    expect(restored!.querySelector('.history-look')).toBeNull();
    expect(restored!.querySelector('.history-text')!.textContent).toBe(msg('historyNoText'));
    expect(restored!.querySelector('.history-tags')!.textContent).toBe(msg('historyNoTags'));
    expect(restored!.querySelector('.history-when')!.textContent).toMatch(/by restoring an earlier version$/);
    expect(synced!.querySelector('button.history-restore')!.getAttribute('aria-label')).toMatch(/^Restore the version replaced on Dec 3, 2026/);
  });

  it('restores a version, and Undo brings the note back exactly', async () => {
    await show();
    const before = await db.notes.get('n2');
    await click(toggle('n2'));
    await click(row('n2').querySelector('li button.history-restore'));
    await vi.waitFor(() => expect(row('n2').querySelector('.note-comment')?.textContent).toBe('Écrit sur le portable'));
    expect(row('n2').dataset.color).toBe('green');
    expect(host.querySelector('.undo-bar')!.textContent).toContain(msg('versionRestored'));
    // The text that was current took the restored one's place among the earlier versions.
    expect(toggle('n2')!.textContent).toBe(msg('historyToggleOther', '2'));
    expect(row('n2').querySelector('.history-list li .history-text')!.textContent).toBe('Écrit sur ce navigateur');

    await click([...host.querySelectorAll('.undo-bar button')].find((b) => b.textContent === msg('undo')));
    await vi.waitFor(() => expect(row('n2').querySelector('.note-comment')?.textContent).toBe('Écrit sur ce navigateur'));
    expect(await db.notes.get('n2')).toEqual(before);
    expect(toggle('n2')!.textContent).toBe(msg('historyToggleOther', '2'));
  });

  it('says on the row when a restore was not saved, and the note stays as it was', async () => {
    await show();
    const before = await db.notes.get('n2');
    await click(toggle('n2'));
    vi.spyOn(db.notes, 'put').mockRejectedValueOnce(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    await click(row('n2').querySelector('li button.history-restore'));
    await vi.waitFor(() => expect(row('n2').querySelector('.note-error')?.textContent).toBe(msg('storageFullChangeNotSaved')));
    expect(await db.notes.get('n2')).toEqual(before);
  });

  it('says so when the version is no longer there (a sync changed the history meanwhile)', async () => {
    await show();
    await click(toggle('n2'));
    const restore = row('n2').querySelector('li button.history-restore')!;
    // The history changed in the database since it was drawn; the click acts on what was shown.
    const stored = (await db.notes.get('n2'))!;
    vi.spyOn(db.notes, 'get').mockResolvedValueOnce({ ...stored, history: stored.history!.slice(1) });
    await click(restore);
    await vi.waitFor(() => expect(row('n2').querySelector('.note-error')?.textContent).toBe(msg('versionRestoreFailed', msg('writeReasonVersionGone'))));
    expect((await db.notes.get('n2'))!.note).toBe('Écrit sur ce navigateur');
  });
});
