/**
 * Generated libraries for the sync benchmarks (bench/sync.ts, bench/sync-panel.ts): the search
 * benchmark's library (bench/search.ts: French and English notes with the vocabulary of real text,
 * so a query matches what it would in a reader's library), without the article texts.
 */
import type { Article, Note } from '../utils/domain/model';
import { generateCorpus } from './search';

export interface Library {
  articles: Article[];
  notes: Note[];
  /** Queries a reader might type. */
  queries: string[];
}

/**
 * `notes` notes over one article per 25 notes. `tag` makes ids and addresses of its own: the
 * generator numbers them from 0 whatever the seed, and two libraries of one test must not meet.
 */
export function library(notes: number, seed: number, tag: string): Library {
  const corpus = generateCorpus({ notes, articles: Math.max(1, Math.round(notes / 25)), wordsPerArticle: 400, seed });
  const url = (u: string) => u.replace('://', `://${tag}.`);
  return {
    articles: corpus.articles.map((a) => ({ ...a, id: `${tag}-${a.id}`, url: url(a.url) })),
    notes: corpus.notes.map((n) => ({ ...n, id: `${tag}-${n.id}`, url: url(n.url), ...(n.attribution ? { attribution: { ...n.attribution, url: url(n.attribution.url) } } : {}) })),
    queries: corpus.queries,
  };
}
