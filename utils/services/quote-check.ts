import { recordChecks } from '../db/checks';
import type { VerbatimDb } from '../db/schema';
import type { Note } from '../domain/model';
import { sourceTabs } from '../platform/source-tab';
import { checkSources, type SourceResult } from '../quotes/check-sources';

export interface QuoteCheckRun {
  /** Stops: no other source is opened, the tabs open are closed, what was read is stored. */
  signal?: AbortSignal;
  /** Each source as it is done, with how many are done of how many. */
  onSource?(result: SourceResult, done: number, total: number): void;
  /** Test seam: how sources are opened (default: background tabs). */
  tabs?: ReturnType<typeof sourceTabs>;
}

/**
 * Checks the passages of `notes` against their sources (issue #17): each source page opened in a
 * background tab, two at a time, read, closed; then every check found stored on its note in one
 * transaction (`recordChecks`: a source that could not be loaded leaves its notes' last check as
 * it was). Resolves with each source's result once stored; rejects when the checks could not be
 * stored (nothing was). Runs in an extension page: the page that shows the progress owns the tabs
 * (`pagehide` closes them through the signal).
 */
export async function checkQuotes(db: VerbatimDb, notes: readonly Note[], run: QuoteCheckRun = {}): Promise<SourceResult[]> {
  const tabs = run.tabs ?? sourceTabs();
  const abort = () => tabs.closeAll();
  run.signal?.addEventListener('abort', abort, { once: true });
  try {
    const results = await checkSources(notes, { open: tabs.open, ...(run.signal ? { signal: run.signal } : {}), ...(run.onSource ? { onSource: run.onSource } : {}) });
    const exactOf = new Map(notes.map((n) => [n.id, n.exact]));
    await recordChecks(
      db,
      results.flatMap((r) => ('checks' in r ? [...r.checks].map(([id, check]) => ({ id, exact: exactOf.get(id)!, check })) : [])),
    );
    return results;
  } finally {
    run.signal?.removeEventListener('abort', abort);
    tabs.closeAll();
  }
}
