import { describe, expect, it } from 'vitest';
import { ENGLISH_STOPWORDS, FRENCH_STOPWORDS } from '../utils/stopwords';
import { documentTerms, suggestTags } from '../utils/suggest-tags';
import { MAX_TAG_LENGTH, normalizeTag } from '../utils/tags';

const FR =
  'L’expérience client est devenue le cœur de la stratégie marketing. Les marques qui soignent ' +
  'l’expérience client fidélisent davantage leurs clients : une bonne expérience client réduit ' +
  'l’attrition et augmente la valeur vie client. C’est pourquoi le parcours client, du premier ' +
  'contact jusqu’au service après-vente, doit être fluide. Aujourd’hui, les équipes marketing ' +
  'mesurent la satisfaction et analysent chaque parcours client afin d’améliorer l’expérience. ' +
  'Il faut aussi que le bien-être des salariés soit pris en compte, car un salarié heureux sert ' +
  'mieux ses clients.';

const EN =
  'Reading habits are changing fast. A strong reading habit starts small: ten pages a day is ' +
  'enough. People who build a reading habit read more books every year, and their reading habit ' +
  'survives busy weeks. Libraries report that digital books now account for a third of all loans, ' +
  'while audiobooks keep growing. Building habits takes time, but the rewards of reading are worth it.';

/** A library of saved articles, counted the way the app counts them. */
function library(docs: string[]): { libraryDocFreq: Map<string, number>; libraryDocs: number } {
  const libraryDocFreq = new Map<string, number>();
  for (const doc of docs) {
    for (const term of documentTerms(doc)) libraryDocFreq.set(term, (libraryDocFreq.get(term) ?? 0) + 1);
  }
  return { libraryDocFreq, libraryDocs: docs.length };
}

const isStopword = (w: string) => FRENCH_STOPWORDS.has(w) || ENGLISH_STOPWORDS.has(w);

describe('suggestTags', () => {
  it('finds « expérience client »-like terms in a French marketing paragraph', () => {
    const tags = suggestTags(FR, { lang: 'fr' });
    expect(tags).toEqual(['expérience client', 'client', 'parcours client', 'marketing', 'salarié']);
  });

  it('suggests no stopwords, elided forms, short words or numbers', () => {
    const text = `${FR} En 2024, 75 % des clients l’ont dit : c’est-à-dire qu’il y a-t-il un “UX” plus fort ?`;
    for (const tag of suggestTags(text, { max: 50 })) {
      for (const word of tag.split(' ')) {
        expect(isStopword(word), word).toBe(false);
        expect(word.length).toBeGreaterThanOrEqual(3);
        expect(word).not.toMatch(/^\p{N}+$|^(?:l|d|j|qu|n|s|c|m|t)['’]/u);
      }
    }
  });

  it('guesses the language when not told', () => {
    expect(suggestTags(FR)).toEqual(suggestTags(FR, { lang: 'fr' }));
    expect(suggestTags(EN)).toEqual(suggestTags(EN, { lang: 'en' }));
  });

  it('finds "reading habit" in an English text, without its words beside it', () => {
    const tags = suggestTags(EN, { lang: 'en' });
    expect(tags[0]).toBe('reading habit');
    expect(tags).toContain('books');
    expect(tags).not.toContain('reading');
    expect(tags).not.toContain('habit');
    expect(tags).not.toContain('habits');
  });

  it('keeps a word beside its two-word term only when it is strong on its own', () => {
    // "client" occurs five times outside « expérience client » and « parcours client ».
    const tags = suggestTags(FR, { lang: 'fr' });
    expect(tags).toContain('expérience client');
    expect(tags).toContain('client');
    // "expérience" only once outside it.
    expect(tags).not.toContain('expérience');
  });

  it('lets IDF push down the words every saved article has', () => {
    const marketingLibrary = library(
      Array.from({ length: 20 }, (_, i) => `Article ${i} sur le marketing et les clients, la stratégie client numéro ${i}.`),
    );
    const plain = suggestTags(FR, { lang: 'fr', max: 10 });
    const withLibrary = suggestTags(FR, { lang: 'fr', max: 10, ...marketingLibrary });
    expect(plain.indexOf('marketing')).toBeGreaterThanOrEqual(0);
    expect(withLibrary).not.toContain('marketing');
    expect(withLibrary.indexOf('parcours client')).toBeLessThan(plain.indexOf('parcours client'));
    expect(withLibrary[0]).toBe('expérience client');
  });

  it('works with an empty library', () => {
    const empty = suggestTags(FR, { lang: 'fr', libraryDocFreq: new Map(), libraryDocs: 0 });
    expect(empty).toEqual(suggestTags(FR, { lang: 'fr' }));
  });

  it('tolerates inconsistent library counts', () => {
    const odd = new Map([['client', 50], ['marketing', -3]]);
    const tags = suggestTags(FR, { lang: 'fr', libraryDocFreq: odd, libraryDocs: 10 });
    expect(tags).toHaveLength(5);
    expect(tags.every((t) => Number.isFinite(t.length))).toBe(true);
  });

  describe('existing tags', () => {
    it('prefers the reader’s tags that the text mentions, in the reader’s form', () => {
      const tags = suggestTags(FR, { lang: 'fr', existingTags: ['Clients', 'Satisfaction', 'RH', 'Bien-Être'] });
      expect(tags.slice(0, 1)).toEqual(['clients']);
      expect(tags).toContain('satisfaction');
      expect(tags).toContain('bien-être');
      expect(tags).not.toContain('rh');
      expect(tags).not.toContain('client');
    });

    it('matches a tag with stopwords or short words in it, and a plural', () => {
      const text = 'Le taux de conversion progresse. Notre taux de conversion mobile aussi. Côté UX, rien.';
      expect(suggestTags(text, { existingTags: ['Taux de conversion', 'ux'], max: 2 })).toEqual(['taux de conversion', 'ux']);
      expect(suggestTags('Des clients, des clients, encore des clients.', { existingTags: ['client'] })[0]).toBe('client');
    });

    it('matches a tag with an elision, and judges stopwords by the text’s language', () => {
      const text = 'Une expérience d’achat fluide. Soigner l’expérience d’achat, toujours.';
      expect(suggestTags(text, { existingTags: ['Expérience d’achat'] })[0]).toBe('expérience d’achat');
      // "car" is a French stopword, but this text is English.
      expect(suggestTags('My car is old. The car is red.', { existingTags: ['car'] })[0]).toBe('car');
    });

    it('ignores tags made only of stopwords', () => {
      expect(suggestTags('Il y a plus de plus en plus de lecteurs.', { existingTags: ['plus', 'de'] })).toEqual(['lecteurs']);
    });

    it('does not suggest a tag the text does not mention', () => {
      expect(suggestTags(EN, { existingTags: ['cooking', 'reading habits'] })[0]).toBe('reading habits');
      expect(suggestTags(EN, { existingTags: ['cooking'], max: 50 })).not.toContain('cooking');
    });
  });

  describe('tokens', () => {
    it('splits French elision off and keeps hyphenated words', () => {
      const text = 'L’expérience, l\'expérience et d’expérience : le bien-être, le bien-être !';
      expect(suggestTags(text)).toEqual(['expérience', 'bien-être']);
    });

    it('drops French inversions and English contractions', () => {
      expect(suggestTags('Faut-il lire ? A-t-il lu ? Lit-on encore des romans ?')).toEqual(['lire', 'lit', 'romans']);
      expect(suggestTags("Don't, won't, isn't: they're readers' favourite novels' authors.")).toEqual([
        'readers',
        'favourite',
        'novels',
        'authors',
      ]);
    });

    it('reads NFD text and capitals as their normal form', () => {
      expect(suggestTags('EXPE\u0301RIENCE Expérience expérience')).toEqual(['expérience']);
    });

    it('does not make tags out of links and addresses', () => {
      const tags = suggestTags('Voir https://www.exemple.fr/marketing-digital?x=1 ou écrire à contact@exemple.fr sur le marketing.', { max: 20 });
      expect(tags).toEqual(['voir', 'écrire', 'marketing']);
    });

    it('does not join words across punctuation or an elided article', () => {
      const text = 'service, client. service, client. Expérience d’achat, expérience d’achat.';
      expect(suggestTags(text, { max: 10 })).not.toContain('service client');
      expect(suggestTags(text, { max: 10 })).not.toContain('expérience achat');
    });

    it('folds simple plurals into one tag, shown in the commoner form', () => {
      expect(suggestTags('Les clients, un client, des clients. Des bureaux, un bureau, les bureaux.')).toEqual(['clients', 'bureaux']);
    });

    it('keeps English content words that are French stopwords when the text is English', () => {
      expect(suggestTags('The car is red. My car is fast. A car, a son and a font.', { lang: 'en' })).toContain('car');
      expect(suggestTags('Il lit, car il aime lire. Il lit car il aime.', { lang: 'fr' })).not.toContain('car');
    });
  });

  it.each([
    ['empty text', ''],
    ['whitespace', '  \n\t '],
    ['only stopwords', 'le la les de des et the of and is a'],
    ['only numbers and short words', '12 34,5 2024 ok ab xy'],
    ['only punctuation', '… — « » !?'],
  ])('%s → []', (_, text) => {
    expect(suggestTags(text)).toEqual([]);
    expect(suggestTags(text, { existingTags: ['marketing'] })).toEqual([]);
  });

  it('returns at most max tags, none for max 0', () => {
    expect(suggestTags(FR, { max: 2 })).toHaveLength(2);
    expect(suggestTags(FR, { max: 0 })).toEqual([]);
    expect(suggestTags(FR)).toHaveLength(5);
  });

  it('returns normalised, unique tags', () => {
    for (const text of [FR, EN]) {
      const tags = suggestTags(text, { max: 100, existingTags: ['  CLIENTS ', 'clients'] });
      expect(new Set(tags).size).toBe(tags.length);
      for (const tag of tags) {
        expect(tag).toBe(normalizeTag(tag));
        expect(tag.length).toBeLessThanOrEqual(MAX_TAG_LENGTH);
      }
    }
  });

  it('is deterministic, ties going to the word seen first', () => {
    expect(suggestTags(FR)).toEqual(suggestTags(FR));
    expect(suggestTags('zèbre pomme abricot')).toEqual(['zèbre', 'pomme', 'abricot']);
    const lib = library([FR, EN, 'marketing']);
    const reversed = { libraryDocFreq: new Map([...lib.libraryDocFreq].reverse()), libraryDocs: lib.libraryDocs };
    expect(suggestTags(FR, lib)).toEqual(suggestTags(FR, reversed));
  });

  it('ignores words seen once in a long text', () => {
    const long = `${'Le marketing digital change. '.repeat(80)} Une girafe passe.`;
    expect(suggestTags(long, { max: 20 })).not.toContain('girafe');
  });
});

describe('documentTerms', () => {
  it('gives content words and frequent two-word terms, plurals folded', () => {
    const terms = documentTerms('L’expérience client compte. Les clients aiment l’expérience client. Le 12 mai.');
    expect([...terms].sort()).toEqual(['aiment', 'client', 'compte', 'expérience', 'expérience client', 'mai'].sort());
  });

  it('is empty for empty text', () => {
    expect(documentTerms('').size).toBe(0);
    expect(documentTerms('le la les').size).toBe(0);
  });

  it('feeds suggestTags the keys it looks up', () => {
    const lib = library(['Les clients.', 'Un client.', 'Des clients.']);
    expect(lib.libraryDocFreq.get('client')).toBe(3);
  });
});

describe('stopwords', () => {
  it.each([
    ['French', FRENCH_STOPWORDS],
    ['English', ENGLISH_STOPWORDS],
  ])('%s: a solid list, lowercase NFC', (_, list) => {
    expect(list.size).toBeGreaterThanOrEqual(150);
    for (const w of list) {
      expect(w).toBe(w.normalize('NFC').toLowerCase().trim());
      expect(w).not.toMatch(/’/u);
    }
  });

  it('has the elided forms, auxiliaries and common adverbs', () => {
    for (const w of ['l', 'd', 'j', 'qu', 'n', 's', 'c', 'm', 't', 'très', 'plus', 'cette', 'aussi', 'été', 'avaient', 'deux']) {
      expect(FRENCH_STOPWORDS.has(w), w).toBe(true);
    }
    for (const w of ['the', 'been', 'having', "don't", 'very', 'also', 'two', 'hundred']) {
      expect(ENGLISH_STOPWORDS.has(w), w).toBe(true);
    }
  });
});
