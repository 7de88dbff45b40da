import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Article, Note } from '../../utils/domain/model';
import { ANKI_COLUMNS, ankiTag, toAnkiText } from '../../utils/export/anki';
import { exportFile } from '../../utils/export/files';
import { highlight, sampleLibrary } from '../support/library';

const ARTICLE: Article = {
  id: 'a1',
  url: 'https://www.lemonde.fr/idees/article/2024/03/07/la-confiance',
  title: 'La confiance, une affaire de temps',
  siteName: 'Le Monde',
  publishedTime: '2024-03-07T08:00:00+01:00',
  tags: [],
  createdAt: 1,
  updatedAt: 1,
};

/** The file's header lines (Anki's `#key:value`), and its rows read by Papa Parse as Anki's CSV reader reads them: tab-separated, `#` lines skipped. */
function read(text: string) {
  const headers = text.split('\n').filter((l) => l.startsWith('#'));
  const parsed = Papa.parse<string[]>(text, { delimiter: '\t', quoteChar: '"', comments: '#', newline: '\n', skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  const rows = parsed.data.map((cells) => Object.fromEntries(ANKI_COLUMNS.map((c, i) => [c, cells[i]])) as Record<(typeof ANKI_COLUMNS)[number], string>);
  return { headers, rows, widths: parsed.data.map((r) => r.length) };
}

/** The characters a tab-separated file must escape, and a comment mark, among ordinary ones. */
const AWKWARD = fc.constantFrom('a', ' ', '\t', '\n', '\r', '"', '#', 'é', '«', '\u202f');

const quote = (fields: Partial<Note> & Pick<Note, 'id' | 'exact'>): Note => highlight({ url: ARTICLE.url, kind: 'quote', createdAt: 1_709_800_000_000, ...fields });

describe('Anki export', () => {
  it('starts with the header lines Anki reads: tab, plain text, Basic, deck, GUID and tags columns', () => {
    expect(read(toAnkiText([], [])).headers).toEqual([
      '#separator:tab',
      '#html:false',
      '#notetype:Basic',
      '#deck:Verbatim',
      '#guid column:1',
      '#tags column:7',
      '#columns:GUID\tFront\tBack\tSpeaker\tSource\tURL\tTags',
    ]);
  });

  it('one card per quote or highlight: the passage in front; speaker, source, site and date, link and note on the back', () => {
    const note = quote({ id: 'q1', exact: 'La confiance se gagne en gouttes et se perd en litres.', speaker: 'Jean-Paul Sartre', note: 'Pour la conférence', tags: ['confiance', 'relation client'] });
    const { rows, widths } = read(toAnkiText([ARTICLE], [note]));
    expect(widths).toEqual([7]);
    const [row] = rows;
    expect(row!.GUID).toBe('q1');
    expect(row!.Front).toBe(note.exact);
    expect(row!.Speaker).toBe('Jean-Paul Sartre');
    expect(row!.Source).toBe(ARTICLE.title);
    expect(row!.URL).toBe(`${ARTICLE.url}#:~:text=La%20confiance%20se%20gagne%20en%20gouttes%20et%20se%20perd%20en%20litres.`);
    expect(row!.Back.split('\n')).toEqual(['— Jean-Paul Sartre', ARTICLE.title, 'Le Monde · 2024-03-07', row!.URL, '', 'Pour la conférence']);
    expect(row!.Tags).toBe('confiance relation_client');
  });

  it('keeps tabs, line breaks, double quotes and a leading # inside their fields', () => {
    const awkward = quote({ id: 'q2', exact: '# Il a dit\u00a0: «\u202fnon\u202f»\tpuis "oui"\n\n# et partit.', note: 'ligne 1\r\nligne 2\t"fin"', speaker: 'A "B"' });
    const { rows, widths } = read(toAnkiText([ARTICLE], [awkward]));
    expect(widths).toEqual([7]);
    expect(rows[0]!.Front).toBe(awkward.exact);
    expect(rows[0]!.Speaker).toBe('A "B"');
    expect(rows[0]!.Back.endsWith('\n\nligne 1\r\nligne 2\t"fin"')).toBe(true);
  });

  it('leaves page notes out (no passage), keeps highlights, oldest first', () => {
    const lib = sampleLibrary();
    const { rows } = read(toAnkiText(lib.articles, lib.notes));
    const passages = lib.notes.filter((n) => n.kind !== 'page').sort((a, b) => a.createdAt - b.createdAt);
    expect(rows.map((r) => r.GUID)).toEqual(passages.map((n) => n.id));
    expect(rows.map((r) => r.Front)).toEqual(passages.map((n) => n.exact));
  });

  it('any text comes back exactly, field for field', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', minLength: 1 }), fc.string({ unit: AWKWARD, minLength: 1 })), fc.string({ unit: AWKWARD }), fc.array(fc.string({ minLength: 1 }), { maxLength: 3 }), (exact, comment, tags) => {
        const { rows, widths } = read(toAnkiText([ARTICLE], [quote({ id: 'p', exact, note: comment, tags })]));
        expect(widths).toEqual([7]);
        expect(rows[0]!.Front).toBe(exact);
        expect(rows[0]!.Tags).toBe(tags.map(ankiTag).filter(Boolean).join(' '));
      }),
    );
  });

  it('is an export kind: a .txt file Anki opens, named by the day', () => {
    const file = exportFile('anki', { articles: [ARTICLE], notes: [quote({ id: 'q1', exact: 'x' })] }, { now: Date.UTC(2026, 0, 5, 12), timeZone: 'UTC' });
    expect(file.name).toBe('verbatim-anki-2026-01-05.txt');
    expect(file.mime).toBe('text/tab-separated-values;charset=utf-8');
  });
});
