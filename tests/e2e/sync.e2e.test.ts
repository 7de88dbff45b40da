/**
 * Sync between two browsers of one user (issue #15), end to end: two Chromium profiles, each with
 * the built extension, set up through the options page against a CouchDB-compatible server this
 * test starts on 127.0.0.1 (pouchdb-server, in memory), reached through a proxy that can fail
 * on demand. What a reader relies on: a highlight made in one browser is drawn in the other; a
 * delete follows; two offline edits of one note end with the later one shown and the other in
 * the note's history, nothing lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Note } from '../../utils/domain/model';
import { faultProxy, startCouch } from '../support/couch-server';
import { waitFor } from '../support/wait';
import { SyncOptions } from './pages/sync-setup';
import { useTwoProfiles, type Profile } from './profiles';

/** A loaded 2-core machine runs two Chromiums and a server: every wait is on a state, this only bounds it. */
const BOUND = 180_000;

const HIGHLIGHTED = 'Ten pages take about fifteen minutes for most adult readers.';
const DELETED = 'A small goal removes the drama from a missed day.';
const EDITED_IN_A = 'Read on the train, the morning version.';
const EDITED_IN_B = 'Read again at home: the evening version wins.';

describe('two browsers synced through one CouchDB server', () => {
  const two = useTwoProfiles();
  let couch: Awaited<ReturnType<typeof startCouch>>;
  let proxy: Awaited<ReturnType<typeof faultProxy>>;
  let optionsA: SyncOptions;
  let optionsB: SyncOptions;

  /** Presses Sync now in `profile`'s options page and waits until that sync has ended well. */
  async function syncNow(options: SyncOptions) {
    const since = await options.profile.now();
    await options.syncNow();
    return options.profile.waitSynced(since);
  }

  const noteWith = async (profile: Profile, exact: string) => (await profile.rows('notes')).find((n) => n.exact === exact) as Note | undefined;

  beforeAll(async () => {
    couch = await startCouch();
    proxy = await faultProxy(couch.url);
    // A sets sync up first (and creates the database), then B joins it: the order a user takes.
    optionsA = await SyncOptions.open(two.a);
    await optionsA.setUp({ url: proxy.url, database: 'verbatim' });
    await two.a.waitSynced(0);
    optionsB = await SyncOptions.open(two.b);
    await optionsB.setUp({ url: proxy.url, database: 'verbatim' });
    await two.b.waitSynced(0);
  }, BOUND);

  afterAll(async () => {
    await proxy?.close();
    await couch?.stop();
  });

  it('a highlight made in A with the toolbar is drawn on the same page in B after sync', async () => {
    const pageA = await two.a.open('article-en.html');
    await pageA.highlight(HIGHLIGHTED);
    await pageA.highlight(DELETED);
    // A local change syncs by itself a moment later (debounced): no button in A. The status
    // counts only once a sync has ended after both were saved.
    await two.a.waitSynced(await two.a.now());

    await syncNow(optionsB);
    const pageB = await two.b.open('article-en.html');
    await pageB.waitDrawn(HIGHLIGHTED);
    await pageB.waitDrawn(DELETED);
    // The same note, not a copy: the same id, passage, colour and dates in both libraries.
    const core = (n: Note | undefined) => n && { id: n.id, url: n.url, kind: n.kind, color: n.color, exact: n.exact, selectors: n.selectors, note: n.note, tags: n.tags, createdAt: n.createdAt };
    expect(core(await noteWith(two.b, HIGHLIGHTED))).toEqual(core(await noteWith(two.a, HIGHLIGHTED)));
    expect(await two.b.count('articles')).toBe(1);
    await pageA.close();
    await pageB.close();
  }, BOUND);

  it('a note deleted in B disappears from A: from its page and its side panel', async () => {
    const panelA = await two.a.sidePanel();
    await panelA.waitForNotes(2);
    const pageA = await two.a.open('article-en.html');
    await pageA.waitDrawn(DELETED);

    const panelB = await two.b.sidePanel();
    await panelB.waitForNotes(2);
    await panelB.deleteNote(DELETED);
    await panelB.waitForNotes(1);
    await two.b.waitSynced(await two.b.now());

    await syncNow(optionsA);
    // The open side panel follows the database; the page, reloaded, draws what is left.
    await panelA.waitForNotes(1, 'the deleted note gone from A’s side panel', 20_000);
    expect(await panelA.noteTexts()).toEqual([HIGHLIGHTED]);
    await pageA.reload();
    await pageA.waitDrawn(HIGHLIGHTED);
    await pageA.waitNotDrawn(DELETED, 'the deleted note no longer drawn in A');
    expect(await noteWith(two.a, DELETED)).toBeUndefined();
    await pageA.close();
    await panelB.close();
    await panelA.close();
  }, BOUND);

  it('both edit the same note while the server is unreachable: the later edit wins, the other stays in its history, nothing lost', async () => {
    proxy.mode('500');
    const edit = async (profile: Profile, text: string) => {
      const panel = await profile.sidePanel();
      await panel.waitForNotes(1);
      const note = panel.note(HIGHLIGHTED);
      await note.getByRole('button', { name: /Add note|Edit note/ }).click();
      await note.getByRole('textbox', { name: 'Note' }).fill(text);
      await panel.page.keyboard.press('Control+Enter');
      await waitFor(async () => (await noteWith(profile, HIGHLIGHTED))?.note === text, 10_000, `${profile.name}’s edit saved`);
      return panel;
    };
    const panelA = await edit(two.a, EDITED_IN_A);
    const stampA = (await noteWith(two.a, HIGHLIGHTED))!.updatedAt;
    // B's edit is the later one (by the clock both read): wait until that clock has moved on.
    await waitFor(async () => (await two.b.now()) > stampA + 5, 5_000, 'a later moment');
    const panelB = await edit(two.b, EDITED_IN_B);
    // Each tried to send its edit and could not: the status says so, the edit stays waiting.
    expect((await two.a.waitSyncError()).code).toBe('server');
    expect((await two.b.waitSyncError()).code).toBe('server');

    proxy.mode('pass');
    await syncNow(optionsA);
    await syncNow(optionsB);
    await syncNow(optionsA);
    for (const profile of [two.a, two.b]) {
      const note = (await noteWith(profile, HIGHLIGHTED))!;
      expect(note.note, `${profile.name} shows the later edit`).toBe(EDITED_IN_B);
      expect(note.history?.map((v) => v.note), `${profile.name} keeps the earlier edit in the note's history`).toContain(EDITED_IN_A);
    }
    // The side panels show the winner, and the loser in the note's history, where it can be restored.
    for (const panel of [panelA, panelB]) {
      await waitFor(async () => (await panel.note(HIGHLIGHTED).textContent())?.includes(EDITED_IN_B), 10_000, 'the later edit shown');
      await panel.note(HIGHLIGHTED).getByRole('button', { name: /earlier version/ }).click();
      await waitFor(async () => (await panel.note(HIGHLIGHTED).textContent())?.includes(EDITED_IN_A), 10_000, 'the earlier edit in the history');
    }
    await panelA.screenshot('sync-side-panel-a.png');
    await panelB.screenshot('sync-side-panel-b.png');
    await panelA.close();
    await panelB.close();
  }, BOUND);
});
