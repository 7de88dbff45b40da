/**
 * Projects for the project export's tests and benchmark (issue #17): `sampleProject()`, a small
 * hand-written board (quotes from two sources, a highlight, a page note, the writer's headings and
 * text, hostile text in every field a page or a reader fills), and `generatedProject(n)`, a board
 * of n notes from the generated library.
 */
import type { Article, Note } from '../../utils/domain/model';
import type { Project, ProjectItem } from '../../utils/domain/project';
import type { ProjectExportInput } from '../../utils/export/project-draft';
import { LOCALE_XML, STYLE_XML } from '../../utils/citation/styles';
import type { StyleId } from '../../utils/citation/catalog';
import { generateLibrary, highlight, selectorsAt } from './library';

const T0 = Date.UTC(2026, 10, 20, 9, 0, 0);

export const CAMUS_ARTICLE: Article = {
  id: 'art-fr',
  url: 'https://www.exemple.fr/idees/la-revolte',
  title: 'La révolte, « aujourd’hui »',
  byline: 'Jeanne Martin',
  siteName: 'Le Quotidien',
  publishedTime: '2024-03-05',
  lang: 'fr',
  tags: [],
  createdAt: T0,
  updatedAt: T0,
};

export const TRUST_ARTICLE: Article = {
  id: 'art-en',
  url: 'https://blog.example.com/trust',
  title: 'Why Customers Stay',
  byline: 'Jane Doe',
  siteName: 'Example Blog',
  publishedTime: '2024-01-15',
  lang: 'en',
  tags: [],
  createdAt: T0 + 1_000,
  updatedAt: T0 + 1_000,
};

/** Text a hostile page could put in a passage: HTML, Markdown blocks, a footnote of its own. */
export const HOSTILE = '<img src=x onerror=alert(1)> **bold** [^9] [link](javascript:alert(1)) & &amp; \u0001';

export function sampleNotes(): Note[] {
  const camus = 'Je me révolte, donc nous sommes.';
  return [
    highlight({ id: 'q-camus', url: CAMUS_ARTICLE.url, exact: camus, kind: 'quote', speaker: 'Albert Camus', selectors: selectorsAt(camus, 'écrivait : ', ' Et', 10), createdAt: T0 + 10_000 }),
    highlight({ id: 'q-doe', url: TRUST_ARTICLE.url, exact: 'Trust is built in drops\nand lost in buckets.', kind: 'quote', speaker: 'Jane Doe', createdAt: T0 + 20_000 }),
    highlight({ id: 'h-doe', url: TRUST_ARTICLE.url, exact: 'Customers stay where they are heard.', createdAt: T0 + 30_000 }),
    highlight({ id: 'p-fr', url: CAMUS_ARTICLE.url, exact: '', kind: 'page', selectors: [], note: 'Tout l’article vaut le détour.', createdAt: T0 + 40_000 }),
    highlight({ id: 'q-hostile', url: TRUST_ARTICLE.url, exact: `# Not a heading\n> ${HOSTILE}`, kind: 'quote', speaker: `<b>Eve</b> [^1]`, createdAt: T0 + 50_000 }),
  ];
}

export function sampleItems(): ProjectItem[] {
  return [
    { kind: 'heading', id: 'i1', text: 'Ouverture #1' },
    { kind: 'text', id: 'i2', text: 'My own words, *as written*.\n\nA second paragraph.' },
    { kind: 'note', id: 'i3', noteId: 'q-camus' },
    { kind: 'note', id: 'i4', noteId: 'q-doe' },
    { kind: 'heading', id: 'i5', text: 'Suite' },
    { kind: 'note', id: 'i6', noteId: 'h-doe' },
    { kind: 'note', id: 'i7', noteId: 'gone' },
    { kind: 'note', id: 'i8', noteId: 'p-fr' },
    { kind: 'note', id: 'i9', noteId: 'q-hostile' },
  ];
}

export function sampleProjectRecord(items = sampleItems()): Project {
  return { id: 'proj-1', name: 'Conférence relation client', items, noteIds: items.flatMap((i) => (i.kind === 'note' ? [i.noteId] : [])), createdAt: T0, updatedAt: T0 };
}

/** The sample board's export input in a style and a language. */
export function sampleProject(styleId: StyleId = 'apa', lang = 'en'): ProjectExportInput {
  const notes = sampleNotes();
  return {
    project: sampleProjectRecord(),
    notes: new Map(notes.map((n) => [n.id, n])),
    articles: new Map([CAMUS_ARTICLE, TRUST_ARTICLE].map((a) => [a.url, a])),
    style: { id: styleId, xml: STYLE_XML[styleId] },
    locales: LOCALE_XML,
    lang,
  };
}

/**
 * A board of `n` notes from the generated library (quotes and highlights from n / 10 articles),
 * a heading before every tenth note and a paragraph of the writer's after every fifth.
 */
export function generatedProject(n: number, styleId: StyleId = 'chicago-notes', lang = 'fr'): ProjectExportInput {
  const { articles, notes } = generateLibrary({ articles: Math.max(1, Math.ceil(n / 10)), notes: n, seed: 17 });
  const items: ProjectItem[] = [];
  notes.forEach((note, i) => {
    if (i % 10 === 0) items.push({ kind: 'heading', id: `h${i}`, text: `Partie ${i / 10 + 1}` });
    items.push({ kind: 'note', id: `n${i}`, noteId: note.id });
    if (i % 5 === 4) items.push({ kind: 'text', id: `t${i}`, text: 'Ce que ces passages disent ensemble : une transition, écrite par l’auteur du projet.' });
  });
  return {
    project: { name: `Projet de ${n} notes`, items },
    notes: new Map(notes.map((note) => [note.id, note])),
    articles: new Map(articles.map((a) => [a.url, a])),
    style: { id: styleId, xml: STYLE_XML[styleId] },
    locales: LOCALE_XML,
    lang,
  };
}
