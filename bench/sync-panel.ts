/**
 * The side panel's search while a real sync runs, in real Chromium (part of `npm run bench -- sync`):
 * a profile whose library already holds 50,000 notes, its side panel open with its search index
 * built, turns sync on against a server holding thousands of notes it does not have; while the
 * background pulls them and stores them batch by batch (and the panel's index follows them as
 * they land), keys are typed in the panel's search box and timed from the key to the frame
 * that shows the results, as bench/review.ts times them. Goal: under 50 ms.
 */
import { launchEmptyLibrary, putRows, storeCount } from '../tests/support/chromium';
import { waitFor } from '../tests/support/wait';
import { setUpSync } from '../tests/support/sync-form';
import { keystrokes, quantile } from './search';
import { library } from './sync-data';


export interface PanelResult {
  indexed: number;
  arrived: number;
  syncMs: number;
  keys: number[];
}

/**
 * Runs the measure against `database` on the server at `url` (which holds `onServer` notes).
 * Needs a build (`npm run bench` makes one).
 */
export async function panelDuringSync(url: string, database: string, onServer: number, indexNotes = 50_000): Promise<PanelResult> {
  const session = await launchEmptyLibrary();
  const countNotes = () => storeCount(session, 'notes');
  try {
    // The library already there: written straight into the stores (not through Dexie, so not
    // waiting to be sent: it stays this browser's own and the sync only pulls).
    const own = library(indexNotes, 21, 'panel');
    const put = (store: string, rows: unknown[]) => putRows(session, store, rows);
    await put('articles', own.articles);
    for (let i = 0; i < own.notes.length; i += 5_000) await put('notes', own.notes.slice(i, i + 5_000));

    const panel = await session.context.newPage();
    await panel.goto(`chrome-extension://${session.extensionId}/sidepanel.html`);
    // Search is ready when a word narrows the list (see bench/review.ts).
    await panel.waitForFunction(
      () => {
        const w = window as unknown as { __probe?: boolean };
        const box = document.querySelector<HTMLInputElement>('.search-input');
        if (!box) return false;
        if (!w.__probe) {
          box.value = 'zzzzzz';
          box.dispatchEvent(new Event('input', { bubbles: true }));
          w.__probe = true;
          return false;
        }
        return /\d/.test(document.querySelector('.result-count')?.textContent ?? '');
      },
      undefined,
      { polling: 100, timeout: 120_000 },
    );
    const keys = own.queries.flatMap(keystrokes);
    const type = (value: string) =>
      panel.evaluate(async (v) => {
        const box = document.querySelector<HTMLInputElement>('.search-input')!;
        const t0 = performance.now();
        box.value = v;
        box.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return performance.now() - t0;
      }, value);
    for (const k of keys.slice(0, 20)) await type(k); // warm-up

    const before = await countNotes();
    const options = await session.context.newPage();
    await options.goto(`chrome-extension://${session.extensionId}/options.html`);
    const t0 = Date.now();
    await setUpSync(options, { url, database });
    await panel.bringToFront();
    const times: number[] = [];
    let stored = before;
    for (let k = 0; stored < before + onServer; k++) {
      times.push(await type(keys[k % keys.length]!));
      if (k % 10 === 9) stored = await countNotes();
      if (Date.now() - t0 > 600_000) throw new Error(`bench: ${stored - before} of ${onServer} notes arrived in 10 min`);
    }
    const syncMs = Date.now() - t0;
    return { indexed: before, arrived: stored - before, syncMs, keys: times };
  } finally {
    await session.close();
  }
}

export const summary = (keys: number[]) => ({ median: quantile(keys, 0.5), p95: quantile(keys, 0.95), max: Math.max(...keys) });
