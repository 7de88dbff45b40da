/**
 * A .docx file opened for checks (the project export's unit and end-to-end tests, issue #17):
 * unzipped with fflate, which Verbatim ships (not with docx's own zip code), its parts parsed as
 * XML by jsdom. A missing part, or one that is not well-formed, throws.
 */
import { strFromU8, unzipSync } from 'fflate';
import { JSDOM } from './dom';

/** WordprocessingML's namespace, for `getElementsByTagNameNS` and `getAttributeNS`. */
export const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

export interface OpenedDocx {
  /** Every part's path in the package. */
  names: string[];
  document: Document;
  footnotes: Document;
  styles: Document;
}

export function openDocx(bytes: Uint8Array): OpenedDocx {
  const zip = unzipSync(bytes);
  const { DOMParser } = new JSDOM('').window;
  const xml = (name: string) => {
    const part = zip[name];
    if (!part) throw new Error(`no ${name} in the package`);
    const parsed = new DOMParser().parseFromString(strFromU8(part), 'application/xml');
    if (parsed.getElementsByTagName('parsererror').length) throw new Error(`${name} is not well-formed XML`);
    return parsed;
  };
  return { names: Object.keys(zip), document: xml('word/document.xml'), footnotes: xml('word/footnotes.xml'), styles: xml('word/styles.xml') };
}

/** The elements of a WordprocessingML name (`p`, `t`, `footnoteReference`…) under `root`. */
export const wAll = (root: Document | Element, name: string): Element[] => [...root.getElementsByTagNameNS(W, name)];

/** The text of a paragraph, a footnote or a run: its `w:t` joined. */
export const wText = (el: Element): string =>
  wAll(el, 't')
    .map((t) => t.textContent)
    .join('');

/** The footnotes by id, without Word's separators (ids -1 and 0). */
export const footnotesById = (footnotes: Document): Map<string, Element> =>
  new Map(
    wAll(footnotes, 'footnote')
      .map((f) => [f.getAttributeNS(W, 'id') ?? '', f] as const)
      .filter(([id]) => Number(id) > 0),
  );
