/**
 * In-memory full-text index over notes and their articles, for the side panel's search box:
 * every query word must match (AND) in a note or its article, the last one as a prefix while
 * typed, folded and plurals matched; results ranked by field weights, newest first on a tie.
 *
 * What it does, how, and why not a library (measured against MiniSearch and FlexSearch):
 * docs/search.md.
 */
export { highlightMatches, type TextRun } from './highlight';
export type { QueryTerm } from './normalize';
export type { SearchField } from './scoring';
export { SearchIndex, type SearchHit, type SearchIndexOptions, type SearchOptions, type SearchResult } from './search-index';
