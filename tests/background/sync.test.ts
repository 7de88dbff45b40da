/**
 * The background's sync wiring (issue #15): its events (start, alarms, the setup changing, the
 * pages' messages) reach the runner, only Verbatim's own pages may ask for a sync, and nothing
 * leaves the browser before the user sets sync up. The engine is injected (tested on its own
 * against a real server).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createRouter, type Sender } from '../../entrypoints/background/router';
import { startSync } from '../../entrypoints/background/sync';
import { addNote } from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import { envelope } from '../../utils/messaging/protocol';
import { readSyncStatus, writeSyncConfig } from '../../utils/services/sync-config';
import { PERIOD_MINUTES, SYNC_ALARM, type RunnerDeps } from '../../utils/services/sync-runner';
import type { SyncConfig } from '../../utils/sync/types';
import { dbPerTest } from '../support/db';
import { selectorsAt } from '../support/library';

const EXT = fakeBrowser.runtime.id;
const CONFIG: SyncConfig = { enabled: true, url: 'http://127.0.0.1:5984', database: 'verbatim', auth: { kind: 'none' }, encrypted: false };
const page = (path: string): Sender => ({ id: EXT, url: `chrome-extension://${EXT}/${path}` });
const contentScript: Sender = { id: EXT, url: 'https://blog.example/', frameId: 0, tab: { id: 3, url: 'https://blog.example/' } as never };

let db: VerbatimDb;
dbPerTest((fresh) => (db = fresh));

let syncOnce: ReturnType<typeof vi.fn<RunnerDeps['syncOnce']>>;
let connect: ReturnType<typeof vi.fn<RunnerDeps['connect']>>;
let fetch: ReturnType<typeof vi.fn>;
beforeEach(() => {
  fakeBrowser.reset();
  fetch = vi.fn(() => Promise.reject(new Error('no network here')));
  vi.stubGlobal('fetch', fetch);
  syncOnce = vi.fn<RunnerDeps['syncOnce']>(async () => ({ pushed: 0, pulled: 0, refused: 0, merged: 0 }));
  connect = vi.fn<RunnerDeps['connect']>(async () => ({ client: {} as never, sealer: {} as never }));
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const wire = () => {
  const handlers = startSync(db, { syncOnce, connect });
  return { handlers, ask: (message: unknown, sender: Sender) => createRouter(db, EXT, undefined, handlers)(message, sender) };
};

describe('never set up', () => {
  it('browser start, alarms, local changes and the pages’ messages send nothing anywhere', async () => {
    const { ask } = wire();
    await fakeBrowser.runtime.onStartup.trigger();
    await fakeBrowser.alarms.onAlarm.trigger({ name: SYNC_ALARM, scheduledTime: Date.now(), persistAcrossSessions: false });
    await addNote(db, { url: 'https://blog.example/a', title: 'A' }, { kind: 'highlight', color: 'yellow', exact: 'a sentence', selectors: selectorsAt('a sentence', 'before ', ' after', 7) });
    expect(await ask(envelope('syncSoon', {}), page('sidepanel.html'))).toEqual({ ok: true, value: true });
    expect(await ask(envelope('syncNow', {}), page('options.html'))).toEqual({ ok: true, value: { state: 'off', pending: 0 } });
    await new Promise((r) => setTimeout(r, 2500));
    expect(connect).not.toHaveBeenCalled();
    expect(syncOnce).not.toHaveBeenCalled();
    expect(fetch).not.toHaveBeenCalled();
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
  });
});

describe('set up', () => {
  it('turning sync on makes the periodic alarm; its alarm and "Sync now" from the options page sync', async () => {
    const { ask } = wire();
    await writeSyncConfig(CONFIG);
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(SYNC_ALARM)).toMatchObject({ periodInMinutes: PERIOD_MINUTES }));
    await fakeBrowser.alarms.onAlarm.trigger({ name: SYNC_ALARM, scheduledTime: Date.now(), persistAcrossSessions: false });
    await vi.waitFor(() => expect(syncOnce).toHaveBeenCalledTimes(1));
    const reply = await ask(envelope('syncNow', {}), page('options.html'));
    expect(reply).toMatchObject({ ok: true, value: { state: 'idle', pending: 0 } });
    expect(syncOnce).toHaveBeenCalledTimes(2);
  });

  it('a local change is sent 2 s later, in one sync', async () => {
    await writeSyncConfig(CONFIG);
    wire();
    await new Promise((r) => setTimeout(r, 100));
    await addNote(db, { url: 'https://blog.example/a', title: 'A' }, { kind: 'highlight', color: 'yellow', exact: 'a sentence', selectors: selectorsAt('a sentence', 'before ', ' after', 7) });
    await new Promise((r) => setTimeout(r, 1000));
    expect(syncOnce).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(syncOnce).toHaveBeenCalledTimes(1), { timeout: 4000 });
  });

  it('only Verbatim’s own pages may ask: a content script’s request is refused, and nothing runs', async () => {
    await writeSyncConfig(CONFIG);
    const { ask } = wire();
    expect(await ask(envelope('syncNow', {}), contentScript)).toEqual({ ok: false, error: 'only an extension page may call this' });
    expect(await ask(envelope('syncNow', {}), { ...page('options.html'), id: 'another-extension' })).toEqual({ ok: false, error: 'unknown sender' });
    expect(await ask(envelope('syncNow', { extra: 1 }), page('options.html'))).toMatchObject({ ok: false });
    expect(syncOnce).not.toHaveBeenCalled();
  });

  it('turning sync off clears its alarms and says off', async () => {
    wire();
    await writeSyncConfig(CONFIG);
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.getAll()).toHaveLength(1));
    await writeSyncConfig({ ...CONFIG, enabled: false });
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.getAll()).toEqual([]));
    expect(await readSyncStatus()).toEqual({ state: 'off', pending: 0 });
  });
});
