import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, MAX_CLOCK_AHEAD_MS, RECORD_ID, parseBackup, toBackup } from '../../utils/export/backup';
import { FormatError } from '../../utils/export/format-error';
import { stableId } from '../../utils/export/stable-id';
import type { NoteVersion } from '../../utils/domain/model';
import { sampleLibrary } from '../support/library';

const EXPORTED = Date.UTC(2026, 10, 5, 9, 30);

/** A valid backup as plain JSON data, to break in one place per test. */
function backupData(): Record<string, unknown> & { notes: Array<Record<string, unknown>>; articles: Array<Record<string, unknown>> } {
  return JSON.parse(toBackup(sampleLibrary(), { exportedAt: EXPORTED }));
}

/** A valid earlier version of a note, with some fields replaced. */
const version = (over: Record<string, unknown> = {}) => ({ note: 'avant', tags: ['vérité'], color: 'blue', kind: 'quote', updatedAt: 1, replacedAt: 2, reason: 'sync', ...over });

const errorOf = (text: string) => {
  try {
    parseBackup(text);
  } catch (error) {
    expect(error).toBeInstanceOf(FormatError);
    return (error as Error).message;
  }
  throw new Error('parseBackup accepted the file');
};

describe('toBackup', () => {
  it('writes the documented header, then the records as stored', () => {
    const lib = sampleLibrary();
    const data = JSON.parse(toBackup(lib, { exportedAt: EXPORTED }));
    expect(Object.keys(data)).toEqual(['format', 'version', 'exportedAt', 'articles', 'notes', 'settings']);
    expect(data).toMatchObject({ format: 'verbatim-backup', version: 1, exportedAt: '2026-11-05T09:30:00.000Z' });
    expect(data.articles).toEqual(lib.articles);
    expect(data.notes).toEqual(lib.notes);
    expect(data.settings).toEqual(lib.settings);
  });

  it('indents on request and defaults settings to none', () => {
    const text = toBackup({ articles: [], notes: [] }, { exportedAt: EXPORTED, space: 2 });
    expect(text).toContain('\n  "format": "verbatim-backup"');
    expect(JSON.parse(text).settings).toEqual([]);
  });
});

describe('parseBackup', () => {
  it('gives back exactly the French and English records it was given', () => {
    const lib = sampleLibrary();
    const backup = parseBackup(toBackup(lib, { exportedAt: EXPORTED }));
    expect(backup.articles).toEqual(lib.articles);
    expect(backup.notes).toEqual(lib.notes);
    expect(backup.settings).toEqual(lib.settings);
    expect(backup.notes[1]!.note).toBe('🤔 D’accord, mais… "vraiment" ?');
    expect(backup.exportedAt).toBe('2026-11-05T09:30:00.000Z');
  });

  it('keeps a quote’s speaker and whether it is still a proposal, and refuses a blank one', () => {
    const lib = sampleLibrary();
    const quote = lib.notes.find((n) => n.kind === 'quote')!;
    const notes = lib.notes.map((n) => (n === quote ? { ...n, speaker: 'Albert Camus', speakerProposed: true as const } : n));
    const back = parseBackup(toBackup({ ...lib, notes }, { exportedAt: EXPORTED }));
    expect(back.notes.find((n) => n.id === quote.id)).toMatchObject({ speaker: 'Albert Camus', speakerProposed: true });
    const data = backupData();
    const i = data.notes.findIndex((n) => n.id === quote.id);
    data.notes[i] = { ...data.notes[i], speaker: '   ' };
    expect(errorOf(JSON.stringify(data))).toMatch(/speaker/);
  });

  it('keeps a note’s earlier versions, the history a sync or a restore left', () => {
    const lib = sampleLibrary();
    const history: NoteVersion[] = [
      { note: 'Version de l’autre navigateur', tags: ['vérité'], color: 'blue', kind: 'quote', updatedAt: 1_736_836_260_000, hlc: '001736836260000:00003:0a1b2c3d4e5f6071', replacedAt: 1_736_900_000_000, reason: 'sync' },
      { note: '', tags: [], color: 'yellow', kind: 'highlight', updatedAt: 1_736_836_200_000, replacedAt: 1_736_836_260_000, reason: 'restore' },
    ];
    lib.notes[1] = { ...lib.notes[1]!, history };
    const backup = parseBackup(toBackup(lib, { exportedAt: EXPORTED }));
    expect(backup.notes[1]!.history).toEqual(history);
    expect(backup.notes).toEqual(lib.notes);
  });

  it('reads a file that starts with a byte order mark', () => {
    expect(parseBackup(`\uFEFF${toBackup(sampleLibrary())}`).notes).toHaveLength(5);
  });

  it('drops fields it does not know', () => {
    const data = backupData();
    data.notes[0]!.extra = 'x';
    expect(parseBackup(JSON.stringify(data)).notes[0]).not.toHaveProperty('extra');
  });

  it.each([
    ['', 'the file is empty'],
    ['  \n ', 'the file is empty'],
    ['not json', 'not valid JSON'],
    ['{"format": "verbatim-backup"}x', 'not valid JSON (line 1, column 30)'],
    ['{"format": "verbatim-backup",\n "version": 1 x}', 'not valid JSON (line 2, column 15)'],
    ['[]', 'not a Verbatim backup (expected a JSON object)'],
    ['"hello"', 'not a Verbatim backup (expected a JSON object)'],
    ['{"format": "obsidian"}', 'not a Verbatim backup (format "obsidian")'],
    ['{"articles": []}', 'not a Verbatim backup (no "format" field)'],
    ['{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation"}', 'W3C Web Annotation file'],
    ['{"format": "verbatim-backup", "version": "1"}', 'version: not a valid backup version: "1"'],
    ['{"format": "verbatim-backup", "version": 0}', 'version: not a valid backup version: 0'],
  ])('rejects %j: %s', (text, message) => {
    expect(errorOf(text)).toContain(message);
  });

  it('rejects a backup from a newer version, saying so', () => {
    const data = backupData();
    data.version = 2;
    expect(errorOf(JSON.stringify(data))).toBe(
      'this backup was made by a newer version of Verbatim (backup version 2; this version reads version 1). Update Verbatim to import it.',
    );
  });

  it('says a file cut short ends early, wherever it was cut', () => {
    const text = toBackup(sampleLibrary(), { space: 1 });
    for (const cut of [1, 10, 37, 200, 1_000, Math.floor(text.length / 2), text.length - 3, text.length - 1]) {
      expect(errorOf(text.slice(0, cut)), `cut at ${cut}`).toBe('the file ends early (it was cut short: download or copy it again)');
    }
  });

  it('names the field, the record and the problem', () => {
    const data = backupData();
    (data.notes[1]!.selectors as Array<Record<string, unknown>>)[1]!.start = -1;
    expect(errorOf(JSON.stringify(data))).toBe(
      'notes[1].selectors[1].start: expected a non-negative integer, got -1 (note "22222222-3333-4444-8555-666666666666")',
    );
  });

  it.each<[string, (d: ReturnType<typeof backupData>) => void, string]>([
    ['a missing title', (d) => delete d.articles[0]!.title, 'articles[0].title: missing'],
    ['a title of the wrong type', (d) => (d.articles[2]!.title = 42), 'articles[2].title: expected string, got 42'],
    ['a fractional time', (d) => (d.notes[0]!.createdAt = 1.5), 'notes[0].createdAt: expected an integer, got 1.5'],
    ['a time no Date can hold', (d) => (d.notes[0]!.updatedAt = 1e300), 'notes[0].updatedAt: too large'],
    ['an unknown colour', (d) => (d.notes[2]!.color = 'red'), 'notes[2].color: expected ("yellow" | "green" | "blue" | "pink" | "purple"), got "red"'],
    ['an unknown selector', (d) => ((d.notes[0]!.selectors as unknown[])[0] = { type: 'XPathSelector', value: '/p' }), 'notes[0].selectors[0].type: unknown type "XPathSelector"'],
    ['a position ending before its start', (d) => ((d.notes[0]!.selectors as unknown[])[1] = { type: 'TextPositionSelector', start: 9, end: 2 }), 'notes[0].selectors[1]: a position selector ends before it starts'],
    ['an empty passage', (d) => (d.notes[0]!.exact = ''), 'notes[0]: exact: must not be empty (a highlight or quote keeps its passage)'],
    ['a javascript: URL', (d) => (d.notes[3]!.url = 'javascript:alert(1)'), 'notes[3].url: not an http(s) URL'],
    ['a javascript: attribution', (d) => ((d.notes[1]!.attribution as Record<string, unknown>).url = 'javascript:alert(document.cookie)'), 'notes[1].attribution.url: not an http(s) URL'],
    ['a data: canonical URL', (d) => (d.articles[0]!.canonicalUrl = 'data:text/html,<script>alert(1)</script>'), 'articles[0].canonicalUrl: not an http(s) URL'],
    ['a huge note', (d) => (d.notes[0]!.note = 'é'.repeat(200_001)), 'notes[0].note: too long (200001 > 200000)'],
    ['a huge tag', (d) => (d.notes[0]!.tags = ['x'.repeat(65)]), 'notes[0].tags[0]: too long (65 > 64)'],
    ['too many tags', (d) => (d.notes[0]!.tags = Array.from({ length: 101 }, (_, i) => `t${i}`)), 'notes[0].tags: too long (101 > 100)'],
    ['an id too long', (d) => (d.notes[0]!.id = 'x'.repeat(65)), 'notes[0].id: expected 1 to 64 letters, digits, "_" or "-"'],
    ['more than 20 earlier versions', (d) => (d.notes[0]!.history = Array.from({ length: 21 }, () => version())), 'notes[0].history: too long (21 > 20)'],
    ['an earlier version too long', (d) => (d.notes[0]!.history = [version({ note: 'é'.repeat(200_001) })]), 'notes[0].history[0].note: too long (200001 > 200000)'],
    ['an earlier version of no colour', (d) => (d.notes[0]!.history = [version({ color: 'red' })]), 'notes[0].history[0].color: expected ("yellow"'],
    ['an earlier version of no kind', (d) => (d.notes[0]!.history = [version({ kind: 'comment' })]), 'notes[0].history[0].kind: expected ("highlight"'],
    ['an earlier version with too many tags', (d) => (d.notes[0]!.history = [version({ tags: Array.from({ length: 101 }, (_, i) => `t${i}`) })]), 'notes[0].history[0].tags: too long (101 > 100)'],
    ['an earlier version with a forged stamp', (d) => (d.notes[0]!.history = [version({ hlc: '<img src=x>' })]), 'notes[0].history[0].hlc: not a sync stamp'],
    ['a wrong exportedAt', (d) => (d.exportedAt = 'yesterday'), 'exportedAt: expected an ISO 8601 date, got "yesterday"'],
    ['notes that are not a list', (d) => (d.notes = {} as never), 'notes: expected Array, got Object'],
    ['a colour name too long', (d) => (d.settings = [{ key: 'colorNames', value: { yellow: 'x'.repeat(41) } }]), 'settings[0]: value: too long (41 > 40)'],
    ['a colour name for no colour', (d) => (d.settings = [{ key: 'colorNames', value: { red: 'Rouge' } }]), 'settings[0]: value: expected ("yellow"'],
  ])('rejects %s', (_, breakIt, message) => {
    const data = backupData();
    breakIt(data);
    expect(errorOf(JSON.stringify(data))).toContain(message);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('rejects the prototype-polluting key %s anywhere', (key) => {
    const text = toBackup(sampleLibrary()).replace('"kind":"quote"', `"kind":"quote","${key}":{"isAdmin":true}`);
    expect(errorOf(text)).toBe(`notes[1]: forbidden key "${key}"`);
    // Escaped in the JSON text, the key is the same once parsed.
    const escaped = toBackup(sampleLibrary()).replace('"settings":[{', '"settings":[{"\\u005f_proto__":{"polluted":1},');
    expect(errorOf(escaped)).toBe('settings[0]: forbidden key "__proto__"');
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects data nested absurdly deep', () => {
    const data = backupData();
    data.settings = [{ key: 'later', value: JSON.parse('['.repeat(40) + ']'.repeat(40)) }];
    expect(errorOf(JSON.stringify(data))).toMatch(/^settings\[0\]\.value(\[0\])+: nested too deeply$/);
  });

  it.each<[string, (d: ReturnType<typeof backupData>) => void, string]>([
    ['note ids', (d) => (d.notes[3]!.id = d.notes[0]!.id), 'notes[3]: id "11111111-2222-4333-8444-555555555555" appears twice (also notes[0])'],
    ['article URLs', (d) => (d.articles[1]!.url = d.articles[0]!.url), 'articles[1]: url "https://www.lemonde.fr/'],
    ['setting keys', (d) => (d.settings = [{ key: 'a', value: 1 }, { key: 'a', value: 2 }]), 'settings[1]: key "a" appears twice (also settings[0])'],
  ])('rejects repeated %s', (_, breakIt, message) => {
    const data = backupData();
    breakIt(data);
    expect(errorOf(JSON.stringify(data))).toContain(message);
  });

  it('drops settings it does not know, whatever their size, and keeps the known ones', () => {
    // Every stored setting is sent to the pages' content scripts: a file must not park data there.
    const data = backupData();
    data.settings = [
      { key: 'later', value: { nested: ['ok', 1, null] } },
      { key: 'colorNames', value: { yellow: 'Idée' } },
      ...Array.from({ length: 5 }, (_, i) => ({ key: `junk${i}`, value: 'x'.repeat(100_000) })),
    ];
    expect(parseBackup(JSON.stringify(data)).settings).toEqual([{ key: 'colorNames', value: { yellow: 'Idée' } }]);
  });

  describe('timestamps later than a day from now', () => {
    const HOUR = 3_600_000;
    const FIELDS = [
      ['notes', 0, 'createdAt'],
      ['notes', 1, 'updatedAt'],
      ['notes', 2, 'orphanedAt'],
      ['articles', 0, 'createdAt'],
      ['articles', 1, 'updatedAt'],
      ['articles', 0, 'clippedAt'],
    ] as const;

    it.each(FIELDS)('rejects %s[%i].%s, naming it (a future updatedAt would win every later merge)', (kind, i, field) => {
      const data = backupData();
      const when = Date.now() + MAX_CLOCK_AHEAD_MS + HOUR;
      data[kind][i]![field] = when;
      const message = errorOf(JSON.stringify(data));
      expect(message).toMatch(new RegExp(`^${kind}\\[${i}\\]\\.${field}: in the future \\(`));
      expect(message).toContain(new Date(when).toISOString().slice(0, 13));
    });

    it.each(FIELDS)('accepts %s[%i].%s a few hours ahead (a clock a little off)', (kind, i, field) => {
      const data = backupData();
      data[kind][i]![field] = Date.now() + MAX_CLOCK_AHEAD_MS - HOUR;
      expect(() => parseBackup(JSON.stringify(data))).not.toThrow();
    });

    it('allows a day, no more', () => {
      expect(MAX_CLOCK_AHEAD_MS).toBe(24 * HOUR);
      const data = backupData();
      data.notes[0]!.updatedAt = Date.UTC(2999, 0, 1);
      expect(errorOf(JSON.stringify(data))).toBe(
        'notes[0].updatedAt: in the future (2999-01-01T00:00:00.000Z; at most a day ahead of this device\'s clock) (note "11111111-2222-4333-8444-555555555555")',
      );
    });
  });

  describe('record ids', () => {
    it.each(['a b', '<img src=x onerror=alert(1)>', 'note/../../x', 'é', 'a.b', '', 'x'.repeat(65), 'x\n'])('rejects the id %j, in notes and in articles', (id) => {
      for (const kind of ['notes', 'articles'] as const) {
        const data = backupData();
        data[kind][0]!.id = id;
        expect(errorOf(JSON.stringify(data))).toMatch(new RegExp(`^${kind}\\[0\\]\\.id: `));
      }
    });

    it('accepts every id Verbatim makes, and matches the note editor’s pattern', () => {
      expect(RECORD_ID.source).toBe('^[\\w-]{1,64}$');
      for (const id of [crypto.randomUUID(), stableId('x'), 'a_b-9', 'x'.repeat(64)]) expect(id).toMatch(RECORD_ID);
      expect(() => parseBackup(toBackup(sampleLibrary()))).not.toThrow();
    });
  });

  it('uses one format name', () => {
    expect(BACKUP_FORMAT).toBe('verbatim-backup');
  });
});

describe('stableId', () => {
  it('is a UUID-shaped id, the same for the same text and different for different text', () => {
    const id = stableId('https://example.fr/é\nLe passage');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableId('https://example.fr/é\nLe passage')).toBe(id);
    const ids = new Set(Array.from({ length: 10_000 }, (_, i) => stableId(`note ${i}`)));
    expect(ids.size).toBe(10_000);
  });
});
