// @vitest-environment jsdom
/**
 * Sync in the pages (issue #15): the options page's section is off by default and sends nothing
 * before the user sets it up; the address is refused before any request when it would send the
 * password in clear; the side panel's indicator says how sync stands in one line, or nothing.
 * Against a real server: tests/e2e/sync-setup.e2e.test.ts.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SyncIndicator } from '../../components/sync/SyncIndicator';
import { SyncSetup } from '../../components/sync/SyncSetup';
import { addNote } from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import { pendingCount } from '../../utils/db/tracking';
import { writeSyncConfig, writeSyncStatus } from '../../utils/services/sync-config';
import type { SyncConfig, SyncStatus } from '../../utils/sync/types';
import { msg } from '../support/i18n';
import { selectorsAt } from '../support/library';
import { renderPerTest } from '../support/preact';

let db: VerbatimDb;
let host: HTMLElement;
renderPerTest((t) => ({ db, host } = t));

const CONFIG: SyncConfig = { enabled: true, url: 'https://couch.example.org', database: 'verbatim', auth: { kind: 'basic', user: 'ann', password: 's3cret' }, encrypted: false };

let fetch: ReturnType<typeof vi.fn>;
let request: ReturnType<typeof vi.fn>;
beforeEach(() => {
  fetch = vi.fn(() => Promise.reject(new Error('no network in this test')));
  vi.stubGlobal('fetch', fetch);
  request = vi.fn(async () => true);
  vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true as never);
  vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation(request as never);
});

const field = (name: string) => host.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
const button = (name: string) => host.querySelector<HTMLButtonElement>(`button[name="${name}"]`)!;
async function type(name: string, value: string) {
  await act(() => {
    field(name).value = value;
    field(name).dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('the options page’s Sync section', () => {
  it('is off by default: a form, and no request of any kind until the user acts', async () => {
    await act(() => render(<SyncSetup db={db} />, host));
    await vi.waitFor(() => expect(field('syncUrl')).not.toBeNull());
    expect(host.querySelector('h2')?.textContent).toBe(msg('syncHeading'));
    expect(field('syncDatabase').value).toBe('verbatim');
    expect(field('syncEncrypt').checked).toBe(false);
    await new Promise((r) => setTimeout(r, 50));
    expect(fetch).not.toHaveBeenCalled();
    expect(request).not.toHaveBeenCalled();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it.each([
    ['http://couch.example.org:5984', 'insecure'],
    ['couch.example.org', 'invalidUrl'],
  ])('refuses %s before any request, saying what to do', async (url, code) => {
    await act(() => render(<SyncSetup db={db} />, host));
    await vi.waitFor(() => expect(field('syncUrl')).not.toBeNull());
    await type('syncUrl', url);
    await act(() => button('syncTest').click());
    const alert = await vi.waitFor(() => {
      const a = host.querySelector('[role="alert"]');
      expect(a).not.toBeNull();
      return a!;
    });
    expect(alert.getAttribute('data-code')).toBe(code);
    expect(alert.textContent).toContain(msg(`syncError_${code}`));
    expect(fetch).not.toHaveBeenCalled();
    expect(request).not.toHaveBeenCalled();
  });

  it('asks for the server’s origin only, in the click, when the browser does not grant it yet', async () => {
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(false as never);
    request.mockResolvedValue(false);
    await act(() => render(<SyncSetup db={db} />, host));
    await vi.waitFor(() => expect(field('syncUrl')).not.toBeNull());
    await type('syncUrl', 'https://couch.example.org:6984/');
    await new Promise((r) => setTimeout(r, 20));
    await act(() => button('syncTest').click());
    expect(request).toHaveBeenCalledWith({ origins: ['https://couch.example.org:6984/*'] });
    await vi.waitFor(() => expect(host.querySelector('[role="alert"]')?.getAttribute('data-code')).toBe('noPermission'));
    expect(fetch).not.toHaveBeenCalled();
  });

  it('while on: says with what, the status in full with what to do, and turning off keeps the library and says so', async () => {
    await writeSyncConfig(CONFIG);
    await writeSyncStatus({ state: 'error', pending: 2, lastSyncedAt: Date.now() - 3600_000, error: { code: 'unauthorized', detail: 'HTTP 401', at: Date.now() } });
    await act(() => render(<SyncSetup db={db} />, host));
    const status = await vi.waitFor(() => {
      const s = host.querySelector('[data-testid="sync-status"]');
      expect(s).not.toBeNull();
      return s!;
    });
    expect(host.querySelector('[data-testid="sync-summary"]')?.textContent).toBe(msg('syncOnWith', CONFIG.url, CONFIG.database));
    expect(status.getAttribute('role')).toBe('status');
    expect(status.textContent).toContain(msg('syncError_unauthorized'));
    expect(status.textContent).toContain('HTTP 401');
    // The password is never shown.
    expect(host.textContent).not.toContain('s3cret');
    await act(() => button('syncTurnOff').click());
    await vi.waitFor(() => expect(host.querySelector('[data-testid="sync-off"]')?.textContent).toBe(msg('syncTurnedOff')));
    // The setup stays for the form (turned off), the status says off.
    expect((await fakeBrowser.storage.local.get('syncConfig')).syncConfig).toEqual({ ...CONFIG, enabled: false });
    expect((await fakeBrowser.storage.local.get('syncStatus')).syncStatus).toEqual({ state: 'off', pending: 0 });
    expect(field('syncUrl').value).toBe(CONFIG.url);
  });

  it('stopped for want of host access: Sync now asks the browser for that origin, in the click', async () => {
    await writeSyncConfig(CONFIG);
    await writeSyncStatus({ state: 'error', pending: 0, error: { code: 'noPermission', at: Date.now() } });
    await act(() => render(<SyncSetup db={db} />, host));
    await vi.waitFor(() => expect(button('syncNow')).not.toBeNull());
    expect(host.querySelector('[data-testid="sync-status"]')?.textContent).toContain(msg('syncError_noPermission'));
    await act(() => button('syncNow').click());
    expect(request).toHaveBeenCalledWith({ origins: ['https://couch.example.org/*'] });
  });
});

describe('the side panel’s indicator', () => {
  async function indicator(config: SyncConfig | undefined, status: SyncStatus) {
    if (config) await writeSyncConfig(config);
    await writeSyncStatus(status);
    await act(() => render(<SyncIndicator db={db} />, host));
    await new Promise((r) => setTimeout(r, 30));
    return host.querySelector<HTMLElement>('[data-testid="sync-indicator"]');
  }

  it('is not there while sync is off', async () => {
    expect(await indicator(undefined, { state: 'off', pending: 0 })).toBeNull();
    expect(await indicator({ ...CONFIG, enabled: false }, { state: 'off', pending: 0 })).toBeNull();
  });

  it('says when it last synced, in a live region that takes no focus', async () => {
    const el = await indicator(CONFIG, { state: 'idle', pending: 0, lastSyncedAt: Date.now() - 2 * 60_000 });
    expect(el?.getAttribute('role')).toBe('status');
    expect(el?.textContent).toBe(msg('syncSyncedAgo', '2 min. ago'));
    expect(el?.querySelector('a, button, [tabindex]')).toBeNull();
  });

  it('counts the changes waiting, live, as the library changes here', async () => {
    const el = await indicator(CONFIG, { state: 'idle', pending: 0, lastSyncedAt: Date.now() });
    expect(el?.textContent).toBe(msg('syncSyncedJustNow'));
    await addNote(db, { url: 'https://blog.example/a', title: 'An article' }, { kind: 'highlight', color: 'yellow', exact: 'a sentence', selectors: selectorsAt('a sentence', 'before ', ' after', 7) });
    const waiting = await pendingCount(db);
    expect(waiting).toBeGreaterThan(0);
    await vi.waitFor(() => expect(host.querySelector('[data-testid="sync-indicator"]')?.textContent).toBe(msg(waiting === 1 ? 'syncPendingOne' : 'syncPendingOther', String(waiting))));
  });

  it('says "Syncing…" while it syncs', async () => {
    expect((await indicator(CONFIG, { state: 'syncing', pending: 0 }))?.textContent).toBe(msg('syncStateSyncing'));
  });

  it('shows an error in one line with what to do, and a link to the settings', async () => {
    const open = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);
    const el = await indicator(CONFIG, { state: 'error', pending: 0, error: { code: 'unauthorized', at: Date.now() } });
    expect(el?.getAttribute('data-state')).toBe('error');
    expect(el?.querySelector('.sync-line')?.textContent).toBe(msg('syncShort_unauthorized'));
    const link = el!.querySelector('a')!;
    expect(link.textContent).toBe(msg('syncSettingsLink'));
    await act(() => link.click());
    expect(open).toHaveBeenCalledWith({ url: 'chrome-extension://test-extension-id/options.html#sync' });
  });
});
