import Dexie from 'dexie';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { upgradeV2 } from '../../utils/db/migrations/v2';
import { upgradeV6 } from '../../utils/db/migrations/v6';
import { notesForPage } from '../../utils/db/aliases';
import { upgradeV8, urlRuleV8 } from '../../utils/db/migrations/v8';
import { articleBody, getSettings, knownSpeakers, notesForUrl, pageHasNotes, tagCounts, updateNote } from '../../utils/db/repo';
import { VerbatimDb } from '../../utils/db/schema';
import { flushLog, pendingCount } from '../../utils/db/tracking';
import { hlcFromTime } from '../../utils/domain/hlc';
import { SYNCED_SETTINGS, type SyncMeta } from '../../utils/sync/types';

/**
 * One fixture per earlier schema version: the stores it had and the records it held, as that
 * version wrote them (v4.json, v5.json: by that version's own `saveClip`, `addNote`… run on
 * fake-indexeddb, ids and times then fixed).
 */
interface Fixture {
  version: number;
  stores: Record<string, string>;
  articles: Array<Record<string, unknown> & { tags?: string[] }>;
  notes: Array<Record<string, unknown> & { id: string; tags: string[] }>;
  /** v5+: clipped copies, apart from their articles. */
  bodies?: Array<{ id: string; html?: string; text?: string }>;
  settings?: Array<{ key: string; value: unknown }>;
  /** v9+: the change log sync reads, as that version left it (some rows sent, some waiting, a tombstone). */
  sync?: Array<{ key: string; hlc?: string; dirty?: string; rev?: string; deleted?: true; device?: string; last?: string }>;
}

const FIXTURES = join(import.meta.dirname, 'fixtures');
const fixtures = readdirSync(FIXTURES)
  .filter((f) => /^v\d+\.json$/.test(f))
  .map((f) => JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as Fixture);

/**
 * The fixtures' tags normalised by hand: their only variants are case, spacing, NFD, apostrophes
 * (' ′ ´), the en dash, guillemets and the ﬁ ligature.
 */
const normalised = (tags: string[]) => [
  ...new Set(
    tags.map((t) =>
      t.normalize('NFC').trim().toLowerCase().replace(/['\u2032\u00B4]/gu, '\u2019').replaceAll('\u2013', '-').replace(/[«»]/gu, '"').replaceAll('\uFB01', 'fi'),
    ),
  ),
];

const byId = <T extends object>(list: T[]) => [...list].sort((a, b) => String((a as { id?: unknown }).id).localeCompare(String((b as { id?: unknown }).id)));

/** Writes a database exactly as schema `fixture.version` would have. */
async function writeOld(name: string, fixture: Fixture) {
  const old = new Dexie(name);
  old.version(fixture.version).stores(fixture.stores);
  await old.open();
  await old.table('articles').bulkAdd(fixture.articles);
  await old.table('notes').bulkAdd(fixture.notes);
  if (fixture.bodies) await old.table('bodies').bulkAdd(fixture.bodies);
  if (fixture.settings) await old.table('settings').bulkAdd(fixture.settings);
  if (fixture.sync) await old.table('sync').bulkAdd(fixture.sync);
  old.close();
}

/** Every record the upgrade writes to `db`, as `table/id`. */
function recordWrites(db: Dexie): string[] {
  const written: string[] = [];
  db.use({
    stack: 'dbcore',
    name: 'written',
    create: (down) => ({
      ...down,
      table: (table) => {
        const t = down.table(table);
        return {
          ...t,
          mutate: (req) => {
            // The sync rows v9 adds for every record are checked apart.
            if ((req.type === 'add' || req.type === 'put') && table !== 'sync') written.push(...req.values.map((v: { id: string }) => `${table}/${v.id}`));
            return t.mutate(req);
          },
        };
      },
    }),
  });
  return written;
}

/**
 * A database written as `fixture.version` would have, opened by today's schema: the database,
 * and every record the upgrade wrote (as `table/id`). The caller deletes the database.
 */
async function upgrade(fixture: Fixture): Promise<{ db: VerbatimDb; written: string[] }> {
  const name = `migrate-${crypto.randomUUID()}`;
  await writeOld(name, fixture);
  const db = new VerbatimDb(name);
  const written = recordWrites(db);
  try {
    await db.open();
  } catch (e) {
    await db.delete();
    throw e;
  }
  return { db, written };
}

/** A v5 or v6 fixture's note …0f0a to …0f0d, as `recordWrites` names it. */
const noteWrite = (last: 'a' | 'b' | 'c' | 'd') => `notes/0b6a2f44-7d1e-4c2a-8f0e-5d3c2b1a0f0${last}`;
/** Their second article, likewise. */
const SECOND_ARTICLE_WRITE = 'articles/7a2d4c9f-3b55-4f1c-8b66-2c8d2e0f1b05';

/** The v7 fixture's articles that v8 gives an alias: their canonical URL, normalised by hand. */
const ALIASES_BY_HAND: Record<string, string[]> = {
  // The AMP copy of the Figaro article, whose canonical is the article's first address.
  '8c3e5d1a-4c66-4a2d-9c77-3d9e3f1a2c06': ['https://www.lefigaro.fr/entreprises/l-idee-client-2025'],
  // Stored with its canonical's campaign parameter and anchor: both dropped.
  '9d4f6e2b-5d77-4b3e-8d88-4e0f4a2b3d07': ['https://news.example.net/2025/01/story'],
};

const tagsOf = (list: Array<{ id?: unknown; tags?: string[] }>) => Object.fromEntries(list.map((r) => [r.id as string, r.tags]));

describe('schema migrations', () => {
  it('has a fixture for every earlier schema version', () => {
    const current = new VerbatimDb(`probe-${crypto.randomUUID()}`).verno;
    expect(fixtures.map((f) => f.version).sort((a, b) => a - b)).toEqual(Array.from({ length: current - 1 }, (_, i) => i + 1));
  });

  it.each(fixtures.map((f) => [f.version, f] as const))('opens a database written by v%i with every record intact', async (_v, fixture) => {
    const { db } = await upgrade(fixture);
    try {
      expect(db.verno).toBeGreaterThan(fixture.version);
      // Articles gained their own tags (v3), empty for older ones, normalised (v6), and lost their
      // html and text to bodies (v5); everything else as it was.
      // Articles whose declared canonical URL is another address have it as an alias (v8).
      expect(byId(await db.articles.toArray())).toEqual(
        byId(
          fixture.articles.map(({ html: _html, text: _text, ...a }) => {
            const aliases = ALIASES_BY_HAND[a.id as string];
            return { ...a, tags: normalised(a.tags ?? []), ...(aliases ? { aliases } : {}) };
          }),
        ),
      );
      // Each clipped article's html and text moved, byte for byte, to a body under its id; bodies
      // already apart (v5+) stayed as they were.
      const clipped = fixture.articles.filter((a) => a.html !== undefined || a.text !== undefined);
      const bodies = [...(fixture.bodies ?? []), ...clipped.map((a) => ({ id: a.id as string, html: a.html, text: a.text }))];
      expect(bodies.length).toBeGreaterThan(0);
      expect(byId(await db.bodies.toArray())).toEqual(byId(bodies));
      for (const b of bodies) expect(await articleBody(db, b.id)).toEqual(b);
      const notes = await db.notes.toArray();
      expect(notes).toHaveLength(fixture.notes.length);
      for (const old of fixture.notes) {
        const now = notes.find((n) => n.id === old.id)!;
        // Everything but tags is byte for byte; tags come out normalised and unique.
        expect({ ...now, tags: undefined }).toEqual({ ...old, tags: undefined });
        expect(now.tags).toEqual(normalised(old.tags));
      }
      // Indexes work after the upgrade, the newest ones included.
      expect(await db.notes.where('updatedAt').above(0).count()).toBe(fixture.notes.length);
      expect((await db.notes.where('tags').equals('vérité').toArray()).length).toBeGreaterThan(0);
      const first = fixture.articles[0]!.url as string;
      expect(await notesForUrl(db, first)).toHaveLength(fixture.notes.filter((n) => n.url === first).length);
      expect(await db.articles.where('updatedAt').above(0).count()).toBe(fixture.articles.length);
      // Every setting kept, defaults filled in.
      const stored = Object.fromEntries((fixture.settings ?? []).map((s) => [s.key, s.value]));
      expect(await getSettings(db)).toEqual({ colorNames: {}, backupReminder: 'monthly', ...stored });
      // v9: a row per note, article, body and synced setting, waiting to be sent, stamped with the
      // record's last change (a body with its article's clip, a setting with no time), and the
      // device's clock state; the device's own settings (last backup…) stay off it. A database
      // that already had them (v9+) keeps its rows as they were: sent, waiting, tombstones.
      const meta = (await db.sync.get('~meta')) as unknown as SyncMeta;
      expect(meta).toMatchObject({ device: expect.stringMatching(/^[0-9a-f]{16}$/), offset: 0 });
      const at = (ms: number) => hlcFromTime(ms, meta.device);
      const clipOf = (id: string) => {
        const a = fixture.articles.find((x) => x.id === id) as { clippedAt?: number; updatedAt: number } | undefined;
        return a ? (a.clippedAt ?? a.updatedAt) : 0;
      };
      const expected = fixture.sync
        ? fixture.sync.filter((r) => r.key !== '~meta')
        : [
            ...fixture.notes.map((n) => [`note:${n.id}`, at(n.updatedAt as number)]),
            ...fixture.articles.map((a) => [`article:${a.id as string}`, at(a.updatedAt as number)]),
            ...bodies.map((b) => [`body:${b.id}`, at(clipOf(b.id))]),
            ...(fixture.settings ?? []).filter((s) => (SYNCED_SETTINGS as readonly string[]).includes(s.key)).map((s) => [`setting:${s.key}`, at(0)]),
          ].map(([key, hlc]) => ({ key: key!, hlc: hlc!, dirty: hlc! }));
      const rows = (await db.sync.toArray()).filter((r) => r.key !== '~meta');
      expect(rows.sort((a, b) => a.key.localeCompare(b.key))).toEqual(expected.sort((a, b) => a.key.localeCompare(b.key)));
      if (fixture.sync) expect(meta).toEqual(fixture.sync.find((r) => r.key === '~meta'));
      expect(await pendingCount(db)).toBe(expected.filter((r) => r.dirty).length);
      expect(meta.last).toBe(expected.map((r) => r.hlc!).sort().at(-1));
      // And the upgraded database tracks its next write, stamped above every row it had.
      const note = fixture.notes[0]!;
      await db.notes.update(note.id, { note: 'après la mise à jour' });
      await flushLog(db);
      const row = await db.sync.get(`note:${note.id}`);
      expect(row!.dirty).toBe(row!.hlc);
      expect(row!.hlc > meta.last).toBe(true);
    } finally {
      await db.delete();
    }
  });

  it('v6 makes one tag of l\'idée and l’idée on notes and articles, rewriting only the records it changes', async () => {
    const v5 = fixtures.find((f) => f.version === 5)!;
    // As v5 stored them: both apostrophes, on different records and on the same one.
    expect(tagsOf(v5.notes)).toEqual({
      '0b6a2f44-7d1e-4c2a-8f0e-5d3c2b1a0f0a': ["l'idée", 'vérité'],
      '0b6a2f44-7d1e-4c2a-8f0e-5d3c2b1a0f0b': ['l’idée'],
      '0b6a2f44-7d1e-4c2a-8f0e-5d3c2b1a0f0c': ["l'idée", 'marketing', 'l’idée'],
      '0b6a2f44-7d1e-4c2a-8f0e-5d3c2b1a0f0d': ['vérité', "don't wait"],
    });
    expect(tagsOf(v5.articles)).toEqual({
      '6f1c3b8e-2a44-4e0b-9a55-1b7c1d9e0a05': ['l’idée', 'stratégie'],
      '7a2d4c9f-3b55-4f1c-8b66-2c8d2e0f1b05': ["l'idée", 'lecture', 'l’idée'],
    });
    const { db, written } = await upgrade(v5);
    try {
      expect(db.verno).toBe(11);
      const notes = await db.notes.toArray();
      const articles = await db.articles.toArray();
      expect(tagsOf(notes)).toEqual({
        '0b6a2f44-7d1e-4c2a-8f0e-5d3c2b1a0f0a': ['l’idée', 'vérité'],
        '0b6a2f44-7d1e-4c2a-8f0e-5d3c2b1a0f0b': ['l’idée'],
        '0b6a2f44-7d1e-4c2a-8f0e-5d3c2b1a0f0c': ['l’idée', 'marketing'],
        '0b6a2f44-7d1e-4c2a-8f0e-5d3c2b1a0f0d': ['vérité', 'don’t wait'],
      });
      expect(tagsOf(articles)).toEqual({
        '6f1c3b8e-2a44-4e0b-9a55-1b7c1d9e0a05': ['l’idée', 'stratégie'],
        '7a2d4c9f-3b55-4f1c-8b66-2c8d2e0f1b05': ['l’idée', 'lecture'],
      });
      // One tag, found by the index under the one form and never under the other.
      expect(await db.notes.where('tags').equals('l’idée').count()).toBe(3);
      expect(await db.articles.where('tags').equals('l’idée').count()).toBe(2);
      expect(await db.notes.where('tags').equals("l'idée").count()).toBe(0);
      expect(await db.articles.where('tags').equals("l'idée").count()).toBe(0);
      expect((await tagCounts(db)).filter(({ tag }) => tag.startsWith('l'))).toEqual([{ tag: 'l’idée', count: 5 }, { tag: 'lecture', count: 1 }]);
      // Nothing else changed: not the other fields (updatedAt included), bodies or settings.
      const withoutTags = <T extends { tags?: unknown }>(list: T[]) => byId(list.map((r) => ({ ...r, tags: undefined })));
      expect(withoutTags(notes)).toEqual(withoutTags(v5.notes));
      expect(withoutTags(articles)).toEqual(withoutTags(v5.articles));
      expect(byId(await db.bodies.toArray())).toEqual(byId(v5.bodies!));
      expect(await db.settings.toArray()).toEqual(v5.settings);
      // Only the records whose tags changed were written.
      expect(written.sort()).toEqual([noteWrite('a'), noteWrite('c'), noteWrite('d'), SECOND_ARTICLE_WRITE].sort());
    } finally {
      await db.delete();
    }
  });

  it('v5 moves the bodies of a library larger than one upgrade chunk, and only those', async () => {
    const v4 = fixtures.find((f) => f.version === 4)!;
    const [clipped, page] = v4.articles as [Record<string, unknown>, Record<string, unknown>];
    const articles = Array.from({ length: 450 }, (_, i) =>
      i % 3 === 2
        ? { ...page, id: `p${i}`, url: `${page.url as string}&n=${i}` }
        : { ...clipped, id: `a${i}`, url: `${clipped.url as string}?n=${i}`, text: `${clipped.text as string} ${i}`.repeat(20) },
    );
    const { db } = await upgrade({ ...v4, articles, notes: [] });
    try {
      const bodies = await db.bodies.toArray();
      expect(bodies).toHaveLength(300);
      expect(await db.articles.filter((a) => 'html' in a || 'text' in a).count()).toBe(0);
      expect(await articleBody(db, 'a301')).toEqual({ id: 'a301', html: clipped.html, text: `${clipped.text as string} 301`.repeat(20) });
      expect(await articleBody(db, 'p302')).toBeUndefined();
      // v9 logs each of them for sync: 450 articles, 300 bodies, the colour names and the clock.
      expect(await db.sync.count()).toBe(752);
    } finally {
      await db.delete();
    }
  });

  it('v8 gives each article whose canonical is another address that alias, rewriting only those, and the notes follow', async () => {
    const v7 = fixtures.find((f) => f.version === 7)!;
    const { db, written } = await upgrade(v7);
    try {
      expect(db.verno).toBe(11);
      expect(written.sort()).toEqual(Object.keys(ALIASES_BY_HAND).map((id) => `articles/${id}`).sort());
      // Nothing else of them changed, updatedAt included; every row is there.
      const articles = await db.articles.toArray();
      expect(byId(articles.map(({ aliases: _a, ...a }) => a))).toEqual(byId(v7.articles));
      expect(await db.notes.count()).toBe(v7.notes.length);
      expect(byId(await db.bodies.toArray())).toEqual(byId(v7.bodies!));
      // The index finds an article by its other address.
      const canonical = 'https://www.lefigaro.fr/entreprises/l-idee-client-2025';
      expect((await db.articles.where('aliases').equals(canonical).toArray()).map((a) => a.id)).toEqual(['8c3e5d1a-4c66-4a2d-9c77-3d9e3f1a2c06']);
      // The note made on the AMP copy shows on the canonical page, beside the canonical's own.
      const shown = await notesForPage(db, canonical);
      expect(shown.map((n) => n.id).sort()).toEqual(v7.notes.filter((n) => n.url === canonical || n.url === `${canonical}/amp`).map((n) => n.id).sort());
      expect(await pageHasNotes(db, 'https://news.example.net/2025/01/story')).toBe(false);
    } finally {
      await db.delete();
    }
  });

  it('v10 rewrites no record, sends nothing again, and indexes the speakers quotes get after it', async () => {
    const v9 = fixtures.find((f) => f.version === 9)!;
    const { db, written } = await upgrade(v9);
    try {
      expect(db.verno).toBe(11);
      expect(written).toEqual([]);
      // Every row of v9 kept as it was: no note gained a speaker, nothing waits to be sent but what waited.
      expect(byId(await db.notes.toArray())).toEqual(byId(v9.notes));
      expect(await db.notes.filter((n) => 'speaker' in n || 'speakerProposed' in n).count()).toBe(0);
      expect(await pendingCount(db)).toBe(v9.sync!.filter((r) => r.dirty).length);
      expect(await knownSpeakers(db)).toEqual([]);
      // The quote of v9's last days gets its speaker; the index finds it, and the highlight stays out.
      const levitt = '0b6a2f44-7d1e-4c2a-8f0e-5d3c2b1a0f10';
      await updateNote(db, levitt, { speaker: '  Theodore   Levitt ' });
      await updateNote(db, '0b6a2f44-7d1e-4c2a-8f0e-5d3c2b1a0f0a', { speaker: 'Chloé Durand' });
      expect((await db.notes.where('speaker').equals('Theodore Levitt').toArray()).map((n) => n.id)).toEqual([levitt]);
      expect(await knownSpeakers(db)).toEqual(['Chloé Durand', 'Theodore Levitt']);
      // Cleared, it leaves the index.
      await updateNote(db, levitt, { speaker: '' });
      expect(await db.notes.where('speaker').equals('Theodore Levitt').count()).toBe(0);
      expect(await knownSpeakers(db)).toEqual(['Chloé Durand']);
    } finally {
      await db.delete();
    }
  });

  it('v8 reads URLs with its own frozen rule', () => {
    expect(urlRuleV8('HTTPS://News.Example.net:443/a?utm_medium=x&id=3&fbclid=y#top')).toBe('https://news.example.net/a?id=3');
    expect(urlRuleV8('https://app.example/#/inbox')).toBe('https://app.example/#/inbox');
    expect(urlRuleV8('javascript:alert(1)')).toBeUndefined();
    expect(urlRuleV8('/relative')).toBeUndefined();
    expect(upgradeV8).toBeTypeOf('function');
  });

  describe('each migration carries the tag rules of its own version', () => {
    const v1 = fixtures.find((f) => f.version === 1)!;
    const v5 = fixtures.find((f) => f.version === 5)!;
    const v6 = fixtures.find((f) => f.version === 6)!;
    /** Tags that v2, v6 and v7 read differently. */
    const variants = ["L'Idée", 'l’idée', 'l´idée', '2010–2020', '2010-2020', 'Vérité '];

    it('v2 normalises a v1 database with v2’s rule: case and spacing only', async () => {
      const name = `migrate-${crypto.randomUUID()}`;
      await writeOld(name, { ...v1, notes: v1.notes.map((n) => ({ ...n, tags: variants })) });
      const upToV2 = new Dexie(name);
      upToV2.version(1).stores(v1.stores);
      upToV2.version(2).stores({ settings: 'key' }).upgrade(upgradeV2);
      await upToV2.open();
      // Not today's rule: the apostrophes and dashes stay as v2 left them.
      for (const n of await upToV2.table('notes').toArray()) expect(n.tags).toEqual(["l'idée", 'l’idée', 'l´idée', '2010–2020', '2010-2020', 'vérité']);
      upToV2.close();
      // v6 and v7 then fold them, each with its own rule.
      const db = new VerbatimDb(name);
      try {
        for (const n of await db.notes.toArray()) expect(n.tags).toEqual(['l’idée', '2010-2020', 'vérité']);
      } finally {
        await db.delete();
      }
    });

    it('v6 normalises a v5 database with v6’s rule: apostrophes and spaces, not dashes or the acute accent', async () => {
      const name = `migrate-${crypto.randomUUID()}`;
      await writeOld(name, { ...v5, notes: v5.notes.map((n) => ({ ...n, tags: variants })) });
      const upToV6 = new Dexie(name);
      upToV6.version(5).stores(v5.stores);
      upToV6.version(6).stores({}).upgrade(upgradeV6);
      await upToV6.open();
      try {
        for (const n of await upToV6.table('notes').toArray()) expect(n.tags).toEqual(['l’idée', 'l´idée', '2010–2020', '2010-2020', 'vérité']);
        expect(tagsOf(await upToV6.table('articles').toArray())).toEqual({
          '6f1c3b8e-2a44-4e0b-9a55-1b7c1d9e0a05': ['l’idée', 'stratégie'],
          '7a2d4c9f-3b55-4f1c-8b66-2c8d2e0f1b05': ['l’idée', 'lecture'],
        });
      } finally {
        upToV6.close();
        await Dexie.delete(name);
      }
    });

    it('v7 makes one tag of what the character table makes one, rewriting only the records it changes', async () => {
      expect(tagsOf(v6.notes)).toEqual({
        '0b6a2f44-7d1e-4c2a-8f0e-5d3c2b1a0f0a': ['l’idée', 'vérité'],
        '0b6a2f44-7d1e-4c2a-8f0e-5d3c2b1a0f0b': ['l´idée'],
        '0b6a2f44-7d1e-4c2a-8f0e-5d3c2b1a0f0c': ['2010–2020', 'marketing', '2010-2020'],
        '0b6a2f44-7d1e-4c2a-8f0e-5d3c2b1a0f0d': ['vérité', 'don’t wait', '« citation »'],
      });
      const { db, written } = await upgrade(v6);
      try {
        expect(db.verno).toBe(11);
        expect(tagsOf(await db.notes.toArray())).toEqual({
          '0b6a2f44-7d1e-4c2a-8f0e-5d3c2b1a0f0a': ['l’idée', 'vérité'],
          '0b6a2f44-7d1e-4c2a-8f0e-5d3c2b1a0f0b': ['l’idée'],
          '0b6a2f44-7d1e-4c2a-8f0e-5d3c2b1a0f0c': ['2010-2020', 'marketing'],
          '0b6a2f44-7d1e-4c2a-8f0e-5d3c2b1a0f0d': ['vérité', 'don’t wait', '" citation "'],
        });
        expect(tagsOf(await db.articles.toArray())).toEqual({
          '6f1c3b8e-2a44-4e0b-9a55-1b7c1d9e0a05': ['l’idée', 'stratégie'],
          '7a2d4c9f-3b55-4f1c-8b66-2c8d2e0f1b05': ['l’idée', 'lecture', 'finance'],
        });
        expect(await db.notes.where('tags').equals('l’idée').count()).toBe(2);
        expect(await db.notes.where('tags').equals('2010–2020').count()).toBe(0);
        expect(written.sort()).toEqual([noteWrite('b'), noteWrite('c'), noteWrite('d'), SECOND_ARTICLE_WRITE].sort());
      } finally {
        await db.delete();
      }
    });
  });
});
