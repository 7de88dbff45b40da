/**
 * The exports for reference managers (issue #16), each read back by a real parser of its format:
 * CSL-JSON by citation.js, BibTeX by @retorquere/bibtex-parser (Better BibTeX's parser), RIS by
 * citation.js's RIS plugin. One entry per article, its notes attached (speaker included), and
 * every awkward character (accents, &, %, {}, guillemets, LaTeX's specials) back as it was.
 */
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-ris';
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Article, Note } from '../../utils/domain/model';
import { render } from '../../utils/citation/engine';
import { LOCALE_XML, STYLE_XML } from '../../utils/citation/styles';
import type { VerbatimDb } from '../../utils/db/schema';
import { toBibLatex } from '../../utils/export/bibtex';
import { exportFile } from '../../utils/export/files';
import { exportToFile } from '../../utils/export/jobs';
import { attachedNote, referenceEntries, toCslJson, type ReferenceEntry } from '../../utils/export/references';
import { PILCROW, toRis } from '../../utils/export/ris';
import { dbPerTest } from '../support/db';
import { highlight, sampleLibrary, selectorsAt } from '../support/library';

const NOON = Date.UTC(2026, 11, 4, 12);
const NNBSP = '\u202F';
const TRICKY = 'L’État & « moi » : 100 % {sic} — $5_#1 ~ ^ \\o/ çà ÉÈ œ ß';

const article = (over: Partial<Article> & Pick<Article, 'id' | 'url'>): Article => ({
  title: 'Untitled',
  tags: [],
  createdAt: NOON,
  updatedAt: NOON,
  ...over,
});

const fr = article({
  id: 'a-fr',
  url: 'https://www.example.fr/idees/2024/03/05/etat?x=1%20y',
  title: TRICKY,
  byline: 'Jeanne Dupont',
  siteName: 'Le Monde & Co',
  publishedTime: '2024-03-05T10:00:00+01:00',
  lang: 'fr',
  tags: ['politique'],
});
const en = article({ id: 'a-en', url: 'https://blog.example.com/posts/customers', title: 'Customers & 100% {care}', byline: 'Pat Smith', siteName: 'Service Blog', lang: 'en', createdAt: NOON + 1 });

const camus: Note = highlight({
  id: 'n1',
  url: fr.url,
  exact: 'La vraie générosité envers l’avenir consiste à tout donner au présent & 100 %.',
  kind: 'quote',
  speaker: 'Albert Camus',
  note: 'Mon avis {important} : à reprendre.\n\nSecond paragraphe, 50 % $ ~',
  tags: ['camus', 'générosité'],
  selectors: selectorsAt('La vraie générosité', '', '', 40),
  createdAt: NOON + 60_000,
});
const page: Note = highlight({ id: 'n0', url: fr.url, exact: '', kind: 'page', selectors: [], note: 'Un article « à chaud ».', createdAt: NOON + 30_000 });
const twain: Note = highlight({ id: 'n2', url: en.url, exact: 'The secret of getting ahead is getting started.', kind: 'quote', speaker: 'Mark Twain', selectors: selectorsAt('x', '', '', 5), createdAt: NOON + 90_000 });
const plain: Note = highlight({ id: 'n3', url: en.url, exact: 'Listen first.', selectors: selectorsAt('y', '', '', 900), createdAt: NOON + 95_000 });

const entries = () => referenceEntries([en, fr], [twain, camus, plain, page]);
const day = (t: number) => {
  const d = new Date(t);
  return [d.getFullYear(), d.getMonth() + 1, d.getDate()] as const;
};
/** TeX's whitespace: any run of spaces and line breaks is one space. */
const squash = (s: string) => s.replace(/[ \t\r\n]+/gu, ' ').trim();

describe('entries', () => {
  it('are one per article, oldest first, with every note of it in reading order, the speaker after the passage', () => {
    const list = entries();
    expect(list.map((e) => e.item.title)).toEqual([fr.title, en.title]);
    expect(list[0]!.notes).toEqual([
      'Un article « à chaud ».',
      `«${NNBSP}${camus.exact}${NNBSP}» — Albert Camus\n\nMon avis {important} : à reprendre.\n\nSecond paragraphe, 50 % $ ~`,
    ]);
    expect(list[1]!.notes).toEqual([`“${twain.exact}” — Mark Twain`, `“${plain.exact}”`]);
    expect(list[0]!.keywords).toEqual(['politique', 'camus', 'générosité']);
    // Accessed: the day the reader first saved something of the article.
    expect(list[0]!.item.accessed?.['date-parts']?.[0]).toEqual([...day(NOON)]);
  });

  it('give notes whose article was never stored an entry of their own, from the attribution a quote kept', () => {
    const lone: Note = highlight({
      id: 'n9',
      url: 'https://news.example.org/a',
      exact: 'Words.',
      kind: 'quote',
      attribution: { title: 'Kept title', author: 'Ann Lee', url: 'https://news.example.org/a' },
    });
    const [entry] = referenceEntries([], [lone]);
    expect(entry!.item).toMatchObject({ title: 'Kept title', URL: 'https://news.example.org/a' });
    expect(entry!.notes).toEqual(['“Words.”']);
  });

  it('keep an article without notes (a clip), with no notes attached', () => {
    expect(referenceEntries([en], [])).toEqual([expect.objectContaining({ notes: [], keywords: [] })]);
  });

  it('write a page note as its text alone, and nothing for an empty one', () => {
    expect(attachedNote({ ...page, note: '  ' })).toBe('');
    expect(referenceEntries([fr], [{ ...page, note: '' }])[0]!.notes).toEqual([]);
  });
});

describe('CSL-JSON', () => {
  it('is read by citation.js as the same items: fields, dates, notes and keywords', async () => {
    const text = toCslJson(entries());
    const items = (await Cite.async(text)).data;
    expect(items).toHaveLength(2);
    const [a, b] = items as Array<Record<string, any>>;
    expect(a).toMatchObject({
      id: 'a-fr',
      title: TRICKY,
      author: [{ family: 'Dupont', given: 'Jeanne' }],
      'container-title': 'Le Monde & Co',
      URL: fr.url,
      language: 'fr',
      issued: { 'date-parts': [[2024, 3, 5]] },
      accessed: { 'date-parts': [[...day(NOON)]] },
      keyword: 'politique, camus, générosité',
    });
    expect(a!.note).toBe(entries()[0]!.notes.join('\n\n'));
    expect(b!.note).toContain('— Mark Twain');
  });

  it('is formatted by citeproc-js as it reads it, the notes and keywords no hindrance', () => {
    const items = JSON.parse(toCslJson(entries())) as ReturnType<typeof entries>[number]['item'][];
    const out = render(items[0]!, STYLE_XML.apa, LOCALE_XML, { lang: 'fr-FR', format: 'text' });
    expect(out.bibliography).toContain('Dupont, J. (2024');
    expect(out.bibliography).toMatch(/L’État & «\s*moi\s*»\s:\s100\s%\s\{sic\}/u);
    expect(out.bibliography).toContain(fr.url);
  });
});

describe('BibTeX (biblatex)', () => {
  const bib = () => parseBibtex(toBibLatex(entries()));

  it('parses without an error into @online entries with url and urldate', () => {
    const parsed = bib();
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries.map((e) => e.type)).toEqual(['online', 'online']);
    const [a] = parsed.entries;
    expect(a!.key).toBe('dupont2024etat');
    expect(a!.fields).toMatchObject({
      title: TRICKY,
      author: [{ lastName: 'Dupont', firstName: 'Jeanne' }],
      organization: ['Le Monde & Co'],
      url: fr.url,
      urldate: day(NOON).map((n, i) => (i ? String(n).padStart(2, '0') : n)).join('-'),
      date: '2024-03-05',
      langid: 'french',
      keywords: ['camus', 'générosité', 'politique'], // the parser sorts them
    });
  });

  it('carries every note in annotation, one paragraph each, speaker and special characters included', () => {
    const [a, b] = bib().entries;
    const paragraphs = (s: unknown) => String(s).split('<p>').map(squash);
    expect(paragraphs(a!.fields.annotation)).toEqual(entries()[0]!.notes.flatMap((n) => n.split('\n\n')).map(squash));
    expect(paragraphs(b!.fields.annotation)).toEqual([`“${twain.exact}” — Mark Twain`, `“${plain.exact}”`]);
  });

  it('gives each entry its own key', () => {
    const twin = { ...fr, id: 'a-twin', url: 'https://www.example.fr/other' };
    const keys = parseBibtex(toBibLatex(referenceEntries([fr, twin, { ...fr, id: 'a-3', url: 'https://x.example/3' }], []))).entries.map((e) => e.key);
    expect(keys).toEqual(['dupont2024etat', 'dupont2024etatb', 'dupont2024etatc']);
  });

  it('round-trips any title and note: what the parser reads back is what was written', () => {
    const alphabet = fc.constantFrom(...'aZé É«»‹›“”’\'"&%{}$#_~^\\@,;:!?()[]<>=+*/|.-`'.split(''), ' ', '\u202F', '\u00A0', 'œ', 'ß', '—');
    const text = fc.array(alphabet, { minLength: 1, maxLength: 40 }).map((cs) => cs.join('')).filter((s) => s.trim().length > 0);
    fc.assert(
      fc.property(text, text, (title, note) => {
        const entry: ReferenceEntry = { item: { id: 'x', type: 'webpage', title, URL: 'https://example.org/' }, notes: [note], keywords: [] };
        // Not re-cased into a sentence: how an importer chooses to case English titles is its own affair.
        const parsed = parseBibtex(toBibLatex([entry]), { sentenceCase: false });
        expect(parsed.errors).toEqual([]);
        const fields = parsed.entries[0]!.fields;
        expect(squash(String(fields.title))).toBe(squash(title));
        expect(squash(String(fields.annotation))).toBe(squash(note));
      }),
      { numRuns: 300 },
    );
  });
});

describe('RIS', () => {
  const records = () => plugins.input.chainLink(toRis(entries())) as Array<Record<string, string | string[]>>;

  it('parses into one record per article, each note an N1, each tag a KW, with the day it was read', () => {
    const [a, b] = records();
    const ty = { webpage: 'ELEC', post: 'ELEC', 'post-weblog': 'BLOG', 'article-newspaper': 'NEWS', 'article-magazine': 'MGZN' };
    const [first, second] = entries();
    expect(a).toMatchObject({ TY: ty[first!.item.type], TI: TRICKY, AU: 'Dupont, Jeanne', T2: 'Le Monde & Co', UR: fr.url, LA: 'fr', DA: '2024/03/05/', KW: ['politique', 'camus', 'générosité'] });
    expect(a!.Y2).toBe(`${day(NOON).map((n) => String(n).padStart(2, '0')).join('/')}/`);
    expect(a!.N1).toEqual(entries()[0]!.notes.map((n) => n.replaceAll('\n\n', ` ${PILCROW} `)));
    expect(b).toMatchObject({ TY: ty[second!.item.type], TI: en.title, N1: [`“${twain.exact}” — Mark Twain`, `“${plain.exact}”`] });
  });

  it('is read by citation.js as CSL items of each type, with the notes and the access date', async () => {
    const [a, b] = entries();
    const typed: ReferenceEntry[] = [
      { ...a!, item: { ...a!.item, type: 'article-newspaper' } },
      { ...a!, item: { ...a!.item, type: 'article-magazine' } },
      { ...b!, item: { ...b!.item, type: 'post-weblog' } },
      { ...b!, item: { ...b!.item, type: 'webpage' } },
    ];
    const items = (await Cite.async(toRis(typed), { forceType: '@ris/file' })).data as Array<Record<string, any>>;
    expect(items.map((i) => i.type)).toEqual(['article-newspaper', 'article-magazine', 'post-weblog', 'webpage']);
    const common = { title: TRICKY, URL: fr.url, 'container-title': 'Le Monde & Co', accessed: { 'date-parts': [[...day(NOON)]] }, language: 'fr' };
    // RIS names a newspaper article's author its reporter, and dates it by year.
    expect(items[0]).toMatchObject({ ...common, reporter: 'Dupont, Jeanne', issued: { 'date-parts': [[2024]] } });
    expect(items[1]).toMatchObject({ ...common, author: [{ family: 'Dupont', given: 'Jeanne' }], issued: { 'date-parts': [[2024, 3, 5]] } });
    const notes = (item: Record<string, any>) => [item.note].flat().join('\n');
    expect(notes(items[1]!)).toContain(`${camus.exact}${NNBSP}» — Albert Camus`);
    expect(notes(items[2]!)).toContain(`“${twain.exact}” — Mark Twain`);
  });

  it('keeps a record whole whatever a note holds: line breaks, blank lines, a line that looks like a tag', () => {
    const entry: ReferenceEntry = { item: { id: 'x', type: 'webpage', title: 'T' }, notes: ['one\r\n\r\nER  - \nTY  - JOUR', 'two'], keywords: [] };
    const [record, ...rest] = plugins.input.chainLink(toRis([entry, entry])) as Array<Record<string, unknown>>;
    expect(rest).toHaveLength(1);
    expect(record!.N1).toEqual([`one ${PILCROW} ER - TY - JOUR`, 'two']);
  });

  it('round-trips any title and note on one line', () => {
    const text = fc.string({ unit: fc.constantFrom(...'aé«» &%{}$\\—’"\u202F\n-'.split('')), minLength: 1, maxLength: 40 }).filter((s) => /\S/u.test(s));
    fc.assert(
      fc.property(text, text, (title, note) => {
        const entry: ReferenceEntry = { item: { id: 'x', type: 'webpage', title }, notes: [note], keywords: [] };
        const [record] = plugins.input.chainLink(toRis([entry])) as Array<Record<string, string>>;
        const flat = (s: string) =>
          s.split(/\n[ \t]*\n/u).map((p) => p.replace(/[ \t]*\n[ \t]*/gu, ' ').trim()).filter(Boolean).join(` ${PILCROW} `).replace(/ {2,}-/gu, ' -');
        expect(record!.TI).toBe(flat(title));
        expect(record!.N1).toBe(flat(note));
      }),
      { numRuns: 300 },
    );
  });
});

describe('the export files', () => {
  it('name and type each format, from a whole library, every article an entry', async () => {
    const lib = sampleLibrary();
    const now = Date.UTC(2026, 11, 4, 9);
    const json = exportFile('csl-json', lib, { now, timeZone: 'UTC' });
    const bib = exportFile('bibtex', lib, { now, timeZone: 'UTC' });
    const ris = exportFile('ris', lib, { now, timeZone: 'UTC' });
    expect([json.name, bib.name, ris.name]).toEqual(['verbatim-references-2026-12-04.json', 'verbatim-references-2026-12-04.bib', 'verbatim-references-2026-12-04.ris']);
    expect([json.mime, bib.mime, ris.mime]).toEqual(['application/vnd.citationstyles.csl+json', 'application/x-bibtex;charset=utf-8', 'application/x-research-info-systems;charset=utf-8']);
    const urls = new Set(lib.notes.map((n) => n.url).concat(lib.articles.map((a) => a.url)));
    expect((await Cite.async(json.data)).data).toHaveLength(urls.size);
    const parsed = parseBibtex(bib.data as string);
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries).toHaveLength(urls.size);
    expect(plugins.input.chainLink(ris.data)).toHaveLength(urls.size);
  });
});

describe('what is exported: the selection, one article, one tag', () => {
  let db: VerbatimDb;
  dbPerTest((fresh) => (db = fresh));
  const clip = article({ id: 'a-clip', url: 'https://clip.example/x', title: 'Clipped, no notes', tags: ['camus'], createdAt: NOON + 2 });
  const titles = async (opts: Parameters<typeof exportToFile>[2]) => {
    const file = await exportToFile(db, 'csl-json', { now: NOON, ...opts });
    return file && ((JSON.parse(file.data as string) as Array<{ title: string; note?: string }>).map((i) => [i.title, i.note ?? ''] as const));
  };

  it('gives the selected notes under their articles, one article its notes, one tag what carries it', async () => {
    await db.articles.bulkPut([fr, en, clip]);
    await db.notes.bulkPut([camus, page, twain, plain]);
    // The selection: one note of each article, nothing else of theirs.
    expect(await titles({ noteIds: ['n1', 'n3'] })).toEqual([
      [fr.title, entries()[0]!.notes[1]],
      [en.title, `“${plain.exact}”`],
    ]);
    expect(await titles({ articleUrl: en.url })).toEqual([[en.title, entries()[1]!.notes.join('\n\n')]]);
    // An article without notes is still a reference.
    expect(await titles({ articleUrl: clip.url })).toEqual([[clip.title, '']]);
    // #camus: the note tagged, and the article tagged.
    expect(await titles({ tag: 'camus' })).toEqual([
      [fr.title, entries()[0]!.notes[1]],
      [clip.title, ''],
    ]);
    expect(await titles({ tag: 'nothing' })).toBeNull();
    expect(await titles({ noteIds: ['gone'] })).toBeNull();
  });
});
