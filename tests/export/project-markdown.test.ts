import { describe, expect, it } from 'vitest';
import { projectToMarkdown } from '../../utils/export/project-markdown';
import { HOSTILE, sampleProject } from '../support/project';
import { footnoteCalls as calls, footnoteDefinitions as definitions, paragraphsAfter, renderedMarkdown as rendered, textsOf as texts } from '../support/markdown';

const NNBSP = '\u202F';

describe('projectToMarkdown, read by a real Markdown parser', () => {
  const markdown = projectToMarkdown(sampleProject('apa', 'en'));
  const doc = rendered(markdown);

  it('renders the title, the writer’s headings and text as written', () => {
    expect(texts(doc, 'h1')).toEqual(['Conférence relation client']);
    expect(texts(doc, 'h2').slice(0, 2)).toEqual(['Ouverture #1', 'Suite']);
    expect(texts(doc, 'body > p').slice(0, 2)).toEqual(['My own words, *as written*.', 'A second paragraph.']);
  });

  it('renders each quote as a blockquote ending with its speaker and its footnote call', () => {
    const quotes = [...doc.querySelectorAll('blockquote')];
    expect(quotes.map((q) => texts(q, 'p'))).toEqual([
      ['Je me révolte, donc nous sommes.', '— Albert Camus1'],
      ['Trust is built in drops', 'and lost in buckets.', '— Jane Doe2'],
      ['# Not a heading', `> ${HOSTILE}`.trim(), '— <b>Eve</b> [^1]5'],
    ]);
    // The hostile passage stays text: no element of its own, no link, no footnote of its own.
    expect([...quotes[2]!.querySelectorAll('*')].map((e) => e.tagName)).toEqual(['P', 'P', 'P', 'SUP', 'A']);
    expect(doc.querySelectorAll('img, script, b, strong')).toHaveLength(0);
  });

  it('matches footnote calls and definitions one to one, in order, each with its full citation', () => {
    const ids = calls(doc);
    const defs = definitions(doc);
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
    expect([...defs.keys()]).toEqual(ids.map((id) => id));
    const [camus, doe, highlight, page, eve] = ids.map((id) => defs.get(id)!);
    expect(camus).toBe('Albert Camus, as cited in Martin, J. (2024, March 5). La révolte, « aujourd’hui ». Le Quotidien. https://www.exemple.fr/idees/la-revolte');
    expect(doe).toBe('Doe, J. (2024, January 15). Why Customers Stay. Example Blog. https://blog.example.com/trust');
    expect(highlight).toBe(doe);
    expect(page).toMatch(/^Martin, J\./u);
    expect(eve).toMatch(/^<b>Eve<\/b> \[\^1\], as cited in Doe, J\./u);
    // Italics are Markdown emphasis; the URL a link.
    const second = doc.getElementById(ids[1]!)!;
    expect(texts(second, 'em')).toEqual(['Example Blog']);
    expect(second.querySelector('a[href="https://blog.example.com/trust"]')).not.toBeNull();
  });

  it('writes a highlight as a run-in quotation, a page note as a paragraph, each with its call', () => {
    expect(texts(doc, 'body > p')).toEqual(expect.arrayContaining(['“Customers stay where they are heard.”3', 'Tout l’article vaut le détour.4']));
  });

  it('ends with the bibliography: each source once, as the style sorts them', () => {
    expect(paragraphsAfter(doc, 'Bibliography').map((e) => e.slice(0, 8))).toEqual(['Doe, J. ', 'Martin, ']);
  });

  it('a passage that ends with a web address keeps its footnote call (GFM’s bare-URL links would swallow it)', () => {
    const input = sampleProject('apa', 'en');
    const notes = new Map(input.notes);
    notes.set('q-doe', { ...notes.get('q-doe')!, exact: 'Read https://example.com/x' });
    notes.set('h-doe', { ...notes.get('h-doe')!, exact: 'See www.example.com/y' });
    notes.set('p-fr', { ...notes.get('p-fr')!, note: 'Source: https://example.com/page#part' });
    const page = rendered(projectToMarkdown({ ...input, notes }));
    expect(calls(page)).toHaveLength(5);
    expect(texts(page, 'blockquote p')[2]).toBe('Read https://example.com/x');
    expect(texts(page, 'body > p')).toEqual(expect.arrayContaining(['“See www.example.com/y”3', 'Source: https://example.com/page#part4']));
    // The addresses are links (the bibliography's follow).
    expect([...page.querySelectorAll('body > p a:not([data-footnote-ref]), blockquote a:not([data-footnote-ref])')].map((a) => a.getAttribute('href')).slice(0, 3)).toEqual([
      'https://example.com/x',
      'http://www.example.com/y',
      'https://example.com/page#part',
    ]);
  });

  it('a note style, in French: the notes’ own form, « » around passages, French headings', () => {
    const fr = rendered(projectToMarkdown({ ...sampleProject('chicago-notes', 'fr'), labels: { bibliography: 'Bibliographie' } }));
    const defs = definitions(fr);
    expect(defs.size).toBe(5);
    expect(defs.get(calls(fr)[0]!)).toMatch(/^Albert Camus, cité par Jeanne Martin, «/u);
    expect(texts(fr, 'body > p')).toContain(`«${NNBSP}Customers stay where they are heard.${NNBSP}»3`);
    // (The parser adds its own "Footnotes" heading at the end.)
    expect(texts(fr, 'h2')).toContain('Bibliographie');
  });
});
