import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linkAddress, mayReach, mergeAliases, notesElsewhere, notesForPage } from '../../utils/db/aliases';
import { addNote, articleByUrl, pageHasNotes, saveClip } from '../../utils/db/repo';
import { VerbatimDb } from '../../utils/db/schema';
import type { NoteDraft, PageMeta } from '../../utils/domain/model';

const CANONICAL = 'https://news.example/2025/story';
const AMP = 'https://news.example/2025/story/amp';
const OTHER_PATH = 'https://news.example/story?id=3';
const SYNDICATED = 'https://aggregator.example/copy/story';
const CDN_AMP = 'https://news-example.cdn.ampproject.example/c/s/news.example/2025/story';

const page = (url: string, aliases?: string[]): PageMeta => ({ url, title: 'The story', ...(aliases ? { aliases } : {}) });
const draft = (exact: string): NoteDraft => ({ kind: 'highlight', color: 'yellow', exact, selectors: [{ type: 'TextQuoteSelector', exact }] });

let db: VerbatimDb;
beforeEach(() => {
  db = new VerbatimDb(`test-${crypto.randomUUID()}`);
});
afterEach(() => db.delete());

describe('an article’s other addresses', () => {
  it('are recorded from what the page declares: normalised, never its own URL, three at most', async () => {
    await addNote(db, page(CANONICAL, [CANONICAL, `${AMP}?utm_source=x#top`, CDN_AMP, 'https://a.example/', 'https://b.example/']), draft('one'));
    expect((await articleByUrl(db, CANONICAL))?.aliases).toEqual([AMP, CDN_AMP]);
  });

  it('grow when the page declares a new one, on a later note or a clip', async () => {
    await addNote(db, page(CANONICAL, [AMP]), draft('one'));
    await addNote(db, page(CANONICAL, [CDN_AMP]), draft('two'));
    expect((await articleByUrl(db, CANONICAL))?.aliases).toEqual([AMP, CDN_AMP]);
    await saveClip(db, { ...page(CANONICAL, [OTHER_PATH]), html: '<p>x</p>', text: 'x', wordCount: 1, readingMinutes: 1 });
    expect((await articleByUrl(db, CANONICAL))?.aliases).toEqual([AMP, CDN_AMP, OTHER_PATH]);
  });

  it('merge without duplicates, keeping the newest past the cap', () => {
    const article = { url: CANONICAL, aliases: [AMP] };
    expect(mergeAliases(article, [AMP, CANONICAL])).toBe(article.aliases);
    const many = Array.from({ length: 20 }, (_, i) => `https://news.example/${i}`);
    const merged = mergeAliases(article, many)!;
    expect(merged).toHaveLength(16);
    expect(merged.at(-1)).toBe('https://news.example/19');
  });
});

describe('finding a page’s notes through its article', () => {
  it('the background’s check finds notes made at the canonical from the AMP page it declared, and nothing for an unrelated page', async () => {
    await addNote(db, page(CANONICAL, [CDN_AMP]), draft('one'));
    expect(await pageHasNotes(db, CANONICAL)).toBe(true);
    expect(await pageHasNotes(db, CDN_AMP)).toBe(true);
    expect(await pageHasNotes(db, SYNDICATED)).toBe(false);
    expect(await pageHasNotes(db, 'https://news.example/')).toBe(false);
  });

  it('an article that names the page but has no notes does not count', async () => {
    await saveClip(db, { ...page(CANONICAL, [AMP]), html: '<p>x</p>', text: 'x', wordCount: 1, readingMinutes: 1 });
    expect(await pageHasNotes(db, AMP)).toBe(false);
  });

  it('notes made on the AMP page show on the canonical page it declared, in both directions', async () => {
    const onAmp = await addNote(db, page(CDN_AMP, [CANONICAL]), draft('from amp'));
    const onCanonical = await addNote(db, page(CANONICAL), draft('from canonical'));
    expect((await notesForPage(db, CANONICAL)).map((n) => n.id).sort()).toEqual([onAmp.id, onCanonical.id].sort());
    // The canonical page never declared the CDN copy: its notes stay its own there.
    expect((await notesForPage(db, CDN_AMP)).map((n) => n.id)).toEqual([onAmp.id]);
  });

  it('a page is given the notes of addresses it declares of its own origin, and none of another origin', async () => {
    const onCanonical = await addNote(db, page(CANONICAL), draft('canonical'));
    // Another path of the same site declaring the same canonical.
    expect((await notesForPage(db, OTHER_PATH, [CANONICAL])).map((n) => n.id)).toEqual([onCanonical.id]);
    // A page of another site naming the canonical gets nothing for it.
    expect(await notesForPage(db, SYNDICATED, [CANONICAL])).toEqual([]);
    // Nor through an article listing an address of another origin.
    const onAmp = await addNote(db, page(CDN_AMP, [CANONICAL]), draft('amp'));
    expect(await notesForPage(db, SYNDICATED, [CANONICAL])).toEqual([]);
    expect((await notesForPage(db, OTHER_PATH, [CANONICAL])).map((n) => n.id).sort()).toEqual([onCanonical.id, onAmp.id].sort());
  });

  it('a page may change the notes it is shown, and no other', async () => {
    await addNote(db, page(CDN_AMP, [CANONICAL]), draft('amp'));
    expect(await mayReach(db, CANONICAL, CDN_AMP)).toBe(true);
    expect(await mayReach(db, OTHER_PATH, CANONICAL)).toBe(true);
    expect(await mayReach(db, SYNDICATED, CANONICAL)).toBe(false);
    expect(await mayReach(db, SYNDICATED, CDN_AMP)).toBe(false);
  });
});

describe('notes saved on another address, as the popup shows them', () => {
  it('lists those the page shows, and those of another origin it names, which only the user can link', async () => {
    const onCanonical = await addNote(db, page(CANONICAL, [AMP]), draft('canonical'));
    expect(await notesElsewhere(db, AMP)).toEqual([{ url: CANONICAL, title: 'The story', notes: [onCanonical], shown: true }]);
    expect(await notesElsewhere(db, SYNDICATED, [CANONICAL])).toEqual([{ url: CANONICAL, title: 'The story', notes: [onCanonical], shown: false }]);
    expect(await notesElsewhere(db, SYNDICATED)).toEqual([]);
    expect(await notesElsewhere(db, CANONICAL)).toEqual([]);
  });

  it('linking the page at the user’s word makes them the page’s: found on navigation, shown, changeable', async () => {
    const onCanonical = await addNote(db, page(CANONICAL), draft('canonical'));
    expect(await pageHasNotes(db, SYNDICATED)).toBe(false);
    await linkAddress(db, CANONICAL, `${SYNDICATED}?utm_campaign=feed`);
    expect((await articleByUrl(db, CANONICAL))?.aliases).toEqual([SYNDICATED]);
    expect(await pageHasNotes(db, SYNDICATED)).toBe(true);
    expect(await notesForPage(db, SYNDICATED)).toEqual([onCanonical]);
    expect(await mayReach(db, SYNDICATED, CANONICAL)).toBe(true);
    expect(await notesElsewhere(db, SYNDICATED, [CANONICAL])).toMatchObject([{ url: CANONICAL, shown: true }]);
    await expect(linkAddress(db, 'https://nowhere.example/', SYNDICATED)).rejects.toThrow(/No article/);
  });
});
