// @vitest-environment node
/**
 * A generated long page: every highlight anchors where it must (edited ones fuzzily, deleted ones
 * nowhere), from one shared index, and the search stays fast. The full-size comparison with
 * dom-anchor-text-quote is the benchmark (bench/anchoring.ts).
 */
import { describe, expect, it } from 'vitest';
import { anchor, describe as describeRange, indexText, locate } from '../../utils/anchoring';
import { collapse } from '../support/corpus';
import { DOMS, load } from '../support/dom';
import { buildLongPage } from '../support/long-page';

const page = buildLongPage({ size: 200_000, seed: 7 });

describe.each(DOMS)('a 200 kB generated page under %s', (dom) => {
  // Speed is measured by `npm run bench`, not asserted here: a loaded CI machine must not fail this
  // (jsdom alone takes ~4.5 s, parsing and querying the two pages, near the default 5 s timeout).
  it('anchors every highlight as expected: moved ones exactly, edited ones fuzzily, deleted ones nowhere', () => {
    const before = load(dom, page.before);
    const spanText = (doc: Document, id: number) => doc.querySelector(`[data-h="${id}"]`)!;
    const selectors = page.highlights.map((h) => {
      const range = before.doc.createRange();
      range.selectNodeContents(spanText(before.doc, h.id));
      return describeRange(before.doc.body, range);
    });
    before.close();

    const after = load(dom, page.after);
    const root = after.doc.body;
    const index = indexText(root);
    const found = selectors.map((s) => locate(index, s));

    page.highlights.forEach((h, i) => {
      const f = found[i];
      if (h.expect === 'orphan') {
        expect(f, `#${h.id} should be an orphan`).toBeNull();
        return;
      }
      expect(f?.kind, `#${h.id}`).toBe(h.expect === 'fuzzy' ? 'fuzzy' : 'exact');
      const range = anchor(root, selectors[i]!, index)!;
      expect(collapse(range.toString()), `#${h.id}`).toBe(collapse(spanText(after.doc, h.id).textContent!));
    });
    after.close();
  }, 30_000);
});
