import { describe, expect, it } from 'vitest';
import { normalizeForSearch, parseQuery, scanTokens, stem, tokenize } from '../../utils/search/normalize';

describe('normalizeForSearch', () => {
  it.each([
    ['Expérience', 'experience'],
    ['ÉTÉ À LA MER', 'ete a la mer'],
    ['expe\u0301rience', 'experience'], // decomposed é (NFD)
    ['Noël, naïve, où, ça, garçon', 'noel, naive, ou, ca, garcon'],
    ['cœur', 'coeur'],
    ['Œuvre', 'oeuvre'],
    ['Lætitia, ÆSOP', 'laetitia, aesop'],
    ['ﬁn du ﬂux', 'fin du flux'], // compatibility ligatures (NFKD)
    ['Straße, GROẞ', 'strasse, gross'],
    ['Øresund, Łódź', 'oresund, lodz'],
    ['l’expérience', "l'experience"],
    ['l‘autre, lʼun', "l'autre, l'un"],
    ['« guillemets »', '" guillemets "'],
    ['“quoted” „Zitat“', '"quoted" "zitat"'],
    ['1914–1918 — fin', '1914-1918 - fin'],
    ['mot\u00A0: mot\u202F; mot\u2009!', 'mot : mot ; mot !'], // NBSP, narrow NBSP, thin space
    ['Et puis…', 'et puis...'],
    ['  deux\t\nlignes  ', 'deux lignes'],
    ['ex\u00ADample, zero\u200Bwidth', 'example, zerowidth'], // soft hyphen, zero-width space
    ['ＦＵＬＬ ｗｉｄｔｈ', 'full width'],
  ])('%j → %j', (raw, folded) => {
    expect(normalizeForSearch(raw)).toBe(folded);
  });
});

describe('tokenize', () => {
  it.each([
    ['L’expérience client', ['l', 'experience', 'client']],
    ["l'expérience client", ['l', 'experience', 'client']],
    ['L‘expérience', ['l', 'experience']],
    ['qu’il jusqu’à lorsqu’on d’abord', ['qu', 'il', 'jusqu', 'a', 'lorsqu', 'on', 'd', 'abord']],
    ['bien-être', ['bien-etre', 'bien', 'etre']],
    ['l’arc-en-ciel', ['l', 'arc-en-ciel', 'arc', 'en', 'ciel']],
    ['aujourd’hui', ['aujourdhui', 'aujourd', 'hui']],
    ['chef-d’œuvre', ['chef-doeuvre', 'chef', 'd', 'oeuvre']],
    ['Paris–Lyon', ['paris-lyon', 'paris', 'lyon']],
    ['don’t, user’s', ['dont', 'don', 't', 'users', 'user', 's']],
    ['« Bien » – dit-il…', ['bien', 'dit-il', 'dit', 'il']],
    ['cœur COEUR Cœur', ['coeur', 'coeur', 'coeur']],
    ['mot\u00A0: autre\u202F?', ['mot', 'autre']],
    ['3,5 % en 2024', ['3', '5', 'en', '2024']],
    ['bien- être', ['bien', 'etre']], // a dash with a space is not a compound
    ['-tiret- \'quote\'', ['tiret', 'quote']],
    ['Ελλάδα, Москва', ['ελλαδα', 'москва']],
    ['', []],
    ['… — ?!', []],
  ])('%j', (text, tokens) => {
    expect(tokenize(text)).toEqual(tokens);
  });

  it('folds ligatures and decomposed accents the same way as their plain forms', () => {
    expect(tokenize('Le cœur de l’œuvre')).toEqual(tokenize('Le coeur de l’oeuvre'));
    expect(tokenize('expe\u0301rience')).toEqual(tokenize('expérience'));
  });
});

describe('scanTokens', () => {
  it('gives offsets into the raw text, accents and apostrophes untouched', () => {
    const text = 'L’Expérience des « clients »';
    const tokens = scanTokens(text);
    expect(tokens.map((t) => [t.term, text.slice(t.start, t.end)])).toEqual([
      ['l', 'L'],
      ['experience', 'Expérience'],
      ['des', 'des'],
      ['clients', 'clients'],
    ]);
  });

  it('keeps a combining accent inside its word, and marks compounds whole and by parts', () => {
    const text = 'expe\u0301rience bien-être';
    expect(scanTokens(text).map((t) => [t.term, t.kind, text.slice(t.start, t.end)])).toEqual([
      ['experience', 'word', 'expe\u0301rience'],
      ['bien-etre', 'whole', 'bien-être'],
      ['bien', 'part', 'bien'],
      ['etre', 'part', 'être'],
    ]);
  });

  it('reads characters outside the BMP', () => {
    const text = '𝐁𝐨𝐥𝐝 😀 text';
    expect(scanTokens(text).map((t) => [t.term, text.slice(t.start, t.end)])).toEqual([
      ['bold', '𝐁𝐨𝐥𝐝'],
      ['text', 'text'],
    ]);
  });
});

describe('stem (plurals only)', () => {
  it.each([
    ['clients', 'client'],
    ['notes', 'note'],
    ['idées', 'idées'.slice(0, -1)],
    ['journaux', 'journal'],
    ['bureaux', 'bureau'],
    ['jeux', 'jeu'],
    ['genoux', 'genou'],
    ['series', 'serie'],
    // left alone: short words, and endings that are rarely plurals
    ['les', 'les'],
    ['bus', 'bus'],
    ['process', 'process'],
    ['analysis', 'analysis'],
    ['plus', 'plus'],
    ['client', 'client'],
    ['taux', 'taux'],
  ])('%s → %s', (word, stemmed) => {
    expect(stem(word)).toBe(stemmed);
  });
});

describe('parseQuery', () => {
  it('reads the last word as a prefix while it is being typed', () => {
    expect(parseQuery('expérience cli')).toEqual([
      { text: 'experience', stem: 'experience', prefix: false },
      { text: 'cli', stem: 'cli', prefix: true },
    ]);
    expect(parseQuery('expérience client ').map((t) => t.prefix)).toEqual([false, false]);
    expect(parseQuery('client,').map((t) => t.prefix)).toEqual([false]);
    expect(parseQuery('cli', false)[0]!.prefix).toBe(false);
  });

  it('drops an elided article when there are other words, and takes compounds by parts', () => {
    expect(parseQuery('l’expérience ').map((t) => t.text)).toEqual(['experience']);
    expect(parseQuery("l'").map((t) => t.text)).toEqual(['l']);
    expect(parseQuery('bien-être').map((t) => [t.text, t.prefix])).toEqual([
      ['bien', false],
      ['etre', true],
    ]);
  });

  it('keeps a word once, and its stem', () => {
    expect(parseQuery('Clients clients ')).toEqual([{ text: 'clients', stem: 'client', prefix: false }]);
    expect(parseQuery('   ')).toEqual([]);
  });
});
