/**
 * A project's draft as a Word document (issue #17), with `docx` (dolanmiu/docx): the title and
 * the writer's headings as Word headings, their text as paragraphs, quotes in Word's "Quote"
 * paragraph style (indented), a real Word footnote per passage holding its full citation, and the
 * bibliography with hanging indents. Opens in Word, LibreOffice, Pages and Google Docs. Pure, and
 * heavy: what exports a DOCX imports this module with `import()`, so nothing else loads `docx`.
 */
import { Document, FootnoteReferenceRun, HeadingLevel, Packer, Paragraph, TextRun, type ParagraphChild } from 'docx';
import { projectDraft, type Draft, type ProjectExportInput, type Run } from './project-draft';

/** The project as a .docx file (see {@link projectDraft} for what each board item becomes). */
export function projectToDocx(input: ProjectExportInput): Promise<Uint8Array> {
  return draftToDocx(projectDraft(input));
}

/** Word's built-in paragraph style for a block quotation, defined so every reader shows it indented. */
const QUOTE_STYLE = 'Quote';
/** Half an inch, in twentieths of a point. */
const INDENT = 720;

export async function draftToDocx(draft: Draft): Promise<Uint8Array> {
  const body: Paragraph[] = [];
  const call = (n: number | undefined): ParagraphChild[] => (n ? [new FootnoteReferenceRun(n)] : []);
  const text = (t: string) => new TextRun(xmlText(t));
  if (draft.title) body.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [text(draft.title)] }));
  for (const block of draft.blocks) {
    switch (block.kind) {
      case 'heading':
        body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [text(block.text)] }));
        break;
      case 'text':
        block.paragraphs.forEach((lines, i) => {
          const runs = lines.map((line, j) => new TextRun({ text: xmlText(line), ...(j > 0 ? { break: 1 } : {}) }));
          body.push(new Paragraph({ children: [...runs, ...(i === block.paragraphs.length - 1 ? call(block.footnote) : [])] }));
        });
        break;
      case 'quote': {
        const paragraphs = block.paragraphs.map((p) => [text(p)] as ParagraphChild[]);
        if (block.speaker) paragraphs.push([text(`— ${block.speaker}`)]);
        paragraphs[paragraphs.length - 1]!.push(...call(block.footnote));
        for (const children of paragraphs) body.push(new Paragraph({ style: QUOTE_STYLE, children }));
        break;
      }
      case 'passage':
        body.push(new Paragraph({ children: [text(`${draft.marks[0]}${block.text}${draft.marks[1]}`), ...call(block.footnote)] }));
        break;
    }
  }
  if (draft.bibliography.length) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [text(draft.labels.bibliography)] }));
    for (const entry of draft.bibliography) body.push(new Paragraph({ indent: { left: INDENT, hanging: INDENT }, children: textRuns(entry) }));
  }

  const footnotes = Object.fromEntries(draft.footnotes.map((runs, i) => [String(i + 1), { children: [new Paragraph({ children: textRuns(runs) })] }]));
  const doc = new Document({
    title: xmlText(draft.title),
    creator: 'Verbatim',
    styles: {
      paragraphStyles: [
        {
          id: QUOTE_STYLE,
          name: 'Quote',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { italics: true },
          paragraph: { indent: { left: INDENT, right: INDENT }, spacing: { after: 120 } },
        },
      ],
    },
    footnotes,
    sections: [{ children: body }],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}

/** Citation runs as Word runs, each with its italics, bold, small caps, superscript or subscript. */
function textRuns(runs: readonly Run[]): TextRun[] {
  return runs.map(
    (run) =>
      new TextRun({
        text: xmlText(run.text),
        ...(run.italic ? { italics: true } : {}),
        ...(run.bold ? { bold: true } : {}),
        ...(run.smallCaps ? { smallCaps: true } : {}),
        ...(run.sup ? { superScript: true } : {}),
        ...(run.sub ? { subScript: true } : {}),
      }),
  );
}

/**
 * Text that XML 1.0 can hold: control characters (but tab and line breaks), U+FFFE, U+FFFF and
 * lone surrogates make a document Word refuses to open; they become U+FFFD.
 */
export function xmlText(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu, '\uFFFD');
}
