/**
 * Which search engine for the side panel: MiniSearch, FlexSearch, or utils/search's own inverted
 * index, measured on the bench library (bench/search.ts) with the same tokenizer
 * (utils/search/normalize.ts), so only the engines differ. The numbers and the choice are in
 * docs/search.md.
 *
 * The two libraries are not dependencies of Verbatim: install them outside the project, then
 * point the script at them:
 *
 *   npm install --prefix /tmp/search-libs minisearch@7 flexsearch@0.8
 *   SEARCH_LIBS=/tmp/search-libs node --expose-gc bench/run.mjs compare-search [--notes=50000] [--articles=2000]
 *
 * Each engine indexes, per note: tags, quote, note, and its article's title and author (copied
 * into the note for the libraries, which index flat documents); then, separately, the articles'
 * full text. Queries are typed character by character; every prefix is a keystroke.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { SearchIndex } from '../utils/search/index';
import { tokenize } from '../utils/search/normalize';
import { generateCorpus, heapMB, keystrokes, quantile } from './search';

interface MiniSearchLike {
  addAll(docs: object[]): void;
  search(query: string, options?: object): Array<{ id: unknown }>;
}
type MiniSearchClass = new (options: object) => MiniSearchLike;
interface FlexIndexLike {
  add(id: number, text: string): void;
  search(query: string, options?: object): unknown[];
}
type FlexIndexClass = new (options: object) => FlexIndexLike;

/** What each engine must do. */
interface Engine {
  name: string;
  build(): void;
  /** Returns how many results it gives. */
  search(query: string): number;
  /** Indexes the articles' full text too (built separately, after `build`). */
  buildFullText(): void;
  /** Drops every index, before the next engine is measured. */
  free(): void;
}

interface Row {
  name: string;
  buildMs: number;
  memory: number;
  median: number;
  p95: number;
  first: number;
  results: number;
  fullBuildMs: number;
  fullMemory: number;
}

export async function main(argv: string[]) {
  const arg = (name: string, fallback: number) => Number(argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
  const corpus = generateCorpus({ notes: arg('notes', 50_000), articles: arg('articles', 2_000), wordsPerArticle: arg('words', 5_000) });
  const libs = process.env.SEARCH_LIBS;
  const require = createRequire(libs ? join(libs, 'package.json') : import.meta.url);
  const load = <T>(name: string): T | undefined => {
    try {
      return require(name) as T;
    } catch {
      console.warn(`${name} not found: see the header of this script.`);
      return undefined;
    }
  };
  const MiniSearch = load<MiniSearchClass>('minisearch');
  const Flex = load<{ Index: FlexIndexClass }>('flexsearch');

  const byUrl = new Map(corpus.articles.map((a) => [a.url, a]));
  const flat = corpus.notes.map((n, i) => {
    const a = byUrl.get(n.url);
    return { id: i, tags: n.tags.join(' '), exact: n.exact, note: n.note, title: a?.title ?? '', author: a?.byline ?? '' };
  });
  const texts = corpus.articles.map((_, i) => ({ id: i, text: corpus.texts[i]! }));
  const engines: Engine[] = [];

  {
    let index: SearchIndex | undefined;
    engines.push({
      name: 'utils/search (own index, typed arrays)',
      build() {
        index = new SearchIndex();
        index.bulkLoad(corpus.notes, corpus.articles);
      },
      search: (q) => index!.search(q, { limit: 50 }).ids.length,
      buildFullText() {
        index = new SearchIndex({ fullText: true });
        index.bulkLoad(corpus.notes, corpus.articles.map((a, i) => ({ ...a, text: corpus.texts[i]! })));
      },
      free: () => (index = undefined),
    });
  }
  if (MiniSearch) {
    let notes: MiniSearchLike | undefined;
    let articles: MiniSearchLike | undefined;
    const options = {
      fields: ['tags', 'exact', 'note', 'title', 'author'],
      tokenize,
      processTerm: (t: string) => t,
      searchOptions: {
        combineWith: 'AND',
        prefix: (_t: string, i: number, terms: string[]) => i === terms.length - 1,
        boost: { tags: 4, title: 4, author: 3, exact: 2, note: 1.5 },
      },
    };
    engines.push({
      name: 'MiniSearch 7 (radix tree)',
      build() {
        notes = new MiniSearch(options);
        notes.addAll(flat);
      },
      search: (q) => notes!.search(q).length,
      buildFullText() {
        articles = new MiniSearch({ fields: ['text'], tokenize, processTerm: (t: string) => t });
        articles.addAll(texts);
      },
      free: () => (notes = articles = undefined),
    });
  }
  if (Flex) {
    let notes: FlexIndexLike | undefined;
    let articles: FlexIndexLike | undefined;
    // One field (FlexSearch's Document searches fields apart, so a query's words could not be
    // found across tags and quote); `forward` indexes every prefix, for search-as-you-type.
    const options = { tokenize: 'forward', encode: tokenize };
    engines.push({
      name: 'FlexSearch 0.8 (forward prefixes, one field)',
      build() {
        notes = new Flex.Index(options);
        for (const d of flat) notes.add(d.id, `${d.tags} ${d.exact} ${d.note} ${d.title} ${d.author}`);
      },
      // Every match, as the panel needs them all for facet counts (FlexSearch stops at 100 by default).
      search: (q) => notes!.search(q, { limit: 1_000_000 }).length,
      buildFullText() {
        articles = new Flex.Index(options);
        for (const d of texts) articles.add(d.id, d.text);
      },
      free: () => (notes = articles = undefined),
    });
  }

  const keys = corpus.queries.flatMap(keystrokes);
  const rows: Row[] = [];
  for (const engine of engines) {
    const base = await heapMB();
    let t0 = performance.now();
    engine.build();
    const buildMs = performance.now() - t0;
    const memory = await heapMB() - base;
    for (const k of keys.slice(0, 50)) engine.search(k);
    const ts: number[] = [];
    const first: number[] = [];
    let results = 0;
    for (const k of keys) {
      const t = performance.now();
      results += engine.search(k);
      const dt = performance.now() - t;
      ts.push(dt);
      if (k.length === 1) first.push(dt);
    }
    t0 = performance.now();
    engine.buildFullText();
    const fullBuildMs = performance.now() - t0;
    const fullMemory = await heapMB() - base;
    rows.push({ name: engine.name, buildMs, memory, median: quantile(ts, 0.5), p95: quantile(ts, 0.95), first: quantile(first, 0.5), results: results / keys.length, fullBuildMs, fullMemory });
    engine.free();
    console.error(`${engine.name}: done`);
  }
  const f = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0));
  console.log(`${corpus.notes.length} notes, ${corpus.articles.length} articles; ${keys.length} keystrokes of ${corpus.queries.length} queries.\n`);
  console.log('| Engine | Build (notes) | Memory (notes) | Keystroke median | p95 | First letter median | Results per keystroke | Build + full text | Memory + full text |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.name} | ${f(r.buildMs)} ms | ${r.memory.toFixed(1)} MB | ${f(r.median)} ms | ${f(r.p95)} ms | ${f(r.first)} ms | ${Math.round(r.results)} | ${f(r.fullBuildMs)} ms | ${r.fullMemory.toFixed(1)} MB |`);
}
