import { describe, expect, it } from 'vitest';
import type { PageText } from '../../utils/anchoring';
import { readableText } from '../../utils/anchoring/text';
import { quoteFromOffsets } from '../../utils/anchoring/text-quote';
import { checkPassage, toQuoteCheck, type Passage } from '../../utils/quotes/check';
import { wordDiff } from '../../utils/quotes/word-diff';

/** A page's text as the page script reads it: one text node per paragraph, a block boundary between them. */
function page(...paragraphs: string[]): PageText {
  let text = '';
  const starts: number[] = [];
  const breaks: number[] = [];
  for (const p of paragraphs) {
    if (breaks.at(-1) !== text.length) breaks.push(text.length);
    starts.push(text.length);
    text += p;
    breaks.push(text.length);
  }
  return { text, starts, breaks };
}

/** The passage a reader saved by selecting `words` on `on`: the selectors the page script would describe. */
function saved(on: PageText, words: string): Passage {
  const start = on.text.indexOf(words);
  if (start < 0) throw new Error(`not on the page: ${words}`);
  const end = start + words.length;
  return { exact: readableText(on, start, end), selectors: [quoteFromOffsets(on, start, end), { type: 'TextPositionSelector', start, end }] };
}

const EN = [
  'Customer service is a conversation, not a transaction.',
  'The companies that listen to their customers grow faster than those that merely answer them, because listening turns every complaint into a lesson.',
  'Trust takes years to build and seconds to break.',
  'A last paragraph about something else entirely, with no quote in it.',
];
const FR = [
  'La relation client est une conversation, pas une transaction.',
  'Les entreprises qui écoutent leurs clients grandissent plus vite que celles qui se contentent de leur répondre, car l’écoute fait de chaque plainte une leçon.',
  'La confiance met des années à se construire et quelques secondes à se briser.',
  'Un dernier paragraphe sur tout autre chose, sans citation.',
];

describe.each([
  ['English', EN, 'listen to their customers grow faster than those that merely answer them', 'faster', 'quicker'],
  ['French', FR, 'écoutent leurs clients grandissent plus vite que celles qui se contentent de leur répondre', 'vite', 'rapidement'],
])('checkPassage, %s', (_lang, paragraphs, quote, word, replacement) => {
  const before = page(...paragraphs);
  const passage = saved(before, quote);

  it('says a passage still on the unchanged page is the same', () => {
    expect(checkPassage(page(...paragraphs), passage)).toEqual({ outcome: 'same' });
  });

  it('says a passage with one word changed is reworded, and gives the page’s words', () => {
    const edited = paragraphs.map((p, i) => (i === 1 ? p.replace(word, replacement) : p));
    const finding = checkPassage(page(...edited), passage);
    expect(finding).toEqual({ outcome: 'reworded', found: quote.replace(word, replacement) });
    const found = finding.outcome === 'reworded' ? finding.found : '';
    expect(wordDiff(passage.exact, found).filter((p) => p.op !== 'same')).toEqual([
      { op: 'del', text: word },
      { op: 'ins', text: replacement },
    ]);
  });

  it('says a passage whose paragraph was removed is gone', () => {
    expect(checkPassage(page(...paragraphs.filter((_, i) => i !== 1)), passage)).toEqual({ outcome: 'gone' });
  });

  it('says a sentence moved elsewhere on the page is the same', () => {
    const short = saved(before, paragraphs[2]!);
    const moved = page(paragraphs[3]!, paragraphs[0]!, `${paragraphs[1]} ${paragraphs[2]}`);
    expect(checkPassage(moved, short)).toEqual({ outcome: 'same' });
    // A short one too (under 32 characters), which anchoring alone would not trust without its context.
    const few = saved(before, paragraphs[0]!.slice(0, 20));
    expect(checkPassage(page(paragraphs[3]!, `Ailleurs : ${paragraphs[0]}`), few)).toEqual({ outcome: 'same' });
  });

  it('says a passage rewritten beyond recognition is gone, not reworded', () => {
    const rewritten = paragraphs.map((p, i) => (i === 1 ? 'Something else was written here in its place, about another subject.' : p));
    expect(checkPassage(page(...rewritten), passage)).toEqual({ outcome: 'gone' });
  });

  it('widens a change at the edge of the passage to whole words', () => {
    const first = quote.split(' ')[0]!;
    const edited = paragraphs.map((p, i) => (i === 1 ? p.replace(first, 'Xyz') : p));
    const finding = checkPassage(page(...edited), passage);
    expect(finding).toEqual({ outcome: 'reworded', found: quote.replace(first, 'Xyz') });
  });
});

describe('checkPassage: typography and punctuation are not words', () => {
  it('says a French quote whose apostrophes, guillemets and narrow spaces changed is the same', () => {
    const before = page('Il a dit\u202f: «\u202fl’écoute fait de chaque plainte une leçon\u202f!\u202f» Puis il est parti.');
    const passage = saved(before, '«\u202fl’écoute fait de chaque plainte une leçon\u202f!\u202f»');
    const after = page('Il a dit: "l\'écoute fait de chaque plainte une leçon!" Puis il est parti.');
    expect(checkPassage(after, passage)).toEqual({ outcome: 'same' });
  });

  it('says an English quote whose commas and dashes changed is the same, but not one whose words did', () => {
    const before = page('He said: “Trust—once lost—takes years, sometimes decades, to rebuild.” And he left.');
    const passage = saved(before, 'Trust—once lost—takes years, sometimes decades, to rebuild.');
    expect(checkPassage(page('He said: "Trust - once lost - takes years sometimes decades to rebuild." And he left.'), passage)).toEqual({ outcome: 'same' });
    expect(checkPassage(page('He said: "Trust - once lost - takes months, sometimes decades, to rebuild." And he left.'), passage)).toMatchObject({ outcome: 'reworded' });
  });

  it('counts a changed capital as a changed word', () => {
    const before = page('First. The Internet changed how we read the news every single day. Last.');
    const passage = saved(before, 'The Internet changed how we read the news every single day.');
    expect(checkPassage(page('First. The internet changed how we read the news every single day. Last.'), passage)).toEqual({
      outcome: 'reworded',
      found: 'The internet changed how we read the news every single day.',
    });
  });
});

describe('toQuoteCheck', () => {
  it('dates a finding as the note keeps it, the page’s words only for a reworded passage', () => {
    expect(toQuoteCheck({ outcome: 'same' }, 5)).toEqual({ at: 5, outcome: 'same' });
    expect(toQuoteCheck({ outcome: 'gone' }, 5)).toEqual({ at: 5, outcome: 'gone' });
    expect(toQuoteCheck({ outcome: 'reworded', found: 'x y' }, 5)).toEqual({ at: 5, outcome: 'reworded', found: 'x y' });
  });
});
