/** French typography through every normaliser: elisions, guillemets, spaces before ; : ! ? */
import { describe, expect, it } from 'vitest';
import { normalize } from '../../utils/anchoring/normalize';
import { parseQuery, scanTokens, tokenize } from '../../utils/search/normalize';
import { documentTerms, suggestTags } from '../../utils/suggest';
import { normalizeTag } from '../../utils/domain/tags';
import { FRENCH_ELISIONS } from '../../utils/text/elisions';

const words = (text: string) => scanTokens(text).map((t) => `${t.kind}:${t.term}`);

describe('French elisions', () => {
  it.each([
    ["l'", 'l’arbre'],
    ["d'", 'd’abord'],
    ["qu'", 'qu’il'],
    ["jusqu'", 'jusqu’ici'],
    ["lorsqu'", 'lorsqu’elle'],
    ["puisqu'", 'puisqu’on'],
    ["quoiqu'", 'quoiqu’ils'],
  ])('%s is split off by search and suggestions, with either apostrophe', (elision, example) => {
    expect(FRENCH_ELISIONS.has(elision.slice(0, -1))).toBe(true);
    const word = example.slice(elision.length);
    for (const text of [example, example.replace('’', "'")]) {
      expect(words(text)).toEqual([`elision:${elision.slice(0, -1)}`, `word:${word}`]);
      // A query drops the elided word: `l’arbre` finds « un arbre ».
      expect(parseQuery(`${text} `).map((t) => t.text)).toEqual([word]);
      expect(normalizeTag(text)).toBe(example);
      expect(normalize(text)).toBe(example.replace('’', "'"));
    }
    // Suggestions never count the elided form.
    const terms = [...documentTerms(`${example} ${example.replace('’', "'")} ${example.toUpperCase()}`)];
    expect(terms.filter((t) => t.includes("'"))).toEqual([]);
  });

  it('suggests the word an elision stands before, whatever the apostrophe', () => {
    expect(suggestTags('L’arbre, l\'arbre, d’arbre en arbre, jusqu’à l´arbre.')).toEqual(['arbre']);
    expect([...documentTerms('d’abord, d\'abord')]).toEqual(['abord']);
  });

  it.each([
    ['presqu’île', 'presquile', 'presqu', 'ile'],
    ['quelqu’un', 'quelquun', 'quelqu', 'un'],
  ])('%s is one word, not an elision (presque and quelque elide only there)', (word, whole, first, second) => {
    expect(words(word)).toEqual([`whole:${whole}`, `part:${first}`, `part:${second}`]);
    // A search for the word needs both parts, not every « île » or « un ».
    expect(parseQuery(`${word} `).map((t) => t.text)).toEqual([first, second]);
    expect(normalizeTag(word.replace('’', "'"))).toBe(word);
    expect(normalize(word)).toBe(word.replace('’', "'"));
  });

  it('suggests presqu’île whole, never « île »; quelqu’un is a stopword', () => {
    const text = 'La presqu’île de Crozon. Sur la presqu’île, quelqu’un marche. La presqu\'île, toujours.';
    const tags = suggestTags(text, { lang: 'fr', max: 10 });
    expect(tags).toContain('presqu’île');
    expect(tags).not.toContain('île');
    expect(tags).not.toContain('quelqu’un');
    expect(documentTerms(text)).not.toContain('île');
  });
});

describe('guillemets and the spaces French puts inside them and before ; : ! ?', () => {
  const NBSP = '\u00A0';
  const NNBSP = '\u202F';

  it.each([
    ['no-break space', NBSP],
    ['narrow no-break space', NNBSP],
    ['thin space', '\u2009'],
  ])('« » with a %s: a quote, a space, whatever the space', (_name, space) => {
    const text = `«${space}Marketing de contenu${space}»`;
    expect(normalize(text)).toBe('" Marketing de contenu "');
    expect(normalizeTag(text)).toBe('" marketing de contenu "');
    expect(tokenize(text)).toEqual(['marketing', 'de', 'contenu']);
    expect(documentTerms(`${text} et ${text}`)).toContain('marketing de contenu');
    expect(suggestTags(`${text} et ${text}`, { lang: 'fr' })).toEqual(suggestTags('« Marketing de contenu » et « Marketing de contenu »', { lang: 'fr' }));
  });

  it.each([
    ['no-break space', NBSP],
    ['narrow no-break space', NNBSP],
  ])('a %s before ; : ! ? reads as a space', (_name, space) => {
    const text = `Vraiment${space}? Oui${space}! Enfin${space}; voici${space}: la fin`;
    expect(normalize(text)).toBe('Vraiment ? Oui ! Enfin ; voici : la fin');
    expect(normalizeTag(text)).toBe('vraiment ? oui ! enfin ; voici : la fin');
    expect(tokenize(text)).toEqual(['vraiment', 'oui', 'enfin', 'voici', 'la', 'fin']);
    // A short paragraph ending « ? » is a sentence, not a heading, whatever the space before it.
    const article = (s: string) =>
      [`Le compostage${s}? Voici comment.`, `Pourquoi composter${s}?`, 'Le compostage réduit les déchets. Le compostage nourrit la terre. Les déchets diminuent.'].join('\n\n');
    expect(suggestTags(article(space), { lang: 'fr' })).toEqual(suggestTags(article(' '), { lang: 'fr' }));
  });
});
