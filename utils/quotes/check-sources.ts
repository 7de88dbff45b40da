/**
 * Checking passages against their sources (issue #17): each source page opened once, read, its
 * passages looked for (check.ts), closed. Pure: how a page is opened and read is given
 * (`SourceOpener`: a background tab in the extension, utils/platform/source-tab.ts; a fake in
 * tests), so the order, the concurrency, the re-reads and the cancelling are tested in Node.
 */
import type { PageText } from '../anchoring';
import type { Note, QuoteCheck } from '../domain/model';
import { checkPassage, toQuoteCheck, type CheckFinding } from './check';

/** Why a source could not be read: it did not finish loading in time, its server refused it, or it could not be opened or read at all. */
export type LoadFailure = { reason: 'timeout'; seconds: number } | { reason: 'http'; status: number } | { reason: 'error' };

/** Thrown by an opener or a read when the page cannot be read: the check says "could not load", never "gone". */
export class SourceUnavailable extends Error {
  override name = 'SourceUnavailable';
  constructor(readonly failure: LoadFailure) {
    super(`source unavailable: ${failure.reason}`);
  }
}

/** A source page opened for reading. */
export interface OpenedSource {
  /** The page's text as it reads now (it may still be rendering). */
  read(): Promise<PageText>;
  /** Closes it; never rejects. */
  close(): Promise<void>;
}

/** Opens a page and resolves once it has loaded; rejects with SourceUnavailable, or with the signal's reason once aborted. */
export type SourceOpener = (url: string, signal: AbortSignal) => Promise<OpenedSource>;

/** The passage notes a check reads. */
export type CheckedNote = Pick<Note, 'id' | 'url' | 'kind' | 'exact' | 'selectors'>;

/** What one source gave: a check per passage, or why it could not be read. */
export type SourceResult = { url: string; noteIds: string[] } & ({ checks: Map<string, QuoteCheck> } | { failure: LoadFailure });

export interface CheckSourcesOptions {
  open: SourceOpener;
  /** Stops the check: no source is opened after, those open are closed; what was read is returned. */
  signal?: AbortSignal;
  /** Sources read at once; default 2 (each is a tab). */
  concurrency?: number;
  /**
   * Waits (ms) before each re-read of a page where some passage was not found word for word: a page
   * that renders its text with scripts may not be finished when it says it has loaded. Default [1000, 2000].
   */
  settle?: readonly number[];
  /** When a check is dated (test seam). */
  now?: () => number;
  /** Called as each source is done, with how many are done of how many. */
  onSource?(result: SourceResult, done: number, total: number): void;
}

/** The passages of `notes` (not notes on a page as a whole) by source URL, in the order first met. */
export function passagesBySource<T extends CheckedNote>(notes: readonly T[]): Map<string, T[]> {
  const bySource = new Map<string, T[]>();
  for (const note of notes) {
    if (note.kind === 'page' || !note.exact) continue;
    const list = bySource.get(note.url);
    if (list) list.push(note);
    else bySource.set(note.url, [note]);
  }
  return bySource;
}

const RANK = { gone: 0, reworded: 1, same: 2 } as const;

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', stop, { once: true });
  });
}

/** Reads one opened source until every passage is found word for word or the re-reads are spent; the best finding of each. */
async function readPassages(source: OpenedSource, notes: readonly CheckedNote[], settle: readonly number[], signal: AbortSignal): Promise<Map<string, CheckFinding>> {
  const best = new Map<string, CheckFinding>();
  for (let attempt = 0; ; attempt++) {
    let text: PageText;
    try {
      text = await source.read();
    } catch (e) {
      // A later read failing (the page navigated away, crashed) leaves the earlier findings.
      if (attempt === 0) throw e;
      break;
    }
    for (const note of notes) {
      const found = checkPassage(text, note);
      const had = best.get(note.id);
      if (!had || RANK[found.outcome] > RANK[had.outcome]) best.set(note.id, found);
    }
    if (attempt >= settle.length || [...best.values()].every((f) => f.outcome === 'same')) break;
    await wait(settle[attempt]!, signal);
  }
  return best;
}

/**
 * Checks every passage of `notes` against its source, each source opened once, `concurrency` at a
 * time. Resolves with each source's result, in the order they were done; once `signal` aborts,
 * with those done so far (a source being read when it aborts is left out, its page closed).
 */
export async function checkSources(notes: readonly CheckedNote[], opts: CheckSourcesOptions): Promise<SourceResult[]> {
  const { open, concurrency = 2, settle = [1000, 2000], now = Date.now } = opts;
  const signal = opts.signal ?? new AbortController().signal;
  const queue = [...passagesBySource(notes)];
  const total = queue.length;
  const results: SourceResult[] = [];

  const one = async (url: string, passages: CheckedNote[]): Promise<SourceResult | undefined> => {
    const noteIds = passages.map((n) => n.id);
    let source: OpenedSource | undefined;
    try {
      source = await open(url, signal);
      const findings = await readPassages(source, passages, settle, signal);
      const at = now();
      return { url, noteIds, checks: new Map([...findings].map(([id, f]) => [id, toQuoteCheck(f, at)])) };
    } catch (e) {
      if (signal.aborted) return undefined;
      return { url, noteIds, failure: e instanceof SourceUnavailable ? e.failure : { reason: 'error' } };
    } finally {
      await source?.close();
    }
  };

  const worker = async () => {
    for (let next = queue.shift(); next && !signal.aborted; next = queue.shift()) {
      const result = await one(...next);
      if (!result) return;
      results.push(result);
      opts.onSource?.(result, results.length, total);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, total)) }, worker));
  return results;
}
