/**
 * Re-anchoring on the corpus: every quote is described on v1, then anchored on v1..v5 and checked
 * against the manifest (`exact` at the recorded place, `fuzzy` on the edited text, `orphan` null),
 * under jsdom and under happy-dom.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { anchor, describe as describeRange, indexText, locate } from '../../utils/anchoring';
import type { Selector } from '../../utils/domain/model';
import { collapse, corpusPresent, gap, loadCorpus, readPage, recordedRange } from '../support/corpus';
import { DOMS, load, type Loaded } from '../support/dom';

const pages = corpusPresent ? loadCorpus().pages : [];
describe.skipIf(!corpusPresent).each(DOMS)('anchoring on the corpus under %s', (dom) => {
  const open: Loaded[] = [];
  afterAll(() => open.forEach((l) => l.close()));

  describe.each(pages.map((p) => [p.slug, p] as const))('%s', (_slug, page) => {
    const v1 = page.variants.find((v) => v.name === 'v1')!;
    const first = load(dom, readPage(v1.file), v1.url);
    open.push(first);
    const selectors = new Map<string, Selector[]>();
    const index = indexText(first.doc.body);
    for (const q of page.quotes) {
      selectors.set(q.id, describeRange(first.doc.body, recordedRange(first.doc, v1.where[q.id]!), index));
    }

    it('describes each quote as the manifest reads it', () => {
      for (const q of page.quotes) {
        const quote = selectors.get(q.id)!.find((s) => s.type === 'TextQuoteSelector');
        expect(quote && collapse(quote.exact), q.id).toBe(collapse(v1.where[q.id]!.text ?? q.exact));
      }
    });

    describe.each(page.variants.map((v) => [v.name, v] as const))('%s', (_name, variant) => {
      const loaded = load(dom, readPage(variant.file), variant.url);
      open.push(loaded);
      const { doc } = loaded;
      const index = indexText(doc.body);

      it.each(page.quotes.map((q) => [q.id, variant.expect[q.id]!] as const))('%s: %s', (id, expected) => {
        const sel = selectors.get(id)!;
        const range = anchor(doc.body, sel, index);
        if (expected === 'orphan') {
          expect(range, `${id} should be an orphan`).toBeNull();
          return;
        }
        expect(range, `${id} should anchor`).not.toBeNull();
        const where = variant.where[id]!;
        const want = recordedRange(doc, where);
        expect(collapse(range!.toString())).toBe(collapse(where.text ?? page.quotes.find((q) => q.id === id)!.exact));
        expect(gap(doc, [range!.startContainer, range!.startOffset], [want.startContainer, want.startOffset])).toBeLessThanOrEqual(1);
        expect(gap(doc, [range!.endContainer, range!.endOffset], [want.endContainer, want.endOffset])).toBeLessThanOrEqual(1);
        const kind = locate(index, sel)?.kind;
        if (expected === 'fuzzy') expect(kind).toBe('fuzzy');
        else expect(kind).not.toBe('fuzzy');
      });
    });
  });
});
