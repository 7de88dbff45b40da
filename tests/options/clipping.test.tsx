// @vitest-environment jsdom
import * as v from 'valibot';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../entrypoints/options/App';
import { getSettings } from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import { SettingRowSchema } from '../../utils/export/backup';
import { msg } from '../support/i18n';
import { optionsPerTest } from './fixture';

// The options page turns image saving off and on; a backup carries the choice, checked.

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
let db: VerbatimDb;
let host: HTMLElement;
optionsPerTest((t) => ({ db, host } = t));

const box = () => host.querySelector<HTMLInputElement>('input[name="saveImages"]')!;

describe('saving images when clipping', () => {
  it('is on by default, and the checkbox turns it off and on again', async () => {
    await act(() => render(<App db={db} />, host));
    await vi.waitFor(() => expect(box().disabled).toBe(false));
    expect(box().checked).toBe(true);
    expect(host.textContent).toContain(msg('optionsSaveImagesHelp', '5'));
    await act(() => box().click());
    await vi.waitFor(async () => expect((await getSettings(db)).saveImages).toBe(false));
    await vi.waitFor(() => expect(box().checked).toBe(false));
    await act(() => box().click());
    await vi.waitFor(async () => expect(await db.settings.get('saveImages')).toBeUndefined());
  });

  it('says beside the checkbox when the choice was not saved', async () => {
    await act(() => render(<App db={db} />, host));
    await vi.waitFor(() => expect(box().disabled).toBe(false));
    vi.spyOn(db.settings, 'put').mockRejectedValueOnce(quota());
    await act(() => box().click());
    await vi.waitFor(() => expect(host.querySelector('[role="alert"]')?.textContent).toBe(msg('storageFullChangeNotSaved')));
    expect(await db.settings.get('saveImages')).toBeUndefined();
  });

  it('travels in a backup as a boolean, and nothing else', () => {
    expect(v.safeParse(SettingRowSchema, { key: 'saveImages', value: false }).success).toBe(true);
    expect(v.safeParse(SettingRowSchema, { key: 'saveImages', value: 'no' }).success).toBe(false);
  });
});
