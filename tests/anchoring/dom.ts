/**
 * Documents for anchoring tests and benchmarks, from either DOM implementation, so every check
 * runs under both jsdom and happy-dom. Scripts never run and no resource is fetched in either.
 */
import type { CorpusVariant } from '../corpus/corpus';
import { Window } from 'happy-dom';
import { JSDOM } from '../extract/dom';

export type DomName = 'jsdom' | 'happy-dom';
export const DOMS: DomName[] = ['jsdom', 'happy-dom'];

export interface Loaded {
  doc: Document;
  /** Frees the window (happy-dom keeps timers and caches alive until closed). */
  close(): void;
}

/** Parses `html` as if served at `url`, with the chosen implementation. */
export function load(dom: DomName, html: string, url = 'https://example.test/'): Loaded {
  if (dom === 'jsdom') {
    const { window } = new JSDOM(html, { url });
    return { doc: window.document, close: () => window.close() };
  }
  const window = new Window({ url, settings: { disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
  window.document.write(html);
  return { doc: window.document as unknown as Document, close: () => void window.happyDOM.close() };
}

export { collapse } from '../corpus/corpus';

/** Text nodes under `el`, in document order. */
function textNodes(el: Element): Text[] {
  const out: Text[] = [];
  const walker = el.ownerDocument.createTreeWalker(el, 0x4 /* SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text);
  return out;
}

/**
 * The DOM point of character `offset` in `el`'s whitespace-collapsed textContent: before that
 * character for a start, just after character `offset - 1` for an end.
 */
export function pointAt(el: Element, offset: number, edge: 'start' | 'end'): [Node, number] {
  // Position of every collapsed character in the raw text nodes.
  const where: [Text, number][] = [];
  let space: [Text, number] | null = null;
  for (const node of textNodes(el)) {
    for (let i = 0; i < node.data.length; i++) {
      if (/\s/.test(node.data[i]!)) {
        space ??= [node, i];
        continue;
      }
      if (space && where.length > 0) where.push(space);
      space = null;
      where.push([node, i]);
    }
  }
  if (edge === 'start') {
    const at = where[offset];
    if (!at) throw new Error(`offset ${offset} beyond ${where.length}`);
    return at;
  }
  const last = where[offset - 1];
  if (!last) throw new Error(`offset ${offset} beyond ${where.length}`);
  return [last[0], last[1] + 1];
}

/** Collapsed-text offset of a DOM point within `el` (characters of `el` before the point). */
export function offsetOf(el: Element, node: Node, offset: number): number {
  const r = el.ownerDocument.createRange();
  r.selectNodeContents(el);
  r.setEnd(node, offset);
  return r.toString().replace(/\s+/g, ' ').trimStart().length;
}

/** A `[data-block]` element of a corpus page (the manifest locates quotes by block). */
function blockOf(doc: Document, block: number | string): Element {
  const el = doc.querySelector(`[data-block="${block}"]`);
  if (!el) throw new Error(`no [data-block="${block}"]`);
  return el;
}

/** The range the corpus manifest records for a quote: block and collapsed offset at each end. */
export function recordedRange(doc: Document, where: Pick<CorpusVariant['where'][string], 'start' | 'end'>): Range {
  const range = doc.createRange();
  range.setStart(...pointAt(blockOf(doc, where.start[0]), where.start[1], 'start'));
  range.setEnd(...pointAt(blockOf(doc, where.end[0]), where.end[1], 'end'));
  return range;
}

/** Characters (whitespace runs counting one) between two DOM points, in either order. */
export function gap(doc: Document, a: [Node, number], b: [Node, number]): number {
  const probe = doc.createRange();
  probe.setStart(...a);
  const range = doc.createRange();
  if (probe.comparePoint(...b) < 0) {
    range.setStart(...b);
    range.setEnd(...a);
  } else {
    range.setStart(...a);
    range.setEnd(...b);
  }
  return range.toString().replace(/\s+/g, ' ').length;
}
