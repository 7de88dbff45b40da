import { describe, expect, it } from 'vitest';
import { markedPassage, quotePassage } from '../../utils/text/quote-marks';

const N = '\u202F';

describe('a passage in quotation marks', () => {
  it('uses the language’s marks, French with narrow no-break spaces inside', () => {
    expect(quotePassage('La confiance se gagne.', true)).toBe(`«${N}La confiance se gagne.${N}»`);
    expect(quotePassage('Trust is earned.', false)).toBe('“Trust is earned.”');
    expect(quotePassage('   ', true)).toBe('');
  });

  it('does not double the marks a page put around the whole passage', () => {
    expect(quotePassage(`«${N}La confiance se gagne.${N}»`, true)).toBe(`«${N}La confiance se gagne.${N}»`);
    expect(quotePassage('« La confiance se gagne. »', true)).toBe(`«${N}La confiance se gagne.${N}»`);
    expect(quotePassage('“Trust is earned.”', false)).toBe('“Trust is earned.”');
    expect(quotePassage('"Trust is earned."', true)).toBe(`«${N}Trust is earned.${N}»`);
  });

  it('puts a quotation inside the passage in the inner marks', () => {
    expect(quotePassage(`Il a dit «${N}non${N}» deux fois.`, true)).toBe(`«${N}Il a dit “non” deux fois.${N}»`);
    // Two quotations side by side are not one wrapped passage.
    expect(markedPassage('« a » et « b »', true)).toBe('“a” et “b”');
    expect(quotePassage('She said “no” twice.', false)).toBe('“She said ‘no’ twice.”');
    expect(quotePassage('She said "no" twice.', false)).toBe('“She said ‘no’ twice.”');
    // Nested: the outer pair is the page's, the inner quotation takes the inner marks.
    expect(quotePassage('« Il a dit « non » deux fois. »', true)).toBe(`«${N}Il a dit “non” deux fois.${N}»`);
    expect(quotePassage('“She said “no” twice.”', false)).toBe('“She said ‘no’ twice.”');
    // An apostrophe is no mark.
    expect(quotePassage('L’idée d’un client', true)).toBe(`«${N}L’idée d’un client${N}»`);
  });
});
