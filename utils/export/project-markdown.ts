/**
 * A project's draft as Markdown (issue #17), for any editor that reads GitHub-flavoured Markdown
 * (Obsidian, iA Writer, Typora, Pandoc, GitHub): its title as `#`, the writer's headings as `##`,
 * quotes as blockquotes, a footnote per passage (`[^1]`, GFM footnotes) with its full citation,
 * and the bibliography last. Pure.
 *
 * ```md
 * # Conférence relation client
 *
 * ## Ouverture
 *
 * The writer's own text.
 *
 * > The passage, one paragraph per line
 * >
 * > — Albert Camus[^1]
 *
 * « A highlighted passage »[^2]
 *
 * [^1]: Albert Camus, cité par Martin, J. (2024). *Titre*. Le Monde. <https://…>
 * [^2]: …
 *
 * ## Bibliographie
 *
 * Martin, J. (2024). *Titre*. Le Monde. <https://…>
 * ```
 * Everything from notes and pages is escaped so it renders as written: no text can open a block,
 * a link, an image, HTML or a footnote of its own. Its web addresses are written as links that
 * show the address as it is, so that GFM's bare-URL links cannot run on into the footnote call
 * that follows a passage ending with one ("…https://example.com/x”[^2]" would link `x”[^2`).
 */
import { escapeInline, markdownDestination } from '../domain/citation';
import { projectDraft, type Draft, type ProjectExportInput, type Run } from './project-draft';

/** The project as Markdown (see {@link projectDraft} for what each board item becomes). */
export function projectToMarkdown(input: ProjectExportInput): string {
  return draftToMarkdown(projectDraft(input));
}

export function draftToMarkdown(draft: Draft): string {
  const out: string[] = [];
  if (draft.title) out.push(`# ${headingText(draft.title)}`);
  const call = (n: number | undefined) => (n ? `[^${n}]` : '');
  for (const block of draft.blocks) {
    switch (block.kind) {
      case 'heading':
        out.push(`## ${headingText(block.text)}`);
        break;
      case 'text':
        block.paragraphs.forEach((lines, i) => {
          const last = i === block.paragraphs.length - 1;
          out.push(lines.map(line).join('\n') + (last ? call(block.footnote) : ''));
        });
        break;
      case 'quote': {
        const lines = block.paragraphs.map((p) => `> ${line(p)}`);
        if (block.speaker) lines.push(`> — ${inline(block.speaker)}`);
        lines[lines.length - 1] += call(block.footnote);
        out.push(lines.join('\n>\n'));
        break;
      }
      case 'passage':
        out.push(`${line(`${draft.marks[0]}${block.text}${draft.marks[1]}`)}${call(block.footnote)}`);
        break;
    }
  }
  if (draft.footnotes.length) out.push(draft.footnotes.map((runs, i) => `[^${i + 1}]: ${escapeStart(runsToMarkdown(runs))}`).join('\n'));
  if (draft.bibliography.length) {
    out.push(`## ${headingText(draft.labels.bibliography)}`);
    for (const entry of draft.bibliography) out.push(escapeStart(runsToMarkdown(entry)));
  }
  return `${out.join('\n\n')}\n`;
}

/** A heading's text: escaped, and no `#` that could close it early. */
function headingText(text: string): string {
  return inline(text, (t) => escapeInline(t).replace(/#/gu, '\\#'));
}

/** An entry that starts a paragraph: nothing in it may read as a list item or a heading. */
function escapeStart(line: string): string {
  return /^(\d{1,9}[.)]|[#+=>-])/u.test(line) ? line.replace(/^(\d{1,9})?/u, (d) => (d ? `${d}\\` : '\\')) : line;
}

/** A web address in text, without the punctuation that ends a sentence or closes a quotation. */
const ADDRESS = /((?:https?:\/\/|www\.)[^\s<>]*[^\s<>.,;:!?)\]'"“”’»])/iu;

/** An address as a link that shows it as written: `<https://…>`, or `[www.…](http://www.…)`. */
function link(url: string): string {
  return /^www\./iu.test(url) ? `[${escapeInline(url)}](${markdownDestination(`http://${url}`)})` : `<${url}>`;
}

/** Text as inline Markdown that renders as written (see the module's comment). */
function inline(text: string, escape: (text: string) => string = escapeInline): string {
  return text
    .split(ADDRESS)
    .map((part, i) => (i % 2 === 1 ? link(part) : escape(part)))
    .join('');
}

/** A line of text that starts a paragraph or a line of one: no list item, heading, quote or rule. */
const line = (text: string) => escapeStart(inline(text));

/**
 * Runs as inline Markdown: italics `*…*`, bold `**…**` (small caps, superscript and subscript
 * have no Markdown: their text), URLs as autolinks, everything else escaped.
 */
export function runsToMarkdown(runs: readonly Run[]): string {
  return runs
    .map((run) => {
      const text = inline(run.text);
      const mark = run.bold && run.italic ? '***' : run.bold ? '**' : run.italic ? '*' : '';
      if (!mark || !text.trim()) return text;
      // Emphasis cannot open or close on a space: the spaces go outside it.
      const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/u.exec(text)!;
      return `${lead}${mark}${core}${mark}${trail}`;
    })
    .join('')
    .replace(/\s+/gu, ' ')
    .trim();
}
