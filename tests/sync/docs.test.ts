import { describe, expect, it } from 'vitest';
import type { Article, Note } from '../../utils/domain/model';
import { normalizeTags } from '../../utils/domain/tags';
import { fromDoc, noteDocId, toDoc, withLocalFields, type BodyRecord, type Incoming } from '../../utils/sync/docs';

const hlc = '001796000000000:00000:devA';
const T = Date.UTC(2026, 11, 4, 12);

const note: Note = {
  id: 'n1',
  url: 'https://example.com/a',
  kind: 'quote',
  color: 'green',
  exact: 'a passage',
  selectors: [{ type: 'TextQuoteSelector', exact: 'a passage', prefix: 'before ' }, { type: 'TextPositionSelector', start: 3, end: 12 }],
  note: 'my note',
  tags: ['t'],
  attribution: { title: 'A page', url: 'https://example.com/a' },
  createdAt: T,
  updatedAt: T + 1,
};
const article: Article = { id: 'a1', url: 'https://example.com/a', title: 'A page', tags: [], clippedAt: T, wordCount: 3, createdAt: T, updatedAt: T };
const ARTICLE_ID = `article:${'ab'.repeat(32)}`;

const served = <D extends object>(doc: D) => ({ ...doc, _rev: '1-abc' });

describe('toDoc / fromDoc', () => {
  it('a note goes up and comes back the same, without what is only this device’s', () => {
    const doc = toDoc('note', noteDocId(note.id), { hlc }, { ...note, orphanedAt: T + 5 });
    expect(doc).toEqual({ _id: 'note:n1', type: 'note', hlc, v: 1, data: note });
    expect(fromDoc(served(doc))).toEqual<Incoming>({ kind: 'note', docId: 'note:n1', rev: '1-abc', hlc, deleted: false, record: note });
  });

  it('a quote’s speaker and its proposal flag go up and come back; an untrimmed one is refused', () => {
    const spoken: Note = { ...note, speaker: 'Simone Veil', speakerProposed: true };
    const doc = toDoc('note', noteDocId(note.id), { hlc }, spoken);
    expect(fromDoc(served(doc))).toMatchObject({ kind: 'note', record: spoken });
    expect(fromDoc(served(toDoc('note', noteDocId(note.id), { hlc }, { ...note, speaker: ' Simone Veil' })))).toMatchObject({ refused: expect.stringMatching(/speaker/) });
  });

  it('a quote’s last check against its source goes up and comes back; a malformed one is refused (issue #17)', () => {
    const checked: Note = { ...note, check: { at: T + 9, outcome: 'reworded', found: 'a reworded passage' } };
    expect(fromDoc(served(toDoc('note', noteDocId(note.id), { hlc }, checked)))).toMatchObject({ kind: 'note', record: checked });
    const gone: Note = { ...note, check: { at: T + 9, outcome: 'gone' } };
    expect(fromDoc(served(toDoc('note', noteDocId(note.id), { hlc }, gone)))).toMatchObject({ kind: 'note', record: gone });
    const bogus = { ...note, check: { at: T, outcome: 'maybe' } } as unknown as Note;
    expect(fromDoc(served(toDoc('note', noteDocId(note.id), { hlc }, bogus)))).toMatchObject({ refused: expect.stringMatching(/check/) });
  });

  it('a tombstone keeps its stamp and base revision', () => {
    const doc = toDoc('note', 'note:n1', { hlc, rev: '3-x' });
    expect(doc).toEqual({ _id: 'note:n1', _rev: '3-x', type: 'note', hlc, v: 1, deleted: true });
    expect(fromDoc(doc)).toMatchObject({ kind: 'note', deleted: true, rev: '3-x' });
  });

  it('an article, a body (with its page’s URL, no images) and a setting', () => {
    expect(fromDoc(served(toDoc('article', ARTICLE_ID, { hlc }, article)))).toMatchObject({ kind: 'article', record: article });
    const image = { url: 'https://example.com/i.png', type: 'image/png', data: new Blob(['x']) };
    const body: BodyRecord = { id: 'a1', url: article.url, html: '<p>x</p>', text: 'x', images: [image], imagesLeftOut: [{ url: 'https://example.com/j.png', reason: 'tooLarge' }] };
    const doc = toDoc('body', `body:${'cd'.repeat(32)}`, { hlc }, body);
    expect(doc.data).toEqual({ url: article.url, html: '<p>x</p>', text: 'x', imagesLeftOut: body.imagesLeftOut });
    expect(fromDoc(served(doc))).toMatchObject({ kind: 'body', record: { id: '', url: article.url, html: '<p>x</p>' } });
    const setting = toDoc('setting', 'setting:colorNames', { hlc }, { key: 'colorNames', value: { yellow: 'Idea' } });
    expect(fromDoc(served(setting))).toMatchObject({ kind: 'setting', record: { key: 'colorNames', value: { yellow: 'Idea' } } });
  });

  it('an orphan flag (this device’s own) is dropped, tags are normalised as an import does', () => {
    const doc = { ...served(toDoc('note', 'note:n1', { hlc }, note)), data: { ...note, orphanedAt: 5, tags: ['  Idée ', 'idée', 'B'] } };
    const result = fromDoc(doc) as Incoming;
    expect(result.record).not.toHaveProperty('orphanedAt');
    expect((result.record as Note).tags).toEqual(normalizeTags(['  Idée ', 'idée', 'B']));
  });

  it('markup in a note is text, as in an import: kept as written, never rendered', () => {
    const marked = { ...note, note: '<img src=x onerror="alert(1)"><b>bold</b>' };
    expect(fromDoc(served(toDoc('note', 'note:n1', { hlc }, marked)))).toMatchObject({ record: { note: marked.note } });
  });
});

describe('fromDoc refuses what an import would refuse, and more', () => {
  const good: Record<string, unknown> = { ...served(toDoc('note', 'note:n1', { hlc }, note)) };
  const withData = (data: Record<string, unknown>) => ({ ...good, data: { ...note, ...data } });

  it.each<[string, unknown, RegExp]>([
    ['not an object', 'garbage', /not a document/],
    ['an array', [1, 2], /not a document/],
    ['no revision', { ...good, _rev: undefined }, /_rev/],
    ['an unknown type', { ...good, type: 'virus' }, /type/],
    ['a type under another id', { ...good, type: 'setting' }, /a setting under the id note:n1/],
    ['a foreign id', { ...good, _id: '_design/x' }, /not a Verbatim document id/],
    ['a stamp that is not ours', { ...good, hlc: 42 }, /hlc/],
    ['a newer format', { ...good, v: 2 }, /newer version/],
    ['no data', { ...good, data: undefined }, /data: missing/],
    ['a note text that is a number', withData({ note: 42 }), /data\.note/],
    ['an unknown colour', withData({ color: 'octarine' }), /data\.color/],
    ['a note id not its document’s', withData({ id: 'n2' }), /data\.id/],
    ['a non-http URL', withData({ url: 'javascript:alert(1)' }), /data\.url/],
    ['a negative time', withData({ updatedAt: -1 }), /data\.updatedAt/],
    ['a passage without selectors', withData({ selectors: [] }), /selectors/],
    ['a note past the import limit', withData({ note: 'x'.repeat(200_001) }), /data\.note: too long/],
    ['a 10 MB note', withData({ note: 'x'.repeat(10_000_000) }), /too large/],
    ['a history that is not one', withData({ history: 'lost' }), /history/],
    ['a setting that does not sync', served(toDoc('setting', 'setting:lastBackupAt', { hlc }, { key: 'lastBackupAt', value: 5 })), /does not sync/],
    ['a setting of the wrong type', served(toDoc('setting', 'setting:backupReminder', { hlc }, { key: 'backupReminder', value: 'hourly' })), /value/],
    ['an article with a bad time', served(toDoc('article', ARTICLE_ID, { hlc }, { ...article, createdAt: 'yesterday' } as never)), /createdAt/],
    ['a body with a script URL', served(toDoc('body', `body:${'cd'.repeat(32)}`, { hlc }, { id: 'a', url: 'javascript:1', html: '' })), /url/],
  ])('%s', (_, doc, reason) => {
    const result = fromDoc(doc);
    expect(result).toHaveProperty('refused');
    expect((result as { refused: string }).refused).toMatch(reason);
  });

  it('a body may pass 1 MB (a long clipped page), not 8 MB', () => {
    const body = (n: number) => served(toDoc('body', `body:${'cd'.repeat(32)}`, { hlc }, { id: 'a', url: article.url, text: 'x'.repeat(n) }));
    expect(fromDoc(body(3_000_000))).not.toHaveProperty('refused');
    expect(fromDoc(body(8_000_000))).toHaveProperty('refused');
  });

  it('a note stamped far ahead is accepted: the stamp, not the record’s date, decides merges', () => {
    const ahead = served(toDoc('note', 'note:n1', { hlc: '002796000000000:00000:fast' }, { ...note, updatedAt: T + 365 * 86_400_000 }));
    expect(fromDoc(ahead)).not.toHaveProperty('refused');
  });
});

describe('withLocalFields', () => {
  it('a note stays an orphan here while its passage is the same', () => {
    const local = { ...note, orphanedAt: T + 9 };
    expect(withLocalFields('note', { ...note, note: 'edited' }, local)).toEqual({ ...note, note: 'edited', orphanedAt: T + 9 });
    expect(withLocalFields('note', { ...note, exact: 'other' }, local)).not.toHaveProperty('orphanedAt');
  });

  it('a body keeps the images it saved that its new html still shows', () => {
    const img = (url: string) => ({ url, type: 'image/png', data: new Blob(['x']) });
    const local: BodyRecord = { id: 'a1', url: article.url, html: '<img src="https://e.com/1.png"><img src="https://e.com/2.png">', images: [img('https://e.com/1.png'), img('https://e.com/2.png')] };
    const incoming: BodyRecord = { id: 'a1', url: article.url, html: '<img src="https://e.com/2.png">' };
    expect(withLocalFields('body', incoming, local).images!.map((i) => i.url)).toEqual(['https://e.com/2.png']);
  });
});
