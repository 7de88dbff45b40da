import { describe, expect, it } from 'vitest';
import { addNote, setSetting, tagCounts } from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import { watchTableQuery } from '../../utils/db/table-query';
import type { TagCount } from '../../utils/domain/model';
import { dbPerTest } from '../support/db';

// A whole-index read (the tag counts) followed by table: re-read after writes to its tables,
// once per stream of writes rather than once per write, and never after writes elsewhere.

let db: VerbatimDb;
dbPerTest((fresh) => (db = fresh));

const PAGE = { url: 'https://blog.example/a/', title: 'A' };
const draft = (tag: string) => ({ kind: 'highlight' as const, color: 'yellow' as const, exact: 'x', selectors: [], tags: [tag] });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function follow(options: { wait: number; maxWait: number }) {
  const seen: TagCount[][] = [];
  const stop = watchTableQuery(db, ['notes', 'articles'], () => tagCounts(db), { next: (v) => seen.push(v), error: (e) => { throw e; } }, options);
  /** Answers so far, once the first has come and the database has settled. */
  const settled = async () => {
    await expect.poll(() => seen.length).toBeGreaterThan(0);
    await sleep(options.maxWait + 50);
    return seen.length;
  };
  return { seen, stop, settled };
}

describe('a query followed by table', () => {
  it('answers at once, then again after a write to its tables, with what was written', async () => {
    const { seen, stop, settled } = follow({ wait: 20, maxWait: 200 });
    await settled();
    expect(seen.at(-1)).toEqual([]);
    await addNote(db, PAGE, draft('climat'));
    await expect.poll(() => seen.at(-1)).toEqual([{ tag: 'climat', count: 1 }]);
    stop();
  });

  it('takes a stream of writes in a read per maxWait, not a read per write', async () => {
    const { seen, stop, settled } = follow({ wait: 100, maxWait: 250 });
    const before = await settled();
    // 30 writes over about 1.2 s, each before the quiet time is up.
    for (let i = 0; i < 30; i++) {
      await addNote(db, PAGE, draft(`t${i % 3}`));
      await sleep(40);
    }
    await sleep(300);
    const reads = seen.length - before;
    expect(reads).toBeGreaterThanOrEqual(3);
    expect(reads).toBeLessThanOrEqual(10);
    expect(seen.at(-1)).toEqual([{ tag: 't0', count: 10 }, { tag: 't1', count: 10 }, { tag: 't2', count: 10 }]);
    stop();
  });

  it('does not read again for writes to other tables, nor once stopped', async () => {
    const { seen, stop, settled } = follow({ wait: 10, maxWait: 50 });
    const before = await settled();
    await setSetting(db, 'backupReminder', 'weekly');
    await sleep(80);
    expect(seen).toHaveLength(before);
    stop();
    await addNote(db, PAGE, draft('après'));
    await sleep(80);
    expect(seen).toHaveLength(before);
  });
});
