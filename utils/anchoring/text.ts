/**
 * The text a reader sees under a root, as one string, with the map back to DOM text nodes.
 * Pure DOM: no browser extension APIs, so it runs in content scripts, jsdom and happy-dom.
 *
 * Two texts live here:
 * - the raw text: every visible text node's data, concatenated. TextPositionSelector offsets count
 *   UTF-16 code units of it (as Hypothesis and dom-anchor-text-position do, minus hidden text).
 * - the normalised text (see normalize.ts), built on first use and cached in the index: what
 *   quotes are searched in. Block boundaries, which have no character in the raw text
 *   (`<p>a.</p><p>B</p>` reads "a.B"), become a space there, so a quote across paragraphs matches
 *   whether or not the page puts whitespace between them.
 */
import { dom, type Dom } from '../dom/pristine';
import type { GramIndex } from './grams';
import { Normalizer, type Normalized } from './normalize';

/** Elements whose text a reader never sees (by local name, lower case). */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'head', 'title', 'textarea', 'select']);

/**
 * Elements that lay out as blocks (or line breaks) by default. Decided by tag, not computed style:
 * the same in every environment, and no layout is forced on a large page.
 */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'caption', 'center', 'dd', 'details', 'dialog',
  'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5',
  'h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'option', 'p', 'pre',
  'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'video', 'audio',
]);

/**
 * Verbatim's own elements in the page (its UI host), whose text never counts as page text. Kept
 * by identity, not marked with an attribute: a page must not find them by a fixed name.
 */
const OWN_ELEMENTS = new WeakSet<Element>();

/** Marks one of Verbatim's own elements: its text is never page text. */
export const excludeFromText = (el: Element): void => void OWN_ELEMENTS.add(el);

/**
 * A page's visible text without its DOM: all that matching a quote needs. Plain data, so it can
 * travel in a message and be matched away from the page's main thread (see `pageText`).
 */
export interface PageText {
  /** Concatenated data of every visible text node, in document order (the raw text). */
  text: string;
  /** `starts[i]` is the offset in `text` where text node `i` begins. */
  starts: number[];
  /** Raw offsets where a block begins or ends, ascending, without repeats. */
  breaks: number[];
  /** Caches filled on use: the normalised text (see `normalizedText`), … */
  normalized?: Normalized;
  /** … a gram index of the normalised text, on long pages (see grams.ts), … */
  grams?: GramIndex;
  /** … and how far passages anchored so far moved: `[old normalised start, shift]`, sorted. */
  shifts?: [number, number][];
}

/** The page's text and the DOM text nodes it was read from. */
export interface TextIndex extends PageText {
  root: Element;
  nodes: Text[];
  /** Cache: each indexed text node's position in `nodes`. */
  positions?: Map<Node, number>;
}

/** The index's text alone, without caches or DOM nodes: what a message carries. */
export const pageText = ({ text, starts, breaks }: PageText): PageText => ({ text, starts, breaks });

/** An element's local name, through the prototypes only where a form's control shadows it. */
function localNameOf(d: Dom, el: Element): string {
  const name: unknown = el.localName;
  return typeof name === 'string' ? name : d.localName(el);
}

const isSkipped = (d: Dom, el: Element, name: string, form: boolean) =>
  SKIPPED.has(name) || OWN_ELEMENTS.has(el) || (form ? d.hasAttribute(el, 'hidden') : el.hasAttribute('hidden'));

/** Walks the root's text nodes, skipping scripts, styles, hidden elements and Verbatim's UI. */
export function indexText(root: Element): TextIndex {
  const nodes: Text[] = [];
  const starts: number[] = [];
  const parts: string[] = [];
  const breaks: number[] = [];
  let length = 0;
  const brk = () => {
    if (breaks[breaks.length - 1] !== length) breaks.push(length);
  };
  // Iterative depth-first walk: we need to know when a block is left, which TreeWalker hides.
  // A form's named controls shadow the form's own properties (`<input name="nextSibling">`): a
  // form is read through the prototypes. Every other node is read plainly, as this is the page's
  // hot path (a pristine read is a generic call where a plain one is inlined). A shadowed
  // `nodeType` or `localName` is an element, never a number or a string, so those two tell.
  const d = dom(root);
  let n: Node | null = d.firstChild(root);
  while (n) {
    let type: unknown = n.nodeType;
    if (typeof type !== 'number') type = d.nodeType(n);
    let form = false;
    if (type === 3) {
      const data = (n as Text).data;
      if (data.length > 0) {
        nodes.push(n as Text);
        starts.push(length);
        parts.push(data);
        length += data.length;
      }
    } else if (type === 1) {
      const name = localNameOf(d, n as Element);
      form = name === 'form';
      if (!isSkipped(d, n as Element, name, form)) {
        const block = BLOCKS.has(name);
        if (block) brk();
        const child: Node | null = form ? d.firstChild(n) : n.firstChild;
        if (child) {
          n = child;
          continue;
        }
        if (block) brk();
      }
    }
    let next: Node | null = form ? d.nextSibling(n) : n.nextSibling;
    while (!next) {
      const parent: Node | null = form ? d.parentNode(n) : n.parentNode;
      if (!parent || parent === root) break;
      n = parent;
      const name = localNameOf(d, n as Element);
      form = name === 'form';
      if (BLOCKS.has(name)) brk();
      next = form ? d.nextSibling(n) : n.nextSibling;
    }
    n = next;
  }
  return { root, text: parts.join(''), nodes, starts, breaks };
}

/** The index's normalised text, built once and cached on the index. */
export function normalizedText(index: PageText): Normalized {
  if (index.normalized) return index.normalized;
  const { text, starts, breaks } = index;
  const n = new Normalizer(text.length + breaks.length + 16);
  let b = 0;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    while (b < breaks.length && breaks[b]! <= start) {
      n.boundary();
      b++;
    }
    n.push(text.slice(start, i + 1 < starts.length ? starts[i + 1] : text.length));
  }
  index.normalized = n.finish();
  return index.normalized;
}

/** Index of the first break at or after `offset`. */
function breakAt(index: PageText, offset: number): number {
  const { breaks } = index;
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (breaks[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Raw `[start, end)` as a reader would copy it: block boundaries as spaces, runs of whitespace as
 * one space. `edges` also turns a boundary exactly at `start` / `end` into a leading / trailing space.
 */
export function readableText(
  index: PageText,
  start: number,
  end: number,
  edges: { atStart?: boolean; atEnd?: boolean } = {},
): string {
  const { text, breaks } = index;
  let out = '';
  let at = start;
  for (let b = breakAt(index, start); b < breaks.length && breaks[b]! <= end; b++) {
    const br = breaks[b]!;
    if ((br === start && !edges.atStart) || (br === end && !edges.atEnd)) continue;
    out += text.slice(at, br) + ' ';
    at = br;
  }
  out += text.slice(at, end);
  return out.replace(/\s+/g, ' ');
}

/** Index of the last node starting at or before `offset` (binary search). */
function nodeAt(index: TextIndex, offset: number): number {
  let lo = 0;
  let hi = index.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (index.starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A DOM range for raw `[start, end)`, or null when out of bounds or empty. */
export function rangeFromOffsets(index: TextIndex, start: number, end: number): Range | null {
  if (start < 0 || end > index.text.length || start >= end || index.nodes.length === 0) return null;
  const range = dom(index.root).ownerDocument(index.root)!.createRange();
  // The start goes to the node where the character `start` lives; the end to the node holding
  // the character before `end`, so a range never begins or ends in an empty neighbour.
  const si = nodeAt(index, start);
  const ei = nodeAt(index, end - 1);
  range.setStart(index.nodes[si]!, start - index.starts[si]!);
  range.setEnd(index.nodes[ei]!, end - index.starts[ei]!);
  return range;
}

/**
 * Whether a text node the index read is still in the root with the same length: a range built
 * from offsets found while the page was changing is only drawn if its end nodes are.
 */
export function nodeUnchanged(index: TextIndex, node: Node): boolean {
  const i = positionOf(index, node);
  if (i === undefined || !node.isConnected || !index.root.contains(node)) return false;
  const length = (i + 1 < index.starts.length ? index.starts[i + 1]! : index.text.length) - index.starts[i]!;
  return (node as Text).data.length === length;
}

function positionOf(index: TextIndex, node: Node): number | undefined {
  index.positions ??= new Map(index.nodes.map((n, i) => [n, i]));
  return index.positions.get(node);
}

/** The next node in document order after `node`'s subtree, without leaving `root`. */
function nextOutside(node: Node, root: Node): Node | null {
  const d = dom(node);
  for (let n: Node | null = node; n && n !== root; n = d.parentNode(n)) {
    const next = d.nextSibling(n);
    if (next) return next;
  }
  return null;
}

/**
 * The raw offset of a DOM boundary point inside the root. A point between nodes (or inside a
 * skipped element) counts from the first indexed text node at or after it, found by walking
 * forward in document order: no Range comparisons, which are slow in DOM emulations.
 */
function offsetOfPoint(index: TextIndex, container: Node, offset: number): number {
  const d = dom(container);
  const text = d.nodeType(container) === 3;
  if (text) {
    const i = positionOf(index, container);
    if (i !== undefined) return index.starts[i]! + Math.min(offset, (container as Text).data.length);
  }
  const children = text ? null : d.childNodes(container);
  let n: Node | null = !children || offset >= children.length ? nextOutside(container, index.root) : children[offset]!;
  while (n) {
    const i = d.nodeType(n) === 3 ? positionOf(index, n) : undefined;
    if (i !== undefined) return index.starts[i]!;
    n = d.firstChild(n) ?? nextOutside(n, index.root);
  }
  return index.text.length;
}

/** Where a boundary point lies relative to the root's contents: -1 before, 0 inside, 1 after. */
function side(root: Element, node: Node, offset: number): -1 | 0 | 1 {
  const d = dom(node);
  if (root === node || d.contains(root, node)) return 0;
  if (d.contains(node, root)) {
    // A point in an ancestor: before the root when it is before the child leading to the root.
    let child: Node = root;
    while (d.parentNode(child) !== node) child = d.parentNode(child)!;
    return offset <= Array.prototype.indexOf.call(d.childNodes(node), child) ? -1 : 1;
  }
  return d.compareDocumentPosition(root, node) & 2 /* PRECEDING */ ? -1 : 1;
}

/** Raw `[start, end)` for a range, clamped to the root. */
export function offsetsFromRange(index: TextIndex, range: Range): { start: number; end: number } {
  const { root } = index;
  const s = side(root, range.startContainer, range.startOffset);
  const e = side(root, range.endContainer, range.endOffset);
  const start = s < 0 ? 0 : s > 0 ? index.text.length : offsetOfPoint(index, range.startContainer, range.startOffset);
  const end = e < 0 ? 0 : e > 0 ? index.text.length : offsetOfPoint(index, range.endContainer, range.endOffset);
  return { start, end: Math.max(start, end) };
}
