/**
 * The anchoring behaviour, as a suite run once per DOM implementation (anchor.jsdom.test.ts,
 * anchor.happy-dom.test.ts): each file picks its environment, this file uses the global document.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { anchor, describe as describeRange, excludeFromText, indexText, locate } from '../../utils/anchoring';
import type { Selector, TextPositionSelector, TextQuoteSelector } from '../../utils/domain/model';

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Replaces the body and returns it. */
function page(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

/** Visible text nodes under `root` (no script or style), in order. */
function textNodes(root: Element): Text[] {
  const out: Text[] = [];
  const walker = document.createTreeWalker(root, 0x4);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.parentElement?.closest('script, style')) out.push(n as Text);
  }
  return out;
}

/**
 * The range of the `nth` occurrence of `text` in the concatenated text nodes under `root`
 * (raw text: the test writes it as the DOM has it).
 */
function rangeOf(root: Element, text: string, nth = 0): Range {
  const nodes = textNodes(root);
  const all = nodes.map((n) => n.data).join('');
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = all.indexOf(text, at + 1);
    if (at < 0) throw new Error(`"${text}" #${nth} not in the page`);
  }
  const point = (offset: number, end: boolean): [Node, number] => {
    let base = 0;
    for (const n of nodes) {
      const len = n.data.length;
      if (end ? offset <= base + len : offset < base + len) return [n, offset - base];
      base += len;
    }
    throw new Error('offset out of range');
  };
  const range = document.createRange();
  range.setStart(...point(at, false));
  range.setEnd(...point(at + text.length, true));
  return range;
}

const quoteOf = (s: Selector[]) => s.find((x): x is TextQuoteSelector => x.type === 'TextQuoteSelector')!;
const positionOf = (s: Selector[]) => s.find((x): x is TextPositionSelector => x.type === 'TextPositionSelector')!;

/** Which occurrence of `text` (in the raw text nodes) a range starts at, or -1. */
function occurrenceOf(root: Element, range: Range, text: string): number {
  for (let i = 0; ; i++) {
    let r: Range;
    try {
      r = rangeOf(root, text, i);
    } catch {
      return -1;
    }
    if (r.compareBoundaryPoints(0 /* START_TO_START */, range) === 0) return i;
  }
}

export function anchoringSuite() {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  describe('describe', () => {
    it('emits a W3C quote with 32 characters of context, and a position', () => {
      const root = page(
        '<p>Il était une fois, dans un pays lointain, une marque qui disait la vérité à ses clients, toujours et sans détour.</p>',
      );
      const selectors = describeRange(root, rangeOf(root, 'la vérité'));
      expect(selectors).toEqual([
        {
          type: 'TextQuoteSelector',
          exact: 'la vérité',
          prefix: 'lointain, une marque qui disait ',
          suffix: ' à ses clients, toujours et sans',
        },
        { type: 'TextPositionSelector', start: 64, end: 73 },
      ]);
      expect(quoteOf(selectors).prefix).toHaveLength(32);
    });

    it('reads a boundary between paragraphs as a space, even without whitespace in the markup', () => {
      const root = page('<p>Fin du premier.</p><p>Début du second.</p>');
      const range = document.createRange();
      range.setStart(root.firstChild!.firstChild!, 7);
      range.setEnd(root.lastChild!.firstChild!, 5);
      expect(range.toString()).toBe('premier.Début');
      expect(quoteOf(describeRange(root, range))).toMatchObject({ exact: 'premier. Début', prefix: 'Fin du ', suffix: ' du second.' });
    });

    it('collapses whitespace runs but keeps typography', () => {
      const root = page('<p>« C’est\n      une   question »\u00a0!</p>');
      expect(quoteOf(describeRange(root, rangeOf(root, '« C’est\n      une   question »')))!.exact).toBe('« C’est une question »');
    });

    it('accepts ranges whose boundaries are elements', () => {
      const root = page('<p>Un <em>deux</em> trois</p><p>quatre</p>');
      const range = document.createRange();
      range.setStart(root.firstChild!, 1);
      range.setEnd(root, 2);
      const selectors = describeRange(root, range);
      expect(quoteOf(selectors).exact).toBe('deux trois quatre');
      expect(anchor(root, selectors)!.toString()).toBe('deux troisquatre');
    });
  });

  describe('round trip on an unchanged page', () => {
    it('finds the very same range, through the position', () => {
      const root = page('<h1>Titre</h1><p>Un <strong>passage important</strong> à retenir.</p><p>Et la suite.</p>');
      const range = rangeOf(root, 'passage important à retenir.Et la');
      const selectors = describeRange(root, range);
      const found = anchor(root, selectors)!;
      expect(found.toString()).toBe(range.toString());
      expect(found.compareBoundaryPoints(0, range)).toBe(0);
      expect(found.compareBoundaryPoints(2, range)).toBe(0);
      expect(locate(indexText(root), selectors)?.kind).toBe('position');
    });

    it('keeps whitespace the reader selected at the edges', () => {
      const root = page('<p>avant milieu après</p>');
      const range = rangeOf(root, ' milieu ');
      expect(anchor(root, describeRange(root, range))!.toString()).toBe(' milieu ');
      // And through the quote alone:
      expect(anchor(root, [quoteOf(describeRange(root, range))])!.toString()).toBe(' milieu ');
    });
  });

  describe('exact search when the position is stale', () => {
    const article = (extra = '') =>
      `${extra}<p>Faire confiance à son client, c’est accepter de lui dire la vérité, y compris lorsqu’elle n’est pas belle.</p>` +
      '<p>L’ennemi de la vérité est la perfection.</p><p>Ils préfèrent la vérité imparfaite.</p>' +
      '<p>La vérité est dans l’unicité du client.</p>';

    it('finds a passage moved by a paragraph inserted above', () => {
      const root = page(article());
      const selectors = describeRange(root, rangeOf(root, 'L’ennemi de la vérité est la perfection.'));
      page(article('<p>Un paragraphe ajouté en tête, qui décale toutes les positions du texte.</p>'));
      const found = anchor(root, selectors)!;
      expect(found.toString()).toBe('L’ennemi de la vérité est la perfection.');
      expect(locate(indexText(root), selectors)?.kind).toBe('exact');
    });

    it('picks the right one of several occurrences by its context', () => {
      const root = page(article());
      const selectors = describeRange(root, rangeOf(root, 'la vérité', 1));
      page(article('<p>Un paragraphe ajouté en tête, qui parle aussi de la vérité, encore.</p>'));
      const found = anchor(root, selectors)!;
      expect(found.toString()).toBe('la vérité');
      // Occurrence 0 is now in the inserted paragraph; the one meant was #1, so now #2.
      expect(occurrenceOf(root, found, 'la vérité')).toBe(2);
    });

    it('does not trust a short quote that reads the same at its old offsets in another context', () => {
      const before = 'Il dit la vérité ici. Nous cherchons la vérité là-bas, toujours.';
      const root = page(`<p>${before}</p>`);
      const selectors = describeRange(root, rangeOf(root, 'la vérité', 1));
      const at = positionOf(selectors).start;
      const filler = 'Un tout autre début de phrase, sans rapport aucun. '.repeat(3).slice(0, at);
      page(`<p>${filler}la vérité, dit-on ailleurs. Nous cherchons la vérité là-bas, toujours.</p>`);
      expect(rangeOf(root, 'la vérité', 0).startOffset).toBe(at);
      expect(occurrenceOf(root, anchor(root, selectors)!, 'la vérité')).toBe(1);
    });

    it('with identical contexts, picks the occurrence nearest the old position', () => {
      const para = '<p>Le même paragraphe, répété mot pour mot, avec la même phrase clé au milieu de lui.</p>';
      const root = page(para.repeat(5));
      const selectors = describeRange(root, rangeOf(root, 'la même phrase clé', 3));
      page('<p>Ajout.</p>' + para.repeat(5));
      const found = anchor(root, selectors)!;
      expect(occurrenceOf(root, found, 'la même phrase clé')).toBe(3);
    });
  });

  describe('what readers do not see', () => {
    const text = 'Dire la vérité ! Est-ce toujours possible ? Faut-il s’y tenir, quelles que soient les personnes ?';

    it.each([
      ['line breaks and indentation inside the paragraph', text.replace(/, /g, ',\n      ')],
      ['no-break spaces before punctuation', text.replace(/ ([!?])/g, '\u00a0$1')],
      ['narrow no-break spaces', text.replace(/ ([!?])/g, '\u202f$1')],
      ['straight apostrophes', text.replace(/’/g, "'")],
      ['decomposed accents', text.normalize('NFD')],
      ['an inline element added inside', text.replace('toujours possible', 'toujours <em>possible</em>')],
      ['block wrappers added around', text],
    ])('anchors exactly across %s', (name, changed) => {
      const root = page(`<p>Avant.</p><p>${text}</p><p>Après.</p>`);
      const selectors = describeRange(root, rangeOf(root, 'Est-ce toujours possible ? Faut-il s’y tenir'));
      const wrapped = name.startsWith('block') ? `<div class="wrap"><section><p>${changed}</p></section></div>` : `<p>${changed}</p>`;
      page(`<p>Un ajout.</p><p>Avant.</p>${wrapped}<p>Après.</p>`);
      const found = anchor(root, selectors)!;
      expect(found).not.toBeNull();
      expect(collapse(found.toString()).normalize('NFC').replace(/'/g, '’').replace(/[\u00a0\u202f]/g, ' ')).toBe(
        'Est-ce toujours possible ? Faut-il s’y tenir',
      );
      expect(locate(indexText(root), selectors)?.kind).not.toBe('fuzzy');
    });

    it('anchors a quote made with other quotation marks', () => {
      const root = page('<p>Il a dit « no retreat, no surrender » et il est parti.</p>');
      const selectors = describeRange(root, rangeOf(root, '« no retreat, no surrender »'));
      page('<p>Préambule.</p><p>Il a dit "no retreat, no surrender" et il est parti.</p>');
      expect(anchor(root, selectors)!.toString()).toBe('"no retreat, no surrender"');
    });

    it('anchors across paragraphs whether or not the markup has whitespace between them', () => {
      const root = page('<p>Il en est de même en marketing.</p>\n<p>La vérité est dans l’unicité du client.</p>');
      const selectors = describeRange(root, rangeOf(root, 'marketing.\nLa vérité'));
      expect(quoteOf(selectors).exact).toBe('marketing. La vérité');
      page('<p>Ajout.</p><div><p>Il en est de même en marketing.</p></div><div><p>La vérité est dans l’unicité du client.</p></div>');
      const found = anchor(root, selectors)!;
      expect(found.toString()).toBe('marketing.La vérité');
      expect(locate(indexText(root), selectors)?.kind).toBe('exact');
    });

    it('still anchors a legacy quote stored without the space between paragraphs', () => {
      const root = page('<p>Préambule.</p><p>Il en est de même en marketing.</p><p>La vérité est dans l’unicité du client.</p>');
      const legacy: Selector[] = [{ type: 'TextQuoteSelector', exact: 'en marketing.La vérité est', prefix: 'Il en est de même ', suffix: ' dans l’unicité' }];
      expect(anchor(root, legacy)!.toString()).toBe('en marketing.La vérité est');
    });
  });

  describe('fuzzy search', () => {
    const before =
      '<p>Dire la vérité ! Est-ce toujours possible ? Faut-il s’y tenir quelles que soient les personnes ?</p>' +
      '<p>C’est une question de confiance, en réalité. Faire confiance à son client, c’est accepter de lui dire la vérité.</p>';

    it('lands on a sentence with one word changed', () => {
      const root = page(before);
      const selectors = describeRange(root, rangeOf(root, 'Est-ce toujours possible ?'));
      page(before.replace('possible ?', 'possibles ?'));
      expect(anchor(root, selectors)!.toString()).toBe('Est-ce toujours possibles ?');
      expect(locate(indexText(root), selectors)?.kind).toBe('fuzzy');
    });

    it('prefers the edited passage in its context to an intact copy elsewhere', () => {
      const sentence = 'Si l’habit fait le moine, le verbe fait aussi la marque.';
      const root = page(
        `<p>Au début. ${sentence} Et l’on juge les marques.</p><p>Un autre paragraphe, assez long pour séparer les deux.</p>` +
          `<p>Plus loin. ${sentence} Et encore.</p>`,
      );
      const selectors = describeRange(root, rangeOf(root, sentence, 0));
      page(
        `<p>Au début. ${sentence.replace('le verbe', 'les verbes')} Et l’on juge les marques.</p>` +
          `<p>Un autre paragraphe, assez long pour séparer les deux.</p><p>Plus loin. ${sentence} Et encore.</p>`,
      );
      expect(anchor(root, selectors)!.toString()).toBe('Si l’habit fait le moine, les verbes fait aussi la marque.');
    });

    it('finds an edited passage that also moved far away', () => {
      const filler = Array.from({ length: 60 }, (_, i) => `<p>Paragraphe de remplissage numéro ${i}, sans rapport.</p>`).join('');
      const target = '<p>Une phrase assez longue pour être retrouvée même après une petite modification du texte.</p>';
      const root = page(target + filler);
      const selectors = describeRange(root, rangeOf(root, 'Une phrase assez longue pour être retrouvée même après une petite modification du texte.'));
      page(filler + target.replace('petite', 'légère'));
      expect(anchor(root, selectors)!.toString()).toBe('Une phrase assez longue pour être retrouvée même après une légère modification du texte.');
    });
  });

  describe('orphans', () => {
    it('when the paragraph holding the passage is deleted', () => {
      const html = [
        '<p>Pour compléter votre réflexion, je vous propose deux témoignages américains à propos de l’influence.</p>',
        '<p>Quote from Daniel Newman : the instinct is for brands to focus on vanity metrics.</p>',
        '<p>Quote from Ted Rubin : a return on relationship is the value accrued by a person or brand.</p>',
      ];
      const root = page(html.join(''));
      const selectors = describeRange(root, rangeOf(root, html[0]!.slice(3, -4)));
      page(html.slice(1).join(''));
      expect(anchor(root, selectors)).toBeNull();
    });

    it('rather than anywhere else its words appear', () => {
      const root = page(
        '<p>La relation client est une affaire de confiance.</p><p>Un passage que l’on va supprimer : la relation client avant tout.</p>' +
          '<p>Enfin, la relation client demande du temps.</p>',
      );
      const selectors = describeRange(root, rangeOf(root, 'la relation client avant tout'));
      page('<p>La relation client est une affaire de confiance.</p><p>Enfin, la relation client demande du temps.</p>');
      expect(anchor(root, selectors)).toBeNull();
    });

    it('when a short quote survives only in another context', () => {
      const root = page('<p>Elle dit toujours la vérité aux clients fidèles.</p><p>Autre chose.</p>');
      const selectors = describeRange(root, rangeOf(root, 'la vérité'));
      page('<p>Tout autre chose, où l’on cherche la vérité sans la trouver.</p>');
      expect(anchor(root, selectors)).toBeNull();
    });

    it('when the page is empty', () => {
      const root = page('<p>Un texte.</p>');
      const selectors = describeRange(root, rangeOf(root, 'texte'));
      page('');
      expect(anchor(root, selectors)).toBeNull();
    });
  });

  describe('hidden text and Verbatim’s own UI', () => {
    it('never matches inside scripts, styles or hidden elements', () => {
      const root = page('<p>Le mot secret est ici.</p>');
      const selectors = describeRange(root, rangeOf(root, 'Le mot secret est ici.'));
      page(
        '<script>var s = "Le mot secret est ici.";</script><style>/* Le mot secret est ici. */</style>' +
          '<div hidden>Le mot secret est ici.</div><noscript>Le mot secret est ici.</noscript><p>Autre chose.</p>',
      );
      expect(anchor(root, selectors)).toBeNull();
    });

    it('ignores text in Verbatim’s UI, so positions do not move when it is shown', () => {
      const root = page('<p>Un passage à surligner.</p>');
      const selectors = describeRange(root, rangeOf(root, 'passage'));
      const ui = document.createElement('verbatim-ui');
      excludeFromText(ui);
      ui.textContent = 'Surligner · Citer — passage';
      root.prepend(ui);
      const index = indexText(root);
      expect(index.text).toBe('Un passage à surligner.');
      expect(locate(index, selectors)).toMatchObject({ kind: 'position', start: 3, end: 10 });
      expect(anchor(root, selectors, index)!.startContainer.parentElement?.localName).toBe('p');
    });

    it('describes a range that starts in skipped content from the next visible text', () => {
      const root = page('<p>Avant</p><script>ignored()</script><p>Après coup</p>');
      const range = document.createRange();
      range.setStart(root.querySelector('script')!.firstChild!, 2);
      range.setEnd(root.lastChild!.firstChild!, 5);
      const selectors = describeRange(root, range);
      expect(quoteOf(selectors).exact).toBe('Après');
      expect(positionOf(selectors)).toMatchObject({ start: 5, end: 10 });
    });
  });

  describe('robustness', () => {
    it('trusts a position alone when it fits, and refuses one that does not', () => {
      const root = page('<p>Bonjour le monde.</p>');
      expect(anchor(root, [{ type: 'TextPositionSelector', start: 8, end: 10 }])!.toString()).toBe('le');
      expect(anchor(root, [{ type: 'TextPositionSelector', start: 8, end: 100 }])).toBeNull();
      expect(anchor(root, [{ type: 'TextPositionSelector', start: 5, end: 5 }])).toBeNull();
    });

    it('returns null, without throwing, for empty or malformed selectors', () => {
      const root = page('<p>Bonjour le monde.</p>');
      expect(anchor(root, [])).toBeNull();
      expect(anchor(root, [{ type: 'TextQuoteSelector', exact: '' }])).toBeNull();
      expect(anchor(root, [{ type: 'TextQuoteSelector', exact: ' \n ' }])).toBeNull();
      expect(anchor(root, [{ type: 'TextQuoteSelector', exact: 'absent' }])).toBeNull();
      const junk = [{ type: 'TextPositionSelector', start: -3, end: Number.NaN }, { type: 'RangeSelector' }, null];
      expect(() => anchor(root, junk as unknown as Selector[])).not.toThrow();
    });

    it('shares one index between many anchors', () => {
      const root = page(Array.from({ length: 20 }, (_, i) => `<p>Phrase numéro ${i} du texte, unique.</p>`).join(''));
      const all = Array.from({ length: 20 }, (_, i) => describeRange(root, rangeOf(root, `numéro ${i} du`)));
      page('<p>Ajout.</p>' + root.innerHTML);
      const index = indexText(root);
      all.forEach((selectors, i) => expect(anchor(root, selectors, index)!.toString()).toBe(`numéro ${i} du`));
    });
  });
}
