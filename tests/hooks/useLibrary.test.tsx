// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useLibrary, type Library, type LibraryChange } from '../../hooks/useLibrary';
import { PREVIEW_NOTES } from '../../utils/db/early-preview';
import type { VerbatimDb } from '../../utils/db/schema';
import { passage as note, UN_ARTICLE as article } from '../support/library';
import { renderPerTest } from '../support/preact';

// The hook over utils/db/live-library.ts (whose own tests cover how it follows the database):
// what a render sees, from the first paint's preview to the loaded library and its changes.

const URL_A = article.url;

let db: VerbatimDb;
let host: HTMLElement;
renderPerTest((t) => ({ db, host } = t));
let seen: Library[];
let changes: Array<{ change: LibraryChange; library: Library }>;

function Probe() {
  const library = useLibrary(db, (change, l) => changes.push({ change, library: l }));
  seen.push({ ...library });
  return null;
}

const latest = () => seen[seen.length - 1]!;

beforeEach(() => {
  seen = [];
  changes = [];
});

describe('useLibrary', () => {
  it('renders the newest notes from a small query before the whole library is read, then the library', async () => {
    await db.articles.put(article);
    await db.notes.bulkPut(Array.from({ length: PREVIEW_NOTES + 30 }, (_, i) => note(i)));
    render(<Probe />, host);
    await vi.waitFor(() => expect(seen.some((l) => l.preview)).toBe(true));
    const first = seen.find((l) => l.preview)!;
    expect(first).toMatchObject({ loaded: false, version: 0 });
    expect(first.preview!.notes).toHaveLength(PREVIEW_NOTES);
    expect(first.preview!.complete).toBe(false);
    expect(first.articleByUrl.get(URL_A)?.title).toBe('Un article');
    await vi.waitFor(() => expect(latest().loaded).toBe(true));
    expect(latest()).toMatchObject({ version: 1, preview: undefined });
    expect(latest().notes.size).toBe(PREVIEW_NOTES + 30);
    expect(changes).toHaveLength(1);
    expect(changes[0]!.library.notes.size).toBe(PREVIEW_NOTES + 30);
  });

  it('paints an empty library', async () => {
    render(<Probe />, host);
    await vi.waitFor(() => expect(latest().loaded).toBe(true));
    expect(seen.find((l) => l.preview)?.preview).toEqual({ notes: [], complete: true });
    expect(changes).toHaveLength(1);
  });

  it('renders again on each change, with a new version', async () => {
    await db.notes.put(note(1));
    render(<Probe />, host);
    await vi.waitFor(() => expect(latest().loaded).toBe(true));
    await act(() => db.notes.update('n0001', { note: 'Modifié ici', updatedAt: 95_000 }).then(() => undefined));
    await vi.waitFor(() => expect(latest().notes.get('n0001')?.note).toBe('Modifié ici'));
    expect(latest().version).toBe(2);
    expect(changes.at(-1)!.change.upserted.map((n) => n.id)).toEqual(['n0001']);
  });

  it('says why the library could not be read', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    db.close();
    render(<Probe />, host);
    await vi.waitFor(() => expect(latest().error).toBeTruthy());
    expect(latest().loaded).toBe(false);
    vi.restoreAllMocks();
  });
});
