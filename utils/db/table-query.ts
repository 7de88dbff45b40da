import Dexie, { type ObservabilitySet } from 'dexie';
import type { VerbatimDb } from './schema';

/**
 * A query re-run when any context writes one of the tables it reads, at most once per `maxWait`
 * while writes keep coming. Meant for reads that walk a whole index (every tag of every note):
 * under Dexie's `liveQuery` each key a cursor walks is added to the query's observed set, which
 * on 50,000 notes costs more than the read itself and is compared against every write; and a
 * sync storing 500 notes a second would re-run it for each batch. Here the read is observed by
 * table, and a stream of writes is taken in one read per `maxWait`.
 */
export interface TableQueryOptions {
  /** Quiet time after the last write before the query runs again (ms). */
  wait?: number;
  /** Longest a stream of writes can put the query off (ms). */
  maxWait?: number;
}

export interface TableQuerySubscriber<T> {
  next(value: T): void;
  error(e: unknown): void;
}

/** Runs `query` now and after writes to `tables`; returns a function that stops. */
export function watchTableQuery<T>(
  db: VerbatimDb,
  tables: readonly string[],
  query: () => Promise<T>,
  subscriber: TableQuerySubscriber<T>,
  { wait = 150, maxWait = 2_000 }: TableQueryOptions = {},
): () => void {
  const prefixes = tables.map((table) => `idb://${db.name}/${table}/`);
  let stopped = false;
  let running = false;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstWrite: number | undefined;

  const run = async () => {
    timer = undefined;
    firstWrite = undefined;
    if (running) return void (again = true);
    running = true;
    try {
      do {
        again = false;
        let value: T;
        try {
          value = await query();
        } catch (e) {
          if (!stopped) subscriber.error(e);
          continue;
        }
        if (!stopped) subscriber.next(value);
      } while (again && !stopped);
    } finally {
      running = false;
    }
  };

  const onMutated = (parts: ObservabilitySet) => {
    if (stopped || !Object.keys(parts).some((part) => prefixes.some((p) => part.startsWith(p)))) return;
    const now = Date.now();
    firstWrite ??= now;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => void run(), Math.max(0, Math.min(wait, firstWrite + maxWait - now)));
  };

  Dexie.on('storagemutated', onMutated);
  void run();
  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    Dexie.on('storagemutated').unsubscribe(onMutated);
  };
}
