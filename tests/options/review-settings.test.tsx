// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ReviewSettings } from '../../components/ReviewSettings';
import { getSettings } from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import { REVIEW_ALARM } from '../../utils/services/review';
import { msg } from '../support/i18n';
import { renderPerTest } from '../support/preact';

// The daily review's settings: the reminder is off until the user turns it on, which asks for the
// notifications permission in the same click.

let db: VerbatimDb;
let host: HTMLElement;
let request: ReturnType<typeof vi.fn>;
let remove: ReturnType<typeof vi.fn>;
renderPerTest((t) => ({ db, host } = t));
beforeEach(() => {
  request = vi.fn().mockResolvedValue(true);
  remove = vi.fn().mockResolvedValue(true);
  vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation(request as never);
  vi.spyOn(fakeBrowser.permissions, 'remove').mockImplementation(remove as never);
});

const input = (name: string) => host.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
const ready = async () => {
  await act(() => render(<ReviewSettings db={db} />, host));
  await vi.waitFor(() => expect(input('reviewReminder').disabled).toBe(false));
};

describe('the daily review settings', () => {
  it('are off by default: no reminder, five new notes a day, no alarm', async () => {
    await ready();
    expect(input('reviewReminder').checked).toBe(false);
    expect(input('reviewNewPerDay').value).toBe('5');
    expect(input('reviewReminderAt').value).toBe('09:00');
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
  });

  it('turning the reminder on asks for notifications in the click, then stores the time and sets the alarm', async () => {
    await ready();
    await act(() => input('reviewReminder').click());
    expect(request).toHaveBeenCalledWith({ permissions: ['notifications'] });
    await vi.waitFor(async () => expect((await getSettings(db)).reviewReminderAt).toBe('09:00'));
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(REVIEW_ALARM)).toBeDefined());
    await vi.waitFor(() => expect(input('reviewReminder').checked).toBe(true));
    // Off again: the setting, the alarm and the permission go.
    await act(() => input('reviewReminder').click());
    await vi.waitFor(async () => expect((await getSettings(db)).reviewReminderAt).toBeUndefined());
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
    await vi.waitFor(() => expect(remove).toHaveBeenCalledWith({ permissions: ['notifications'] }));
  });

  it('refused notifications: the reminder stays off and says why', async () => {
    request.mockResolvedValue(false);
    await ready();
    await act(() => input('reviewReminder').click());
    await vi.waitFor(() => expect(host.querySelector('[role="alert"]')?.textContent).toBe(msg('optionsReviewReminderDenied')));
    expect((await getSettings(db)).reviewReminderAt).toBeUndefined();
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
  });

  it('stores another number of new notes a day', async () => {
    await ready();
    const field = input('reviewNewPerDay');
    field.value = '12';
    await act(() => void field.dispatchEvent(new Event('change', { bubbles: true })));
    await vi.waitFor(async () => expect((await getSettings(db)).reviewNewPerDay).toBe(12));
  });
});
