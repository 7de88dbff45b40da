/**
 * What a jsdom test that renders a Preact tree over the database needs around each test: the
 * fake browser reset and speaking English, a new database, a host element in the document; and
 * after the test, the tree unmounted, mocks and stubbed globals restored, the database deleted,
 * and the test failed if a promise rejection went unhandled meanwhile.
 */
import { render } from 'preact';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { VerbatimDb } from '../../utils/db/schema';
import { newTestDb } from './db';
import { speakEnglish } from './i18n';

export interface RenderTarget {
  db: VerbatimDb;
  /** A `<div>` in the document's body, to render into. */
  host: HTMLElement;
}

/**
 * Registers the hooks above for each test of the file (or `describe`):
 * `let db: VerbatimDb; let host: HTMLElement; renderPerTest((t) => ({ db, host } = t));`. The
 * caller's own hooks, registered after this call, run once `db` and `host` exist, and before the
 * tree is unmounted.
 */
export function renderPerTest(use: (target: RenderTarget) => void): void {
  let target: RenderTarget;
  let unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    fakeBrowser.reset();
    speakEnglish();
    unhandled = [];
    process.on('unhandledRejection', onUnhandled);
    const host = document.createElement('div');
    document.body.append(host);
    target = { db: newTestDb(), host };
    use(target);
  });
  afterEach(async () => {
    render(null, target.host);
    target.host.remove();
    // Preact runs effects after a paint, or after 35 ms without one: let that timer fire while
    // jsdom is still here (it calls cancelAnimationFrame). Anything left unhandled surfaces by then.
    await new Promise((r) => setTimeout(r, 50));
    process.off('unhandledRejection', onUnhandled);
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
    await target.db.delete();
    expect(unhandled).toEqual([]);
  });
}
