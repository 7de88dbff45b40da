/**
 * Project export benchmark (issue #17): a board of 200 notes (quotes and highlights from 20
 * articles, French and English, a heading before every tenth note and a paragraph of the writer's
 * after every fifth) exported as a draft to Markdown, rich text (HTML and plain text, what the
 * clipboard gets) and DOCX, each from the records to the finished output (the citations included),
 * as the side panel does, in Node. Prints the first run (a new citation engine for the style) and
 * the median and p95 of the runs after it.
 *
 *   node bench/run.mjs project-export [--notes=200] [--runs=30]
 */
import type { StyleId } from '../utils/citation/catalog';
import { projectDraft } from '../utils/export/project-draft';
import { draftToMarkdown } from '../utils/export/project-markdown';
import { draftToHtml, draftToText } from '../utils/export/project-html';
import { draftToDocx } from '../utils/export/project-docx';
import { generatedProject } from '../tests/support/project';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;
const kb = (bytes: number) => `${Math.round(bytes / 102.4) / 10} kB`;
const ms = (x: number) => x.toFixed(0);

export async function main(args: string[] = []): Promise<string> {
  const flag = (name: string, fallback: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
  const notes = flag('notes', 200);
  const runs = flag('runs', 30);
  const rows: string[] = [];
  const cases: Array<[StyleId, string]> = [
    ['chicago-notes', 'fr'],
    ['apa', 'en'],
  ];
  for (const [style, lang] of cases) {
    const input = generatedProject(notes, style, lang);
    const formats: Array<[string, () => Promise<number>]> = [
      ['Markdown', async () => new TextEncoder().encode(draftToMarkdown(projectDraft(input))).length],
      [
        'Rich text (HTML + plain)',
        async () => {
          const draft = projectDraft(input);
          return new TextEncoder().encode(draftToHtml(draft) + draftToText(draft)).length;
        },
      ],
      ['DOCX', async () => (await draftToDocx(projectDraft(input))).length],
    ];
    for (const [format, run] of formats) {
      const times: number[] = [];
      let size = 0;
      for (let i = 0; i <= runs; i++) {
        const start = performance.now();
        size = await run();
        times.push(performance.now() - start);
      }
      const [first, ...rest] = times;
      rows.push(`| ${format} | ${style}, ${lang} | ${ms(first!)} | ${ms(median(rest))} | ${ms(p95(rest))} | ${kb(size)} |`);
    }
  }
  return [
    `Export of a ${notes}-note project, ${runs} runs after a first one, in Node ${process.version}:`,
    '',
    '| format | style, language | first run (ms) | median (ms) | p95 (ms) | output |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}
