/**
 * End-to-end encryption of sync (issue #15), in two Chromium profiles: with a passphrase, the
 * documents the server stores hold ids, revisions and ciphertext, no note text and no address;
 * the second browser with the passphrase reads everything, and a wrong passphrase is a clear
 * error that writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCouch } from '../support/couch-server';
import { waitFor } from '../support/wait';
import { SyncOptions } from './pages/sync-setup';
import { useTwoProfiles } from './profiles';

/** A loaded 2-core machine runs two Chromiums and a server: every wait is on a state, this only bounds it. */
const BOUND = 180_000;

const PASSAGE = 'Ten pages take about fifteen minutes for most adult readers.';
const COMMENT = 'Secret margin note: only my browsers may read this.';
const PASSPHRASE = 'correct horse battery staple, twice';
const DB = 'verbatim-sealed';

describe('sync with end-to-end encryption', () => {
  const two = useTwoProfiles();
  let couch: Awaited<ReturnType<typeof startCouch>>;

  beforeAll(async () => {
    couch = await startCouch();
  }, BOUND);

  afterAll(async () => {
    await couch?.stop();
  });

  it('the server stores no note text; B with the passphrase reads everything, with a wrong one nothing', async () => {
    const optionsA = await SyncOptions.open(two.a);
    await optionsA.setUp({ url: couch.url, database: DB, passphrase: PASSPHRASE });
    await two.a.waitSynced(0);
    const page = await two.a.open('article-en.html');
    await page.highlight(PASSAGE);
    const panelA = await two.a.sidePanel();
    const note = panelA.note(PASSAGE);
    await note.getByRole('button', { name: 'Add note' }).click();
    await note.getByRole('textbox', { name: 'Note' }).fill(COMMENT);
    await panelA.page.keyboard.press('Control+Enter');
    await waitFor(async () => (await two.a.rows('notes'))[0]?.note === COMMENT, 10_000, 'the comment saved');
    const since = await two.a.now();
    await optionsA.syncNow();
    await two.a.waitSynced(since);

    // Everything the server holds, as its owner would read it.
    const raw = await (await fetch(`${couch.url}/${DB}/_all_docs?include_docs=true`)).text();
    const docs = (JSON.parse(raw) as { rows: Array<{ id: string; doc: Record<string, unknown> }> }).rows.map((r) => r.doc);
    expect(docs.length).toBeGreaterThanOrEqual(3); // the keycheck, the note, its article
    for (const word of ['fifteen minutes', 'Secret margin', 'article-en', '127.0.0.1', 'adult readers', 'yellow', 'highlight']) {
      expect(raw, `the server holds "${word}"`).not.toContain(word);
    }
    for (const doc of docs.filter((d) => d._id !== 'verbatim:keycheck')) {
      expect(Object.keys(doc).sort(), doc._id as string).toEqual(['_id', '_rev', 'enc', 'v']);
    }

    // B first mistypes the passphrase: told so, nothing written, sync still off.
    const mistyped = await SyncOptions.open(two.b);
    await mistyped.setUp({ url: couch.url, database: DB, passphrase: 'correct horse battery stable' });
    expect((await mistyped.result()).code).toBe('wrongPassphrase');
    expect(await two.b.count('notes')).toBe(0);
    expect((await two.b.rows('sync')).filter((r) => r.key === '~key')).toEqual([]);
    await mistyped.page.close();

    const optionsB = await SyncOptions.open(two.b);
    await optionsB.setUp({ url: couch.url, database: DB, passphrase: PASSPHRASE });
    await two.b.waitSynced(since);
    const pageB = await two.b.open('article-en.html');
    await pageB.waitDrawn(PASSAGE);
    expect((await two.b.rows('notes'))[0]?.note).toBe(COMMENT);
    const panelB = await two.b.sidePanel();
    await waitFor(async () => (await panelB.note(PASSAGE).textContent())?.includes(COMMENT), 10_000, 'the comment in B’s side panel');
    await panelB.screenshot('sync-encrypted-side-panel-b.png');
  }, BOUND);
});
