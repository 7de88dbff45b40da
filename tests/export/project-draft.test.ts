import { describe, expect, it } from 'vitest';
import { plainOf, projectDraft, runsOfHtml } from '../../utils/export/project-draft';
import { sampleProject } from '../support/project';

const NNBSP = '\u202F';
const NBSP = '\u00A0';
/** Text with its no-break spaces as spaces (citeproc-js puts some inside « »). */
const flat = (text: string) => text.replace(/[\u00A0\u202F]/gu, ' ');

describe('projectDraft: what each board item becomes', () => {
  const draft = projectDraft(sampleProject('apa', 'en'));

  it('keeps the board order: headings, the writer’s text, quotes, a highlight, a page note; a deleted note is left out', () => {
    expect(draft.title).toBe('Conférence relation client');
    expect(draft.blocks.map((b) => b.kind)).toEqual(['heading', 'text', 'quote', 'quote', 'heading', 'passage', 'text', 'quote']);
    expect(draft.blocks[1]).toEqual({ kind: 'text', paragraphs: [['My own words, *as written*.'], ['A second paragraph.']] });
    expect(draft.blocks[3]).toMatchObject({ kind: 'quote', paragraphs: ['Trust is built in drops', 'and lost in buckets.'], speaker: 'Jane Doe', footnote: 2 });
    expect(draft.blocks[5]).toEqual({ kind: 'passage', text: 'Customers stay where they are heard.', footnote: 3 });
    expect(draft.blocks[6]).toEqual({ kind: 'text', paragraphs: [['Tout l’article vaut le détour.']], footnote: 4 });
  });

  it('gives each passage its own footnote, numbered in order, and one bibliography entry per source', () => {
    expect(draft.footnotes).toHaveLength(5);
    expect(draft.bibliography.map((e) => flat(plainOf(e)))).toEqual([
      'Doe, J. (2024, January 15). Why Customers Stay. Example Blog. https://blog.example.com/trust',
      'Martin, J. (2024, March 5). La révolte, « aujourd’hui ». Le Quotidien. https://www.exemple.fr/idees/la-revolte',
    ]);
  });

  it('an author-date style: the footnote holds the full reference; a speaker who is not the author comes first', () => {
    const [camus, doe, highlight, page] = draft.footnotes.map(plainOf);
    expect(camus).toBe(`Albert Camus, as cited in ${plainOf(draft.bibliography[1]!)}`);
    // Jane Doe wrote the page she is quoted on: no "as cited in".
    expect(doe).toBe(plainOf(draft.bibliography[0]!));
    expect(highlight).toBe(plainOf(draft.bibliography[0]!));
    expect(page).toBe(plainOf(draft.bibliography[1]!));
    // Italics survive, as runs.
    expect(draft.bibliography[0]).toContainEqual({ text: 'Example Blog', italic: true });
  });

  it('a note style (Chicago notes): the footnote is the full note, the bibliography its own form', () => {
    const notes = projectDraft(sampleProject('chicago-notes', 'en'));
    expect(flat(plainOf(notes.footnotes[0]!))).toBe('Albert Camus, quoted in Jeanne Martin, “La révolte, « aujourd’hui »,” Le Quotidien, March 5, 2024, https://www.exemple.fr/idees/la-revolte.');
    expect(flat(plainOf(notes.bibliography[1]!))).toBe('Martin, Jeanne. “La révolte, « aujourd’hui ».” Le Quotidien, March 5, 2024. https://www.exemple.fr/idees/la-revolte.');
  });

  it('sorts the bibliography as the style does and disambiguates same author, same year', () => {
    const input = sampleProject('apa', 'en');
    const second = { ...input.articles.get('https://blog.example.com/trust')!, id: 'art-en-2', url: 'https://blog.example.com/trust-2', title: 'A Second Post' };
    const note = { ...input.notes.get('h-doe')!, id: 'h-doe-2', url: second.url };
    const draft2 = projectDraft({
      ...input,
      project: { ...input.project, items: [...input.project.items, { kind: 'note', id: 'i10', noteId: 'h-doe-2' }] },
      notes: new Map([...input.notes, [note.id, note]]),
      articles: new Map([...input.articles, [second.url, second]]),
    });
    const entries = draft2.bibliography.map(plainOf);
    expect(entries).toHaveLength(3);
    expect(entries.slice(0, 2).map((e) => e.slice(0, 16)).sort()).toEqual(['Doe, J. (2024a, ', 'Doe, J. (2024b, ']);
    expect(entries[2]).toMatch(/^Martin, J\. \(2024, /u);
    // Each footnote names its own source's entry, letters included.
    expect(plainOf(draft2.footnotes[5]!)).toBe(entries.find((e) => e.includes('A Second Post')));
  });

  it('in French: « » around a run-in passage, and French typography in citations written in French', () => {
    const fr = projectDraft(sampleProject('iso690-author-date-fr', 'fr'));
    expect(fr.marks).toEqual([`«${NNBSP}`, `${NNBSP}»`]);
    const first = plainOf(fr.footnotes[0]!);
    expect(first).toMatch(/^Albert Camus, cité par MARTIN, Jeanne, 2024\./u);
    expect(first).toContain(`Disponible à l’adresse${NBSP}: https://www.exemple.fr/idees/la-revolte`);
  });

  it('a passage checked against its source says so in its footnote, with the day, in the words given', () => {
    const input = sampleProject('apa', 'en');
    const at = Date.UTC(2026, 11, 4, 12);
    const notes = new Map(input.notes);
    notes.set('q-camus', { ...notes.get('q-camus')!, check: { at, outcome: 'same' } });
    notes.set('q-doe', { ...notes.get('q-doe')!, check: { at, outcome: 'gone' } });
    const checked = projectDraft({ ...input, notes, timeZone: 'UTC' });
    expect(plainOf(checked.footnotes[0]!)).toMatch(/la-revolte Checked word for word against the source on December 4, 2026\.$/u);
    expect(plainOf(checked.footnotes[1]!)).toMatch(/ No longer found on the source \(checked on December 4, 2026\)\.$/u);
    expect(plainOf(checked.footnotes[2]!)).not.toMatch(/checked/iu);
    const fr = projectDraft({ ...input, notes, lang: 'fr', timeZone: 'UTC', labels: { checked: (o, d) => `[${o}] ${d}` } });
    expect(plainOf(fr.footnotes[0]!)).toMatch(/\[same\] 4 décembre 2026$/u);
  });

  it('never alters the passage, the speaker or the writer’s text', () => {
    const fr = projectDraft(sampleProject('apa', 'fr'));
    const hostile = fr.blocks[7]!;
    expect(hostile.kind === 'quote' && hostile.paragraphs).toEqual(['# Not a heading', expect.stringContaining('> <img src=x onerror=alert(1)> **bold** [^9]')]);
    expect(hostile.kind === 'quote' && hostile.speaker).toBe('<b>Eve</b> [^1]');
    // The speaker's markup is not read as markup in the citation either.
    expect(fr.footnotes[4]![0]).toEqual({ text: expect.stringMatching(/^<b>Eve<\/b> \[\^1\], cité par Doe/u) });
  });
});

describe('runsOfHtml', () => {
  it('keeps italics, bold, small caps, superscript; drops every other tag, keeping its text; decodes entities', () => {
    expect(runsOfHtml('A <i>b <span style="font-style:normal;">c</span> d</i> <b>e</b>&#38;<span style="font-variant:small-caps;">f</span><sup>2</sup>')).toEqual([
      { text: 'A ' },
      { text: 'b ', italic: true },
      { text: 'c' },
      { text: ' d', italic: true },
      { text: ' ' },
      { text: 'e', bold: true },
      { text: '&' },
      { text: 'f', smallCaps: true },
      { text: '2', sup: true },
    ]);
    expect(runsOfHtml('<a href="javascript:x">link</a><script>alert(1)</script><img src=x onerror=y>&lt;b&gt;')).toEqual([{ text: 'linkalert(1)<b>' }]);
  });
});
