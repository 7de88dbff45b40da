/**
 * Tag suggestions for an article: its most distinctive words and terms (« marketing de contenu »,
 * « lettre d’information », "reading habit"), scored by TF × IDF against the reader's own library,
 * weighted up when the title or a heading uses them, with the tags the reader already uses preferred
 * when the text mentions them. Words that never make a good tag (article, question, semaine, day,
 * page…) are left out even when frequent, and only terms that stand out are offered: fewer chips
 * rather than weak ones. Pure and deterministic; linear in the length of the text.
 */
import { ENGLISH_STOPWORDS, FRENCH_STOPWORDS } from '../text/stopwords';
import { MAX_TAG_LENGTH, normalizeTag, normalizeTags } from '../tags';

export interface SuggestTagsOptions {
  /** BCP 47 language of the text; guessed from its stopwords when absent. */
  lang?: string;
  /** The article's title (not part of `text`): its terms are counted and weigh more. */
  title?: string;
  /** Term → number of saved articles containing it, each article counted with `documentTerms`. */
  libraryDocFreq?: ReadonlyMap<string, number>;
  /** Number of saved articles counted in `libraryDocFreq`. */
  libraryDocs?: number;
  /** The reader's tags: a tag the text mentions is boosted and suggested in the reader's form. */
  existingTags?: readonly string[];
  /** At most this many suggestions (default 5). */
  max?: number;
}

const DEFAULT_MAX = 5;
const MIN_WORD_LENGTH = 3;
/** A multi-word term is a candidate, and counts for the library, from this many occurrences. */
const MIN_PHRASE_COUNT = 2;
/** A word is suggested beside a chosen multi-word term containing it if it occurs this often alone. */
const MIN_ALONE_COUNT = 3;
/** In a text with this many content words, a word seen once is noise… */
const LONG_TEXT_WORDS = 150;
/** …and in one with this many, so is a word seen twice, unless the title or a heading has it. */
const VERY_LONG_TEXT_WORDS = 400;
/** A multi-word term says more than either word alone. */
const PHRASE_WEIGHT = 1.5;
/** A term of the title is what the article is about. */
const TITLE_BOOST = 2;
/** A term of a section heading, a little less so. */
const HEADING_BOOST = 1.4;
/** How much a tag the reader already uses is preferred. */
const EXISTING_TAG_BOOST = 2.5;
/** Suggestions scoring under this share of the best one are dropped, not offered as padding… */
const RELATIVE_MIN_SCORE = 0.4;
/**
 * …and, in a long text, under this score: a plain word needs three occurrences, or two and
 * something more (rare in the library, in a heading); a term of two words, two.
 */
const MIN_SCORE = 2;
/** A paragraph of at most this many words, without closing punctuation, is a heading. */
const HEADING_MAX_WORDS = 12;

/**
 * Suggested tags for `text`, best first, normalised (`normalizeTag`), without duplicates, at most
 * `max` and often fewer. A word is not suggested beside a chosen multi-word term containing it
 * unless it is strong on its own too.
 */
export function suggestTags(text: string, opts: SuggestTagsOptions = {}): string[] {
  const max = opts.max ?? DEFAULT_MAX;
  if (max <= 0) return [];
  const words = lex(text, true);
  const titleWords = opts.title ? lex(opts.title, false) : [];
  const primary = languageOf(opts.lang, words);
  const isStopword = stopwordsFor(primary);
  const isGeneric = genericFor(primary);
  const tokens = classify(words, isStopword);
  const kept = tokens.filter((t) => t.kept).length;
  if (!kept && !opts.existingTags?.length) return [];

  const idf = idfFor(opts.libraryDocFreq, opts.libraryDocs);
  const { unigrams, phrases } = countTerms(tokens);
  const titleTokens = classify(titleWords, isStopword);
  const title = countTerms(titleTokens);
  // The title's terms count as occurring there once more, before the text.
  mergeTitle(unigrams, title.unigrams, titleTokens.length);
  mergeTitle(phrases, title.phrases, titleTokens.length);
  const minCount = kept >= VERY_LONG_TEXT_WORDS ? 3 : kept >= LONG_TEXT_WORDS ? 2 : 1;

  const candidates = new Map<string, Candidate>();
  for (const [key, term] of unigrams) {
    if (isGeneric(key) || isGeneric(term.display)) continue;
    // Said in the title or a heading, a word still has to come back in the text: titles play on
    // words (« cultiver un jardin ») that the article then leaves.
    const needed = term.inTitle || term.inHeading ? Math.min(minCount, 2) : minCount;
    if (term.bodyCount >= needed) {
      candidates.set(key, { ...term, key, parts: [key], existing: false });
    }
  }
  for (const [key, term] of phrases) {
    // A term made only of words that are never tags is no better (« seconde vie », "next day").
    if (term.parts.every(isGeneric)) continue;
    if (term.count >= MIN_PHRASE_COUNT && term.bodyCount > 0) candidates.set(key, { ...term, key, existing: false });
  }
  for (const tag of normalizeTags(opts.existingTags ?? [])) {
    const found = findTag(tokens, classify(lex(tag, false), isStopword), tag);
    // One passing mention of a one-word tag in a long article says little about it.
    if (!found || (found.parts.length < 2 && found.count < 2 && kept >= LONG_TEXT_WORDS)) continue;
    const known = candidates.get(found.key);
    if (known) Object.assign(known, { display: tag, existing: true });
    else candidates.set(found.key, { ...found, bodyCount: found.count, inTitle: false, inHeading: false, display: tag, existing: true });
  }

  const score = (c: Candidate, count = c.count) =>
    (1 + Math.log(count)) *
    idf(c.key) *
    (c.parts.length > 1 ? PHRASE_WEIGHT : 1) *
    (c.inTitle ? TITLE_BOOST : c.inHeading ? HEADING_BOOST : 1) *
    (c.existing ? EXISTING_TAG_BOOST : 1);
  const scored = [...candidates.values()].map((c) => ({ c, score: score(c), count: c.count }));
  // The best term drawn from the text alone sets the bar: a boosted tag of the reader's must not
  // push every other suggestion under it.
  const best = scored.reduce((m, e) => Math.max(m, e.c.existing ? e.score / EXISTING_TAG_BOOST : e.score), 0);
  const floor = kept >= LONG_TEXT_WORDS ? MIN_SCORE : 0;
  // The reader's own tags need not compete with the best term, only be said often enough.
  const relativeFloor = best * RELATIVE_MIN_SCORE;

  const out: string[] = [];
  const chosen: Candidate[] = [];
  while (out.length < max && scored.length) {
    scored.sort((a, b) => b.score - a.score || a.c.first - b.c.first || compare(a.c.display, b.c.display));
    const { c, score: s } = scored.shift()!;
    if (s < floor) break;
    if (s < relativeFloor && !c.existing) {
      for (let i = scored.length - 1; i >= 0; i--) if (!scored[i]!.c.existing) scored.splice(i, 1);
      continue;
    }
    const tag = normalizeTag(c.display);
    if (!tag || tag.length > MAX_TAG_LENGTH || out.includes(tag)) continue;
    if (c.parts.length < 2) {
      out.push(tag);
      chosen.push(c);
      continue;
    }
    // Words already chosen that mostly occur inside this term give their place to it:
    // « déchets organiques » rather than « déchets » and then « déchets organiques ».
    const inside = (w: Candidate) => w.parts.length === 1 && !w.existing && c.parts.includes(w.key) && w.count - c.count < MIN_ALONE_COUNT;
    const at = chosen.findIndex(inside);
    for (let i = chosen.length - 1; i > at && at >= 0; i--) {
      if (inside(chosen[i]!)) {
        chosen.splice(i, 1);
        out.splice(i, 1);
      }
    }
    if (at >= 0) {
      out[at] = tag;
      chosen[at] = c;
    } else {
      out.push(tag);
      chosen.push(c);
    }
    // Its words now only score for the times they occur outside it, and need a few of those.
    for (const entry of scored) {
      if (entry.c.parts.length !== 1 || !c.parts.includes(entry.c.key)) continue;
      entry.count -= c.count;
      const needed = entry.c.existing ? 1 : MIN_ALONE_COUNT;
      entry.score = entry.count >= needed ? score(entry.c, entry.count) : -Infinity;
    }
    for (let i = scored.length - 1; i >= 0; i--) if (scored[i]!.score === -Infinity) scored.splice(i, 1);
  }
  return out;
}

/**
 * The terms a document contributes to `libraryDocFreq`: each content word, and each multi-word
 * term frequent enough in it to be suggested. Keys are an internal normal form (lowercase, NFC,
 * simple plurals folded: "clients" → "client"); count them, don't show them.
 */
export function documentTerms(text: string, lang?: string): Set<string> {
  const words = lex(text, false);
  const { unigrams, phrases } = countTerms(classify(words, stopwordsFor(languageOf(lang, words))));
  const terms = new Set(unigrams.keys());
  for (const [key, term] of phrases) if (term.count >= MIN_PHRASE_COUNT) terms.add(key);
  return terms;
}

/**
 * Words that are not stopwords but never make a useful tag: what any article talks about
 * (article, question, example, page), time and quantity (semaine, jour, year, minute), vague
 * nouns (chose, façon, thing, way), everyday verbs and bland adjectives (read, faire, small,
 * bon). A multi-word term may contain them ("reading time", « temps de lecture »), not only them.
 * Lowercase, NFC, ASCII apostrophe; both a word and its folded key are looked up.
 */
const GENERIC_FRENCH = words(`
article articles texte textes question questions réponse réponses sujet sujets exemple exemples
chose choses fois façon façons manière manières moyen sorte genre type cas fait faits point points
partie parties part côté fin début suite reste moitié nombre nombreux nombreuses ensemble total
semaine semaines jour jours journée journées mois année années an ans heure heures minute minutes
seconde secondes moment moments temps période matin soir soirée nuit demain hier lendemain veille
week-end siècle date dates personne personnes gens monde homme hommes femme femmes vie vies idée
idées problème problèmes raison raisons résultat résultats niveau niveaux page pages mot mots ligne
lignes liste listes étape étapes conseil conseils astuce astuces version versions besoin besoins
sens terme termes chapitre section paragraphe billet billets vue vues truc trucs mise lieu place
rôle effet effets forme formes objet objets élément éléments aspect aspects situation façon
bout coup début plan pas tour travail choix cours compte fond haut bas milieu question titre
bon bonne bons bonnes mauvais mauvaise grand grande grands grandes petit petite petits petites
nouveau nouvelle nouveaux nouvelles vieux vieille ancien ancienne vrai vraie faux fausse simple
simples facile faciles difficile difficiles différent différente différents différentes propre
seul seuls seules plein pleine prochain prochaine important importante importants importantes
possible possibles principal principale principaux général générale particulier particulière
long longue longs longues court courte courts courtes meilleur meilleure meilleurs pire énième
entier entière réel réelle véritable certains certaine précis précise utile utiles même
forcément concrètement heureusement régulièrement facilement honnêtement lentement rapidement
simplement exactement directement vite assez tôt tard plutôt davantage vraiment forcément
faire dire aller voir savoir pouvoir vouloir venir prendre mettre donner trouver passer rester
sembler devenir tenir parler montrer permettre laisser croire penser porter arriver commencer
finir utiliser lire écrire chercher appeler demander attendre répondre entendre comprendre
expliquer proposer garder suivre vivre partir sortir entrer tourner changer aider essayer
vaut valoir semble permet permettent prend prennent met mettent donne donnent trouve trouvent
passe passent devient deviennent tient tiennent voit voient veut veulent viennent mis pris donné
trouvé fini lu écrit vient reste restent marche marcher revient reviennent revenir
`);

const GENERIC_ENGLISH = words(`
article articles post posts text texts question questions answer answers topic topics example
examples instance thing stuff way ways kind kinds sort sorts type types part parts place places
point points fact facts case cases end start beginning side rest half couple number numbers amount
total lot bit bits piece pieces time times day days daily week weeks weekly weekend month months
year years yearly hour hours minute minutes second seconds moment moments today tomorrow yesterday
morning mornings evening night nights afternoon date people person someone everyone anybody
nobody man men woman women life lives world idea ideas problem problems issue issues reason
reasons result results level levels page pages word words line lines list lists step steps tip
tips version versions option options need sense term terms chapter section paragraph rule rules
area areas matter change changes help use uses work job hand hands head eye eyes home group
show story stories form detail details aspect situation look while top bottom middle title
good better best bad worse worst great big bigger small smaller little large larger long longer
short shorter high low real true simple easy hard different whole full certain important possible
able likely sure clear main major next early late ordinary single entire quick fast slow right
wrong old young huge tiny actual available common current recent usual various useful
read reads reader's write writes wrote written make making take taking took get getting go went
gone come came see saw seen think thought find found give gave tell told try tried call called ask
asked seem feel felt leave left mean meant keep kept begin began start started show shown hear
heard run move live believe bring happen add added turn turned set look looked looking work
worked become stop stopped choose chose pick picked finish finished miss missed notice noticed
stay stayed put puts want tend tends helps appear appears matter matters feels turns works
`);

function words(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/u).filter(Boolean));
}

/** Like stopwords: French drops both lists (it quotes English), English only its own. */
function genericFor(primary: Lang): (word: string) => boolean {
  if (primary === 'en') return (w) => GENERIC_ENGLISH.has(w);
  return (w) => GENERIC_FRENCH.has(w) || GENERIC_ENGLISH.has(w);
}

interface Token {
  /** The word as written, lowercased, elision and clitics removed: shown in suggestions. */
  surface: string;
  /** `surface` with plurals folded: what is counted and looked up. */
  key: string;
  /** A content word: long enough, has letters, not a stopword. */
  kept: boolean;
  /** A stopword (a tag made only of these is never looked for). */
  stop: boolean;
  /** Punctuation or a line break (not only spaces) separates it from the previous token. */
  gapBefore: boolean;
  /** The elided word before it (`l’`, `d’`) as written, lowercase; '' if none. */
  elision: string;
  /** It is in a section heading. */
  heading: boolean;
}

interface Term {
  /** Occurrences, the title's included. */
  count: number;
  /** Occurrences in the text itself. */
  bodyCount: number;
  /** Index of the first occurrence, for a stable order between equal scores (title: negative). */
  first: number;
  display: string;
  /** The unigram keys it is made of. */
  parts: string[];
  inTitle: boolean;
  inHeading: boolean;
}

interface Candidate extends Term {
  key: string;
  existing: boolean;
}

// A word: letters, marks and digits, with inner apostrophes and hyphens (`aujourd'hui`, `bien-être`).
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’ʼ\u2010\u2011-][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*/gu;
// Links and addresses would otherwise give "https", "www" and domain names.
const LINK = /\b(?:https?:\/\/|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+/giu;
const ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu|quelqu)['’ʼ](?=[\p{L}\p{N}])/u;
const CLITIC = /(?:'(?:s|re|ve|ll|d|m)|n't)$/u;
// French inversion: `a-t-il` → `a`, `faut-il` → `faut`, `est-ce` → `est` (not `rendez-vous`).
const INVERSION = /-(?:t-)?(?:il|ils|elle|elles|on|je|tu|ce)$/u;
const HAS_LETTER = /\p{L}/u;
// Between two words, anything but spaces (punctuation, a line break) stops a term.
const GAP = /[^ \t\u00a0\u202f]/u;
// A paragraph ending like a sentence is not a heading.
const SENTENCE_END = /[.!?…;:,]["'’”»)\]\s\u00a0\u202f]*$/u;
// French compound terms are joined by a preposition: « marketing de contenu », « lettre d’information »
// (`d’` is handled with elisions), « compostage en appartement », « bac à compost ».
const JOINERS = new Set(['de', 'du', 'des', 'en', 'à']);

type Word = Pick<Token, 'surface' | 'gapBefore' | 'elision' | 'heading'>;

/**
 * The words of a text: lowercase, NFC, ASCII apostrophes, elisions and clitics removed. With
 * `headings`, short paragraphs that do not end like a sentence (in a text of several) are marked.
 */
function lex(text: string, headings: boolean): Word[] {
  // Once for the whole text, not per word: this runs on articles of tens of thousands of words.
  const clean = text.normalize('NFC').replace(LINK, ' | ').toLowerCase().replace(/[\u2010\u2011]/gu, '-');
  const words: Word[] = [];
  const paragraphs = clean.split(/\n\s*\n/u);
  const markHeadings = headings && paragraphs.length >= 3;
  for (const paragraph of paragraphs) {
    const start = words.length;
    let last = 0;
    for (const m of paragraph.matchAll(WORD)) {
      const raw = m[0];
      const elision = ELISION.exec(raw)?.[0] ?? '';
      let surface = elision ? raw.slice(elision.length) : raw;
      if (/['’ʼ-]/u.test(surface)) surface = surface.replace(/[’ʼ]/gu, "'").replace(CLITIC, '').replace(INVERSION, '');
      // Usually one space apart: no need to look further.
      const gapBefore =
        words.length === start ||
        ((m.index !== last + 1 || paragraph.charCodeAt(last) !== 32) && GAP.test(paragraph.slice(last, m.index)));
      words.push({ surface, elision, gapBefore, heading: false });
      last = m.index + raw.length;
    }
    const count = words.length - start;
    if (markHeadings && count > 0 && count <= HEADING_MAX_WORDS && !SENTENCE_END.test(paragraph)) {
      for (let i = start; i < words.length; i++) words[i]!.heading = true;
    }
  }
  return words;
}

function classify(words: readonly Word[], isStopword: (word: string) => boolean): Token[] {
  return words.map((w) => {
    const stop = isStopword(w.surface);
    const kept = !stop && w.surface.length >= MIN_WORD_LENGTH && HAS_LETTER.test(w.surface);
    // Spelled out: spreading `w` is many times slower, and this runs for every word of the text.
    return { surface: w.surface, gapBefore: w.gapBefore, elision: w.elision, heading: w.heading, key: fold(w.surface), kept, stop };
  });
}

/** Simple French and English plurals share a key: client/clients, bureau/bureaux, jeu/jeux. */
function fold(word: string): string {
  if (word.length > MIN_WORD_LENGTH && /[^siu]s$/u.test(word)) return word.slice(0, -1);
  if (word.length > MIN_WORD_LENGTH && /(?:eau|eu)x$/u.test(word)) return word.slice(0, -1);
  return word;
}

type Lang = 'fr' | 'en' | undefined;

/** The text's language: as told, else the one whose stopwords it uses more (none on a tie). */
function languageOf(lang: string | undefined, words: readonly Word[]): Lang {
  const primary = lang?.toLowerCase().slice(0, 2);
  if (primary === 'fr' || primary === 'en') return primary;
  let fr = 0;
  let en = 0;
  for (const { surface } of words) {
    if (FRENCH_STOPWORDS.has(surface)) fr++;
    if (ENGLISH_STOPWORDS.has(surface)) en++;
  }
  return fr > en ? 'fr' : en > fr ? 'en' : undefined;
}

/**
 * French text often quotes English, so French drops both lists; English drops only its own, as
 * French stopwords like "car", "son" or "font" are English content words. Unknown: both.
 */
function stopwordsFor(primary: Lang): (word: string) => boolean {
  if (primary === 'en') return (w) => ENGLISH_STOPWORDS.has(w);
  return (w) => FRENCH_STOPWORDS.has(w) || ENGLISH_STOPWORDS.has(w);
}

/** `d’information` in a term's key: the elided joiner with an ASCII apostrophe. */
const elisionKey = (t: Pick<Token, 'elision'>) => t.elision.replace(/[’ʼ]/gu, "'");

function countTerms(tokens: readonly Token[]): { unigrams: Map<string, Term>; phrases: Map<string, Term> } {
  const unigrams = new Map<string, Counted>();
  const phrases = new Map<string, Counted>();
  let prev: Token | undefined;
  tokens.forEach((t, i) => {
    if (!t.kept) {
      // `A de B`, `A du B`, `A des B`: a French compound across the joiner.
      const next = tokens[i + 1];
      if (prev && JOINERS.has(t.surface) && !t.gapBefore && !t.elision && next?.kept && !next.gapBefore && !next.elision && prev.key !== next.key) {
        add(phrases, `${prev.key} ${t.surface} ${next.key}`, `${prev.surface} ${t.surface} ${next.surface}`, i - 1, [prev.key, next.key], prev.heading);
      }
      prev = undefined;
      return;
    }
    add(unigrams, t.key, t.surface, i, [t.key], t.heading);
    if (prev && !t.gapBefore && prev.key !== t.key) {
      if (!t.elision) add(phrases, `${prev.key} ${t.key}`, `${prev.surface} ${t.surface}`, i - 1, [prev.key, t.key], t.heading);
      // `A d’B`: « lettre d’information », « centre d’intérêt ».
      else if (elisionKey(t) === "d'") {
        add(phrases, `${prev.key} d'${t.key}`, `${prev.surface} ${t.elision}${t.surface}`, i - 1, [prev.key, t.key], t.heading);
      }
    }
    prev = t;
  });
  return { unigrams: finish(unigrams), phrases: finish(phrases) };
}

interface Counted {
  count: number;
  first: number;
  parts: string[];
  inHeading: boolean;
  forms: Map<string, number>;
}

function add(terms: Map<string, Counted>, key: string, surface: string, at: number, parts: string[], heading: boolean): void {
  let term = terms.get(key);
  if (!term) terms.set(key, (term = { count: 0, first: at, parts, inHeading: false, forms: new Map<string, number>() }));
  term.count++;
  term.inHeading ||= heading;
  term.forms.set(surface, (term.forms.get(surface) ?? 0) + 1);
}

/**
 * Each term shown in its most frequent form; on a tie the shorter (the singular), then the
 * typographic apostrophe (« lettre d’information »), then A–Z.
 */
function finish(terms: Map<string, Counted>): Map<string, Term> {
  const out = new Map<string, Term>();
  const curly = (s: string) => (s.includes('’') ? 0 : 1);
  for (const [key, { count, first, parts, inHeading, forms }] of terms) {
    const [display] = [...forms].sort(
      ([a, na], [b, nb]) => nb - na || a.length - b.length || curly(a) - curly(b) || compare(a, b),
    )[0]!;
    out.set(key, { count, bodyCount: count, first, display, parts, inTitle: false, inHeading });
  }
  return out;
}

/** Adds the title's terms to the text's: one more occurrence each, first, marked as in the title. */
function mergeTitle(into: Map<string, Term>, title: ReadonlyMap<string, Term>, titleLength: number): void {
  for (const [key, term] of title) {
    const known = into.get(key);
    if (known) {
      known.count += term.count;
      known.first = term.first - titleLength;
      known.inTitle = true;
    } else {
      into.set(key, { ...term, bodyCount: 0, first: term.first - titleLength, inTitle: true });
    }
  }
}

/**
 * Where the text mentions an existing tag: the tag's words in a row, plurals folded, stopwords
 * included (`taux de conversion`). Tags made only of stopwords are ignored.
 */
function findTag(
  tokens: readonly Token[],
  words: readonly Token[],
  tag: string,
): Omit<Term, 'inTitle' | 'inHeading' | 'bodyCount'> & { key: string } | undefined {
  if (words.every((w) => w.stop || !HAS_LETTER.test(w.surface))) return undefined;
  const keys = words.map((w) => w.key);
  let count = 0;
  let first = -1;
  for (let i = 0; i + keys.length <= tokens.length; i++) {
    let match = true;
    for (let j = 0; j < keys.length && match; j++) {
      const t = tokens[i + j]!;
      match = t.key === keys[j] && (j === 0 || !t.gapBefore);
    }
    if (!match) continue;
    count++;
    if (first < 0) first = i;
  }
  if (!count) return undefined;
  const parts = words.filter((w) => w.kept).map((w) => w.key);
  // The same key a term found in the text has: `expérience d'achat`, `taux de conversion`.
  const key = words.map((w, i) => (i > 0 ? elisionKey(w) : '') + w.key).join(' ');
  return { key, parts: parts.length ? parts : keys, count, first, display: tag };
}

/**
 * Smoothed IDF, ln((N + 1) / (df + 1)) + 1: 1 for a term in every saved article, higher for rarer
 * ones, and 1 for everything when the library is empty, leaving plain term frequency.
 */
function idfFor(docFreq: ReadonlyMap<string, number> | undefined, docs: number | undefined): (key: string) => number {
  return (key) => {
    const df = Math.max(0, docFreq?.get(key) ?? 0);
    const n = Math.max(docs ?? 0, df);
    return Math.log((n + 1) / (df + 1)) + 1;
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
