// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { describe as describeRange } from '../utils/anchoring';
import { Highlighter, MARK_TAG } from '../utils/highlighter';
import type { Note } from '../utils/model';
import { PageHighlights } from '../utils/page-highlights';

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

const drawnText = () => [...document.querySelectorAll(MARK_TAG)].map((m) => m.textContent).join('|');

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
