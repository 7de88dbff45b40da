import Dexie from 'dexie';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleBody, getSettings, notesForUrl } from '../../utils/db/repo';
import { VerbatimDb } from '../../utils/db/schema';

/**
 * One fixture per earlier schema version: the stores it had and the records it held, as that
 * version wrote them (v4.json: by v4's own `saveClip`, `addNote`… run on fake-indexeddb).
 */
interface Fixture {
  version: number;
  stores: Record<string, string>;
  articles: Array<Record<string, unknown>>;
  notes: Array<Record<string, unknown> & { id: string; tags: string[] }>;
  settings?: Array<{ key: string; value: unknown }>;
}

const FIXTURES = join(import.meta.dirname, 'fixtures');
const fixtures = readdirSync(FIXTURES)
  .filter((f) => /^v\d+\.json$/.test(f))
  .map((f) => JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as Fixture);

const byId = <T extends object>(list: T[]) => [...list].sort((a, b) => String((a as { id?: unknown }).id).localeCompare(String((b as { id?: unknown }).id)));

/** Writes a database exactly as schema `fixture.version` would have. */
async function writeOld(name: string, fixture: Fixture) {
  const old = new Dexie(name);
  old.version(fixture.version).stores(fixture.stores);
  await old.open();
  await old.table('articles').bulkAdd(fixture.articles);
  await old.table('notes').bulkAdd(fixture.notes);
  if (fixture.settings) await old.table('settings').bulkAdd(fixture.settings);
  old.close();
}

describe('schema migrations', () => {
  it('has a fixture for every earlier schema version', () => {
    const current = new VerbatimDb(`probe-${crypto.randomUUID()}`).verno;
    expect(fixtures.map((f) => f.version).sort()).toEqual(Array.from({ length: current - 1 }, (_, i) => i + 1));
  });

  it.each(fixtures.map((f) => [f.version, f] as const))('opens a database written by v%i with every record intact', async (_v, fixture) => {
    const name = `migrate-${crypto.randomUUID()}`;
    await writeOld(name, fixture);
    const db = new VerbatimDb(name);
    await db.open();
    try {
      expect(db.verno).toBeGreaterThan(fixture.version);
      // Articles gained their own tags (v3), empty for older ones, and lost their html and text to
      // bodies (v5); everything else as it was.
      expect(byId(await db.articles.toArray())).toEqual(
        byId(fixture.articles.map(({ html: _html, text: _text, ...a }) => ({ ...a, tags: a.tags ?? [] }))),
      );
      // Each clipped article's html and text moved, byte for byte, to a body under its id.
      const clipped = fixture.articles.filter((a) => a.html !== undefined || a.text !== undefined);
      expect(clipped.length).toBeGreaterThan(0);
      expect(byId(await db.bodies.toArray())).toEqual(byId(clipped.map((a) => ({ id: a.id, html: a.html, text: a.text }))));
      for (const a of clipped) expect(await articleBody(db, a.id as string)).toEqual({ id: a.id, html: a.html, text: a.text });
      const notes = await db.notes.toArray();
      expect(notes).toHaveLength(fixture.notes.length);
      for (const old of fixture.notes) {
        const now = notes.find((n) => n.id === old.id)!;
        // Everything but tags is byte for byte; tags come out normalised and unique.
        expect({ ...now, tags: undefined }).toEqual({ ...old, tags: undefined });
        expect(now.tags).toEqual([...new Set(old.tags.map((t) => t.normalize('NFC').trim().toLowerCase()))]);
      }
      // Indexes work after the upgrade, the newest ones included.
      expect(await db.notes.where('updatedAt').above(0).count()).toBe(fixture.notes.length);
      expect((await db.notes.where('tags').equals('vérité').toArray()).length).toBeGreaterThan(0);
      const first = fixture.articles[0]!.url as string;
      expect(await notesForUrl(db, first)).toHaveLength(fixture.notes.filter((n) => n.url === first).length);
      expect(await db.articles.where('updatedAt').above(0).count()).toBe(fixture.articles.length);
      const colorNames = (fixture.settings?.find((s) => s.key === 'colorNames')?.value ?? {}) as object;
      expect(await getSettings(db)).toEqual({ colorNames, backupReminder: 'monthly' });
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
    const name = `migrate-${crypto.randomUUID()}`;
    await writeOld(name, { ...v4, articles, notes: [] });
    const db = new VerbatimDb(name);
    try {
      await db.open();
      const bodies = await db.bodies.toArray();
      expect(bodies).toHaveLength(300);
      expect(await db.articles.filter((a) => 'html' in a || 'text' in a).count()).toBe(0);
      expect(await articleBody(db, 'a301')).toEqual({ id: 'a301', html: clipped.html, text: `${clipped.text as string} 301`.repeat(20) });
      expect(await articleBody(db, 'p302')).toBeUndefined();
    } finally {
      await db.delete();
    }
  });
});
