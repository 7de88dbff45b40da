/**
 * A project (issue #17) as a draft, before any format: the writer's headings and text, each note
 * of the board as a passage with its footnote, the footnotes' full citations and one
 * bibliography, all in the chosen CSL style. project-markdown.ts, project-html.ts and
 * project-docx.ts write it out; the three say the same thing. Pure: no browser API, no DOM.
 *
 * What each board item becomes:
 * - a heading: a section heading; the writer's text: its paragraphs (blank lines part them);
 * - a quote (someone's words): a block quotation, its paragraphs as the passage has them, then
 *   "— Speaker" when the speaker is known; its footnote call closes it;
 * - a highlight (a passage the reader marked, not words put in someone's mouth): a run-in
 *   quotation, the passage in quotation marks (« » in French) as a paragraph of its own, with its
 *   footnote. Taken from a source, it is cited like a quote, never left to read as the writer's;
 * - a note on a page as a whole: its text as a paragraph, with a footnote to the page it is about;
 * - a note the board names but the library no longer has: left out.
 * The reader's own note on a passage stays out: it is a note to self, and the board's text items
 * are what the writer writes for their readers.
 *
 * Each passage gets its own footnote holding the full citation: a note style's note (Chicago
 * notes), else the source's full reference-list entry. A speaker who is not the source's author
 * comes first, "Albert Camus, cité par …" (the style's "quoted in"). The bibliography lists each
 * source once, sorted and disambiguated by the style. The draft is in the UI language: French
 * quotation marks and spacing around passages, and French typography in citations written in
 * French (a style may declare its own language: ISO 690 FR). The passages, speakers and the
 * writer's text are never altered. A passage checked against its source (Note.check) says so in its
 * footnote, with the day: the draft tells when its sources were last verified.
 */
import type { Article, Note, QuoteCheck } from '../domain/model';
import type { Project } from '../domain/project';
import type { CslItem } from '../domain/csl';
import { quoteLines } from '../domain/citation';
import { cslItemOf } from '../citation/item';
import { renderSources, type Locales } from '../citation/engine';
import { decodeEntities, isAuthor } from '../citation/cite';
import { quotedInTerm } from '../citation/catalog';
import { frenchTypography, isFrench } from '../citation/typography';
import { markedPassage, quoteMarks } from '../text/quote-marks';

/** A stretch of text in one format: what a citation is made of (citeproc-js's italics, small caps…). */
export interface Run {
  text: string;
  italic?: true;
  bold?: true;
  smallCaps?: true;
  sup?: true;
  sub?: true;
}

export type DraftBlock =
  | { kind: 'heading'; text: string }
  /** The writer's text, or a page note's: paragraphs, each with its lines. */
  | { kind: 'text'; paragraphs: string[][]; footnote?: number }
  | { kind: 'quote'; paragraphs: string[]; speaker?: string; footnote: number }
  | { kind: 'passage'; text: string; footnote: number };

export interface Draft {
  title: string;
  /** The draft's language (BCP 47). */
  lang: string;
  blocks: DraftBlock[];
  /** Footnote n is `footnotes[n - 1]`, in the order they are called. */
  footnotes: Run[][];
  /** The reference list, sorted by the style: one entry per source. */
  bibliography: Run[][];
  /** Quotation marks around a run-in passage: “ ” or « » with narrow no-break spaces. */
  marks: readonly [string, string];
  labels: DraftLabels;
}

export interface DraftLabels {
  /** The footnotes' heading where a format lists them (rich text): "Notes". */
  notes: string;
  /** The reference list's heading: "Bibliography". */
  bibliography: string;
  /** What a footnote says of a passage's last check against its source, on `date` (already formatted). */
  checked: (outcome: QuoteCheck['outcome'], date: string) => string;
}

const CHECKED_EN: Record<QuoteCheck['outcome'], string> = {
  same: 'Checked word for word against the source on $1.',
  reworded: 'Reworded on the source since (checked on $1).',
  gone: 'No longer found on the source (checked on $1).',
};

export interface ProjectExportInput {
  project: Pick<Project, 'name' | 'items'>;
  /** The project's notes by id. */
  notes: ReadonlyMap<string, Note>;
  /** The articles the notes are on, by the notes' `url`; a note without one is cited from what it kept. */
  articles: ReadonlyMap<string, Article>;
  /** The CSL style chosen: its id (ours or a user's) and its XML. */
  style: { id: string; xml: string };
  /** CSL locale files by tag; must hold `en-US`. */
  locales: Locales;
  /** The UI language (BCP 47): the draft is written in it. */
  lang: string;
  /** Headings and the check's words in the UI language; English by default. */
  labels?: Partial<DraftLabels>;
  /** IANA time zone for the dates of checks; default the runtime's. */
  timeZone?: string;
}

/** The project as a draft. Throws what citeproc-js throws for a style it cannot read. */
export function projectDraft(input: ProjectExportInput): Draft {
  const { project, notes, articles, style } = input;
  const french = isFrench(input.lang);
  const declared = /<style\b[^>]*\bdefault-locale="([^"]+)"/u.exec(style.xml)?.[1];
  const citeLang = declared ?? input.lang;

  const used = project.items.flatMap((item) => {
    if (item.kind !== 'note') return [];
    const note = notes.get(item.noteId);
    return note && hasContent(note) ? [note] : [];
  });
  const { items, itemOf } = sourcesOf(used, articles);
  const ids = used.map((note) => itemOf.get(note.id)!.id);
  const labels: DraftLabels = {
    notes: input.labels?.notes ?? 'Notes',
    bibliography: input.labels?.bibliography ?? 'Bibliography',
    checked: input.labels?.checked ?? ((outcome, date) => CHECKED_EN[outcome].replace('$1', date)),
  };
  const day = new Intl.DateTimeFormat(input.lang, { dateStyle: 'long', ...(input.timeZone ? { timeZone: input.timeZone } : {}) });
  const out = renderSources(items, ids, style.xml, input.locales, { lang: citeLang, format: 'html' });
  const typo = isFrench(citeLang) ? frenchTypography : (s: string) => s;
  const runs = (html: string) => runsOfHtml(html, typo);
  const entryOf = new Map(out.bibliography.map((b) => [b.id, runs(b.entry)]));
  const citations = new Map<string, Run[]>();
  const citationOf = (id: string, html: string) => citations.get(id) ?? citations.set(id, runs(html)).get(id)!;

  const footnotes: Run[][] = used.map((note, i) => {
    // A note style's note; else the source's full entry (the in-text form alone is not a reference).
    const citation = out.note || !entryOf.has(ids[i]!) ? citationOf(ids[i]!, out.citations[i]!) : entryOf.get(ids[i]!)!;
    // Written here, not passed to citeproc-js as a prefix: it would read markup in a speaker's name.
    const prefix = speakerPrefix(note, itemOf.get(note.id)!, style.id, citeLang);
    const check = note.kind !== 'page' && note.check ? [{ text: ` ${labels.checked(note.check.outcome, day.format(note.check.at))}` }] : [];
    return merge([...(prefix ? [{ text: prefix }] : []), ...citation, ...check]);
  });

  const blocks: DraftBlock[] = [];
  let n = 0;
  for (const item of project.items) {
    if (item.kind === 'heading') {
      const text = oneLine(item.text);
      if (text) blocks.push({ kind: 'heading', text });
    } else if (item.kind === 'text') {
      const paragraphs = paragraphsOf(item.text);
      if (paragraphs.length) blocks.push({ kind: 'text', paragraphs });
    } else {
      const note = notes.get(item.noteId);
      if (!note || !hasContent(note)) continue;
      const footnote = ++n;
      if (note.kind === 'page') blocks.push({ kind: 'text', paragraphs: paragraphsOf(note.note), footnote });
      else if (note.kind === 'quote') {
        const speaker = note.speaker ? oneLine(note.speaker) : '';
        blocks.push({ kind: 'quote', paragraphs: quoteLines(note.exact), ...(speaker ? { speaker } : {}), footnote });
      } else blocks.push({ kind: 'passage', text: markedPassage(quoteLines(note.exact).join(' '), french), footnote });
    }
  }

  return {
    title: oneLine(project.name),
    lang: input.lang,
    blocks,
    footnotes,
    bibliography: out.bibliography.map((b) => entryOf.get(b.id)!).filter((e) => e.length),
    marks: quoteMarks(french),
    labels,
  };
}

/** Whether a note gives the draft anything: a passage, or a page note's text. */
function hasContent(note: Note): boolean {
  return note.kind === 'page' ? note.note.trim() !== '' : quoteLines(note.exact).length > 0;
}

/**
 * One CSL item per source: the notes on one page share it (the first note that kept an
 * attribution describes it, accessed when the reader first saved something of it), and two
 * addresses of one article (its id) are one source.
 */
function sourcesOf(notes: readonly Note[], articles: ReadonlyMap<string, Article>): { items: CslItem[]; itemOf: Map<string, CslItem> } {
  const byUrl = new Map<string, Note[]>();
  for (const note of notes) byUrl.set(note.url, [...(byUrl.get(note.url) ?? []), note]);
  const byId = new Map<string, CslItem>();
  const itemOf = new Map<string, CslItem>();
  for (const [url, list] of byUrl) {
    const article = articles.get(url);
    const cited = list.find((n) => n.attribution) ?? list[0]!;
    const accessed = Math.min(article?.createdAt ?? Infinity, ...list.map((n) => n.createdAt));
    const made = cslItemOf(cited, article, accessed);
    const item = byId.get(made.id) ?? made;
    byId.set(item.id, item);
    for (const note of list) itemOf.set(note.id, item);
  }
  return { items: [...byId.values()], itemOf };
}

/** "Albert Camus, quoted in " when the words are someone else's than the source's author. */
function speakerPrefix(note: Note, item: CslItem, styleId: string, lang: string): string | undefined {
  const speaker = note.kind === 'quote' ? note.speaker?.trim() : undefined;
  if (!speaker || isAuthor(speaker, item.author)) return undefined;
  return `${oneLine(speaker)}, ${quotedInTerm(styleId, lang)} `;
}

/** Paragraphs of a text (blank lines part them), each a list of its lines, trimmed. */
function paragraphsOf(text: string): string[][] {
  return text
    .split(/(?:\r\n|[\n\r\u2028\u2029])\s*(?:\r\n|[\n\r\u2028\u2029])/u)
    .map((p) =>
      p
        .split(/\r\n|[\n\r\u2028\u2029]/u)
        .map((line) => line.replace(/\s+/gu, ' ').trim())
        .filter(Boolean),
    )
    .filter((lines) => lines.length);
}

const oneLine = (text: string) => text.replace(/\s+/gu, ' ').trim();

type Format = Omit<Run, 'text'>;

/**
 * citeproc-js's HTML as runs of text: italics, bold, small caps, superscript and subscript kept,
 * every other tag dropped (its text kept), entities decoded. Nothing of it is ever HTML again
 * unescaped: each format writes the runs' text escaped its own way.
 */
export function runsOfHtml(html: string, typo: (text: string) => string = (s) => s): Run[] {
  const runs: Run[] = [];
  const stack: Array<{ tag: string; format: Format }> = [];
  let format: Format = {};
  for (const token of html.split(/(<[^>]*>)/u)) {
    if (!token) continue;
    const tag = /^<(\/?)([a-z0-9]+)\b([^>]*)>$/iu.exec(token);
    if (!tag) {
      const text = typo(decodeEntities(token.replace(/</gu, '')));
      if (text) runs.push({ text, ...format });
      continue;
    }
    const [, closing, rawName, attrs] = tag;
    const name = rawName!.toLowerCase();
    if (closing) {
      const at = stack.map((s) => s.tag).lastIndexOf(name);
      if (at >= 0) stack.length = at;
      format = stack.reduce<Format>((f, s) => ({ ...f, ...s.format }), {});
      for (const key of Object.keys(format) as Array<keyof Format>) if (format[key] === undefined) delete format[key];
      continue;
    }
    const change = formatOf(name, attrs ?? '');
    if (!change || /\/\s*$/u.test(token)) continue;
    stack.push({ tag: name, format: change });
    format = { ...format, ...change };
    for (const key of Object.keys(format) as Array<keyof Format>) if (format[key] === undefined) delete format[key];
  }
  return merge(runs);
}

/** What an opening tag changes: undefined for a tag that changes nothing. */
function formatOf(name: string, attrs: string): Format | undefined {
  switch (name) {
    case 'i':
    case 'em':
      return { italic: true };
    case 'b':
    case 'strong':
      return { bold: true };
    case 'sup':
      return { sup: true };
    case 'sub':
      return { sub: true };
    case 'span': {
      const style = /\bstyle\s*=\s*"([^"]*)"/iu.exec(attrs)?.[1] ?? '';
      const f: Partial<Record<keyof Format, true | undefined>> = {};
      if (/font-variant\s*:\s*small-caps/iu.test(style)) f.smallCaps = true;
      if (/font-style\s*:\s*italic/iu.test(style)) f.italic = true;
      if (/font-style\s*:\s*normal/iu.test(style)) f.italic = undefined;
      if (/font-weight\s*:\s*bold/iu.test(style)) f.bold = true;
      if (/font-weight\s*:\s*normal/iu.test(style)) f.bold = undefined;
      if (/font-variant\s*:\s*normal/iu.test(style)) f.smallCaps = undefined;
      return f as Format;
    }
    default:
      return undefined;
  }
}

/** Adjacent runs in one format as one. */
function merge(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const run of runs) {
    const last = out[out.length - 1];
    if (last && sameFormat(last, run)) last.text += run.text;
    else out.push({ ...run });
  }
  return out;
}

const KEYS = ['italic', 'bold', 'smallCaps', 'sup', 'sub'] as const;
const sameFormat = (a: Run, b: Run) => KEYS.every((k) => a[k] === b[k]);

/** The runs' text alone. */
export const plainOf = (runs: readonly Run[]): string => runs.map((r) => r.text).join('');
