import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import type { VerbatimDb } from '../../utils/db/schema';
import { articleBody } from '../../utils/db/repo';
import type { Article, ArticleWithBody, Note, SettingRow } from '../../utils/domain/model';
import { normalizeTags } from '../../utils/domain/tags';
import { parseBackup, toBackup } from '../../utils/export/backup';
import { exportRecords, importRecords } from '../../utils/export/import';
import { sampleLibrary } from '../support/library';
import { dbPerTest, newTestDb } from '../support/db';

let db: VerbatimDb;
dbPerTest((fresh) => (db = fresh));

const byId = <T extends { id: string }>(list: readonly T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** Everything stored, for before/after comparisons. */
async function snapshot(target = db) {
  const { articles, notes, settings } = await exportRecords(target);
  return { articles: byId(articles), notes: byId(notes), settings };
}

/** What the import button does: read the file, then merge it. */
const importFile = async (text: string) => importRecords(db, parseBackup(text));

describe('importRecords into an empty database', () => {
  it('stores every French and English record as it was exported', async () => {
    const lib = sampleLibrary();
    const result = await importFile(toBackup(lib));
    expect(result).toEqual({
      added: 9,
      updated: 0,
      skipped: 0,
      byKind: {
        articles: { added: 3, updated: 0, skipped: 0 },
        notes: { added: 5, updated: 0, skipped: 0 },
        settings: { added: 1, updated: 0, skipped: 0 },
        // A backup from before projects (issue #17) has none to bring.
        projects: { added: 0, updated: 0, skipped: 0 },
        reviews: { added: 0, updated: 0, skipped: 0 },
      },
    });
    const stored = await snapshot();
    expect(stored.articles).toEqual(byId(lib.articles));
    expect(stored.notes).toEqual(byId(lib.notes));
    expect(stored.settings).toEqual(lib.settings);
    expect((await db.notes.get('22222222-3333-4444-8555-666666666666'))?.note).toBe('🤔 D’accord, mais… "vraiment" ?');
  });

  it('restores a note’s earlier versions with it, and backs them up again', async () => {
    const lib = sampleLibrary();
    const history: NonNullable<Note['history']> = [
      { note: 'Version remplacée', tags: ['vérité'], color: 'pink', kind: 'highlight', updatedAt: 1_736_836_200_000, replacedAt: 1_736_836_300_000, reason: 'sync', hlc: '001736836200000:00000:abcdef0123456789' },
    ];
    lib.notes[0] = { ...lib.notes[0]!, history };
    await importFile(toBackup(lib));
    expect((await db.notes.get(lib.notes[0]!.id))!.history).toEqual(history);
    expect(parseBackup(toBackup(await exportRecords(db))).notes.find((n) => n.id === lib.notes[0]!.id)!.history).toEqual(history);
  });

  it('restores a quote’s last check against its source with it, and backs it up again (issue #17)', async () => {
    const lib = sampleLibrary();
    const check: NonNullable<Note['check']> = { at: 1_736_836_400_000, outcome: 'reworded', found: 'Une phrase légèrement reformulée' };
    lib.notes[0] = { ...lib.notes[0]!, check };
    await importFile(toBackup(lib));
    expect((await db.notes.get(lib.notes[0]!.id))!.check).toEqual(check);
    expect(parseBackup(toBackup(await exportRecords(db))).notes.find((n) => n.id === lib.notes[0]!.id)!.check).toEqual(check);
    const bogus = toBackup({ ...lib, notes: [{ ...lib.notes[0]!, check: { at: 1, outcome: 'gone', found: 'x' } }] });
    expect(() => parseBackup(bogus)).toThrow(/check/);
  });

  it('keeps the later check of a passage, whichever version of the note wins (issue #17)', async () => {
    const lib = sampleLibrary();
    const base = lib.notes[0]!;
    const check: NonNullable<Note['check']> = { at: base.updatedAt + 5_000, outcome: 'gone' };
    // Stored: edited later, never checked. The file: older words, checked since.
    await db.notes.put({ ...base, note: 'edited here', updatedAt: base.updatedAt + 10_000 });
    const result = await importRecords(db, { articles: [], notes: [{ ...base, check }], settings: [] });
    expect(result.byKind.notes).toEqual({ added: 0, updated: 1, skipped: 0 });
    expect(await db.notes.get(base.id)).toMatchObject({ note: 'edited here', check });
    // The file's newer words win; the later check stored here stays.
    const older = { at: base.updatedAt + 1_000, outcome: 'same' as const };
    await importRecords(db, { articles: [], notes: [{ ...base, note: 'edited in the file', updatedAt: base.updatedAt + 20_000, check: older }], settings: [] });
    expect(await db.notes.get(base.id)).toMatchObject({ note: 'edited in the file', check });
    // Nothing new: skipped, nothing written.
    expect((await importRecords(db, { articles: [], notes: [{ ...base, check: older }], settings: [] })).byKind.notes).toEqual({ added: 0, updated: 0, skipped: 1 });
  });

  it('stores a clipped article’s html and text apart, in bodies, and the article without them', async () => {
    const lib = sampleLibrary();
    await importRecords(db, lib);
    const [fr] = lib.articles as [ArticleWithBody];
    const { html, text, ...record } = fr;
    expect(await db.articles.get(fr.id)).toEqual(record);
    expect(await db.bodies.toArray()).toEqual([{ id: fr.id, html, text }]);
    for (const a of await db.articles.toArray()) expect(a).not.toHaveProperty('html'), expect(a).not.toHaveProperty('text');
  });

  it('normalises tags on the way in', async () => {
    const lib = sampleLibrary();
    lib.notes[0]!.tags = ['  Politique ', 'POLITIQUE', 'À  relire'];
    lib.articles[0]!.tags = ['Histoire De France'];
    await importRecords(db, lib);
    expect((await db.notes.get(lib.notes[0]!.id))?.tags).toEqual(['politique', 'à relire']);
    expect((await db.articles.get(lib.articles[0]!.id))?.tags).toEqual(['histoire de france']);
    expect(await db.notes.where('tags').equals('politique').count()).toBe(1);
  });

  it('gives notes whose page has no article a minimal one, from the quote’s attribution if any', async () => {
    const lib = sampleLibrary();
    const result = await importRecords(db, { articles: [], notes: lib.notes });
    expect(result.byKind.articles.added).toBe(3);
    const fr = await db.articles.where('url').equals(lib.articles[0]!.url).first();
    expect(fr).toMatchObject({ title: 'L’État, c’est « moi » : notes sur le pouvoir', byline: 'Jeanne d’Arc-Dupont', siteName: 'Le Monde', tags: [] });
    const wiki = await db.articles.where('url').equals(lib.articles[2]!.url).first();
    expect(wiki).toMatchObject({ title: lib.articles[2]!.url, createdAt: lib.notes[4]!.createdAt });
  });

  it('counts an empty import, and reports progress for it', async () => {
    const calls: Array<[number, number]> = [];
    const result = await importRecords(db, { articles: [], notes: [] }, { onProgress: (d, t) => calls.push([d, t]) });
    expect(result.added + result.updated + result.skipped).toBe(0);
    expect(calls).toEqual([[0, 0]]);
  });
});

describe('merging into a library', () => {
  beforeEach(async () => {
    await importRecords(db, sampleLibrary());
  });

  it('keeps the newer of two versions of a note; equal times keep the stored one', async () => {
    const lib = sampleLibrary();
    const [n0, n1, n2] = lib.notes as [Note, Note, Note];
    const newer = { ...n0, note: 'Plus récent, « vraiment ».', updatedAt: n0.updatedAt + 1 };
    const older = { ...n1, note: 'plus ancien', updatedAt: n1.updatedAt - 1 };
    const same = { ...n2, note: 'même heure, autre texte', updatedAt: n2.updatedAt };
    const added: Note = { ...n0, id: 'f0e1d2c3-b4a5-4968-8776-655443322110', exact: 'Nouveau passage' };
    const result = await importRecords(db, { articles: [], notes: [newer, older, same, added] });
    expect(result.byKind.notes).toEqual({ added: 1, updated: 1, skipped: 2 });
    expect(result).toMatchObject({ added: 1, updated: 1, skipped: 2 });
    expect((await db.notes.get(n0.id))?.note).toBe('Plus récent, « vraiment ».');
    expect((await db.notes.get(n1.id))?.note).toBe(n1.note);
    expect((await db.notes.get(n2.id))?.note).toBe('');
    expect(await db.notes.count()).toBe(6);
  });

  it('reimporting the same backup changes nothing and says so', async () => {
    const before = await snapshot();
    const result = await importFile(toBackup(sampleLibrary()));
    expect(result).toMatchObject({ added: 0, updated: 0, skipped: 9 });
    expect(await snapshot()).toEqual(before);
  });

  it('merges an article by URL, keeping the stored id, when the file knows it under another id', async () => {
    const stored = sampleLibrary().articles[1]!;
    const incoming: Article = { ...stored, id: 'other-device-id', title: 'Titre mis à jour', updatedAt: stored.updatedAt + 10 };
    const result = await importRecords(db, { articles: [incoming], notes: [] });
    expect(result.byKind.articles).toEqual({ added: 0, updated: 1, skipped: 0 });
    expect(await db.articles.get('other-device-id')).toBeUndefined();
    expect(await db.articles.get(stored.id)).toMatchObject({ id: stored.id, title: 'Titre mis à jour' });
    // Its notes still find it: they point at the URL.
    expect(await db.notes.where('url').equals(stored.url).count()).toBe(2);
  });

  it('skips an older article known under another id', async () => {
    const stored = sampleLibrary().articles[1]!;
    const result = await importRecords(db, { articles: [{ ...stored, id: 'x', title: 'old', updatedAt: stored.updatedAt - 1 }], notes: [] });
    expect(result.byKind.articles).toEqual({ added: 0, updated: 0, skipped: 1 });
    expect((await db.articles.get(stored.id))?.title).toBe(stored.title);
  });

  it('never loses a clipped article’s text to a newer record of the page that was not clipped', async () => {
    const clipped = sampleLibrary().articles[0]!;
    const annotatedElsewhere: Article = {
      id: 'from-phone',
      url: clipped.url,
      title: 'L’État, c’est « moi »',
      tags: ['nouveau'],
      createdAt: clipped.createdAt + 1,
      updatedAt: clipped.updatedAt + 1,
    };
    await importRecords(db, { articles: [annotatedElsewhere], notes: [] });
    const merged = await db.articles.get(clipped.id);
    expect(merged).toMatchObject({ title: 'L’État, c’est « moi »', tags: ['nouveau'], clippedAt: clipped.clippedAt, wordCount: 1200 });
    expect(await articleBody(db, clipped.id)).toEqual({ id: clipped.id, html: clipped.html, text: clipped.text });
  });

  it('a newer unclipped record that carries some text itself keeps the clipped body’s fields first', async () => {
    const clipped = sampleLibrary().articles[0]!;
    const odd: ArticleWithBody = { id: 'odd', url: clipped.url, title: 'x', text: 'Texte seul', tags: [], createdAt: 1, updatedAt: clipped.updatedAt + 1 };
    await importRecords(db, { articles: [odd], notes: [] });
    expect(await articleBody(db, clipped.id)).toEqual({ id: clipped.id, html: clipped.html, text: clipped.text });
  });

  it('a newer stored article that was never clipped gains the clipped text of an older one in the file', async () => {
    const wiki = sampleLibrary().articles[2]!;
    const clippedElsewhere: ArticleWithBody = { ...wiki, id: 'from-laptop', title: 'Old title', html: '<p>Foo</p>', text: 'Foo', clippedAt: 5, updatedAt: wiki.updatedAt - 1 };
    const result = await importRecords(db, { articles: [clippedElsewhere], notes: [] });
    expect(result.byKind.articles).toEqual({ added: 0, updated: 1, skipped: 0 });
    expect(await db.articles.get(wiki.id)).toEqual({ ...wiki, clippedAt: 5 });
    expect(await articleBody(db, wiki.id)).toEqual({ id: wiki.id, html: '<p>Foo</p>', text: 'Foo' });
    expect((await exportRecords(db)).articles.find((a) => a.id === wiki.id)).toEqual({ ...wiki, html: '<p>Foo</p>', text: 'Foo', clippedAt: 5 });
  });

  it('a newer clip of a page replaces the stored body; one without a body leaves none', async () => {
    const fr = sampleLibrary().articles[0]!;
    await importRecords(db, { articles: [{ ...fr, id: 'a', html: '<p>Nouveau</p>', text: 'Nouveau', clippedAt: fr.updatedAt + 1, updatedAt: fr.updatedAt + 1 }], notes: [] });
    expect(await articleBody(db, fr.id)).toEqual({ id: fr.id, html: '<p>Nouveau</p>', text: 'Nouveau' });
    const { html: _h, text: _t, ...bare } = fr;
    await importRecords(db, { articles: [{ ...bare, clippedAt: fr.updatedAt + 2, updatedAt: fr.updatedAt + 2 }], notes: [] });
    // As before bodies had their own table: the newer record is taken as it is.
    expect(await articleBody(db, fr.id)).toBeUndefined();
  });

  it('keeps the images saved with a stored copy (no backup brings any) while the copy imported still names them', async () => {
    const fr = sampleLibrary().articles[0]!;
    const A = 'https://img.example/a.png?w=1&h=2';
    const B = 'https://img.example/b.png';
    const html = `<p>Texte</p><img src="https://img.example/a.png?w=1&amp;h=2" alt=""><img src="${B}" alt="">`;
    await db.bodies.put({ id: fr.id, html, text: 'Texte', images: [{ url: A, type: 'image/png', data: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }) }], imagesLeftOut: [{ url: B, reason: 'tooLarge' }] });
    const imagesOf = async () => {
      const body = (await articleBody(db, fr.id))!;
      return { saved: await Promise.all((body.images ?? []).map(async (i) => [i.url, [...new Uint8Array(await i.data.arrayBuffer())]])), leftOut: body.imagesLeftOut };
    };
    const kept = { saved: [[A, [1, 2, 3]]], leftOut: [{ url: B, reason: 'tooLarge' }] };

    // The same copy, from a device where the article was tagged later: it replaces the stored body.
    await importRecords(db, { articles: [{ ...fr, html, text: 'Texte', tags: ['relu'], updatedAt: fr.updatedAt + 1 }], notes: [] });
    expect(await imagesOf()).toEqual(kept);
    // A newer record of the page that was never clipped: the stored copy stays, images too.
    const { html: _h, text: _t, clippedAt: _c, ...unclipped } = fr;
    await importRecords(db, { articles: [{ ...unclipped, text: 'Autre', updatedAt: fr.updatedAt + 2 }], notes: [] });
    expect(await imagesOf()).toEqual(kept);
    // A newer clip whose copy names only the second image: the first goes, the second is still said to be left out.
    await importRecords(db, { articles: [{ ...fr, html: `<p>Neuf</p><img src="${B}" alt="">`, text: 'Neuf', updatedAt: fr.updatedAt + 3 }], notes: [] });
    expect(await imagesOf()).toEqual({ saved: [], leftOut: [{ url: B, reason: 'tooLarge' }] });
  });

  it('gives an article whose id is stored for another page a new id, instead of moving that page', async () => {
    const stored = sampleLibrary().articles[0]!;
    const incoming: Article = { ...stored, url: 'https://example.com/another-page', title: 'Another page', updatedAt: stored.updatedAt + 1 };
    const result = await importRecords(db, { articles: [incoming], notes: [] });
    expect(result.byKind.articles.added).toBe(1);
    expect((await db.articles.get(stored.id))?.url).toBe(stored.url);
    const moved = await db.articles.where('url').equals('https://example.com/another-page').first();
    expect(moved?.id).not.toBe(stored.id);
  });

  it('add-only: adds articles of new pages, never replaces a stored one', async () => {
    const stored = sampleLibrary().articles[0]!;
    const result = await importRecords(
      db,
      {
        articles: [
          { ...stored, id: 'csv-1', title: 'From a CSV', updatedAt: stored.updatedAt + 1_000 },
          { id: 'csv-2', url: 'https://example.com/new', title: 'New', tags: [], createdAt: 1, updatedAt: 1 },
        ],
        notes: [],
      },
      { articles: 'add-only' },
    );
    expect(result.byKind.articles).toEqual({ added: 1, updated: 0, skipped: 1 });
    expect((await db.articles.get(stored.id))?.title).toBe(stored.title);
  });

  it('keeps the device’s own settings and adds the missing ones', async () => {
    const result = await importRecords(db, {
      articles: [],
      notes: [],
      settings: [
        { key: 'colorNames', value: { yellow: 'Autre' } },
        { key: 'backupReminder', value: 'weekly' },
      ],
    });
    expect(result.byKind.settings).toEqual({ added: 1, updated: 0, skipped: 1 });
    expect(await db.settings.get('colorNames')).toEqual(sampleLibrary().settings[0]);
    expect(await db.settings.get('backupReminder')).toEqual({ key: 'backupReminder', value: 'weekly' });
  });

  it('writes only the settings a file may bring: unknown keys and the device’s own are ignored, not counted', async () => {
    // Every stored setting goes to the pages' content scripts with each selection.
    const result = await importRecords(db, {
      articles: [],
      notes: [],
      settings: [
        { key: 'later', value: 'x'.repeat(100_000) },
        { key: 'libraryEpoch', value: 99 },
        { key: 'backupReminder', value: 'off' },
      ],
    });
    expect(result.byKind.settings).toEqual({ added: 1, updated: 0, skipped: 0 });
    expect((await db.settings.toArray()).map((s) => s.key).sort()).toEqual(['backupReminder', 'colorNames', 'libraryEpoch']);
    // Raised by this import, not set to the file's 99.
    expect(await db.settings.get('libraryEpoch')).toEqual({ key: 'libraryEpoch', value: 2 });
  });

  it('counts a note repeated in the file once, the newest copy', async () => {
    const n = sampleLibrary().notes[0]!;
    const result = await importRecords(db, {
      articles: [],
      notes: [
        { ...n, note: 'b', updatedAt: n.updatedAt + 2 },
        { ...n, note: 'a', updatedAt: n.updatedAt + 1 },
      ],
    });
    expect(result.byKind.notes).toEqual({ added: 0, updated: 1, skipped: 0 });
    expect((await db.notes.get(n.id))?.note).toBe('b');
  });
});

describe('a file that cannot be imported changes nothing', () => {
  let before: Awaited<ReturnType<typeof snapshot>>;
  beforeEach(async () => {
    await importRecords(db, sampleLibrary());
    before = await snapshot();
  });

  const newer = () => {
    const lib = sampleLibrary();
    // A body written (in the articles' chunk) before the notes fail must be rolled back too.
    Object.assign(lib.articles[2]!, { html: '<p>Foo</p>', text: 'Foo', clippedAt: 7, updatedAt: lib.articles[2]!.updatedAt + 1 });
    for (const n of lib.notes) n.updatedAt += 1_000;
    lib.notes.push({ ...lib.notes[0]!, id: 'brand-new', updatedAt: 1 });
    return lib;
  };

  it.each<[string, () => string, RegExp]>([
    ['truncated', () => toBackup(newer()).slice(0, -40), /^the file ends early/],
    ['not JSON', () => 'PK\u0003\u0004 this is a zip', /^not valid JSON/],
    ['another format', () => JSON.stringify({ format: 'readwise', notes: [] }), /^not a Verbatim backup \(format "readwise"\)$/],
    ['from a newer version', () => toBackup(newer()).replace('"version":1', '"version":3'), /newer version of Verbatim/],
    ['hostile: __proto__', () => toBackup(newer()).replace('"kind":"quote"', '"kind":"quote","__proto__":{"polluted":true}'), /^notes\[1\]: forbidden key "__proto__"$/],
    ['hostile: javascript: URL', () => toBackup(newer()).replace('"url":"https://fr.wikipedia.org/wiki/Foo_(bar)","kind"', '"url":"javascript:alert(1)","kind"'), /^notes\[4\]\.url: not an http\(s\) URL/],
    ['hostile: a huge passage', () => JSON.stringify({ ...JSON.parse(toBackup(newer())), notes: [{ ...newer().notes[0], exact: 'a'.repeat(300_000) }] }), /^notes\[0\]\.exact: too long \(300000 > 200000\)/],
    ['corrupted record (last note broken)', () => toBackup(newer()).replace(/"createdAt":\d+,"updatedAt":1}/, '"createdAt":"hier","updatedAt":1}'), /^notes\[5\]\.createdAt: expected number, got "hier"/],
  ])('%s', async (_, file, message) => {
    await expect(importFile(file())).rejects.toThrow(message);
    expect(await snapshot()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a failure in the middle of the import rolls back what was written before it', async () => {
    const lib = newer();
    // The database refuses the last note (an object is not a valid key), after the others were put.
    lib.notes.push({ ...lib.notes[0]!, id: { not: 'a key' } as unknown as string });
    await expect(importRecords(db, lib, { chunkSize: 2 })).rejects.toThrow();
    expect(await snapshot()).toEqual(before);
  });

  it('throwing from the progress callback cancels the whole import', async () => {
    let calls = 0;
    const onProgress = () => {
      if (++calls === 3) throw new Error('cancelled by the reader');
    };
    await expect(importRecords(db, newer(), { chunkSize: 2, onProgress })).rejects.toThrow('cancelled by the reader');
    expect(calls).toBe(3);
    expect(await snapshot()).toEqual(before);
  });
});

describe('progress', () => {
  it('is reported after every chunk, up to the number of records given', async () => {
    const lib = sampleLibrary();
    const calls: Array<[number, number]> = [];
    await importRecords(db, lib, { chunkSize: 2, onProgress: (done, total) => calls.push([done, total]) });
    // 3 articles in chunks of 2, 5 notes in chunks of 2, then the settings.
    expect(calls).toEqual([
      [2, 9],
      [3, 9],
      [5, 9],
      [7, 9],
      [8, 9],
      [9, 9],
    ]);
  });
});

describe('exportRecords', () => {
  it('reads everything, or the given notes (in the order given) with their articles and no settings', async () => {
    const lib = sampleLibrary();
    await importRecords(db, lib);
    const all = await exportRecords(db);
    expect(byId(all.notes)).toEqual(byId(lib.notes));
    expect(all.settings).toEqual(lib.settings);

    const [a, b, , , e] = lib.notes as [Note, Note, Note, Note, Note];
    const some = await exportRecords(db, { noteIds: [e.id, b.id, a.id, 'missing'] });
    expect(some.notes.map((n) => n.id)).toEqual([e.id, b.id, a.id]);
    expect(byId(some.articles)).toEqual(byId([lib.articles[0]!, lib.articles[2]!]));
    expect(some.settings).toEqual([]);
  });
});

// ---- Property: backup → parse → import gives back exactly the same records -----------------

/** Any UTF-16 text, lone surrogates included, or whole code points from all of Unicode. */
const text = (opts: { minLength?: number; maxLength: number }) =>
  fc.oneof(
    fc.string({ ...opts, unit: 'binary' }),
    fc.string({ ...opts, unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
    fc.string({ ...opts, unit: fc.constantFrom('é', 'à', '«', '»', '’', '\n', '\r\n', ',', '"', ' ', '😀', 'œ', 'a', 'Z', '#') }),
  );
// What a backup may hold: no time later than a day from now, ids of RECORD_ID's shape.
const time = fc.integer({ min: 0, max: Date.now() });
const id = fc.oneof(fc.uuid(), fc.stringMatching(/^[\w-]{1,64}$/));
const tags = fc.array(text({ maxLength: 20 }), { maxLength: 6 }).map(normalizeTags);
const url = fc.webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true, withFragments: false }).filter((u) => u.length <= 8_192);

const articleArb = fc.record(
  {
    id,
    url,
    canonicalUrl: url,
    title: text({ maxLength: 120 }),
    byline: text({ maxLength: 40 }),
    siteName: text({ maxLength: 40 }),
    publishedTime: text({ maxLength: 64 }),
    lang: text({ maxLength: 35 }),
    excerpt: text({ maxLength: 200 }),
    html: text({ maxLength: 300 }),
    text: text({ maxLength: 300 }),
    wordCount: fc.nat(),
    readingMinutes: fc.nat(),
    clippedAt: time,
    tags,
    createdAt: time,
    updatedAt: time,
  },
  { requiredKeys: ['id', 'url', 'title', 'tags', 'createdAt', 'updatedAt'] },
) as fc.Arbitrary<ArticleWithBody>;

const noteArb = (urls: readonly string[]) =>
  fc
    .record(
      {
        id,
        url: fc.constantFrom(...urls),
        kind: fc.constantFrom('highlight' as const, 'quote' as const),
        color: fc.constantFrom('yellow' as const, 'green' as const, 'blue' as const, 'pink' as const, 'purple' as const),
        exact: text({ minLength: 1, maxLength: 200 }),
        prefix: fc.option(text({ maxLength: 256 }), { nil: undefined }),
        suffix: fc.option(text({ maxLength: 256 }), { nil: undefined }),
        position: fc.option(fc.tuple(fc.nat(), fc.nat()), { nil: undefined }),
        note: text({ maxLength: 300 }),
        tags,
        attribution: fc.option(
          fc.record({ title: text({ maxLength: 50 }), author: text({ maxLength: 20 }), url }, { requiredKeys: ['title', 'url'] }),
          { nil: undefined },
        ),
        orphanedAt: fc.option(time, { nil: undefined }),
        createdAt: time,
        updatedAt: time,
      },
      { requiredKeys: ['id', 'url', 'kind', 'color', 'exact', 'note', 'tags', 'createdAt', 'updatedAt'] },
    )
    .map(({ prefix, suffix, position, attribution, orphanedAt, ...rest }) => {
      const quote: Note['selectors'][number] = { type: 'TextQuoteSelector', exact: rest.exact };
      if (prefix !== undefined) quote.prefix = prefix;
      if (suffix !== undefined) quote.suffix = suffix;
      const note: Note = { ...rest, selectors: [quote] };
      if (position) {
        const [a, b] = position;
        note.selectors.push({ type: 'TextPositionSelector', start: Math.min(a, b), end: Math.max(a, b) });
      }
      if (attribution) note.attribution = attribution;
      if (orphanedAt !== undefined) note.orphanedAt = orphanedAt;
      return note;
    });

// The settings a backup carries (any other key is dropped on the way in).
const settingArb = fc.oneof(
  fc.record({
    key: fc.constant('colorNames'),
    value: fc.dictionary(fc.constantFrom('yellow', 'green', 'blue', 'pink', 'purple'), text({ maxLength: 40 }), { maxKeys: 5 }),
  }),
  fc.record({ key: fc.constant('backupReminder'), value: fc.constantFrom('off', 'weekly', 'monthly') }),
) as fc.Arbitrary<SettingRow>;

const unique = <T>(list: T[], key: (x: T) => unknown) => list.filter((x, i) => list.findIndex((y) => key(y) === key(x)) === i);

const libraryArb = fc
  .uniqueArray(articleArb, { minLength: 1, maxLength: 6, selector: (a) => a.url })
  .map((articles) => unique(articles, (a) => a.id))
  .chain((articles) =>
    fc.record({
      articles: fc.constant(articles),
      notes: fc.uniqueArray(noteArb(articles.map((a) => a.url)), { maxLength: 12, selector: (n) => n.id }),
      settings: fc.uniqueArray(settingArb, { maxLength: 3, selector: (s) => s.key }),
    }),
  );

describe('property: toBackup → parseBackup → importRecords', () => {
  it('gives back exactly the records of any library', async () => {
    await fc.assert(
      fc.asyncProperty(libraryArb, async (lib) => {
        const target = newTestDb();
        try {
          const backup = parseBackup(toBackup(lib));
          const result = await importRecords(target, backup);
          expect(result).toMatchObject({ added: lib.articles.length + lib.notes.length + lib.settings.length, updated: 0, skipped: 0 });
          const stored = await snapshot(target);
          expect(stored.articles).toEqual(byId(lib.articles));
          expect(stored.notes).toEqual(byId(lib.notes));
          expect([...stored.settings].sort((a, b) => (a.key < b.key ? -1 : 1))).toEqual([...lib.settings].sort((a, b) => (a.key < b.key ? -1 : 1)));
        } finally {
          await target.delete();
        }
      }),
      { numRuns: 100 },
    );
  }, 60_000);
});
