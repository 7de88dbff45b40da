import type { makeCitation } from './make';

/**
 * Where the citation engine injected into a tab (entrypoints/cite) leaves `makeCitation` for the
 * page script, in their shared isolated world. Type-only import: the page script's bundle holds
 * none of the engine.
 */
export const CITE_ENGINE = Symbol.for('verbatim.cite');

/** The engine, once `/cite.js` ran in this world; undefined before. */
export const injectedEngine = (): typeof makeCitation | undefined => (globalThis as Record<symbol, unknown>)[CITE_ENGINE] as typeof makeCitation | undefined;
