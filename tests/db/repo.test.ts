import { countTags, rankTags } from '../../utils/domain/tags';
import { describe, expect, it } from 'vitest';
import {
  addNote,
  articleBody,
  articleByUrl,
  deleteNote,
  getSettings,
  setSetting,
  notesForUrl,
  reattachNote,
  recordAnchoring,
  restoreNote,
  changeArticleTags,
  setColorName,
  tagCounts,
  updateNote,
  saveClip,
} from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import { renameTagChange } from '../../utils/db/changes';
import type { ArticleDraft, NoteDraft, PageMeta } from '../../utils/domain/model';
import { dbPerTest } from '../support/db';

const URL_A = 'https://blog.example/verite-clients/';
const URL_B = 'https://magazine.example/experience/';

const meta = (url = URL_A): PageMeta => ({
  url,
  title: 'Et si vous disiez la vérité ?',
  byline: 'Léa Martin',
  siteName: 'Marketing Émotionnel',
  publishedTime: '2016-03-14T09:12:00+01:00',
  canonicalUrl: url,
  lang: 'fr',
});

const draft = (exact: string, start: number, kind: NoteDraft['kind'] = 'highlight'): NoteDraft => ({
  kind,
  color: 'yellow',
  exact,
  selectors: [
    { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
    { type: 'TextPositionSelector', start, end: start + exact.length },
  ],
});

const article = (url = URL_A): ArticleDraft => ({
  ...meta(url),
  excerpt: 'Dire la vérité !',
  html: '<p>Dire la vérité !</p>',
  text: 'Dire la vérité !',
  wordCount: 3,
  readingMinutes: 1,
});

let db: VerbatimDb;
dbPerTest((fresh) => (db = fresh));

describe('notes', () => {
  it('creates a light article record with the first highlight of an unclipped page', async () => {
    const note = await addNote(db, meta(), draft('la vérité', 40));
    expect(note.id).toMatch(/^[0-9a-f-]{36}$/);
    const page = await articleByUrl(db, URL_A);
    expect(page?.title).toBe('Et si vous disiez la vérité ?');
    expect(page?.clippedAt).toBeUndefined();
    expect(await db.articles.count()).toBe(1);
    await addNote(db, meta(), draft('Dire', 0));
    expect(await db.articles.count()).toBe(1);
  });

  it('keeps attribution on quotes, not on highlights', async () => {
    const quote = await addNote(db, meta(), draft('Dire la vérité', 0, 'quote'));
    expect(quote.attribution).toEqual({
      title: 'Et si vous disiez la vérité ?',
      author: 'Léa Martin',
      siteName: 'Marketing Émotionnel',
      publishedTime: '2016-03-14T09:12:00+01:00',
      url: URL_A,
    });
    const highlight = await addNote(db, meta(), draft('vérité', 9));
    expect(highlight.attribution).toBeUndefined();
  });

  it('lists a page’s notes in reading order, not creation order', async () => {
    await addNote(db, meta(), draft('second', 200));
    await addNote(db, meta(), draft('first', 10));
    await addNote(db, meta(URL_B), draft('elsewhere', 0));
    expect((await notesForUrl(db, URL_A)).map((n) => n.exact)).toEqual(['first', 'second']);
  });

  it('normalises tags on the way in and finds notes by tag', async () => {
    const note = await addNote(db, meta(), { ...draft('x', 0), tags: ['  Marketing ', 'MARKETING', 'Expérience  client'] });
    expect(note.tags).toEqual(['marketing', 'expérience client']);
    const tagged = await updateNote(db, note.id, { tags: [...note.tags, 'Vérité', 'vérité'] });
    expect(tagged.tags).toEqual(['marketing', 'expérience client', 'vérité']);
    expect((await db.notes.where('tags').equals('vérité').toArray()).map((n) => n.id)).toEqual([note.id]);
    await updateNote(db, note.id, { tags: ['expérience client', 'vérité'] });
    expect(await db.notes.where('tags').equals('marketing').count()).toBe(0);
  });

  it('rejects a change to a note that does not exist, changing nothing', async () => {
    await expect(updateNote(db, 'nope', { tags: ['x'] })).rejects.toThrow(/No note/);
    expect(await db.notes.count()).toBe(0);
  });

  it('deletes a note, and undoing puts it back exactly as it was', async () => {
    const note = await addNote(db, meta(), { ...draft('x', 0), tags: ['a'], note: 'why it matters' });
    const removed = await deleteNote(db, note.id);
    expect(await notesForUrl(db, URL_A)).toEqual([]);
    await restoreNote(db, removed!);
    expect(await db.notes.get(note.id)).toEqual(note);
  });

  it('records orphans and clears them when found again, only for the page’s own notes', async () => {
    const a = await addNote(db, meta(), draft('a', 0));
    const b = await addNote(db, meta(), draft('b', 5));
    const other = await addNote(db, meta(URL_B), draft('c', 0));
    await recordAnchoring(db, URL_A, [a.id], [b.id, other.id]);
    expect((await db.notes.get(a.id))?.orphanedAt).toBeUndefined();
    expect((await db.notes.get(b.id))?.orphanedAt).toBeTypeOf('number');
    expect((await db.notes.get(other.id))?.orphanedAt).toBeUndefined();
    await recordAnchoring(db, URL_A, [b.id], []);
    expect(await db.notes.get(b.id)).not.toHaveProperty('orphanedAt');
  });
});

describe('clips', () => {
  it('saves a clip, and clipping again updates the same record', async () => {
    const first = await saveClip(db, article());
    expect(first.clippedAt).toBeTypeOf('number');
    const again = await saveClip(db, { ...article(), title: 'Titre corrigé' });
    expect(again.id).toBe(first.id);
    expect(again.createdAt).toBe(first.createdAt);
    expect(await db.articles.count()).toBe(1);
    expect((await articleByUrl(db, URL_A))?.title).toBe('Titre corrigé');
  });

  it('keys clips and notes by the normalised URL, whatever URL the caller passes', async () => {
    const tracked = `${URL_A}?utm_campaign=rentree&gclid=abc#commentaires`;
    const clip = await saveClip(db, article(tracked));
    const note = await addNote(db, meta(tracked), draft('la vérité', 40));
    expect([clip.url, note.url]).toEqual([URL_A, URL_A]);
    expect(await db.articles.count()).toBe(1);
    expect((await notesForUrl(db, URL_A)).map((n) => n.id)).toEqual([note.id]);
  });

  it('keeps the clipped html and text in bodies, by the article’s id; clipping again replaces them', async () => {
    const first = await saveClip(db, article());
    const stored = await db.articles.get(first.id);
    expect(stored).toEqual(first);
    expect(stored).not.toHaveProperty('html');
    expect(stored).not.toHaveProperty('text');
    expect(stored).toMatchObject({ excerpt: 'Dire la vérité !', wordCount: 3, readingMinutes: 1 });
    expect(await articleBody(db, first.id)).toEqual({ id: first.id, html: '<p>Dire la vérité !</p>', text: 'Dire la vérité !' });
    await saveClip(db, { ...article(), html: '<p>Mentir, jamais.</p>', text: 'Mentir, jamais.' });
    expect(await db.bodies.toArray()).toEqual([{ id: first.id, html: '<p>Mentir, jamais.</p>', text: 'Mentir, jamais.' }]);
    // A page only annotated has no body.
    const note = await addNote(db, meta(URL_B), draft('x', 0));
    expect(await articleBody(db, (await articleByUrl(db, note.url))!.id)).toBeUndefined();
  });

  it('writes a clip’s article and body together: a failed body write leaves neither', async () => {
    db.bodies.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(saveClip(db, article())).rejects.toThrow('disk full');
    expect(await db.articles.count()).toBe(0);
    expect(await db.bodies.count()).toBe(0);
  });

  it('turns an annotated page into a clipped article without losing its notes', async () => {
    const note = await addNote(db, meta(), draft('x', 0));
    const page = await articleByUrl(db, URL_A);
    const clipped = await saveClip(db, article());
    expect(clipped.id).toBe(page?.id);
    expect((await notesForUrl(db, URL_A)).map((n) => n.id)).toEqual([note.id]);
  });

  it('leaves no half-written note when the write fails', async () => {
    // The page record is written first; the note's write then fails (as on a full disk).
    db.notes.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(addNote(db, meta(URL_B), draft('x', 0))).rejects.toThrow('disk full');
    expect(await articleByUrl(db, URL_B)).toBeUndefined();
    expect(await db.notes.count()).toBe(0);
  });
});

describe('editing', () => {
  it('changes colour, note and tags; turning a highlight into a quote attributes it', async () => {
    const note = await addNote(db, meta(), draft('la vérité', 4));
    const updated = await updateNote(db, note.id, { color: 'pink', note: 'Pour la conférence', tags: ['Talk', 'talk '], kind: 'quote' });
    expect(updated).toMatchObject({ color: 'pink', note: 'Pour la conférence', tags: ['talk'], kind: 'quote' });
    expect(updated.attribution?.author).toBe('Léa Martin');
    expect(await db.notes.get(note.id)).toEqual(updated);
  });

  it('writes nothing for a change that changes nothing: the colour, kind, text and tags already stored', async () => {
    const note = await addNote(db, meta(), { ...draft('la vérité', 4), note: 'Pour la conférence', tags: ['talk'] });
    const writes: string[] = [];
    db.notes.hook('updating', (_mods, key) => void writes.push(String(key)));
    db.notes.hook('creating', (key) => void writes.push(String(key)));
    expect(await updateNote(db, note.id, { color: note.color, kind: 'highlight', note: 'Pour la conférence', tags: ['Talk'] })).toEqual(note);
    expect(writes).toEqual([]);
    expect((await db.notes.get(note.id))?.updatedAt).toBe(note.updatedAt);
    // The next change is written as ever.
    expect((await updateNote(db, note.id, { color: 'pink' })).updatedAt).toBeGreaterThan(note.updatedAt);
  });

  it('accepts, changes and clears a quote\'s speaker; each ends the proposal, nothing else changes', async () => {
    const quote = await addNote(db, meta(), draft('« La vérité est rarement pure »', 4, 'quote'));
    // As the detector leaves it: Verbatim's proposal.
    await db.notes.update(quote.id, { speaker: 'Oscar Wilde', speakerProposed: true });
    const accepted = await updateNote(db, quote.id, { speaker: 'Oscar Wilde' });
    expect(accepted).toMatchObject({ speaker: 'Oscar Wilde', note: '', tags: [], kind: 'quote' });
    expect(accepted).not.toHaveProperty('speakerProposed');
    await db.notes.update(quote.id, { speakerProposed: true });
    const changed = await updateNote(db, quote.id, { speaker: '  Oscar\n Wilde (1854–1900) ' });
    expect(changed.speaker).toBe('Oscar Wilde (1854–1900)');
    expect(changed).not.toHaveProperty('speakerProposed');
    await db.notes.update(quote.id, { speakerProposed: true });
    const cleared = await updateNote(db, quote.id, { speaker: ' ' });
    expect(cleared).not.toHaveProperty('speaker');
    expect(cleared).not.toHaveProperty('speakerProposed');
    expect(await db.notes.get(quote.id)).toEqual(cleared);
    // An edit of anything else leaves the speaker and its proposal alone.
    await db.notes.update(quote.id, { speaker: 'Oscar Wilde', speakerProposed: true });
    expect(await updateNote(db, quote.id, { note: 'Pour la conférence' })).toMatchObject({ speaker: 'Oscar Wilde', speakerProposed: true });
    // A page note has no speaker to set.
    const page = await addNote(db, meta(), { kind: 'page', color: 'yellow', exact: '', selectors: [], note: 'Tout l’article' });
    expect(await updateNote(db, page.id, { speaker: 'Oscar Wilde' })).not.toHaveProperty('speaker');
  });

  it('counts tags, most used first', async () => {
    await addNote(db, meta(), { ...draft('a', 0), tags: ['b', 'a'] });
    await addNote(db, meta(), { ...draft('b', 1), tags: ['b'] });
    await addNote(db, meta(), { ...draft('c', 2), tags: ['c'] });
    expect(await tagCounts(db)).toEqual([
      { tag: 'b', count: 2 },
      { tag: 'a', count: 1 },
      { tag: 'c', count: 1 },
    ]);
    // The side panel counts the library it holds in memory: the same answer.
    const article = (await db.articles.toArray())[0]!;
    await changeArticleTags(db, article.id, { add: ['c', 'é'] });
    const [notes, articles] = await Promise.all([db.notes.toArray(), db.articles.toArray()]);
    expect(rankTags(countTags(articles, countTags(notes)))).toEqual(await tagCounts(db));
  });

  it('renames a tag everywhere, merging into an existing tag without duplicates', async () => {
    const one = await addNote(db, meta(), { ...draft('a', 0), tags: ['ux', 'design'] });
    const two = await addNote(db, meta(URL_B), { ...draft('b', 0), tags: ['ux'] });
    const three = await addNote(db, meta(URL_B), { ...draft('c', 9), tags: ['other'] });
    expect((await renameTagChange(db, 'UX', 'Design')).notes).toBe(2);
    expect((await db.notes.get(one.id))?.tags).toEqual(['design']);
    expect((await db.notes.get(two.id))?.tags).toEqual(['design']);
    expect((await db.notes.get(three.id))?.tags).toEqual(['other']);
    expect(await db.notes.where('tags').equals('ux').count()).toBe(0);
    await expect(renameTagChange(db, 'design', '  ')).rejects.toThrow(/empty/);
  });

  it('keeps colour names the user gave, and forgets one set back to empty', async () => {
    await setColorName(db, 'yellow', '  Idée  forte ');
    await setColorName(db, 'green', 'Chiffre');
    await setColorName(db, 'green', '');
    expect(await getSettings(db)).toEqual({ colorNames: { yellow: 'Idée forte' }, backupReminder: 'monthly' });
  });

  it('stores one setting, and removing it goes back to the default', async () => {
    await setSetting(db, 'backupReminder', 'weekly');
    await setSetting(db, 'lastBackupAt', 1_700_000_000_000);
    expect(await getSettings(db)).toMatchObject({ backupReminder: 'weekly', lastBackupAt: 1_700_000_000_000 });
    await setSetting(db, 'backupReminder', undefined);
    expect((await getSettings(db)).backupReminder).toBe('monthly');
  });
});

describe('article tags', () => {
  it('sets an article’s own tags, counted with note tags and renamed with them', async () => {
    const clipped = await saveClip(db, article());
    expect(await changeArticleTags(db, clipped.id, { add: ['Stratégie', 'stratégie ', 'contenu'] })).toEqual(['stratégie', 'contenu']);
    await addNote(db, meta(), { ...draft('x', 0), tags: ['contenu'] });
    expect(await tagCounts(db)).toEqual([
      { tag: 'contenu', count: 2 },
      { tag: 'stratégie', count: 1 },
    ]);
    const renamed = await renameTagChange(db, 'contenu', 'Stratégie');
    expect(renamed.notes + renamed.articles).toBe(2);
    expect((await db.articles.get(clipped.id))?.tags).toEqual(['stratégie']);
    await expect(changeArticleTags(db, 'nope', { add: ['x'] })).rejects.toThrow(/No article/);
  });

  it('adds and removes against the stored tags: changes made in quick succession all hold', async () => {
    const clipped = await saveClip(db, article());
    await changeArticleTags(db, clipped.id, { add: ['stratégie'] });
    // Two suggestion chips clicked, and a tag removed, before any answer comes back.
    await Promise.all([
      changeArticleTags(db, clipped.id, { add: ['Contenu'] }),
      changeArticleTags(db, clipped.id, { add: ['marque'] }),
      changeArticleTags(db, clipped.id, { remove: ['stratégie'] }),
    ]);
    expect((await db.articles.get(clipped.id))?.tags).toEqual(['contenu', 'marque']);
  });
});

describe('reattachNote', () => {
  it('gives an orphan the passage selected again, no longer an orphan, and keeps everything else', async () => {
    const saved = await addNote(db, meta(), { ...draft('la vérité', 10, 'quote'), note: 'À relire', tags: ['clients'] });
    await recordAnchoring(db, URL_A, [], [saved.id]);
    // Its last check said the passage was gone from its source (issue #17): that was the old passage.
    await db.notes.update(saved.id, { check: { at: Date.now(), outcome: 'gone' } });
    const { check: _c, ...orphan } = (await db.notes.get(saved.id))!;
    expect(orphan.orphanedAt).toBeTypeOf('number');
    const passage = draft('toute la vérité', 42);
    const attached = await reattachNote(db, saved.id, { exact: passage.exact, selectors: passage.selectors });
    const stored = (await db.notes.get(saved.id))!;
    expect(stored).toEqual(attached);
    expect(stored).not.toHaveProperty('orphanedAt');
    expect(stored).not.toHaveProperty('check');
    expect(stored.exact).toBe('toute la vérité');
    expect(stored.selectors).toEqual(passage.selectors);
    expect(stored.updatedAt).toBeGreaterThanOrEqual(orphan.updatedAt);
    const { exact: _e, selectors: _s, orphanedAt: _o, updatedAt: _u, ...kept } = orphan;
    expect(stored).toMatchObject(kept);
    expect(await db.notes.count()).toBe(1);
  });

  it('refuses a note that is not there, writing nothing', async () => {
    const passage = draft('x', 0);
    await expect(reattachNote(db, 'gone', { exact: 'x', selectors: passage.selectors })).rejects.toThrow(/No note gone/);
    expect(await db.notes.count()).toBe(0);
  });
});
