import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickInShadow, shadowHas, waitForVerbatim } from '../e2e/devtools';
import { launch, type Session } from '../support/chromium';
import { CORPUS_DIR, collapse, corpusPresent, loadCorpus, type CorpusPage } from '../support/corpus';
import { drag, type DragPoints } from '../support/drag';
import { waitFor } from '../support/wait';

/**
 * The corpus in real Chromium with the built extension: every quote is selected on v1 and saved
 * with the real toolbar; then the same URL serves another variant (the site edited its page
 * since the last visit) and what the extension draws must be where the manifest says.
 */

type Where = { start: [number | string, number]; end: [number | string, number] };

/**
 * Selects the manifest's [data-block, collapsed offset] span in the page as a reader does: a drag
 * of the real mouse from its first character to its last (Verbatim ignores a page script's own
 * selection). Returns the text selected.
 */
async function selectSpan(page: Page, where: Where): Promise<string> {
  const points = await spanPoints(page, where);
  await drag(page.mouse, points, JSON.stringify(where));
  return page.evaluate(() => document.getSelection()!.toString());
}

/** The viewport points of the span's first and last characters, scrolled into view. */
function spanPoints(page: Page, where: Where): Promise<DragPoints> {
  return page.evaluate(async (w) => {
    // Maps collapsed offsets (whitespace runs as one space, leading space trimmed) to DOM points.
    const pointAt = (block: string, offset: number): [Node, number] => {
      const el = document.querySelector(`[data-block="${block}"]`);
      if (!el) throw new Error(`no block ${block}`);
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      let count = 0;
      let lastWasSpace = true;
      let last: [Node, number] = [el, 0];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const data = (n as Text).data;
        for (let i = 0; i < data.length; i++) {
          const space = /\s/.test(data[i]!);
          if (space && lastWasSpace) continue;
          if (count === offset) return [n, i];
          count++;
          lastWasSpace = space;
          last = [n, i + 1];
        }
      }
      return last;
    };
    const [sn, so] = pointAt(String(w.start[0]), w.start[1]);
    // The span's last character: the one just before its end offset.
    const [en, el] = pointAt(String(w.end[0]), w.end[1] - 1);
    (sn.parentElement ?? document.body).scrollIntoView({ block: 'center', behavior: 'instant' });
    // Measured after the scroll has been laid out and painted.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const charRect = (node: Node, from: number) => {
      const r = document.createRange();
      r.setStart(node, from);
      r.setEnd(node, from + 1);
      return r.getBoundingClientRect();
    };
    const a = charRect(sn, so);
    const b = charRect(en, el);
    return { x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2 };
  }, where);
}

/** Where Verbatim drew each passage, as [data-block, collapsed offset] spans, with their text. */
function drawnSpans(page: Page) {
  return page.evaluate(() => {
    const locate = (node: Node, offset: number): [string, number] => {
      const el = (node.nodeType === 1 ? (node as Element) : node.parentElement)!.closest('[data-block]');
      if (!el) return ['?', -1];
      const before = document.createRange();
      before.setStart(el, 0);
      before.setEnd(node, offset);
      const text = before.toString();
      // Same collapsing as the manifest: leading whitespace dropped, runs counted once.
      const collapsed = text.replace(/\s+/g, ' ').replace(/^ /, '');
      return [el.getAttribute('data-block')!, collapsed.length];
    };
    const out: Array<{ text: string; start: [string, number]; end: [string, number] }> = [];
    // Verbatim's highlights have random names; the corpus pages register none of their own.
    CSS.highlights.forEach((highlight) => {
      highlight.forEach((r) => {
        const range = r as Range;
        out.push({
          text: range.toString(),
          start: locate(range.startContainer, range.startOffset),
          end: locate(range.endContainer, range.endOffset),
        });
      });
    });
    return out;
  });
}

const close = (a: [string, number], b: [number | string, number]) => a[0] === String(b[0]) && Math.abs(a[1] - b[1]) <= 1;

describe.skipIf(!corpusPresent)('corpus in real Chromium, every variant', () => {
  const corpus = corpusPresent ? loadCorpus() : { pages: [] as CorpusPage[], baseUrl: '' };
  /** slug → the variant file served at /pages/<slug>.html right now. */
  const serving = new Map<string, string>();
  let server: Server;
  let origin: string;
  let session: Session;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const slug = /^\/pages\/([\w-]+)\.html/.exec(req.url ?? '')?.[1];
      const file = slug && serving.get(slug);
      if (!file) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(readFileSync(join(CORPUS_DIR, file)));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const address = server.address();
    origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    session = await launch();
  });
  afterAll(async () => {
    await session?.close();
    await new Promise((ok) => server?.close(ok));
  });

  for (const page of corpus.pages) {
    it(`${page.slug}: quotes saved on v1 come back where the manifest says, or nowhere`, async () => {
      const v1 = page.variants.find((v) => v.name === 'v1')!;
      serving.set(page.slug, v1.file);
      const tab = await session.context.newPage();
      await tab.goto(`${origin}/pages/${page.slug}.html?utm_source=corpus`);
      await waitForVerbatim(tab);

      for (const quote of page.quotes) {
        // A drag that the page did not take (it was still settling after load or scroll) is
        // made again, as a reader would: up to three times.
        let selected = '';
        for (let attempt = 0; attempt < 3 && collapse(selected) !== collapse(quote.exact); attempt++) {
          if (attempt > 0) await tab.waitForTimeout(300);
          selected = await selectSpan(tab, v1.where[quote.id]!);
        }
        expect(collapse(selected)).toBe(collapse(quote.exact));
        await waitFor(() => shadowHas(tab, 'button[data-action="highlight"]'), 5000, `toolbar for ${quote.id}`);
        const before = (await drawnSpans(tab)).length;
        await clickInShadow(tab, 'button[data-action="highlight"]');
        await waitFor(async () => (await drawnSpans(tab)).length === before + 1, 5000, `${quote.id} drawn`);
      }

      for (const name of ['v1', 'v2', 'v3', 'v4', 'v5']) {
        const variant = page.variants.find((v) => v.name === name)!;
        serving.set(page.slug, variant.file);
        await tab.reload();
        await waitForVerbatim(tab);
        const expected = page.quotes.filter((q) => variant.expect[q.id] !== 'orphan');
        await waitFor(async () => (await drawnSpans(tab)).length >= expected.length, 8000, `${name} drawn`).catch(() => {});
        const drawn = await drawnSpans(tab);
        for (const quote of expected) {
          const where = variant.where[quote.id]!;
          const text = collapse(where.text ?? quote.exact);
          const hit = drawn.find((d) => close(d.start, where.start) && close(d.end, where.end));
          expect(hit, `${page.slug} ${name} ${quote.id} (${variant.expect[quote.id]}) at ${JSON.stringify(where)}; drawn: ${JSON.stringify(drawn)}`).toBeDefined();
          expect(collapse(hit!.text)).toBe(text);
        }
        expect(drawn).toHaveLength(expected.length);
      }
      await tab.close();
    });
  }
});
