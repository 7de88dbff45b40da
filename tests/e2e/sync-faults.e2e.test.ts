/**
 * Sync when things go wrong (issue #15), end to end in two Chromium profiles: the server goes
 * away in the middle of a large sync and comes back (everything arrives, once); the server
 * answers 401, 403, 500 or garbage (a clear status in the options page and the side panel,
 * nothing local changed); the server holds documents no Verbatim wrote — a 10 MB note, wrong
 * types, a newer format — (each refused by the same validation as imports, counted, nothing
 * local changed), and a note with markup in it (text, as in an import: kept as typed, shown as
 * the characters it is, never run).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBackup } from '../../utils/export/backup';
import { faultProxy, startCouch } from '../support/couch-server';
import { couchTap, type CouchTap } from '../support/couch-tap';
import { generateLibrary } from '../support/library';
import { waitFor } from '../support/wait';
import { SyncOptions } from './pages/sync-setup';
import { useTwoProfiles } from './profiles';

/** A loaded 2-core machine runs two Chromiums and a server: every wait is on a state, this only bounds it. */
const BOUND = 180_000;

/** Enough notes for several batches of the engine's 500. */
const SEEDED = 1_200;
const DB = 'verbatim';

describe('sync faults between two browsers', () => {
  const two = useTwoProfiles();
  let couch: Awaited<ReturnType<typeof startCouch>>;
  let proxy: Awaited<ReturnType<typeof faultProxy>>;
  let tap: CouchTap;
  let optionsA: SyncOptions;
  let optionsB: SyncOptions;
  let dir: string;

  /** The documents on the server, read raw (total, with the design and keycheck ones). */
  const serverDocs = async () => ((await (await fetch(`${couch.url}/${DB}/_all_docs`)).json()) as { total_rows: number }).total_rows;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'verbatim-sync-faults-'));
    couch = await startCouch();
    // B reaches the server through both: the fault proxy (status codes, garbage) in front of the
    // tap (a cut at an exact point of a sync). A reaches it directly.
    tap = await couchTap(couch.url);
    proxy = await faultProxy(tap.url);
    optionsA = await SyncOptions.open(two.a);
    await optionsA.setUp({ url: couch.url, database: DB });
    await two.a.waitSynced(0);
    optionsB = await SyncOptions.open(two.b);
    await optionsB.setUp({ url: proxy.url, database: DB });
    await two.b.waitSynced(0);
    // A note of A's on the server and in B, whatever the tests below do.
    const page = await two.a.open('article-en.html');
    await page.highlight('Ten pages take about fifteen minutes for most adult readers.');
    await two.a.waitSynced(await two.a.now());
    await page.close();
    const since = await two.b.now();
    await optionsB.syncNow();
    await two.b.waitSynced(since);
  }, BOUND);

  afterAll(async () => {
    await proxy?.close();
    await tap?.close();
    await couch?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(`the server gone in the middle of a sync of ${SEEDED} notes, then back: every note arrives in B, once`, async () => {
    const library = generateLibrary({ notes: SEEDED, articles: 12, seed: 15 });
    // What both have already (the note beforeAll made).
    const [notesA, notesB, articlesB] = [await two.a.count('notes'), await two.b.count('notes'), await two.b.count('articles')];
    const file = join(dir, 'library.json');
    writeFileSync(file, toBackup({ articles: library.articles, notes: library.notes }));
    const options = await two.a.options();
    await options.importFile(file);
    await waitFor(async () => (await two.a.count('notes')) === notesA + SEEDED, 60_000, `${SEEDED} notes imported in A`);
    await options.close();
    let since = await two.a.now();
    await optionsA.syncNow();
    await two.a.waitSynced(since, 120_000);
    const onServer = await serverDocs();

    // B pulls in batches: the server goes away once the first batch has been delivered (the
    // tap cuts every later request at once) and is restarted meanwhile (its data stays on disk).
    tap.cutAfterChanges(1);
    await optionsB.syncNow();
    await waitFor(() => tap.cutting, 60_000, 'the first batch delivered to B');
    const error = await two.b.waitSyncError(60_000);
    expect(['unreachable', 'timeout', 'server', 'badResponse']).toContain(error.code);
    const partial = await two.b.count('notes');
    expect(partial, 'part of the library arrived before the cut').toBeLessThan(notesB + SEEDED);
    await couch.restart();
    tap.resume();
    since = await two.b.now();
    await optionsB.syncNow();
    await two.b.waitSynced(since, 120_000);
    expect(await two.b.count('notes')).toBe(notesB + SEEDED);
    expect(await two.b.count('articles')).toBe(articlesB + 12);
    // Once: the same ids as A's, each once; B sent nothing back (no duplicate on the server).
    const ids = (rows: Array<Record<string, unknown>>) => rows.map((r) => String(r.id)).sort();
    expect(ids(await two.b.rows('notes'))).toEqual(ids(await two.a.rows('notes')));
    expect(await serverDocs()).toBe(onServer);
    const panel = await two.b.sidePanel();
    await waitFor(async () => (await panel.page.getByTestId('total').textContent()) === `${(notesB + SEEDED).toLocaleString('en')} notes`, 30_000, `${SEEDED} notes in B’s side panel`);
    await panel.close();
  }, BOUND);

  it('the server answering 401, 403, 500 or garbage: a clear status, nothing local changed', async () => {
    const panel = await two.b.sidePanel();
    const indicator = panel.page.getByTestId('sync-indicator');
    const expected = { '401': 'unauthorized', '403': 'forbidden', '500': 'server', garbage: 'badResponse' } as const;
    for (const [mode, code] of Object.entries(expected) as Array<[keyof typeof expected, string]>) {
      const before = await two.b.count('notes');
      proxy.mode(mode);
      await optionsB.syncNow();
      const error = await two.b.waitSyncError();
      expect(error.code, mode).toBe(code);
      // The options page says it in words, with what to do, and so does the side panel's indicator.
      await waitFor(async () => (await optionsB.status.locator('.sync-error').getAttribute('data-code').catch(() => null)) === code, 10_000, `the ${code} status in the options page`);
      expect(((await optionsB.status.textContent()) ?? '').length).toBeGreaterThan(20);
      await waitFor(async () => (await indicator.getAttribute('data-state')) === 'error', 10_000, 'the side panel’s indicator in error');
      if (mode === '401') await panel.screenshot('sync-error-side-panel-b.png');
      expect(await two.b.count('notes')).toBe(before);
      proxy.mode('pass');
      const since = await two.b.now();
      await optionsB.syncNow();
      await two.b.waitSynced(since);
      await waitFor(async () => (await indicator.getAttribute('data-state')) !== 'error', 10_000, 'the indicator back to synced');
    }
    await panel.close();
  }, BOUND);

  it('a 10 MB note and notes of wrong types on the server: each refused, counted, nothing local changed; a note with markup in it arrives as inert text', async () => {
    // Documents written by hand on the server, each a copy of a note document A's engine wrote
    // (so the envelope is right) with one thing wrong; and one copy left right, which B must
    // take: the others are refused for what is in them, not for their shape.
    const all = (await (await fetch(`${couch.url}/${DB}/_all_docs?include_docs=true`)).json()) as { rows: Array<{ doc: Record<string, unknown> }> };
    const model = all.rows.map((r) => r.doc).find((d) => d.type === 'note' && d.data)!;
    const note = (n: number, patch: Record<string, unknown>, envelopePatch: Record<string, unknown> = {}) => {
      const id = `10000000-0000-4000-8000-00000000000${n}`;
      const { _rev: _r, ...envelope } = model;
      const data: Record<string, unknown> = { ...(model.data as object), id, ...patch };
      return { ...envelope, ...envelopePatch, _id: `note:${id}`, data };
    };
    const control = note(0, { note: 'A note written on the server by hand, as Verbatim writes them.' });
    // Markup in a note is text, as in an import (docs/sync.md): kept as typed, never rendered.
    const markup = note(1, { exact: 'Plain words <img src=x onerror=alert(1)>', note: '<script>alert(1)</script><b>bold?</b>' });
    const refused = [
      note(2, { note: 'x'.repeat(10 * 1024 * 1024) }),
      note(3, { tags: 'not a list', createdAt: 'yesterday', color: 42 }),
      note(4, { selectors: [{ type: 'TextQuoteSelector', exact: 7 }], kind: 'scribble' }),
      note(5, {}, { v: 2 }),
    ];
    for (const doc of [control, markup, ...refused]) {
      const r = await fetch(`${couch.url}/${DB}/${encodeURIComponent(doc._id)}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(doc) });
      expect(r.status, `the server stores ${doc._id}`).toBe(201);
    }
    const before = (await two.b.rows('notes')).map((n) => JSON.stringify(n)).sort();
    const since = await two.b.now();
    await optionsB.syncNow();
    const status = await two.b.waitSynced(since, 120_000);
    const after = await two.b.rows('notes');
    const taken = refused.filter((d) => after.some((n) => n.id === d.data.id)).map((d) => d._id);
    expect(taken, 'documents B should have refused').toEqual([]);
    expect(status.refused).toBe(refused.length);
    // The options page says so in words.
    await waitFor(async () => ((await optionsB.status.textContent()) ?? '').includes(`${refused.length} records the server sent were refused (not valid) and skipped.`), 10_000, 'the refused count in the options page');
    expect(after.find((n) => n.id === control.data.id)?.note).toBe(control.data.note);
    const kept = after.find((n) => n.id === markup.data.id);
    expect([kept?.exact, kept?.note]).toEqual([markup.data.exact, markup.data.note]);
    const others = (notes: typeof after) => notes.filter((n) => n.id !== control.data.id && n.id !== markup.data.id);
    expect(others(after).map((n) => JSON.stringify(n)).sort()).toEqual(before);

    // The side panel says how many were refused, and shows the markup as the characters it is.
    const panel = await two.b.sidePanel();
    let dialogs = 0;
    panel.page.on('dialog', (d) => (dialogs++, void d.dismiss()));
    await panel.searchBox.fill('Plain words');
    await waitFor(async () => ((await panel.note('Plain words').textContent()) ?? '').includes('<img src=x onerror=alert(1)>'), 20_000, 'the markup note shown as text');
    expect(await panel.note('Plain words').textContent()).toContain('<script>alert(1)</script><b>bold?</b>');
    expect(await panel.note('Plain words').locator('img, script, b').count()).toBe(0);
    expect(dialogs).toBe(0);
    await panel.screenshot('sync-refused-side-panel-b.png');
    await panel.close();
  }, BOUND);
});
