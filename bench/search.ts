/**
 * Benchmark of the side panel's search and filters (utils/search) on a generated library:
 * 50,000 notes over 2,000 articles of ~5,000 words, French and English. Prints a markdown table.
 *
 *   node --expose-gc bench/run.mjs search [--notes=50000] [--articles=2000] [--words=5000] [--seed=1]
 *
 * (`--expose-gc` makes the heap figures exact.) The generator is exported for bench/compare-search.ts.
 */
import type { Article, Color, Note, NoteKind } from '../utils/domain/model';
import { groupByArticle, matchingArticles, queryNotes, sortRows } from '../utils/search/filters';
import { highlightMatches, SearchIndex } from '../utils/search/index';
import { NoteRecords } from '../utils/search/records';
import { prng } from '../tests/support/prng';


const FR_FUNCTION = `le la les de des du un une et à en que qui dans pour par sur au aux avec ce cette il elle on nous
vous ils ne pas plus mais ou où est sont a ont été être avoir fait faire comme tout tous très bien aussi leur leurs son sa
ses se sans sous entre après avant depuis donc car si même encore déjà toujours peut doit`.split(/\s+/);
const FR_CONTENT = `expérience client clients entreprise marché stratégie produit produits service services équipe équipes
travail projet projets données utilisateur utilisateurs société économie politique histoire monde pays ville temps année
années vie cœur œuvre sœur manœuvre idée idées question questions problème problèmes solution réponse développement
recherche étude études résultat résultats analyse système modèle méthode processus qualité valeur valeurs croissance
innovation technologie numérique réseau réseaux journal journaux animal animaux cheval chevaux bureau bureaux jeu jeux
travaux prix coût coûts décision décisions lecture écriture livre livres auteur auteurs article articles note notes
mémoire pensée pensées apprentissage éducation école élève élèves santé médecine hôpital énergie climat été hiver
intelligence artificielle confiance relation relations communication marketing vente ventes achat achats rêve rêves
liberté égalité fraternité république élection gouvernement ministre loi lois règle règles théâtre cinéma musique
peinture poésie roman romans français anglais européen européenne mondiale sociale sociaux nationale régionale
première dernière nouvelle nouveau nouveaux grand grande grands petite petit importante important différent différents
rapide lente simple complexe difficile facile humain humaine humains naturel naturelle culturel culturelle
comprendre apprendre construire créer développer améliorer changer penser écrire lire vendre acheter gérer mesurer`.split(/\s+/);
const FR_COMPOUNDS = ['bien-être', 'peut-être', 'arc-en-ciel', 'vis-à-vis', 'grand-mère', 'week-end', 'porte-parole', 'sous-traitance', 'auto-entrepreneur', 'savoir-faire', 'rendez-vous', 'chef-d’œuvre'];
const EN_FUNCTION = `the of and to a in is that for it as was with be by on not he this are or his from at which but
have an they you were her she there been has their one all we would will more when if no out so can what up about into
than them only other its also after new most some could these two may first any like now our over such`.split(/\s+/);
const EN_CONTENT = `customer customers experience research user users design product products market strategy team teams
work project projects data system systems model models method process quality value values growth innovation technology
network networks journal history world country city time year years life heart idea ideas question questions problem
problems solution answer development study studies result results analysis learning education school student students
health medicine hospital energy climate summer winter intelligence artificial trust relationship relationships
communication marketing sales purchase dream dreams freedom equality government minister law laws rule rules theatre
cinema music painting poetry novel novels french english european global social national regional first last new big
small important different fast slow simple complex difficult easy human natural cultural understand learn build create
develop improve change think write read sell buy manage measure leadership management software engineering writing
reading book books author authors article articles note notes memory thought thoughts knowledge attention habit habits`.split(/\s+/);
const EN_COMPOUNDS = ['well-being', 'long-term', 'e-mail', 'decision-making', 'real-time', 'state-of-the-art', 'self-awareness', 'user-friendly', 'open-source', 'follow-up'];
const EN_CONTRACTIONS = ['don’t', 'it’s', 'isn’t', 'can’t', 'we’re', 'that’s', 'user’s', 'people’s', 'company’s'];

const TAG_POOL = `marketing ux design stratégie expérience client recherche lecture écriture leadership management
productivité apprentissage éducation santé climat énergie politique économie histoire philosophie science tech ia
données produit vente startup citation idée à-relire important livre podcast méthode outils habitudes mémoire
psychologie sociologie culture art musique cinéma voyage cuisine sport finance investissement carrière
communication négociation créativité innovation futur travail équipe réunion`.split(/\s+/);
const FIRST = ['Marie', 'Jean', 'Claire', 'Pierre', 'Sophie', 'Lucas', 'Emma', 'John', 'Sarah', 'David', 'Laura', 'Michael', 'Hélène', 'François', 'Zoë', 'Noël'];
const LAST = ['Dupont', 'Martin', 'Lefèvre', 'Bernard', 'Moreau', 'Smith', 'Johnson', 'Brown', 'Garcia', 'Miller', 'Rousseau', 'Béranger', 'Côté', 'Müller', 'O’Brien', 'Lætitia'];

/** A long tail of plausible words (syllables), so the vocabulary has the size of real text. */
function tail(random: () => number, n: number, french: boolean): string[] {
  const fr = ['ré', 'pa', 'tion', 'ment', 'con', 'é', 'té', 'ma', 'li', 'que', 'ri', 'eau', 'pro', 'dé', 'in', 'gé', 'nè', 'ro', 'è', 'ver', 'sa', 'lu', 'mi', 'ci', 'ter'];
  const en = ['con', 'ter', 'ing', 'tion', 'al', 'pro', 're', 'in', 'ex', 'ly', 'er', 'ment', 'ous', 'bi', 'ta', 'ver', 'sh', 'ight', 'ow', 'ack', 'ble', 'st', 'ar', 'mo', 'ness'];
  const syl = french ? fr : en;
  const out = new Set<string>();
  while (out.size < n) {
    let w = '';
    const k = 2 + Math.floor(random() * 3);
    for (let i = 0; i < k; i++) w += syl[Math.floor(random() * syl.length)];
    if (random() < 0.25) w += french ? (random() < 0.7 ? 's' : 'x') : 's';
    out.add(w);
  }
  return [...out];
}

const flat = (s: string): string => JSON.parse(JSON.stringify(s)) as string;

/** Samples ranks with a Zipf law (s ≈ 1), as words are in text. */
function zipf(random: () => number, n: number, s = 1.05): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cdf[i] = sum += 1 / (i + 1) ** s;
  return () => {
    const x = random() * sum;
    let a = 0;
    let b = n - 1;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (cdf[m]! < x) a = m + 1;
      else b = m;
    }
    return a;
  };
}

export interface Corpus {
  notes: Note[];
  /** Articles without their text (see `texts`). */
  articles: Article[];
  /** Article texts, by article index. */
  texts: string[];
  /** Queries a reader might type, French and English, 1–3 words. */
  queries: string[];
  tags: string[];
}

export interface CorpusOptions {
  notes?: number;
  articles?: number;
  wordsPerArticle?: number;
  seed?: number;
}

/** A library like a heavy user's: articles with text, notes quoting them, tags, colours, dates. */
export function generateCorpus({ notes: noteCount = 50_000, articles: articleCount = 2_000, wordsPerArticle = 5_000, seed = 1 }: CorpusOptions = {}): Corpus {
  const random = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const langs = {
    fr: { words: [...FR_FUNCTION, ...FR_CONTENT, ...tail(random, 25_000, true)], compounds: FR_COMPOUNDS, extra: [] as string[] },
    en: { words: [...EN_FUNCTION, ...EN_CONTENT, ...tail(random, 25_000, false)], compounds: EN_COMPOUNDS, extra: EN_CONTRACTIONS },
  };
  const rank = { fr: zipf(random, langs.fr.words.length), en: zipf(random, langs.en.words.length) };
  const tagRank = zipf(random, TAG_POOL.length, 0.9);
  const sites = Array.from({ length: 150 }, (_, i) => (i < 20 ? ['www.lemonde.fr', 'medium.com', 'www.nytimes.com', 'www.liberation.fr', 'hbr.org', 'www.theguardian.com', 'substack.com', 'www.wired.com', 'www.lesechos.fr', 'aeon.co'][i % 10]!.replace(/^/, i >= 10 ? `blog${i}.` : '') : `site${i}.example.${i % 2 ? 'fr' : 'com'}`));
  const vowel = /^[aeiouyéèêàâîôœh]/;

  function sentence(lang: 'fr' | 'en', n: number): string {
    const L = langs[lang];
    const words: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = random();
      let w = r < 0.02 ? pick(L.compounds) : r < 0.03 && L.extra.length ? pick(L.extra) : L.words[rank[lang]()]!;
      const prev = words[words.length - 1];
      if (lang === 'fr' && prev && vowel.test(w) && (prev === 'le' || prev === 'la' || prev === 'de' || prev === 'que')) {
        words[words.length - 1] = `${prev === 'que' ? 'qu' : prev[0]}’${w}`;
        continue;
      }
      if (random() < 0.01) w = `« ${w} »`.replace(/ /g, '\u00A0');
      words.push(w);
    }
    let s = words.join(' ');
    s = s[0]!.toUpperCase() + s.slice(1);
    const end = random() < 0.85 ? '.' : lang === 'fr' ? '\u00A0?' : '?';
    if (random() < 0.15) s = s.replace(' ', lang === 'fr' ? '\u202F: ' : ': ');
    if (random() < 0.1) s = s.replace(/ (\S+) /, ' — $1 — ');
    return s + end;
  }

  const day = 86_400_000;
  const start = Date.UTC(2023, 0, 1);
  const articles: Article[] = [];
  const texts: string[] = [];
  const notes: Note[] = [];
  // Notes per article vary (a few articles hold many notes), summing to noteCount.
  const weights = Array.from({ length: articleCount }, () => 0.2 + random() ** 3 * 4);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  let assigned = 0;
  for (let i = 0; i < articleCount; i++) {
    const lang = random() < 0.5 ? 'fr' : 'en';
    const site = pick(sites);
    const url = `https://${site}/${lang}/article-${i}`;
    const createdAt = start + Math.floor(random() * 3 * 365 * day);
    const sentences: string[] = [];
    let words = 0;
    const target = wordsPerArticle * (0.4 + random() * 1.2);
    while (words < target) {
      const n = 8 + Math.floor(random() * 22);
      sentences.push(sentence(lang, n));
      words += n;
    }
    const text = sentences.join(' ');
    const title = sentence(lang, 4 + Math.floor(random() * 6)).replace(/[.?]$/, '');
    articles.push({
      id: `a${i}`,
      url,
      title,
      byline: flat(`${pick(FIRST)} ${pick(LAST)}`),
      siteName: site.replace(/^www\./, ''),
      lang,
      wordCount: words,
      readingMinutes: Math.ceil(words / 230),
      clippedAt: createdAt,
      // Two articles in three tagged (as the popup's suggestions do), without drawing from the
      // generator: the notes stay the same library as before article tags were searched.
      tags: i % 3 ? [TAG_POOL[i % TAG_POOL.length]!, TAG_POOL[(i * 7 + 3) % TAG_POOL.length]!] : [],
      createdAt,
      updatedAt: createdAt,
    });
    texts.push(text);
    const count = i === articleCount - 1 ? noteCount - assigned : Math.round((weights[i]! / totalWeight) * noteCount);
    assigned += count;
    let offset = 0;
    const starts = sentences.map((s) => {
      const at = offset;
      offset += s.length + 1;
      return at;
    });
    for (let k = 0; k < count; k++) {
      const from = Math.floor(random() * sentences.length);
      let exact = sentences[from]!;
      for (let j = from + 1; exact.length < 120 + random() * 160 && j < sentences.length; j++) exact += ` ${sentences[j]}`;
      // A flat copy, as a note read from IndexedDB is (a concatenation would keep the article alive).
      exact = flat(exact);
      const tags = new Set<string>();
      const tagCount = Math.floor(random() * random() * 5);
      while (tags.size < tagCount) tags.add(TAG_POOL[tagRank()]!);
      const t = createdAt + Math.floor(random() * 30 * day);
      const kind: NoteKind = random() < 0.8 ? 'highlight' : 'quote';
      const note: Note = {
        id: `n${notes.length}`,
        url,
        kind,
        color: (['yellow', 'yellow', 'yellow', 'green', 'blue', 'pink', 'purple'] as const)[Math.floor(random() * 7)] as Color,
        exact,
        selectors: [
          { type: 'TextQuoteSelector', exact },
          { type: 'TextPositionSelector', start: starts[from]!, end: starts[from]! + exact.length },
        ],
        note: random() < 0.4 ? sentence(lang, 5 + Math.floor(random() * 20)) : '',
        tags: [...tags],
        createdAt: t,
        updatedAt: t,
      };
      if (kind === 'quote') note.attribution = { title, url, author: articles[i]!.byline! };
      if (random() < 0.03) note.orphanedAt = t + day;
      notes.push(note);
    }
  }
  const queries = [
    'client', 'experience', 'expérience client', 'experience client', 'strategie', 'stratégie produit', 'coeur', 'cœur',
    'bien etre', 'bien-être au travail', 'journaux', 'cheval', 'clients', 'l’expérience', 'donnees utilisateurs',
    'recherche', 'design', 'user research', 'customer experience', 'long term', 'well-being', 'decision making',
    'product strategy', 'team work', 'trust', 'leadership management', 'innovation', 'artificial intelligence',
    'intelligence artificielle', 'marketing vente', 'education ecole', 'sante', 'climat energie', 'memoire',
    'don’t', 'habits', 'knowledge', 'lefevre', 'rousseau', 'muller', 'ux', 'productivite', 'apprentissage',
    'nouveau projet', 'résultats analyse', 'the future', 'question', 'œuvre', 'sœur', 'chef-d’œuvre',
  ];
  return { notes, articles, texts, queries, tags: TAG_POOL };
}

/** Every keystroke of typing `query`: `e`, `ex`, … `experience c`, … */
export const keystrokes = (query: string) => Array.from({ length: query.length }, (_, i) => query.slice(0, i + 1));

export const quantile = (xs: number[], q: number) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const median = (xs: number[]) => quantile(xs, 0.5);

/**
 * Memory used after a full collection (exact with `--expose-gc`), in MB: the JS heap plus
 * ArrayBuffers, where typed arrays keep their data (outside `heapUsed`).
 */
export async function heapMB(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  // Backing stores of typed arrays are released after the collection, on a later turn.
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 2 ** 20;
}

/** Median time of `run` over `n` runs, in ms, after a warm-up. */
function time(run: () => unknown, n = 21): number {
  for (let i = 0; i < 3; i++) run();
  const ts: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    run();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms`;
const mb = (x: number) => `${x.toFixed(1)} MB`;

/**
 * Loads the library into an index, articles with their text. A function of its own, so that the
 * articles with text die with its frame (an async function keeps temporaries alive in registers).
 */
function load(index: SearchIndex, corpus: Corpus) {
  index.bulkLoad(corpus.notes, corpus.articles.map((a, i) => ({ ...a, text: corpus.texts[i]! })));
}

export async function main(argv: string[]) {
  const arg = (name: string, fallback: number) => Number(argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
  const opts = { notes: arg('notes', 50_000), articles: arg('articles', 2_000), wordsPerArticle: arg('words', 5_000), seed: arg('seed', 1) };
  if (!(globalThis as { gc?: unknown }).gc) console.warn('Run node with --expose-gc for exact heap figures.');
  const heapStart = await heapMB();
  let t0 = performance.now();
  const corpus = generateCorpus(opts);
  const genMs = performance.now() - t0;
  const textMB = corpus.texts.reduce((s, t) => s + t.length, 0) / 2 ** 20;
  const rows: Array<[string, string]> = [];
  rows.push(['Library', `${corpus.notes.length.toLocaleString('en')} notes, ${corpus.articles.length.toLocaleString('en')} articles, ${(textMB * 2 ** 20 / 6 / 1e6).toFixed(1)} M words of article text (generated in ${(genMs / 1000).toFixed(1)} s)`]);

  const keys = corpus.queries.flatMap(keystrokes);
  const typing = (index: SearchIndex) => {
    for (const k of keys.slice(0, 50)) index.search(k); // warm-up
    const ts: number[] = [];
    let results = 0;
    for (const k of keys) {
      const t = performance.now();
      const r = index.search(k);
      ts.push(performance.now() - t);
      results += r.ids.length;
    }
    return { ts, results: results / keys.length };
  };

  for (const fullText of [false, true]) {
    const label = fullText ? 'with full text' : 'notes, titles, authors';
    let index: SearchIndex | undefined = new SearchIndex({ fullText });
    const before = await heapMB();
    t0 = performance.now();
    const cpu0 = process.cpuUsage();
    load(index, corpus);
    const buildMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const buildCpu = (cpu.user + cpu.system) / 1000;
    const after = await heapMB();
    const { ts, results } = typing(index);
    const oneChar = keys.map((k, i) => [k, ts[i]!] as const).filter(([k]) => k.length === 1).map(([, t]) => t);
    rows.push([`Index build (${label})`, `${ms(buildMs)} (CPU ${ms(buildCpu)})`]);
    rows.push([`Index memory (${label}): heap + typed arrays`, `${mb(after - before)}, ${index.vocabulary.toLocaleString('en')} words`]);
    rows.push([`Keystroke → results (${label}), ${keys.length} keystrokes of ${corpus.queries.length} queries`, `median ${ms(median(ts))}, p95 ${ms(quantile(ts, 0.95))}, max ${ms(Math.max(...ts))}; first letter alone: median ${ms(median(oneChar))}; ${Math.round(results)} results on average`]);
    if (fullText) {
      const n = corpus.notes[corpus.notes.length - 1]!;
      rows.push(['Incremental update of one note (full text index)', ms(time(() => index!.update({ ...n, note: `${n.note} edited`, updatedAt: n.updatedAt + 1 }), 200))]);
    }
    index = undefined;
  }

  // What the panel holds: notes, article records (no text) and the index; texts dropped.
  let index: SearchIndex | undefined = new SearchIndex({ fullText: true });
  load(index, corpus);
  corpus.texts.length = 0;
  const heapPanel = await heapMB();
  index = undefined;
  const heapNotes = await heapMB();
  rows.push(['Memory of the panel\'s data: notes + article records (no text) + full-text index', `${mb(heapPanel - heapStart)} (notes and article records alone: ${mb(heapNotes - heapStart)})`]);

  // Filters over the index's records, as the panel runs them.
  const index0 = new SearchIndex();
  index0.bulkLoad(corpus.notes, corpus.articles);
  const records = index0.records;
  const notes = corpus.notes;
  const topTag = queryNotes(records, {}).facets.tags[0]!.value;
  const second = queryNotes(records, { tags: [topTag] }).facets.tags[1]!.value;
  const all = records.newestFirst();
  rows.push([`Tag filter « ${topTag} » + facet counts + newest first (records)`, ms(time(() => queryNotes(records, { tags: [topTag] })))]);
  rows.push([`Tags « ${topTag} » + « ${second} », 2 colours, kind + facets (records)`, ms(time(() => queryNotes(records, { tags: [topTag, second], colors: ['yellow', 'blue'], kinds: ['highlight'] })))]);
  rows.push([`Tags « ${topTag} » OR « ${second} » (on notes or their articles), 2 sites + facets (records)`, ms(time(() => queryNotes(records, { tags: [topTag, second], tagMode: 'any', sites: ['lemonde.fr', 'medium.com'] })))]);
  rows.push([`Articles view: articles matching « ${topTag} » by themselves (records)`, ms(time(() => matchingArticles(records, { tags: [topTag] })))]);
  rows.push(['Facet counts, no filter, all notes counted (records)', ms(time(() => queryNotes(records, {})))]);
  rows.push(['Sites + date range + has note + facets (records)', ms(time(() => queryNotes(records, { sites: ['lemonde.fr', 'medium.com'], from: Date.UTC(2024, 0, 1), to: Date.UTC(2025, 0, 1), hasNote: true })))]);
  const hits = index0.search('client').rows;
  rows.push([`Search « client » (${hits.length} notes) then tag filter + facets, by relevance (records)`, ms(time(() => queryNotes(records, { tags: [topTag] }, 'relevance', index0.search('client').rows)))]);
  rows.push(['Sort newest first, all notes (records; cached until a change)', ms(time(() => sortRows(records, all, 'newest')))]);
  rows.push(['Sort by article + reading order, all notes (records, uncached)', ms(time(() => { records.version++; return records.byArticle(); }))]);
  rows.push(['Group by article, all notes (records)', ms(time(() => groupByArticle(records, all)))]);
  // A keystroke in the panel (entrypoints/sidepanel/App.tsx): the search, all its matches, then
  // filters and facets over its rows, grouped by article for the grouped and articles views.
  rows.push([`Keystroke in the panel: search « client » + tag « ${topTag} » + facets + group by article (records)`, ms(time(() => groupByArticle(records, queryNotes(records, { tags: [topTag] }, 'relevance', index0.search('client', { limit: 0 }).rows).rows)))]);
  rows.push(['Records of all notes built (NoteRecords.bulkLoad, part of every index build)', ms(time(() => new NoteRecords().bulkLoad(notes, corpus.articles), 5))]);
  const sample = notes.slice(0, 50);
  rows.push(['highlightMatches on 50 quotes (one screen)', ms(time(() => sample.forEach((n) => highlightMatches(n.exact, 'experience client'))))]);

  console.log(`| Measure | Result |\n| --- | --- |\n${rows.map(([a, b]) => `| ${a} | ${b} |`).join('\n')}`);
  console.log(`\nNode ${process.version}, ${process.platform}/${process.arch}.`);
}
