/**
 * Markdown read back as GitHub renders it (issue #17's project export): micromark, the reference
 * CommonMark parser, with every GFM extension (footnotes, bare-URL links, tables…), its HTML
 * parsed by jsdom. For the unit and end-to-end tests of the Markdown draft.
 */
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { JSDOM } from './dom';

/** The Markdown as GitHub renders it, as a document. */
export function renderedMarkdown(markdown: string): Document {
  const html = micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml()] });
  return new JSDOM(`<!DOCTYPE html><body>${html}</body>`).window.document;
}

/** The texts of the elements `selector` finds, trimmed, in document order. */
export const textsOf = (root: ParentNode, selector: string): string[] => [...root.querySelectorAll(selector)].map((e) => e.textContent!.trim());

/** The footnote calls, in the order they appear: the id of the definition each points to. */
export const footnoteCalls = (doc: Document): string[] => [...doc.querySelectorAll('a[data-footnote-ref]')].map((a) => a.getAttribute('href')!.replace(/^#/u, ''));

/** The footnote definitions as rendered, by id, each with its text (without its back link). */
export function footnoteDefinitions(doc: Document): Map<string, string> {
  return new Map(
    [...doc.querySelectorAll('section[data-footnotes] li')].map((li) => {
      const copy = li.cloneNode(true) as Element;
      copy.querySelectorAll('a[data-footnote-backref]').forEach((a) => a.remove());
      return [li.id, copy.textContent!.trim()];
    }),
  );
}

/** The paragraphs after the heading that reads `heading` (a reference list), up to the next non-paragraph. */
export function paragraphsAfter(doc: Document, heading: string): string[] {
  const h = [...doc.querySelectorAll('h1, h2, h3')].find((e) => e.textContent === heading);
  const out: string[] = [];
  for (let e = h?.nextElementSibling; e && e.tagName === 'P'; e = e.nextElementSibling) out.push(e.textContent!);
  return out;
}
