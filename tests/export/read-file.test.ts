import { describe, expect, it } from 'vitest';
import { toBackup } from '../../utils/export/backup';
import { FormatError } from '../../utils/export/format-error';
import { toReadwiseCsv } from '../../utils/export/csv';
import { normalizeRecordUrls, readImportFile } from '../../utils/export/read-file';
import { annotationDocument, toAnnotationCollection, toAnnotationPages } from '../../utils/export/w3c';
import { sampleLibrary } from '../support/library';

const NOW = Date.UTC(2026, 10, 5, 9, 30);

const errorOf = (name: string, text: string) => {
  try {
    readImportFile(name, text, { now: NOW });
  } catch (error) {
    expect(error).toBeInstanceOf(FormatError);
    return (error as Error).message;
  }
  throw new Error('readImportFile accepted the file');
};

describe('readImportFile: which format, from the content', () => {
  const lib = sampleLibrary();

  it('a Verbatim backup, whatever its name, merges articles', () => {
    for (const name of ['verbatim-backup.json', 'backup.txt', 'no-extension']) {
      const parsed = readImportFile(name, toBackup(lib), { now: NOW });
      expect(parsed.format).toBe('backup');
      expect(parsed.articles).toBe('merge');
      expect(parsed.records.notes).toEqual(lib.notes);
      expect(parsed.records.articles).toEqual(lib.articles);
      expect(parsed.rejected).toEqual([]);
    }
  });

  it('W3C annotations: a collection, a paged document, a single annotation; articles only added', () => {
    const collection = JSON.stringify(toAnnotationCollection(lib.articles, lib.notes));
    const paged = JSON.stringify(annotationDocument(toAnnotationPages(lib.articles, lib.notes, { pageSize: 2 })));
    const single = JSON.stringify(toAnnotationCollection(lib.articles, lib.notes.slice(0, 1)).first!.items[0]);
    for (const [name, text, count] of [
      ['notes.jsonld', collection, lib.notes.length],
      ['notes.json', paged, lib.notes.length],
      ['one', single, 1],
    ] as const) {
      const parsed = readImportFile(name, text, { now: NOW });
      expect(parsed.format).toBe('w3c');
      expect(parsed.articles).toBe('add-only');
      expect(parsed.records.notes).toHaveLength(count);
    }
  });

  it('a Readwise CSV, by its name or its header (with or without a byte order mark)', () => {
    const csv = toReadwiseCsv(lib.articles, lib.notes);
    for (const [name, text] of [
      ['readwise.csv', csv],
      ['export.txt', csv],
      ['export', csv.replace(/^\uFEFF/, '')],
    ] as const) {
      const parsed = readImportFile(name, text, { now: NOW });
      expect(parsed.format).toBe('readwise');
      expect(parsed.articles).toBe('add-only');
      expect(parsed.records.notes).toHaveLength(lib.notes.length);
    }
  });

  it('drops the settings of the device a backup was made on', () => {
    const data = JSON.parse(toBackup(lib));
    data.settings.push({ key: 'lastBackupAt', value: 1 }, { key: 'libraryEpoch', value: 7 }, { key: 'backupReminder', value: 'weekly' });
    const parsed = readImportFile('b.json', JSON.stringify(data));
    expect(parsed.records.settings!.map((s) => s.key)).toEqual(['colorNames', 'backupReminder']);
  });

  it('lists what a file holds but Verbatim cannot keep, and imports the rest', () => {
    const csv = 'Highlight,Title,URL\r\nkept,A page,https://example.org/a\r\nno page,Book,\r\n';
    const parsed = readImportFile('r.csv', csv, { now: NOW });
    expect(parsed.records.notes.map((n) => n.exact)).toEqual(['kept']);
    expect(parsed.rejected).toEqual([{ where: 'row 3', reason: 'no URL' }]);
  });
});

describe('readImportFile: files it refuses, saying why', () => {
  it.each([
    ['empty.json', '', 'the file is empty'],
    ['blank.csv', '\uFEFF  \n', 'the file is empty'],
    ['cut.json', '{"format":"verbatim-backup","version":1,"articles":[{"id":"a', 'the file ends early'],
    ['bad.json', '{"format": verbatim}', 'not valid JSON'],
    ['zip.json', 'PK\u0003\u0004garbage', 'not valid JSON'],
    ['other.json', '{"name":"package","version":"1.0.0"}', 'neither a Verbatim backup nor W3C Web Annotations'],
    ['list.json', '[1, 2, 3]', 'neither a Verbatim backup nor W3C Web Annotations'],
    ['future.json', '{"format":"verbatim-backup","version":9}', 'made by a newer version of Verbatim'],
    ['notes.txt', 'just some notes\nmore text', 'not a file Verbatim can import'],
    ['people.csv', 'Name,Email\r\nAda,ada@example.org\r\n', 'row 1: no "Highlight" column'],
    ['books.csv', 'Highlight,Title\r\nA passage,A book\r\n', 'row 2: none of the 1 rows can be imported: no URL'],
  ])('%s', (name, text, message) => {
    expect(errorOf(name, text)).toContain(message);
  });

  it('a backup with one bad field names it', () => {
    const data = JSON.parse(toBackup(sampleLibrary()));
    data.notes[1].selectors[0] = { type: 'TextPositionSelector', start: -1, end: 3 };
    expect(errorOf('b.json', JSON.stringify(data))).toMatch(/^notes\[1\]\.selectors\[0\]\.start: expected a non-negative integer, got -1/);
  });

  it('annotations none of which can be kept', () => {
    const doc = { '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'Annotation', id: 'urn:x:1', target: 'https://example.org/' };
    expect(errorOf('a.jsonld', JSON.stringify(doc))).toContain('none of the 1 annotations can be imported');
  });
});

describe('readImportFile: bounds on what a file can plant', () => {
  const DAY = 24 * 3_600_000;
  const lib = sampleLibrary();

  it('files every URL as the storage layer keys pages, whatever the format: no fragment, no utm_', () => {
    const data = JSON.parse(toBackup(lib));
    data.articles[2].url = 'HTTPS://Example.ORG/Page?utm_source=x&id=2#section';
    data.articles[2].canonicalUrl = 'https://example.org/Page?id=2&fbclid=abc';
    data.notes[3].url = 'https://example.org/Page?id=2&utm_medium=mail#top';
    data.notes[1].attribution.url = 'https://www.lemonde.fr/idees/?utm_campaign=c#x';
    data.articles[2].aliases = ['https://amp.example.org/Page?id=2&utm_source=amp', 'https://example.org/Page?id=2#again', 'https://amp.example.org/Page?id=2'];
    const { records } = readImportFile('b.json', JSON.stringify(data), { now: NOW });
    // Other addresses too, without the page's own and without duplicates.
    expect(records.articles[2]!.aliases).toEqual(['https://amp.example.org/Page?id=2']);
    expect(records.articles[2]!.url).toBe('https://example.org/Page?id=2');
    expect(records.articles[2]!.canonicalUrl).toBe('https://example.org/Page?id=2');
    expect(records.notes[3]!.url).toBe('https://example.org/Page?id=2');
    expect(records.notes[1]!.attribution!.url).toBe('https://www.lemonde.fr/idees/');
    // A hash route is a page of its own, as when the note was made.
    data.notes[3].url = 'https://app.example.org/#/inbox';
    expect(readImportFile('b.json', JSON.stringify(data), { now: NOW }).records.notes[3]!.url).toBe('https://app.example.org/#/inbox');

    const annotation = JSON.parse(JSON.stringify(toAnnotationCollection(lib.articles, lib.notes.slice(1, 2)).first!.items[0]));
    annotation['verbatim:attribution'].url = 'https://www.lemonde.fr/?utm_source=rss#haut';
    expect(readImportFile('a.jsonld', JSON.stringify(annotation), { now: NOW }).records.notes[0]!.attribution!.url).toBe('https://www.lemonde.fr/');
  });

  it('refuses a timestamp later than a day from now, naming the field or row, in every format', () => {
    const later = new Date(Date.now() + 2 * DAY);
    const data = JSON.parse(toBackup(lib));
    data.notes[2].updatedAt = later.getTime();
    expect(errorOf('b.json', JSON.stringify(data))).toMatch(/^notes\[2\]\.updatedAt: in the future \(/);

    const csv = `Highlight,URL,Date\r\nUn passage,https://example.org/,${later.toISOString().slice(0, 19).replace('T', ' ')}\r\n`;
    expect(errorOf('r.csv', csv)).toMatch(/^row 2: createdAt: in the future \(/);

    // Annotations are refused one by one, saying why; a file of nothing else is refused whole.
    const [a, b] = toAnnotationCollection(lib.articles, lib.notes.slice(0, 2)).first!.items.map((x) => JSON.parse(JSON.stringify(x)));
    a.modified = later.toISOString();
    const parsed = readImportFile('a.jsonld', JSON.stringify([a, b]), { now: NOW });
    expect(parsed.records.notes.map((n) => n.id)).toEqual([lib.notes[1]!.id]);
    expect(parsed.rejected[0]!.reason).toMatch(/^updatedAt: in the future \(/);
    expect(errorOf('a.jsonld', JSON.stringify(a))).toMatch(/none of the 1 annotations can be imported: updatedAt: in the future/);
  });

  it('refuses a backup whose ids the note editor would not open (not re-id’d: see RECORD_ID)', () => {
    const data = JSON.parse(toBackup(lib));
    data.notes[0].id = '"><img src=x onerror=alert(1)>';
    expect(errorOf('b.json', JSON.stringify(data))).toBe('notes[0].id: expected 1 to 64 letters, digits, "_" or "-"');
  });
});

describe('normalizeRecordUrls', () => {
  it('names a URL that normalising makes too long for the page URL schema', () => {
    // Each `é` of the path becomes `%C3%A9`: six characters where there was one.
    const long = `https://example.org/${'é'.repeat(3 * 2 ** 20 / 6 + 1)}`;
    const note = { ...sampleLibrary().notes[0]!, url: long };
    expect(() => normalizeRecordUrls({ articles: [], notes: [note] })).toThrow(/^notes\[0\]\.url: once normalised: too long/);
  });
});
