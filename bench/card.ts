/**
 * Quote cards (issue #17) in real Chromium, with the built extension: the module the card dialog
 * loads (`chunks/draw-*.js`: layout, drawing, QR encoder) imported into an extension page, then a
 * card rendered again and again on a canvas: layout with the canvas's own `measureText`, then
 * painting, for quotes of 10, 100, 300 and 600 characters, French and English, both sizes, with
 * and without the QR code. Median and p95 per size and length; then the PNG encoding (what
 * Download and Copy add). Goal: a card drawn within 50 ms (it is redrawn on every change of an
 * option in the dialog), its PNG within 200 ms.
 *
 * Run: node bench/run.mjs card (after `npm run build`), or `npm run bench -- card`.
 */
import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { cardContent } from '../utils/card/content';
import type { CardContent } from '../utils/card/content';
import { EXTENSION_DIR, launch } from '../tests/support/chromium';
import { quoteOf } from '../tests/support/card-text';

const RUNS = 15;
const LENGTHS = [10, 100, 300, 600];
const SIZES = ['square', 'wide'] as const;

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]!;

/** The card of a quote of `length` characters, as the dialog builds it from a note and its article. */
function contentOf(length: number, lang: 'fr' | 'en'): CardContent {
  const exact = quoteOf(length, lang);
  return cardContent(
    { exact, selectors: [{ type: 'TextQuoteSelector', exact, prefix: 'Before the passage ', suffix: ' and after it.' }], url: 'https://example.org/essays/on-writing', speaker: lang === 'fr' ? 'Albert Camus' : 'Maya Okafor' },
    { url: 'https://example.org/essays/on-writing', title: lang === 'fr' ? 'Le Mythe de Sisyphe, relu' : 'Ten Pages a Day', siteName: 'The Quiet Desk', publishedTime: '2024-03-12', lang },
    'en',
  );
}

export async function main(): Promise<string> {
  const chunk = readdirSync(join(EXTENSION_DIR, 'chunks')).find((f) => /^draw-.*\.js$/u.test(f));
  if (!chunk) throw new Error(`no chunks/draw-*.js in ${EXTENSION_DIR}: build first`);
  const session = await launch();
  try {
    const page = await session.context.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/sidepanel.html`);
    // As a string: the module runner that loads this file would rewrite an `import()` in a function.
    await page.evaluate(`import(${JSON.stringify(`chrome-extension://${session.extensionId}/chunks/${chunk}`)}).then((m) => { globalThis.verbatimCard = m; })`);
    const rows: string[] = [];
    const all: number[] = [];
    const pngs: number[] = [];
    for (const size of SIZES) {
      for (const length of LENGTHS) {
        const cases = (['fr', 'en'] as const).flatMap((lang) => [false, true].map((qr) => ({ content: contentOf(length, lang), qr })));
        const times = await page.evaluate(
          async ({ cases, size, runs }) => {
            const draw = (globalThis as unknown as { verbatimCard: typeof import('../utils/card/draw') }).verbatimCard;
            const canvas = document.createElement('canvas');
            const out: { render: number[]; png: number[] } = { render: [], png: [] };
            for (let run = 0; run < runs; run++) {
              for (const c of cases) {
                const t0 = performance.now();
                draw.drawCard(canvas, c.content, { size, theme: run % 2 ? 'dark' : 'color', color: '#1f5f6b', qr: c.qr });
                out.render.push(performance.now() - t0);
              }
              if (run < 3) {
                const t1 = performance.now();
                await draw.cardPng(canvas);
                out.png.push(performance.now() - t1);
              }
            }
            return out;
          },
          { cases, size, runs: RUNS },
        );
        // The first runs load fonts and warm the JIT: the median and p95 are of the runs after.
        const warm = times.render.slice(cases.length);
        all.push(...warm);
        pngs.push(...times.png);
        rows.push(`| ${size === 'square' ? '1080 × 1080' : '1200 × 675'} | ${length} | ${quantile(warm, 0.5).toFixed(1)} | ${quantile(warm, 0.95).toFixed(1)} | ${times.render[0]!.toFixed(1)} |`);
      }
    }
    const mark = (ok: boolean) => (ok ? 'met' : '**not met**');
    return [
      `### Quote card rendered in real Chromium (layout with measureText, then drawing; FR and EN, with and without QR, ${RUNS} runs each); load average ${loadavg()[0]!.toFixed(1)}`,
      '',
      '| size | characters | median ms | p95 ms | first (cold) ms |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...rows,
      `| all | 10–600 | ${quantile(all, 0.5).toFixed(1)} | ${quantile(all, 0.95).toFixed(1)} | goal p95 < 50 ms: ${mark(quantile(all, 0.95) < 50)} |`,
      '',
      `PNG encoding (Download, Copy image): median ${quantile(pngs, 0.5).toFixed(1)} ms, p95 ${quantile(pngs, 0.95).toFixed(1)} ms over ${pngs.length} (goal < 200 ms: ${mark(quantile(pngs, 0.95) < 200)}).`,
    ].join('\n');
  } finally {
    await session.close();
  }
}
