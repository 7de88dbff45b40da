/**
 * The shared corpus of real-world pages (../shared/corpus): its manifest, its pages, and the ranges
 * it records for each quote. Read by the corpus tests and the anchoring benchmark.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the shared corpus lives: $VERBATIM_CORPUS, else ../shared/corpus beside the repo. */
export const CORPUS_DIR = resolve(
  process.env.VERBATIM_CORPUS ??
    join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'corpus'),
);

export interface CorpusQuote {
  id: string;
  kind: string;
  exact: string;
  parts?: string[];
  occurrence?: number;
  occurrences?: number;
  prefix?: string;
  suffix?: string;
}

export interface CorpusVariant {
  name: string;
  file: string;
  url: string;
  expect: Record<string, 'exact' | 'fuzzy' | 'orphan'>;
  where: Record<string, { start: [number | string, number]; end: [number | string, number]; text?: string }>;
}

export interface CorpusPage {
  slug: string;
  layout: string;
  lang: string;
  expected: {
    title: string;
    siteName: string;
    byline: string;
    publishedTime: string;
    canonicalUrl: string;
    firstWords: string;
    lastWords: string;
    wordCountMin: number;
    mustExclude: string[];
  };
  quotes: CorpusQuote[];
  variants: CorpusVariant[];
}

export interface Corpus {
  baseUrl: string;
  pages: CorpusPage[];
}

export const corpusPresent = existsSync(join(CORPUS_DIR, 'corpus.json'));

export function loadCorpus(): Corpus {
  if (!corpusPresent) {
    throw new Error(`No corpus at ${CORPUS_DIR}: set VERBATIM_CORPUS or check out shared/ beside the repo.`);
  }
  return JSON.parse(readFileSync(join(CORPUS_DIR, 'corpus.json'), 'utf8')) as Corpus;
}

export const readPage = (file: string) => readFileSync(join(CORPUS_DIR, file), 'utf8');

/** The manifest's comparison rule: collapse whitespace runs to one space, trim. */
export const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

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
function pointAt(el: Element, offset: number, edge: 'start' | 'end'): [Node, number] {
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
