// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BackupReminder } from '../../components/BackupReminder';
import { App } from '../../entrypoints/options/App';
import { getSettings } from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import { msg } from '../support/i18n';
import { passage, UN_ARTICLE } from '../support/library';
import { optionsPerTest } from './fixture';

// Settings that cannot be saved say so beside what the user changed.

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

let db: VerbatimDb;
let host: HTMLElement;
optionsPerTest((t) => ({ db, host } = t));

describe('the options page', () => {
  it('a colour name storage refuses: said beside the field, which keeps what was typed', async () => {
    await act(() => render(<App db={db} />, host));
    const field = host.querySelector<HTMLInputElement>('input[data-color="green"]')!;
    vi.spyOn(db.settings, 'put').mockRejectedValueOnce(quota());
    await act(() => {
      field.focus();
      field.value = 'Objection';
      field.dispatchEvent(new Event('input', { bubbles: true }));
      field.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await vi.waitFor(() => expect(host.querySelector(`#${field.getAttribute('aria-describedby')}`)?.textContent).toBe(msg('storageFullChangeNotSaved')));
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.value).toBe('Objection');
    expect((await getSettings(db)).colorNames).toEqual({});
  });

  it('a backup reminder setting not saved: said under it', async () => {
    await act(() => render(<App db={db} />, host));
    const select = await vi.waitFor(() => host.querySelector<HTMLSelectElement>('.reminder-setting select')!);
    vi.spyOn(db.settings, 'put').mockRejectedValueOnce(new Error('database locked'));
    await act(() => {
      select.value = 'weekly';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await vi.waitFor(() => expect(host.querySelector('.storage-status [role="alert"]')?.textContent).toBe(msg('settingNotSaved', 'database locked')));
    expect((await getSettings(db)).backupReminder).toBe('monthly');
  });
});

describe('tags in Settings: a rename or merge is one change with its Undo', () => {
  const start = [passage(1, { tags: ['compost', 'balcon'] }), passage(2, { tags: ['compost'] }), passage(3, { tags: ['jardin'] })];
  const stored = async () => ({ notes: await db.notes.orderBy('id').toArray(), articles: await db.articles.toArray() });
  const row = (tag: string) => host.querySelector<HTMLElement>(`.tag-row[data-tag="${tag}"]`)!;
  /** Types `to` over `tag`, once, as soon as its row shows; returns the row's button. */
  const rename = async (tag: string, to: string) => {
    const field = await vi.waitFor(() => row(tag).querySelector('input')!);
    await act(() => {
      field.value = to;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
    return row(tag).querySelector<HTMLButtonElement>('button[type="submit"]')!;
  };
  const undo = () => act(() => [...host.querySelectorAll<HTMLButtonElement>('.undo-bar button')].find((b) => b.textContent === msg('undo'))!.click());

  beforeEach(async () => {
    await db.articles.put({ ...UN_ARTICLE, tags: ['compost'] });
    await db.notes.bulkPut(start);
    await act(() => render(<App db={db} />, host));
    await vi.waitFor(() => expect(row('compost')).not.toBeNull());
  });

  it('keeps what is typed the moment a row shows: nothing resets the field after its first frames', async () => {
    // A fresh page: the rows appear when the tags are counted, and the user types at once (here,
    // as soon as the row is in the document, before its first frame is painted).
    await act(() => render(null, host));
    const typed = new Promise<HTMLInputElement>((resolve) => {
      const watch = new MutationObserver(() => {
        const field = row('jardin')?.querySelector('input');
        if (!field) return;
        watch.disconnect();
        field.value = 'Balcon';
        field.dispatchEvent(new Event('input', { bubbles: true }));
        resolve(field);
      });
      watch.observe(host, { childList: true, subtree: true });
    });
    render(<App db={db} />, host);
    const field = await typed;
    await new Promise((r) => setTimeout(r, 250)); // past Preact's after-paint effects (100 ms at most)
    expect(field.value).toBe('Balcon');
    expect(row('jardin').querySelector('button[type="submit"]')?.textContent).toBe(msg('optionsMergeInto', 'balcon'));
  });

  it('renames a tag on every note and article, and Undo puts every record back exactly', async () => {
    const before = await stored();
    const button = await rename('compost', 'Terreau');
    expect(button.textContent).toBe(msg('optionsRename'));
    await act(() => button.click());
    await vi.waitFor(() => expect(host.querySelector('.undo-bar')?.textContent).toContain(msg('optionsTagRenamed', 'compost', 'terreau', msg('itemsCountOther', '3'))));
    expect((await stored()).notes.map((n) => n.tags)).toEqual([['terreau', 'balcon'], ['terreau'], ['jardin']]);
    expect((await db.articles.get(UN_ARTICLE.id))!.tags).toEqual(['terreau']);
    await undo();
    await vi.waitFor(() => expect(host.querySelector('.undo-bar')).toBeNull());
    expect(await stored()).toEqual(before);
  });

  it('merges into a tag that exists, naming it on the button, and Undo splits them again', async () => {
    const before = await stored();
    const button = await rename('jardin', 'balcon');
    expect(button.textContent).toBe(msg('optionsMergeInto', 'balcon'));
    await act(() => button.click());
    await vi.waitFor(() => expect(host.querySelector('.undo-bar')).not.toBeNull());
    expect((await stored()).notes.map((n) => n.tags)).toEqual([['compost', 'balcon'], ['compost'], ['balcon']]);
    await undo();
    await vi.waitFor(() => expect(host.querySelector('.undo-bar')).toBeNull());
    expect(await stored()).toEqual(before);
  });

  it('says why a rename was not saved; nothing changed', async () => {
    const before = await stored();
    vi.spyOn(db.notes, 'bulkPut').mockRejectedValueOnce(quota());
    const button = await rename('compost', 'terreau');
    await act(() => button.click());
    const alert = () => host.querySelector('section[aria-labelledby="tags-heading"] [role="alert"]')?.textContent;
    await vi.waitFor(() => expect(alert()).toBe(msg('storageFullChangeNotSaved')));
    expect(host.querySelector('.undo-bar')).toBeNull();
    expect(await stored()).toEqual(before);
    vi.spyOn(db.articles, 'bulkPut').mockRejectedValueOnce(new Error('database locked'));
    await act(() => button.click());
    await vi.waitFor(() => expect(alert()).toBe(msg('tagChangeFailed', 'database locked')));
    expect(await stored()).toEqual(before);
  });
});

describe('the backup reminder', () => {
  it('“Later” that cannot be saved: said in the reminder, which stays', async () => {
    // A note two months old and never a backup: the reminder is due.
    await db.notes.put({ id: 'n1', url: 'https://blog.example/', kind: 'highlight', color: 'yellow', exact: 'x', selectors: [], note: '', tags: [], createdAt: Date.now() - 60 * 86_400_000, updatedAt: 1 });
    await act(() => render(<BackupReminder db={db} />, host));
    await vi.waitFor(() => expect(host.querySelector('[data-testid="backup-reminder"]')).not.toBeNull());
    vi.spyOn(db.settings, 'put').mockRejectedValueOnce(quota());
    await act(() => host.querySelector<HTMLButtonElement>('[data-testid="backup-reminder"] .link-button')!.click());
    await vi.waitFor(() => expect(host.querySelector('[data-testid="backup-reminder"] [role="alert"]')?.textContent).toBe(msg('storageFullChangeNotSaved')));
    expect((await getSettings(db)).backupReminderDismissedAt).toBeUndefined();
  });
});
