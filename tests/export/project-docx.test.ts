import { describe, expect, it } from 'vitest';
import { projectToDocx, xmlText } from '../../utils/export/project-docx';
import { HOSTILE, sampleProject } from '../support/project';
import { footnotesById, openDocx, W, wAll, wText } from '../support/docx';


const styleOf = (p: Element) => wAll(p, 'pStyle')[0]?.getAttributeNS(W, 'val') ?? '';

describe('projectToDocx: a Word document', async () => {
  const docx = openDocx(await projectToDocx(sampleProject('apa', 'en')));
  const paragraphs = wAll(docx.document, 'p');

  it('is a Word package: document, styles, footnotes, content types', () => {
    expect(docx.names).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml', 'word/footnotes.xml', '_rels/.rels']));
  });

  it('has the title, the writer’s headings as Word headings, their text as paragraphs', () => {
    expect(paragraphs.filter((p) => styleOf(p) === 'Title').map((p) => wText(p))).toEqual(['Conférence relation client']);
    expect(paragraphs.filter((p) => styleOf(p) === 'Heading1').map((p) => wText(p))).toEqual(['Ouverture #1', 'Suite', 'Bibliography']);
    expect(paragraphs.map((p) => wText(p))).toEqual(expect.arrayContaining(['My own words, *as written*.', 'A second paragraph.', '“Customers stay where they are heard.”']));
  });

  it('sets quotes in the Quote style, which the document defines indented', () => {
    expect(paragraphs.filter((p) => styleOf(p) === 'Quote').map((p) => wText(p))).toEqual([
      'Je me révolte, donc nous sommes.',
      '— Albert Camus',
      'Trust is built in drops',
      'and lost in buckets.',
      '— Jane Doe',
      '# Not a heading',
      `> ${xmlText(HOSTILE)}`,
      '— <b>Eve</b> [^1]',
    ]);
    const quote = wAll(docx.styles, 'style').find((s) => s.getAttributeNS(W, 'styleId') === 'Quote')!;
    expect(Number(wAll(quote, 'ind')[0]!.getAttributeNS(W, 'left'))).toBeGreaterThan(0);
  });

  it('gives each passage a real Word footnote holding its full citation, called in order', () => {
    const calls = wAll(docx.document, 'footnoteReference').map((r) => r.getAttributeNS(W, 'id'));
    expect(calls).toEqual(['1', '2', '3', '4', '5']);
    const notes = footnotesById(docx.footnotes);
    expect([...notes.keys()]).toEqual(calls);
    expect(wText(notes.get('1')!)).toMatch(/^Albert Camus, as cited in Martin, J\. \(2024, March 5\)\. La révolte/u);
    expect(wText(notes.get('2')!)).toBe('Doe, J. (2024, January 15). Why Customers Stay. Example Blog. https://blog.example.com/trust');
    expect(wText(notes.get('5')!)).toMatch(/^<b>Eve<\/b> \[\^1\], as cited in Doe/u);
    // The container's italics are Word italics.
    const italic = wAll(notes.get('2')!, 'r').find((r) => wAll(r, 'i').length > 0);
    expect(italic && wText(italic)).toBe('Example Blog');
    // The call sits after the speaker, in the quote's last paragraph.
    const camus = paragraphs.find((p) => wText(p) === '— Albert Camus')!;
    expect(wAll(camus, 'footnoteReference')).toHaveLength(1);
  });

  it('ends with the bibliography, each source once, with hanging indents', () => {
    const heading = paragraphs.findIndex((p) => wText(p) === 'Bibliography');
    const entries = paragraphs.slice(heading + 1);
    expect(entries.map((p) => wText(p).slice(0, 8))).toEqual(['Doe, J. ', 'Martin, ']);
    for (const p of entries) expect(Number(wAll(p, 'ind')[0]!.getAttributeNS(W, 'hanging'))).toBeGreaterThan(0);
  });

  it('keeps text Word cannot hold out of the XML: control characters and lone surrogates become U+FFFD', () => {
    expect(xmlText('a\u0001b\uD800c\u0009\n😀')).toBe('a\uFFFDb\uFFFDc\u0009\n😀');
    expect(wText(paragraphs.find((p) => wText(p).startsWith('> '))!)).toContain('&amp; \uFFFD');
  });

  it('in French: the bibliography heading given, « » around run-in passages', async () => {
    const fr = openDocx(await projectToDocx({ ...sampleProject('chicago-notes', 'fr'), labels: { bibliography: 'Bibliographie' } }));
    const texts = wAll(fr.document, 'p').map((p) => wText(p));
    expect(texts).toContain('Bibliographie');
    expect(texts).toContain('«\u202FCustomers stay where they are heard.\u202F»');
    expect(wText(footnotesById(fr.footnotes).get('1')!)).toMatch(/^Albert Camus, cité par Jeanne Martin, /u);
  });
});
