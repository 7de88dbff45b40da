// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { describe as describeRange, locateAll } from '../../utils/anchoring';
import { Highlighter } from '../../utils/page/highlighter';
import type { Note } from '../../utils/domain/model';
import { PageHighlights, type PageHighlightsOptions, type RemoteLocate } from '../../utils/page/page-highlights';

function noteFor(id: string, text: string): Note {
  const body = document.body;
  const full = body.textContent ?? '';
  const at = full.indexOf(text);
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let offset = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const len = (n as Text).data.length;
    if (at >= offset && at < offset + len) range.setStart(n, at - offset);
    if (at + text.length > offset && at + text.length <= offset + len) range.setEnd(n, at + text.length - offset);
    offset += len;
  }
  return {
    id, url: 'https://x.example/', kind: 'highlight', color: 'yellow', exact: text,
    selectors: describeRange(body, range), note: '', tags: [], createdAt: 0, updatedAt: 0,
  };
}

/** The fallback's wrapping elements: the only custom elements (random names) in these pages. */
const drawnText = () =>
  [...document.body.querySelectorAll('*')]
    .filter((e) => e.localName.includes('-'))
    .map((m) => m.textContent)
    .join('|');

describe('PageHighlights', () => {
  let reports: Array<{ found: string[]; orphaned: string[] }>;
  let page: PageHighlights;
  beforeEach(() => {
    reports = [];
    document.body.innerHTML = '<p>Premier paragraphe, déjà là.</p><div id="later"></div>';
    page = new PageHighlights({
      root: () => document.body,
      highlighter: new Highlighter(document),
      report: (found, orphaned) => reports.push({ found, orphaned }),
      watchMs: 2_000, debounceMs: 20, settleMs: 200,
    });
  });
  afterEach(() => page.destroy());

  it('draws what it finds and reports it at once', async () => {
    const here = noteFor('here', 'déjà là');
    await page.show([here]);
    expect(drawnText()).toBe('déjà là');
    expect(reports).toEqual([{ found: ['here'], orphaned: [] }]);
    expect(page.orphans).toEqual([]);
  });

  it('finds a passage that renders late, without reporting it as an orphan', async () => {
    document.querySelector('#later')!.innerHTML = '<p>Contenu chargé plus tard par le site.</p>';
    const late = noteFor('late', 'chargé plus tard');
    document.querySelector('#later')!.innerHTML = '';
    await page.show([late]);
    expect(page.orphans).toEqual(['late']);
    document.querySelector('#later')!.innerHTML = '<p>Contenu chargé plus tard par le site.</p>';
    await vi.waitFor(() => expect(drawnText()).toBe('chargé plus tard'), { timeout: 1000 });
    expect(page.orphans).toEqual([]);
    expect(reports.flatMap((r) => r.orphaned)).toEqual([]);
    expect(reports.at(-1)).toEqual({ found: ['late'], orphaned: [] });
  });

  it('reports what never appears as an orphan once the page is quiet, and draws nothing for it', async () => {
    document.body.insertAdjacentHTML('beforeend', '<p>Un paragraphe supprimé ensuite.</p>');
    const gone = noteFor('gone', 'supprimé ensuite');
    document.body.lastElementChild!.remove();
    await page.show([gone]);
    await vi.waitFor(() => expect(reports.at(-1)).toEqual({ found: [], orphaned: ['gone'] }), { timeout: 1000 });
    expect(drawnText()).toBe('');
  });

  it('gives the main thread back between slices on a page with many notes', async () => {
    document.body.innerHTML = Array.from({ length: 300 }, (_, i) => `<p>Phrase numéro ${i} du texte.</p>`).join('');
    const notes = Array.from({ length: 300 }, (_, i) => noteFor(`n${i}`, `numéro ${i} du`));
    const slow = new PageHighlights({ root: () => document.body, highlighter: new Highlighter(document), report: () => {}, sliceMs: 0 });
    let yielded = 0;
    const timer = setInterval(() => yielded++, 0);
    await slow.show(notes);
    clearInterval(timer);
    expect(yielded).toBeGreaterThan(0);
    expect(slow.orphans).toEqual([]);
    slow.destroy();
  });

  it('treats a malformed selector as an orphan, never an exception', async () => {
    const bad = { ...noteFor('bad', 'déjà là'), selectors: [{ type: 'TextPositionSelector', start: 5000, end: 5004 }] } as Note;
    await expect(page.show([bad])).resolves.toBeUndefined();
    expect(page.orphans).toEqual(['bad']);
  });
});

describe('PageHighlights matching in the background', () => {
  /** The CSS Custom Highlight API, as far as the highlighter uses it (jsdom has none). */
  class FakeHighlight extends Set<Range> {}
  let registry: Map<string, FakeHighlight>;
  const drawnRanges = () => [...registry.values()].flatMap((h) => [...h].map((r) => r.toString()));
  beforeEach(() => {
    registry = new Map();
    vi.stubGlobal('Highlight', FakeHighlight);
    Object.defineProperty(document.defaultView!, 'CSS', { value: { highlights: registry }, configurable: true });
    document.body.innerHTML = '<h1>Un titre</h1><p>Premier paragraphe, déjà là.</p><p>Second paragraphe, plus loin.</p>';
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    Reflect.deleteProperty(document.defaultView!, 'CSS');
  });

  const pageWith = (remote: RemoteLocate, extra: Partial<PageHighlightsOptions> = {}) =>
    new PageHighlights({ root: () => document.body, highlighter: new Highlighter(document), report: () => {}, remote, ...extra });

  it('sends the page text once and draws where the answer points', async () => {
    const notes = [noteFor('a', 'déjà là'), noteFor('b', 'plus loin')];
    const calls: Array<{ keys: string[]; selectors: unknown[] }> = [];
    const page = pageWith(async (text, selectors) => {
      calls.push({ keys: Object.keys(text).sort(), selectors });
      return locateAll(text, selectors);
    });
    document.body.insertAdjacentHTML('afterbegin', '<p>Un paragraphe ajouté en tête.</p>');
    await page.show(notes);
    expect(calls).toHaveLength(1);
    // Plain data only: what a message can carry.
    expect(calls[0]!.keys).toEqual(['breaks', 'starts', 'text']);
    expect(calls[0]!.selectors).toEqual(notes.map((n) => n.selectors));
    expect(drawnRanges().sort()).toEqual(['déjà là', 'plus loin']);
    expect(page.orphans).toEqual([]);
    page.destroy();
  });

  it('matches on the page itself when the background cannot answer', async () => {
    const page = pageWith(() => Promise.reject(new Error('no reply from the extension')));
    await page.show([noteFor('a', 'déjà là')]);
    expect(drawnRanges()).toEqual(['déjà là']);
    page.destroy();
  });

  it('does not send a page longer than the limit', async () => {
    const remote = vi.fn<RemoteLocate>(async () => []);
    const page = pageWith(remote, { remoteMaxChars: 10 });
    await page.show([noteFor('a', 'déjà là')]);
    expect(remote).not.toHaveBeenCalled();
    expect(drawnRanges()).toEqual(['déjà là']);
    page.destroy();
  });

  it('does not draw a passage whose text was rewritten while it was being matched', async () => {
    const notes = [noteFor('a', 'déjà là'), noteFor('b', 'plus loin')];
    const page = pageWith(async (text, selectors) => {
      const found = locateAll(text, selectors);
      // The site rewrites the first paragraph before the answer comes back.
      document.querySelector('p')!.firstChild!.textContent = 'Premier paragraphe, réécrit entre-temps.';
      return found;
    }, { watchMs: 0 });
    await page.show(notes);
    expect(drawnRanges()).toEqual(['plus loin']);
    expect(page.orphans).toEqual(['a']);
    page.destroy();
  });
});
