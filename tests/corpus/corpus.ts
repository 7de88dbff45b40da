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
