/**
 * A long generated article (about 1 MB of French and English text) in two versions, for the
 * anchoring benchmark and the performance test. Deterministic for a given seed.
 *
 * Each highlight is wrapped in `<span data-h="ID">` in both versions (an inline element: the
 * text is unchanged), so a check knows where it must land. Between the versions:
 * - paragraphs are inserted (at the top and throughout), so every position moves;
 * - some paragraphs are re-wrapped with line breaks, some lose their curly apostrophes;
 * - some highlights get one word changed (they must anchor, fuzzily, on the edited text);
 * - the paragraphs holding the orphans are deleted (they must anchor nowhere).
 */
import { describe } from '../../utils/anchoring';
import type { Note } from '../../utils/domain/model';
import { load } from './dom';
import { prng } from './prng';

export interface LongPageHighlight {
  id: number;
  /** `orphan`: its paragraph is gone; `fuzzy`: one word changed; `exact`: same text. */
  expect: 'exact' | 'fuzzy' | 'orphan';
}

export interface LongPage {
  before: string;
  after: string;
  highlights: LongPageHighlight[];
  /** Characters of paragraph text in `before`. */
  textLength: number;
}

export interface LongPageOptions {
  seed?: number;
  /** Characters of paragraph text to generate, about. */
  size?: number;
  highlights?: number;
  orphans?: number;
  /** Share of kept highlights with one word changed. */
  edited?: number;
}


const FR = (
  'la relation client marque confiance expérience fidélité émotion vérité service promesse valeur ' +
  'parcours entreprise conseiller magasin produit achat image réputation écoute attention respect ' +
  'données stratégie communication réseau message campagne contenu histoire récit public lecteur ' +
  'consommateur collaborateur équipe manager dirigeant culture engagement sens mission projet ' +
  'innovation transformation numérique digital mobile application site plateforme interaction ' +
  'personnalisation recommandation satisfaction réclamation qualité prix offre usage besoin désir ' +
  'plaisir surprise reconnaissance gratitude humilité sincérité transparence cohérence preuve ' +
  'toujours souvent parfois jamais vraiment simplement rapidement durablement profondément ' +
  'construire créer partager écouter comprendre proposer changer accompagner mesurer réussir ' +
  'grand petit nouveau vrai juste fort simple humain personnel collectif essentiel quotidien'
).split(' ');
const FR_GLUE = 'de la le les des du et à en pour dans sur avec sans par qui que une un ce cette son leur nos vos est sont fait'.split(' ');
const FR_ELIDED = ['l’', 'd’', 'qu’', 'n’', 'c’est ', 's’'];
const FR_VOWEL = 'expérience émotion entreprise écoute attention image équipe engagement innovation interaction offre usage humilité histoire achat application'.split(' ');
const EN = (
  'customer brand trust experience loyalty emotion truth service promise value journey company ' +
  'adviser store product purchase image reputation attention respect data strategy message campaign ' +
  'content story reader audience employee team leader culture purpose mission project innovation ' +
  'digital mobile platform interaction recommendation satisfaction complaint quality price offer need ' +
  'desire pleasure surprise gratitude humility honesty transparency consistency evidence always often ' +
  'sometimes never really simply quickly deeply build create share listen understand change measure ' +
  'succeed great small new true fair strong simple human personal everyday essential'
).split(' ');
const EN_GLUE = 'the a of and to in for with without by that which is are was its their our your it this'.split(' ');
/** Phrases repeated across the page, so short quotes are ambiguous. */
const STOCK = [
  'la relation client', 'l’expérience client', 'la confiance', 'c’est-à-dire', 'au fond', 'en réalité',
  'the customer experience', 'in other words', 'at the end of the day', 'the brand',
];

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function buildLongPage(options: LongPageOptions = {}): LongPage {
  const { seed = 42, size = 1_000_000, highlights: nHighlights = 200, orphans: nOrphans = 20, edited = 0.1 } = options;
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

  function sentence(french: boolean): string {
    const words: string[] = [];
    const n = int(8, 26);
    for (let i = 0; i < n; i++) {
      const r = rand();
      if (r < 0.06) words.push(pick(STOCK));
      else if (french && r < 0.12) words.push(pick(FR_ELIDED) + pick(FR_VOWEL));
      else if (r < 0.45) words.push(french ? pick(FR_GLUE) : pick(EN_GLUE));
      else words.push(french ? pick(FR) : pick(EN));
      if (i > 2 && i < n - 2 && rand() < 0.08) words[words.length - 1] += ',';
    }
    let s = words.join(' ').replace(/’ /g, '’');
    s = s[0]!.toUpperCase() + s.slice(1);
    const end = rand();
    // French typography: a no-break space before ? ! and :
    if (end < 0.8) return s + '.';
    if (end < 0.9) return s + (french ? '\u00a0?' : '?');
    return s + (french ? '\u00a0!' : '!');
  }

  interface Para {
    text: string;
    /** The highlight inside, as `[start, end)` in `text`. */
    hl?: { id: number; start: number; end: number };
    kind: 'p' | 'h2' | 'blockquote' | 'li';
  }
  const paras: Para[] = [];
  const total = nHighlights + nOrphans;
  let length = 0;
  let bodies = 0;
  // At least `size` characters, and enough paragraphs to hold one highlight each with room to spare.
  while (length < size || bodies < 2 * total) {
    const french = rand() < 0.7;
    const r = rand();
    const kind: Para['kind'] = r < 0.06 ? 'h2' : r < 0.1 ? 'blockquote' : r < 0.16 ? 'li' : 'p';
    const text =
      kind === 'h2'
        ? sentence(french).replace(/[.?!]$/, '').replace(/\u00a0$/, '')
        : Array.from({ length: int(2, 7) }, () => sentence(french)).join(' ');
    paras.push({ text, kind });
    length += text.length;
    if (kind !== 'h2') bodies++;
  }

  // Highlights: one per chosen paragraph, a run of whole words.
  const chosen = new Set<number>();
  while (chosen.size < total) {
    const i = int(0, paras.length - 1);
    if (paras[i]!.kind !== 'h2') chosen.add(i);
  }
  const order = [...chosen].sort((a, b) => a - b);
  const highlights: LongPageHighlight[] = [];
  const orphanIds = new Set<number>();
  // Orphans spread evenly over the page.
  for (let k = 0; k < nOrphans; k++) orphanIds.add(Math.floor(((k + 0.5) * total) / nOrphans));
  const editedIds = new Set<number>();
  order.forEach((pi, id) => {
    const p = paras[pi]!;
    const words = [...p.text.matchAll(/\S+/g)];
    const r = rand();
    const n = Math.min(words.length, r < 0.3 ? int(2, 5) : r < 0.8 ? int(6, 25) : int(26, 70));
    const first = int(0, words.length - n);
    const a = words[first]!;
    const b = words[first + n - 1]!;
    p.hl = { id, start: a.index!, end: b.index! + b[0].length };
    const expect = orphanIds.has(id) ? 'orphan' : n >= 6 && rand() < edited ? 'fuzzy' : 'exact';
    if (expect === 'fuzzy') editedIds.add(id);
    highlights.push({ id, expect });
  });

  /** One word inside the highlight replaced by another of the same language list. */
  function edit(p: Para): Para {
    const hl = p.hl!;
    const inner = p.text.slice(hl.start, hl.end);
    const words = [...inner.matchAll(/[\p{L}]{4,}/gu)];
    const w = words[Math.floor(words.length / 2)] ?? words[0];
    if (!w) return p;
    const replacement = w[0] === 'nouveau' ? 'ancien' : 'nouveau';
    const text = inner.slice(0, w.index!) + replacement + inner.slice(w.index! + w[0].length);
    const delta = text.length - inner.length;
    return { ...p, text: p.text.slice(0, hl.start) + text + p.text.slice(hl.end), hl: { ...hl, end: hl.end + delta } };
  }

  function render(p: Para, wrap: (s: string) => string = (s) => s): string {
    let inner: string;
    if (p.hl) {
      const { id, start, end } = p.hl;
      const mid = p.text.slice(start, end);
      // Some highlights cross an inline element.
      const sp = mid.indexOf(' ');
      const midHtml =
        id % 3 === 0 && sp > 0
          ? `<strong>${escapeHtml(mid.slice(0, sp))}</strong>${wrap(escapeHtml(mid.slice(sp)))}`
          : wrap(escapeHtml(mid));
      inner = `${wrap(escapeHtml(p.text.slice(0, start)))}<span data-h="${id}">${midHtml}</span>${wrap(escapeHtml(p.text.slice(end)))}`;
    } else {
      inner = wrap(escapeHtml(p.text)).replace(/ (\S+) /, ' <em>$1</em> ');
    }
    if (p.kind === 'blockquote') return `<blockquote><p>${inner}</p></blockquote>`;
    if (p.kind === 'li') return `<ul><li>${inner}</li></ul>`;
    return `<${p.kind}>${inner}</${p.kind}>`;
  }

  const page = (body: string[]) =>
    `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Un long article</title>` +
    `<style>body{font-family:serif}</style></head><body>` +
    `<header><nav><a href="/">Accueil</a> <a href="/blog">Blog</a></nav></header>` +
    `<main><article><h1>Un très long article sur la relation client</h1>\n${body.join('\n')}\n</article></main>` +
    `<aside><h3>À lire aussi</h3><ul><li><a href="/a">La confiance, toujours</a></li></ul></aside>` +
    `<script>window.dataLayer = [];</script><footer>© Exemple</footer></body></html>`;

  const before = page(paras.map((p) => render(p)));

  const afterParas: string[] = [];
  const reflow = (s: string) => s.replace(/ /g, (m) => (rand() < 0.1 ? '\n      ' : m));
  const plain = (s: string) => s;
  for (let k = 0; k < 3; k++) afterParas.push(render({ text: sentence(true) + ' ' + sentence(true), kind: 'p' }));
  for (const p of paras) {
    if (p.hl && orphanIds.has(p.hl.id)) continue;
    if (rand() < 0.02) afterParas.push(render({ text: sentence(rand() < 0.7), kind: 'p' }));
    let q = p.hl && editedIds.has(p.hl.id) ? edit(p) : p;
    if (rand() < 0.05) q = { ...q, text: q.text.replace(/’/g, "'") };
    afterParas.push(render(q, rand() < 0.1 ? reflow : plain));
  }
  const after = page(afterParas);
  return { before, after, highlights, textLength: length };
}

/**
 * The highlights of `html` (a long page's `before`: the page as first seen) as saved notes on
 * `url`, each described as the page script describes a selection, one per `data-h` span, in the
 * page's order: what a benchmark puts in the extension's database before serving `after`.
 */
export function notesOnLongPage(html: string, url: string): Note[] {
  const { doc, close } = load('happy-dom', html, url);
  try {
    const now = Date.now();
    return [...doc.querySelectorAll('[data-h]')].map((span, i) => {
      const range = doc.createRange();
      range.selectNodeContents(span);
      return {
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        url,
        kind: 'highlight',
        color: 'yellow',
        exact: range.toString(),
        selectors: describe(doc.body, range),
        note: '',
        tags: [],
        createdAt: now,
        updatedAt: now,
      };
    });
  } finally {
    close();
  }
}
