/**
 * A project's draft as rich text for the clipboard (issue #17): self-contained HTML that a word
 * processor (Word, LibreOffice, Google Docs, Pages) or a mail keeps the structure of when pasted,
 * and the same draft as plain text for where rich text is not taken. Pure.
 *
 * The HTML holds only elements and attributes written here: headings, paragraphs, blockquotes,
 * `<sup>` footnote calls, an ordered list of notes (item n is note n), the bibliography's
 * paragraphs (hanging indent), and from citations only `<i>`, `<b>`, `<sup>`, `<sub>` and small
 * caps. No script, link, image, class or stylesheet; inline styles are our own constants (a pasted
 * fragment keeps no stylesheet). Every text from notes, pages and citations is escaped.
 */
import { projectDraft, plainOf, type Draft, type ProjectExportInput, type Run } from './project-draft';

export interface RichText {
  /** `text/html`: a complete document, UTF-8. */
  html: string;
  /** `text/plain`: the same draft, for editors that take no rich text. */
  text: string;
}

/** The project as rich text (see {@link projectDraft} for what each board item becomes). */
export function projectToRichText(input: ProjectExportInput): RichText {
  const draft = projectDraft(input);
  return { html: draftToHtml(draft), text: draftToText(draft) };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text or attribute value: nothing in it is markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (c) => ESCAPES[c]!);
}

const QUOTE_STYLE = 'margin:0 0 1em 2em;padding-left:1em;border-left:3px solid #ccc';
const ENTRY_STYLE = 'margin:0 0 0.5em 0;padding-left:2em;text-indent:-2em';

export function draftToHtml(draft: Draft): string {
  const out: string[] = [];
  const call = (n: number | undefined) => (n ? `<sup>${n}</sup>` : '');
  const lines = (list: readonly string[]) => list.map(escapeHtml).join('<br>');
  if (draft.title) out.push(`<h1>${escapeHtml(draft.title)}</h1>`);
  for (const block of draft.blocks) {
    switch (block.kind) {
      case 'heading':
        out.push(`<h2>${escapeHtml(block.text)}</h2>`);
        break;
      case 'text':
        block.paragraphs.forEach((p, i) => out.push(`<p>${lines(p)}${i === block.paragraphs.length - 1 ? call(block.footnote) : ''}</p>`));
        break;
      case 'quote': {
        const paragraphs = block.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`);
        if (block.speaker) paragraphs.push(`<p>— ${escapeHtml(block.speaker)}</p>`);
        paragraphs[paragraphs.length - 1] = paragraphs[paragraphs.length - 1]!.replace(/<\/p>$/u, `${call(block.footnote)}</p>`);
        out.push(`<blockquote style="${QUOTE_STYLE}">${paragraphs.join('')}</blockquote>`);
        break;
      }
      case 'passage':
        out.push(`<p>${escapeHtml(`${draft.marks[0]}${block.text}${draft.marks[1]}`)}${call(block.footnote)}</p>`);
        break;
    }
  }
  if (draft.footnotes.length) {
    out.push('<hr>', `<h2>${escapeHtml(draft.labels.notes)}</h2>`);
    out.push(`<ol>${draft.footnotes.map((runs) => `<li>${runsToHtml(runs)}</li>`).join('')}</ol>`);
  }
  if (draft.bibliography.length) {
    out.push(`<h2>${escapeHtml(draft.labels.bibliography)}</h2>`);
    for (const entry of draft.bibliography) out.push(`<p style="${ENTRY_STYLE}">${runsToHtml(entry)}</p>`);
  }
  const lang = escapeHtml(draft.lang);
  return `<!DOCTYPE html>\n<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(draft.title)}</title></head><body>\n${out.join('\n')}\n</body></html>\n`;
}

/** Runs as HTML: their text escaped, inside our own formatting elements only. */
export function runsToHtml(runs: readonly Run[]): string {
  return runs
    .map((run) => {
      let html = escapeHtml(run.text);
      if (run.smallCaps) html = `<span style="font-variant:small-caps">${html}</span>`;
      if (run.italic) html = `<i>${html}</i>`;
      if (run.bold) html = `<b>${html}</b>`;
      if (run.sup) html = `<sup>${html}</sup>`;
      if (run.sub) html = `<sub>${html}</sub>`;
      return html;
    })
    .join('');
}

/**
 * The draft as plain text: the title and headings on their own lines, passages in quotation
 * marks, footnote calls as `[1]`, then the notes numbered and the bibliography.
 */
export function draftToText(draft: Draft): string {
  const out: string[] = [];
  const call = (n: number | undefined) => (n ? ` [${n}]` : '');
  const [open, close] = draft.marks;
  if (draft.title) out.push(draft.title);
  for (const block of draft.blocks) {
    switch (block.kind) {
      case 'heading':
        out.push(block.text);
        break;
      case 'text':
        block.paragraphs.forEach((p, i) => out.push(p.join('\n') + (i === block.paragraphs.length - 1 ? call(block.footnote) : '')));
        break;
      case 'quote': {
        const text = block.paragraphs.map((p, i) => `${i === 0 ? open : ''}${p}${i === block.paragraphs.length - 1 ? close : ''}`).join('\n\n');
        out.push(block.speaker ? `${text}\n— ${block.speaker}${call(block.footnote)}` : `${text}${call(block.footnote)}`);
        break;
      }
      case 'passage':
        out.push(`${open}${block.text}${close}${call(block.footnote)}`);
        break;
    }
  }
  if (draft.footnotes.length) out.push(`${draft.labels.notes}\n${draft.footnotes.map((runs, i) => `${i + 1}. ${plainOf(runs)}`).join('\n')}`);
  if (draft.bibliography.length) out.push(`${draft.labels.bibliography}\n${draft.bibliography.map(plainOf).join('\n')}`);
  return `${out.join('\n\n')}\n`;
}
