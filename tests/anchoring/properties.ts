/**
 * Properties over random documents (nested inline and block elements, French text with accents,
 * decomposed accents, curly and straight apostrophes, NBSP, repeated words) and random ranges.
 * Run once per DOM implementation (property.jsdom.test.ts, property.happy-dom.test.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchor, describe as describeRange, indexText, locate } from '../../utils/anchoring';
import { normalize } from '../../utils/anchoring/normalize';
import type { Selector } from '../../utils/domain/model';

type Tree = string | { tag: string; children: Tree[] };

/** Runs per property; FC_RUNS=20000 for a longer hunt. */
const RUNS = Number(process.env.FC_RUNS ?? 300);

const WORDS = [
  'la', 'la', 'vérité', 'vérité', 'l’été', "l'été", 'Été', 'e\u0301te\u0301', 'client', 'client', 'confiance',
  'c’est', 'à', 'ça', 'œuvre', '«', '»', '"', '—', '-', '…', '...', 'truth', 'the', 'brand', '2016', '?', '!',
];
const GLUE = [' ', ' ', ' ', '  ', '\n', '\n    ', '\u00a0', '\u202f', '', '\t'];

const text: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...GLUE)), { minLength: 1, maxLength: 12 })
  .map((parts) => parts.map(([w, g]) => w + g).join(''));

const INLINE = ['span', 'em', 'strong', 'a', 'b'];
const BLOCK = ['p', 'div', 'blockquote', 'section', 'li', 'h2'];

const tree = fc.letrec<{ node: Tree; children: Tree[] }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.record({ tag: fc.constantFrom(...INLINE, ...BLOCK), children: tie('children') }),
  ),
  children: fc.array(tie('node'), { minLength: 0, maxLength: 4 }),
})).children;

function build(parent: Node, children: Tree[]) {
  for (const c of children) {
    if (typeof c === 'string') parent.appendChild(document.createTextNode(c));
    else build(parent.appendChild(document.createElement(c.tag)), c.children);
  }
}

/** Every boundary point inside text nodes, in document order. */
function points(root: Element): [Text, number][] {
  const out: [Text, number][] = [];
  const walker = document.createTreeWalker(root, 0x4);
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    for (let i = 0; i <= n.data.length; i++) out.push([n, i]);
  }
  return out;
}

/** A random document and a random non-empty range in it (as fractions of its points). */
const docAndRange = fc.record({ children: tree, a: fc.double({ min: 0, max: 1, noNaN: true }), b: fc.double({ min: 0, max: 1, noNaN: true }) });

function setUp({ children, a, b }: { children: Tree[]; a: number; b: number }) {
  document.body.innerHTML = '';
  const root = document.body.appendChild(document.createElement('article'));
  build(root, children);
  const pts = points(root);
  if (pts.length < 2) return null;
  let i = Math.floor(a * (pts.length - 1));
  let j = Math.floor(b * (pts.length - 1));
  if (i > j) [i, j] = [j, i];
  const range = document.createRange();
  range.setStart(...pts[i]!);
  range.setEnd(...pts[j]!);
  return { root, range };
}

/** Whether a range edge splits a base character from its combining marks, or a surrogate pair. */
function splitsCluster(range: Range): boolean {
  const after = (n: Node, o: number) => (n.nodeType === 3 ? (n as Text).data.charCodeAt(o) : NaN);
  const before = (n: Node, o: number) => (n.nodeType === 3 && o > 0 ? (n as Text).data.charCodeAt(o - 1) : NaN);
  const mark = (c: number) => c >= 0x300 && c <= 0x36f;
  const low = (c: number) => c >= 0xdc00 && c <= 0xdfff;
  const high = (c: number) => c >= 0xd800 && c <= 0xdbff;
  return (
    mark(after(range.startContainer, range.startOffset)) ||
    mark(after(range.endContainer, range.endOffset)) ||
    (low(after(range.startContainer, range.startOffset)) && high(before(range.startContainer, range.startOffset))) ||
    (low(after(range.endContainer, range.endOffset)) && high(before(range.endContainer, range.endOffset)))
  );
}

export const anchoringProperties = () =>
  describe('anchoring properties', () => {
  it('anchor(describe(range)) is the same text, on an unchanged page', () => {
    fc.assert(
      fc.property(docAndRange, (input) => {
        const s = setUp(input);
        // A reader's selection never splits a letter from its accent (browsers snap to graphemes).
        fc.pre(s !== null && normalize(s.range.toString()) !== '' && !splitsCluster(s.range));
        const { root, range } = s!;
        const found = anchor(root, describeRange(root, range));
        expect(found).not.toBeNull();
        expect(found!.toString()).toBe(range.toString());
      }),
      { numRuns: RUNS },
    );
  }, 60_000);

  it('the quote alone finds the same text, as a reader reads it', () => {
    fc.assert(
      fc.property(docAndRange, (input) => {
        const s = setUp(input);
        fc.pre(s !== null && normalize(s.range.toString()) !== '' && !splitsCluster(s.range));
        const { root, range } = s!;
        const quote = describeRange(root, range).filter((x) => x.type === 'TextQuoteSelector');
        const found = anchor(root, quote);
        expect(found).not.toBeNull();
        // Same text once whitespace and typography are folded; a block boundary inside the
        // range reads as a space in the quote but has no character in toString().
        const read = (r: Range) => normalize(r.toString()).replace(/ /g, '');
        expect(read(found!)).toBe(read(range));
      }),
      { numRuns: RUNS },
    );
  }, 60_000);

  it('never throws, whatever the page became', () => {
    fc.assert(
      fc.property(docAndRange, tree, (input, other) => {
        const s = setUp(input);
        fc.pre(s !== null);
        const { root, range } = s!;
        const selectors: Selector[] = describeRange(root, range);
        root.innerHTML = '';
        build(root, other);
        const index = indexText(root);
        expect(() => locate(index, selectors)).not.toThrow();
        const found = anchor(root, selectors, index);
        if (found) expect(root.contains(found.commonAncestorContainer)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  }, 60_000);
});
