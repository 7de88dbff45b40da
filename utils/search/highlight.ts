/** What of a text a query matched, for showing it marked (docs/search.md). */
import { kindOf } from '../text/table';
import { matchTerm, parseQuery, scanTokens, type QueryTerm, type Token } from './normalize';

/** A run of text, matched by the query or not. */
export interface TextRun {
  text: string;
  match: boolean;
}

/**
 * Punctuation that joins two matched words into one run (`bien-être`, `l’expérience`): an
 * apostrophe or a dash of the one character table, whichever way it is written.
 */
function joins(char: string): boolean {
  const kind = kindOf(char);
  return kind === 'apostrophe' || kind === 'dash';
}

/**
 * Whether a word of a text matches a query word: the same word, a plural of it, or a word a
 * prefix begins. A compound counts whole only for the whole word ("aujourdhui"), not for a
 * prefix of its first part.
 */
export function tokenMatches(tok: Token, term: QueryTerm): boolean {
  const m = matchTerm(tok.term, term);
  return m === 2 || (m === 1 && tok.kind !== 'whole');
}

/**
 * Cuts text as the reader sees it (accents, case, punctuation untouched) into runs matched by
 * the query and runs not: whole words, plurals of a query word, words a query prefix begins.
 * Parts of one compound matched together are one run (`bien-être` for "bien être").
 */
export function highlightMatches(text: string, query: string | readonly QueryTerm[]): TextRun[] {
  const terms = typeof query === 'string' ? parseQuery(query) : query;
  const spans: Array<[number, number]> = [];
  if (terms.length) {
    for (const tok of scanTokens(text)) {
      for (const t of terms) {
        if (tokenMatches(tok, t)) {
          spans.push([tok.start, tok.end]);
          break;
        }
      }
    }
  }
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of spans) {
    const last = merged[merged.length - 1];
    if (last && (start <= last[1] || (start === last[1] + 1 && joins(text[last[1]]!)))) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  const runs: TextRun[] = [];
  let at = 0;
  for (const [start, end] of merged) {
    if (start > at) runs.push({ text: text.slice(at, start), match: false });
    runs.push({ text: text.slice(start, end), match: true });
    at = end;
  }
  if (at < text.length || runs.length === 0) runs.push({ text: text.slice(at), match: false });
  return runs;
}
