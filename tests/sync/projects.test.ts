/**
 * Projects and review schedules through sync (issue #17), end to end in Node: two devices (two
 * databases) and a real CouchDB-compatible server, as the notes' tests in engine.test.ts. A board
 * is one record: it arrives with its order, a reorder follows, and when both devices reordered
 * the same board without seeing each other's move, the later move wins the whole order on both;
 * what each added meanwhile stays, and what either removed stays removed (docs/sync.md). Encrypted libraries seal them like any record.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { addNote } from '../../utils/db/repo';
import { addNotesToProjects, addProjectText, createProject, deleteProject, getProject, moveProjectItem, removeProjectItem, renameProject } from '../../utils/db/projects';
import type { VerbatimDb } from '../../utils/db/schema';
import { pendingCount } from '../../utils/db/tracking';
import type { Project } from '../../utils/domain/project';
import type { ReviewState } from '../../utils/domain/review-state';
import { createClient } from '../../utils/sync/couch';
import { plainSealer, unlockEncryption, type Sealer } from '../../utils/sync/crypto';
import { syncOnce } from '../../utils/sync/engine';
import type { SyncConfig } from '../../utils/sync/types';
import { putRaw, serverDocs, syncDevices } from '../support/sync-devices';

const devices = syncDevices('projects');
let config: SyncConfig;
let A: VerbatimDb;
let B: VerbatimDb;
beforeEach(() => void ({ config, A, B } = devices.current()));

const sync = (db: VerbatimDb, sealer: Sealer = plainSealer()) => syncOnce({ db, client: createClient(config, fetch), sealer });
const PAGE = { url: 'https://example.com/trust', title: 'On trust' };
const quotes = (db: VerbatimDb, ...words: string[]) =>
  Promise.all(words.map((exact) => addNote(db, PAGE, { kind: 'quote', color: 'yellow', exact, selectors: [{ type: 'TextQuoteSelector', exact }] }).then((n) => n.id)));
const order = (p: Project | undefined) => p!.items.map((i) => (i.kind === 'note' ? i.noteId : i.text));
/** A moment later, so the next stamp's wall-clock part is later than the last one's. */
const tick = () => new Promise((r) => setTimeout(r, 5));

describe('projects through sync', () => {
  it('a project made on A arrives on B with its order; a reorder and a rename follow; a delete too', async () => {
    const [n1, n2, n3] = await quotes(A, 'first words', 'second words', 'third words');
    const p = await createProject(A, 'Conférence relation client', [n1!, n2!, n3!]);
    await addProjectText(A, p.id, 'heading', 'Ouverture', 0);
    await sync(A);
    await sync(B);
    const onA = await getProject(A, p.id);
    expect(await getProject(B, p.id)).toEqual(onA);
    expect(order(await getProject(B, p.id))).toEqual(['Ouverture', n1, n2, n3]);
    // The index answers on B too.
    expect((await B.projects.where('noteIds').equals(n2!).toArray()).map((x) => x.id)).toEqual([p.id]);

    await moveProjectItem(A, p.id, onA!.items[3]!.id, 1);
    await renameProject(A, p.id, 'Conférence « relation client »');
    await sync(A);
    await sync(B);
    expect(order(await getProject(B, p.id))).toEqual(['Ouverture', n3, n1, n2]);
    expect((await getProject(B, p.id))!.name).toBe('Conférence « relation client »');
    expect(await sync(B)).toEqual({ pushed: 0, pulled: 0, refused: 0, merged: 0 });

    await deleteProject(B, p.id);
    await sync(B);
    await sync(A);
    expect(await getProject(A, p.id)).toBeUndefined();
  });

  it('two devices reorder the same board without seeing each other: the later move wins on both', async () => {
    const [n1, n2, n3] = await quotes(A, 'one', 'two', 'three');
    const p = await createProject(A, 'Board', [n1!, n2!, n3!]);
    await sync(A);
    await sync(B);
    const items = (await getProject(A, p.id))!.items;
    // A moves "three" to the top; then, later, B (not having seen it) moves "two" to the bottom.
    await moveProjectItem(A, p.id, items[2]!.id, 0);
    await tick();
    await moveProjectItem(B, p.id, items[1]!.id, 2);
    await sync(A);
    // B's push conflicts with A's version: merged, B's later stamp wins the whole board, sent back.
    expect(await sync(B)).toMatchObject({ merged: 1 });
    await sync(A);
    expect(order(await getProject(A, p.id))).toEqual([n1, n3, n2]);
    expect(await getProject(B, p.id)).toEqual(await getProject(A, p.id));
    expect(await pendingCount(A)).toBe(0);
  });

  it('two devices add to the same board offline, and one removes from it: both additions stay, the removal holds', async () => {
    const [n1, n2, n3] = await quotes(A, 'one', 'two', 'three');
    const p = await createProject(A, 'Board', [n1!, n2!]);
    await sync(A);
    await sync(B);
    // Offline: A adds a heading at the top and takes "two" off; later, B (not having seen it) adds "three".
    await addProjectText(A, p.id, 'heading', 'Ouverture', 0);
    await removeProjectItem(A, p.id, (await getProject(A, p.id))!.items[2]!.id);
    await tick();
    await addNotesToProjects(B, [p.id], [n3!]);
    await sync(A);
    expect(await sync(B)).toMatchObject({ merged: 1 });
    await sync(A);
    expect(order(await getProject(B, p.id))).toEqual(['Ouverture', n1, n3]);
    expect(await getProject(A, p.id)).toEqual(await getProject(B, p.id));
    expect((await A.projects.where('noteIds').equals(n3!).toArray()).map((x) => x.id)).toEqual([p.id]);
    expect(await pendingCount(A)).toBe(0);
  });

  it('a review schedule follows its note to B', async () => {
    const [n1] = await quotes(A, 'to remember');
    const review: ReviewState = { noteId: n1!, due: Date.UTC(2026, 11, 9), card: { stability: 3.2, difficulty: 5.1, reps: 2, lapses: 0, state: 2 }, lastReview: Date.UTC(2026, 11, 5), updatedAt: Date.now() };
    await A.transaction('rw', A.reviews, () => A.reviews.put(review));
    await sync(A);
    await sync(B);
    expect(await B.reviews.get(n1!)).toEqual(review);
  });

  it('refuses a project whose noteIds do not match its items, or a review under another note’s id, storing nothing', async () => {
    const bad = { id: 'p1', name: 'Forged', items: [{ kind: 'note', id: 'i1', noteId: 'n1' }], noteIds: ['n2'], createdAt: 1, updatedAt: 1 };
    const hlc = `${String(Date.now()).padStart(15, '0')}:00000:forger`;
    await putRaw(config, { _id: 'project:p1', type: 'project', hlc, v: 1, data: bad });
    await putRaw(config, { _id: 'review:n9', type: 'review', hlc, v: 1, data: { noteId: 'n8', due: 1, card: {}, updatedAt: 1 } });
    expect(await sync(B)).toMatchObject({ refused: 2, pulled: 0 });
    expect(await B.projects.count()).toBe(0);
    expect(await B.reviews.count()).toBe(0);
  });

  it('seals projects and reviews in an encrypted library', async () => {
    const [n1] = await quotes(A, 'sealed words');
    await createProject(A, 'Secret talk', [n1!]);
    await A.transaction('rw', A.reviews, () => A.reviews.put({ noteId: n1!, due: 1, card: { stability: 77.125 }, updatedAt: Date.now() }));
    const onA = await unlockEncryption(createClient(config), 'correct horse battery staple');
    await sync(A, onA.sealer);
    const raw = JSON.stringify(await serverDocs(config));
    for (const text of ['Secret talk', 'sealed words', '77.125']) expect(raw).not.toContain(text);
    const onB = await unlockEncryption(createClient(config), 'correct horse battery staple');
    expect(await sync(B, onB.sealer)).toMatchObject({ refused: 0 });
    expect((await B.projects.toArray()).map((p) => p.name)).toEqual(['Secret talk']);
    expect(await B.reviews.get(n1!)).toMatchObject({ card: { stability: 77.125 } });
  });
});
