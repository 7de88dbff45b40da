/**
 * What change tracking for sync costs the writes (issue #15): each write path timed on the same
 * generated library in a database with the tracking middleware (`utils/db/tracking.ts`) and in
 * one without it (the middleware removed before the database opens), alternately, the best of
 * `--runs` (default 5), in CPU time. Prints a markdown table: both times and the ratio, and what
 * tracking leaves for later (the journal folded into rows). The goal: an import of 5,000 notes
 * at most 1.25× the time without tracking.
 *
 *   node --expose-gc bench/run.mjs tracking [--notes=5000 --articles=200 --runs=5]
 */
import 'fake-indexeddb/auto';
import { deleteNotesChange, recolorNotesChange, renameTagChange, undoChange } from '../utils/db/changes';
import { VerbatimDb } from '../utils/db/schema';
import { flushLog } from '../utils/db/tracking';
import { importRecords } from '../utils/export/import';
import { generateLibrary } from '../tests/support/library';

const gc = (globalThis as { gc?: () => void }).gc;

/** A new database, tracked or not. */
async function fresh(tracked: boolean): Promise<VerbatimDb> {
  const db = new VerbatimDb(`bench-tracking-${crypto.randomUUID()}`);
  if (!tracked) db.unuse({ stack: 'dbcore', name: 'verbatim-tracking' });
  await db.open();
  return db;
}

/**
 * The CPU time a step takes (user and system, ms), not the wall clock: fake-indexeddb runs in
 * this process, so its work is counted, and another process busy on the same cores is not.
 */
async function time(run: () => Promise<unknown>): Promise<number> {
  gc?.();
  const start = process.cpuUsage();
  await run();
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

/** The best of the runs: on shared cores the others are this plus whatever else ran meanwhile. */
const best = (xs: number[]) => Math.min(...xs);

export async function main(args: readonly string[] = []): Promise<string> {
  const flag = (name: string, fallback: number) => {
    const arg = args.find((a) => a.startsWith(`--${name}=`));
    return arg ? Number(arg.slice(name.length + 3)) : fallback;
  };
  const notes = flag('notes', 5_000);
  const articles = flag('articles', 200);
  const runs = flag('runs', 5);
  const lib = generateLibrary({ notes, articles, seed: 42 });
  const ids = lib.notes.slice(0, 1_000).map((n) => n.id);
  const tag = lib.notes[0]!.tags[0] ?? 'x';

  /** Each step on a database the library was imported into; only `step` is timed. */
  const steps: Array<[string, (db: VerbatimDb) => Promise<unknown>, boolean]> = [
    [`importRecords, ${notes.toLocaleString('en')} notes over ${articles} articles, into an empty db`, (db) => importRecords(db, lib), false],
    ['recolour 1,000 notes (bulk change)', (db) => recolorNotesChange(db, ids, 'pink'), true],
    ['delete 1,000 notes, then undo', async (db) => undoChange(db, (await deleteNotesChange(db, ids)).undo), true],
    [`rename the tag "${tag}" everywhere`, (db) => renameTagChange(db, tag, `${tag}-2`), true],
  ];
  const lines = [
    `Change tracking, ${notes.toLocaleString('en')} notes over ${articles} articles, best of ${runs} (Node ${process.version}, fake-indexeddb)`,
    '',
    '| step | without tracking (CPU ms) | with tracking (CPU ms) | ratio |',
    '| --- | ---: | ---: | ---: |',
  ];
  for (const [label, step, needsLibrary] of steps) {
    const times: Record<'off' | 'on', number[]> = { off: [], on: [] };
    for (let i = 0; i < runs; i++) {
      for (const tracked of [false, true]) {
        const db = await fresh(tracked);
        if (needsLibrary) await importRecords(db, lib);
        times[tracked ? 'on' : 'off'].push(await time(() => step(db)));
        await db.delete();
      }
    }
    const off = best(times.off);
    const on = best(times.on);
    lines.push(`| ${label} | ${Math.round(off).toLocaleString('en')} | ${Math.round(on).toLocaleString('en')} | ${(on / off).toFixed(2)}× |`);
  }
  // What tracking leaves for later: the rows made from the import's journal, a second after the
  // writes stop (or at the next sync), in a transaction of their own that no one waits for.
  const folds: number[] = [];
  for (let i = 0; i < runs; i++) {
    const db = await fresh(true);
    await importRecords(db, lib);
    folds.push(await time(() => flushLog(db)));
    await db.delete();
  }
  lines.push(`| then, off the user's path: the import's sync rows made from its journal (flushLog) | — | ${Math.round(best(folds)).toLocaleString('en')} | |`);
  return lines.join('\n');
}
