import { describe, expect, it } from 'vitest';
import { ENGLISH_STOPWORDS, FRENCH_STOPWORDS } from '../../utils/text/stopwords';
import { documentTerms, suggestTags } from '../../utils/suggest';
import { MAX_TAG_LENGTH, normalizeTag } from '../../utils/domain/tags';

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

/** A French how-to, in the shape the extractor gives: paragraphs, headings on their own lines. */
const COMPOST_TITLE = 'Le compostage en appartement : réduire ses déchets sans jardin';
const COMPOST_FR = [
  'Chaque semaine, une famille jette plusieurs kilos de déchets organiques. Épluchures, marc de café, sachets de thé : près d’un tiers de notre poubelle pourrait retourner à la terre. Cet article répond à une question qu’on nous pose souvent : peut-on faire du compostage quand on vit en appartement ?',
  'Pourquoi composter chez soi',
  'Les déchets organiques brûlés ou enfouis coûtent cher à la collectivité. Le compostage les transforme en un terreau riche, utile pour les plantes du balcon. C’est aussi une façon concrète de voir ce que l’on gaspille : au bout d’un mois, on achète autrement.',
  'Choisir son lombricomposteur',
  'En appartement, la solution la plus répandue reste le lombricomposteur. Ce bac à étages abrite des vers qui digèrent les déchets organiques sans odeur, à condition de ne pas les suralimenter. Un lombricomposteur de trente litres suffit pour deux personnes. Placez-le dans la cuisine ou sur le balcon, à l’abri du gel et du plein soleil.',
  'Certains préfèrent le bokashi, une méthode japonaise de fermentation. Le seau de bokashi accepte davantage de déchets, y compris un peu de viande, mais le résultat doit encore mûrir quelques semaines en terre. Le lombricomposteur reste plus simple au jour le jour.',
  'Les erreurs fréquentes',
  'La première fois, on a tendance à trop nourrir les vers. Mieux vaut commencer par de petites quantités d’épluchures, puis augmenter chaque semaine. Les agrumes, l’ail et l’oignon acidifient le compost : à éviter. Un compost trop humide se rattrape avec du carton brun déchiré, qui apporte du carbone.',
  'Autre question courante : que faire du terreau ? Il nourrit les plantes d’intérieur, et le surplus peut être donné à un jardin partagé du quartier. Certaines mairies distribuent d’ailleurs des lombricomposteurs à prix réduit.',
  'En résumé',
  'Le compostage en appartement demande un peu de temps la première année, puis devient une habitude. Chaque jour, les épluchures vont au bac plutôt qu’à la poubelle, et les déchets organiques de la famille fondent de moitié. C\'est une chose simple qui change beaucoup.',
].join('\n\n');

const SOURDOUGH_TITLE = 'Sourdough at Home: Why Your Starter Needs Patience';
const SOURDOUGH_EN = [
  'Every week, someone asks me the same question: why did my sourdough come out flat? After years of baking bread at home, I can say the answer is almost always the starter, and the time it was given. This article is a short guide, not a list of rules.',
  'What a starter really is',
  'A sourdough starter is a living mix of flour and water in which wild yeast and lactic bacteria thrive. Feed it every day for a week and fermentation takes hold: bubbles appear, the smell turns sour, and the starter doubles a few hours after each feeding. Rye flour speeds things up, because it carries more wild yeast than white flour.',
  'Reading the signs of fermentation',
  'People often bake too early. A young starter can rise, but it lacks the strength to lift a whole loaf of bread. Wait until it doubles reliably within six hours, three days in a row. A spoonful dropped in water should float. If it sinks, give it another day.',
  'Temperature matters more than any recipe. In a cold kitchen, fermentation slows down and the sourdough tastes more sour; in a warm one, the starter peaks early and collapses. Many bakers keep their jar near the oven light to hold it around twenty-five degrees.',
  'Flour, water and time',
  'Use a strong bread flour with enough protein, and weigh everything. A loaf made with a mature starter needs a long, slow rise: most of the flavour of sourdough bread comes from that fermentation, not from the kneading. The crumb opens, the crust blisters, and the loaf keeps for days.',
  'Keeping a starter alive',
  'Once the starter is strong, it can live in the fridge and be fed once a week. Take it out the day before you bake. Read the jar, not the clock: a starter that has doubled is ready, whatever the time. With a little patience, the next loaf of sourdough will rise.',
].join('\n\n');

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
    expect(tags.length).toBeGreaterThan(0);
    expect(tags.length).toBeLessThanOrEqual(5);
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
      expect(suggestTags('Faut-il jardiner ? A-t-il semé ? Plante-t-on encore des tomates ?')).toEqual(['jardiner', 'semé', 'plante', 'tomates']);
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
      const tags = suggestTags('Consulter https://www.exemple.fr/marketing-digital?x=1 ou contacter contact@exemple.fr sur le marketing.', { max: 20 });
      expect(tags).toEqual(['consulter', 'contacter', 'marketing']);
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

describe('suggestTags on whole articles', () => {
  /** Words any article uses, which a reader would never file an article under. */
  const GENERIC_FR = ['article', 'question', 'semaine', 'semaines', 'jour', 'fois', 'chose', 'temps', 'année', 'exemple', 'mois', 'personnes', 'famille', 'simple', 'façon'];
  const GENERIC_EN = ['article', 'question', 'day', 'days', 'week', 'time', 'read', 'people', 'thing', 'things', 'way', 'years', 'hours', 'list', 'answer'];

  it('French: the topic’s words and terms, none of the generic ones', () => {
    const tags = suggestTags(COMPOST_FR, { lang: 'fr', title: COMPOST_TITLE });
    expect(tags).toContain('lombricomposteur');
    expect(tags).toContain('déchets organiques');
    expect(tags.some((t) => t.startsWith('compostage'))).toBe(true);
    for (const word of GENERIC_FR) expect(tags, word).not.toContain(word);
  });

  it('English: the topic’s words and terms, none of the generic ones', () => {
    const tags = suggestTags(SOURDOUGH_EN, { lang: 'en', title: SOURDOUGH_TITLE });
    for (const good of ['sourdough', 'starter', 'fermentation', 'flour']) expect(tags, good).toContain(good);
    for (const word of GENERIC_EN) expect(tags, word).not.toContain(word);
    // Without the title too.
    const untitled = suggestTags(SOURDOUGH_EN, { lang: 'en', max: 10 });
    for (const word of GENERIC_EN) expect(untitled, word).not.toContain(word);
    expect(untitled).toContain('wild yeast');
  });

  it('offers fewer, strong suggestions rather than padding to max', () => {
    const tags = suggestTags(COMPOST_FR, { lang: 'fr', title: COMPOST_TITLE, max: 10 });
    expect(tags.length).toBeGreaterThanOrEqual(3);
    expect(tags.length).toBeLessThan(10);
    // A long text made of words that are never tags gives none.
    const bland = 'Cette semaine, une question revient chaque jour. Voici un article simple, avec un exemple. '.repeat(30);
    expect(suggestTags(bland, { lang: 'fr' })).toEqual([]);
    const blandEn = 'Every day this week people read the same article and ask the same question. '.repeat(30);
    expect(suggestTags(blandEn, { lang: 'en' })).toEqual([]);
  });

  it('weighs the title’s terms, when the text uses them too', () => {
    const untitled = suggestTags(COMPOST_FR, { lang: 'fr' });
    const titled = suggestTags(COMPOST_FR, { lang: 'fr', title: COMPOST_TITLE });
    expect(untitled).not.toContain('compostage en appartement');
    expect(titled).toContain('compostage en appartement');
    // « jardin » is in the title but only once in the text: not a topic.
    expect(titled).not.toContain('jardin');
  });

  it('weighs a heading’s terms over the same count in the body', () => {
    const body = (a: string, b: string) =>
      [`Le ${a} et le ${b} se ressemblent peu.`, `Parlons du ${a}`, `Le ${a} pousse vite. Le ${b} pousse lentement. Le ${b} aime l’ombre.`, 'Fin de la visite.'].join('\n\n');
    // Three « ${a} », one of them in a heading, against three « ${b} »: a first, whichever comes first.
    expect(suggestTags(body('bambou', 'fougère'), { max: 1 })).toEqual(['bambou']);
    expect(suggestTags(body('fougère', 'bambou'), { max: 1 })).toEqual(['fougère']);
  });

  it('finds French compounds joined by de, d’, en, à, in the form the text writes them', () => {
    const text =
      'La lettre d’information part lundi. Une lettre d\'information courte se lit. ' +
      'Le marketing de contenu demande de la patience ; le marketing de contenu paie. ' +
      'Un bac à compost suffit. Le bac à compost reste dehors.';
    const tags = suggestTags(text, { lang: 'fr', max: 10 });
    expect(tags).toContain('lettre d’information');
    expect(tags).toContain('marketing de contenu');
    expect(tags).toContain('bac à compost');
    // The same term whatever the apostrophe: counted together, in the library as well, and
    // offered as a tag, which always takes the typographic apostrophe (see normalizeTag).
    expect(suggestTags("Une lettre d'information. Une lettre d'information.", { lang: 'fr' })).toEqual(['lettre d’information']);
    expect(documentTerms(text)).toContain("lettre d'information");
    expect(documentTerms('Une lettre d’information. Une lettre d’information.')).toEqual(documentTerms("Une lettre d'information. Une lettre d'information."));
  });

  it('keeps accents and elisions right, with either apostrophe', () => {
    const text = 'L’économie d’énergie compte. L\'économie d\'énergie paie. Qu’est-ce que l’économie d’énergie ?';
    const tags = suggestTags(text, { lang: 'fr' });
    expect(tags[0]).toBe('économie d’énergie');
    for (const tag of tags) expect(tag).not.toMatch(/^(?:l|d|qu)['’]/u);
  });

  it('puts a term in the place of its word when the word mostly occurs in it', () => {
    const tags = suggestTags(COMPOST_FR, { lang: 'fr', title: COMPOST_TITLE });
    expect(tags).toContain('déchets organiques');
    expect(tags).not.toContain('déchets');
    expect(tags).not.toContain('compostage');
  });

  it('does not offer a term made only of generic words', () => {
    const text = 'Une seconde vie pour les meubles. Donner une seconde vie aux meubles anciens, restaurer les meubles.';
    const tags = suggestTags(text, { lang: 'fr' });
    expect(tags).toContain('meubles');
    expect(tags).not.toContain('seconde vie');
  });

  it('does not let a tag of the reader’s crowd out the article’s own terms', () => {
    const plain = suggestTags(SOURDOUGH_EN, { lang: 'en', title: SOURDOUGH_TITLE });
    const tagged = suggestTags(SOURDOUGH_EN, { lang: 'en', title: SOURDOUGH_TITLE, existingTags: ['sourdough starter', 'Starter'] });
    expect(tagged[0]).toBe('starter');
    expect(tagged.length).toBeGreaterThanOrEqual(plain.length - 1);
    for (const good of ['sourdough', 'fermentation', 'flour']) expect(tagged, good).toContain(good);
  });

  it('does not suggest a one-word tag of the reader’s that a long article mentions once', () => {
    const text = `${SOURDOUGH_EN}\n\nA word on patience.`;
    expect(suggestTags(text, { lang: 'en', existingTags: ['kitchen'] })).not.toContain('kitchen');
    expect(suggestTags(text, { lang: 'en', existingTags: ['wild yeast', 'bread'] })).toEqual(expect.arrayContaining(['wild yeast', 'bread']));
  });

  it('is fast enough for the popup on a long article', () => {
    // Not a timing test (see npm run bench): a 25 000-word text must simply not hang.
    const long = Array.from({ length: 30 }, () => `${COMPOST_FR}\n\n${SOURDOUGH_EN}`).join('\n\n');
    expect(suggestTags(long, { title: COMPOST_TITLE }).length).toBeGreaterThan(0);
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
