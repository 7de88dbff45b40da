/**
 * Anchoring in real Chromium, with the built extension: the generated ~1 MB page's highlights
 * (described on the page as first seen) are put in the extension's database, the edited page is
 * opened, and the content script's own measure `verbatim:anchor` is read back: main-thread time
 * spent anchoring and drawing every highlight (it yields between slices, so this is work time,
 * not wall time), and the wall time until everything was drawn.
 *
 * Run: node bench/run.mjs chromium (after `npm run build`).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizeUrl } from '../utils/extract/url';
import { launch, putNotes } from '../tests/support/chromium';
import { buildLongPage, notesOnLongPage } from '../tests/support/long-page';

const RUNS = 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function main(): Promise<string> {
  const page = buildLongPage({ seed: 42 });
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-bench-'));
  writeFileSync(join(dir, 'long.html'), page.before);
  const session = await launch({ servedDir: dir });
  try {
    const url = normalizeUrl(`${session.origin}/long.html`);
    // Describe every highlight on the page as first seen (the same text the browser parses).
    const notes = notesOnLongPage(page.before, url);
    await putNotes(session, notes);

    writeFileSync(join(dir, 'long.html'), page.after);
    const busy: number[] = [];
    const wall: number[] = [];
    const indexMs: number[] = [];
    const drawMs: number[] = [];
    const sendMs: number[] = [];
    let drawn = 0;
    let orphans = 0;
    const tab = await session.context.newPage();
    for (let run = 0; run < RUNS; run++) {
      await tab.goto(`${session.origin}/long.html`);
      const entry = await tab.waitForFunction(
        () => {
          const e = performance.getEntriesByName('verbatim:anchor')[0] as PerformanceMeasure | undefined;
          return e && { duration: e.duration, detail: e.detail as { notes: number; orphans: number; elapsedMs: number } };
        },
        undefined,
        { timeout: 30_000 },
      );
      const { duration, detail } = (await entry.jsonValue())!;
      busy.push(duration);
      indexMs.push(await tab.evaluate(() => (performance.getEntriesByName('verbatim:index')[0] as PerformanceMeasure).duration));
      sendMs.push(await tab.evaluate(() => (performance.getEntriesByName('verbatim:send')[0] as PerformanceMeasure | undefined)?.duration ?? NaN));
      drawMs.push(await tab.evaluate(() => (performance.getEntriesByName('verbatim:draw')[0] as PerformanceMeasure).duration));
      wall.push(detail.elapsedMs);
      orphans = detail.orphans;
      drawn = await tab.evaluate(() => {
        let n = 0;
        // Verbatim's highlight names are random; the generated page registers none of its own.
        CSS.highlights.forEach((h) => (n += h.size));
        return n;
      });
    }
    const expectedOrphans = page.highlights.filter((h) => h.expect === 'orphan').length;
    const lines = [
      `### Real Chromium, built extension: ${(page.textLength / 1e6).toFixed(2)} MB page, ${notes.length} highlights (${expectedOrphans} deleted), median of ${RUNS} loads`,
      '',
      'The page\'s main thread reads its text, sends it, and draws; quotes are matched in the extension\'s service worker.',
      '',
      '| highlights drawn | orphaned (expected) | page main-thread ms (median, worst) | of which reading the page text | of which sending it | of which drawing | wall ms until drawn | goal |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
      `| ${drawn} | ${orphans} (${expectedOrphans}) | ${median(busy).toFixed(1)}, ${Math.max(...busy).toFixed(1)} | ${median(indexMs).toFixed(1)} | ${median(sendMs).toFixed(1)} | ${median(drawMs).toFixed(1)} | ${median(wall).toFixed(1)} | < 50 ms main thread |`,
    ];
    return lines.join('\n');
  } finally {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
