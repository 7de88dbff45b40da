import { describe, expect, it } from 'vitest';
import type { Platform } from '../../entrypoints/background/caller';
import { createRouter, type Sender } from '../../entrypoints/background/router';
import { addNote, addPageNote } from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import { envelope, type CitationInput } from '../../utils/messaging/protocol';
import { CITE_SCRIPT } from '../../utils/messaging/rpc';
import { makeCitation } from '../../utils/citation/make';
import type { NoteDraft, PageMeta } from '../../utils/domain/model';
import { dbPerTest } from '../support/db';
import { selectorsAt } from '../support/library';
import { speakEnglish } from '../support/i18n';

const EXT = 'verbatim-extension-id';
const PAGE = 'https://blog.example/article/';

const page: PageMeta = { url: PAGE, title: 'An article' };
const draft: NoteDraft = {
  kind: 'highlight',
  color: 'yellow',
  exact: 'a sentence',
  selectors: selectorsAt('a sentence', 'before ', ' after', 7),
};

/** A content script's sender in the top frame of a tab showing `url`. */
const tabSender = (url: string, frameId = 0) => ({ id: EXT, url, frameId, tab: { id: 3, url } as never });

let db: VerbatimDb;
dbPerTest((fresh) => (db = fresh));

const refuse = () => Promise.reject(new Error('no tabs in this test'));
/** The background's answer, through its router; `platform` stands in for the browser's tabs. */
const answer = (message: unknown, sender: Sender, platform: Partial<Platform> = {}) =>
  createRouter(db, EXT, { inject: refuse, relay: refuse, ...platform })(message, sender);

describe('a web page’s calls (loader, page script), answered by the background', () => {
  it('saves a note for the sender’s own page and returns it', async () => {
    const reply = await answer(envelope('saveNote', { page, draft }), tabSender(`${PAGE}?utm_source=x#top`));
    expect(reply).toMatchObject({ ok: true, value: { url: PAGE, exact: 'a sentence' } });
    expect(await db.notes.count()).toBe(1);
  });

  it('stores a note under the normalised URL even when the page claims it with tracking and a fragment', async () => {
    const claimed = { ...page, url: `${PAGE}?utm_source=z&fbclid=1#section-2` };
    const reply = await answer(envelope('saveNote', { page: claimed, draft }), tabSender(PAGE));
    expect(reply).toMatchObject({ ok: true, value: { url: PAGE } });
    expect((await db.notes.toArray()).map((n) => n.url)).toEqual([PAGE]);
    expect((await db.articles.toArray()).map((a) => a.url)).toEqual([PAGE]);
  });

  it.each([
    ['update', (id: string) => envelope('updateNote', { url: PAGE, id, patch: { note: 'défacé' } })],
    ['delete', (id: string) => envelope('deleteNote', { url: PAGE, id })],
  ])('refuses to %s a note of another page, and leaves it as it was', async (_name, message) => {
    const other = await addNote(db, { url: 'https://other.example/', title: 'x' }, draft);
    const reply = await answer(message(other.id), tabSender(PAGE));
    expect(reply && !reply.ok && reply.error).toMatch(/no such note on this page/);
    expect(await db.notes.get(other.id)).toEqual(other);
  });

  it('refuses to restore a note that belongs to another page', async () => {
    const other = { ...(await addNote(db, { url: 'https://other.example/', title: 'x' }, draft)) };
    await db.notes.delete(other.id);
    const reply = await answer(envelope('restoreNote', { url: PAGE, note: other }), tabSender(PAGE));
    expect(reply && !reply.ok && reply.error).toMatch(/its own notes/);
    expect(await db.notes.count()).toBe(0);
  });

  it('re-attaches a note of the sender’s page to the passage selected again, and no other page’s', async () => {
    const mine = await addNote(db, page, draft);
    const other = await addNote(db, { url: 'https://other.example/', title: 'x' }, draft);
    const passage = { exact: 'another sentence', selectors: [{ type: 'TextQuoteSelector', exact: 'another sentence' }] };
    const reply = await answer(envelope('reattachNote', { url: PAGE, id: mine.id, ...passage }), tabSender(PAGE));
    expect(reply).toMatchObject({ ok: true, value: { id: mine.id, exact: 'another sentence', selectors: passage.selectors } });
    const refused = await answer(envelope('reattachNote', { url: PAGE, id: other.id, ...passage }), tabSender(PAGE));
    expect(refused && !refused.ok && refused.error).toMatch(/no such note on this page/);
    expect(await db.notes.get(other.id)).toEqual(other);
    const empty = await answer(envelope('reattachNote', { url: PAGE, id: mine.id, exact: '', selectors: [] }), tabSender(PAGE));
    expect(empty).toMatchObject({ ok: false });
  });

  it('returns the notes of the article’s other addresses: those naming the page, and those it declares of its own origin', async () => {
    const amp = await addNote(db, { url: 'https://amp.example/blog.example/article/', title: 'x', aliases: [PAGE] }, draft);
    const sibling = await addNote(db, { url: 'https://blog.example/article-canonical/', title: 'x' }, draft);
    await addNote(db, { url: 'https://elsewhere.example/', title: 'x' }, draft);
    const reply = await answer(envelope('pageNotes', { url: PAGE, also: ['https://blog.example/article-canonical/'] }), tabSender(PAGE));
    expect(reply?.ok && (reply.value as Array<{ id: string }>).map((n) => n.id).sort()).toEqual([amp.id, sibling.id].sort());
    // The page may change the notes it is shown: the AMP page's note names this page.
    const changed = await answer(envelope('updateNote', { url: PAGE, id: amp.id, patch: { color: 'blue' } }), tabSender(PAGE));
    expect(changed).toMatchObject({ ok: true, value: { id: amp.id, color: 'blue' } });
  });

  it.each([
    ['an address of another origin', ['https://elsewhere.example/'], /another origin/],
    ['more than three addresses', ['a', 'b', 'c', 'd'].map((x) => `https://blog.example/${x}`), /also/],
    ['something that is not a URL', ['javascript:alert(1)'], /also/],
  ])('refuses a page naming %s to read the notes there, and reads nothing', async (_name, also, error) => {
    await addNote(db, { url: 'https://elsewhere.example/', title: 'x' }, draft);
    const reply = await answer(envelope('pageNotes', { url: PAGE, also }), tabSender(PAGE));
    expect(reply).toMatchObject({ ok: false });
    expect(reply && !reply.ok && reply.error).toMatch(error);
  });

  it('never hands a page its page notes, nor lets it change or delete one', async () => {
    const passage = await addNote(db, page, draft);
    const whole = await addPageNote(db, page, 'About the whole article');
    const reply = await answer(envelope('pageNotes', { url: PAGE }), tabSender(PAGE));
    expect(reply?.ok && (reply.value as Array<{ id: string }>).map((n) => n.id)).toEqual([passage.id]);
    for (const call of [envelope('updateNote', { url: PAGE, id: whole.id, patch: { note: 'changed' } }), envelope('deleteNote', { url: PAGE, id: whole.id })]) {
      const refused = await answer(call, tabSender(PAGE));
      expect(refused && !refused.ok && refused.error).toMatch(/no such note on this page/);
    }
    expect(await db.notes.get(whole.id)).toEqual(whole);
  });

  it('returns the notes of the sender’s page', async () => {
    await addNote(db, page, draft);
    await addNote(db, { url: 'https://other.example/', title: 'x' }, draft);
    const reply = await answer(envelope('pageNotes', { url: PAGE }), tabSender(PAGE));
    expect(reply?.ok && (reply.value as unknown[]).length).toBe(1);
  });

  it.each([
    ['another page’s notes', envelope('pageNotes', { url: 'https://other.example/' }), tabSender(PAGE), /its own notes/],
    ['a write to another page', envelope('saveNote', { page: { ...page, url: 'https://other.example/' }, draft }), tabSender(PAGE), /its own notes/],
    ['a frame inside the page', envelope('pageNotes', { url: PAGE }), tabSender(PAGE, 3), /top frame/],
    ['another extension', envelope('pageNotes', { url: PAGE }), { ...tabSender(PAGE), id: 'someone-else' }, /unknown sender/],
    ['a sender with no tab', envelope('pageNotes', { url: PAGE }), { id: EXT, url: PAGE, frameId: 0 }, /top frame/],
  ])('refuses %s', async (_name, message, sender, error) => {
    const reply = await answer(message, sender);
    expect(reply).toMatchObject({ ok: false });
    expect(reply && !reply.ok && reply.error).toMatch(error);
    expect(await db.notes.count()).toBe(0);
  });

  it.each([
    ['an unknown call', envelope('dropDatabase', {}), /unknown message type/],
    ['a missing payload', envelope('saveNote', undefined), /saveNote/],
    ['a bad colour', envelope('saveNote', { page, draft: { ...draft, color: 'red; background: url(x)' } }), /draft\.color/],
    ['a javascript: URL', envelope('pageNotes', { url: 'javascript:alert(1)' }), /url/],
    ['an empty quote', envelope('saveNote', { page, draft: { ...draft, exact: '' } }), /draft\.exact/],
    ['a reversed position', envelope('saveNote', { page, draft: { ...draft, selectors: [{ type: 'TextPositionSelector', start: 9, end: 2 }] } }), /ends before/],
    ['a huge tag list', envelope('saveNote', { page, draft: { ...draft, tags: Array.from({ length: 500 }, (_, i) => `t${i}`) } }), /draft\.tags/],
  ])('rejects %s with an error naming the problem', async (_name, message, error) => {
    const reply = await answer(message, tabSender(PAGE));
    expect(reply && !reply.ok && reply.error).toMatch(error);
    expect(await db.notes.count()).toBe(0);
  });

  it('locates quotes in the text a page sends, without touching stored notes', async () => {
    const text = { text: 'Intro.Ici, la vérité compte.Fin.', starts: [0, 6, 28], breaks: [0, 6, 28, 32] };
    const quote = { type: 'TextQuoteSelector', exact: 'la vérité', prefix: 'Ici, ', suffix: ' compte' } as const;
    const reply = await answer(
      envelope('locateText', { ...text, selectors: [[quote], [{ ...quote, exact: 'absent de la page' }], [{ type: 'TextPositionSelector', start: 900, end: 901 }]] }),
      tabSender(PAGE),
    );
    expect(reply).toEqual({ ok: true, value: [{ start: 11, end: 20 }, null, null] });
    expect(await db.notes.count()).toBe(0);
  });

  it('rejects a page text that is not text and offsets', async () => {
    const reply = await answer(envelope('locateText', { text: 'x', starts: [-1], breaks: [], selectors: [] }), tabSender(PAGE));
    expect(reply && !reply.ok && reply.error).toMatch(/starts/);
  });

  it('bounds what a page may ask the background to match: 10,000 lists, no more offsets than characters', async () => {
    const quote = { type: 'TextQuoteSelector', exact: 'x' } as const;
    const many = await answer(envelope('locateText', { text: 'x', starts: [0], breaks: [], selectors: Array(10_001).fill([quote]) }), tabSender(PAGE));
    expect(many && !many.ok && many.error).toMatch(/selectors/);
    const offsets = await answer(envelope('locateText', { text: 'x', starts: Array(50).fill(0), breaks: [], selectors: [[quote]] }), tabSender(PAGE));
    expect(offsets && !offsets.ok && offsets.error).toMatch(/more text nodes/);
    const empty = await answer(envelope('locateText', { text: 'x', starts: [0], breaks: [], selectors: [[]] }), tabSender(PAGE));
    expect(empty).toMatchObject({ ok: false });
  });

  it('tells the loader whether its page has notes, by the normalised URL', async () => {
    const ask = (url: string) => answer(envelope('hasNotes', { url }), tabSender(url));
    expect(await ask(PAGE)).toEqual({ ok: true, value: false });
    await addNote(db, page, draft);
    expect(await ask(`${PAGE}?utm_source=nl#part-2`)).toEqual({ ok: true, value: true });
    expect(await ask('https://blog.example/another/')).toEqual({ ok: true, value: false });
    // A page may only ask about itself.
    const other = await answer(envelope('hasNotes', { url: PAGE }), tabSender('https://blog.example/another/'));
    expect(other).toMatchObject({ ok: false });
  });

  it('follows a single-page app’s route: the tab’s URL counts, though the frame’s stays the first one', async () => {
    const route = 'https://blog.example/article/?partie=2';
    // Chrome's sender.url keeps the document's first URL after history.pushState; the tab's follows.
    const sender = { id: EXT, url: PAGE, frameId: 0, tab: { id: 3, url: route } as never };
    await addNote(db, { url: route, title: 'Partie 2' }, draft);
    expect(await answer(envelope('hasNotes', { url: route }), sender)).toEqual({ ok: true, value: true });
    expect(await answer(envelope('pageNotes', { url: route }), sender)).toMatchObject({ ok: true, value: [{ url: route }] });
    const elsewhere = await answer(envelope('pageNotes', { url: 'https://blog.example/autre/' }), sender);
    expect(elsewhere).toMatchObject({ ok: false });
  });

  it('injects the page script into the loader’s own tab, top frame only', async () => {
    const injected: Array<[number, string]> = [];
    const platform = { inject: async (tabId: number, file: string) => void injected.push([tabId, file]) };
    expect(await answer(envelope('loadPage', {}), tabSender(PAGE), platform)).toEqual({ ok: true, value: true });
    expect(injected).toEqual([[3, '/page.js']]);
    const frame = await answer(envelope('loadPage', {}), tabSender(PAGE, 2), platform);
    expect(frame).toMatchObject({ ok: false });
    const failing = { inject: () => Promise.reject(new Error('Cannot access contents of the page')) };
    expect(await answer(envelope('loadPage', {}), tabSender(PAGE), failing)).toMatchObject({ ok: false, error: /Cannot access/ });
  });

  it('gives the page the user’s colour names and nothing else of the settings', async () => {
    await db.settings.bulkPut([
      { key: 'colorNames', value: { yellow: 'Idée' } },
      { key: 'lastBackupAt', value: 1_700_000_000_000 },
    ] as never);
    const reply = await answer(envelope('colorNames', {}), tabSender(PAGE));
    expect(reply).toEqual({ ok: true, value: { yellow: 'Idée' } });
  });

  it('gives the card what a citation of a page’s note is made of, and injects the engine into its tab (issue #16)', async () => {
    const meta: PageMeta = { url: PAGE, title: 'Why Customers Stay', byline: 'Jane Doe', siteName: 'Blog Example', publishedTime: '2024-03-05', lang: 'en' };
    const quote = await addNote(db, meta, { ...draft, kind: 'quote' });
    await db.notes.update(quote.id, { speaker: 'Albert Camus' });
    await db.settings.put({ key: 'lastBackupAt', value: 1 } as never);
    speakEnglish();
    const injected: Array<[number, string]> = [];
    const platform = { inject: async (tabId: number, file: string) => void injected.push([tabId, file]) };
    const input = async () => {
      const reply = await answer(envelope('citeNote', { url: PAGE, id: quote.id }), tabSender(PAGE), platform);
      if (!reply?.ok) throw new Error(String(reply && reply.error));
      return reply.value as CitationInput;
    };
    const first = await input();
    expect(injected).toEqual([[3, CITE_SCRIPT]]);
    // Only the citation settings of the user's: nothing else of the settings reaches the page.
    expect(first.settings).toEqual({ citationStyle: undefined, userStyles: undefined, userLocales: undefined });
    // What the card makes of it, with the engine the script carries: the default, or the style asked for.
    const cite = (from: CitationInput, styleId?: string) => makeCitation({ ...from, styleId, uiLang: 'en', format: 'text' });
    expect(cite(first)).toContain('“a sentence” (Albert Camus, as cited in Doe, 2024)');
    expect(cite(first, 'mla')).toContain('(Albert Camus, qtd. in Doe)');
    await db.settings.put({ key: 'citationStyle', value: 'harvard' } as never);
    expect(cite(await input())).toContain('Doe, J. (2024) ‘Why Customers Stay’, Blog Example, 5 March.');
    expect(await answer(envelope('citationStyles', {}), tabSender(PAGE))).toMatchObject({ ok: true, value: { default: 'harvard', styles: expect.arrayContaining([{ id: 'apa', labelKey: 'styleApa' }]) } });

    const other = await addNote(db, { url: 'https://other.example/', title: 'x' }, draft);
    const refused = await answer(envelope('citeNote', { url: PAGE, id: other.id }), tabSender(PAGE), platform);
    expect(refused && !refused.ok && refused.error).toMatch(/no such note on this page/);
    expect(injected).toHaveLength(2);
  });

  it('ignores messages that are not Verbatim’s, so other listeners can answer them', () => {
    expect(answer({ type: 'pageNotes', payload: { url: PAGE } }, tabSender(PAGE))).toBeUndefined();
    expect(answer('hello', tabSender(PAGE))).toBeUndefined();
  });
});
