// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BackupReminder } from '../../components/BackupReminder';
import { App } from '../../entrypoints/options/App';
import { getSettings } from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import { msg } from '../support/i18n';
import { renderPerTest } from '../support/preact';

// Settings that cannot be saved say so beside what the user changed.

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

let db: VerbatimDb;
let host: HTMLElement;
renderPerTest((t) => ({ db, host } = t));

beforeEach(() => {
  vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(false as never);
  vi.spyOn(fakeBrowser.commands, 'getAll').mockResolvedValue([] as never);
});

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
