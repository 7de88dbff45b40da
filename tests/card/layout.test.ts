import { describe, expect, it } from 'vitest';
import { cardBoxes, CARD_SIZES, layoutCard, type CardLayout, type CardSize, type CardText } from '../../utils/card/layout';
import { frenchTypography, isFrench } from '../../utils/citation/typography';
import { quoteMarks } from '../../utils/text/quote-marks';
import { fakeMeasure, quoteOf } from '../support/card-text';

const NNBSP = '\u202F';
const SIZES: CardSize[] = ['square', 'wide'];
const LENGTHS = [10, 100, 300, 600];

function textOf(length: number, lang: 'fr' | 'en', extra: Partial<CardText> = {}): CardText {
  return {
    quote: lang === 'fr' ? frenchTypography(quoteOf(length, lang)) : quoteOf(length, lang),
    marks: quoteMarks(isFrench(lang)),
    speaker: lang === 'fr' ? 'Albert Camus' : 'Maya Okafor',
    source: lang === 'fr' ? 'Le Mythe de Sisyphe · Gallimard · 12 mars 1942' : 'Ten Pages a Day · The Quiet Desk · March 3, 2024',
    ...extra,
  };
}

const lines = (layout: CardLayout) => [layout.quote, layout.speaker, layout.source].flatMap((b) => b?.lines ?? []);

/** What every card must hold to, whatever its text: each box inside the image, within its margins. */
function expectWithinBounds(layout: CardLayout) {
  const { width, height, margin } = layout;
  for (const { kind, rect } of cardBoxes(layout)) {
    // Only the quote's opening mark may hang into the margin, and by less than half of it.
    const inset = kind === 'quote' ? margin / 2 : margin;
    expect(rect.x, `${kind} left`).toBeGreaterThanOrEqual(inset - 0.5);
    expect(rect.y, `${kind} top`).toBeGreaterThanOrEqual(margin - 0.5);
    expect(rect.x + rect.width, `${kind} right`).toBeLessThanOrEqual(width - margin + 0.5);
    expect(rect.y + rect.height, `${kind} bottom`).toBeLessThanOrEqual(height - margin + 0.5);
  }
  for (const block of [layout.quote, layout.speaker, layout.source]) {
    for (const line of block?.lines ?? []) {
      expect(fakeMeasure(line.text, block!.font), line.text).toBeLessThanOrEqual(width - 2 * margin + 0.01);
      expect(line.x + line.width).toBeLessThanOrEqual(width - margin + 0.5);
    }
  }
  // The quote stays clear of the footer below it.
  const quoteBottom = layout.quote.rect.y + layout.quote.rect.height;
  for (const { kind, rect } of cardBoxes(layout)) if (kind !== 'quote') expect(rect.y, `${kind} under the quote`).toBeGreaterThan(quoteBottom);
}

describe('layoutCard', () => {
  for (const size of SIZES) {
    for (const lang of ['fr', 'en'] as const) {
      for (const length of LENGTHS) {
        for (const qr of [false, true]) {
          it(`sets a ${length}-character ${lang} quote on the ${size} card${qr ? ' with a QR code' : ''} inside its margins, at a readable size`, () => {
            const layout = layoutCard(textOf(length, lang), { size, qrModules: qr ? 33 : undefined }, fakeMeasure);
            expect(layout.width).toBe(CARD_SIZES[size].width);
            expect(layout.height).toBe(CARD_SIZES[size].height);
            expectWithinBounds(layout);
            expect(layout.quote.size).toBeGreaterThanOrEqual(layout.quote.minSize);
            expect(layout.quote.minSize).toBeGreaterThanOrEqual(size === 'square' ? 28 : 26);
            expect(layout.quote.truncated).toBe(false);
            // Every word drawn, in order, between the language's marks.
            const drawn = layout.quote.lines.map((l) => l.text).join(' ');
            const [open, close] = quoteMarks(isFrench(lang));
            expect(drawn.startsWith(open) && drawn.endsWith(close)).toBe(true);
            expect(drawn.slice(open.length, -close.length)).toBe(textOf(length, lang).quote);
            if (qr) expect(layout.qr!.x).toBeGreaterThan(Math.max(...[layout.speaker!, layout.source!].map((b) => b.rect.x + b.rect.width)));
          });
        }
      }
    }
  }

  it('gives a short quote display type and a long one smaller type, never under the minimum', () => {
    const sizes = LENGTHS.map((n) => layoutCard(textOf(n, 'en'), { size: 'square' }, fakeMeasure).quote.size);
    expect(sizes[0]).toBeGreaterThanOrEqual(72);
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeLessThanOrEqual(sizes[i - 1]!);
    expect(sizes[3]).toBeGreaterThanOrEqual(28);
    expect(sizes[3]).toBeLessThan(60);
  });

  it('cuts a passage too long for the smallest size at a word, marked […], still inside the card', () => {
    for (const size of SIZES) {
      const layout = layoutCard(textOf(3_000, 'fr'), { size, qrModules: 41 }, fakeMeasure);
      expect(layout.quote.truncated).toBe(true);
      expect(layout.quote.size).toBe(layout.quote.minSize);
      expectWithinBounds(layout);
      const last = layout.quote.lines.at(-1)!.text;
      expect(last.endsWith(`[…]${NNBSP}»`)).toBe(true);
    }
  });

  it('keeps French typography: no line starts with » : ; ! ? nor ends with «, the narrow no-break spaces kept', () => {
    for (const length of [100, 300, 600]) {
      for (const size of SIZES) {
        const layout = layoutCard(textOf(length, 'fr'), { size }, fakeMeasure);
        for (const line of layout.quote.lines) {
          expect(line.text, line.text).not.toMatch(/^[»:;!?]/u);
          expect(line.text, line.text).not.toMatch(/«\s*$/u);
          expect(line.text).not.toMatch(/^\s|\s$/u);
        }
        const drawn = layout.quote.lines.map((l) => l.text).join(' ');
        expect(drawn).toContain(`${NNBSP};`);
        if (length > 200) expect(drawn).toContain(`${NNBSP}?`);
        expect(drawn.startsWith(`«${NNBSP}`)).toBe(true);
      }
    }
  });

  it('never leaves punctuation alone at the start of a line, even after an ordinary space', () => {
    const quote = Array.from({ length: 30 }, (_, i) => `mot${i} ?`).join(' ');
    const layout = layoutCard({ quote, marks: ['“', '”'] }, { size: 'wide' }, fakeMeasure);
    for (const line of layout.quote.lines) expect(line.text).not.toMatch(/^[?”]/u);
  });

  it('balances the lines of a short quote and leaves no single word on the last line', () => {
    const layout = layoutCard({ quote: 'Simplicity is the ultimate sophistication of every careful design we ever made', marks: ['“', '”'] }, { size: 'square' }, fakeMeasure);
    const widths = layout.quote.lines.map((l) => l.width);
    expect(widths.length).toBeGreaterThan(1);
    expect(Math.min(...widths) / Math.max(...widths)).toBeGreaterThan(0.6);
    for (const size of SIZES) {
      for (const length of [100, 300, 600]) {
        const long = layoutCard(textOf(length, 'en'), { size }, fakeMeasure);
        expect(long.quote.lines.at(-1)!.text, `${size} ${length}`).toMatch(/\s/u);
      }
    }
  });

  it('hangs the opening mark in the margin so that the words line up', () => {
    const layout = layoutCard(textOf(300, 'en'), { size: 'square' }, fakeMeasure);
    const [first, second] = layout.quote.lines;
    expect(first!.x).toBeLessThan(second!.x);
    expect(second!.x).toBe(layout.margin);
  });

  it('keeps a passage’s paragraphs as lines of their own', () => {
    const layout = layoutCard({ quote: 'First verse, short.\nSecond verse, short too.', marks: ['“', '”'] }, { size: 'square' }, fakeMeasure);
    const drawn = layout.quote.lines.map((l) => l.text);
    expect(drawn[0]).toBe('“First verse, short.');
    expect(drawn.slice(1).join(' ')).toBe('Second verse, short too.”');
  });

  it('cuts a word wider than the card (an address) so that no line overflows', () => {
    const layout = layoutCard({ quote: `See https://example.com/${'a'.repeat(300)} now`, marks: ['“', '”'] }, { size: 'wide' }, fakeMeasure);
    expectWithinBounds(layout);
  });

  it('shortens a very long speaker and source to their lines, and draws no footer without them', () => {
    const layout = layoutCard(textOf(100, 'en', { speaker: 'A '.repeat(200), source: 'Title '.repeat(200) }), { size: 'square', qrModules: 29 }, fakeMeasure);
    expectWithinBounds(layout);
    expect(layout.speaker!.lines).toHaveLength(1);
    expect(layout.source!.lines).toHaveLength(2);
    expect(layout.source!.lines[1]!.text.endsWith('…')).toBe(true);
    const bare = layoutCard({ quote: quoteOf(100, 'en'), marks: ['“', '”'] }, { size: 'square' }, fakeMeasure);
    expect(cardBoxes(bare).map((b) => b.kind)).toEqual(['quote']);
    expectWithinBounds(bare);
  });

  it('makes the QR code of whole-pixel modules with a quiet zone, in the bottom corner', () => {
    const layout = layoutCard(textOf(100, 'en'), { size: 'square', qrModules: 41 }, fakeMeasure);
    const qr = layout.qr!;
    expect(Number.isInteger(qr.module)).toBe(true);
    expect(qr.module).toBeGreaterThanOrEqual(3);
    expect(qr.width).toBe(qr.module * 45);
    expect(qr.x + qr.width).toBe(layout.width - layout.margin);
    expect(qr.y + qr.height).toBe(layout.height - layout.margin);
    expect(lines(layout).length).toBeGreaterThan(0);
  });
});
