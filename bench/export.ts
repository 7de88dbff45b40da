/**
 * Export/import benchmark: a generated library (by default 50,000 notes over 2,000 articles, French
 * and English text), timed through every exporter, the backup parser, and `importRecords` into an
 * empty fake-indexeddb database against a bare `db.notes.bulkPut` of the same rows. Prints a
 * Markdown table. Run from the project folder:
 *
 *   node --expose-gc bench/run.mjs export [--notes=50000] [--articles=2000] [--seed=42]
 *
 * `--expose-gc` makes the memory column comparable between steps (a collection before each);
 * without it the numbers still come, noisier. The library comes from tests/support/library.ts.
 */
import 'fake-indexeddb/auto';
import { VerbatimDb } from '../utils/db/schema';
import { parseBackup, toBackup } from '../utils/export/backup';
import { toReadwiseCsv } from '../utils/export/csv';
import { exportRecords, importRecords } from '../utils/export/import';
import { markdownFiles, zipFiles } from '../utils/export/markdown';
import { toAnnotationPages } from '../utils/export/w3c';
import { generateLibrary, type GenerateOptions } from '../tests/support/library';

// ---- Measuring ----------------------------------------------------------------------------

export interface BenchRow {
  step: string;
  ms: number;
  /** Highest heap seen during the step, above the heap before it, in MB. */
  peakMb: number;
  /** Size of the step's output, when it has one. */
  output?: string;
}

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function measure<T>(step: string, run: () => T | Promise<T>, size?: (result: T) => string): Promise<{ row: BenchRow; result: T }> {
  gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  };
  // Samples while the step awaits; a synchronous step is sampled at its end (a lower bound).
  const timer = setInterval(sample, 2);
  const start = performance.now();
  let result: T;
  try {
    result = await run();
  } finally {
    sample();
    clearInterval(timer);
  }
  const ms = Math.round(performance.now() - start);
  return { row: { step, ms, peakMb: mb(peak - base), ...(size ? { output: size(result) } : {}) }, result };
}

const fresh = (label: string) => new VerbatimDb(`bench-${label}-${crypto.randomUUID()}`);
const sizeOf = (text: string) => `${mb(new TextEncoder().encode(text).length)} MB`;

/** Runs every step once on a generated library; returns the rows of the table. */
export async function benchExport(opts: GenerateOptions = {}): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const gen = await measure('generate library', () => generateLibrary(opts));
  rows.push(gen.row);
  const { articles, notes } = gen.result;

  const json = await measure('toBackup (JSON export)', () => toBackup({ articles, notes, settings: [] }), sizeOf);
  rows.push(json.row);
  const parsed = await measure('parseBackup (JSON.parse + schema)', () => parseBackup(json.result));
  rows.push(parsed.row);

  // Every database is created before its timing starts: creating one is not importing.
  const importDb = fresh('import');
  await importDb.open();
  const imported = await measure('importRecords into an empty db', () => importRecords(importDb, parsed.result));
  rows.push(imported.row);
  if (imported.result.byKind.notes.added !== notes.length) throw new Error('bench: not every note was imported');

  const reimport = await measure('importRecords again (all skipped)', () => importRecords(importDb, parsed.result));
  rows.push(reimport.row);

  const bareDb = fresh('bare');
  await bareDb.open();
  rows.push((await measure('bare db.notes.bulkPut (same notes, one call)', () => bareDb.transaction('rw', bareDb.notes, () => bareDb.notes.bulkPut(parsed.result.notes)))).row);
  const chunkedDb = fresh('chunked');
  await chunkedDb.open();
  const bareChunked = async () =>
    chunkedDb.transaction('rw', chunkedDb.articles, chunkedDb.notes, async () => {
      await chunkedDb.articles.bulkPut(parsed.result.articles);
      for (let i = 0; i < parsed.result.notes.length; i += 2_000) await chunkedDb.notes.bulkPut(parsed.result.notes.slice(i, i + 2_000));
    });
  rows.push((await measure('bare bulkPut, articles + notes by 2,000', bareChunked)).row);

  const read = await measure('exportRecords (read all)', () => exportRecords(importDb));
  rows.push(read.row);
  rows.push((await measure('toReadwiseCsv', () => toReadwiseCsv(articles, notes), sizeOf)).row);
  rows.push((await measure('toAnnotationPages + JSON', () => JSON.stringify(toAnnotationPages(articles, notes, { pageSize: 1_000 })), sizeOf)).row);
  const md = await measure('markdownFiles', () => markdownFiles(articles, notes, { timeZone: 'UTC' }));
  rows.push(md.row);
  rows.push((await measure('zipFiles (Markdown files)', () => zipFiles(md.result), (z) => `${mb(z.length)} MB`)).row);

  await Promise.all([importDb.delete(), bareDb.delete(), chunkedDb.delete()]);
  return rows;
}

/** The rows as a Markdown table. */
export function formatTable(rows: readonly BenchRow[], title = ''): string {
  const lines = [
    ...(title ? [title, ''] : []),
    '| step | time (ms) | peak heap above start (MB) | output |',
    '| --- | ---: | ---: | --- |',
    ...rows.map((r) => `| ${r.step} | ${r.ms.toLocaleString('en')} | ${r.peakMb} | ${r.output ?? ''} |`),
  ];
  return lines.join('\n');
}

/** Command-line entry: `--notes=50000 --articles=2000 --seed=42`. */
export async function main(args: readonly string[] = []): Promise<void> {
  const flag = (name: string) => {
    const arg = args.find((a) => a.startsWith(`--${name}=`));
    return arg ? Number(arg.slice(name.length + 3)) : undefined;
  };
  const opts: GenerateOptions = { notes: flag('notes') ?? 50_000, articles: flag('articles') ?? 2_000, seed: flag('seed') ?? 42 };
  const rows = await benchExport(opts);
  const title =
    `Export/import, ${opts.notes!.toLocaleString('en')} notes over ${opts.articles!.toLocaleString('en')} articles ` +
    `(Node ${process.version}, fake-indexeddb${gc ? ', --expose-gc' : ''})`;
  console.log(formatTable(rows, title));
  console.log(`\nheap after: ${mb(process.memoryUsage().heapUsed)} MB`);
}
