import Dexie from 'dexie';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getSettings, notesForUrl } from '../../utils/db/repo';
import { VerbatimDb } from '../../utils/db/schema';

/** One fixture per earlier schema version: the stores it had and the records it held. */
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
      // Articles gained their own tags (v3), empty for older ones; everything else as it was.
      expect(await db.articles.toArray()).toEqual(fixture.articles.map((a) => ({ ...a, tags: a.tags ?? [] })));
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
      expect(await notesForUrl(db, fixture.articles[0]!.url as string)).toHaveLength(fixture.notes.length);
      const colorNames = (fixture.settings?.find((s) => s.key === 'colorNames')?.value ?? {}) as object;
      expect(await getSettings(db)).toEqual({ colorNames, backupReminder: 'monthly' });
    } finally {
      await db.delete();
    }
  });
});
