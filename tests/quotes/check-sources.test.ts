import { describe, expect, it } from 'vitest';
import type { PageText } from '../../utils/anchoring';
import { checkSources, passagesBySource, SourceUnavailable, type CheckedNote, type OpenedSource, type SourceOpener } from '../../utils/quotes/check-sources';

const text = (s: string): PageText => ({ text: s, starts: [0], breaks: [0, s.length] });
const note = (id: string, url: string, exact: string, kind: CheckedNote['kind'] = 'quote'): CheckedNote => ({
  id,
  url,
  kind,
  exact,
  selectors: [{ type: 'TextQuoteSelector', exact }],
});

const A = 'https://a.example/article';
const B = 'https://b.example/article';
const C = 'https://c.example/article';

/** Pages served by URL, each a list of texts read in turn (the last one repeats); or a failure. Counts what was opened and closed. */
function fakeSources(pages: Record<string, string[] | SourceUnavailable>, delay = 0) {
  const log = { opened: [] as string[], closed: [] as string[], reads: 0, open: 0, maxOpen: 0 };
  const open: SourceOpener = async (url, signal) => {
    log.opened.push(url);
    await new Promise((r) => setTimeout(r, delay));
    if (signal.aborted) throw signal.reason;
    const page = pages[url];
    if (!page) throw new Error('no such page');
    if (page instanceof SourceUnavailable) throw page;
    log.open++;
    log.maxOpen = Math.max(log.maxOpen, log.open);
    let n = 0;
    const source: OpenedSource = {
      read: async () => {
        log.reads++;
        await new Promise((r) => setTimeout(r, delay));
        return text(page[Math.min(n++, page.length - 1)]!);
      },
      close: async () => {
        log.open--;
        log.closed.push(url);
      },
    };
    return source;
  };
  return { open, log };
}

describe('passagesBySource', () => {
  it('groups passages by their page, in the order met, leaving notes on a page as a whole out', () => {
    const notes = [note('1', A, 'one'), note('2', B, 'two'), note('3', A, 'three'), note('4', C, '', 'page')];
    expect([...passagesBySource(notes)].map(([url, list]) => [url, list.map((n) => n.id)])).toEqual([
      [A, ['1', '3']],
      [B, ['2']],
    ]);
  });
});

describe('checkSources', () => {
  it('opens each source once, checks all its passages, closes it, and dates each check', async () => {
    const { open, log } = fakeSources({
      [A]: ['Trust takes years to build and seconds to break. Customers remember.'],
      [B]: ['La confiance met des années à se construire.'],
    });
    const notes = [note('1', A, 'Trust takes years to build'), note('2', B, 'La confiance met des années à se construire.'), note('3', A, 'seconds to break')];
    const progress: Array<[number, number]> = [];
    const results = await checkSources(notes, { open, now: () => 42, settle: [], onSource: (_r, done, total) => progress.push([done, total]) });
    expect(log.opened.sort()).toEqual([A, B]);
    expect(log.closed.sort()).toEqual([A, B]);
    expect(progress.map(([, total]) => total)).toEqual([2, 2]);
    expect(progress.map(([done]) => done)).toEqual([1, 2]);
    const checks = new Map(results.flatMap((r) => ('checks' in r ? [...r.checks] : [])));
    expect(checks).toEqual(
      new Map([
        ['1', { at: 42, outcome: 'same' }],
        ['3', { at: 42, outcome: 'same' }],
        ['2', { at: 42, outcome: 'same' }],
      ]),
    );
  });

  it('keeps at most `concurrency` sources open at once', async () => {
    const pages = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`https://s${i}.example/`, ['some words here']]));
    const { open, log } = fakeSources(pages, 5);
    const notes = Object.keys(pages).map((url, i) => note(String(i), url, 'some words here'));
    await checkSources(notes, { open, concurrency: 2, settle: [] });
    expect(log.opened).toHaveLength(6);
    expect(log.maxOpen).toBe(2);
    expect(log.open).toBe(0);
  });

  it('says a source that could not be loaded is unavailable, with why, apart from its passages being gone', async () => {
    const { open } = fakeSources({
      [A]: new SourceUnavailable({ reason: 'timeout', seconds: 30 }),
      [B]: new SourceUnavailable({ reason: 'http', status: 404 }),
      [C]: ['Nothing of the quote is on this page any more.'],
    });
    const results = await checkSources([note('1', A, 'a quote'), note('2', B, 'a quote'), note('3', C, 'Trust takes years to build and seconds to break.')], { open, settle: [] });
    const byUrl = new Map(results.map((r) => [r.url, r]));
    expect(byUrl.get(A)).toMatchObject({ noteIds: ['1'], failure: { reason: 'timeout', seconds: 30 } });
    expect(byUrl.get(B)).toMatchObject({ noteIds: ['2'], failure: { reason: 'http', status: 404 } });
    expect(byUrl.get(C)).toMatchObject({ checks: new Map([['3', expect.objectContaining({ outcome: 'gone' })]]) });
  });

  it('reads a page again while a passage is missing (text rendered late), and stops once all are there', async () => {
    const { open, log } = fakeSources({ [A]: ['Loading…', 'Loading…', 'Trust takes years to build and seconds to break.'] });
    const [result] = await checkSources([note('1', A, 'Trust takes years to build')], { open, settle: [1, 1, 1, 1] });
    expect(result).toMatchObject({ checks: new Map([['1', expect.objectContaining({ outcome: 'same' })]]) });
    expect(log.reads).toBe(3);
  });

  it('stops when cancelled: no source opened after, the one being read closed, what was done returned', async () => {
    const pages = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`https://s${i}.example/`, ['some words here']]));
    const { open, log } = fakeSources(pages, 20);
    const stop = new AbortController();
    const notes = Object.keys(pages).map((url, i) => note(String(i), url, 'some words here'));
    const results = await checkSources(notes, { open, concurrency: 1, settle: [], signal: stop.signal, onSource: (_r, done) => done === 2 && stop.abort() });
    expect(results.map((r) => r.url)).toEqual(Object.keys(pages).slice(0, 2));
    expect(log.opened).toHaveLength(2);
    expect(log.open).toBe(0);
  });
});
