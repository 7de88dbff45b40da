import { describe, expect, it } from 'vitest';
import { projectToRichText } from '../../utils/export/project-html';
import { parse } from '../support/dom';
import { HOSTILE, sampleProject } from '../support/project';
import { textsOf as texts } from '../support/markdown';

const NNBSP = '\u202F';
const doc = (html: string) => parse(html, 'https://verbatim.invalid/');

describe('projectToRichText: HTML for the clipboard', () => {
  const { html, text } = projectToRichText(sampleProject('apa', 'en'));
  const page = doc(html);

  it('keeps the draft’s structure: title, headings, blockquotes with their speaker, a numbered note per footnote call, the bibliography', () => {
    expect(texts(page, 'h1')).toEqual(['Conférence relation client']);
    expect(texts(page, 'h2')).toEqual(['Ouverture #1', 'Suite', 'Notes', 'Bibliography']);
    const quotes = [...page.querySelectorAll('blockquote')];
    expect(quotes).toHaveLength(3);
    expect(texts(quotes[0]!, 'p')).toEqual(['Je me révolte, donc nous sommes.', '— Albert Camus1']);
    expect(texts(page, 'body > p')).toContain('“Customers stay where they are heard.”3');
    // Footnote calls 1…n in order, one per note of the list, and nothing else in superscript.
    expect(texts(page, 'sup')).toEqual(['1', '2', '3', '4', '5']);
    const notes = [...page.querySelectorAll('ol > li')];
    expect(notes).toHaveLength(5);
    expect(notes[0]!.textContent).toMatch(/^Albert Camus, as cited in Martin, J\. \(2024, March 5\)\./u);
    expect(notes[1]!.querySelector('i')?.textContent).toBe('Example Blog');
    // The bibliography: the paragraphs after its heading, each source once.
    const bibliography = [...page.querySelectorAll('h2')].at(-1)!;
    const entries: string[] = [];
    for (let e = bibliography.nextElementSibling; e; e = e.nextElementSibling) entries.push(e.textContent!);
    expect(entries.map((e) => e.slice(0, 8))).toEqual(['Doe, J. ', 'Martin, ']);
  });

  it('escapes every text from notes and pages: only the elements and attributes it writes itself', () => {
    expect(page.querySelectorAll('img, a, script, b, [onerror], [href], [src], [class]')).toHaveLength(0);
    const allowed = new Set(['HTML', 'HEAD', 'META', 'TITLE', 'BODY', 'H1', 'H2', 'P', 'BR', 'BLOCKQUOTE', 'SUP', 'SUB', 'HR', 'OL', 'LI', 'I', 'SPAN']);
    expect([...page.querySelectorAll('*')].map((e) => e.tagName).filter((t) => !allowed.has(t))).toEqual([]);
    const attributes = new Set([...page.querySelectorAll('*')].flatMap((e) => e.getAttributeNames()));
    expect([...attributes].sort()).toEqual(['charset', 'lang', 'style']);
    const hostile = [...page.querySelectorAll('blockquote')][2]!;
    expect(texts(hostile, 'p')).toEqual(['# Not a heading', `> ${HOSTILE}`, '— <b>Eve</b> [^1]5']);
    expect(texts(page, 'ol > li')[4]).toMatch(/^<b>Eve<\/b> \[\^1\], as cited in Doe/u);
  });

  it('puts the same draft in plain text: passages in quotation marks, calls as [n], the notes numbered, the bibliography', () => {
    expect(text).toContain('Ouverture #1\n\nMy own words, *as written*.\n\nA second paragraph.\n\n“Je me révolte, donc nous sommes.”\n— Albert Camus [1]');
    expect(text).toContain('“Trust is built in drops\n\nand lost in buckets.”\n— Jane Doe [2]');
    expect(text).toContain('“Customers stay where they are heard.” [3]');
    expect(text).toMatch(/\nNotes\n1\. Albert Camus, as cited in Martin[^\n]+\n2\. Doe[^\n]+\n3\. Doe[^\n]+\n4\. Martin[^\n]+\n5\. <b>Eve<\/b>/u);
    expect(text).toMatch(/\nBibliography\nDoe, J\.[^\n]+\nMartin, J\.[^\n]+\n$/u);
  });

  it('in French: « » with narrow no-break spaces, the headings given, the document’s language', () => {
    const fr = projectToRichText({ ...sampleProject('chicago-notes', 'fr'), labels: { notes: 'Notes', bibliography: 'Bibliographie' } });
    const frPage = doc(fr.html);
    expect(frPage.documentElement.lang).toBe('fr');
    expect(texts(frPage, 'body > p')).toContain(`«${NNBSP}Customers stay where they are heard.${NNBSP}»3`);
    expect(texts(frPage, 'h2').at(-1)).toBe('Bibliographie');
    expect(texts(frPage, 'ol > li')[0]).toMatch(/^Albert Camus, cité par Jeanne Martin, /u);
  });
});
