/**
 * Libraries of notes for tests and benchmarks: `sampleLibrary()`, a small hand-written French and
 * English library with every awkward character the formats must carry (the export tests),
 * `generateLibrary()`, a library of any size from a seed (the export and review benchmarks, the
 * large-import e2e test, the W3C checks), and single records for unit tests: `highlight()`, the
 * numbered `passage()`s of one article, `selectorsAt()`.
 */
import type { Article, ArticleWithBody, Color, Note, SettingRow, Selector } from '../../utils/domain/model';
import { stableId } from '../../utils/export/stable-id';
import { prng } from './prng';

// ---- Single records (tests) ---------------------------------------------------------------

/**
 * A passage's two selectors as the page script records them: its quote with the text on either
 * side, and where it starts in the page's text (it ends `exact.length` later).
 */
export const selectorsAt = (exact: string, prefix: string, suffix: string, start: number): Selector[] => [
  { type: 'TextQuoteSelector', exact, prefix, suffix },
  { type: 'TextPositionSelector', start, end: start + exact.length },
];

/**
 * A saved highlight: yellow, with no comment and no tags, its text quoted by a lone
 * TextQuoteSelector, made and changed at time 1. `fields` names it, its page and its text, and
 * overrides any of the rest.
 */
export const highlight = ({ id, url, exact, ...rest }: Pick<Note, 'id' | 'url' | 'exact'> & Partial<Note>): Note => ({
  id,
  url,
  kind: 'highlight',
  color: 'yellow',
  exact,
  selectors: [{ type: 'TextQuoteSelector', exact }],
  note: '',
  tags: [],
  createdAt: 1,
  updatedAt: 1,
  ...rest,
});

/** The article the numbered passages are on. */
export const UN_ARTICLE: Article = { id: 'a1', url: 'https://blog.example/un-article/', title: 'Un article', tags: [], createdAt: 1_000, updatedAt: 1_000 };

/**
 * Passage `i` of UN_ARTICLE: id `n0001`…, text `Passage numéro i`, made at 10 000 + i ms (the
 * higher `i`, the newer). `extra` overrides any field.
 */
export const passage = (i: number, extra: Partial<Note> = {}): Note =>
  highlight({ id: `n${String(i).padStart(4, '0')}`, url: UN_ARTICLE.url, exact: `Passage numéro ${i}`, createdAt: 10_000 + i, updatedAt: 10_000 + i, ...extra });

// ---- Hand-written sample (tests) ----------------------------------------------------------

const T0 = Date.UTC(2024, 2, 7, 9, 30, 0);

/** A small library with every awkward character the formats must carry: French and English. */
export function sampleLibrary(): { articles: ArticleWithBody[]; notes: Note[]; settings: SettingRow[] } {
  const articles: ArticleWithBody[] = [
    {
      id: '3f2b8c1e-8a4d-4c8e-9b1a-0d6f5e4a3c21',
      url: 'https://www.lemonde.fr/idees/article/2024/03/05/l-etat-c-est-moi_6220000_3232.html',
      canonicalUrl: 'https://www.lemonde.fr/idees/article/2024/03/05/l-etat-c-est-moi_6220000_3232.html',
      title: 'L’État, c’est « moi » : notes sur le pouvoir',
      byline: 'Jeanne d’Arc-Dupont',
      siteName: 'Le Monde',
      publishedTime: '2024-03-05T23:30:00+01:00',
      lang: 'fr',
      excerpt: 'Une réflexion, « à chaud », sur l’exercice du pouvoir.',
      html: '<p>Le pouvoir, « disait-il », n’est rien sans l’adhésion.</p>',
      text: 'Le pouvoir, « disait-il », n’est rien sans l’adhésion. Et pourtant…',
      wordCount: 1200,
      readingMinutes: 6,
      clippedAt: T0,
      tags: ['politique', 'histoire de france'],
      createdAt: T0,
      updatedAt: T0 + 5_000,
    },
    {
      id: '9a7c6b5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d',
      url: 'https://www.theatlantic.com/ideas/archive/2024/01/essay/677000/?page=2',
      title: '"Quotes", colons: and #hashes — a test\nwith a newline',
      byline: "O'Brien, Pat",
      siteName: 'The Atlantic',
      publishedTime: 'January 5, 2024',
      lang: 'en',
      tags: ['essays', '- leading dash', '[brackets]'],
      createdAt: T0 + 60_000,
      updatedAt: T0 + 60_000,
    },
    {
      id: '0b1c2d3e-4f50-4617-8a9b-c0d1e2f3a4b5',
      url: 'https://fr.wikipedia.org/wiki/Foo_(bar)',
      title: 'Foo (bar) — Wikipédia',
      tags: [],
      createdAt: T0 + 120_000,
      updatedAt: T0 + 120_000,
    },
  ];
  const [fr, en, wiki] = articles as [ArticleWithBody, ArticleWithBody, ArticleWithBody];
  const notes: Note[] = [
    {
      id: '11111111-2222-4333-8444-555555555555',
      url: fr.url,
      kind: 'highlight',
      color: 'yellow',
      exact: 'Le pouvoir, « disait-il », n’est rien sans l’adhésion.',
      selectors: selectorsAt('Le pouvoir, « disait-il », n’est rien sans l’adhésion.', '', ' Et pourtant…', 0),
      note: 'Voir aussi Tocqueville, chap. 3,\n« la tyrannie de la majorité ».',
      tags: ['politique', 'à relire'],
      createdAt: T0 + 1_000,
      updatedAt: T0 + 2_000,
    },
    {
      id: '22222222-3333-4444-8555-666666666666',
      url: fr.url,
      kind: 'quote',
      color: 'purple',
      exact: 'Et pourtant…',
      selectors: selectorsAt('Et pourtant…', 'sans l’adhésion. ', '', 55),
      note: '🤔 D’accord, mais… "vraiment" ?',
      tags: ['citations'],
      attribution: {
        title: fr.title,
        author: fr.byline,
        siteName: fr.siteName,
        publishedTime: fr.publishedTime,
        url: fr.canonicalUrl!,
      },
      createdAt: T0 + 3_000,
      updatedAt: T0 + 3_000,
    },
    {
      id: '33333333-4444-4555-8666-777777777777',
      url: en.url,
      kind: 'highlight',
      color: 'green',
      exact: 'First line, with a comma\nSecond "quoted" line',
      selectors: selectorsAt('First line, with a comma\nSecond "quoted" line', 'Intro. ', ' Outro', 7),
      note: '',
      tags: [],
      createdAt: T0 + 61_000,
      updatedAt: T0 + 61_000,
    },
    {
      id: '44444444-5555-4666-8777-888888888888',
      url: en.url,
      kind: 'highlight',
      color: 'blue',
      exact: 'Use *stars* and _underscores_, #hashtags, [[wiki]] and [links](x): $5 == $5 %%hidden%% ^block',
      selectors: [
        {
          type: 'TextQuoteSelector',
          exact: 'Use *stars* and _underscores_, #hashtags, [[wiki]] and [links](x): $5 == $5 %%hidden%% ^block',
        },
      ],
      note: '1. not a list\n- nor this\n# nor a heading\n> nor a quote',
      tags: ['machine learning', '2024', 'c++'],
      createdAt: T0 + 62_000,
      updatedAt: T0 + 90_000,
    },
    {
      id: '55555555-6666-4777-8888-999999999999',
      url: wiki.url,
      kind: 'highlight',
      color: 'pink',
      exact: 'Foo (bar) is a placeholder 😀 name.',
      selectors: selectorsAt('Foo (bar) is a placeholder 😀 name.', 'In computing, ', ' It is used', 14),
      note: 'Emoji 😀, virgule, "guillemets" et\r\nretour chariot.',
      tags: ['wiki/foo'],
      orphanedAt: T0 + 200_000,
      createdAt: T0 + 121_000,
      updatedAt: T0 + 121_000,
    },
  ];
  const settings: SettingRow[] = [{ key: 'colorNames', value: { yellow: 'Idée', purple: 'Citation « clé »' } }];
  return { articles, notes, settings };
}

// ---- Generated library (benchmark) --------------------------------------------------------

const FR_WORDS = (
  'le pouvoir est rien sans adhésion et pourtant la république démocratie liberté égalité fraternité ' +
  'l’État c’est moi une réflexion à chaud sur exercice du gouvernement où les élèves étudient ' +
  'français œuvre cœur été déjà très être naïf Noël forêt île maïs « disait-il » n’est qu’un'
).split(' ');
const EN_WORDS = (
  'the power of habit is nothing without consent and yet democracy freedom equality reading notes ' +
  'highlight quote passage attention memory knowledge writing thinking essay chapter “quoted” don’t it’s'
).split(' ');
const EMOJI = ['😀', '🤔', '📚', '✅', '🇫🇷'];
const TAGS = ['politique', 'histoire', 'à relire', 'citations', 'machine learning', 'essays', 'science', 'idées', 'todo', '2024'];
const COLORS: Color[] = ['yellow', 'green', 'blue', 'pink', 'purple'];

export interface GenerateOptions {
  articles?: number;
  notes?: number;
  seed?: number;
  /**
   * Give every article a clipped body, as the popup's *Clip article* saves it: about 25 kB of
   * text and 35 kB of HTML from the same word lists, with the clip fields (excerpt, counts,
   * clippedAt). Drawn from a PRNG of their own, so notes and metadata are the same either way.
   */
  bodies?: boolean;
}

/** Characters of text and of HTML in a generated clipped body (what Readability gives for a long read). */
const BODY_TEXT_CHARS = 25_000;

/** A clipped article's text and HTML: paragraphs under a heading now and then, some emphasis and links. */
function generateBody(words: readonly string[], seed: number, site: string): { html: string; text: string; words: number } {
  const rnd = prng(seed);
  const pick = () => words[Math.floor(rnd() * words.length)]!;
  const paragraphs: string[] = [];
  const html: string[] = [];
  let chars = 0;
  let count = 0;
  const sentence = (min: number, max: number, mark: boolean) => {
    const n = min + Math.floor(rnd() * (max - min));
    const plain: string[] = [];
    const marked: string[] = [];
    for (let i = 0; i < n; i++) {
      const w = pick();
      plain.push(w);
      const r = rnd();
      if (!mark || r > 0.085) marked.push(w);
      else if (r < 0.035) marked.push(`<a href="https://${site}/notes/${Math.floor(rnd() * 100_000)}/${encodeURIComponent(w)}">${w}</a>`);
      else if (r < 0.06) marked.push(`<em>${w}</em>`);
      else marked.push(`<strong>${w}</strong>`);
    }
    count += n;
    const cap = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`;
    return { plain: `${cap(plain.join(' '))}.`, marked: `${marked[0]!.startsWith('<') ? marked.join(' ') : cap(marked.join(' '))}.` };
  };
  while (chars < BODY_TEXT_CHARS) {
    if (paragraphs.length % 6 === 5) {
      const h = sentence(3, 8, false);
      paragraphs.push(h.plain);
      html.push(`<h2>${h.plain}</h2>`);
      chars += h.plain.length + 2;
      continue;
    }
    const plain: string[] = [];
    const marked: string[] = [];
    for (let s = 3 + Math.floor(rnd() * 5); s > 0; s--) {
      const { plain: p, marked: m } = sentence(6, 20, true);
      plain.push(p);
      marked.push(m);
    }
    const text = plain.join(' ');
    paragraphs.push(text);
    html.push(`<p>${marked.join(' ')}</p>`);
    chars += text.length + 2;
  }
  return { text: paragraphs.join('\n\n'), html: html.join('\n'), words: count };
}

/** A library of the given size, French and English alternating by article, same for a seed. */
export function generateLibrary(opts: GenerateOptions = {}): { articles: ArticleWithBody[]; notes: Note[] } {
  const articleCount = opts.articles ?? 2_000;
  const noteCount = opts.notes ?? 50_000;
  const rnd = prng(opts.seed ?? 42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const sentence = (words: readonly string[], min: number, max: number) => {
    const n = min + Math.floor(rnd() * (max - min));
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(pick(words));
    if (rnd() < 0.1) out.push(pick(EMOJI));
    const s = out.join(rnd() < 0.1 ? ', ' : ' ');
    return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
  };
  const articles: ArticleWithBody[] = [];
  for (let i = 0; i < articleCount; i++) {
    const french = i % 2 === 0;
    const words = french ? FR_WORDS : EN_WORDS;
    const t = T0 - (articleCount - i) * 3_600_000;
    const article: ArticleWithBody = {
      id: stableId(`article ${i}`),
      url: french ? `https://www.exemple.fr/articles/${i}/l-etat-c-est-moi` : `https://example.com/essays/${i}?ref=home`,
      title: sentence(words, 3, 10),
      byline: french ? 'Jeanne d’Arc-Dupont' : "Pat O'Brien",
      siteName: french ? 'Exemple' : 'Example',
      lang: french ? 'fr' : 'en',
      tags: rnd() < 0.3 ? [pick(TAGS)] : [],
      createdAt: t,
      updatedAt: t,
    };
    if (opts.bodies) {
      const body = generateBody(words, ((opts.seed ?? 42) * 100_003 + i) >>> 0, french ? 'www.exemple.fr' : 'example.com');
      Object.assign(article, {
        excerpt: body.text.slice(0, body.text.indexOf('.') + 1),
        html: body.html,
        text: body.text,
        wordCount: body.words,
        readingMinutes: Math.max(1, Math.ceil(body.words / 230)),
        clippedAt: t,
      });
    }
    articles.push(article);
  }
  const notes: Note[] = [];
  for (let i = 0; i < noteCount; i++) {
    const article = articles[i % articleCount]!;
    const words = article.lang === 'fr' ? FR_WORDS : EN_WORDS;
    const exact = sentence(words, 8, 40);
    const start = Math.floor(rnd() * 20_000);
    const note = rnd() < 0.4 ? sentence(words, 4, 30) + (rnd() < 0.2 ? `\n${sentence(words, 3, 10)}` : '') : '';
    const tags = rnd() < 0.5 ? [...new Set([pick(TAGS), pick(TAGS)])] : [];
    const t = article.createdAt + 60_000 + i;
    notes.push({
      id: stableId(`note ${i}`),
      url: article.url,
      kind: rnd() < 0.8 ? 'highlight' : 'quote',
      color: pick(COLORS),
      exact,
      selectors: selectorsAt(exact, sentence(words, 2, 6), sentence(words, 2, 6), start),
      note,
      tags,
      createdAt: t,
      updatedAt: t,
    });
  }
  return { articles, notes };
}
