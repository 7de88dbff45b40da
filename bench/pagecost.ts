/**
 * What Verbatim costs a page (issue #12), in real Chromium: the same page loaded with and without
 * the built extension, alternating, and the renderer's own accounting (DevTools
 * `Performance.getMetrics`) compared. Measures whatever build VERBATIM_OUT_DIR holds, whatever its
 * manifest injects:
 *
 * - (a) a short article with no notes, (b) a ~1 MB page with no notes, (c) the same long page with
 *   saved notes (the 220 highlights of its first version; the edits orphan 20, so 200 are drawn):
 *   extra script and main-thread task time (CPU and wall), extra JS heap (after a forced garbage
 *   collection, and as found);
 * - the size of what the manifest injects in every page (its content_scripts' files, raw and gzip);
 * - (c) the time from navigation start (and from the load event) to every anchorable highlight in
 *   `CSS.highlights`, read each animation frame by a poller, in loads of their own;
 * - the time from a first mouse-up on a fresh page (no notes) to the toolbar in Verbatim's closed
 *   shadow root, polled over the DevTools protocol.
 *
 * "Without" is a second Chromium, launched beside the first with the same flags minus the two that
 * load the extension (a fresh profile each): same binary, same machine, same pages from the same
 * server, loads alternating between the two. Disabling the extension in one browser would leave
 * its service worker and install state in play and take a chrome://extensions round trip per load.
 *
 * Run: `npm run bench pagecost` (benchmark build in .output-bench), or against any build:
 * `VERBATIM_OUT_DIR=<dir> node bench/run.mjs pagecost`. BENCH_LOADS (default 8) loads per
 * page and browser; BENCH_SETTLE_MS (default 1500) of quiet after load before reading the metrics.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type CDPSession } from 'playwright-core';
import { normalizeUrl } from '../utils/extract/url';
import { CHROMIUM, CHROMIUM_ARGS, EXTENSION_DIR, FIXTURES, launch, putNotes, type Session } from '../tests/support/chromium';
import { drag, selectionPoints } from '../tests/support/drag';
import { buildLongPage, notesOnLongPage } from '../tests/support/long-page';

const LOADS = Math.max(1, Number(process.env.BENCH_LOADS ?? 8));
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 1500);
/** The words dragged over in the short article for the toolbar timing (one text node). */
const DRAG_TEXT = 'Three years ago I started reading ten pages every morning';

const median = (xs: number[]) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
/** Half the interquartile range: how far a typical load strays from the median. */
const spread = (xs: number[]) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length < 4) return NaN;
  const q = (p: number) => s[Math.round(p * (s.length - 1))]!;
  return (q(0.75) - q(0.25)) / 2;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
const signed = (x: number, digits = 1) => (Number.isFinite(x) ? `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(digits)}` : 'n/a');
const MB = 1024 * 1024;

/**
 * Runs in the page's main world from its first script on (draw-time loads only, never in the
 * loads whose metrics are compared): on each animation frame, counts the ranges `CSS.highlights`
 * holds and notes the first frame at which every anchorable highlight was there. The generated page
 * registers no highlights of its own, so everything there is Verbatim's (its names are random).
 */
const POLLER = (want: number) => `(() => {
  const w = window; w.__pcDrawnAt = -1;
  const tick = () => {
    let n = 0;
    CSS.highlights.forEach((h) => { n += h.size; });
    if (n >= ${want}) w.__pcDrawnAt = performance.now();
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

interface Run {
  /** Main-thread CPU time (thread ticks). */
  scriptMs: number;
  taskMs: number;
  /** The same in wall time. */
  scriptWallMs: number;
  taskWallMs: number;
  heapMB: number;
  heapGcMB: number;
  /** Navigation start to the end of the load event. */
  loadMs: number;
  /** Ranges in `CSS.highlights` when the metrics were read. */
  drawn: number;
}

interface Draw {
  /** Navigation start to the frame at which every anchorable highlight was drawn. */
  drawnMs: number;
  loadMs: number;
  /** The benchmark build's own `verbatim:anchor` measure, when there is one. */
  anchorBusyMs: number;
  anchorElapsedMs: number;
}

interface PageCase {
  key: string;
  label: string;
  path: string;
  /** Highlights expected in CSS.highlights (0: none). */
  want: number;
}

/** Same options and flags as tests/support/chromium.ts `launch()`, without the extension. */
async function launchPlain(profile: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale: 'en-US',
    viewport: { width: 1280, height: 900 },
    args: ['--lang=en-US', ...CHROMIUM_ARGS],
  });
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

/**
 * One load in a fresh tab: a DevTools session opened on the blank tab before navigating
 * (`Performance.enable` first, so the counters cover the whole load), navigate, wait for the load
 * event and `SETTLE_MS` more, untouched (nothing is evaluated in the page before the metrics are
 * read), then read them, force a garbage collection and read the heap again.
 */
async function measureLoad(context: BrowserContext, url: string, label: string): Promise<Run> {
  const page = await context.newPage();
  try {
    // Two sessions, two clocks: the main thread's own CPU time (what other processes on a busy
    // machine cannot inflate) and wall time (DevTools' default).
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const wallCdp = await context.newCDPSession(page);
    await wallCdp.send('Performance.enable', { timeDomain: 'timeTicks' });
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await sleep(SETTLE_MS);
    const m = await metrics(cdp);
    const wall = await metrics(wallCdp);
    await cdp.send('HeapProfiler.collectGarbage');
    const gc = await metrics(cdp);
    await cdp.detach().catch(() => {});
    await wallCdp.detach().catch(() => {});
    const seen = await page.evaluate(() => {
      let drawn = 0;
      CSS.highlights.forEach((h) => (drawn += h.size));
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return { loadMs: nav?.loadEventEnd ?? NaN, drawn };
    });
    const run: Run = {
      scriptMs: (m.ScriptDuration ?? NaN) * 1000,
      taskMs: (m.TaskDuration ?? NaN) * 1000,
      scriptWallMs: (wall.ScriptDuration ?? NaN) * 1000,
      taskWallMs: (wall.TaskDuration ?? NaN) * 1000,
      heapMB: (m.JSHeapUsedSize ?? NaN) / MB,
      heapGcMB: (gc.JSHeapUsedSize ?? NaN) / MB,
      ...seen,
    };
    if (process.env.BENCH_VERBOSE) console.error(label, url, JSON.stringify(run, (_, v: unknown) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v)));
    return run;
  } finally {
    await page.close();
  }
}

/** (c) with the extension, in a fresh tab: navigation start to every highlight drawn. */
async function measureDraw(context: BrowserContext, url: string, want: number): Promise<Draw> {
  const page = await context.newPage();
  try {
    await page.addInitScript(POLLER(want));
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    const end = Date.now() + 30_000; // then reported as n/a
    while (Date.now() < end && (await page.evaluate(() => (window as unknown as { __pcDrawnAt?: number }).__pcDrawnAt ?? -1)) < 0) await sleep(50);
    await sleep(200); // the bench build's measure comes just after the last slice is drawn
    return await page.evaluate(() => {
      const w = window as unknown as { __pcDrawnAt?: number };
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const anchor = performance.getEntriesByName('verbatim:anchor')[0] as PerformanceMeasure | undefined;
      const detail = anchor?.detail as { elapsedMs?: number } | undefined;
      return {
        drawnMs: (w.__pcDrawnAt ?? -1) >= 0 ? w.__pcDrawnAt! : NaN,
        loadMs: nav?.loadEventEnd ?? NaN,
        anchorBusyMs: anchor?.duration ?? NaN,
        anchorElapsedMs: detail?.elapsedMs ?? NaN,
      };
    });
  } finally {
    await page.close();
  }
}

interface CdpNode {
  nodeName: string;
  attributes?: string[];
  shadowRootType?: 'open' | 'closed' | 'user-agent';
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
}

/** Whether Verbatim's closed shadow root (under `<html>`) holds an element of class `toolbar`. */
function toolbarIn(root: CdpNode): boolean {
  const has = (n: CdpNode): boolean => {
    const a = n.attributes ?? [];
    for (let i = 0; i + 1 < a.length; i += 2) if (a[i] === 'class' && a[i + 1]!.split(/\s+/).includes('toolbar')) return true;
    return (n.children ?? []).some(has) || (n.shadowRoots ?? []).some(has);
  };
  const html = root.children?.find((n) => n.nodeName === 'HTML');
  return (html?.children ?? []).flatMap((n) => n.shadowRoots ?? []).some((r) => r.shadowRootType === 'closed' && has(r));
}

/**
 * A first selection on a fresh page with no notes: a real mouse drag, the clock read just before
 * the mouse-up is sent, then `DOM.getDocument` (pierce) as fast as it answers until the toolbar is
 * in the shadow root. The time is taken when the answer that shows it arrives (an upper bound: the
 * toolbar appeared at most one poll earlier); returns it and the median poll round trip.
 */
async function firstToolbar(session: Session, url: string): Promise<{ ms: number; pollMs: number }> {
  const page = await session.context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    await sleep(SETTLE_MS); // a reader reads a little before selecting
    const cdp = await session.context.newCDPSession(page);
    const points = await page.evaluate(selectionPoints, { text: DRAG_TEXT, occurrence: 0 });
    if (!points) throw new Error(`"${DRAG_TEXT}" not found in ${url}`);
    // drag() without its last step: the clock starts just before the mouse-up.
    let t0 = 0;
    await drag(
      {
        move: (x, y, o) => page.mouse.move(x, y, o),
        down: () => page.mouse.down(),
        up: async () => {
          t0 = performance.now();
          await page.mouse.up();
        },
      },
      points,
      DRAG_TEXT,
    );
    const polls: number[] = [];
    const end = t0 + 10_000;
    for (;;) {
      const before = performance.now();
      const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
      const now = performance.now();
      polls.push(now - before);
      if (toolbarIn(root)) {
        await cdp.detach().catch(() => {});
        return { ms: now - t0, pollMs: median(polls) };
      }
      if (now > end) throw new Error('no toolbar 10 s after the mouse-up');
    }
  } finally {
    await page.close();
  }
}

/** The files the built manifest injects in every matching page, raw and gzip (level 9). */
function injected(): { files: Array<{ file: string; raw: number; gzip: number; runAt: string }>; raw: number; gzip: number } {
  const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
    content_scripts?: Array<{ js?: string[]; css?: string[]; run_at?: string }>;
  };
  const files = (manifest.content_scripts ?? []).flatMap((cs) =>
    [...(cs.js ?? []), ...(cs.css ?? [])].map((file) => {
      const bytes = readFileSync(join(EXTENSION_DIR, file));
      return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, runAt: cs.run_at ?? 'document_idle' };
    }),
  );
  return { files, raw: files.reduce((s, f) => s + f.raw, 0), gzip: files.reduce((s, f) => s + f.gzip, 0) };
}

export async function main(): Promise<string> {
  const t = Date.now();
  const long = buildLongPage({ seed: 42 });
  const orphans = long.highlights.filter((h) => h.expect === 'orphan').length;
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-pagecost-'));
  copyFileSync(join(FIXTURES, 'article-en.html'), join(dir, 'article.html'));
  // (b) and (c) are the same document; only (c)'s URL has notes.
  writeFileSync(join(dir, 'long.html'), long.after);
  writeFileSync(join(dir, 'long-notes.html'), long.after);
  const session = await launch({ servedDir: dir });
  const plainProfile = mkdtempSync(join(tmpdir(), 'verbatim-pagecost-plain-'));
  let plain: BrowserContext | undefined;
  try {
    plain = await launchPlain(plainProfile);
    const notesUrl = normalizeUrl(`${session.origin}/long-notes.html`);
    // The 200 highlights described on the page as first seen; the served page is the edited one.
    const notes = notesOnLongPage(long.before, notesUrl);
    await putNotes(session, notes);

    const cases: PageCase[] = [
      { key: 'a', label: `(a) short article (${(readFileSync(join(dir, 'article.html')).length / 1024).toFixed(0)} KB HTML), no notes`, path: 'article.html', want: 0 },
      { key: 'b', label: `(b) long page (${(Buffer.byteLength(long.after) / MB).toFixed(2)} MB HTML), no notes`, path: 'long.html', want: 0 },
      { key: 'c', label: `(c) the same long page, ${notes.length} notes (${orphans} orphaned)`, path: 'long-notes.html', want: notes.length - orphans },
    ];
    // Warm-up, not counted: each page once in each browser (disk cache, code caches, the worker).
    for (const c of cases) {
      await measureLoad(session.context, `${session.origin}/${c.path}`, 'warm-up with');
      await measureLoad(plain, `${session.origin}/${c.path}`, 'warm-up without');
    }
    const runs = new Map<string, { with: Run[]; without: Run[] }>(cases.map((c) => [c.key, { with: [], without: [] }]));
    for (let i = 0; i < LOADS; i++) {
      for (const c of cases) {
        const url = `${session.origin}/${c.path}`;
        const r = runs.get(c.key)!;
        // Alternating, and which goes first alternates too.
        for (const withIt of i % 2 === 0 ? [true, false] : [false, true]) {
          if (withIt) r.with.push(await measureLoad(session.context, url, `${c.key} with`));
          else r.without.push(await measureLoad(plain, url, `${c.key} without`));
        }
      }
    }
    const notesCase = cases[2]!;
    const draws: Draw[] = [];
    for (let i = 0; i < LOADS; i++) draws.push(await measureDraw(session.context, `${session.origin}/${notesCase.path}`, notesCase.want));
    const toolbar: Array<{ ms: number; pollMs: number }> = [];
    for (let i = 0; i < LOADS; i++) toolbar.push(await firstToolbar(session, `${session.origin}/article.html?fresh=${i}`));

    const inj = injected();
    const version = plain.browser()?.version() ?? 'version unknown';
    const med = (xs: Run[], k: keyof Run) => median(xs.map((x) => x[k]));
    const lines: string[] = [];
    lines.push(
      `### Page cost: the same page with and without the extension, real Chromium, median of ${LOADS} alternating loads each`,
      '',
      `Build: ${EXTENSION_DIR}. Chromium ${version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}. Metrics: DevTools \`Performance.getMetrics\` ` +
        `of a fresh tab, read ${SETTLE_MS} ms after the load event: script and task time on the renderer's main thread, in its own CPU time ` +
        `(thread ticks; a busy machine does not inflate it) and in wall time; JS heap used, after a forced GC and as found. Extra = median with − median without.`,
      '',
      '| page | extra script ms, CPU (wall) | extra task ms, CPU (wall) | extra JS heap MB, after GC (as found) | goal |',
      '| --- | ---: | ---: | ---: | --- |',
    );
    for (const c of cases) {
      const r = runs.get(c.key)!;
      const d = (k: keyof Run) => med(r.with, k) - med(r.without, k);
      const goal = c.want > 0 ? 'no slower than before the split' : '≤ 1 ms script, ≤ 0.3 MB heap';
      lines.push(
        `| ${c.label} | ${signed(d('scriptMs'))} (${signed(d('scriptWallMs'))}) | ${signed(d('taskMs'))} (${signed(d('taskWallMs'))}) | ` +
          `${signed(d('heapGcMB'), 2)} (${signed(d('heapMB'), 2)}) | ${goal} |`,
      );
    }
    lines.push(
      '',
      'Medians, with / without the extension:',
      '',
      '| page | script ms, CPU | script ms, wall | task ms, CPU | task ms, wall | JS heap MB, after GC | JS heap MB, as found | load event end, ms |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const c of cases) {
      const r = runs.get(c.key)!;
      const both = (k: keyof Run, digits = 1) => `${fmt(med(r.with, k), digits)} / ${fmt(med(r.without, k), digits)}`;
      lines.push(
        `| ${c.key} | ${both('scriptMs')} | ${both('scriptWallMs')} | ${both('taskMs')} | ${both('taskWallMs')} | ${both('heapGcMB', 2)} | ${both('heapMB', 2)} | ${both('loadMs', 0)} |`,
      );
    }
    const noise = cases
      .map((c) => {
        const r = runs.get(c.key)!;
        const sp = (k: keyof Run) => `${fmt(spread(r.with.map((x) => x[k])))} / ${fmt(spread(r.without.map((x) => x[k])))}`;
        return `${c.key}: script ${sp('scriptMs')}, task ${sp('taskMs')}`;
      })
      .join('; ');
    lines.push('', `Noise, half the interquartile range of the loads (CPU ms, with / without): ${noise}.`);
    const drawnCounts = [...new Set(runs.get('c')!.with.map((x) => x.drawn))].join(', ');
    const dmed = (k: keyof Draw) => median(draws.map((x) => x[k]));
    const toolbarMs = median(toolbar.map((x) => x.ms));
    lines.push(
      '',
      '| injected in every page (manifest content_scripts) | raw KB | gzip KB | goal |',
      '| --- | ---: | ---: | --- |',
      ...inj.files.map((f) => `| ${f.file} (${f.runAt}) | ${fmt(f.raw / 1024)} | ${fmt(f.gzip / 1024)} | |`),
      `| **total** | **${fmt(inj.raw / 1024)}** | **${fmt(inj.gzip / 1024)}** | ≤ 10 KB gzip |`,
      '',
      '| timing (median) | ms | goal |',
      '| --- | ---: | --- |',
      `| (c) navigation start → ${notesCase.want} highlights drawn (frame) | ${fmt(dmed('drawnMs'), 0)} | no slower than before |`,
      `| (c) load event end → ${notesCase.want} highlights drawn | ${fmt(median(draws.map((x) => x.drawnMs - x.loadMs)), 0)} | |`,
      `| (c) \`verbatim:anchor\`: main-thread ms / wall ms (bench build) | ${fmt(dmed('anchorBusyMs'))} / ${fmt(dmed('anchorElapsedMs'))} | |`,
      `| first mouse-up → toolbar in the shadow root (fresh page, no notes) | ${fmt(toolbarMs, 0)} | ≤ 100 ms |`,
      '',
      `Highlights drawn in (c) when its metrics were read: ${drawnCounts} (expected ${notesCase.want}: ${notes.length} notes, ${orphans} orphaned by the edits). ` +
        `Draw time: ${LOADS} more loads of (c), a poller each animation frame; the first frame at which \`CSS.highlights\` held them all (resolution 1 frame). ` +
        `Toolbar: upper bound, median poll round trip ${fmt(median(toolbar.map((x) => x.pollMs)))} ms; ` +
        `each: ${toolbar.map((x) => fmt(x.ms, 0)).join(', ')} ms. Run took ${((Date.now() - t) / 1000).toFixed(0)} s.`,
    );
    return lines.join('\n');
  } finally {
    await plain?.close().catch(() => {});
    await session.close();
    rmSync(dir, { recursive: true, force: true });
    if (existsSync(plainProfile)) rmSync(plainProfile, { recursive: true, force: true });
  }
}
