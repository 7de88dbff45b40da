import { describe, expect, it } from 'vitest';
import { IndexFeed } from '../../entrypoints/sidepanel/useSearchIndex';
import type { LibraryChange } from '../../hooks/useLibrary';
import type { Note } from '../../utils/domain/model';
import { SearchIndex } from '../../utils/search';
import { highlight } from '../support/library';

// The side panel's search index takes a large change (a sync batch, an import) a slice at a
// time: a key typed meanwhile gets its turn, and the index ends where the library is.

const change = (c: Partial<LibraryChange>): LibraryChange => ({ upserted: [], removed: [], articles: [], ...c });
const notes = (n: number, word: string): Note[] =>
  Array.from({ length: n }, (_, i) => highlight({ id: `n${i}`, url: `https://blog.example/${i % 40}/`, exact: `${word} numéro ${i} du lot` }));
const nextTask = () => new Promise((r) => setTimeout(r, 0));

describe('the search index fed a slice at a time', () => {
  it('lets other tasks run while it takes in 3,000 notes, then has them all and says so', async () => {
    const index = new SearchIndex();
    let idle = 0;
    const feed = new IndexFeed(() => index, () => idle++, 2);
    feed.push(change({ upserted: notes(3_000, 'compostage') }));
    // Nothing is done in the caller's task: its render (and a key's) comes first.
    expect(index.search('compostage').ids).toHaveLength(0);
    let turns = 0;
    while (feed.busy) {
      turns++;
      await nextTask();
    }
    expect(turns).toBeGreaterThan(2);
    expect(idle).toBe(1);
    expect(index.search('compostage').ids).toHaveLength(3_000);
  });

  it('applies changes in the order they came: a note added then removed is not found', async () => {
    const index = new SearchIndex();
    const feed = new IndexFeed(() => index, () => undefined, 1);
    const batch = notes(500, 'lombric');
    feed.push(change({ upserted: batch }));
    feed.push(change({ removed: ['n7'] }));
    feed.push(change({ upserted: [{ ...batch[9]!, exact: 'un tout autre passage', updatedAt: batch[9]!.updatedAt + 1 }] }));
    while (feed.busy) await nextTask();
    const found = index.search('lombric').ids;
    expect(found).toHaveLength(498);
    expect(found).not.toContain('n7');
    expect(found).not.toContain('n9');
    expect(index.search('autre passage').ids).toEqual(['n9']);
  });

  it('stops when the panel closes', async () => {
    const index = new SearchIndex();
    const feed = new IndexFeed(() => index, () => undefined, 1);
    feed.push(change({ upserted: notes(2_000, 'tomate') }));
    feed.destroy();
    await new Promise((r) => setTimeout(r, 30));
    expect(index.search('tomate').ids).toHaveLength(0);
  });
});
