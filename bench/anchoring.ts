/**
 * Anchoring benchmark: Verbatim's engine against dom-anchor-text-quote (diff-match-patch), side
 * by side in the same run, on the corpus (when present) and on a generated ~1 MB page with 200
 * highlights and 20 orphans. Prints markdown tables.
 *
 * Run: node bench/run.mjs anchoring [--dom=jsdom|happy-dom] [--size=1000000] [--seed=42] [--libs=verbatim,dom]
 * (the .mjs launcher loads this file through Vite's module runner: no tsx needed).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as textPosition from 'dom-anchor-text-position';
import * as textQuote from 'dom-anchor-text-quote';
import { describe, indexText, locate, type Anchored, type TextIndex } from '../utils/anchoring';
import { normalizedText, rangeFromOffsets } from '../utils/anchoring/text';
import type { Selector } from '../utils/domain/model';
import { collapse, corpusPresent, gap, loadCorpus, readPage, recordedRange } from '../tests/support/corpus';
import { load, type DomName } from '../tests/support/dom';
import { buildLongPage } from '../tests/support/long-page';

type Expect = 'exact' | 'fuzzy' | 'orphan';

/** One passage to find again, and how to tell whether it was. */
interface Case {
  expect: Expect;
  /** Whether a range is the right one (only asked when the passage must anchor). */
  isRight(range: Range): boolean;
}

interface Library {
  name: string;
  /** Describes a range on the first version of a page. */
  describe(root: Element, range: Range): unknown;
  /** Prepares a page once (shared by all its anchors); the time it takes counts in the total. */
  prepare(root: Element): unknown;
  /** Finds the passage: text offsets, or null for an orphan (the engine's own work). */
  locate(root: Element, described: unknown, prepared: unknown): unknown;
  /** Turns what `locate` found into a DOM Range (the DOM implementation's work, mostly). */
  toRange(root: Element, located: unknown, prepared: unknown): Range | null;
}

const verbatim: Library = {
  name: 'Verbatim',
  describe: (root, range) => describe(root, range),
  prepare: (root) => {
    const index = indexText(root);
    normalizedText(index);
    return index;
  },
  locate: (_root, selectors, index) => locate(index as TextIndex, selectors as Selector[]),
  toRange: (_root, found, index) => {
    const f = found as Anchored | null;
    return f && rangeFromOffsets(index as TextIndex, f.start, f.end);
  },
};

/** dom-anchor-text-position reads the globals `document` and `Node`, as in a browser. */
function browserGlobals(root: Element) {
  const doc = root.ownerDocument;
  const view = doc.defaultView as (Window & typeof globalThis) | null;
  Object.assign(globalThis, { document: doc, Node: view?.Node, NodeFilter: view?.NodeFilter });
}

const dmp: Library = {
  name: 'dom-anchor-text-quote',
  describe: (root, range) => {
    browserGlobals(root);
    return { quote: textQuote.fromRange(root, range), hint: textPosition.fromRange(root, range).start };
  },
  prepare: (root) => browserGlobals(root),
  locate: (root, d) => {
    const { quote, hint } = d as { quote: textQuote.TextQuote; hint: number };
    return textQuote.toTextPosition(root, quote, { hint });
  },
  toRange: (root, position) => textPosition.toRange(root, position as textPosition.TextPosition),
};

interface Tally {
  correct: number;
  wrong: number;
  orphaned: number;
  expectedOrphans: number;
  /** Engine time per anchor. */
  times: number[];
  /** Preparation time, summed over pages. */
  prepare: number;
  /** Preparation plus engine time, summed over pages. */
  total: number;
  /** Time spent making DOM Ranges, summed over pages. */
  ranges: number;
}

const newTally = (): Tally => ({ correct: 0, wrong: 0, orphaned: 0, expectedOrphans: 0, times: [], prepare: 0, total: 0, ranges: 0 });

/** Same text, and both ends within a character of the expected range. */
function sameRange(doc: Document, got: Range, want: Range): boolean {
  return (
    collapse(got.toString()) === collapse(want.toString()) &&
    gap(doc, [got.startContainer, got.startOffset], [want.startContainer, want.startOffset]) <= 1 &&
    gap(doc, [got.endContainer, got.endOffset], [want.endContainer, want.endOffset]) <= 1
  );
}

/**
 * A full garbage collection between runs, so neither library pays for the garbage the other (or
 * the setup) left: the baseline's describe phase alone leaves hundreds of MB behind.
 */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Anchors every case on one page with one library, adding to the tally. */
function run(lib: Library, root: Element, described: unknown[], cases: Case[], tally: Tally) {
  gc();
  const t0 = performance.now();
  const prepared = lib.prepare(root);
  tally.prepare += performance.now() - t0;
  tally.total += performance.now() - t0;
  // All found first, then all made into Ranges, then checked: neither the Ranges' DOM work nor
  // the checks' (and the garbage they leave) may land in the search timings.
  const found = cases.map((_c, i) => {
    const t = performance.now();
    let f: unknown = null;
    try {
      f = lib.locate(root, described[i], prepared);
    } catch {
      f = null;
    }
    const dt = performance.now() - t;
    tally.times.push(dt);
    tally.total += dt;
    return f;
  });
  const t1 = performance.now();
  const ranges = found.map((f) => {
    try {
      return f ? lib.toRange(root, f, prepared) : null;
    } catch {
      return null;
    }
  });
  tally.ranges += performance.now() - t1;
  cases.forEach((c, i) => {
    const range = ranges[i];
    if (c.expect === 'orphan') tally.expectedOrphans++;
    if (!range) {
      tally.orphaned++;
      if (c.expect === 'orphan') tally.correct++;
    } else if (c.expect !== 'orphan' && c.isRight(range)) tally.correct++;
    else tally.wrong++;
  });
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : 0;
};
const ms = (x: number) => (x < 10 ? x.toFixed(3) : x.toFixed(1));

function table(title: string, rows: [string, Tally, number][]) {
  console.log(`\n### ${title}\n`);
  console.log(
    '| library | anchors | correct | wrong | orphaned (expected) | median ms/anchor | p95 ms/anchor | index ms/page | total ms/page | + DOM Ranges ms/page |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, t, pages] of rows) {
    console.log(
      `| ${name} | ${t.times.length} | ${t.correct} | ${t.wrong} | ${t.orphaned} (${t.expectedOrphans}) | ` +
        `${ms(quantile(t.times, 0.5))} | ${ms(quantile(t.times, 0.95))} | ${t.prepare ? ms(t.prepare / pages) : '–'} | ` +
        `${ms(t.total / pages)} | ${ms(t.ranges / pages)} |`,
    );
  }
}

function benchCorpus(dom: DomName, libs: Library[]) {
  const tallies = libs.map(newTally);
  let pages = 0;
  for (const page of loadCorpus().pages) {
    const v1 = page.variants.find((v) => v.name === 'v1')!;
    const first = load(dom, readPage(v1.file), v1.url);
    const described = libs.map((lib) => page.quotes.map((q) => lib.describe(first.doc.body, recordedRange(first.doc, v1.where[q.id]!))));
    first.close();
    for (const variant of page.variants) {
      pages++;
      libs.forEach((lib, li) => {
        // A fresh document per library: neither pays for the other's caches.
        const { doc, close } = load(dom, readPage(variant.file), variant.url);
        const cases: Case[] = page.quotes.map((q) => ({
          expect: variant.expect[q.id]!,
          isRight: (range) => sameRange(doc, range, recordedRange(doc, variant.where[q.id]!)),
        }));
        run(lib, doc.body, described[li]!, cases, tallies[li]!);
        close();
      });
    }
  }
  table(`Corpus: ${loadCorpus().pages.length} pages × 5 variants × 6 quotes (${dom})`, libs.map((l, i) => [l.name, tallies[i]!, pages]));
}

function benchLongPage(dom: DomName, libs: Library[], size: number, seed: number) {
  const page = buildLongPage({ size, seed });
  const spanRange = (doc: Document, id: number) => {
    const r = doc.createRange();
    r.selectNodeContents(doc.querySelector(`[data-h="${id}"]`)!);
    return r;
  };
  // One library at a time, each on fresh documents: describe on the first version, anchor on
  // the second. (DOM emulations make one set of classes per window: sharing windows, or running
  // after many of them, would slow the DOM walk of whoever comes second.)
  const tallies = libs.map((lib) => {
    const tally = newTally();
    const before = load(dom, page.before);
    const described = page.highlights.map((h) => lib.describe(before.doc.body, spanRange(before.doc, h.id)));
    before.close();
    const { doc, close } = load(dom, page.after);
    const cases: Case[] = page.highlights.map((h) => ({ expect: h.expect, isRight: (range) => sameRange(doc, range, spanRange(doc, h.id)) }));
    run(lib, doc.body, described, cases, tally);
    close();
    return tally;
  });
  const kinds = page.highlights.reduce<Record<string, number>>((acc, h) => ({ ...acc, [h.expect]: (acc[h.expect] ?? 0) + 1 }), {});
  table(
    `Generated page: ${(page.textLength / 1e6).toFixed(2)} MB of text, ${page.highlights.length} highlights ` +
      `(${kinds.exact ?? 0} unchanged, ${kinds.fuzzy ?? 0} edited, ${kinds.orphan ?? 0} deleted) (${dom})`,
    libs.map((l, i) => [l.name, tallies[i]!, 1]),
  );
}

export function main(argv: string[]) {
  const arg = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const dom = (arg('dom') ?? 'jsdom') as DomName;
  const size = Number(arg('size') ?? 1_000_000);
  const seed = Number(arg('seed') ?? 42);
  const wanted = arg('libs')?.split(',');
  const libs = [verbatim, dmp].filter((l) => !wanted || wanted.some((w) => l.name.toLowerCase().startsWith(w)));
  console.log(`## Anchoring benchmark (${dom}, Node ${process.version})`);
  console.log(
    '\nPer anchor: finding the passage (text offsets), page parsing excluded. "index": the page\'s ' +
      'preparation (Verbatim: one text index, normalised, shared by all anchors); "total": index + all ' +
      'anchors. Making the DOM Range ' +
      'is counted apart: jsdom and happy-dom compare boundary points by walking the document, which a ' +
      'browser does not, so on a long page it costs more than the search itself, for either library.',
  );
  benchLongPage(dom, libs, size, seed);
  if (corpusPresent) benchCorpus(dom, libs);
  else console.log('\n(no corpus: set VERBATIM_CORPUS to include it)');
}
