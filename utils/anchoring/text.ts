/**
 * The text a reader sees under a root, as one string, with the map back to DOM text nodes.
 * Pure DOM: no browser extension APIs, so it runs in content scripts, jsdom and happy-dom.
 */

/** Elements whose text a reader never sees, or that belong to Verbatim's own UI. */
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT', 'SVG:STYLE']);

/** Attribute marking Verbatim's injected UI hosts, whose text must never count as page text. */
export const UI_ATTRIBUTE = 'data-verbatim-ui';

export interface TextIndex {
  root: Element;
  /** Concatenated data of every visible text node, in document order. */
  text: string;
  nodes: Text[];
  /** `starts[i]` is the offset in `text` where `nodes[i]` begins. */
  starts: number[];
}

/** Walks the root's text nodes, skipping scripts, styles and Verbatim's UI. */
export function indexText(root: Element): TextIndex {
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */, {
    acceptNode(node) {
      if (node.nodeType === 1) {
        const el = node as Element;
        return SKIPPED.has(el.tagName.toUpperCase()) || el.hasAttribute(UI_ATTRIBUTE)
          ? 2 /* FILTER_REJECT: skip the subtree */
          : 3; /* FILTER_SKIP: descend, but the element itself is not listed */
      }
      return 1; /* FILTER_ACCEPT */
    },
  });
  const nodes: Text[] = [];
  const starts: number[] = [];
  const parts: string[] = [];
  let length = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n as Text;
    nodes.push(t);
    starts.push(length);
    parts.push(t.data);
    length += t.data.length;
  }
  return { root, text: parts.join(''), nodes, starts };
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

/** A DOM range for `[start, end)` of the index's text, or null when out of bounds. */
export function rangeFromOffsets(index: TextIndex, start: number, end: number): Range | null {
  if (start < 0 || end > index.text.length || start >= end || index.nodes.length === 0) return null;
  const range = index.root.ownerDocument.createRange();
  // The start goes to the node where the character `start` lives; the end to the node holding
  // the character before `end`, so a range never begins or ends in an empty neighbour.
  const si = nodeAt(index, start);
  let ei = nodeAt(index, end - 1);
  while (ei > si && index.starts[ei] === end) ei--;
  range.setStart(index.nodes[si]!, start - index.starts[si]!);
  range.setEnd(index.nodes[ei]!, end - index.starts[ei]!);
  return range;
}

/** The offset in the index's text of a DOM boundary point. */
function offsetOfPoint(index: TextIndex, container: Node, offset: number): number {
  if (container.nodeType === 3) {
    const i = index.nodes.indexOf(container as Text);
    if (i >= 0) return index.starts[i]! + Math.min(offset, (container as Text).data.length);
  }
  // Between nodes (or in a skipped text node): the first indexed text node at or after the
  // point starts the offset. Binary search on document order.
  const probe = index.root.ownerDocument.createRange();
  probe.setStart(container, offset);
  let lo = 0;
  let hi = index.nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    // comparePoint: -1 when (node, 0) is before the probe point.
    if (probe.comparePoint(index.nodes[mid]!, 0) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo < index.nodes.length ? index.starts[lo]! : index.text.length;
}

/** `[start, end)` offsets in the index's text for a range, clamped to the root. */
export function offsetsFromRange(index: TextIndex, range: Range): { start: number; end: number } {
  const rootRange = index.root.ownerDocument.createRange();
  rootRange.selectNodeContents(index.root);
  const startsInside = range.compareBoundaryPoints(0 /* START_TO_START */, rootRange) >= 0;
  const endsInside = range.compareBoundaryPoints(2 /* END_TO_END */, rootRange) <= 0;
  const start = startsInside ? offsetOfPoint(index, range.startContainer, range.startOffset) : 0;
  const end = endsInside ? offsetOfPoint(index, range.endContainer, range.endOffset) : index.text.length;
  return { start, end: Math.max(start, end) };
}
